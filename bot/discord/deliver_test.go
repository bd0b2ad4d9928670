package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/discordfake"
)

const (
	newsroom  = "123456789012345678"
	forbidden = "234567890123456789"
	roleID    = "345678901234567890"
	hookID    = "456789012345678901"
	hookToken = "hook-SECRET_token.1"
)

// recorder notes the headers of every request the bot sends (it wraps the
// real transport; nothing is faked).
type recorder struct {
	mu      sync.Mutex
	headers map[string]http.Header // by path
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.headers[req.URL.Path] = req.Header.Clone()
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

type fixture struct {
	srv  *discordfake.Server
	bot  *Bot
	rec  *recorder
	logs *bytes.Buffer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom}})
	t.Cleanup(srv.Close)
	srv.ForbidChannel(forbidden)
	hook := srv.AddWebhook(hookID, hookToken)
	rec := &recorder{headers: map[string]http.Header{}}
	logs := &bytes.Buffer{}
	b, err := New(Options{
		Token:   srv.Token(),
		APIBase: srv.URL(),
		Channels: map[string]Channel{
			"newsroom": {DiscordID: newsroom},
			"gone":     {DiscordID: "999999999999999999"},
			"locked":   {DiscordID: forbidden},
			"partners": {WebhookURL: hook},
		},
		Styles:     map[string]Style{"russia-watch": {Color: 0xc0392b, Mention: roleID}},
		Logger:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		HTTPClient: &http.Client{Transport: rec, Timeout: 5 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, bot: b, rec: rec, logs: logs}
}

func delivery(id int64, channel string) alert.Delivery {
	return alert.Delivery{ID: id, Channel: channel, Nonce: "nonce-" + channel, Attempt: 1, Alert: sampleAlert()}
}

func TestDeliverOneMessageWithEmbed(t *testing.T) {
	f := newFixture(t)
	if _, err := f.bot.Deliver(context.Background(), delivery(1, "newsroom")); err != nil {
		t.Fatal(err)
	}
	msgs := f.srv.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("fake holds %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Nonce != "nonce-newsroom" || !m.EnforceNonce {
		t.Errorf("nonce %q enforce %v", m.Nonce, m.EnforceNonce)
	}
	if m.Content != "<@&"+roleID+">" || len(m.MentionRoles) != 1 || m.MentionRoles[0] != roleID {
		t.Errorf("content %q pings roles %v", m.Content, m.MentionRoles)
	}
	if len(m.Embeds) != 1 {
		t.Fatalf("%d embeds", len(m.Embeds))
	}
	e := m.Embeds[0]
	if e.Title != "Kremlin denies election interference claims" || e.URL != "https://news.example.com/world/kremlin-denies?id=7" ||
		e.Color != 0xc0392b || e.Timestamp != "2026-11-26T08:30:00Z" || e.Author == nil || e.Author.Name != "Example Times · Jane Doe" ||
		e.Footer == nil || e.Footer.Text != "russia-watch · Example Times · ref "+reference("nonce-newsroom") || e.Thumbnail == nil ||
		len(e.Fields) != 1 || e.Fields[0].Name != "Why it matched" ||
		!strings.Contains(e.Description, "> “We have never interfered in any election.” — Dmitry Peskov") {
		t.Errorf("recorded embed %+v", e)
	}
	if got := f.rec.headers["/api/v10/channels/"+newsroom+"/messages"].Get("Authorization"); got != "Bot "+f.srv.Token() {
		t.Errorf("Authorization header %q", got)
	}
}

func TestDeliverLongUnicodeAccepted(t *testing.T) {
	f := newFixture(t)
	d := delivery(2, "newsroom")
	d.Alert.Title = strings.Repeat("🇺🇦 Київ e\u0301 ", 100)
	d.Alert.Summary = strings.Repeat("漢字のテキスト 👨‍👩‍👧 Zoë ", 600)
	d.Alert.Quotes = nil
	for range 6 {
		d.Alert.Quotes = append(d.Alert.Quotes, alert.Quote{Text: strings.Repeat("Слава ", 120), Speaker: strings.Repeat("Ж", 200)})
	}
	d.Alert.Why = []alert.Why{{Term: "Київ", Field: "title", Snippet: strings.Repeat("Київ 漢 ", 400)}}
	d.Alert.Feed = strings.Repeat("新聞", 400)
	if _, err := f.bot.Deliver(context.Background(), d); err != nil {
		t.Fatalf("the fake refused the message: %v", err)
	}
	e := f.srv.Messages(newsroom)[0].Embeds[0]
	if !strings.HasSuffix(e.Title, "…") || !strings.Contains(e.Description, "…") {
		t.Errorf("long text not visibly cut: title %q", e.Title)
	}
}

func TestDeliverRetryableFailures(t *testing.T) {
	tests := []struct {
		name   string
		inject func(*discordfake.Server)
		check  func(*testing.T, error)
	}{
		{"429 then success", func(s *discordfake.Server) { s.RateLimitNext(newsroom, 1, 80*time.Millisecond) },
			func(t *testing.T, err error) {
				var ra interface{ RetryAfter() time.Duration }
				if !errors.As(err, &ra) || ra.RetryAfter() != 80*time.Millisecond {
					t.Errorf("error %v carries no retry_after of 80ms", err)
				}
			}},
		{"500 then success", func(s *discordfake.Server) { s.FailNext(newsroom, 1, 500) },
			func(t *testing.T, err error) {
				if !strings.Contains(err.Error(), "500") {
					t.Errorf("error %q does not name the status", err)
				}
			}},
		{"502 not retried by discordgo", func(s *discordfake.Server) { s.FailNext(newsroom, 1, 502) }, nil},
		{"lost response then retry with the same nonce", func(s *discordfake.Server) { s.DropResponseNext(newsroom) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.inject(f.srv)
			d := delivery(3, "newsroom")
			before := f.srv.Requests()
			_, err := f.bot.Deliver(context.Background(), d)
			if err == nil {
				t.Fatal("the injected failure was not reported")
			}
			if alert.IsPermanent(err) {
				t.Fatalf("retryable failure marked permanent: %v", err)
			}
			if got := f.srv.Requests() - before; got != 1 {
				t.Errorf("%d requests for one attempt, want 1 (no hidden retries)", got)
			}
			if tt.check != nil {
				tt.check(t, err)
			}
			var ra interface{ RetryAfter() time.Duration }
			if errors.As(err, &ra) {
				time.Sleep(ra.RetryAfter())
			}
			d.Attempt++
			if _, err := f.bot.Deliver(context.Background(), d); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := len(f.srv.Messages(newsroom)); n != 1 {
				t.Fatalf("fake holds %d messages after the retry, want exactly 1", n)
			}
		})
	}
}

func TestDeliverPermanentFailures(t *testing.T) {
	tests := []struct {
		channel string
		want    []string
	}{
		{"gone", []string{"10003", "Unknown Channel", "404"}},
		{"locked", []string{"50013", "Missing Permissions", "403"}},
		{"not-configured", []string{"not-configured", "no such channel"}},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			f := newFixture(t)
			_, err := f.bot.Deliver(context.Background(), delivery(4, tt.channel))
			if !alert.IsPermanent(err) {
				t.Fatalf("error %v is not permanent", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			var apiErr *APIError
			if tt.channel != "not-configured" && (!errors.As(err, &apiErr) || apiErr.Code == 0) {
				t.Errorf("error %v does not carry Discord's code", err)
			}
		})
	}
}

func TestDeliverWebhook(t *testing.T) {
	f := newFixture(t)
	if _, err := f.bot.Deliver(context.Background(), delivery(5, "partners")); err != nil {
		t.Fatal(err)
	}
	msgs := f.srv.WebhookMessages(hookID)
	if len(msgs) != 1 || len(msgs[0].Embeds) != 1 || msgs[0].Embeds[0].Title != "Kremlin denies election interference claims" {
		t.Fatalf("webhook messages %+v", msgs)
	}
	if len(msgs[0].MentionRoles) != 1 || msgs[0].MentionEveryone {
		t.Errorf("webhook pings roles %v everyone %v", msgs[0].MentionRoles, msgs[0].MentionEveryone)
	}
	h, ok := f.rec.headers["/api/v10/webhooks/"+hookID+"/"+hookToken]
	if !ok {
		t.Fatalf("no request to the webhook path; saw %v", f.rec.headers)
	}
	if h.Get("Authorization") != "" {
		t.Error("the bot token was sent to the webhook URL")
	}

	f.srv.RateLimitNext(hookID, 1, 10*time.Millisecond)
	_, err := f.bot.Deliver(context.Background(), delivery(6, "partners"))
	var ra interface{ RetryAfter() time.Duration }
	if !errors.As(err, &ra) || alert.IsPermanent(err) {
		t.Fatalf("webhook 429: %v", err)
	}
}

func TestMentionSafety(t *testing.T) {
	f := newFixture(t)
	d := delivery(7, "newsroom")
	d.Alert.Title = "@everyone look <@123>"
	d.Alert.Summary = "Hello @here and <@123> and <@&" + roleID + "> in <#42>. ```go\npanic()``` [phish](https://evil.example) **loud**"
	d.Alert.Quotes = []alert.Quote{{Text: "@everyone <@!123>", Speaker: "<@123>"}}
	d.Alert.Feed = "@everyone Daily"
	d.Alert.Why = []alert.Why{{Term: "look", Field: "title", Snippet: "@everyone look <@123>"}}
	if _, err := f.bot.Deliver(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	m := f.srv.Messages(newsroom)[0]
	if m.MentionEveryone || len(m.MentionUsers) != 0 || len(m.MentionRoles) != 1 || m.MentionRoles[0] != roleID {
		t.Fatalf("pings: everyone %v users %v roles %v", m.MentionEveryone, m.MentionUsers, m.MentionRoles)
	}
	if am := m.AllowedMentions; am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 1 {
		t.Fatalf("allowed_mentions %+v", m.AllowedMentions)
	}
	e := m.Embeds[0]
	for what, s := range map[string]string{"title": e.Title, "description": e.Description, "field": e.Fields[0].Value, "author": e.Author.Name, "footer": e.Footer.Text} {
		if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") {
			t.Errorf("%s keeps a live @everyone/@here: %q", what, s)
		}
		if what != "author" && what != "footer" && unescapedMention.MatchString(s) {
			t.Errorf("%s keeps a live mention: %q", what, s)
		}
	}
	for _, want := range []string{`\<@123>`, `\[phish\](https://evil.example)`, "\\`\\`\\`go", `\*\*loud\*\*`} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description %q lacks %q", e.Description, want)
		}
	}
}

