package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// maxMethods bounds the method names kept (the oldest half goes).
const maxMethods = 10000

// params are a Web API call's arguments, from a form or a JSON body.
type params struct {
	form url.Values
	json map[string]json.RawMessage
}

func (p params) str(key string) string {
	if p.json != nil {
		raw, ok := p.json[key]
		if !ok {
			return ""
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw) // a number, a bool, an array or an object as JSON
	}
	return p.form.Get(key)
}

// raw is a JSON-valued argument (blocks, metadata): a form field holding
// JSON, or the JSON body's value itself.
func (p params) raw(key string) []byte {
	if p.json != nil {
		if raw, ok := p.json[key]; ok && string(raw) != "null" {
			return raw
		}
		return nil
	}
	if v := p.form.Get(key); v != "" {
		return []byte(v)
	}
	return nil
}

func (p params) flag(key string) *bool {
	v := p.str(key)
	if v == "" {
		return nil
	}
	b := v == "true" || v == "1"
	return &b
}

func readParams(r *http.Request) (params, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return params{}, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return params{}, err
		}
		return params{json: m}, nil
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return params{}, err
	}
	for k, v := range r.URL.Query() {
		if _, ok := form[k]; !ok {
			form[k] = v
		}
	}
	return params{form: form}, nil
}

func (s *Server) handleAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	s.mu.Lock()
	if len(s.methods) >= maxMethods {
		s.methods = append([]string(nil), s.methods[maxMethods/2:]...)
	}
	s.methods = append(s.methods, method)
	s.mu.Unlock()
	p, err := readParams(r)
	if err != nil {
		writeError(w, "invalid_form_data")
		return
	}
	token := p.str("token")
	if token == "" {
		token = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	switch {
	case token == "":
		writeError(w, "not_authed")
		return
	case token != s.Token():
		writeError(w, "invalid_auth")
		return
	}
	switch method {
	case "auth.test":
		writeOK(w, map[string]any{"url": s.hs.URL + "/", "team": "Fake newsroom", "user": "newshound",
			"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID})
	case "chat.postMessage":
		s.postMessage(w, p)
	case "chat.update":
		s.updateMessage(w, p)
	case "conversations.history":
		s.history(w, p)
	case "conversations.replies":
		s.replies(w, p)
	case "usergroups.users.list":
		s.mu.Lock()
		members, ok := s.groups[p.str("usergroup")]
		s.mu.Unlock()
		if !ok {
			writeError(w, "no_such_subteam")
			return
		}
		writeOK(w, map[string]any{"users": append([]string{}, members...)})
	default:
		writeError(w, "unknown_method")
	}
}

// content is a message's text, blocks and metadata as posted.
type content struct {
	text     string
	blocks   []Block
	metadata *Metadata
}

// eventTypeRE is what Slack accepts as a metadata event_type.
var eventTypeRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)

// readContent decodes and checks a message's text, blocks and metadata,
// answering the error itself when they are refused.
func readContent(w http.ResponseWriter, p params) (content, bool) {
	c := content{text: p.str("text")}
	if raw := p.raw("blocks"); raw != nil {
		if err := json.Unmarshal(raw, &c.blocks); err != nil {
			writeError(w, "invalid_blocks_format")
			return c, false
		}
		if probs := blockProblems(c.blocks); len(probs) > 0 {
			writeError(w, "invalid_blocks", probs...)
			return c, false
		}
	}
	if c.text == "" && len(c.blocks) == 0 {
		writeError(w, "no_text")
		return c, false
	}
	if runes(c.text) > MaxMessageText {
		writeError(w, "msg_too_long")
		return c, false
	}
	if raw := p.raw("metadata"); raw != nil {
		var md Metadata
		if err := json.Unmarshal(raw, &md); err != nil {
			writeError(w, "invalid_metadata_format")
			return c, false
		}
		if md.EventType == "" || len(md.EventType) > MaxEventType || !eventTypeRE.MatchString(md.EventType) || md.EventPayload == nil {
			writeError(w, "invalid_metadata_schema")
			return c, false
		}
		c.metadata = &md
	}
	return c, true
}

func (m *Message) setMentions() {
	m.Mentions, _ = mentionsIn(m.mrkdwn())
}

func (s *Server) postMessage(w http.ResponseWriter, p params) {
	chID := p.str("channel")
	c, ok := readContent(w, p)
	if !ok {
		return
	}
	s.mu.Lock()
	ch, exists := s.channels[chID]
	switch {
	case !exists:
		s.mu.Unlock()
		writeError(w, "channel_not_found")
		return
	case !ch.member:
		s.mu.Unlock()
		writeError(w, "not_in_channel")
		return
	case ch.archived:
		s.mu.Unlock()
		writeError(w, "is_archived")
		return
	}
	f, faulty := s.takeFault(chID)
	if faulty && writeFault(w, f, false) {
		s.mu.Unlock()
		return
	}
	m := Message{Channel: chID, TS: s.nextTS(), ThreadTS: p.str("thread_ts"), Text: c.text, Blocks: c.blocks, Metadata: c.metadata,
		UnfurlLinks: p.flag("unfurl_links"), UnfurlMedia: p.flag("unfurl_media")}
	if m.ThreadTS != "" && !hasTS(ch.messages, m.ThreadTS) {
		s.mu.Unlock()
		writeError(w, "thread_not_found")
		return
	}
	m.setMentions()
	ch.messages = append(ch.messages, m)
	s.mu.Unlock()
	s.notify(m)
	if faulty && f.kind == faultDrop {
		dropConnection(w)
		return
	}
	writeOK(w, map[string]any{"channel": chID, "ts": m.TS, "message": wireMessage(m, true)})
}

func hasTS(ms []Message, ts string) bool {
	for _, m := range ms {
		if m.TS == ts {
			return true
		}
	}
	return false
}

func (s *Server) updateMessage(w http.ResponseWriter, p params) {
	chID, ts := p.str("channel"), p.str("ts")
	c, ok := readContent(w, p)
	if !ok {
		return
	}
	s.mu.Lock()
	ch, exists := s.channels[chID]
	if !exists {
		s.mu.Unlock()
		writeError(w, "channel_not_found")
		return
	}
	if f, faulty := s.takeFault(chID); faulty && writeFault(w, f, false) {
		s.mu.Unlock()
		return
	}
	i := -1
	for j, m := range ch.messages {
		if m.TS == ts {
			i = j
		}
	}
	switch {
	case i < 0:
		s.mu.Unlock()
		writeError(w, "message_not_found")
		return
	case ch.messages[i].Webhook:
		s.mu.Unlock()
		writeError(w, "cant_update_message")
		return
	}
	m := ch.messages[i]
	m.Text, m.Blocks, m.Edited = c.text, c.blocks, true
	if c.metadata != nil {
		m.Metadata = c.metadata
	}
	m.setMentions()
	ch.messages[i] = m
	s.mu.Unlock()
	s.notify(m)
	writeOK(w, map[string]any{"channel": chID, "ts": ts, "text": m.Text, "message": wireMessage(m, true)})
}

// wireMessage is a message as the Web API returns it.
func wireMessage(m Message, withMetadata bool) map[string]any {
	out := map[string]any{"type": "message", "ts": m.TS, "text": m.Text}
	if m.Webhook {
		out["subtype"] = "bot_message"
		out["bot_id"] = "B0HOOK"
	} else {
		out["bot_id"], out["user"] = BotID, BotUserID
	}
	if len(m.Blocks) > 0 {
		out["blocks"] = m.Blocks
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if withMetadata && m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	if m.Edited {
		out["edited"] = map[string]any{"user": BotUserID, "ts": m.TS}
	}
	return out
}

// readableChannel answers the error for a channel the bot cannot read.
func (s *Server) readableChannel(w http.ResponseWriter, id string) (*channel, bool) {
	ch, ok := s.channels[id]
	switch {
	case !ok:
		writeError(w, "channel_not_found")
		return nil, false
	case !ch.member:
		writeError(w, "not_in_channel")
		return nil, false
	}
	return ch, true
}

// history answers conversations.history: the channel's messages (thread
// replies left out), newest first, between oldest and latest, in pages of
// limit (default 100, at most 999) chained by next_cursor. Metadata only
// with include_all_metadata.
func (s *Server) history(w http.ResponseWriter, p params) {
	s.mu.Lock()
	ch, ok := s.readableChannel(w, p.str("channel"))
	if !ok {
		s.mu.Unlock()
		return
	}
	all := append([]Message(nil), ch.messages...)
	s.mu.Unlock()
	sortByTS(all)
	oldest, latest, inclusive := p.str("oldest"), p.str("latest"), p.str("inclusive") == "true" || p.str("inclusive") == "1"
	var list []Message
	for i := len(all) - 1; i >= 0; i-- {
		m := all[i]
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			continue
		}
		if oldest != "" && (tsLess(m.TS, oldest) || (!inclusive && m.TS == oldest)) {
			continue
		}
		if latest != "" && (tsLess(latest, m.TS) || (!inclusive && m.TS == latest)) {
			continue
		}
		list = append(list, m)
	}
	s.page(w, p, list)
}

// replies answers conversations.replies: the parent and its replies,
// oldest first.
func (s *Server) replies(w http.ResponseWriter, p params) {
	ts := p.str("ts")
	s.mu.Lock()
	ch, ok := s.readableChannel(w, p.str("channel"))
	if !ok {
		s.mu.Unlock()
		return
	}
	var list []Message
	for _, m := range ch.messages {
		if m.TS == ts || m.ThreadTS == ts {
			list = append(list, m)
		}
	}
	s.mu.Unlock()
	if len(list) == 0 {
		writeError(w, "thread_not_found")
		return
	}
	sortByTS(list)
	s.page(w, p, list)
}

func (s *Server) page(w http.ResponseWriter, p params, list []Message) {
	limit := 100
	if v, err := strconv.Atoi(p.str("limit")); err == nil && v > 0 {
		limit = min(v, 999)
	}
	start := 0
	if c := p.str("cursor"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "off:"))
		if err != nil || n < 0 {
			writeError(w, "invalid_cursor")
			return
		}
		start = min(n, len(list))
	}
	end := min(start+limit, len(list))
	withMeta := p.str("include_all_metadata") == "true" || p.str("include_all_metadata") == "1"
	msgs := make([]map[string]any, 0, end-start)
	for _, m := range list[start:end] {
		msgs = append(msgs, wireMessage(m, withMeta))
	}
	next := ""
	if end < len(list) {
		next = fmt.Sprintf("off:%d", end)
	}
	writeOK(w, map[string]any{"messages": msgs, "has_more": next != "",
		"response_metadata": map[string]any{"next_cursor": next}})
}

