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
	"github.com/newshound/newshound/bot/slack"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

const (
	slackNewsroom = "C0NEWSROOM"
	slackOps      = "C0OPSDESK1"
	slackGone     = "C0GONE0001"
	slackHooked   = "C0PARTNERS"
)

// slackHarness runs the pipeline against the in-repo fake Slack (and a
// fake Discord, for the channel that posts there), through the real
// notifiers routed by channel, with a clock the test moves.
type slackHarness struct {
	t       *testing.T
	slack   *slackfake.Server
	discord *discordfake.Server
	hook    string
	feeds   *httptest.Server
	mu      sync.Mutex
	feedDoc func() string
	cfg     *config.Config
	dbPath  string
	st      *store.Store
	w       *watchers.Watcher
	now     time.Time
}

func newSlackHarness(t *testing.T, watchYAML string) *slackHarness {
	h := &slackHarness{t: t, now: time.Now()}
	h.slack = slackfake.New(slackfake.Options{Channels: []string{slackNewsroom, slackOps}})
	t.Cleanup(h.slack.Close)
	h.hook = h.slack.AddWebhook(slackHooked, "hooksecret1")
	h.discord = discordfake.New(discordfake.Options{Token: "tok", Channels: []string{newsroom}})
	t.Cleanup(h.discord.Close)
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
slack:
  token: %s
  api_base: %s
discord:
  token: tok
  api_base: %s
channels:
  newsroom: { slack: %s, max_per_hour: 3 }
  ops: { slack: %s }
  gone: { slack: %s }
  partners: { slack_webhook: "%s" }
  discord-desk: { discord: "%s" }
ops_channel: ops
watches:
%s
`, h.feeds.URL, h.slack.Token(), h.slack.URL(), h.discord.URL(), slackNewsroom, slackOps, slackGone, h.hook, newsroom, watchYAML)
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(yaml), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg, h.dbPath = cfg, filepath.Join(dir, "n.db")
	h.start()
	return h
}

func (h *slackHarness) start() {
	st, err := store.Open(context.Background(), h.dbPath)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	slackChannels, discordChannels := map[string]slack.Channel{}, map[string]discord.Channel{}
	for name, ch := range h.cfg.Channels {
		if ch.IsSlack() {
			slackChannels[name] = slack.Channel{ID: ch.Slack, WebhookURL: ch.SlackWebhook}
		} else {
			discordChannels[name] = discord.Channel{DiscordID: ch.Discord}
		}
	}
	styles := map[string]slack.Style{}
	for _, w := range h.cfg.Watches {
		styles[w.Name] = slack.Style{Mention: w.SlackMention()}
	}
	sl, err := slack.New(slack.Options{Token: h.cfg.Slack.Token, APIBase: h.slack.URL(), Channels: slackChannels, Styles: styles,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		h.t.Fatal(err)
	}
	b, err := discord.New(discord.Options{Token: "tok", APIBase: h.discord.URL(), Channels: discordChannels, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		h.t.Fatal(err)
	}
	router := alert.Router{}
	for name := range slackChannels {
		router[name] = sl
	}
	for name := range discordChannels {
		router[name] = b
	}
	client := httpclient.New(httpclient.Options{Timeout: 5 * time.Second, AllowPrivate: true})
	w, err := watchers.New(watchers.Options{Config: h.cfg, Store: st, FeedClient: client, ArticleClient: client,
		Notifier: router, Stdout: &bytes.Buffer{}, Now: func() time.Time { h.mu.Lock(); defer h.mu.Unlock(); return h.now }})
	if err != nil {
		h.t.Fatal(err)
	}
	h.st, h.w = st, w
}

func (h *slackHarness) restart() {
	h.st.Close()
	h.start()
}

func (h *slackHarness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

func (h *slackHarness) setItems(n int, prefix string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.feedDoc = func() string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
		for i := range n {
			// Each item its own story (ownEvent): a story alerts a channel once.
			fmt.Fprintf(&b, `<item><title>%s Putin story %d %s</title><link>https://wire.example/%s/%d</link><pubDate>%s</pubDate><description>Putin said something &lt;!channel&gt;: %s.</description></item>`,
				prefix, i, ownTitle(prefix, i), prefix, i, time.Now().Format(time.RFC1123Z), ownEvent(prefix, i))
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
}

