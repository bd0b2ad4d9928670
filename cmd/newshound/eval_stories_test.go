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
	texts := filepath.Join(dir, "pairs.jsonl")
	var pairs []string
	for _, place := range []string{"Valmora", "Ostrava", "Sarnac"} {
		article := fmt.Sprintf("The harbour of %[1]s closed on Tuesday. A grain ship ran aground near %[1]s. Crews of %[1]s worked through the night. "+
			"The ship carried grain from Ardmore to %[1]s. Tugs of %[1]s tried twice to pull it free at high tide. Nobody was hurt, officials in %[1]s said.", place)
		b, _ := json.Marshal(map[string]string{"article": article, "reference": fmt.Sprintf("Ship aground at %[1]s . %[1]s harbour closed .", place)})
		pairs = append(pairs, string(b))
	}
	os.WriteFile(texts, []byte(strings.Join(pairs, "\n")+"\n"), 0o644)
	stdout, stderr, code := runCmd(t, "", "eval", "stories", "--data", data, "--out", out, "--texts", texts)
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	for _, want := range []string{"fold A", "fold B", "identical-headline", "tfidf-title single-pass", "newshound", "threshold sweep", "confirmed on this fold",
		"at the goal's precision", "items/s", "what the full text adds: 3 stories", "headline and full text"} {
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
