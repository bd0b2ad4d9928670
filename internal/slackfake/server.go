// Package slackfake is an in-process fake of the parts of Slack newshound
// uses, that slack-go talks to for real over loopback HTTP: the Web API
// methods auth.test, chat.postMessage, chat.update, conversations.history
// conversations.replies and usergroups.users.list, incoming webhooks, and the app side of slash
// commands and interactivity (signed requests to the app's endpoint, or
// envelopes over Socket Mode, and the response_url the app answers through).
//
// It is a test double with teeth: it decodes every request into its own
// types (never slack-go's), enforces Slack's limits (50 blocks, 3,000
// characters of section text, 150 of a header, 40,000 of a message's text,
// and the rest of Block Kit's that newshound's messages touch) and answers
// with Slack's error formats: {"ok":false,"error":"channel_not_found"} with
// HTTP 200 from the Web API, {"ok":false,"error":"invalid_blocks","errors":[…]}
// for refused blocks, 429 with Retry-After, and an incoming webhook's plain
// text errors (400 invalid_payload, 404 channel_not_found, 403 invalid_token).
// It records every message with its metadata (returned by
// conversations.history only with include_all_metadata, as Slack does) and
// the mentions its text would notify, and can inject failures: server
// errors, rate limits and lost responses (the message is stored, the
// connection is closed unanswered).
//
// The Web API is served under /api/ (slack-go's OptionAPIURL takes
// URL()+"/api/"); incoming webhooks under /services/.
//
// The package does not import testing: cmd/fakeslack serves it too.
package slackfake

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server. Zero values give working defaults.
type Options struct {
	// Token is the bot token the fake accepts. Default "xoxb-fake-token".
	Token string
	// AppToken is the app-level token (Socket Mode) the fake accepts.
	// Default "xapp-fake-token".
	AppToken string
	// SigningSecret signs the slash commands and interaction payloads the
	// fake sends to an app. Default "fake-signing-secret".
	SigningSecret string
	// Channels are the channel IDs that exist from the start, with the bot
	// a member of each.
	Channels []string
	// Listener, when set, is served instead of a fresh loopback listener
	// (cmd/fakeslack passes one bound to --listen).
	Listener net.Listener
	// OnMessage, when set, is called (outside the fake's lock) after every
	// message the fake stores or updates.
	OnMessage func(Message)
}

// Fixed identities of the fake workspace.
const (
	TeamID    = "T0FAKE0001"
	BotUserID = "U0FAKEBOT1"
	BotID     = "B0FAKEBOT1"
)

// Message is a stored message as the fake sees it.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // "" for a message not in a thread
	Text     string
	Blocks   []Block
	Metadata *Metadata
	// Webhook is set for a message posted through an incoming webhook.
	Webhook bool
	// Edited is set once chat.update has changed the message.
	Edited bool
	// Mentions are what the message's text and blocks would notify:
	// "@channel", "@here", "@everyone", "subteam:S…", "user:U…".
	Mentions []string
	// UnfurlLinks and UnfurlMedia are as requested (nil: Slack's default).
	UnfurlLinks, UnfurlMedia *bool
}

// Metadata is a message's metadata (event_type, event_payload).
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Server is a running fake Slack. All methods are safe for concurrent use.
type Server struct {
	opts Options
	hs   *httptest.Server

	requests atomic.Int64
	seq      atomic.Int64

	mu        sync.Mutex
	token     string
	channels  map[string]*channel
	webhooks  map[string]*webhook // by path after /services/
	faults    map[string][]fault  // by channel ID or webhook path
	responses map[string]*ResponseURL
	groups    map[string][]string // user group ID → member user IDs
	methods   []string            // Web API methods called, in order (the last few thousand)

	sock socketState
}

type channel struct {
	id       string
	member   bool // the bot is in the channel
	archived bool
	messages []Message
}

