package discordfake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opVoiceState     = 4
	opResume         = 6
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// Gateway close codes.
const (
	closeUnknownOpcode        = 4001
	closeDecodeError          = 4002
	closeNotAuthenticated     = 4003
	closeAuthenticationFailed = 4004
	closeAlreadyAuthenticated = 4005
)

// maxReplay bounds the events a session keeps for RESUME.
const maxReplay = 1000

type gateway struct {
	// sendMu orders dispatches: numbering and writing happen under it, so
	// every connection receives events in sequence order.
	sendMu   sync.Mutex
	mu       sync.Mutex
	conns    map[*gwConn]struct{}
	sessions map[string]*gwSession
	wg       sync.WaitGroup
	closed   bool
	presence *Presence // of the last IDENTIFY
}

// Presence is the presence a client sets in IDENTIFY.
type Presence struct {
	Status string `json:"status"`
	AFK    bool   `json:"afk"`
	Since  *int64 `json:"since"`
}

// IdentifyPresence returns the presence of the last IDENTIFY, if it set one.
func (s *Server) IdentifyPresence() (Presence, bool) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	if s.gw.presence == nil {
		return Presence{}, false
	}
	return *s.gw.presence, true
}

type gwConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
	session *gwSession // set after IDENTIFY or RESUME; guarded by gateway.mu
}

type gwSession struct {
	id     string
	seq    int64
	events []payload // sent dispatches, for replay on RESUME
	conn   *gwConn
}

type payload struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
}

func (g *gateway) init() {
	g.conns = map[*gwConn]struct{}{}
	g.sessions = map[string]*gwSession{}
}

func (c *gwConn) write(p payload) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(p)
}

func (c *gwConn) closeWith(code int, text string) {
	c.writeMu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.writeMu.Unlock()
	_ = c.ws.Close()
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordfake: marshal: " + err.Error())
	}
	return b
}

// Sessions is the number of gateway connections that have identified or
// resumed and are still open.
func (s *Server) Sessions() int {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	n := 0
	for c := range s.gw.conns {
		if c.session != nil {
			n++
		}
	}
	return n
}

// DisconnectGateway closes every gateway connection abruptly (no close
// frame), as a network failure would. Sessions stay resumable.
func (s *Server) DisconnectGateway() {
	s.gw.mu.Lock()
	conns := make([]*gwConn, 0, len(s.gw.conns))
	for c := range s.gw.conns {
		conns = append(conns, c)
	}
	s.gw.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	g.closed = true
	conns := make([]*gwConn, 0, len(g.conns))
	for c := range g.conns {
		conns = append(conns, c)
	}
	g.mu.Unlock()
	for _, c := range conns {
		c.closeWith(websocket.CloseGoingAway, "server shutting down")
	}
}

func (g *gateway) wait() { g.wg.Wait() }

// dispatch numbers an event for every session (disconnected ones replay it
// on RESUME) and sends it to the connected ones; it returns how many
// connections received it.
func (g *gateway) dispatch(event string, data any) (int, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return 0, err
	}
	g.sendMu.Lock()
	defer g.sendMu.Unlock()
	g.mu.Lock()
	type target struct {
		c *gwConn
		p payload
	}
	var targets []target
	for _, sess := range g.sessions {
		p := sess.next(event, raw) // kept for RESUME even while disconnected
		if sess.conn != nil {
			targets = append(targets, target{sess.conn, p})
		}
	}
	g.mu.Unlock()
	n := 0
	for _, t := range targets {
		if t.c.write(t.p) == nil {
			n++
		}
	}
	return n, nil
}

// next numbers a dispatch and keeps it for replay; the caller holds gateway.mu.
func (sess *gwSession) next(event string, raw json.RawMessage) payload {
	sess.seq++
	seq, t := sess.seq, event
	p := payload{Op: opDispatch, Data: raw, Seq: &seq, Type: &t}
	sess.events = append(sess.events, p)
	if len(sess.events) > maxReplay {
		sess.events = sess.events[len(sess.events)-maxReplay:]
	}
	return p
}

