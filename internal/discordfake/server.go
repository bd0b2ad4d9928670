// Package discordfake is an in-process fake of Discord's REST API and gateway
// that discordgo talks to for real, over loopback HTTP and a websocket.
//
// It is a test double with teeth: it decodes every request into its own types
// (never discordgo's), enforces Discord's limits counting Unicode characters
// and answers with Discord's error formats (50035 Invalid Form Body, 10003
// Unknown Channel, 50013 Missing Permissions, 429 with retry_after and
// X-RateLimit-* headers, 401 without the bot token). It honours nonce with
// enforce_nonce, records every message, registered command and interaction
// response, and can inject failures: server errors, rate limits and lost
// responses (the message is created, the connection is closed unanswered).
//
// Routes are served under /api/v9/ (and /api/v10/, /api/ for webhook URLs);
// GET /api/v9/gateway hands out the fake's own ws:// gateway URL. Point
// discordgo at it by rewriting https://discord.com/ to Server.URL in the
// session's HTTP transport.
//
// Interactions reach a bot over the gateway (InjectInteraction) or, as
// Discord's HTTP interactions do, as signed POSTs to the bot's endpoint
// (PostInteraction), whose answer becomes the interaction's callback.
//
// The package does not import testing: cmd/fakediscord serves it too.
package discordfake

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server. Zero values give working defaults.
type Options struct {
	// Token is the bot token the fake accepts, without the "Bot " prefix.
	// Default "fake-token".
	Token string
	// ApplicationID is the application's (and the bot user's) snowflake.
	ApplicationID string
	// BotUsername is the bot user's name. Default "newshound".
	BotUsername string
	// Channels are the text channels that exist from the start.
	Channels []string
	// Listener, when set, is served instead of a fresh loopback listener
	// (cmd/fakediscord passes one bound to --listen).
	Listener net.Listener
	// HeartbeatInterval is announced in HELLO. Default 41.25 s, as Discord.
	HeartbeatInterval time.Duration
	// NonceWindow is how long a nonce with enforce_nonce deduplicates
	// creates in a channel. Default 5 minutes.
	NonceWindow time.Duration
	// OnMessage, when set, is called (outside the fake's lock) after every
	// message the fake creates or edits; Edited is set on edits.
	OnMessage func(Message)
}

// Server is a running fake Discord. All methods are safe for concurrent use.
type Server struct {
	opts    Options
	hs      *httptest.Server
	handler http.Handler

	requests atomic.Int64
	lastID   atomic.Int64

	mu           sync.Mutex
	channels     map[string]*channel
	webhooks     map[string]*webhook
	commands     map[string][]Command // by guild ID; "" holds the global commands
	interactions map[string]*InteractionState
	byToken      map[string]string // interaction token → interaction ID
	faults       map[string][]fault
	nonces       map[nonceKey]nonceEntry
	latency      map[string][2]time.Duration // by channel or webhook ID: min, max
	paths        []string                    // request paths with /api/vN, for tests

	gw gateway
}

type channel struct {
	id        string
	forbidden bool
	messages  []Message
	kind      int    // channelText, channelThread or channelForum
	parent    string // a thread's channel
	name      string // a thread's name
}

type webhook struct {
	id, token string
	channelID string // "" for a webhook the fake keeps apart from any channel
	messages  []Message
}

type faultKind int

const (
	faultStatus faultKind = iota
	faultRateLimit
	faultDrop
)

type fault struct {
	kind       faultKind
	status     int
	retryAfter time.Duration
}

type nonceKey struct{ channel, nonce string }

type nonceEntry struct {
	messageID string
	at        time.Time
}

// New starts a fake Discord on a loopback port (or on opts.Listener). Like
// httptest.NewServer it panics if it cannot listen on loopback.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "fake-token"
	}
	if opts.ApplicationID == "" {
		opts.ApplicationID = "1100000000000000001"
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "newshound"
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	if opts.NonceWindow <= 0 {
		opts.NonceWindow = 5 * time.Minute
	}
	s := &Server{
		opts:         opts,
		channels:     map[string]*channel{},
		webhooks:     map[string]*webhook{},
		commands:     map[string][]Command{},
		interactions: map[string]*InteractionState{},
		byToken:      map[string]string{},
		faults:       map[string][]fault{},
		nonces:       map[nonceKey]nonceEntry{},
		latency:      map[string][2]time.Duration{},
	}
	s.gw.init()
	for _, id := range opts.Channels {
		s.AddChannel(id)
	}
	s.handler = s.routes()
	if opts.Listener != nil {
		s.hs = &httptest.Server{Listener: opts.Listener, Config: &http.Server{Handler: s.handler}}
		s.hs.Start()
	} else {
		s.hs = httptest.NewServer(s.handler)
	}
	return s
}