func (h *slackHarness) cycle() {
	h.t.Helper()
	h.w.PollAll(context.Background(), true)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

func (h *slackHarness) prime() {
	h.setItems(0, "")
	h.cycle()
}

func TestSlackAlertBecomesOneMessage(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom], mention: S0DESK123 }`)
	h.prime()
	h.setItems(1, "a")
	h.cycle()
	msgs := h.slack.Messages(slackNewsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if !strings.Contains(m.AllText(), "<https://wire.example/a/0|a Putin story 0 "+ownTitle("a", 0)+">") || m.Metadata == nil || m.Metadata.EventPayload["ref"] == "" {
		t.Errorf("message %+v", m)
	}
	if strings.Join(m.Mentions, ",") != "subteam:S0DESK123" {
		t.Errorf("mentions %v (the feed's <!channel> must not ping)", m.Mentions)
	}
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Errorf("%d messages after a second cycle", n)
	}
}

func TestSlackAndDiscordFromOneConfig(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom, discord-desk, partners] }`)
	h.prime()
	h.setItems(1, "both")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Errorf("%d Slack messages", n)
	}
	if n := len(h.slack.Messages(slackHooked)); n != 1 {
		t.Errorf("%d Slack webhook messages", n)
	}
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Errorf("%d Discord messages", n)
	}
}

func TestSlackServerErrorThenSuccess(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.prime()
	h.slack.FailNext(slackNewsroom, 1, http.StatusInternalServerError)
	h.setItems(1, "b")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 0 {
		t.Fatalf("%d messages after a 500", n)
	}
	h.cycle() // not due yet: backoff
	// Slack's 500 may have stored the message: the retry waits for the
	// attempt to settle, looks for it, then posts.
	h.advance(watchers.SettleTime + time.Second)
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Fatalf("%d messages after the retry, want 1", n)
	}
	if !containsMethod(h.slack.Methods(), "conversations.history") {
		t.Error("the retry after a 500 did not look for the message first")
	}
}

func containsMethod(methods []string, m string) bool {
	for _, x := range methods {
		if x == m {
			return true
		}
	}
	return false
}

func TestSlackRateLimitThenSuccess(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.prime()
	h.slack.RateLimitNext(slackNewsroom, 1, 30*time.Second)
	h.setItems(1, "r")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 0 {
		t.Fatalf("%d messages after a 429", n)
	}
	h.advance(20 * time.Second) // past the backoff, not past Retry-After
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 0 {
		t.Fatalf("retried before Retry-After: %d messages", n)
	}
	h.advance(11 * time.Second)
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
}

func TestSlackLostResponseAndRestartDeliverOnce(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.prime()
	h.slack.DropResponseNext(slackNewsroom)
	h.setItems(1, "c")
	h.cycle() // the message is stored but the answer is lost
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	h.restart()
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Fatalf("%d messages, want exactly 1", n)
	}
	st, err := h.st.Outbox(context.Background())
	if err != nil || st.Pending != 0 || st.Delivered != 1 {
		t.Fatalf("outbox %+v %v", st, err)
	}
}