func TestSecretsNeverLeak(t *testing.T) {
	f := newFixture(t)
	if _, err := f.bot.Deliver(context.Background(), delivery(8, "newsroom")); err != nil {
		t.Fatal(err)
	}
	var errs []error
	deliver := func(d alert.Delivery) {
		_, err := f.bot.Deliver(context.Background(), d)
		errs = append(errs, err)
	}
	deliver(delivery(9, "gone"))
	f.srv.Close() // now every request fails at the network level
	deliver(delivery(10, "partners"))
	deliver(delivery(11, "newsroom"))
	for _, err := range errs {
		if err == nil {
			t.Fatal("expected an error")
		}
		for _, secret := range []string{f.srv.Token(), hookToken} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q holds a secret", err)
			}
			for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
				if strings.Contains(u.Error(), secret) {
					t.Errorf("wrapped error %q holds a secret", u)
				}
			}
		}
	}
	if alert.IsPermanent(errs[1]) || alert.IsPermanent(errs[2]) {
		t.Error("network errors must be retryable")
	}
	for _, secret := range []string{f.srv.Token(), hookToken} {
		if strings.Contains(f.logs.String(), secret) {
			t.Errorf("logs hold a secret: %s", f.logs)
		}
	}
	if !strings.Contains(f.logs.String(), "delivered") {
		t.Errorf("no debug log of the delivery: %q", f.logs)
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"both", Options{Token: "t", Channels: map[string]Channel{"a": {DiscordID: "1", WebhookURL: "https://discord.com/api/webhooks/1/x"}}}, "not both"},
		{"neither", Options{Token: "t", Channels: map[string]Channel{"a": {}}}, "no channel ID"},
		{"bad id", Options{Token: "t", Channels: map[string]Channel{"a": {DiscordID: "#general"}}}, "not a Discord channel ID"},
		{"bad webhook", Options{Channels: map[string]Channel{"a": {WebhookURL: "https://example.com/hooks/SECRETTOKEN"}}}, "webhook URL is not of the form"},
		{"no token", Options{Channels: map[string]Channel{"a": {DiscordID: "1"}}}, "no bot token"},
		{"bad base", Options{Token: "t", APIBase: "ftp://x"}, "api base"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New: %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "SECRETTOKEN") {
				t.Errorf("error quotes the webhook URL: %v", err)
			}
		})
	}
	if _, err := New(Options{Channels: map[string]Channel{"p": {WebhookURL: "https://discord.com/api/webhooks/1/tok"}}}); err != nil {
		t.Errorf("webhook-only bot without token: %v", err)
	}
}

