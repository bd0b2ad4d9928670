package watchers_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/discord"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/metrics"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/testutil"
	"github.com/newshound/newshound/watchers"
)

const (
	newsroom = "111111111111111111"
	ops      = "222222222222222222"
	missing  = "333333333333333333"
	hookChan = "444444444444444444" // the channel the partners webhook posts in
	hookID   = "555555555555555555"
	hookTok  = "hook-token"
)

// chatHarness runs the pipeline against the in-repo fake Discord, through
// the real bot, with a clock the test moves.
type chatHarness struct {
	t       *testing.T
	discord *discordfake.Server
	feeds   *httptest.Server
	feedDoc func() string
	mu      sync.Mutex
	cfg     *config.Config
	dbPath  string
	st      *store.Store
	w       *watchers.Watcher
	now     time.Time
	// onMessage, when set, runs when the fake stores a message (before it
	// answers).
	onMessage func(discordfake.Message)
	reg       *metrics.Registry  // the running Watcher's metrics
	logs      testutil.LogBuffer // the running Watcher's log
}

// gauge is the value of a metric with the given label value (-1 if absent).
func (h *chatHarness) gauge(name, label string) float64 {
	h.t.Helper()
	if v, ok := h.reg.Find(name, label); ok {
		return v
	}
	return -1
}

func newChatHarness(t *testing.T, watchYAML string, extra string) *chatHarness {
	h := &chatHarness{t: t, now: time.Now()}
	h.discord = discordfake.New(discordfake.Options{Token: "tok", Channels: []string{newsroom, ops}, OnMessage: func(m discordfake.Message) {
		h.mu.Lock()
		f := h.onMessage
		h.mu.Unlock()
		if f != nil {
			f(m)
		}
	}})
	t.Cleanup(h.discord.Close)
	hook := h.discord.AddChannelWebhook(hookID, hookTok, hookChan)
	h.feeds = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		doc := h.feedDoc
		h.mu.Unlock()
		if doc == nil {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, doc())
	}))
	t.Cleanup(h.feeds.Close)
	yaml := fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: Wire, url: "%s/feed" }
discord:
  token: tok
  api_base: %s
channels:
  newsroom: { discord: "%s", max_per_hour: 3 }
  ops: { discord: "%s" }
  gone: { discord: "%s" }
  partners: { webhook: "%s" }
ops_channel: ops
feed_failures: 2
watches:
%s
%s`, h.feeds.URL, h.discord.URL(), newsroom, ops, missing, hook, watchYAML, extra)
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(yaml), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg, h.dbPath = cfg, filepath.Join(dir, "n.db")
	h.start()
	return h
}

func (h *chatHarness) start() {
	st, err := store.Open(context.Background(), h.dbPath)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	channels := map[string]discord.Channel{}
	for name, ch := range h.cfg.Channels {
		channels[name] = discord.Channel{DiscordID: ch.Discord, WebhookURL: ch.Webhook}
	}
	styles := map[string]discord.Style{}
	for _, w := range h.cfg.Watches {
		styles[w.Name] = discord.Style{Color: w.ColorValue(), Mention: w.DiscordMention()}
	}
	b, err := discord.New(discord.Options{Token: "tok", APIBase: h.discord.URL(), Channels: channels, Styles: styles, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		h.t.Fatal(err)
	}
	client := httpclient.New(httpclient.Options{Timeout: 5 * time.Second, AllowPrivate: true})
	h.reg = metrics.NewRegistry()
	w, err := watchers.New(watchers.Options{Config: h.cfg, Store: st, FeedClient: client, ArticleClient: client,
		Notifier: b, Stdout: &bytes.Buffer{}, Now: func() time.Time { h.mu.Lock(); defer h.mu.Unlock(); return h.now },
		Metrics: watchers.NewMetrics(h.reg), Logger: slog.New(slog.NewTextHandler(&h.logs, nil))})
	if err != nil {
		h.t.Fatal(err)
	}
	h.st, h.w = st, w
}

// reload reloads cfg into the running Watcher with a bot of its channels
// that uses token.
func (h *chatHarness) reload(cfg *config.Config, token string) {
	h.t.Helper()
	channels := map[string]discord.Channel{}
	for name, ch := range cfg.Channels {
		channels[name] = discord.Channel{DiscordID: ch.Discord, WebhookURL: ch.Webhook}
	}
	b, err := discord.New(discord.Options{Token: token, APIBase: h.discord.URL(), Channels: channels})
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.w.Reload(context.Background(), cfg, b); err != nil {
		h.t.Fatal(err)
	}
}

func (h *chatHarness) restart() {
	h.st.Close()
	h.start()
}

func (h *chatHarness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

func (h *chatHarness) setItems(n int, prefix string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.feedDoc = func() string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
		for i := range n {
			fmt.Fprintf(&b, `<item><title>%s Putin story %d %s</title><link>https://wire.example/%s/%d</link><pubDate>%s</pubDate><description>Putin: %s.</description></item>`,
				prefix, i, ownTitle(prefix, i), prefix, i, time.Now().Format(time.RFC1123Z), ownEvent(prefix, i))
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
}

