package discord

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/discordfake"
)

// limited is a front to the fake Discord, as Cloudflare and Discord's rate
// limiter stand before the real one: the first request to a path under
// limitPath is answered by answer429, every request after it passes.
type limited struct {
	srv      *discordfake.Server
	front    *httptest.Server
	bot      *Bot
	answered atomic.Int32 // requests that reached the fake
}

func newLimited(t *testing.T, limitPath string, answer429 func(http.ResponseWriter)) *limited {
	t.Helper()
	l := &limited{srv: discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom, "567890123456789012"}})}
	t.Cleanup(l.srv.Close)
	back, _ := url.Parse(l.srv.URL())
	proxy := httputil.NewSingleHostReverseProxy(back)
	var spent atomic.Bool
	l.front = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, limitPath) && !spent.Swap(true) {
			answer429(w)
			return
		}
		l.answered.Add(1)
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(l.front.Close)
	b, err := New(Options{Token: "bot-SECRET-token", APIBase: l.front.URL, Channels: map[string]Channel{
		"newsroom": {DiscordID: newsroom}, "desk": {DiscordID: "567890123456789012"}}})
	if err != nil {
		t.Fatal(err)
	}
	l.bot = b
	return l
}

func (l *limited) deliver(channel string) error {
	_, err := l.bot.Deliver(context.Background(), alert.Delivery{ID: 1, Channel: channel, Nonce: "nonce-" + channel, Attempt: 1, Alert: sampleAlert()})
	return err
}

func retryAfterOf(t *testing.T, err error) time.Duration {
	t.Helper()
	var ra interface{ RetryAfter() time.Duration }
	if !errors.As(err, &ra) {
		t.Fatalf("error %v carries no retry-after", err)
	}
	var np interface{ NotPosted() bool }
	if !errors.As(err, &np) || !np.NotPosted() {
		t.Errorf("a 429 is taken for an answer that may have posted: %v", err)
	}
	return ra.RetryAfter()
}

// A 429 from Cloudflare in front of Discord (its ban after too many invalid
// requests) is an HTML page with Retry-After: the wait is honoured, for
// every channel, and nothing is taken as possibly posted.
func TestCloudflare429HonoursRetryAfter(t *testing.T) {
	l := newLimited(t, "/channels/"+newsroom+"/messages", func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head><body>Error 1015</body></html>"))
	})
	err := l.deliver("newsroom")
	if got := retryAfterOf(t, err); got != 120*time.Second {
		t.Errorf("retry after %v, want Retry-After's 120s (error %v)", got, err)
	}
	if len(l.srv.Messages(newsroom)) != 0 {
		t.Fatal("the limited request reached Discord")
	}
	// The ban is the IP's: another channel does not ask meanwhile.
	before := l.answered.Load()
	err = l.deliver("desk")
	if got := retryAfterOf(t, err); got < 100*time.Second {
		t.Errorf("another channel retries after %v during the ban, want about 120s", got)
	}
	if l.answered.Load() != before {
		t.Error("another channel sent a request during the ban")
	}
}

// Discord's global limit (X-RateLimit-Global, no X-RateLimit-Reset-After)
// holds every channel, not only the one that ran into it.
func TestGlobalRateLimitHoldsEveryChannel(t *testing.T) {
	l := newLimited(t, "/channels/"+newsroom+"/messages", func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "65")
		w.Header().Set("X-RateLimit-Global", "true")
		w.Header().Set("X-RateLimit-Scope", "global")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"message": "You are being rate limited.", "retry_after": 64.57, "global": true}`))
	})
	if got := retryAfterOf(t, l.deliver("newsroom")); got < 64560*time.Millisecond || got > 64570*time.Millisecond {
		t.Errorf("retry after %v, want the body's 64.57s", got)
	}
	before := l.answered.Load()
	if got := retryAfterOf(t, l.deliver("desk")); got < 60*time.Second {
		t.Errorf("another channel retries after %v under the global limit, want about 64s", got)
	}
	if l.answered.Load() != before {
		t.Error("another channel sent a request under the global limit")
	}
}

// A route's own limit holds that route only.
func TestRouteRateLimitHoldsOneChannel(t *testing.T) {
	l := newLimited(t, "/channels/"+newsroom+"/messages", func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "5")
		w.Header().Set("X-RateLimit-Scope", "user")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"message": "You are being rate limited.", "retry_after": 4.2, "global": false}`))
	})
	if got := retryAfterOf(t, l.deliver("newsroom")); got != 4200*time.Millisecond {
		t.Errorf("retry after %v, want 4.2s", got)
	}
	if err := l.deliver("desk"); err != nil {
		t.Fatalf("another channel held by one route's limit: %v", err)
	}
	if len(l.srv.Messages("567890123456789012")) != 1 {
		t.Error("the other channel's message did not arrive")
	}
}