// serveGateway runs one gateway connection: HELLO, then IDENTIFY or RESUME,
// heartbeats, until the client or the server closes it.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := &gwConn{ws: ws}
	g := &s.gw
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		_ = ws.Close()
		return
	}
	g.conns[c] = struct{}{}
	g.wg.Add(1)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.conns, c)
		if c.session != nil && c.session.conn == c {
			c.session.conn = nil
		}
		g.mu.Unlock()
		_ = ws.Close()
		g.wg.Done()
	}()

	hello := map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}
	if c.write(payload{Op: opHello, Data: mustJSON(hello)}) != nil {
		return
	}
	ws.SetReadLimit(1 << 20)
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
				// A clean close ends the session, as on Discord.
				g.mu.Lock()
				if c.session != nil {
					delete(g.sessions, c.session.id)
				}
				g.mu.Unlock()
			}
			return
		}
		var p payload
		if err := json.Unmarshal(msg, &p); err != nil {
			c.closeWith(closeDecodeError, "Error while decoding payload.")
			return
		}
		g.mu.Lock()
		identified := c.session != nil
		g.mu.Unlock()
		switch p.Op {
		case opHeartbeat:
			if c.write(payload{Op: opHeartbeatACK}) != nil {
				return
			}
		case opIdentify:
			if identified {
				c.closeWith(closeAlreadyAuthenticated, "You sent more than one identify payload.")
				return
			}
			if !s.identify(c, p.Data) {
				return
			}
		case opResume:
			if identified {
				c.closeWith(closeAlreadyAuthenticated, "Already authenticated.")
				return
			}
			if !s.resume(c, p.Data) {
				return
			}
		case opPresenceUpdate, opVoiceState, opRequestMembers:
			if !identified {
				c.closeWith(closeNotAuthenticated, "Not authenticated.")
				return
			}
		default:
			c.closeWith(closeUnknownOpcode, "Unknown opcode.")
			return
		}
	}
}

func (s *Server) tokenOK(t string) bool {
	tok := s.token()
	return t == tok || t == "Bot "+tok
}

// identify answers IDENTIFY with READY; false means the connection is closed.
func (s *Server) identify(c *gwConn, raw json.RawMessage) bool {
	var d struct {
		Token    string    `json:"token"`
		Intents  *int      `json:"intents"`
		Presence *Presence `json:"presence"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(closeDecodeError, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(d.Token) {
		c.closeWith(closeAuthenticationFailed, "Authentication failed.")
		return false
	}
	if d.Presence != nil {
		// The presence update object's status is one of five words; an
		// empty or unknown one is a malformed payload.
		switch d.Presence.Status {
		case "online", "dnd", "idle", "invisible", "offline":
		default:
			c.closeWith(closeDecodeError, "Error while decoding payload: invalid presence status "+strconv.Quote(d.Presence.Status)+".")
			return false
		}
	}
	s.gw.mu.Lock()
	s.gw.presence = d.Presence
	s.gw.mu.Unlock()
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	sess := &gwSession{id: hex.EncodeToString(b), conn: c}
	ready := map[string]any{
		"v":                  9,
		"session_id":         sess.id,
		"resume_gateway_url": s.GatewayURL(),
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.opts.ApplicationID, "flags": 0},
		"guilds":             []any{},
		"private_channels":   []any{},
	}
	g := &s.gw
	g.sendMu.Lock()
	defer g.sendMu.Unlock()
	g.mu.Lock()
	g.sessions[sess.id] = sess
	c.session = sess
	p := sess.next("READY", mustJSON(ready))
	g.mu.Unlock()
	return c.write(p) == nil
}

// resume answers RESUME: replays the events the client missed, then
// RESUMED; an unknown session gets INVALID_SESSION (not resumable).
func (s *Server) resume(c *gwConn, raw json.RawMessage) bool {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(closeDecodeError, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(d.Token) {
		c.closeWith(closeAuthenticationFailed, "Authentication failed.")
		return false
	}
	g := &s.gw
	g.sendMu.Lock()
	defer g.sendMu.Unlock()
	g.mu.Lock()
	sess, ok := g.sessions[d.SessionID]
	if !ok {
		g.mu.Unlock()
		return c.write(payload{Op: opInvalidSession, Data: json.RawMessage("false")}) == nil
	}
	if old := sess.conn; old != nil && old != c {
		old.session = nil
		go old.closeWith(websocket.CloseNormalClosure, "session resumed elsewhere")
	}
	sess.conn = c
	c.session = sess
	var replay []payload
	for _, p := range sess.events {
		if *p.Seq > d.Seq {
			replay = append(replay, p)
		}
	}
	resumed := sess.next("RESUMED", json.RawMessage("{}"))
	g.mu.Unlock()
	for _, p := range append(replay, resumed) {
		if c.write(p) != nil {
			return false
		}
	}
	return true
}
