package discordfake_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/discordfake"
)

const channelID = "111111111111111111"

// rewrite sends discordgo's https://discord.com requests to the fake.
type rewrite struct{ base *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == "discord.com" {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = rw.base.Scheme, rw.base.Host
	}
	return http.DefaultTransport.RoundTrip(r)
}

func newFake(t *testing.T) *discordfake.Server {
	t.Helper()
	srv := discordfake.New(discordfake.Options{Channels: []string{channelID}})
	t.Cleanup(srv.Close)
	return srv
}

// session is a discordgo session talking to the fake, with discordgo's own
// defaults except where noted.
func session(t *testing.T, srv *discordfake.Server, token string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(srv.URL())
	s.Client = &http.Client{Transport: rewrite{base}, Timeout: 5 * time.Second}
	return s
}

func restError(t *testing.T, err error) (int, int) {
	t.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T) is not a REST error", err, err)
	}
	if re.Message == nil {
		t.Fatalf("REST error without Discord's JSON body: %s", re.ResponseBody)
	}
	return re.Response.StatusCode, re.Message.Code
}

func TestCreateMessageDecodesEverything(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	sent := &discordgo.MessageSend{
		Content: "hello <@&222222222222222222>",
		Embeds: []*discordgo.MessageEmbed{{
			Title: "Title", URL: "https://example.com/a", Description: "Body", Color: 0xc0392b,
			Timestamp: "2026-11-26T12:00:00Z",
			Author:    &discordgo.MessageEmbedAuthor{Name: "Outlet", URL: "https://example.com/"},
			Footer:    &discordgo.MessageEmbedFooter{Text: "watch · feed"},
			Thumbnail: &discordgo.MessageEmbedThumbnail{URL: "https://example.com/i.jpg"},
			Fields:    []*discordgo.MessageEmbedField{{Name: "Why", Value: "**x**"}},
		}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Roles: []string{"222222222222222222"}},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next", CustomID: "next", Style: discordgo.PrimaryButton},
		}}},
	}
	got, err := s.ChannelMessageSendComplex(channelID, sent)
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages(channelID)
	if len(msgs) != 1 {
		t.Fatalf("fake holds %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if got.ID != m.ID || got.ChannelID != channelID {
		t.Errorf("response id/channel = %s/%s, recorded %s", got.ID, got.ChannelID, m.ID)
	}
	e := m.Embeds[0]
	if e.Title != "Title" || e.URL != "https://example.com/a" || e.Color != 0xc0392b || e.Timestamp != "2026-11-26T12:00:00Z" ||
		e.Author == nil || e.Author.Name != "Outlet" || e.Footer == nil || e.Footer.Text != "watch · feed" ||
		e.Thumbnail == nil || e.Thumbnail.URL != "https://example.com/i.jpg" || len(e.Fields) != 1 || e.Fields[0].Value != "**x**" {
		t.Errorf("recorded embed = %+v", e)
	}
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 || len(m.AllowedMentions.Roles) != 1 {
		t.Errorf("allowed mentions = %+v", m.AllowedMentions)
	}
	if len(m.MentionRoles) != 1 || m.MentionRoles[0] != "222222222222222222" || m.MentionEveryone {
		t.Errorf("derived pings: roles %v everyone %v", m.MentionRoles, m.MentionEveryone)
	}
	if len(m.Components) != 1 || m.Components[0].Components[0].CustomID != "next" {
		t.Errorf("components = %+v", m.Components)
	}

	edited, err := s.ChannelMessageEdit(channelID, m.ID, "edited")
	if err != nil || edited.Content != "edited" || srv.Messages(channelID)[0].Content != "edited" {
		t.Fatalf("edit: %v, %+v", err, edited)
	}
	if err := s.ChannelMessageDelete(channelID, m.ID); err != nil || len(srv.Messages(channelID)) != 0 {
		t.Fatalf("delete: %v, %d left", err, len(srv.Messages(channelID)))
	}
}