// URL is the fake's root URL (http://127.0.0.1:port): the api_base to give
// the bot.
func (s *Server) URL() string { return s.hs.URL }

// GatewayURL is the websocket URL GET /gateway hands out.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/ws" }

// Token is the bot token the fake accepts (without "Bot ").
func (s *Server) Token() string { return s.token() }

// ApplicationID is the fake application's (and bot user's) ID.
func (s *Server) ApplicationID() string { return s.opts.ApplicationID }

// Close closes gateway connections and shuts the server down.
func (s *Server) Close() {
	s.gw.closeAll()
	s.hs.Close()
	s.gw.wait()
}

// AddChannel makes a text channel exist (and lifts a ForbidChannel).
func (s *Server) AddChannel(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.channels[id]; ok {
		c.forbidden = false
		return
	}
	s.channels[id] = &channel{id: id}
}

// ForbidChannel makes the channel exist but refuse the bot's messages with
// 403 Missing Permissions.
func (s *Server) ForbidChannel(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[id]
	if !ok {
		c = &channel{id: id}
		s.channels[id] = c
	}
	c.forbidden = true
}

// AddWebhook creates an incoming webhook and returns its URL, in Discord's
// form (<URL>/api/webhooks/<id>/<token>).
func (s *Server) AddWebhook(id, token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhooks[id] = &webhook{id: id, token: token}
	return s.hs.URL + "/api/webhooks/" + id + "/" + token
}

// AddChannelWebhook creates an incoming webhook that posts into a text
// channel (created if needed), as Discord's do: its messages are also the
// channel's (Messages, GET /channels/{id}/messages), and GET
// /webhooks/{id}/{token} names the channel. It returns the webhook's URL.
func (s *Server) AddChannelWebhook(id, token, channelID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.channels[channelID]; !ok {
		s.channels[channelID] = &channel{id: channelID}
	}
	s.webhooks[id] = &webhook{id: id, token: token, channelID: channelID}
	return s.hs.URL + "/api/webhooks/" + id + "/" + token
}

// SetToken changes the bot token the fake accepts: the old one then gets
// 401 Unauthorized, as after a token reset.
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Token = token
}

// SetWebhookToken changes a webhook's token: the old one gets 401 Invalid
// Webhook Token.
func (s *Server) SetWebhookToken(id, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.webhooks[id]; ok {
		w.token = token
	}
}

// DeleteWebhook deletes a webhook, as a channel's admin does in its
// settings: executing it gets 404 Unknown Webhook (10015). The messages it
// posted stay in their channel.
func (s *Server) DeleteWebhook(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.webhooks, id)
}

// SetLatency makes every message create in a channel (or webhook, by its ID)
// take between min and max (uniformly) before it is handled, as a slow or
// distant Discord does. Zero durations remove the latency.
func (s *Server) SetLatency(id string, min, max time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if max < min {
		max = min
	}
	s.latency[id] = [2]time.Duration{min, max}
}

// delay sleeps for id's latency, or until the request is abandoned.
func (s *Server) delay(r *http.Request, id string) {
	s.mu.Lock()
	l := s.latency[id]
	s.mu.Unlock()
	if l[1] <= 0 {
		return
	}
	d := l[0]
	if l[1] > l[0] {
		d += time.Duration(rand.Int64N(int64(l[1] - l[0])))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// maxPaths bounds the request paths kept (the oldest half goes).
const maxPaths = 10000

// Paths returns the path of every REST request received, in order (with
// its /api/vN prefix; the last few thousand), and of gateway connections
// with their query (/ws?v=10&encoding=json), e.g. to check the API version a client uses.
func (s *Server) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// token is the bot token the fake accepts now.
func (s *Server) token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.Token
}

// FailNext makes the next n message creates in a channel (or webhook, by its
// ID) answer with status and a Discord error body, creating nothing.
func (s *Server) FailNext(id string, n, status int) {
	s.addFaults(id, n, fault{kind: faultStatus, status: status})
}

// RateLimitNext makes the next n message creates in a channel (or webhook)
// answer 429 with the given retry_after.
func (s *Server) RateLimitNext(id string, n int, retryAfter time.Duration) {
	s.addFaults(id, n, fault{kind: faultRateLimit, retryAfter: retryAfter})
}

// DropResponseNext makes the next message create in a channel (or webhook)
// succeed but lose its response: the connection is closed unanswered.
func (s *Server) DropResponseNext(id string) {
	s.addFaults(id, 1, fault{kind: faultDrop})
}

// FailReadsNext makes the next n reads of a channel's messages
// (GET /channels/{id}/messages) answer with status, reading nothing.
func (s *Server) FailReadsNext(channelID string, n, status int) {
	s.addFaults(readFaultKey(channelID), n, fault{kind: faultStatus, status: status})
}

// readFaultKey keys the faults of reading a channel apart from its creates.
func readFaultKey(channelID string) string { return "read:" + channelID }

func (s *Server) addFaults(id string, n int, f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[id] = append(s.faults[id], f)
	}
}

