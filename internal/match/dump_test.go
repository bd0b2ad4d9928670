package match

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestDumpResults writes a digest of every result over the benchmark corpus for several watch sets to
// $NEWSHOUND_MATCH_DUMP, so that two versions of the matcher can be compared.
func TestDumpResults(t *testing.T) {
	out := os.Getenv("NEWSHOUND_MATCH_DUMP")
	if out == "" {
		t.Skip("NEWSHOUND_MATCH_DUMP not set")
	}
	c := loadBenchCorpus(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sets := map[string][]Watch{
		"random100": c.randomWatches(100, 1), "random10000": c.randomWatches(10000, 1),
		"rare100": c.rareWatches(100, 1), "rare10000": c.rareWatches(10000, 1),
		"random1000b": c.randomWatches(1000, 9), "random30": c.randomWatches(30, 4), "random3": c.randomWatches(3, 5),
	}
	v := loadNewsVocab(t)
	sets["news100"], sets["news10000"] = v.newsWatches(100, 1), v.newsWatches(10000, 1)
	for _, name := range []string{"random100", "random10000", "rare100", "rare10000", "random1000b", "random30", "random3", "news100", "news10000"} {
		m, err := Compile(sets[name])
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		n := 0
		for i := range c.docs {
			rs := m.Match(c.docs[i])
			n += len(rs)
			for _, r := range rs {
				for _, hit := range r.Hits {
					b, _ := json.Marshal([]any{r.Watch, hit.Term, hit.Text, hit.Field, hit.Start, hit.End, hit.Snippet()})
					h.Write(b)
				}
			}
		}
		fmt.Fprintf(f, "%s %d %x\n", name, n, h.Sum(nil))
	}
}