func TestLimitsCountCharacters(t *testing.T) {
	emoji := func(n int) string { return strings.Repeat("😀", n) }
	cjk := func(n int) string { return strings.Repeat("漢", n) }
	field := func(name, value string) []*discordgo.MessageEmbedField {
		return []*discordgo.MessageEmbedField{{Name: name, Value: value}}
	}
	tests := []struct {
		name    string
		content string
		embeds  []*discordgo.MessageEmbed
		path    string // "" = accepted
	}{
		{"content at limit", emoji(2000), nil, ""},
		{"content over", emoji(2001), nil, "content"},
		{"title at limit", "", []*discordgo.MessageEmbed{{Title: emoji(256)}}, ""},
		{"title over", "", []*discordgo.MessageEmbed{{Title: cjk(257)}}, "embeds.0.title"},
		{"description at limit", "", []*discordgo.MessageEmbed{{Description: cjk(4096)}}, ""},
		{"description over", "", []*discordgo.MessageEmbed{{Description: cjk(4097)}}, "embeds.0.description"},
		{"field value over", "", []*discordgo.MessageEmbed{{Fields: field("n", emoji(1025))}}, "embeds.0.fields.0.value"},
		{"field name over", "", []*discordgo.MessageEmbed{{Fields: field(emoji(257), "v")}}, "embeds.0.fields.0.name"},
		{"field value empty", "", []*discordgo.MessageEmbed{{Fields: field("n", "")}}, "embeds.0.fields.0.value"},
		{"footer over", "", []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: cjk(2049)}}}, "embeds.0.footer.text"},
		{"author over", "", []*discordgo.MessageEmbed{{Author: &discordgo.MessageEmbedAuthor{Name: cjk(257)}}}, "embeds.0.author.name"},
		{"combining marks count", "", []*discordgo.MessageEmbed{{Title: strings.Repeat("e\u0301", 129)}}, "embeds.0.title"},
		{"javascript url", "", []*discordgo.MessageEmbed{{Title: "x", URL: "javascript:alert(1)"}}, "embeds.0.url"},
		{"bad timestamp", "", []*discordgo.MessageEmbed{{Title: "x", Timestamp: "yesterday"}}, "embeds.0.timestamp"},
		{"total over 6000", "", []*discordgo.MessageEmbed{{Description: cjk(4000)}, {Description: cjk(2001)}}, "embeds"},
		{"11 embeds", "", func() []*discordgo.MessageEmbed {
			var e []*discordgo.MessageEmbed
			for range 11 {
				e = append(e, &discordgo.MessageEmbed{Title: "x"})
			}
			return e
		}(), "embeds"},
		{"26 fields", "", []*discordgo.MessageEmbed{{Fields: func() []*discordgo.MessageEmbedField {
			var f []*discordgo.MessageEmbedField
			for range 26 {
				f = append(f, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
			}
			return f
		}()}}, "embeds.0.fields"},
	}
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Messages(channelID))
			_, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{Content: tt.content, Embeds: tt.embeds})
			after := len(srv.Messages(channelID))
			if tt.path == "" {
				if err != nil || after != before+1 {
					t.Fatalf("refused a valid message: %v", err)
				}
				return
			}
			if after != before {
				t.Errorf("an invalid message was recorded")
			}
			status, code := restError(t, err)
			if status != 400 || code != 50035 {
				t.Fatalf("status %d code %d, want 400 50035", status, code)
			}
			var re *discordgo.RESTError
			errors.As(err, &re)
			var body struct {
				Message string         `json:"message"`
				Errors  map[string]any `json:"errors"`
			}
			if err := json.Unmarshal(re.ResponseBody, &body); err != nil || body.Message != "Invalid Form Body" {
				t.Fatalf("body %s", re.ResponseBody)
			}
			node := body.Errors
			for _, p := range strings.Split(tt.path, ".") {
				next, ok := node[p].(map[string]any)
				if !ok {
					t.Fatalf("errors %s lack %q", re.ResponseBody, tt.path)
				}
				node = next
			}
			if _, ok := node["_errors"]; !ok {
				t.Fatalf("errors %s: no _errors at %q", re.ResponseBody, tt.path)
			}
		})
	}
}