type webhook struct {
	path    string
	channel string
	revoked bool
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

// New starts a fake Slack on a loopback port (or on opts.Listener). Like
// httptest.NewServer it panics if it cannot listen on loopback.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "xoxb-fake-token"
	}
	if opts.AppToken == "" {
		opts.AppToken = "xapp-fake-token"
	}
	if opts.SigningSecret == "" {
		opts.SigningSecret = "fake-signing-secret"
	}
	s := &Server{
		opts:      opts,
		token:     opts.Token,
		channels:  map[string]*channel{},
		webhooks:  map[string]*webhook{},
		faults:    map[string][]fault{},
		responses: map[string]*ResponseURL{},
		groups:    map[string][]string{},
		sock:      socketState{conns: map[*socketConn]bool{}, acks: map[string]chan json.RawMessage{}},
	}
	for _, id := range opts.Channels {
		s.AddChannel(id)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/apps.connections.open", s.connectionsOpen)
	mux.HandleFunc("GET /socket", s.serveSocket)
	mux.HandleFunc("POST /api/{method}", s.handleAPI)
	mux.HandleFunc("GET /api/{method}", s.handleAPI)
	mux.HandleFunc("POST /services/{path...}", s.handleWebhook)
	mux.HandleFunc("POST /response/{id}", s.handleResponseURL)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		mux.ServeHTTP(w, r)
	})
	if opts.Listener != nil {
		s.hs = &httptest.Server{Listener: opts.Listener, Config: &http.Server{Handler: h}}
		s.hs.Start()
	} else {
		s.hs = httptest.NewServer(h)
	}
	return s
}

// URL is the fake's root URL (http://127.0.0.1:port): the api_base to give
// newshound. The Web API is under URL()+"/api/".
func (s *Server) URL() string { return s.hs.URL }

// Token is the bot token the fake accepts.
func (s *Server) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// SigningSecret is the secret the fake signs requests to apps with.
func (s *Server) SigningSecret() string { return s.opts.SigningSecret }

// Close ends Socket Mode connections and shuts the server down.
func (s *Server) Close() {
	s.closeSockets()
	s.hs.Close()
}

// Requests is how many HTTP requests the fake has received.
func (s *Server) Requests() int64 { return s.requests.Load() }

// Methods returns the Web API methods called, in order.
func (s *Server) Methods() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.methods...)
}

// AddChannel makes a channel exist with the bot a member (and lifts
// RemoveBot and Archive).
func (s *Server) AddChannel(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.channels[id]; ok {
		c.member, c.archived = true, false
		return
	}
	s.channels[id] = &channel{id: id, member: true}
}

// SetUserGroup makes a user group (S…) with these members exist
// (usergroups.users.list answers them).
func (s *Server) SetUserGroup(id string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[id] = append([]string(nil), members...)
}

// RemoveBot keeps the channel but takes the bot out of it: posting and
// reading answer not_in_channel.
func (s *Server) RemoveBot(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channelLocked(id)
	c.member = false
}

// Archive archives the channel: posting answers is_archived.
func (s *Server) Archive(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channelLocked(id).archived = true
}

func (s *Server) channelLocked(id string) *channel {
	c, ok := s.channels[id]
	if !ok {
		c = &channel{id: id}
		s.channels[id] = c
	}
	return c
}

// AddWebhook creates an incoming webhook posting into channel (created if
// needed) and returns its URL, in Slack's form
// <URL>/services/T…/B…/<secret>.
func (s *Server) AddWebhook(channelID, secret string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.channels[channelID]; !ok {
		s.channels[channelID] = &channel{id: channelID, member: true}
	}
	path := TeamID + "/B0HOOK" + fmt.Sprint(len(s.webhooks)+1) + "/" + secret
	s.webhooks[path] = &webhook{path: path, channel: channelID}
	return s.hs.URL + "/services/" + path
}

// RevokeWebhook makes a webhook's URL answer 403 invalid_token, as after
// the app is removed or the URL is regenerated.
func (s *Server) RevokeWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.webhooks[s.hookPath(url)]; ok {
		w.revoked = true
	}
}