// ownEvent is words no other item of the tests has, so that each item is
// a story of its own (a story alerts a channel once).
func ownEvent(prefix string, i int) string {
	words := make([]string, 6)
	for k := range words {
		// letters only, from the prefix, the item and the word's place
		n := uint32(i*6+k+1) * 2654435761
		for _, c := range prefix {
			n = n*31 + uint32(c)
		}
		w := []byte{byte('A' + k)}
		for range 6 {
			w = append(w, byte('a'+n%26))
			n /= 26
		}
		words[k] = string(w)
	}
	return strings.Join(words, " ")
}

// ownTitle is the first two words of ownEvent, for the item's title.
func ownTitle(prefix string, i int) string {
	return strings.Join(strings.Fields(ownEvent(prefix, i))[:2], " ")
}

// cycle polls (forced) and drains the outbox.
func (h *chatHarness) cycle() {
	h.t.Helper()
	h.w.PollAll(context.Background(), true)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

// prime makes the first poll (which alerts nothing undated/old) happen empty.
func (h *chatHarness) prime() {
	h.setItems(0, "")
	h.cycle()
}

func TestAlertBecomesOneDiscordMessage(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom], color: "#c0392b" }`, "")
	h.prime()
	h.setItems(1, "a")
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	e := msgs[0].Embeds[0]
	if !strings.Contains(e.Title, "Putin story 0") || e.URL != "https://wire.example/a/0" || e.Color != 0xc0392b || msgs[0].Nonce == "" {
		t.Errorf("embed %+v", e)
	}
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Errorf("%d messages after a second cycle", n)
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.discord.FailNext(newsroom, 1, http.StatusInternalServerError)
	h.setItems(1, "b")
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("%d messages after a 500", n)
	}
	h.cycle() // not due yet: backoff
	h.advance(11 * time.Second)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Fatalf("%d messages after the retry, want 1", n)
	}
}

func TestRateLimitThenSuccess(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	// discordgo waits out a bucket's retry_after in real time before its next
	// request there: keep it short.
	h.discord.RateLimitNext(newsroom, 1, 1500*time.Millisecond)
	h.setItems(1, "r")
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("%d messages after a 429", n)
	}
	h.advance(11 * time.Second)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
}

func TestLostResponseAndRestartDeliverOnce(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.discord.DropResponseNext(newsroom)
	h.setItems(1, "c")
	h.cycle() // the message is created but the answer is lost
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	h.restart()
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Fatalf("%d messages, want exactly 1", n)
	}
}

func TestUnknownChannelRefusedOnceAndAnnounced(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [gone] }`, "")
	h.prime()
	h.setItems(1, "d")
	h.cycle()
	before := h.discord.Requests()
	h.advance(2 * time.Hour)
	h.cycle()
	h.cycle()
	notices := h.discord.Messages(ops)
	if len(notices) != 1 || !strings.Contains(notices[0].Embeds[0].Description, "10003") {
		t.Fatalf("ops notices %+v", notices)
	}
	st, err := h.st.Outbox(context.Background())
	if err != nil || st.Refused != 1 || st.Pending != 0 {
		t.Fatalf("outbox %+v %v", st, err)
	}
	// Later cycles poll the feed but post nothing to the missing channel.
	if extra := h.discord.Requests() - before; extra > 1 {
		t.Errorf("%d more Discord requests after the refusal", extra)
	}
}

func TestFloodControlFoldsIntoDigest(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.setItems(7, "e")
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 3 {
		t.Fatalf("%d messages with max_per_hour 3, want 3", len(msgs))
	}
	last := msgs[2].Embeds
	var text strings.Builder
	for _, e := range last {
		text.WriteString(e.Title + e.Description)
		for _, f := range e.Fields {
			text.WriteString(f.Name + f.Value)
		}
	}
	if !strings.Contains(text.String(), "5 more alerts") {
		t.Errorf("third message is not the digest of the other 5: %s", text.String())
	}
	st, _ := h.st.Outbox(context.Background())
	if st.Pending != 0 || st.Delivered != 7 {
		t.Errorf("outbox %+v", st)
	}
	// The hour is used up: a new alert waits until a slot frees.
	h.setItems(8, "e")
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 3 {
		t.Fatalf("%d messages within the same hour", n)
	}
	h.advance(61 * time.Minute)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 4 {
		t.Fatalf("%d messages after the hour, want 4", n)
	}
}

func TestDigestWatch(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom], digest: "0 8 * * *" }`, "")
	h.prime()
	h.setItems(2, "f")
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("digest watch posted %d alerts at once", n)
	}
	n, err := h.w.DeliverDigests(context.Background(), []string{"russia"})
	if err != nil || n != 2 {
		t.Fatalf("digest delivered %d, %v", n, err)
	}
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d digest messages", len(msgs))
	}
	if n, _ := h.w.DeliverDigests(context.Background(), []string{"russia"}); n != 0 {
		t.Errorf("digest repeated %d alerts", n)
	}
}

func TestFeedFailureAnnouncedOnceWithRecovery(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.mu.Lock()
	h.feedDoc = nil // the feed starts failing
	h.mu.Unlock()
	for range 4 {
		h.cycle()
	}
	if n := len(h.discord.Messages(ops)); n != 1 {
		t.Fatalf("%d ops notices for a failing feed, want 1", n)
	}
	h.setItems(0, "")
	h.cycle()
	msgs := h.discord.Messages(ops)
	if len(msgs) != 2 || !strings.Contains(msgs[1].Embeds[0].Title, "recovered") {
		t.Fatalf("recovery notice missing: %+v", msgs)
	}
}
