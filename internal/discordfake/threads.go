package discordfake

import (
	"net/http"
	"strings"
	"time"
)

// Channel types, as Discord numbers them.
const (
	channelText   = 0
	channelThread = 11 // a public thread
	channelForum  = 15
)

// AddForum makes a forum channel exist: it takes posts (POST
// /channels/{id}/threads with a first message), not messages.
func (s *Server) AddForum(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = &channel{id: id, kind: channelForum}
}

// Thread is a thread the fake holds: started from a message, or a forum post.
type Thread struct {
	ID, Parent, Name string
}

// Threads returns the threads of a channel (or forum), oldest first.
func (s *Server) Threads(parent string) []Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Thread
	for _, c := range s.channels {
		if c.kind == channelThread && c.parent == parent {
			out = append(out, Thread{ID: c.id, Parent: c.parent, Name: c.name})
		}
	}
	// snowflakes grow with time: by ID is oldest first
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && snowflakeParam(out[j].ID) < snowflakeParam(out[j-1].ID); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// RateLimitEditsNext makes the next n message edits in a channel answer
// 429 with the given retry_after (Discord limits edits per channel too).
func (s *Server) RateLimitEditsNext(channelID string, n int, retryAfter time.Duration) {
	s.addFaults(editFaultKey(channelID), n, fault{kind: faultRateLimit, retryAfter: retryAfter})
}

func editFaultKey(channelID string) string { return "edit:" + channelID }

// GuildID is the snowflake of the one guild (server) every channel of the
// fake belongs to.
const GuildID = "900000000000000009"

// channelJSON is a channel in Discord's JSON shape.
func channelJSON(c *channel) map[string]any {
	out := map[string]any{"id": c.id, "type": c.kind, "name": "channel-" + c.id, "guild_id": GuildID}
	if c.kind == channelThread {
		out["name"] = c.name
		out["parent_id"] = c.parent
		out["thread_metadata"] = map[string]any{"archived": false, "auto_archive_duration": 1440, "locked": false}
	}
	return out
}

type threadBody struct {
	Name                string       `json:"name"`
	AutoArchiveDuration int          `json:"auto_archive_duration"`
	Message             *messageBody `json:"message"`
}

// validThreadName checks a thread's name as Discord does (1–100 characters).
func validThreadName(w http.ResponseWriter, name string) bool {
	if n := len([]rune(strings.TrimSpace(name))); n == 0 || n > 100 {
		f := formErrors{}
		f.add([]string{"name"}, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		writeFormErrors(w, f)
		return false
	}
	return true
}

// handleStartThread serves POST /channels/{channel}/messages/{message}/threads:
// a public thread started from a message, whose ID is the message's. A
// second thread from the same message is refused with 160004.
func (s *Server) handleStartThread(w http.ResponseWriter, r *http.Request) {
	var b threadBody
	if _, ok := decodeBody(w, r, &b); !ok {
		return
	}
	if !validThreadName(w, b.Name) {
		return
	}
	s.mu.Lock()
	c, i, ok := s.channelMessage(w, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	if c.forbidden {
		s.mu.Unlock()
		writeError(w, http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	if c.kind != channelText {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	m := &c.messages[i]
	if m.ThreadID != "" {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, 160004, "A thread has already been created for this message")
		return
	}
	th := &channel{id: m.ID, kind: channelThread, parent: c.id, name: strings.TrimSpace(b.Name)}
	s.channels[th.id] = th
	m.ThreadID = th.id
	out := channelJSON(th)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

// handleForumPost serves POST /channels/{channel}/threads for a forum: a
// post, i.e. a thread with its first message, whose ID is the thread's.
// Other channels answer as Discord does for a thread without a message
// (not served by the fake).
func (s *Server) handleForumPost(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("channel")
	var b threadBody
	if _, ok := decodeBody(w, r, &b); !ok {
		return
	}
	s.mu.Lock()
	f, faulted := s.takeFault(id)
	c, exists := s.channels[id]
	s.mu.Unlock()
	if faulted && writeFault(w, f, "channel-threads-"+id) {
		return
	}
	switch {
	case !exists:
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return
	case c.forbidden:
		writeError(w, http.StatusForbidden, 50013, "Missing Permissions")
		return
	case c.kind != channelForum:
		writeError(w, http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	if !validThreadName(w, b.Name) {
		return
	}
	if b.Message == nil {
		f := formErrors{}
		f.add([]string{"message"}, "BASE_TYPE_REQUIRED", "This field is required")
		writeFormErrors(w, f)
		return
	}
	if fe := validateMessage(b.Message); len(fe) > 0 {
		writeFormErrors(w, fe)
		return
	}
	m := s.newMessage(b.Message)
	if emptyMessage(m) {
		writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	s.mu.Lock()
	th := &channel{id: m.ID, kind: channelThread, parent: id, name: strings.TrimSpace(b.Name)}
	m.ChannelID = th.id
	th.messages = append(th.messages, m)
	s.channels[th.id] = th
	out := channelJSON(th)
	out["message"] = s.wire(m)
	s.mu.Unlock()
	s.notify(m)
	if faulted && f.kind == faultDrop {
		dropConnection(w)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// handleActiveThreads serves GET /guilds/{guild}/threads/active: every
// active thread of the guild (forum posts among them), as Discord lists
// them — by guild only, each with its parent_id. The fake's threads never
// archive.
func (s *Server) handleActiveThreads(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("guild") != GuildID {
		writeError(w, http.StatusNotFound, 10004, "Unknown Guild")
		return
	}
	s.mu.Lock()
	threads := []map[string]any{}
	for _, c := range s.channels {
		if c.kind == channelThread {
			threads = append(threads, channelJSON(c))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"threads": threads, "members": []any{}})
}

// handleArchivedThreads serves GET /channels/{channel}/threads/archived/public:
// none, as the fake's threads never archive; an unknown channel is 10003.
func (s *Server) handleArchivedThreads(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	_, ok := s.channels[r.PathValue("channel")]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"threads": []any{}, "members": []any{}, "has_more": false})
}
