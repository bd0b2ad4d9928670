package watchers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// aliasHeavyConfig is the probe of issue 13: one alias of terms phrases used
// by watches watches.
func aliasHeavyConfig(t testing.TB, terms, watches int) *config.Config {
	var b strings.Builder
	b.WriteString("feeds:\n  - { name: F, url: \"https://f.example/rss\" }\naliases:\n  big:\n")
	for i := range terms {
		fmt.Fprintf(&b, "    - \"name%d person%d\"\n", i, i%97)
	}
	b.WriteString("watches:\n")
	for i := range watches {
		fmt.Fprintf(&b, "  - { name: w%d, query: '@big AND topic%d' }\n", i, i)
	}
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "n.yaml"), []byte(b.String()), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestAliasHeavyConfigMemory reports the heap that compiling the watches of
// one large alias takes, and checks that beyond the bound the watch that
// crosses it is named at its position. Sizes from NEWSHOUND_ALIAS_PROBE
// ("terms,watches") for measurements; figures are logged, not asserted.
func TestAliasHeavyConfigMemory(t *testing.T) {
	if raceDetector {
		t.Skip("compiles two million term references: too slow under the race detector, and not about concurrency")
	}
	terms, watches := 100_000, 200
	if p := os.Getenv("NEWSHOUND_ALIAS_PROBE"); p != "" {
		a, b, _ := strings.Cut(p, ",")
		terms, _ = strconv.Atoi(a)
		watches, _ = strconv.Atoi(b)
	}
	cfg := aliasHeavyConfig(t, terms, watches)
	runtime.GC()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	m, err := CompileWatches(cfg)
	runtime.ReadMemStats(&ms1)
	heap := ms1.HeapAlloc
	runtime.GC()
	var ms2 runtime.MemStats
	runtime.ReadMemStats(&ms2)
	t.Logf("alias of %d terms, %d watches: allocated %.0f MB, heap after %.0f MB (%.0f MB live after GC); error: %v",
		terms, watches, float64(ms1.TotalAlloc-ms0.TotalAlloc)/1e6, float64(heap)/1e6, float64(ms2.HeapAlloc)/1e6, err)
	runtime.KeepAlive(m)
	if os.Getenv("NEWSHOUND_ALIAS_PROBE") != "" {
		return
	}
	if err == nil || !strings.Contains(err.Error(), "n.yaml:") || !strings.Contains(err.Error(), "watches[20].query: watch \"w20\"") ||
		!strings.Contains(err.Error(), "@big") {
		t.Errorf("200 watches of a 100,000-term alias: %v, want watches[20] refused at its position, naming @big", err)
	}
}

// TestChatWatchesOfALargeAliasBounded is the chat side of the probe: watches
// added from chat that use a large alias are compiled with the
// configuration's; the one that would cross the bound is refused, and the
// set in force stays.
func TestChatWatchesOfALargeAliasBounded(t *testing.T) {
	if raceDetector {
		t.Skip("compiles two million term references: too slow under the race detector, and not about concurrency")
	}
	var b strings.Builder
	b.WriteString("feeds:\n  - { name: F, url: \"https://f.example/rss\" }\naliases:\n  big:\n")
	for i := range 100_000 {
		fmt.Fprintf(&b, "    - \"name%d person%d\"\n", i, i%97)
	}
	b.WriteString("watches:\n  - { name: file, query: '@big AND budget' }\n")
	h := newHarness(t, b.String())
	ctx := t.Context()
	add := func(i int) error {
		if err := h.store.AddChatWatch(ctx, store.ChatWatch{Name: fmt.Sprintf("chat%02d", i), Query: fmt.Sprintf("@big AND topic%d", i), Channel: "news"}); err != nil {
			t.Fatal(err)
		}
		return h.w.ReloadWatches(ctx)
	}
	if err := add(0); err != nil {
		t.Fatalf("a second watch of the alias: %v", err)
	}
	for i := 1; i < 19; i++ { // added while the daemon was stopped
		if err := h.store.AddChatWatch(ctx, store.ChatWatch{Name: fmt.Sprintf("chat%02d", i), Query: fmt.Sprintf("@big AND topic%d", i), Channel: "news"}); err != nil {
			t.Fatal(err)
		}
	}
	refused := add(19) // the 21st watch of the alias
	if !errors.Is(refused, match.ErrTooLarge) || !strings.Contains(refused.Error(), `"chat19"`) || !strings.Contains(refused.Error(), "@big") {
		t.Fatalf("the 21st watch: %v, want chat19 refused naming @big", refused)
	}
	if n := len(h.w.Watches()); n != 2 {
		t.Errorf("%d watches in force after the refusal, want the 2 before it", n)
	}
}
