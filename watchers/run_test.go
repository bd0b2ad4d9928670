package watchers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newshound/newshound/config"
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
	reg := prometheus.NewRegistry()
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
