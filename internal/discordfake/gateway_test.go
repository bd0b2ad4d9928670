package discordfake_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/newshound/newshound/internal/discordfake"
)

func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// TestDiscordgoGatewayAndInteraction drives discordgo's real gateway client:
// READY, an injected slash command, a deferred reply edited later, and a
// followup.
func TestDiscordgoGatewayAndInteraction(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	s.Identify.Presence.Status = "online"
	ready := make(chan *discordgo.Ready, 1)
	interactions := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { interactions <- i })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := waitFor(t, ready, "READY")
	if r.SessionID == "" || r.User == nil || r.User.ID != srv.ApplicationID() || !r.User.Bot {
		t.Fatalf("READY = %+v", r)
	}
	if srv.Sessions() != 1 {
		t.Fatalf("fake counts %d sessions", srv.Sessions())
	}
	if p, ok := srv.IdentifyPresence(); !ok || p.Status != "online" {
		t.Fatalf("presence %+v %v, want status online", p, ok)
	}

	in, err := srv.InjectInteraction(discordfake.Interaction{
		Type:      discordfake.InteractionApplicationCommand,
		GuildID:   "888888888888888888",
		ChannelID: channelID,
		Member:    &discordfake.Member{User: discordfake.User{ID: "999", Username: "ann"}, Permissions: "32"},
		Data: &discordfake.InteractionData{ID: "1", Name: "search", Type: 1, Options: []discordfake.InteractionOption{
			{Name: "query", Type: 3, Value: "putin AND election"},
			{Name: "days", Type: 4, Value: 7},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, interactions, "INTERACTION_CREATE")
	data := got.ApplicationCommandData()
	if got.ID != in.ID || got.Token != in.Token || data.Name != "search" || data.Options[0].StringValue() != "putin AND election" ||
		data.Options[1].IntValue() != 7 || got.Member.Permissions != 32 || got.AppID != srv.ApplicationID() {
		t.Fatalf("discordgo received %+v / %+v", got.Interaction, data)
	}

	if err := s.InteractionRespond(got.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	err = s.InteractionRespond(got.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	if _, code := restError(t, err); code != 40060 {
		t.Errorf("second callback: code %d, want 40060", code)
	}
	content := "3 results"
	if _, err := s.InteractionResponseEdit(got.Interaction, &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FollowupMessageCreate(got.Interaction, true, &discordgo.WebhookParams{Content: "more"}); err != nil {
		t.Fatal(err)
	}
	st, ok := srv.InteractionState(in.ID)
	if !ok || len(st.Responses) != 1 || st.Responses[0].Type != discordfake.CallbackDeferredChannelMessage ||
		st.Original == nil || st.Original.Content != "3 results" || st.Original.Flags != 0 ||
		len(st.Followups) != 1 || st.Followups[0].Content != "more" {
		t.Fatalf("interaction state %+v", st)
	}
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s"`
	T  string          `json:"t"`
}

func dial(t *testing.T, srv *discordfake.Server) *websocket.Conn {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(srv.GatewayURL()+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if f := read(t, ws); f.Op != 10 {
		t.Fatalf("first frame op %d, want HELLO", f.Op)
	}
	return ws
}

func read(t *testing.T, ws *websocket.Conn) frame {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var f frame
	if err := ws.ReadJSON(&f); err != nil {
		t.Fatalf("read: %v", err)
	}
	return f
}

func send(t *testing.T, ws *websocket.Conn, op int, d any) {
	t.Helper()
	if err := ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		t.Fatal(err)
	}
}

// TestGatewayProtocol checks the wire protocol without discordgo (whose
// Close sleeps a second): heartbeat ACK, RESUME replaying missed events,
// INVALID_SESSION and authentication failure.
func TestGatewayProtocol(t *testing.T) {
	srv := newFake(t)
	ws := dial(t, srv)
	send(t, ws, 1, nil)
	if f := read(t, ws); f.Op != 11 {
		t.Fatalf("heartbeat answered with op %d", f.Op)
	}
	send(t, ws, 2, map[string]any{"token": srv.Token(), "intents": 0, "properties": map[string]string{"os": "linux"}})
	f := read(t, ws)
	var ready struct {
		SessionID string `json:"session_id"`
		Resume    string `json:"resume_gateway_url"`
	}
	if f.Op != 0 || f.T != "READY" || json.Unmarshal(f.D, &ready) != nil || ready.SessionID == "" || ready.Resume != srv.GatewayURL() {
		t.Fatalf("READY frame %+v", f)
	}
	lastSeen := f.S

	srv.DisconnectGateway()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Sessions() != 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := srv.InjectInteraction(discordfake.Interaction{Type: discordfake.InteractionApplicationCommand}); err == nil {
		t.Fatal("injecting with no session connected succeeded")
	}
	// The injection above was numbered and kept for the session; RESUME replays it.
	ws2 := dial(t, srv)
	send(t, ws2, 6, map[string]any{"token": "Bot " + srv.Token(), "session_id": ready.SessionID, "seq": lastSeen})
	var types []string
	for {
		f := read(t, ws2)
		types = append(types, f.T)
		if f.T == "RESUMED" {
			break
		}
	}
	if len(types) != 2 || types[0] != "INTERACTION_CREATE" {
		t.Fatalf("after RESUME got %v, want the missed INTERACTION_CREATE then RESUMED", types)
	}

	ws3 := dial(t, srv)
	send(t, ws3, 6, map[string]any{"token": srv.Token(), "session_id": "nope", "seq": 1})
	if f := read(t, ws3); f.Op != 9 || string(f.D) != "false" {
		t.Fatalf("unknown session answered %+v", f)
	}

	ws4 := dial(t, srv)
	send(t, ws4, 2, map[string]any{"token": "wrong"})
	_ = ws4.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err := ws4.ReadMessage()
	if ce, ok := err.(*websocket.CloseError); !ok || ce.Code != 4004 {
		t.Fatalf("bad token: %v, want close 4004", err)
	}
}

// TestIdentifyRefusesEmptyPresenceStatus: discordgo's default IDENTIFY
// carries a presence with an empty status, which Discord cannot decode.
func TestIdentifyRefusesEmptyPresenceStatus(t *testing.T) {
	srv := newFake(t)
	ws := dial(t, srv)
	send(t, ws, 2, map[string]any{"token": srv.Token(), "intents": 0, "properties": map[string]string{},
		"presence": map[string]any{"status": "", "since": 0, "afk": false}})
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err := ws.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4002 {
		t.Fatalf("read after IDENTIFY: %v, want close 4002", err)
	}
}

// TestFirstFollowupAfterDeferralIsTheAnswer: after a public deferral the
// first followup takes the deferral's visibility, whatever its own flags.
func TestFirstFollowupAfterDeferralIsTheAnswer(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	for _, deleteFirst := range []bool{false, true} {
		in := srv.RegisterInteraction(discordfake.Interaction{
			Type: discordfake.InteractionApplicationCommand, ChannelID: channelID,
			Data: &discordfake.InteractionData{ID: "1", Name: "summary", Type: 1},
		})
		gi := &discordgo.Interaction{ID: in.ID, AppID: srv.ApplicationID(), Token: in.Token, Type: discordgo.InteractionApplicationCommand}
		if err := s.InteractionRespond(gi, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			t.Fatal(err)
		}
		if deleteFirst {
			if err := s.InteractionResponseDelete(gi); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.FollowupMessageCreate(gi, true, &discordgo.WebhookParams{Content: "failed", Flags: discordgo.MessageFlagsEphemeral}); err != nil {
			t.Fatal(err)
		}
		st, _ := srv.InteractionState(in.ID)
		var m *discordfake.Message
		if deleteFirst {
			if len(st.Followups) != 1 {
				t.Fatalf("delete first: followups %+v", st.Followups)
			}
			m = &st.Followups[0]
		} else {
			if len(st.Followups) != 0 || st.Original == nil {
				t.Fatalf("state %+v: the followup should have replaced the deferred message", st)
			}
			m = st.Original
		}
		if m.Content != "failed" || m.Flags&64 != 0 {
			t.Errorf("delete first %v: answer %q flags %d, want a public \"failed\"", deleteFirst, m.Content, m.Flags)
		}
	}
}