// A webhook message whose earlier attempt may have posted is looked for
// with the bot's token; when Discord refuses that token (401), the bot
// token is paused — not the webhook, which works — and nothing is posted
// unchecked: in the channel, and in a story's thread.
func TestLookWithRefusedBotTokenPausesTheBotToken(t *testing.T) {
	for _, thread := range []string{"", "678901234567890123"} {
		srv := discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom, "678901234567890123"}})
		t.Cleanup(srv.Close)
		hook := srv.AddChannelWebhook(hookID, hookToken, newsroom)
		b, err := New(Options{Token: srv.Token(), APIBase: srv.URL(), Channels: map[string]Channel{"partners": {WebhookURL: hook}}})
		if err != nil {
			t.Fatal(err)
		}
		srv.SetToken("reset-token")
		d := delivery(7, "partners")
		d.SentAt = time.Now().Add(-time.Minute)
		if thread != "" {
			d.Kind, d.Target, d.Thread, d.InThread = alert.KindFollowUp, "789012345678901234", thread, true
		}
		_, err = b.Deliver(context.Background(), d)
		var auth *alert.AuthError
		if !errors.As(err, &auth) || auth.Destination != "bot token" {
			t.Fatalf("thread %q: error %v, want the bot token refused", thread, err)
		}
		var np interface{ NotPosted() bool }
		if errors.As(err, &np) && np.NotPosted() {
			t.Errorf("thread %q: a failed look clears the earlier attempt's mark", thread)
		}
		if n := len(srv.WebhookMessages(hookID)); n != 0 {
			t.Errorf("thread %q: %d messages posted unchecked", thread, n)
		}
	}
}

// A webhook's follow-up posted into a story's thread, whose answer was
// lost, is looked for in that thread (where Discord keeps it, not among the
// channel's messages) and not posted again.
func TestWebhookThreadPostLostResponseFound(t *testing.T) {
	srv := discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom}})
	t.Cleanup(srv.Close)
	hook := srv.AddChannelWebhook(hookID, hookToken, newsroom)
	b, err := New(Options{Token: srv.Token(), APIBase: srv.URL(), Channels: map[string]Channel{
		"desk": {DiscordID: newsroom}, "partners": {WebhookURL: hook}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first, err := b.Deliver(ctx, delivery(1, "desk"))
	if err != nil {
		t.Fatal(err)
	}
	up := delivery(2, "desk")
	up.Kind, up.Target, up.InThread = alert.KindFollowUp, first.MessageID, true
	rc, err := b.Deliver(ctx, up)
	if err != nil || rc.ThreadID == "" {
		t.Fatalf("bot follow-up: %+v %v", rc, err)
	}
	d := delivery(3, "partners")
	d.Kind, d.Target, d.Thread, d.InThread = alert.KindFollowUp, first.MessageID, rc.ThreadID, true
	srv.DropResponseNext(hookID)
	if _, err := b.Deliver(ctx, d); err == nil {
		t.Fatal("the lost answer was not reported")
	}
	d.Attempt, d.SentAt = 2, time.Now().Add(-time.Minute)
	got, err := b.Deliver(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.WebhookMessages(hookID)); n != 1 || !got.Found {
		t.Fatalf("%d webhook messages in the thread (found %v), want the first only", n, got.Found)
	}
}

// A webhook kept on its own host (a proxy in front of Discord) answering a
// 429 as an HTML page with Retry-After is waited out as Discord's own host's
// would be. It was passed to discordgo as it came: "rate limit unmarshal
// error" logged at ERROR, and the retry came after the outbox's backoff
// (10 s) instead of the 120 s asked for — hammering a ban.
func TestProxiedWebhook429HonoursRetryAfter(t *testing.T) {
	l := newLimited(t, "/webhooks/"+hookID+"/", func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte("<html><body>Error 1015: you are being rate limited</body></html>"))
	})
	l.srv.AddWebhook(hookID, hookToken)
	var logs strings.Builder
	b, err := New(Options{Channels: map[string]Channel{"partners": {WebhookURL: l.front.URL + "/api/webhooks/" + hookID + "/" + hookToken}},
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	b.RouteDiscordgoLogs() // the hook itself is installed by TestMain
	t.Cleanup(func() { libLog.Store(nil) })
	_, err = b.Deliver(context.Background(), alert.Delivery{ID: 1, Channel: "partners", Nonce: "n", Attempt: 1, Alert: sampleAlert()})
	if got := retryAfterOf(t, err); got != 120*time.Second {
		t.Errorf("retry after %v, want Retry-After's 120s (error %v)", got, err)
	}
	if strings.Contains(logs.String(), "unmarshal") {
		t.Errorf("the 429's page reached discordgo: %s", logs.String())
	}
	if n := len(l.srv.WebhookMessages(hookID)); n != 0 {
		t.Errorf("%d messages posted through the limited request", n)
	}
}

// A 502 from Cloudflare in front of Discord comes with an HTML page of a few
// KB. discordgo makes it a plain error holding the whole page ("Exceeded Max
// retries HTTP 502 Bad Gateway, <!DOCTYPE html>…"), which was the logged
// error and the outbox's last_error. It is told as the status, and stays an
// answer that may have posted (a gateway in front of Discord answered).
func TestBadGatewayPageNotQuoted(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>discord.com | 502: Bad gateway</title></head><body>" + strings.Repeat("<div>Cloudflare</div>", 200) + "</body></html>"
	l := newLimited(t, "/channels/"+newsroom+"/messages", func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(page))
	})
	err := l.deliver("newsroom")
	if err == nil || alert.IsPermanent(err) {
		t.Fatalf("502: %v, want a retryable error", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "502") || !strings.Contains(msg, "newsroom") || strings.Contains(msg, "<") || len(msg) > 200 {
		t.Errorf("502 told as %q (%d bytes): want the channel and the status, not the page", msg, len(msg))
	}
	var np interface{ NotPosted() bool }
	if errors.As(err, &np) && np.NotPosted() {
		t.Error("a 502 is taken for an answer that posted nothing; a gateway in front of Discord may have passed it on")
	}
}
