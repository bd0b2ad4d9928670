package slackfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Socket Mode: an app opens a connection with apps.connections.open and its
// app-level token (xapp-…), dials the websocket URL it is given, and gets a
// "hello"; slash commands and interactions then arrive as envelopes
// ({"envelope_id","type","payload","accepts_response_payload"}), which the
// app must acknowledge within 3 seconds ({"envelope_id","payload"}) — a
// slash command's acknowledgement may carry the answer, as an HTTP
// response would. The fake pings every pingEvery, as Slack does.

const pingEvery = 10 * time.Second

// socketState is the fake's Socket Mode side.
type socketState struct {
	mu    sync.Mutex
	conns map[*socketConn]bool
	acks  map[string]chan json.RawMessage // envelope ID → the app's acknowledgement
	wg    sync.WaitGroup
}

type socketConn struct {
	ws  *websocket.Conn
	wmu sync.Mutex // one writer at a time
}

func (c *socketConn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// AppToken is the app-level token the fake accepts for Socket Mode.
func (s *Server) AppToken() string { return s.opts.AppToken }

// SocketConnections is how many Socket Mode connections are open.
func (s *Server) SocketConnections() int {
	s.sock.mu.Lock()
	defer s.sock.mu.Unlock()
	return len(s.sock.conns)
}

// connectionsOpen answers apps.connections.open: the websocket URL, for the
// app-level token only.
func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case token == "":
		writeError(w, "not_authed")
	case token != s.opts.AppToken:
		writeError(w, "invalid_auth")
	default:
		writeOK(w, map[string]any{"url": "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/socket?ticket=" + fmt.Sprint(s.seq.Add(1))})
	}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveSocket runs one Socket Mode connection: hello, then pings, and the
// app's acknowledgements read until it closes.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("ticket") == "" {
		http.Error(w, "no ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws}
	st := &s.sock
	st.mu.Lock()
	st.conns[c] = true
	st.wg.Add(1)
	st.mu.Unlock()
	defer st.wg.Done()
	defer func() {
		st.mu.Lock()
		delete(st.conns, c)
		st.mu.Unlock()
		ws.Close()
	}()
	if c.write(map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "A0FAKEAPP1"}, "debug_info": map[string]any{"host": "slackfake"}}) != nil {
		return
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(pingEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				c.wmu.Lock()
				err := ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(5*time.Second))
				c.wmu.Unlock()
				if err != nil {
					return
				}
			}
		}
	}()
	for {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := ws.ReadJSON(&ack); err != nil {
			return
		}
		st.mu.Lock()
		ch, ok := st.acks[ack.EnvelopeID]
		delete(st.acks, ack.EnvelopeID)
		st.mu.Unlock()
		if ok {
			ch <- ack.Payload
		}
	}
}

// closeSockets ends every Socket Mode connection.
func (s *Server) closeSockets() {
	s.sock.mu.Lock()
	for c := range s.sock.conns {
		c.ws.Close()
	}
	s.sock.mu.Unlock()
	s.sock.wg.Wait()
}

// ErrNoSocket: no app is connected over Socket Mode.
var ErrNoSocket = errors.New("slackfake: no Socket Mode connection")

// SendSlashCommandSocket delivers a slash command over Socket Mode and waits
// up to 3 seconds for the app's acknowledgement; a message in it becomes the
// request's immediate answer (Responses). The response_url works as for
// SendSlashCommand.
func (s *Server) SendSlashCommandSocket(ctx context.Context, c SlashCommand) (Sent, error) {
	id := s.newResponseURL()
	payload := map[string]any{
		"token": "deprecated-verification-token", "team_id": TeamID, "team_domain": "fake",
		"channel_id": or(c.ChannelID, "C0FAKECHAN"), "channel_name": "newsroom",
		"user_id": or(c.UserID, "U0FAKEUSER"), "user_name": "reporter",
		"command": c.Command, "text": c.Text, "api_app_id": "A0FAKEAPP1",
		"response_url": s.hs.URL + "/response/" + id, "trigger_id": "1.2.3",
	}
	return s.sendEnvelope(ctx, "slash_commands", payload, id, true)
}

// SendBlockActionSocket delivers a button click over Socket Mode.
func (s *Server) SendBlockActionSocket(ctx context.Context, a BlockAction) (Sent, error) {
	id := s.newResponseURL()
	return s.sendEnvelope(ctx, "interactive", blockActionPayload(s.hs.URL+"/response/"+id, a), id, false)
}

func (s *Server) sendEnvelope(ctx context.Context, typ string, payload any, id string, acceptsResponse bool) (Sent, error) {
	st := &s.sock
	envelope := fmt.Sprintf("env-%d", s.seq.Add(1))
	ch := make(chan json.RawMessage, 1)
	st.mu.Lock()
	var conn *socketConn
	for c := range st.conns {
		conn = c
		break
	}
	if conn != nil {
		st.acks[envelope] = ch
	}
	st.mu.Unlock()
	if conn == nil {
		return Sent{}, ErrNoSocket
	}
	err := conn.write(map[string]any{"envelope_id": envelope, "type": typ, "payload": payload, "accepts_response_payload": acceptsResponse})
	if err != nil {
		return Sent{}, err
	}
	sent := Sent{ResponseURL: s.hs.URL + "/response/" + id, ResponseID: id}
	t := time.NewTimer(3 * time.Second)
	defer t.Stop()
	select {
	case ack := <-ch:
		sent.Status, sent.Body = http.StatusOK, string(ack)
		if acceptsResponse && len(ack) > 0 && string(ack) != "null" {
			if m, ok := decodeResponse(ack); ok {
				m.Immediate = true
				s.mu.Lock()
				s.responses[id].Messages = append(s.responses[id].Messages, m)
				s.mu.Unlock()
			}
		}
		return sent, nil
	case <-t.C:
		return sent, errors.New("slackfake: the app did not acknowledge within 3 s")
	case <-ctx.Done():
		return sent, ctx.Err()
	}
}