// handleWebhook receives an incoming webhook's post. Slack answers "ok" as
// text/plain, and errors as text: 400 invalid_payload or no_text, 403
// invalid_token, 404 no_service, 410 channel_is_archived.
func (s *Server) handleWebhook(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	s.mu.Lock()
	hook, ok := s.webhooks[path]
	s.mu.Unlock()
	textError := func(status int, code string) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		fmt.Fprint(w, code)
	}
	switch {
	case !ok:
		textError(http.StatusNotFound, "no_service")
		return
	case hook.revoked:
		textError(http.StatusForbidden, "invalid_token")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	var raw map[string]json.RawMessage
	if err != nil || json.Unmarshal(body, &raw) != nil {
		textError(http.StatusBadRequest, "invalid_payload")
		return
	}
	p := params{json: raw}
	c := content{text: p.str("text")}
	if b := p.raw("blocks"); b != nil {
		if json.Unmarshal(b, &c.blocks) != nil || len(blockProblems(c.blocks)) > 0 {
			textError(http.StatusBadRequest, "invalid_blocks")
			return
		}
	}
	if c.text == "" && len(c.blocks) == 0 {
		textError(http.StatusBadRequest, "no_text")
		return
	}
	if runes(c.text) > MaxMessageText {
		textError(http.StatusBadRequest, "msg_too_long")
		return
	}
	s.mu.Lock()
	ch := s.channelLocked(hook.channel)
	if ch.archived {
		s.mu.Unlock()
		textError(http.StatusGone, "channel_is_archived")
		return
	}
	f, faulty := s.takeFault(path)
	if faulty && writeFault(w, f, true) {
		s.mu.Unlock()
		return
	}
	m := Message{Channel: hook.channel, TS: s.nextTS(), ThreadTS: p.str("thread_ts"), Text: c.text, Blocks: c.blocks, Webhook: true,
		UnfurlLinks: p.flag("unfurl_links"), UnfurlMedia: p.flag("unfurl_media")}
	m.setMentions()
	ch.messages = append(ch.messages, m)
	s.mu.Unlock()
	s.notify(m)
	if faulty && f.kind == faultDrop {
		dropConnection(w)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprint(w, "ok")
}
