package slackfake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Slack lets an app use a response_url at most this many times.
const maxResponseUses = 5

// SlashCommand is a slash command as a user types it.
type SlashCommand struct {
	Command   string // "/newshound"
	Text      string // what follows the command
	UserID    string // default "U0FAKEUSER"
	ChannelID string // default "C0FAKECHAN"
	// At is the request's timestamp (default now): an old one tests the
	// app's replay window.
	At time.Time
	// Secret signs the request instead of the server's (a wrong secret
	// tests the app's check).
	Secret string
}

// BlockAction is a click on a button of a message the app posted.
type BlockAction struct {
	ActionID  string
	Value     string
	UserID    string // default "U0FAKEUSER"
	ChannelID string // default "C0FAKECHAN"
	// MessageTS is the clicked message's ts ("" for an ephemeral answer).
	MessageTS string
	At        time.Time
	Secret    string
}

// Sent is what the app answered to a signed request: the HTTP status and
// body of its immediate answer, and the response_url it was given (its
// later messages: Responses).
type Sent struct {
	Status      int
	Body        string
	ResponseURL string
	ResponseID  string
}

// ResponseMessage is one message an app sent to a response_url, or its
// immediate answer's message (Immediate).
type ResponseMessage struct {
	ResponseType    string // "ephemeral" (Slack's default) or "in_channel"
	Text            string
	Blocks          []Block
	ReplaceOriginal bool
	DeleteOriginal  bool
	Immediate       bool
}

// AllText joins the message's text and every text of its blocks.
func (m ResponseMessage) AllText() string {
	return strings.TrimSpace(m.Text + "\n" + Message{Blocks: m.Blocks}.AllText())
}

// ResponseURL is the messages an app sent for one request.
type ResponseURL struct {
	ID       string
	uses     int
	Messages []ResponseMessage
}

// SendSlashCommand posts a slash command to the app's endpoint, signed as
// Slack signs it, with a fresh response_url the fake serves.
func (s *Server) SendSlashCommand(ctx context.Context, endpoint string, c SlashCommand) (Sent, error) {
	id := s.newResponseURL()
	form := url.Values{
		"token":        {"deprecated-verification-token"},
		"team_id":      {TeamID},
		"team_domain":  {"fake"},
		"channel_id":   {or(c.ChannelID, "C0FAKECHAN")},
		"channel_name": {"newsroom"},
		"user_id":      {or(c.UserID, "U0FAKEUSER")},
		"user_name":    {"reporter"},
		"command":      {c.Command},
		"text":         {c.Text},
		"api_app_id":   {"A0FAKEAPP1"},
		"response_url": {s.hs.URL + "/response/" + id},
		"trigger_id":   {"1.2.3"},
	}
	return s.sendSigned(ctx, endpoint, form.Encode(), c.At, c.Secret, id)
}

// SendBlockAction posts a block_actions interaction payload to the app's
// endpoint, signed, with a fresh response_url.
func (s *Server) SendBlockAction(ctx context.Context, endpoint string, a BlockAction) (Sent, error) {
	id := s.newResponseURL()
	payload := blockActionPayload(s.hs.URL+"/response/"+id, a)
	raw, _ := json.Marshal(payload)
	return s.sendSigned(ctx, endpoint, url.Values{"payload": {string(raw)}}.Encode(), a.At, a.Secret, id)
}

