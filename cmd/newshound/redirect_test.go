package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestFeedRedirectToInternalListenerRefused: a listed feed (on loopback, the
// operator's choice) that redirects to another local listener is not followed
// with allow_private_networks off: its item is not stored or alerted, and the
// failure names the feed.
func TestFeedRedirectToInternalListenerRefused(t *testing.T) {
	var internal atomic.Int32
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internal.Add(1)
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Inside</title><item><title>Putin secret</title><link>https://n.example/secret</link><pubDate>%s</pubDate></item></channel></rss>`,
			time.Now().UTC().Format(time.RFC1123Z))
	}))
	defer inside.Close()
	listed := httptest.NewServer(http.RedirectHandler(inside.URL+"/feed.rss", http.StatusFound))
	defer listed.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "n.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
storage: { path: n.db }
articles: { fetch: false }
feeds:
  - { name: Listed, url: "%s/feed.rss" }
watches:
  - { name: w, keywords: [Putin] }
`, listed.URL)), 0o644)
	out, errs, code := runCmd(t, "", "once", "--config", cfg)
	if code == 0 || out != "" || internal.Load() != 0 || !strings.Contains(errs, `feed "Listed"`) || !strings.Contains(errs, "private") {
		t.Errorf("exit %d, stdout %q, internal hits %d, stderr %s", code, out, internal.Load(), errs)
	}
	os.WriteFile(cfg, []byte(strings.Replace(mustRead(t, cfg), "articles:", "http: { allow_private_networks: true }\narticles:", 1)), 0o644)
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 || internal.Load() != 1 {
		t.Errorf("with allow_private_networks: exit %d, internal hits %d, %s", code, internal.Load(), errs)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