func TestSlackUnknownChannelRefusedOnceAndAnnounced(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [gone] }`)
	h.prime()
	h.setItems(1, "d")
	h.cycle()
	before := h.slack.Requests()
	h.advance(2 * time.Hour)
	h.cycle()
	h.cycle()
	notices := h.slack.Messages(slackOps)
	if len(notices) != 1 || !strings.Contains(notices[0].AllText(), "channel_not_found") {
		t.Fatalf("ops notices %+v", notices)
	}
	st, err := h.st.Outbox(context.Background())
	if err != nil || st.Refused != 1 || st.Pending != 0 {
		t.Fatalf("outbox %+v %v", st, err)
	}
	// Later cycles post the notice and nothing to the missing channel.
	if extra := h.slack.Requests() - before; extra > 1 {
		t.Errorf("%d more Slack requests after the refusal", extra)
	}
}

func TestSlackRemovedFromChannelRefused(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.prime()
	h.slack.RemoveBot(slackNewsroom)
	h.setItems(1, "n")
	h.cycle()
	h.cycle()
	notices := h.slack.Messages(slackOps)
	if len(notices) != 1 || !strings.Contains(notices[0].AllText(), "not_in_channel") {
		t.Fatalf("ops notices %+v", notices)
	}
}

func TestSlackRevokedTokenPausesAndKeepsAlerts(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom, partners] }`)
	h.prime()
	token := h.slack.Token()
	h.slack.SetToken("xoxb-new-token")
	h.setItems(1, "p")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 0 {
		t.Fatalf("%d messages with a revoked token", n)
	}
	// The webhook has its own credentials: it still posts.
	if n := len(h.slack.Messages(slackHooked)); n != 1 {
		t.Errorf("%d webhook messages", n)
	}
	st, _ := h.st.Outbox(context.Background())
	if st.Pending == 0 || st.Refused != 0 {
		t.Fatalf("outbox %+v: the alert must be kept", st)
	}
	if probs := h.w.Problems(); len(probs) == 0 || !strings.Contains(strings.Join(probs, " "), "Slack refused the Slack bot token") {
		t.Errorf("health problems %v", probs)
	}
	// The token works again (the app was reinstalled with it): the next
	// probe delivers the kept alert, and the pause and resume notices.
	h.slack.SetToken(token)
	h.advance(time.Minute)
	h.cycle()
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 1 {
		t.Fatalf("%d messages after the token works again", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 {
		t.Errorf("outbox %+v after the token works again", st)
	}
}

func TestSlackFloodControlFoldsIntoDigest(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.prime()
	h.setItems(7, "e")
	h.cycle()
	msgs := h.slack.Messages(slackNewsroom)
	if len(msgs) != 3 {
		t.Fatalf("%d messages with max_per_hour 3, want 3", len(msgs))
	}
	if !strings.Contains(msgs[2].AllText(), "5 more alerts") || strings.Count(msgs[2].AllText(), "• <https://wire.example/e/") != 5 {
		t.Errorf("third message is not the digest of the other 5: %s", msgs[2].AllText())
	}
	h.setItems(8, "e")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 3 {
		t.Fatalf("%d messages within the same hour", n)
	}
	h.advance(61 * time.Minute)
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 4 {
		t.Fatalf("%d messages after the hour, want 4", n)
	}
}

func TestSlackDigestWatch(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom], digest: "0 8 * * *" }`)
	h.prime()
	h.setItems(2, "f")
	h.cycle()
	if n := len(h.slack.Messages(slackNewsroom)); n != 0 {
		t.Fatalf("digest watch posted %d alerts at once", n)
	}
	n, err := h.w.DeliverDigests(context.Background(), []string{"russia"})
	if err != nil || n != 2 {
		t.Fatalf("digest delivered %d, %v", n, err)
	}
	msgs := h.slack.Messages(slackNewsroom)
	if len(msgs) != 1 || !strings.Contains(msgs[0].AllText(), "Digest: russia") {
		t.Fatalf("digest messages %+v", msgs)
	}
	if n, _ := h.w.DeliverDigests(context.Background(), []string{"russia"}); n != 0 {
		t.Errorf("digest repeated %d alerts", n)
	}
}

func TestSlackWebhookLostResponseIsAtLeastOnce(t *testing.T) {
	h := newSlackHarness(t, `  - { name: russia, keywords: [Putin], channels: [partners] }`)
	h.prime()
	h.slack.DropResponseNext(h.hook)
	h.setItems(1, "w")
	h.cycle()
	h.advance(time.Minute)
	h.cycle()
	// A webhook cannot be looked in: the documented at-least-once.
	if n := len(h.slack.Messages(slackHooked)); n != 2 {
		t.Fatalf("%d webhook messages, want the lost one and its repeat", n)
	}
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.slack.Messages(slackHooked)); n != 2 {
		t.Fatalf("%d webhook messages after delivery was recorded", n)
	}
}