// takeFault pops the next fault for id; the caller holds s.mu.
func (s *Server) takeFault(id string) (fault, bool) {
	q := s.faults[id]
	if len(q) == 0 {
		return fault{}, false
	}
	s.faults[id] = q[1:]
	return q[0], true
}

// Messages returns the messages in a channel, oldest first.
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[channelID]
	if !ok {
		return nil
	}
	return append([]Message(nil), c.messages...)
}

// WebhookMessages returns the messages posted through a webhook, oldest first.
func (s *Server) WebhookMessages(webhookID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.webhooks[webhookID]
	if !ok {
		return nil
	}
	return append([]Message(nil), w.messages...)
}

// Requests is the number of HTTP requests the fake has received (REST and
// gateway upgrades), including refused ones.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// Commands returns the registered application commands: the global ones,
// then each guild's (GuildID set), in registration order.
func (s *Server) Commands() []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Command
	out = append(out, s.commands[""]...)
	for g, cmds := range s.commands {
		if g != "" {
			out = append(out, cmds...)
		}
	}
	return out
}

// snowflake returns a new unique ID shaped like Discord's (timestamp << 22).
func (s *Server) snowflake() string {
	const discordEpoch = 1420070400000
	for {
		last := s.lastID.Load()
		next := (time.Now().UnixMilli() - discordEpoch) << 22
		if next <= last {
			next = last + 1
		}
		if s.lastID.CompareAndSwap(last, next) {
			return strconv.FormatInt(next, 10)
		}
	}
}

// routes builds the handler: the websocket gateway at /ws, REST under
// /api/v9/ (or /api/v10/), webhooks also under /api/.
func (s *Server) routes() http.Handler {
	api := http.NewServeMux()
	bot := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bot "+s.token() {
				writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
				return
			}
			h(w, r)
		}
	}
	api.HandleFunc("GET /gateway", s.handleGateway)
	api.HandleFunc("GET /gateway/bot", bot(s.handleGatewayBot))
	api.HandleFunc("GET /users/@me", bot(s.handleMe))
	api.HandleFunc("GET /applications/@me", bot(s.handleApplication))
	api.HandleFunc("GET /oauth2/applications/@me", bot(s.handleApplication))
	api.HandleFunc("GET /channels/{channel}", bot(s.handleGetChannel))
	api.HandleFunc("POST /channels/{channel}/messages", bot(s.handleCreateMessage))
	api.HandleFunc("GET /channels/{channel}/messages", bot(s.handleListMessages))
	api.HandleFunc("GET /channels/{channel}/messages/{message}", bot(s.handleGetMessage))
	api.HandleFunc("POST /channels/{channel}/messages/{message}/threads", bot(s.handleStartThread))
	api.HandleFunc("POST /channels/{channel}/threads", bot(s.handleForumPost))
	api.HandleFunc("GET /channels/{channel}/threads/archived/public", bot(s.handleArchivedThreads))
	api.HandleFunc("GET /guilds/{guild}/threads/active", bot(s.handleActiveThreads))
	api.HandleFunc("PATCH /channels/{channel}/messages/{message}", bot(s.handleEditMessage))
	api.HandleFunc("DELETE /channels/{channel}/messages/{message}", bot(s.handleDeleteMessage))
	api.HandleFunc("POST /webhooks/{id}/{token}", s.handleExecuteWebhook)
	api.HandleFunc("GET /webhooks/{id}/{token}", s.handleGetWebhook)
	api.HandleFunc("GET /webhooks/{id}/{token}/messages/{message}", s.handleWebhookMessage)
	api.HandleFunc("PATCH /webhooks/{id}/{token}/messages/{message}", s.handleWebhookMessage)
	api.HandleFunc("DELETE /webhooks/{id}/{token}/messages/{message}", s.handleWebhookMessage)
	api.HandleFunc("GET /applications/{app}/commands", bot(s.handleGetCommands))
	api.HandleFunc("GET /applications/{app}/guilds/{guild}/commands", bot(s.handleGetCommands))
	api.HandleFunc("PUT /applications/{app}/commands", bot(s.handlePutCommands))
	api.HandleFunc("PUT /applications/{app}/guilds/{guild}/commands", bot(s.handlePutCommands))
	api.HandleFunc("POST /interactions/{id}/{token}/callback", s.handleCallback)
	api.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if r.URL.Path == "/ws" || r.URL.Path == "/ws/" {
			s.mu.Lock()
			s.paths = append(s.paths, r.URL.RequestURI()) // with ?v=N
			s.mu.Unlock()
			s.serveGateway(w, r)
			return
		}
		rest, ok := apiPath(r.URL.Path)
		s.mu.Lock()
		if len(s.paths) >= maxPaths {
			s.paths = append(s.paths[:0], s.paths[maxPaths/2:]...)
		}
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, 0, "404: Not Found")
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = rest
		r2.URL.RawPath = ""
		api.ServeHTTP(w, r2)
	})
}

