package discordfake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"time"
	"unicode/utf8"
)

// Interaction callback types.
const (
	CallbackPong                   = 1
	CallbackChannelMessage         = 4
	CallbackDeferredChannelMessage = 5
	CallbackDeferredUpdateMessage  = 6
	CallbackUpdateMessage          = 7
	CallbackAutocompleteResult     = 8
	CallbackModal                  = 9
)

// Message flags the fake interprets.
const (
	flagEphemeral = 1 << 6
	flagLoading   = 1 << 7
)

// Discord's limits on application commands.
const (
	maxCommands           = 100
	maxCommandOptions     = 25
	maxCommandDescription = 100
	maxChoices            = 25
)

const (
	interactionTokenBytes   = 24
	codeAlreadyAcknowledged = 40060
	commandNamePattern      = `^[-_\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{N}]{1,32}$`
)

var commandName = regexp.MustCompile(commandNamePattern)

// RegisterInteraction records an interaction so that callbacks, edits and
// followups for it are accepted, without dispatching it (for interactions a
// test delivers itself, e.g. to an HTTP interactions endpoint). Empty ID,
// Token, ApplicationID and Version are filled in; the completed interaction
// is returned.
func (s *Server) RegisterInteraction(in Interaction) Interaction {
	if in.ID == "" {
		in.ID = s.snowflake()
	}
	if in.Token == "" {
		b := make([]byte, interactionTokenBytes)
		_, _ = rand.Read(b)
		in.Token = "aW50ZXJhY3Rpb24" + hex.EncodeToString(b)
	}
	if in.ApplicationID == "" {
		in.ApplicationID = s.opts.ApplicationID
	}
	if in.Version == 0 {
		in.Version = 1
	}
	if in.Member != nil {
		m := *in.Member
		if m.JoinedAt == "" {
			m.JoinedAt = time.Now().UTC().Format(time.RFC3339)
		}
		if m.Roles == nil {
			m.Roles = []string{}
		}
		in.Member = &m
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interactions[in.ID] = &InteractionState{Interaction: in}
	s.byToken[in.Token] = in.ID
	return in
}

// InjectInteraction registers an interaction and dispatches it as
// INTERACTION_CREATE to every identified gateway session. It fails when no
// session is connected.
func (s *Server) InjectInteraction(in Interaction) (Interaction, error) {
	in = s.RegisterInteraction(in)
	n, err := s.gw.dispatch("INTERACTION_CREATE", in)
	if err != nil {
		return in, err
	}
	if n == 0 {
		return in, errors.New("discordfake: no identified gateway session to receive the interaction")
	}
	return in, nil
}

// InteractionState returns what the bot did in answer to an interaction.
func (s *Server) InteractionState(id string) (InteractionState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[id]
	if !ok {
		return InteractionState{}, false
	}
	out := *st
	out.Responses = append([]InteractionResponse(nil), st.Responses...)
	out.Followups = append([]Message(nil), st.Followups...)
	if st.Original != nil {
		o := *st.Original
		out.Original = &o
	}
	return out, true
}

type callbackBody struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
}

// handleCallback serves POST /interactions/{id}/{token}/callback.
func (s *Server) handleCallback(w http.ResponseWriter, r *http.Request) {
	var cb callbackBody
	if _, ok := decodeBody(w, r, &cb); !ok {
		return
	}
	var data *messageBody
	var extra ResponseData
	if len(cb.Data) > 0 && string(cb.Data) != "null" {
		data = &messageBody{}
		if err := json.Unmarshal(cb.Data, data); err != nil {
			f := formErrors{}
			f.add([]string{"data"}, "BASE_TYPE_BAD_TYPE", err.Error())
			writeFormErrors(w, f)
			return
		}
		_ = json.Unmarshal(cb.Data, &extra)
		data.present = presentKeys(cb.Data)
		if f := validateMessage(data); len(f) > 0 {
			nested := formErrors{"data": map[string]any(f)}
			writeFormErrors(w, nested)
			return
		}
	}

	s.mu.Lock()
	st, ok := s.interactions[r.PathValue("id")]
	if !ok || st.Interaction.Token != r.PathValue("token") {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	if len(st.Responses) > 0 {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, codeAlreadyAcknowledged, "Interaction has already been acknowledged.")
		return
	}
	if msg := callbackTypeError(st.Interaction.Type, cb.Type); msg != "" {
		s.mu.Unlock()
		f := formErrors{}
		f.add([]string{"type"}, "INTERACTION_CALLBACK_TYPE_INVALID", msg)
		writeFormErrors(w, f)
		return
	}
	resp := InteractionResponse{Type: cb.Type}
	if data != nil {
		extra.Content = data.content()
		extra.Embeds = data.Embeds
		extra.AllowedMentions = data.AllowedMentions
		extra.Components = data.Components
		extra.Flags = data.Flags
		resp.Data = &extra
	}
	st.Responses = append(st.Responses, resp)

	var created *Message
	switch cb.Type {
	case CallbackChannelMessage:
		if data == nil {
			data = &messageBody{}
		}
		m := s.newMessage(data)
		m.ChannelID = st.Interaction.ChannelID
		m.WebhookID = s.opts.ApplicationID
		if emptyMessage(m) {
			st.Responses = st.Responses[:0]
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
			return
		}
		st.Original, created = &m, &m
	case CallbackDeferredChannelMessage:
		m := s.newMessage(&messageBody{})
		m.ChannelID = st.Interaction.ChannelID
		m.WebhookID = s.opts.ApplicationID
		m.Flags = flagLoading
		if data != nil {
			m.Flags |= data.Flags & flagEphemeral
		}
		st.Original = &m
	case CallbackDeferredUpdateMessage, CallbackUpdateMessage:
		var orig Message
		if len(st.Interaction.Message) > 0 {
			orig = decodeWireMessage(st.Interaction.Message)
		}
		if cb.Type == CallbackUpdateMessage && data != nil {
			orig = applyEdit(orig, data)
			created = &orig
			s.syncChannelMessage(orig)
		}
		st.Original = &orig
	}
	s.mu.Unlock()
	if created != nil {
		s.notify(*created)
	}
	w.WriteHeader(http.StatusNoContent)
}

