package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalStories(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "items.jsonl")
	var lines []string
	titles := []struct{ title, story, day string }{
		{"Harbour of Valmora closed after grain ship Northern Lark runs aground", "A", "2026-01-01"},
		{"Northern Lark aground: Valmora harbour shut", "A", "2026-01-01"},
		{"Ostrava central bank raises interest rates", "B", "2026-01-01"},
		{"Film festival opens in Sarnac", "C", "2026-01-02"},
		{"Sarnac film festival opens with river documentary", "C", "2026-01-02"},
	}
	for i, x := range titles {
		b, _ := json.Marshal(map[string]string{"item_id": fmt.Sprint("i", i), "title": x.title, "url": "http://example.com/", "publisher": fmt.Sprint("P", i%2),
			"hostname": "example.com", "date": x.day, "timestamp": x.day + "T00:00:00Z", "story": x.story})
		lines = append(lines, string(b))
	}
	os.WriteFile(data, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out := filepath.Join(dir, "clusters.jsonl")
	stdout, stderr, code := runCmd(t, "", "eval", "stories", "--data", data, "--out", out)
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	for _, want := range []string{"fold A", "fold B", "tfidf-title single-pass", "newshound", "threshold sweep", "confirmed on this fold", "items/s"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil || strings.Count(string(b), `"cluster"`) != len(titles) {
		t.Errorf("--out: %v\n%s", err, b)
	}

	if _, stderr, code := runCmd(t, "", "eval", "stories", "--data", filepath.Join(dir, "missing.jsonl")); code == 0 || !strings.Contains(stderr, "missing.jsonl") {
		t.Errorf("missing data: code %d, %q", code, stderr)
	}
}
