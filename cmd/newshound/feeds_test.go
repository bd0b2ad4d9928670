package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A feed that answers but has given no item is flagged in status, not shown
// as healthy.
func TestStatusFlagsFeedWithoutItems(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.rss"), []byte(`<rss version="2.0"><channel><title>Empty</title></channel></rss>`), 0o644)
	os.WriteFile(filepath.Join(dir, "full.rss"), []byte(`<rss version="2.0"><channel><title>Full</title><item><title>One</title><link>https://full.example/1</link></item></channel></rss>`), 0o644)
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(`storage:
  path: s.db
articles:
  fetch: false
feeds:
  - name: Empty Feed
    url: file:empty.rss
  - name: Full Feed
    url: file:full.rss
watches:
  - name: w
    keywords: ["nothing"]
`), 0o644)
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once: %d %s", code, errs)
	}
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "Empty Feed") && !strings.Contains(line, "0 items since the first poll"):
			t.Errorf("empty feed not flagged: %q", line)
		case strings.HasPrefix(line, "Full Feed") && strings.Contains(line, "0 items"):
			t.Errorf("full feed flagged: %q", line)
		}
	}
	if !strings.Contains(out, "Empty Feed") || !strings.Contains(out, "Full Feed") {
		t.Errorf("status:\n%s", out)
	}
}
