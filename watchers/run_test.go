package watchers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/metrics"
	"github.com/newshound/newshound/internal/testutil"
)

func TestRunServesHealthAndReloads(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/a.rss", rss())
	fs.set("/b.rss", rss())
	yaml := func(feeds string) string {
		return fmt.Sprintf("schedule: \"@every 1s\"\narticles: { fetch: false }\nfeeds:\n%swatches:\n  - { name: w, keywords: [Putin] }\n", feeds)
	}
	one := fmt.Sprintf("  - { name: A, url: \"%s/a.rss\" }\n", fs.URL)
	h := newHarness(t, yaml(one))
	reg := metrics.NewRegistry()
	h.w.metrics = NewMetrics(reg)
	reg.MustRegister(NewStoreCollector(h.store))
	srv := httptest.NewServer(h.w.Handler(reg))
	defer srv.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "scheduler not running") {
		t.Errorf("before Run: %d %q", code, body)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- h.w.Run(ctx, 5*time.Second) }()
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusOK })
	waitFor(t, func() bool { st, _ := h.store.Feed(ctx, "A"); return !st.LastSuccess.IsZero() })

	// A new configuration with a second feed: it gets polled without a restart.
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(yaml(one+fmt.Sprintf("  - { name: B, url: \"%s/b.rss\" }\n", fs.URL))), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.w.Reload(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { st, _ := h.store.Feed(ctx, "B"); return !st.LastSuccess.IsZero() })

	_, metrics := get("/metrics")
	for _, want := range []string{`newshound_polls_total{feed="B",outcome="ok"}`, "newshound_outbox_depth 0", "newshound_feeds_in_backoff 0"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if code, _ := get("/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("after shutdown /healthz is %d", code)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReloadWarnsOfSettingsReadAtStart: a reload that changes a setting read
// once at start (the page-reading limits, story_window, storage, http) logs
// which ones keep their running value; an unchanged one logs nothing.
func TestReloadWarnsOfSettingsReadAtStart(t *testing.T) {
	base := "feeds:\n  - { name: A, url: \"https://a.example/a.rss\" }\nwatches:\n  - { name: w, keywords: [Putin] }\n"
	h := newHarness(t, base)
	if out := reloadLogs(t, h, base); strings.Contains(out, "restart") {
		t.Errorf("an unchanged reload warns: %s", out)
	}
	out := reloadLogs(t, h, "articles: { concurrency: 3, per_host: 1, host_delay: 9s, min_text: 10 }\nstory_window: 48h\n"+base)
	for _, want := range []string{"next restart", "articles.concurrency", "articles.per_host", "articles.host_delay", "articles.min_text", "story_window"} {
		if !strings.Contains(out, want) {
			t.Errorf("reload log lacks %q:\n%s", want, out)
		}
	}
	// Compared with what runs (the values at start), not the last reload.
	out = reloadLogs(t, h, "articles: { min_text: 10 }\n"+base)
	if !strings.Contains(out, "articles.min_text") || strings.Contains(out, "story_window") || strings.Contains(out, "per_host") {
		t.Errorf("reload log names settings that did not change since start:\n%s", out)
	}
	if out := reloadLogs(t, h, base); strings.Contains(out, "restart") {
		t.Errorf("a reload back to the values at start warns: %s", out)
	}
}

// TestReloadRefusesRetentionShorterThanRunningWindow: the new file may pair
// a short retention with a short story_window, but the running window (read
// at start) is the one pruning must not undercut.
func TestReloadRefusesRetentionShorterThanRunningWindow(t *testing.T) {
	base := "story_window: 3d\nfeeds:\n  - { name: A, url: \"https://a.example/a.rss\" }\nwatches:\n  - { name: w, keywords: [Putin] }\n"
	h := newHarness(t, base)
	cfg, err := config.Parse(h.cfg.Path, []byte("storage:\n  retention: 1d\nstory_window: 12h\nfeeds:\n  - { name: A, url: \"https://a.example/a.rss\" }\n"), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	err = h.w.Reload(context.Background(), cfg, nil)
	if err == nil || !strings.Contains(err.Error(), h.cfg.Path+":2:14: storage.retention") || !strings.Contains(err.Error(), "story_window (3d, read at start)") {
		t.Fatalf("Reload = %v, want it refused at storage.retention naming the running story_window", err)
	}
	if h.w.Config() != h.cfg {
		t.Error("a refused reload replaced the configuration")
	}
	ok, err := config.Parse(h.cfg.Path, []byte("storage:\n  retention: 3d\nstory_window: 12h\nfeeds:\n  - { name: A, url: \"https://a.example/a.rss\" }\n"), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.w.Reload(context.Background(), ok, nil); err != nil {
		t.Errorf("retention as long as the running window: %v", err)
	}
}

// TestReloadWarnsTheCommandsKeepTheirCredentials: deliveries take a
// reload's tokens at once (the notifier is rebuilt), but the Discord gateway
// and the slash commands of both platforms are set up at start and keep the
// ones they started with. A token rotated after a revocation and SIGHUP'd
// brought deliveries back while the gateway went on reconnecting with the
// revoked one (close 4004, every 10 min at most), without a word.
func TestReloadWarnsTheCommandsKeepTheirCredentials(t *testing.T) {
	const tail = "feeds:\n  - { name: A, url: \"https://a.example/a.rss\" }\nwatches:\n  - { name: w, keywords: [Putin] }\n"
	chat := func(discordTok, slackTok string) string {
		return fmt.Sprintf("discord: { token: %s, guild_id: \"456789012345678901\" }\nslack: { token: %s, app_token: xapp-1-AAA }\n", discordTok, slackTok) + tail
	}
	h := newHarness(t, chat("OldDiscordToken1", "xoxb-OldSlackToken1"))
	out := reloadLogs(t, h, chat("NewDiscordToken2", "xoxb-NewSlackToken2"))
	for _, want := range []string{"next restart", "discord.token", "slack.token"} {
		if !strings.Contains(out, want) {
			t.Errorf("reload log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"OldDiscordToken1", "NewDiscordToken2", "OldSlackToken1", "NewSlackToken2"} {
		if strings.Contains(out, secret) {
			t.Errorf("reload log shows a token: %s", out)
		}
	}
	if out := reloadLogs(t, h, chat("OldDiscordToken1", "xoxb-OldSlackToken1")); strings.Contains(out, "restart") {
		t.Errorf("a reload with the tokens of the start warns: %s", out)
	}
}

// reloadLogs reloads h's Watcher with the configuration src and returns
// what the reload logged.
func reloadLogs(t *testing.T, h *harness, src string) string {
	t.Helper()
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	cfg, err := config.Parse(h.cfg.Path, []byte(src), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.w.Reload(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	return logs.String()
}
