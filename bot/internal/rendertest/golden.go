// Package rendertest holds what the chat platforms' rendering tests share:
// a broad corpus of alerts, story outlets, digests and notices (unicode,
// long text, markdown-ish and mention-ish feed text, quotes of every
// shape), a real store and watcher holding an archive for the commands'
// answers, and golden files that hold the rendered bytes, so that a change
// of a text rule shows as a difference of what a platform sends.
package rendertest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Golden collects named outputs, in order, for one golden file.
type Golden struct {
	names []string
	vals  map[string]string
}

// Add records v (marshalled as JSON, HTML characters as they are) under a
// name unique within the file.
func (g *Golden) Add(tb testing.TB, name string, v any) {
	tb.Helper()
	if g.vals == nil {
		g.vals = map[string]string{}
	}
	if _, dup := g.vals[name]; dup {
		tb.Fatalf("golden: %q added twice", name)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		tb.Fatalf("golden: %s: %v", name, err)
	}
	g.names = append(g.names, name)
	g.vals[name] = b.String()
}

const header = "=== "

func (g *Golden) bytes() []byte {
	var b bytes.Buffer
	for _, n := range g.names {
		b.WriteString(header + n + "\n" + g.vals[n])
	}
	return b.Bytes()
}

// parse reads a golden file back into its entries.
func parse(data []byte) (names []string, vals map[string]string) {
	vals = map[string]string{}
	var cur string
	var b strings.Builder
	flush := func() {
		if cur != "" {
			vals[cur] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(line, header) {
			flush()
			cur = strings.TrimSuffix(strings.TrimPrefix(line, header), "\n")
			names = append(names, cur)
			continue
		}
		b.WriteString(line)
	}
	flush()
	return names, vals
}

// Check compares the outputs with testdata/file byte for byte (with
// -update, rewrites it) and names each entry that differs, added or gone.
func (g *Golden) Check(tb testing.TB, file string) {
	tb.Helper()
	path := filepath.Join("testdata", file)
	got := g.bytes()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run the test with -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	names, vals := parse(want)
	for _, n := range g.names {
		w, ok := vals[n]
		switch {
		case !ok:
			tb.Errorf("%s: new output, not in %s", n, path)
		case w != g.vals[n]:
			tb.Errorf("%s: output differs from %s:\n%s", n, path, firstDiff(w, g.vals[n]))
		}
	}
	for _, n := range names {
		if _, ok := g.vals[n]; !ok {
			tb.Errorf("%s: in %s, no longer made", n, path)
		}
	}
	if !tb.Failed() {
		tb.Errorf("%s: the entries' order differs", path)
	}
}

// firstDiff shows the first line where two outputs part.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}