// callbackTypeError says why a callback type does not fit the interaction.
func callbackTypeError(interaction, callback int) string {
	ok := false
	switch callback {
	case CallbackPong:
		ok = interaction == InteractionPing
	case CallbackChannelMessage, CallbackDeferredChannelMessage:
		ok = interaction != InteractionPing && interaction != InteractionAutocomplete
	case CallbackDeferredUpdateMessage, CallbackUpdateMessage:
		ok = interaction == InteractionMessageComponent || interaction == InteractionModalSubmit
	case CallbackAutocompleteResult:
		ok = interaction == InteractionAutocomplete
	case CallbackModal:
		ok = interaction == InteractionApplicationCommand || interaction == InteractionMessageComponent
	}
	if ok {
		return ""
	}
	return fmt.Sprintf("Interaction callback type %d is not valid for interaction type %d.", callback, interaction)
}

func presentKeys(raw json.RawMessage) map[string]bool {
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	out := map[string]bool{}
	for k, v := range keys {
		out[k] = string(v) != "null"
	}
	return out
}

// decodeWireMessage reads a message given in Discord's JSON shape.
func decodeWireMessage(raw json.RawMessage) Message {
	var w struct {
		ID         string      `json:"id"`
		ChannelID  string      `json:"channel_id"`
		Content    string      `json:"content"`
		Embeds     []Embed     `json:"embeds"`
		Components []Component `json:"components"`
		Flags      int         `json:"flags"`
		Timestamp  time.Time   `json:"timestamp"`
		WebhookID  string      `json:"webhook_id"`
	}
	_ = json.Unmarshal(raw, &w)
	return Message{ID: w.ID, ChannelID: w.ChannelID, Content: w.Content, Embeds: w.Embeds, Components: w.Components,
		Flags: w.Flags, Timestamp: w.Timestamp, WebhookID: w.WebhookID}
}

// syncChannelMessage updates the channel's copy of a message the bot posted
// itself, when an interaction edits it (a button on a channel message); the
// caller holds s.mu.
func (s *Server) syncChannelMessage(m Message) {
	c, ok := s.channels[m.ChannelID]
	if !ok {
		return
	}
	if i := indexMessage(c.messages, m.ID); i >= 0 && c.messages[i].WebhookID == "" {
		stored := &c.messages[i]
		stored.Content, stored.Embeds, stored.Components, stored.Flags, stored.Edited = m.Content, m.Embeds, m.Components, m.Flags, m.Edited
		if m.AllowedMentions != nil {
			stored.AllowedMentions = m.AllowedMentions
		}
		stored.MentionEveryone, stored.MentionUsers, stored.MentionRoles = mentions(stored.Content, stored.AllowedMentions)
	}
}

// interactionByToken finds an interaction; the caller holds s.mu.
func (s *Server) interactionByToken(token string) (*InteractionState, bool) {
	id, ok := s.byToken[token]
	if !ok {
		return nil, false
	}
	st, ok := s.interactions[id]
	return st, ok
}

