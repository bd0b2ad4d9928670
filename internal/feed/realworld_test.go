package feed

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealWorldFeeds runs every file of the shared real-world feed corpus
// through Parse: each one parses or fails with an error, none panics (Parse
// recovers, so a recovered panic is reported here as a failure).
func TestRealWorldFeeds(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "data", "feeds", "real-world")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared data not present")
	}
	var parsed, failed int
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "LICENSE") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(bytes.NewReader(data), "https://example.org/feed")
		switch {
		case err != nil && strings.Contains(err.Error(), "parser failure"):
			t.Errorf("%s: parser panicked: %v", path, err)
		case err != nil:
			failed++
		default:
			parsed++
			for _, it := range res.Items {
				if it.Identity == "" {
					t.Errorf("%s: item %q has no identity", path, it.Title)
				}
			}
		}
		return nil
	})
	t.Logf("%d parsed, %d rejected with an error", parsed, failed)
	if parsed == 0 {
		t.Fatal("nothing parsed")
	}
}