// apiPath strips /api/v9, /api/v10 or (for webhook URLs) /api.
func apiPath(p string) (string, bool) {
	for _, prefix := range []string{"/api/v9/", "/api/v10/"} {
		if strings.HasPrefix(p, prefix) {
			return p[len(prefix)-1:], true
		}
	}
	if strings.HasPrefix(p, "/api/webhooks/") {
		return strings.TrimPrefix(p, "/api"), true
	}
	return "", false
}

// writeJSON answers with v and the headers of a healthy rate-limit bucket.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "4")
	h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(time.Second).UnixMilli())/1000))
	h.Set("X-RateLimit-Reset-After", "1.000")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// writeError answers in Discord's error format: {"code":…,"message":…}.
func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"code": code, "message": msg})
}

func writeFormErrors(w http.ResponseWriter, f formErrors) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": f})
}

// writeRateLimited answers 429 the way Discord does, headers and body.
func writeRateLimited(w http.ResponseWriter, bucket string, after time.Duration) {
	secs := after.Seconds()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(after).UnixMilli())/1000))
	h.Set("X-RateLimit-Reset-After", fmt.Sprintf("%.3f", secs))
	h.Set("X-RateLimit-Bucket", bucket)
	h.Set("X-RateLimit-Scope", "user")
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": false})
}

// writeStatus answers an injected failure with Discord's generic body.
func writeStatus(w http.ResponseWriter, status int) {
	writeError(w, status, 0, fmt.Sprintf("%d: %s", status, http.StatusText(status)))
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// messageBody is a create, edit, webhook or callback payload.
type messageBody struct {
	Content         *string          `json:"content"`
	Embeds          []Embed          `json:"embeds"`
	AllowedMentions *AllowedMentions `json:"allowed_mentions"`
	Nonce           json.RawMessage  `json:"nonce"`
	EnforceNonce    bool             `json:"enforce_nonce"`
	Reference       *struct {
		MessageID       string `json:"message_id"`
		ChannelID       string `json:"channel_id"`
		FailIfNotExists *bool  `json:"fail_if_not_exists"`
	} `json:"message_reference"`
	Components []Component `json:"components"`
	Flags      int         `json:"flags"`
	Username   string      `json:"username"`
	AvatarURL  string      `json:"avatar_url"`

	present map[string]bool // which keys the client sent
}

func (b *messageBody) content() string {
	if b.Content == nil {
		return ""
	}
	return *b.Content
}

func (b *messageBody) nonce() string {
	if len(b.Nonce) == 0 || string(b.Nonce) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(b.Nonce, &s) == nil {
		return s
	}
	return string(b.Nonce)
}

const maxBody = 8 << 20

// decodeBody reads a JSON body, or the payload_json part of a multipart one.
// On failure it has already answered.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) (map[string]bool, bool) {
	var data []byte
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if mt == "multipart/form-data" {
		if err := r.ParseMultipartForm(maxBody); err != nil {
			writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
			return nil, false
		}
		data = []byte(r.FormValue("payload_json"))
	} else {
		var err error
		if data, err = io.ReadAll(r.Body); err != nil {
			writeError(w, http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
			return nil, false
		}
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return nil, false
	}
	if err := json.Unmarshal(data, v); err != nil {
		f := formErrors{}
		path := []string{"_body"}
		if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
			path = strings.Split(te.Field, ".")
		}
		f.add(path, "BASE_TYPE_BAD_TYPE", "Value is of the wrong type: "+err.Error())
		writeFormErrors(w, f)
		return nil, false
	}
	present := map[string]bool{}
	for k, v := range keys {
		present[k] = string(v) != "null"
	}
	return present, true
}

