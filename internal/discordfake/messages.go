package discordfake

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

func (s *Server) handleGetChannel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("channel")
	s.mu.Lock()
	c, ok := s.channels[id]
	s.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
	case c.forbidden:
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
	default:
		writeJSON(w, http.StatusOK, channelJSON(c))
	}
}

// handleCreateMessage serves POST /channels/{channel}/messages. Order of
// checks: injected fault, channel exists, permission, payload, nonce.
func (s *Server) handleCreateMessage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("channel")
	s.delay(r, id)
	s.mu.Lock()
	f, faulted := s.takeFault(id)
	c, exists := s.channels[id]
	forbidden := exists && c.forbidden
	s.mu.Unlock()

	if faulted && writeFault(w, f, "channel-messages-"+id) {
		return
	}
	if !exists {
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return
	}
	if forbidden {
		writeError(w, http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	if c.kind == channelForum {
		writeError(w, http.StatusBadRequest, 50008, "Cannot send messages in a non-text channel")
		return
	}
	b, ok := decodeMessage(w, r)
	if !ok {
		return
	}
	m := s.newMessage(b)
	m.ChannelID = id
	if emptyMessage(m) {
		writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}

	s.mu.Lock()
	if ref := b.Reference; ref != nil {
		if _, found := findMessage(c.messages, ref.MessageID); found {
			m.ReferenceID = ref.MessageID
		} else if ref.FailIfNotExists == nil || *ref.FailIfNotExists {
			s.mu.Unlock()
			f := formErrors{}
			f.add([]string{"message_reference"}, "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
			writeFormErrors(w, f)
			return
		}
	}
	if m.EnforceNonce && m.Nonce != "" {
		key := nonceKey{id, m.Nonce}
		if prev, ok := s.nonces[key]; ok && time.Since(prev.at) < s.opts.NonceWindow {
			if orig, found := findMessage(c.messages, prev.messageID); found {
				// A repeat: Discord answers with the original and creates nothing.
				s.mu.Unlock()
				if faulted && f.kind == faultDrop {
					dropConnection(w)
					return
				}
				writeJSON(w, http.StatusOK, s.wire(orig))
				return
			}
		}
		s.nonces[key] = nonceEntry{messageID: m.ID, at: time.Now()}
	}
	c.messages = append(c.messages, m)
	s.mu.Unlock()
	s.notify(m)

	if faulted && f.kind == faultDrop {
		dropConnection(w)
		return
	}
	writeJSON(w, http.StatusOK, s.wire(m))
}

// handleListMessages serves GET /channels/{channel}/messages: newest first,
// limit (1–100, default 50), before or after a message ID (after: the
// oldest after it, still newest first, as Discord answers).
func (s *Server) handleListMessages(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("channel")
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			f := formErrors{}
			f.add([]string{"limit"}, "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
			writeFormErrors(w, f)
			return
		}
		limit = n
	}
	before, after := snowflakeParam(q.Get("before")), snowflakeParam(q.Get("after"))
	s.mu.Lock()
	if f, faulted := s.takeFault(readFaultKey(id)); faulted {
		s.mu.Unlock()
		writeFault(w, f, "channel-messages-get-"+id)
		return
	}
	c, ok := s.channels[id]
	if !ok {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return
	}
	if c.forbidden {
		s.mu.Unlock()
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	var picked []Message
	if after > 0 {
		for _, m := range c.messages { // oldest first
			if n := snowflakeParam(m.ID); n > after && (before == 0 || n < before) {
				picked = append(picked, m)
				if len(picked) == limit {
					break
				}
			}
		}
		slices.Reverse(picked)
	} else {
		for i := len(c.messages) - 1; i >= 0 && len(picked) < limit; i-- {
			if before == 0 || snowflakeParam(c.messages[i].ID) < before {
				picked = append(picked, c.messages[i])
			}
		}
	}
	s.mu.Unlock()
	out := make([]map[string]any, len(picked))
	for i, m := range picked {
		out[i] = s.wire(m)
	}
	writeJSON(w, http.StatusOK, out)
}

// snowflakeParam is a snowflake query parameter's value; 0 when absent or
// not a number.
func snowflakeParam(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// handleGetWebhook serves GET /webhooks/{id}/{token}: the webhook object,
// with the channel it posts in.
func (s *Server) handleGetWebhook(w http.ResponseWriter, r *http.Request) {
	id, token := r.PathValue("id"), r.PathValue("token")
	s.mu.Lock()
	hook, ok := s.webhooks[id]
	var valid bool
	var ch string
	if ok {
		valid, ch = hook.token == token, hook.channelID
	}
	s.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
	case !valid:
		writeError(w, http.StatusUnauthorized, 50027, "Invalid Webhook Token")
	default:
		out := map[string]any{"id": id, "type": 1, "name": "webhook", "token": token, "application_id": nil}
		if ch != "" {
			out["channel_id"] = ch
		} else {
			out["channel_id"] = nil
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func findMessage(list []Message, id string) (Message, bool) {
	for _, m := range list {
		if m.ID == id {
			return m, true
		}
	}
	return Message{}, false
}

func indexMessage(list []Message, id string) int {
	for i, m := range list {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// channelMessage finds a channel's message; on failure it has answered.
func (s *Server) channelMessage(w http.ResponseWriter, r *http.Request) (*channel, int, bool) {
	c, ok := s.channels[r.PathValue("channel")]
	if !ok {
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return nil, 0, false
	}
	i := indexMessage(c.messages, r.PathValue("message"))
	if i < 0 {
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return nil, 0, false
	}
	return c, i, true
}

func (s *Server) handleGetMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	c, i, ok := s.channelMessage(w, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	m := c.messages[i]
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.wire(m))
}

func (s *Server) handleEditMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, faulted := s.takeFault(editFaultKey(r.PathValue("channel")))
	s.mu.Unlock()
	if faulted && writeFault(w, f, "channel-message-edit-"+r.PathValue("channel")) {
		return
	}
	b, ok := decodeMessage(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	c, i, ok := s.channelMessage(w, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	m := applyEdit(c.messages[i], b)
	if emptyMessage(m) {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	c.messages[i] = m
	s.mu.Unlock()
	s.notify(m)
	writeJSON(w, http.StatusOK, s.wire(m))
}

func (s *Server) handleDeleteMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	c, i, ok := s.channelMessage(w, r)
	if ok {
		c.messages = append(c.messages[:i:i], c.messages[i+1:]...)
	}
	s.mu.Unlock()
	if ok {
		w.WriteHeader(http.StatusNoContent)
	}
}

// handleExecuteWebhook serves POST /webhooks/{id}/{token}: an incoming
// webhook, or an interaction followup when id is the application.
func (s *Server) handleExecuteWebhook(w http.ResponseWriter, r *http.Request) {
	id, token := r.PathValue("id"), r.PathValue("token")
	if id == s.opts.ApplicationID {
		s.handleFollowup(w, r, token)
		return
	}
	s.delay(r, id)
	s.mu.Lock()
	f, faulted := s.takeFault(id)
	hook, exists := s.webhooks[id]
	hookToken := ""
	if exists {
		hookToken = hook.token
	}
	s.mu.Unlock()
	if faulted && writeFault(w, f, "webhook-"+id) {
		return
	}
	if !exists {
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	if hookToken != token {
		writeError(w, http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		return
	}
	b, ok := decodeMessage(w, r)
	if !ok {
		return
	}
	m := s.newMessage(b)
	m.WebhookID = id
	if emptyMessage(m) {
		writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	s.mu.Lock()
	m.ChannelID = hook.channelID
	if tid := r.URL.Query().Get("thread_id"); tid != "" {
		// Into a thread of the webhook's channel: the message is the
		// thread's, not listed among the channel's own.
		th, ok := s.channels[tid]
		if !ok || th.kind != channelThread || th.parent != hook.channelID {
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, 10003, "Unknown Channel")
			return
		}
		m.ChannelID = tid
	}
	hook.messages = append(hook.messages, m)
	if c, ok := s.channels[m.ChannelID]; ok {
		c.messages = append(c.messages, m)
	}
	s.mu.Unlock()
	s.notify(m)

	if faulted && f.kind == faultDrop {
		dropConnection(w)
		return
	}
	if r.URL.Query().Get("wait") == "true" {
		writeJSON(w, http.StatusOK, s.wire(m))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleWebhookMessage serves GET/PATCH/DELETE
// /webhooks/{id}/{token}/messages/{message}, for incoming webhooks and for
// interaction responses (@original) and followups.
func (s *Server) handleWebhookMessage(w http.ResponseWriter, r *http.Request) {
	id, token, mid := r.PathValue("id"), r.PathValue("token"), r.PathValue("message")
	if id == s.opts.ApplicationID {
		s.handleInteractionMessage(w, r, token, mid)
		return
	}
	var b *messageBody
	if r.Method == http.MethodPatch {
		var ok bool
		if b, ok = decodeMessage(w, r); !ok {
			return
		}
	}
	s.mu.Lock()
	hook, exists := s.webhooks[id]
	if !exists || hook.token != token {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	i := indexMessage(hook.messages, mid)
	if i < 0 {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	switch r.Method {
	case http.MethodGet:
		m := hook.messages[i]
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, s.wire(m))
	case http.MethodDelete:
		hook.messages = append(hook.messages[:i:i], hook.messages[i+1:]...)
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	default:
		m := applyEdit(hook.messages[i], b)
		hook.messages[i] = m
		if c, ok := s.channels[hook.channelID]; ok {
			if j := indexMessage(c.messages, mid); j >= 0 {
				c.messages[j] = m
			}
		}
		s.mu.Unlock()
		s.notify(m)
		writeJSON(w, http.StatusOK, s.wire(m))
	}
}

// writeFault answers with an injected status or rate limit and reports
// whether it did; other faults (a dropped response) are the caller's to act on.
func writeFault(w http.ResponseWriter, f fault, bucket string) bool {
	switch f.kind {
	case faultStatus:
		writeStatus(w, f.status)
		return true
	case faultRateLimit:
		writeRateLimited(w, bucket, f.retryAfter)
		return true
	}
	return false
}