func TestErrorAnswers(t *testing.T) {
	srv := newFake(t)
	srv.ForbidChannel("333333333333333333")
	tests := []struct {
		name         string
		token        string
		channel      string
		status, code int
	}{
		{"unknown channel", srv.Token(), "999999999999999999", 404, 10003},
		{"forbidden channel", srv.Token(), "333333333333333333", 403, 50013},
		{"wrong token", "nope", channelID, 401, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := session(t, srv, tt.token).ChannelMessageSend(tt.channel, "hi")
			status, code := restError(t, err)
			if status != tt.status || code != tt.code {
				t.Fatalf("got %d/%d, want %d/%d", status, code, tt.status, tt.code)
			}
		})
	}
	_, err := session(t, srv, srv.Token()).ChannelMessageSendComplex(channelID, &discordgo.MessageSend{})
	if _, code := restError(t, err); code != 50006 {
		t.Fatalf("empty message: code %d, want 50006", code)
	}
}

func TestRateLimit(t *testing.T) {
	srv := newFake(t)

	t.Run("headers and body", func(t *testing.T) {
		srv.RateLimitNext(channelID, 1, 1500*time.Millisecond)
		req, _ := http.NewRequest("POST", srv.URL()+"/api/v9/channels/"+channelID+"/messages", strings.NewReader(`{"content":"x"}`))
		req.Header.Set("Authorization", "Bot "+srv.Token())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 429 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for h, want := range map[string]string{"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "1.500", "X-RateLimit-Limit": "5"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		for _, h := range []string{"X-RateLimit-Reset", "X-RateLimit-Bucket"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("%s missing", h)
			}
		}
		var rl struct {
			Message    string  `json:"message"`
			RetryAfter float64 `json:"retry_after"`
			Global     *bool   `json:"global"`
		}
		if err := json.Unmarshal(body, &rl); err != nil || rl.Message != "You are being rate limited." || rl.RetryAfter != 1.5 || rl.Global == nil || *rl.Global {
			t.Fatalf("body %s", body)
		}
	})

	t.Run("discordgo waits and retries", func(t *testing.T) {
		s := session(t, srv, srv.Token())
		before, n := srv.Requests(), len(srv.Messages(channelID))
		srv.RateLimitNext(channelID, 2, 20*time.Millisecond)
		if _, err := s.ChannelMessageSend(channelID, "after the limit"); err != nil {
			t.Fatal(err)
		}
		if got := srv.Requests() - before; got != 3 {
			t.Errorf("%d requests, want 3 (two 429s, one success)", got)
		}
		if got := len(srv.Messages(channelID)) - n; got != 1 {
			t.Errorf("%d new messages, want 1", got)
		}
	})

	t.Run("without retry the error carries retry_after", func(t *testing.T) {
		s := session(t, srv, srv.Token())
		s.ShouldRetryOnRateLimit = false
		srv.RateLimitNext(channelID, 1, 250*time.Millisecond)
		_, err := s.ChannelMessageSend(channelID, "x")
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != 250*time.Millisecond {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestFailNextThenSuccess(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	s.MaxRestRetries = 0
	srv.FailNext(channelID, 1, http.StatusInternalServerError)
	_, err := s.ChannelMessageSend(channelID, "x")
	if status, _ := restError(t, err); status != 500 {
		t.Fatalf("status %d, want 500", status)
	}
	if len(srv.Messages(channelID)) != 0 {
		t.Fatal("a failed create recorded a message")
	}
	if _, err := s.ChannelMessageSend(channelID, "x"); err != nil {
		t.Fatal(err)
	}
	if len(srv.Messages(channelID)) != 1 {
		t.Fatal("the retry did not create the message")
	}
}

func postNonce(srv *discordgo.Session, nonce string, enforce bool) (*discordgo.Message, error) {
	body := map[string]any{"content": "once", "nonce": nonce, "enforce_nonce": enforce}
	ep := discordgo.EndpointChannelMessages(channelID)
	raw, err := srv.RequestWithBucketID("POST", ep, body, ep)
	if err != nil {
		return nil, err
	}
	var m discordgo.Message
	return &m, json.Unmarshal(raw, &m)
}

func TestLostResponseAndNonce(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())

	srv.DropResponseNext(channelID)
	if _, err := postNonce(s, "n-1", true); err == nil {
		t.Fatal("a dropped response reported success")
	}
	if n := len(srv.Messages(channelID)); n != 1 {
		t.Fatalf("after the lost response the fake holds %d messages, want 1", n)
	}
	m, err := postNonce(s, "n-1", true)
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages(channelID)
	if len(msgs) != 1 || m.ID != msgs[0].ID || msgs[0].Nonce != "n-1" || !msgs[0].EnforceNonce {
		t.Fatalf("retry with the same nonce: %d messages, answer %s, first %+v", len(msgs), m.ID, msgs[0])
	}

	for range 2 {
		if _, err := postNonce(s, "n-2", false); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(srv.Messages(channelID)); n != 3 {
		t.Fatalf("without enforce_nonce a repeat must post again: %d messages, want 3", n)
	}
	if _, err := postNonce(s, strings.Repeat("x", 26), true); err == nil {
		t.Fatal("a 26-character nonce was accepted")
	}
}

func TestWebhooks(t *testing.T) {
	srv := newFake(t)
	hook := srv.AddWebhook("444444444444444444", "tok-en_1")
	if !strings.HasPrefix(hook, srv.URL()+"/api/webhooks/444444444444444444/") {
		t.Fatalf("webhook URL %s", hook)
	}
	s := session(t, srv, srv.Token())
	m, err := s.WebhookExecute("444444444444444444", "tok-en_1", true, &discordgo.WebhookParams{Content: "via hook", Username: "News"})
	if err != nil || m == nil {
		t.Fatalf("execute: %v", err)
	}
	got := srv.WebhookMessages("444444444444444444")
	if len(got) != 1 || got[0].Content != "via hook" || got[0].Username != "News" || got[0].ID != m.ID {
		t.Fatalf("recorded %+v", got)
	}
	// The unversioned path of a copied webhook URL works too, without the bot token.
	resp, err := http.Post(hook, "application/json", strings.NewReader(`{"content":"plain"}`))
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("plain POST: %v %v", err, resp.Status)
	}
	resp.Body.Close()

	_, err = s.WebhookExecute("444444444444444444", "wrong", true, &discordgo.WebhookParams{Content: "x"})
	if status, code := restError(t, err); status != 401 || code != 50027 {
		t.Errorf("wrong token: %d/%d", status, code)
	}
	_, err = s.WebhookExecute("555555555555555555", "x", true, &discordgo.WebhookParams{Content: "x"})
	if status, code := restError(t, err); status != 404 || code != 10015 {
		t.Errorf("unknown webhook: %d/%d", status, code)
	}
}

func TestCommandsBulkOverwrite(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	perm := int64(discordgo.PermissionManageGuild)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "search", Description: "Search past coverage", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "query", Description: "query", Required: true},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "days", Description: "days"},
		}},
		{Name: "watch", Description: "Manage watches", DefaultMemberPermissions: &perm},
	}
	created, err := s.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", cmds)
	if err != nil || len(created) != 2 || created[0].ID == "" {
		t.Fatalf("global: %v %+v", err, created)
	}
	if _, err := s.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "777777777777777777", cmds[:1]); err != nil {
		t.Fatal(err)
	}
	got := srv.Commands()
	if len(got) != 3 || got[0].Name != "search" || len(got[0].Options) != 2 || !got[0].Options[0].Required ||
		got[1].DefaultMemberPermissions == nil || *got[1].DefaultMemberPermissions != "32" || got[2].GuildID != "777777777777777777" {
		t.Fatalf("recorded commands %+v", got)
	}
	// A second overwrite replaces, as on Discord.
	if _, err := s.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", cmds[1:]); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Commands()); n != 2 {
		t.Fatalf("%d commands after overwrite, want 2", n)
	}
	_, err = s.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", []*discordgo.ApplicationCommand{{Name: "Bad Name", Description: "x"}})
	if _, code := restError(t, err); code != 50035 {
		t.Fatalf("invalid name: code %d", code)
	}
}

