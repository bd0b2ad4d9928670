package discord

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/pgtest"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// benchWords is the vocabulary of the generated archive; the first words
// are common, the last rare (a Zipf-like draw).
var benchWords = strings.Fields(`the of and to in a said on for that with was as at by is from it his an be
has have are were but not this after which government minister people officials year election president
week police city court report country state talks new percent market vote party military security trade
economy energy climate health schools budget prices border sanctions parliament campaign moscow kyiv
putin interference meddling hackers moldova erdogan grain harbour ferry storm breakwater cooperative`)

const benchArticles = 100_000

// buildBenchArchive fills a store with n generated articles of ~150 words
// through the store's API, as the pipeline would.
func buildBenchArchive(b *testing.B, st *store.Store, n int, now time.Time) {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(benchWords)-1))
	sentence := func(words int) string {
		ws := make([]string, words)
		for i := range ws {
			ws[i] = benchWords[zipf.Uint64()]
		}
		return strings.Join(ws, " ") + "."
	}
	ctx := context.Background()
	const batch = 1000
	for start := 0; start < n; start += batch {
		var as []store.Article
		for i := start; i < min(start+batch, n); i++ {
			var body strings.Builder
			for range 10 {
				body.WriteString(sentence(15) + " ")
			}
			if i%1000 == 7 {
				body.WriteString("Kompromat surfaced in the files.") // a truly rare word: 100 articles
			}
			as = append(as, store.Article{
				Identity: fmt.Sprintf("https://news.example.org/a/%d", i), URL: fmt.Sprintf("https://news.example.org/a/%d", i),
				Feed: "World Desk", Title: sentence(8), Text: body.String(), TextSource: "page", Status: store.StatusPending,
				Published: now.Add(-time.Duration(n-i) * time.Minute), SeenAt: now.Add(-time.Duration(n-i) * time.Minute),
			})
		}
		added, err := st.AddArticles(ctx, as)
		if err != nil {
			b.Fatal(err)
		}
		cs := make([]store.Completion, len(added))
		for i, a := range added {
			cs[i] = store.Completion{Article: a, FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(a.Text)}
		}
		if _, err := st.CompleteArticles(ctx, cs, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch runs /search's work (parse, prefilter, verify, build the
// page) over 100,000 stored articles and reports latency percentiles, on
// SQLite and on PostgreSQL (skipped when no server answers).
func BenchmarkSearch(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchmarkSearch(b, st)
	})
	b.Run("postgres", func(b *testing.B) {
		st, err := store.OpenPostgres(context.Background(), pgtest.URL(b))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchmarkSearch(b, st)
	})
}

func benchmarkSearch(b *testing.B, st *store.Store) {
	dir := b.TempDir()
	ctx := context.Background()
	now := time.Now().UTC()
	start := time.Now()
	buildBenchArchive(b, st, benchArticles, now)
	// PostgreSQL's planner statistics, as autovacuum would make them.
	if err := st.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d articles in %s", benchArticles, time.Since(start).Round(time.Second))
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte("feeds:\n  - { name: W, url: \"https://e.example.org/f\" }\naliases: { putin: [\"Vladimir Putin\", \"Putin\"] }\n"), config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := watchers.New(watchers.Options{Config: cfg, Store: st})
	if err != nil {
		b.Fatal(err)
	}
	bot, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := bot.EnableCommands(&Commands{Store: st, Pipeline: w}); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, query string }{
		{"rare word (0.1%)", "kompromat"},
		{"uncommon word", "breakwater"},
		{"common word", "government"},
		{"phrase", `"election interference"`},
		{"boolean", `@putin AND (election OR meddl*) NOT moscow`},
		{"near", "putin NEAR/5 election"},
		{"page 3", "minister"},
		{"no match", "zanzibar"},
		{"last 7 days", "kompromat"},
		{"NOT of a common word", "breakwater NOT the"},
		{"NOT the index cannot decide", "breakwater NOT title:the"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			page, days := 0, 0
			switch bc.name {
			case "page 3":
				page = 2
			case "last 7 days":
				days = 7
			}
			var lat []time.Duration
			b.ResetTimer()
			for b.Loop() {
				t0 := time.Now()
				r := bot.searchPage(ctx, commands.SearchArgs{Query: bc.query, Days: days}, page)
				lat = append(lat, time.Since(t0))
				if r.ephemeral {
					b.Fatalf("search failed: %s", r.content)
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
		})
	}
}
