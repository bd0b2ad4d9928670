package slackfake

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

const chanID = "C0NEWSROOM"

func client(s *Server, token string) *slack.Client {
	return slack.New(token, slack.OptionAPIURL(s.URL()+"/api/"))
}

func TestPostAndHistoryWithMetadata(t *testing.T) {
	s := New(Options{Channels: []string{chanID}})
	defer s.Close()
	api := client(s, s.Token())
	ctx := context.Background()
	if _, err := api.AuthTestContext(ctx); err != nil {
		t.Fatal(err)
	}
	_, ts, err := api.PostMessageContext(ctx, chanID,
		slack.MsgOptionText("fallback <!subteam^S0DESK|@desk>", false),
		slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*hi* <!here> <https://x.example|x>", false, false), nil, nil)),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "newshound_delivery", EventPayload: map[string]any{"ref": "abc"}}))
	if err != nil || ts == "" {
		t.Fatalf("post: %q %v", ts, err)
	}
	msgs := s.Messages(chanID)
	if len(msgs) != 1 || msgs[0].Metadata == nil || msgs[0].Metadata.EventPayload["ref"] != "abc" {
		t.Fatalf("stored %+v", msgs)
	}
	if got := strings.Join(msgs[0].Mentions, ","); got != "subteam:S0DESK,@here" {
		t.Errorf("mentions %q", got)
	}
	if l := msgs[0].Links(); len(l) != 1 || l[0] != "https://x.example" {
		t.Errorf("links %v", l)
	}
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: chanID})
	if err != nil || len(h.Messages) != 1 || h.Messages[0].Metadata.EventType != "" {
		t.Fatalf("history without include_all_metadata: %+v %v", h, err)
	}
	h, err = api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: chanID, IncludeAllMetadata: true})
	if err != nil || h.Messages[0].Metadata.EventPayload["ref"] != "abc" || h.Messages[0].Timestamp != ts {
		t.Fatalf("history with metadata: %+v %v", h, err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, chanID, ts, slack.MsgOptionText("edited", false)); err != nil {
		t.Fatal(err)
	}
	if m := s.Messages(chanID)[0]; !m.Edited || m.Text != "edited" || m.Metadata == nil {
		t.Errorf("after update %+v", m)
	}
	if _, _, err := api.PostMessageContext(ctx, chanID, slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts)); err != nil {
		t.Fatal(err)
	}
	h, _ = api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: chanID})
	if len(h.Messages) != 1 {
		t.Errorf("a thread reply shows in history: %d messages", len(h.Messages))
	}
}

func TestErrorsInSlacksFormats(t *testing.T) {
	s := New(Options{Channels: []string{chanID}})
	defer s.Close()
	ctx := context.Background()
	api := client(s, s.Token())
	var se slack.SlackErrorResponse
	_, _, err := client(s, "xoxb-wrong").PostMessageContext(ctx, chanID, slack.MsgOptionText("x", false))
	if !errors.As(err, &se) || se.Err != "invalid_auth" {
		t.Errorf("wrong token: %v", err)
	}
	_, _, err = api.PostMessageContext(ctx, "C0MISSING", slack.MsgOptionText("x", false))
	if !errors.As(err, &se) || se.Err != "channel_not_found" {
		t.Errorf("missing channel: %v", err)
	}
	s.RemoveBot(chanID)
	_, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionText("x", false))
	if !errors.As(err, &se) || se.Err != "not_in_channel" {
		t.Errorf("not a member: %v", err)
	}
	s.AddChannel(chanID)
	long := slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", strings.Repeat("é", MaxSectionText+1), false, false), nil, nil)
	_, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionBlocks(long))
	if !errors.As(err, &se) || se.Err != "invalid_blocks" || len(se.Errors) == 0 {
		t.Errorf("long section: %v", err)
	}
	var many []slack.Block
	for range MaxBlocks + 1 {
		many = append(many, slack.NewDividerBlock())
	}
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionBlocks(many...)); !errors.As(err, &se) || se.Err != "invalid_blocks" {
		t.Errorf("51 blocks: %v", err)
	}
	head := slack.NewHeaderBlock(slack.NewTextBlockObject("plain_text", strings.Repeat("x", MaxHeaderText+1), false, false))
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionBlocks(head)); !errors.As(err, &se) || se.Err != "invalid_blocks" {
		t.Errorf("long header: %v", err)
	}
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionText(strings.Repeat("x", MaxMessageText+1), false)); !errors.As(err, &se) || se.Err != "msg_too_long" {
		t.Errorf("long text: %v", err)
	}
	s.RateLimitNext(chanID, 1, 1500*time.Millisecond)
	var rl *slack.RateLimitedError
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionText("x", false)); !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Errorf("429: %v", err)
	}
	s.FailNext(chanID, 1, http.StatusInternalServerError)
	var sc slack.StatusCodeError
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionText("x", false)); !errors.As(err, &sc) || sc.Code != 500 {
		t.Errorf("500: %v", err)
	}
	s.DropResponseNext(chanID)
	if _, _, err = api.PostMessageContext(ctx, chanID, slack.MsgOptionText("lost", false)); err == nil {
		t.Error("a dropped response succeeded")
	}
	if msgs := s.Messages(chanID); len(msgs) != 1 || msgs[0].Text != "lost" {
		t.Errorf("the dropped post was not stored: %+v", msgs)
	}
}

func TestWebhook(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	url := s.AddWebhook("C0HOOKED", "secret123")
	ctx := context.Background()
	if err := slack.PostWebhookContext(ctx, url, &slack.WebhookMessage{Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	if msgs := s.Messages("C0HOOKED"); len(msgs) != 1 || !msgs[0].Webhook {
		t.Fatalf("%+v", msgs)
	}
	if err := slack.PostWebhookContext(ctx, url, &slack.WebhookMessage{}); err == nil {
		t.Error("empty webhook message accepted")
	}
	s.RevokeWebhook(url)
	var sc slack.StatusCodeError
	if err := slack.PostWebhookContext(ctx, url, &slack.WebhookMessage{Text: "x"}); !errors.As(err, &sc) || sc.Code != http.StatusForbidden {
		t.Errorf("revoked: %v", err)
	}
}

func TestSignedSlashCommand(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	app := func(w http.ResponseWriter, r *http.Request) {
		sv, err := slack.NewSecretsVerifier(r.Header, s.SigningSecret())
		if err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		cmd, err := slack.SlashCommandParse(withVerifier(r, &sv))
		if err != nil || sv.Ensure() != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"text":"got ` + cmd.Text + `"}`))
	}
	hs := newTestServer(app)
	defer hs.Close()
	sent, err := s.SendSlashCommand(context.Background(), hs.URL, SlashCommand{Command: "/newshound", Text: "feeds"})
	if err != nil || sent.Status != 200 {
		t.Fatal(sent, err)
	}
	if rs := s.Responses(sent.ResponseID); len(rs) != 1 || rs[0].Text != "got feeds" || rs[0].ResponseType != "ephemeral" {
		t.Errorf("responses %+v", rs)
	}
	sent, _ = s.SendSlashCommand(context.Background(), hs.URL, SlashCommand{Command: "/newshound", Text: "feeds", Secret: "wrong"})
	if sent.Status != http.StatusUnauthorized {
		t.Errorf("wrong secret answered %d", sent.Status)
	}
}