// blockActionPayload is a block_actions interaction for a click.
func blockActionPayload(responseURL string, a BlockAction) map[string]any {
	return map[string]any{
		"type":         "block_actions",
		"team":         map[string]any{"id": TeamID, "domain": "fake"},
		"user":         map[string]any{"id": or(a.UserID, "U0FAKEUSER"), "username": "reporter", "team_id": TeamID},
		"api_app_id":   "A0FAKEAPP1",
		"channel":      map[string]any{"id": or(a.ChannelID, "C0FAKECHAN"), "name": "newsroom"},
		"response_url": responseURL,
		"trigger_id":   "1.2.3",
		"container":    map[string]any{"type": "message", "message_ts": a.MessageTS, "is_ephemeral": a.MessageTS == ""},
		"actions": []map[string]any{{
			"type": "button", "action_id": a.ActionID, "block_id": "nav", "value": a.Value,
			"action_ts": fmt.Sprintf("%d.000001", time.Now().Unix()),
		}},
	}
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// Sign is Slack's v0 signature of body sent at ts with secret:
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)).
func Sign(secret, ts, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

func (s *Server) sendSigned(ctx context.Context, endpoint, body string, at time.Time, secret, id string) (Sent, error) {
	if at.IsZero() {
		at = time.Now()
	}
	if secret == "" {
		secret = s.opts.SigningSecret
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		return Sent{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", Sign(secret, ts, body))
	req.Header.Set("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Sent{}, err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if took := time.Since(start); took > 3*time.Second {
		// Slack gives up after 3 seconds and shows the user an error.
		return Sent{}, fmt.Errorf("slackfake: the app answered after %s; Slack waits 3 s", took.Round(time.Millisecond))
	}
	sent := Sent{Status: resp.StatusCode, Body: string(answer), ResponseURL: s.hs.URL + "/response/" + id, ResponseID: id}
	if resp.StatusCode == http.StatusOK && len(strings.TrimSpace(string(answer))) > 0 {
		if m, ok := decodeResponse(answer); ok {
			m.Immediate = true
			s.mu.Lock()
			s.responses[id].Messages = append(s.responses[id].Messages, m)
			s.mu.Unlock()
		}
	}
	return sent, nil
}

func (s *Server) newResponseURL() string {
	id := fmt.Sprintf("r%d", s.seq.Add(1))
	s.mu.Lock()
	s.responses[id] = &ResponseURL{ID: id}
	s.mu.Unlock()
	return id
}

func decodeResponse(body []byte) (ResponseMessage, bool) {
	var raw struct {
		ResponseType    string  `json:"response_type"`
		Text            string  `json:"text"`
		Blocks          []Block `json:"blocks"`
		ReplaceOriginal bool    `json:"replace_original"`
		DeleteOriginal  bool    `json:"delete_original"`
	}
	if json.Unmarshal(body, &raw) != nil {
		return ResponseMessage{}, false
	}
	if raw.ResponseType == "" {
		raw.ResponseType = "ephemeral"
	}
	return ResponseMessage{ResponseType: raw.ResponseType, Text: raw.Text, Blocks: raw.Blocks,
		ReplaceOriginal: raw.ReplaceOriginal, DeleteOriginal: raw.DeleteOriginal}, true
}

// handleResponseURL receives an app's message for an earlier request:
// JSON with text and/or blocks, at most five times per URL.
func (s *Server) handleResponseURL(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	m, ok := decodeResponse(body)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_payload"})
		return
	}
	if m.Text == "" && len(m.Blocks) == 0 && !m.DeleteOriginal {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "no_text"})
		return
	}
	if probs := blockProblems(m.Blocks); len(probs) > 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_blocks", "errors": probs})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ru, ok := s.responses[id]
	switch {
	case !ok:
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "expired_url"})
		return
	case ru.uses >= maxResponseUses:
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "used_url"})
		return
	}
	ru.uses++
	ru.Messages = append(ru.Messages, m)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// Responses returns the messages an app sent for the request given
// response_url id (Sent.ResponseID), its immediate answer's first.
func (s *Server) Responses(id string) []ResponseMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	ru, ok := s.responses[id]
	if !ok {
		return nil
	}
	return append([]ResponseMessage(nil), ru.Messages...)
}

// AwaitResponses waits until the request given response_url id has at least
// n messages (or ctx ends) and returns them.
func (s *Server) AwaitResponses(ctx context.Context, id string, n int) ([]ResponseMessage, error) {
	for {
		if ms := s.Responses(id); len(ms) >= n {
			return ms, nil
		}
		select {
		case <-ctx.Done():
			return s.Responses(id), fmt.Errorf("slackfake: %d of %d responses: %w", len(s.Responses(id)), n, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}