// decodeMessage decodes and validates a message payload. On failure it has
// already answered.
func decodeMessage(w http.ResponseWriter, r *http.Request) (*messageBody, bool) {
	var b messageBody
	present, ok := decodeBody(w, r, &b)
	if !ok {
		return nil, false
	}
	b.present = present
	if f := validateMessage(&b); len(f) > 0 {
		writeFormErrors(w, f)
		return nil, false
	}
	return &b, true
}

// newMessage builds the recorded message for a create.
func (s *Server) newMessage(b *messageBody) Message {
	m := Message{
		ID:              s.snowflake(),
		Content:         b.content(),
		Embeds:          b.Embeds,
		AllowedMentions: b.AllowedMentions,
		Nonce:           b.nonce(),
		EnforceNonce:    b.EnforceNonce,
		Components:      b.Components,
		Flags:           b.Flags,
		Username:        b.Username,
		AvatarURL:       b.AvatarURL,
		Timestamp:       time.Now().UTC(),
	}
	m.MentionEveryone, m.MentionUsers, m.MentionRoles = mentions(m.Content, m.AllowedMentions)
	return m
}

// applyEdit applies an edit payload to m: keys the client sent with a
// non-null value replace; absent and null keys leave the field as it was
// (discordgo sends null for slices it was not given).
func applyEdit(m Message, b *messageBody) Message {
	if b.present["content"] {
		m.Content = b.content()
	}
	if b.present["embeds"] {
		m.Embeds = b.Embeds
	}
	if b.present["components"] {
		m.Components = b.Components
	}
	if b.present["allowed_mentions"] {
		m.AllowedMentions = b.AllowedMentions
	}
	if b.present["flags"] {
		m.Flags = b.Flags
	}
	now := time.Now().UTC()
	m.Edited = &now
	m.MentionEveryone, m.MentionUsers, m.MentionRoles = mentions(m.Content, m.AllowedMentions)
	return m
}

func emptyMessage(m Message) bool {
	return m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0
}

func (s *Server) notify(m Message) {
	if s.opts.OnMessage != nil {
		s.opts.OnMessage(m)
	}
}

// MessageJSON renders a recorded message in Discord's JSON shape, e.g. to
// attach to a component interaction (Interaction.Message).
func (s *Server) MessageJSON(m Message) json.RawMessage {
	return mustJSON(s.wire(m))
}

// wire is a message in Discord's JSON shape.
func (s *Server) wire(m Message) map[string]any {
	embeds := make([]Embed, len(m.Embeds))
	for i, e := range m.Embeds {
		if e.Type == "" {
			e.Type = "rich"
		}
		embeds[i] = e
	}
	users := make([]User, 0, len(m.MentionUsers))
	for _, id := range m.MentionUsers {
		users = append(users, User{ID: id, Username: "user" + id, Discriminator: "0"})
	}
	author := s.botUser()
	if m.WebhookID != "" && m.WebhookID != s.opts.ApplicationID {
		author = User{ID: m.WebhookID, Username: cmpOr(m.Username, "webhook"), Discriminator: "0000", Bot: true}
	}
	out := map[string]any{
		"id":               m.ID,
		"type":             0,
		"channel_id":       m.ChannelID,
		"content":          m.Content,
		"embeds":           embeds,
		"components":       nonNil(m.Components),
		"attachments":      []any{},
		"author":           author,
		"timestamp":        m.Timestamp.Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"pinned":           false,
		"mention_everyone": m.MentionEveryone,
		"mentions":         users,
		"mention_roles":    nonNil(m.MentionRoles),
		"flags":            m.Flags,
	}
	if m.Edited != nil {
		out["edited_timestamp"] = m.Edited.Format(time.RFC3339Nano)
	}
	if m.Nonce != "" {
		out["nonce"] = m.Nonce
	}
	if m.WebhookID != "" {
		out["webhook_id"] = m.WebhookID
	}
	if m.ReferenceID != "" {
		out["type"] = 19 // REPLY
		out["message_reference"] = map[string]any{"message_id": m.ReferenceID, "channel_id": m.ChannelID}
	}
	if m.ThreadID != "" {
		out["thread"] = map[string]any{"id": m.ThreadID, "type": channelThread, "parent_id": m.ChannelID}
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Server) botUser() User {
	return User{ID: s.opts.ApplicationID, Username: s.opts.BotUsername, Discriminator: "0", Bot: true}
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.botUser())
}

func (s *Server) handleApplication(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"id": s.opts.ApplicationID, "name": s.opts.BotUsername, "description": "",
		"bot_public": false, "bot_require_code_grant": false, "flags": 0, "bot": s.botUser(),
	})
}

func (s *Server) handleGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

func (s *Server) handleGatewayBot(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url": s.GatewayURL(), "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1},
	})
}