// handleFollowup serves POST /webhooks/{app}/{token}.
func (s *Server) handleFollowup(w http.ResponseWriter, r *http.Request, token string) {
	s.awaitAck(token)
	b, ok := decodeMessage(w, r)
	if !ok {
		return
	}
	m := s.newMessage(b)
	m.WebhookID = s.opts.ApplicationID
	if emptyMessage(m) {
		writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	s.mu.Lock()
	st, ok := s.interactionByToken(token)
	if !ok || len(st.Responses) == 0 {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	m.ChannelID = st.Interaction.ChannelID
	if st.Responses[0].Type == CallbackDeferredChannelMessage && len(st.Followups) == 0 &&
		st.Original != nil && st.Original.Flags&flagLoading != 0 {
		// Discord treats the first followup after a deferral as the
		// deferred answer: its ephemeral flag is ignored, the deferral's
		// holds; while the "thinking…" message stands, it is replaced.
		m.Flags = m.Flags&^flagEphemeral | st.Original.Flags&flagEphemeral
		if !st.Deleted {
			m.ID = st.Original.ID
			st.Original = &m
			s.mu.Unlock()
			s.notify(m)
			writeJSON(w, http.StatusOK, s.wire(m))
			return
		}
	}
	st.Followups = append(st.Followups, m)
	s.mu.Unlock()
	s.notify(m)
	writeJSON(w, http.StatusOK, s.wire(m))
}

// handleInteractionMessage serves GET/PATCH/DELETE on an interaction's
// @original response or one of its followups.
func (s *Server) handleInteractionMessage(w http.ResponseWriter, r *http.Request, token, mid string) {
	s.awaitAck(token)
	var b *messageBody
	if r.Method == http.MethodPatch {
		var ok bool
		if b, ok = decodeMessage(w, r); !ok {
			return
		}
	}
	s.mu.Lock()
	st, ok := s.interactionByToken(token)
	if !ok {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	var target *Message
	if mid == "@original" {
		if st.Original != nil && !st.Deleted {
			target = st.Original
		}
	} else if i := indexMessage(st.Followups, mid); i >= 0 {
		target = &st.Followups[i]
	}
	if target == nil {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	switch r.Method {
	case http.MethodGet:
		m := *target
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, s.wire(m))
	case http.MethodDelete:
		if mid == "@original" {
			st.Deleted = true
		} else {
			i := indexMessage(st.Followups, mid)
			st.Followups = append(st.Followups[:i:i], st.Followups[i+1:]...)
		}
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	default:
		m := applyEdit(*target, b)
		m.Flags &^= flagLoading
		if emptyMessage(m) {
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
			return
		}
		*target = m
		s.syncChannelMessage(m)
		s.mu.Unlock()
		s.notify(m)
		writeJSON(w, http.StatusOK, s.wire(m))
	}
}

func (s *Server) handleGetCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.opts.ApplicationID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	s.mu.Lock()
	cmds := append([]Command(nil), s.commands[r.PathValue("guild")]...)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, nonNil(cmds))
}

// handlePutCommands serves the bulk overwrite of global or guild commands.
func (s *Server) handlePutCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.opts.ApplicationID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	var cmds []Command
	if _, ok := decodeBodyArray(w, r, &cmds); !ok {
		return
	}
	if f := validateCommands(cmds); len(f) > 0 {
		writeFormErrors(w, f)
		return
	}
	guild := r.PathValue("guild")
	for i := range cmds {
		cmds[i].ID = s.snowflake()
		cmds[i].ApplicationID = s.opts.ApplicationID
		cmds[i].GuildID = guild
		cmds[i].Version = cmds[i].ID
		if cmds[i].Type == 0 {
			cmds[i].Type = 1
		}
	}
	s.mu.Lock()
	s.commands[guild] = cmds
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, nonNil(cmds))
}

// decodeBodyArray decodes a JSON array body; on failure it has answered.
func decodeBodyArray(w http.ResponseWriter, r *http.Request, v any) (struct{}, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return struct{}{}, false
	}
	return struct{}{}, true
}

func validateCommands(cmds []Command) formErrors {
	f := formErrors{}
	if len(cmds) > maxCommands {
		f.add(nil, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxCommands))
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		p := []string{idx(i)}
		if c.Type <= 1 && !commandName.MatchString(c.Name) {
			f.add(append(p, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		key := fmt.Sprint(c.Type, c.Name)
		if seen[key] {
			f.add(append(p, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		if c.Type <= 1 {
			n := utf8.RuneCountInString(c.Description)
			if n < 1 || n > maxCommandDescription {
				f.add(append(p, "description"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", maxCommandDescription))
			}
		}
		for j, ctx := range c.Contexts {
			if ctx < 0 || ctx > 2 {
				f.add(append(p, "contexts", idx(j)), "ENUM_TYPE_COERCE", fmt.Sprintf("Value \"%d\" is not a valid enum value.", ctx))
			}
		}
		validateOptions(f, append(p, "options"), c.Options)
	}
	return f
}

func validateOptions(f formErrors, path []string, opts []CommandOption) {
	if len(opts) > maxCommandOptions {
		f.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxCommandOptions))
	}
	optional := false
	for i, o := range opts {
		p := append(append([]string(nil), path...), idx(i))
		if !commandName.MatchString(o.Name) {
			f.add(append(p, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		n := utf8.RuneCountInString(o.Description)
		if n < 1 || n > maxCommandDescription {
			f.add(append(p, "description"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", maxCommandDescription))
		}
		if o.Type < 1 || o.Type > 11 {
			f.add(append(p, "type"), "BASE_TYPE_CHOICES", "Value must be one of the option types.")
		}
		if o.Required && optional {
			f.add(append(p, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		if !o.Required && o.Type > 2 {
			optional = true
		}
		if len(o.Choices) > maxChoices {
			f.add(append(p, "choices"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxChoices))
		}
		validateOptions(f, append(p, "options"), o.Options)
	}
}
