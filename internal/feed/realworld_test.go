package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// realWorld is the shared corpus of feed files from other feed parsers' test
// suites (../shared/data/feeds/real-world).
var realWorld = filepath.Join("..", "..", "..", "shared", "data", "feeds", "real-world")

// corpusFiles lists the feed documents of the corpus: not the licences, and
// not the expected outputs of the parsers it comes from (feed-rs's
// *.serde.json, rss-parser's test/output).
func corpusFiles(t *testing.T, root string) []string {
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "LICENSE") ||
			strings.HasSuffix(d.Name(), ".serde.json") || strings.Contains(filepath.ToSlash(path), "/test/output/") {
			return nil
		}
		files = append(files, path)
		return nil
	})
	sort.Strings(files)
	return files
}

// countItems is an independent count of a document's items: the <item>
// and <entry> start tags (any namespace prefix) of an XML document outside
// comments and CDATA sections, found by a regular expression on its bytes
// whatever their encoding (UTF-16 is decoded first); or the length of a
// JSON document's top-level "items" list. ok is false when the document is
// neither.
func countItems(doc []byte) (n int, ok bool) {
	doc = decodeUnicode(doc)
	trimmed := bytes.TrimLeft(doc, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var top struct{ Items []json.RawMessage }
		if json.Unmarshal(trimmed, &top) != nil {
			return 0, false
		}
		return len(top.Items), true
	}
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return 0, false
	}
	text := hiddenRe.ReplaceAll(doc, nil)
	return len(itemTagRe.FindAll(text, -1)), true
}

var (
	hiddenRe  = regexp.MustCompile(`(?s)<!--.*?-->|<!\[CDATA\[.*?\]\]>`)
	itemTagRe = regexp.MustCompile(`<([A-Za-z_][\w.-]*:)?(item|entry)[\s/>]`)
)

// TestRealWorldFeeds runs every feed file of the shared real-world corpus
// through Parse and compares its item count with countItems. A file either
// parses with every item, or fails with a NotFeedError that says what it is
// and what to do. Parse recovers from panics; a recovered one fails here.
// go test -run RealWorld -v prints the table.
func TestRealWorldFeeds(t *testing.T) {
	if _, err := os.Stat(realWorld); err != nil {
		t.Skip("shared data not present")
	}
	var files, parsed, refused, counted, kept, empty, repeated int
	type fold struct{ files, parsed, refused, counted, kept int }
	folds := map[string]*fold{} // by the project the files come from
	var names []string
	var table strings.Builder
	for _, path := range corpusFiles(t, realWorld) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files++
		rel, _ := filepath.Rel(realWorld, path)
		source, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		fd := folds[source]
		if fd == nil {
			fd = &fold{}
			folds[source] = fd
			names = append(names, source)
		}
		fd.files++
		want, countable := countItems(data)
		res, err := Parse(bytes.NewReader(data), "file://"+path)
		var nf *NotFeedError
		switch {
		case err != nil && strings.Contains(err.Error(), "parser failure"):
			t.Errorf("%s: parser panicked: %v", rel, err)
		case errors.As(err, &nf):
			refused++
			fd.refused++
			fmt.Fprintf(&table, "%-70s refused: %.150s\n", rel, err)
		case err != nil:
			t.Errorf("%s: %v (an error that does not say what to do)", rel, err)
		default:
			parsed++
			counted += want
			kept += len(res.Items)
			fd.parsed++
			fd.counted += want
			fd.kept += len(res.Items)
			empty += res.Empty
			repeated += res.Repeated
			note := ""
			if res.Empty > 0 || res.Repeated > 0 {
				note = fmt.Sprintf(" (%d empty, %d repeated)", res.Empty, res.Repeated)
			}
			if !countable || len(res.Items)+res.Empty+res.Repeated != min(want, MaxItems) {
				note += "  DIFFERENT"
				t.Errorf("%s: %d items (%d empty, %d repeated), an independent count finds %d", rel, len(res.Items), res.Empty, res.Repeated, want)
			}
			fmt.Fprintf(&table, "%-70s %4d items, counted %4d%s\n", rel, len(res.Items), want, note)
			for _, it := range res.Items {
				if it.Identity == "" {
					t.Errorf("%s: item %q has no identity", rel, it.Title)
				}
			}
		}
	}
	for _, n := range names {
		fd := folds[n]
		fmt.Fprintf(&table, "%-18s %3d files: %3d parsed, %4d items of %4d counted; %2d refused\n", n, fd.files, fd.parsed, fd.kept, fd.counted, fd.refused)
	}
	t.Logf("\n%s", table.String())
	t.Logf("%d files: %d parsed (%d items, %d empty and %d repeated ones skipped; an independent count finds %d), %d refused as not feeds",
		files, parsed, kept, empty, repeated, counted, refused)
}