func TestComponentInteractionCallbacks(t *testing.T) {
	srv := newFake(t)
	s := session(t, srv, srv.Token())
	posted, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: "page 1",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next", CustomID: "search:2", Style: discordgo.PrimaryButton},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	in := srv.RegisterInteraction(discordfake.Interaction{
		Type:      discordfake.InteractionMessageComponent,
		ChannelID: channelID,
		Data:      &discordfake.InteractionData{CustomID: "search:2", ComponentType: 2},
		Message:   srv.MessageJSON(srv.Messages(channelID)[0]),
	})
	// What discordgo would receive decodes as a component click on that message.
	var di discordgo.Interaction
	if err := json.Unmarshal(mustMarshal(t, in), &di); err != nil || di.MessageComponentData().CustomID != "search:2" || di.Message.ID != posted.ID {
		t.Fatalf("decoded %+v: %v", di, err)
	}
	// Answering a component with a new-message-only type is refused.
	err = s.InteractionRespond(&di, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult})
	if _, code := restError(t, err); code != 50035 {
		t.Fatalf("wrong callback type: code %d", code)
	}
	err = s.InteractionRespond(&di, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "page 2"}})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := srv.InteractionState(in.ID)
	if st.Original == nil || st.Original.Content != "page 2" || st.Original.ID != posted.ID || len(st.Original.Components) != 1 {
		t.Fatalf("updated message %+v", st.Original)
	}
	if m := srv.Messages(channelID)[0]; m.Content != "page 2" || m.Edited == nil {
		t.Fatalf("the channel's copy was not updated: %+v", m)
	}
	if _, ok := srv.InteractionState("nope"); ok {
		t.Fatal("unknown interaction found")
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadEndpoints(t *testing.T) {
	srv := newFake(t)
	srv.ForbidChannel("333333333333333333")
	s := session(t, srv, srv.Token())
	if u, err := s.User("@me"); err != nil || u.ID != srv.ApplicationID() || !u.Bot {
		t.Errorf("users/@me: %v %+v", err, u)
	}
	if a, err := s.Application("@me"); err != nil || a.ID != srv.ApplicationID() {
		t.Errorf("applications/@me: %v %+v", err, a)
	}
	if g, err := s.GatewayBot(); err != nil || g.URL != srv.GatewayURL()+"/" || g.Shards != 1 {
		t.Errorf("gateway/bot: %v %+v", err, g)
	}
	if c, err := s.Channel(channelID); err != nil || c.ID != channelID {
		t.Errorf("channel: %v %+v", err, c)
	}
	if _, err := s.Channel("333333333333333333"); err == nil {
		t.Error("a forbidden channel was readable")
	}
	m, err := s.ChannelMessageSend(channelID, "x")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.ChannelMessage(channelID, m.ID); err != nil || got.Content != "x" {
		t.Errorf("get message: %v %+v", err, got)
	}
	if _, err := s.ChannelMessage(channelID, "1"); err == nil {
		t.Error("an unknown message was found")
	} else if _, code := restError(t, err); code != 10008 {
		t.Errorf("unknown message: code %d", code)
	}
	if _, err := s.ApplicationCommands(srv.ApplicationID(), ""); err != nil {
		t.Errorf("list commands: %v", err)
	}

	srv.AddWebhook("444444444444444444", "tok")
	wm, err := s.WebhookExecute("444444444444444444", "tok", true, &discordgo.WebhookParams{Content: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	v2 := "v2"
	if got, err := s.WebhookMessageEdit("444444444444444444", "tok", wm.ID, &discordgo.WebhookEdit{Content: &v2}); err != nil || got.Content != "v2" {
		t.Errorf("webhook edit: %v %+v", err, got)
	}
	if got, err := s.WebhookMessage("444444444444444444", "tok", wm.ID); err != nil || got.Content != "v2" {
		t.Errorf("webhook get: %v %+v", err, got)
	}
	if err := s.WebhookMessageDelete("444444444444444444", "tok", wm.ID); err != nil || len(srv.WebhookMessages("444444444444444444")) != 0 {
		t.Errorf("webhook delete: %v", err)
	}
}
