package match

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bigAlias is an alias of n distinct two-word phrases.
func bigAlias(n int) map[string][]string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("name%d person%d", i, i%97)
	}
	return map[string][]string{"big": terms}
}

func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

// TestAliasesShared: queries parsed with the same Aliases refer to one copy
// of an alias's terms, and Compile compiles it once: the watches of a large
// alias cost its term ids, not its terms, each.
func TestAliasesShared(t *testing.T) {
	aliases := NewAliases(bigAlias(20_000))
	var ws []Watch
	for i := range 10 {
		q, err := ParseWith(fmt.Sprintf("@big AND topic%d", i), aliases)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, Watch{Name: fmt.Sprint("w", i), Query: q})
	}
	if a, b := ws[0].Query.root.kids[0], ws[9].Query.root.kids[0]; a.op != opAlias || a.def != b.def {
		t.Fatalf("two queries do not share the alias: %+v %+v", a, b)
	}
	m, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.terms) != 20_000+10 {
		t.Errorf("%d terms compiled, want the alias's once and each watch's own", len(m.terms))
	}
	if r := m.Match(Document{Title: "Name17 Person17 on topic3"}); len(r) != 1 || r[0].Watch != "w3" {
		t.Errorf("match: %+v", r)
	}
}

// TestWatchesTogetherBounded: the watches' compiled size together is bounded;
// the watch that crosses the bound is refused with its name and its largest
// alias, before the matcher grows past it.
func TestWatchesTogetherBounded(t *testing.T) {
	aliases := NewAliases(bigAlias(100_000))
	var ws []Watch
	for i := range 200 {
		q, err := ParseWith(fmt.Sprintf("@big AND topic%d", i), aliases)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, Watch{Name: fmt.Sprint("w", i), Query: q})
	}
	before := totalAlloc()
	m, err := Compile(ws)
	var we *WatchError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &we) || we.Watch != "w20" || !strings.Contains(err.Error(), "@big, has 100000 terms") {
		t.Fatalf("200 watches of a 100,000-term alias: %v, want w20 refused naming @big", err)
	}
	t.Logf("refused at %s after allocating %.1f MB", we.Watch, float64(totalAlloc()-before)/1e6)
	runtime.KeepAlive(m)
	if _, err := Compile(ws[:20]); err != nil {
		t.Errorf("20 watches, within the bound: %v", err)
	}
}