func (s *Server) hookPath(url string) string {
	return strings.TrimPrefix(url, s.hs.URL+"/services/")
}

// SetToken changes the bot token the fake accepts: the old one then gets
// invalid_auth, as after a token is revoked.
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token = token
}

// FailNext makes the next n posts to target (a channel ID, or a webhook's
// URL) answer with HTTP status (a 5xx: Slack's "internal_error" page).
func (s *Server) FailNext(target string, n, status int) {
	s.addFaults(target, n, fault{kind: faultStatus, status: status})
}

// RateLimitNext makes the next n posts to target answer 429 with
// Retry-After (whole seconds, rounded up, as Slack sends).
func (s *Server) RateLimitNext(target string, n int, after time.Duration) {
	s.addFaults(target, n, fault{kind: faultRateLimit, retryAfter: after})
}

// DropResponseNext makes the next post to target store the message and
// close the connection without answering: a lost response.
func (s *Server) DropResponseNext(target string) {
	s.addFaults(target, 1, fault{kind: faultDrop})
}

func (s *Server) addFaults(target string, n int, f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := s.hookPath(target)
	for range n {
		s.faults[key] = append(s.faults[key], f)
	}
}

// takeFault pops the next fault of key; the caller holds s.mu.
func (s *Server) takeFault(key string) (fault, bool) {
	list := s.faults[key]
	if len(list) == 0 {
		return fault{}, false
	}
	s.faults[key] = list[1:]
	return list[0], true
}

// Messages returns the messages of a channel, oldest first (thread replies
// included, in the order they were posted).
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[channelID]
	if !ok {
		return nil
	}
	return append([]Message(nil), c.messages...)
}

// nextTS is a fresh message timestamp: the current Unix time with a
// sequence number in the microseconds, unique and increasing.
func (s *Server) nextTS() string {
	n := s.seq.Add(1)
	return fmt.Sprintf("%d.%06d", time.Now().Unix(), n%1000000)
}

// tsLess compares two Slack timestamps.
func tsLess(a, b string) bool {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	if len(as) != len(bs) {
		return len(as) < len(bs)
	}
	if as != bs {
		return as < bs
	}
	return af < bf
}

// sortByTS orders messages oldest first.
func sortByTS(ms []Message) {
	sort.SliceStable(ms, func(i, j int) bool { return tsLess(ms[i].TS, ms[j].TS) })
}

func (s *Server) notify(m Message) {
	if s.opts.OnMessage != nil {
		s.opts.OnMessage(m)
	}
}

// writeOK answers a Web API call with ok:true and fields.
func writeOK(w http.ResponseWriter, fields map[string]any) {
	if fields == nil {
		fields = map[string]any{}
	}
	fields["ok"] = true
	writeJSON(w, http.StatusOK, fields)
}

// writeError answers a Web API call as Slack does: HTTP 200 with ok:false.
func writeError(w http.ResponseWriter, code string, details ...string) {
	body := map[string]any{"ok": false, "error": code}
	if len(details) > 0 {
		body["errors"] = details
		msgs := make([]string, len(details))
		for i, d := range details {
			msgs[i] = "[ERROR] " + d
		}
		body["response_metadata"] = map[string]any{"messages": msgs}
	}
	writeJSON(w, http.StatusOK, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeFault answers with an injected status or rate limit and reports
// whether it did; a dropped response is the caller's to act on.
func writeFault(w http.ResponseWriter, f fault, webhookStyle bool) bool {
	switch f.kind {
	case faultStatus:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		fmt.Fprint(w, "<html><body>internal_error</body></html>")
		return true
	case faultRateLimit:
		secs := int((f.retryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", fmt.Sprint(secs))
		if webhookStyle {
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, "rate_limited")
			return true
		}
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
		return true
	}
	return false
}

// dropConnection closes the request's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