func TestRewriteTransport(t *testing.T) {
	f := newFixture(t)
	// A webhook URL copied from Discord (discord.com) goes to the API base too.
	b, err := New(Options{APIBase: f.srv.URL() + "/", Channels: map[string]Channel{
		"p": {WebhookURL: "https://discordapp.com/api/webhooks/" + hookID + "/" + hookToken},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Deliver(context.Background(), delivery(12, "p")); err != nil {
		t.Fatal(err)
	}
	if n := len(f.srv.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages", n)
	}
}

// TestGatewayOpenClose connects over the fake's websocket: READY, then a
// clean close. (discordgo's Close sleeps a second.)
func TestGatewayOpenClose(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.bot.Open(ctx); err != nil {
		t.Fatal(err)
	}
	if f.srv.Sessions() != 1 {
		t.Fatalf("fake sees %d sessions after Open", f.srv.Sessions())
	}
	gatewayV10 := false
	for _, p := range f.srv.Paths() {
		gatewayV10 = gatewayV10 || strings.HasPrefix(p, "/ws") && strings.Contains(p, "v=10")
	}
	if !gatewayV10 {
		t.Errorf("no gateway connection on API v10: %v", f.srv.Paths())
	}
	if u := f.bot.session.State.User; u == nil || u.ID != f.srv.ApplicationID() {
		t.Fatalf("READY not processed: %+v", u)
	}
	if err := f.bot.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for f.srv.Sessions() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := f.srv.Sessions(); n != 0 {
		t.Fatalf("%d sessions after Close", n)
	}

	bad, err := New(Options{Token: "wrong", APIBase: f.srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Open(ctx); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("open with a bad token: %v", err)
	}
}

// captureTransport records the URL a request leaves with; it answers 204.
type captureTransport struct{ got []string }

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.got = append(c.got, r.URL.String())
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
}

func TestRewriteURLs(t *testing.T) {
	tests := []struct {
		base, in, want string
	}{
		{"", "https://discord.com/api/v9/channels/1/messages", "https://discord.com/api/v10/channels/1/messages"},
		{"https://discord.com", "https://discord.com/api/v9/gateway", "https://discord.com/api/v10/gateway"},
		{"http://127.0.0.1:8099", "https://discord.com/api/v9/channels/1/messages?x=1", "http://127.0.0.1:8099/api/v10/channels/1/messages?x=1"},
		{"http://proxy.local/discord/", "https://discord.com/api/v9/gateway", "http://proxy.local/discord/api/v10/gateway"},
		{"http://127.0.0.1:8099", "https://discordapp.com/api/webhooks/1/t?wait=true", "http://127.0.0.1:8099/api/webhooks/1/t?wait=true"},
		{"http://127.0.0.1:8099", "https://hooks.example.com/api/webhooks/1/t", "https://hooks.example.com/api/webhooks/1/t"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.in, func(t *testing.T) {
			base, err := parseAPIBase(tt.base)
			if err != nil {
				t.Fatal(err)
			}
			c := &captureTransport{}
			req, _ := http.NewRequest("GET", tt.in, nil)
			resp, err := (&rewriteTransport{base: base, next: c}).RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if len(c.got) != 1 || c.got[0] != tt.want {
				t.Errorf("sent to %v, want %s", c.got, tt.want)
			}
			if req.URL.String() != tt.in {
				t.Errorf("the caller's request was modified: %s", req.URL)
			}
		})
	}
}

func TestNonce(t *testing.T) {
	long := alert.Delivery{ID: 1, Nonce: strings.Repeat("outbox-nonce-", 4)}
	tests := []struct {
		name string
		d    alert.Delivery
		want string
	}{
		{"as given", alert.Delivery{ID: 1, Nonce: "abc"}, "abc"},
		{"from the outbox row", alert.Delivery{ID: 7}, "newshound-7"},
		{"none", alert.Delivery{}, ""},
		{"long: stable digest", long, nonce(long)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nonce(tt.d)
			if got != tt.want || len(got) > maxNonce {
				t.Errorf("nonce = %q, want %q (≤ %d)", got, tt.want, maxNonce)
			}
		})
	}
	if n := nonce(long); len(n) != maxNonce || n == nonce(alert.Delivery{Nonce: long.Nonce + "x"}) {
		t.Errorf("long nonces: %q", n)
	}
}

// Every form of webhook URL Discord hands out is executed on the current
// API version, at the API base, with ?wait=true (issue 15.1).
func TestWebhookURLForms(t *testing.T) {
	forms := []string{
		"https://discord.com/api/webhooks/%s/%s",
		"https://discordapp.com/api/webhooks/%s/%s",
		"https://ptb.discord.com/api/v10/webhooks/%s/%s",
		"https://canary.discord.com/api/v9/webhooks/%s/%s/",
		"https://discord.com/api/v6/webhooks/%s/%s?thread_id=1",
	}
	for _, form := range forms {
		t.Run(form, func(t *testing.T) {
			f := newFixture(t)
			b, err := New(Options{APIBase: f.srv.URL(), Channels: map[string]Channel{
				"p": {WebhookURL: fmt.Sprintf(form, hookID, hookToken)},
			}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Deliver(context.Background(), delivery(12, "p")); err != nil {
				t.Fatal(err)
			}
			if n := len(f.srv.WebhookMessages(hookID)); n != 1 {
				t.Fatalf("%d webhook messages", n)
			}
			paths := f.srv.Paths()
			if want := "/api/v10/webhooks/" + hookID + "/" + hookToken; len(paths) != 1 || paths[0] != want {
				t.Errorf("requests %v, want one to %s", paths, want)
			}
		})
	}
	// The fake's own URL (the API base's host) works as well.
	f := newFixture(t)
	f.srv.Paths()
	if _, err := f.bot.Deliver(context.Background(), delivery(13, "partners")); err != nil {
		t.Fatal(err)
	}
	if p := f.srv.Paths(); len(p) == 0 || !strings.HasPrefix(p[len(p)-1], "/api/v10/webhooks/") {
		t.Errorf("requests %v", p)
	}
}

// The bot's REST calls use API v10.
func TestRESTOnV10(t *testing.T) {
	f := newFixture(t)
	if _, err := f.bot.Deliver(context.Background(), delivery(1, "newsroom")); err != nil {
		t.Fatal(err)
	}
	for _, p := range f.srv.Paths() {
		if !strings.HasPrefix(p, "/api/v10/") {
			t.Errorf("request to %s, not on v10", p)
		}
	}
}
