package extraction

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/newshound/newshound/internal/article"
)

// Dump writes, for every page of the benchmarks under dir (found as
// Evaluate finds them), everything newshound extracts from it (text and
// metadata) and what the plain library extracts (text, comments and
// metadata), as plain text in page order: two dumps of the same data diff
// to nothing unless an extraction changed. A change meant only to make
// extraction faster must leave the dump as it was.
func Dump(dir string, w io.Writer) error {
	sets, err := loadAll(dir)
	if err != nil {
		return err
	}
	for _, ds := range sets {
		for _, p := range ds.pages {
			fmt.Fprintf(w, "=== %s %s %s\n", ds.name, p.id, p.url)
			a, err := article.Extract(bytes.NewReader(p.html), p.url)
			if err != nil {
				fmt.Fprintf(w, "newshound error: %v\n", err)
			} else {
				fmt.Fprintf(w, "title %q\nbyline %q\nsite %q\npublished %s\nlang %q\nimage %q\npaywalled %v\ntext:\n%s\n",
					a.Title, a.Byline, a.SiteName, a.Published.Format(time.RFC3339Nano), a.Lang, a.Image, a.Paywalled, a.Text)
			}
			opts := trafilatura.Options{}
			if u, err := urlParse(p.url); err == nil {
				opts.OriginalURL = u
			}
			res, err := trafilatura.Extract(bytes.NewReader(p.html), opts)
			if err != nil {
				fmt.Fprintf(w, "--- library error: %v\n", err)
				continue
			}
			m := res.Metadata
			fmt.Fprintf(w, "--- library\ntitle %q\nauthor %q\nurl %q\nhost %q\ndescription %q\nsite %q\ndate %s\ncategories %q\ntags %q\nid %q\nfingerprint %q\nlicense %q\nlang %q\nimage %q\npagetype %q\ncomments %q\ntext:\n%s\n",
				m.Title, m.Author, m.URL, m.Hostname, m.Description, m.Sitename, m.Date.Format(time.RFC3339Nano),
				m.Categories, m.Tags, m.ID, m.Fingerprint, m.License, m.Language, m.Image, m.PageType, res.CommentsText, res.ContentText)
		}
	}
	return nil
}

// CPUProfile, when set, names a file to which the CPU profile of
// newshound's timed extraction of each benchmark is written (the
// benchmark's name appended when Evaluate scores more than one).
var CPUProfile string

// profile starts the CPU profile of newshound's run over the benchmark
// named set, when one is asked for, and returns the function that stops it.
func profile(set string, several bool) (stop func(), err error) {
	if CPUProfile == "" {
		return func() {}, nil
	}
	name := CPUProfile
	if several {
		name += "." + set
	}
	f, err := os.Create(filepath.Clean(name))
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("extraction: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
