package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckEmptyKeywordsOnce: a watch with "keywords: []" is one problem,
// reported once, with its position — not again as a position-less "empty
// query" with an empty caret line.
func TestCheckEmptyKeywordsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.yaml")
	os.WriteFile(path, []byte("feeds:\n  - { name: a, url: \"https://a.example/rss\" }\nwatches:\n  - name: w\n    keywords: []\n"), 0o644)
	_, errs, code := runCmd(t, "", "check", "--config", path)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	var problems []string
	for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
		if !strings.HasSuffix(line, "problem in the configuration:") && !strings.HasSuffix(line, "problems in the configuration:") {
			problems = append(problems, line)
		}
	}
	want := path + `:4:5: watches[0]: watch "w" has nothing to match: give it keywords or a query`
	if len(problems) != 1 || problems[0] != want {
		t.Errorf("problems:\n%s\nwant exactly:\n%s", strings.Join(problems, "\n"), want)
	}
}
