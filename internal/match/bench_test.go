package match

import (
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// The benchmarks read the real-world feed samples at run time (they are evaluation data and are not
// copied into the repository) from $NEWSHOUND_BENCH_FEEDS or benchCorpusDir, and skip when they are
// absent.
const benchCorpusDir = "../../../shared/data/feeds/real-world"

var (
	reItem  = regexp.MustCompile(`(?i)<(?:item|entry)[\s>]`)
	reTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	reTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	reCDATA = regexp.MustCompile(`(?s)<!\[CDATA\[(.*?)\]\]>`)
)

func stripTags(s string) string {
	s = reCDATA.ReplaceAllString(s, "$1")
	s = reTag.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = reTag.ReplaceAllString(s, " ") // escaped HTML inside feed text
	return html.UnescapeString(s)
}

type benchCorpus struct {
	docs  []Document
	bytes int64
	words []string    // distinct folded words, 3+ letters, not the most frequent ones
	pairs [][2]string // adjacent words, for phrases and NEAR
	// rare words and adjacent pairs: in fewer than 1% of the documents, as names and phrases that
	// analysts watch for are
	rareWords []string
	rarePairs [][2]string
}

func loadBenchCorpus(b testing.TB) *benchCorpus {
	b.Helper()
	c := &benchCorpus{}
	dir := benchCorpusDir
	if d := os.Getenv("NEWSHOUND_BENCH_FEEDS"); d != "" {
		dir = d
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(d.Name(), "LICENSE") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil || !utf8.Valid(data) {
			return nil
		}
		chunks := reItem.Split(string(data), -1)
		if len(chunks) > 1 {
			chunks = chunks[1:]
		}
		for _, ch := range chunks {
			var doc Document
			if m := reTitle.FindStringSubmatch(ch); m != nil {
				doc.Title = strings.TrimSpace(stripTags(m[1]))
				ch = strings.Replace(ch, m[0], " ", 1)
			}
			doc.Body = strings.TrimSpace(stripTags(ch))
			if len(doc.Body) < 40 {
				continue
			}
			doc.Feed = filepath.Base(filepath.Dir(path))
			doc.Lang = "en"
			c.docs = append(c.docs, doc)
			c.bytes += int64(len(doc.Title) + len(doc.Body))
		}
		return nil
	})
	if err != nil || len(c.docs) == 0 {
		b.Skipf("no benchmark corpus in %s: %v", dir, err)
	}
	counts := map[string]int{}
	df := map[string]int{}        // document frequency of words
	pairDF := map[[2]string]int{} // and of adjacent pairs
	var folded [][]string
	for _, d := range c.docs {
		ws := strings.Fields(Fold(d.Title + "\n" + d.Body))
		folded = append(folded, ws)
		seen := map[string]bool{}
		seenPair := map[[2]string]bool{}
		for i, w := range ws {
			counts[w]++
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
			if i > 0 {
				if p := [2]string{ws[i-1], w}; !seenPair[p] {
					seenPair[p] = true
					pairDF[p]++
				}
			}
		}
	}
	var all []string
	for w := range counts {
		all = append(all, w)
	}
	sort.Slice(all, func(i, j int) bool {
		return counts[all[i]] > counts[all[j]] || counts[all[i]] == counts[all[j]] && all[i] < all[j]
	})
	usable := map[string]bool{}
	for i, w := range all {
		if i >= 100 && utf8.RuneCountInString(w) >= 3 && strings.Trim(w, "0123456789") != "" {
			c.words = append(c.words, w)
			usable[w] = true
		}
	}
	// phrases and NEAR pairs: adjacent words of the corpus, neither of them among the most frequent
	for _, ws := range folded {
		for i := 1; i < len(ws); i++ {
			if usable[ws[i-1]] && usable[ws[i]] {
				c.pairs = append(c.pairs, [2]string{ws[i-1], ws[i]})
			}
		}
	}
	rare := len(c.docs) / 100
	for _, w := range c.words {
		if df[w] < rare {
			c.rareWords = append(c.rareWords, w)
		}
	}
	for _, p := range c.pairs {
		if pairDF[p] < rare {
			c.rarePairs = append(c.rarePairs, p)
		}
	}
	c.rarePairs = slices.Compact(c.rarePairs)
	return c
}

// randomWatches makes n watches from the corpus vocabulary with random boolean structure: 1–3 OR
// groups of 1–3 atoms, sometimes an AND NOT. Atoms are words drawn uniformly from the distinct words
// of the corpus except its 100 most frequent (55%), phrases of two adjacent such words (15%),
// wildcards (at least 4 letters of a word of 6 or more, 10%), title: words (10%) and NEAR/1..10
// pairs of adjacent such words (10%).
func (c *benchCorpus) randomWatches(n int, seed uint64) []Watch {
	r := rand.New(rand.NewPCG(seed, 7))
	word := func() string { return c.words[r.IntN(len(c.words))] }
	atom := func() string {
		switch k := r.IntN(20); {
		case k < 11:
			return word()
		case k < 14:
			p := c.pairs[r.IntN(len(c.pairs))]
			return `"` + p[0] + " " + p[1] + `"`
		case k < 16:
			w := []rune(word())
			for len(w) < 6 {
				w = []rune(word())
			}
			return string(w[:max(4, len(w)-3)]) + "*"
		case k < 18:
			return "title:" + word()
		default:
			p := c.pairs[r.IntN(len(c.pairs))]
			return fmt.Sprintf(`"%s" NEAR/%d "%s"`, p[0], 1+r.IntN(10), p[1])
		}
	}
	ws := make([]Watch, 0, n)
	for len(ws) < n {
		var groups []string
		for g := 1 + r.IntN(3); g > 0; g-- {
			var atoms []string
			for a := 1 + r.IntN(3); a > 0; a-- {
				atoms = append(atoms, atom())
			}
			groups = append(groups, "("+strings.Join(atoms, " OR ")+")")
		}
		src := strings.Join(groups, " AND ")
		if r.IntN(4) == 0 {
			src += " NOT " + atom()
		}
		q, err := Parse(src, nil)
		if err != nil {
			panic(fmt.Sprintf("generated query %q: %v", src, err))
		}
		ws = append(ws, Watch{Name: fmt.Sprint("w", len(ws)), Query: q})
	}
	return ws
}

// rareWatches makes n watches as analysts write them: names and phrases that occur in few documents.
// Each is an OR of 1–3 atoms, a word of document frequency below 1% (60%) or a phrase of two adjacent
// words that occur together in fewer than 1% of the documents (40%); one in four also requires
// (AND) one such atom more.
func (c *benchCorpus) rareWatches(n int, seed uint64) []Watch {
	r := rand.New(rand.NewPCG(seed, 11))
	atom := func() string {
		if r.IntN(5) < 3 {
			return c.rareWords[r.IntN(len(c.rareWords))]
		}
		p := c.rarePairs[r.IntN(len(c.rarePairs))]
		return `"` + p[0] + " " + p[1] + `"`
	}
	ws := make([]Watch, 0, n)
	for len(ws) < n {
		var atoms []string
		for a := 1 + r.IntN(3); a > 0; a-- {
			atoms = append(atoms, atom())
		}
		src := "(" + strings.Join(atoms, " OR ") + ")"
		if r.IntN(4) == 0 {
			src += " AND " + atom()
		}
		q, err := Parse(src, nil)
		if err != nil {
			panic(fmt.Sprintf("generated query %q: %v", src, err))
		}
		ws = append(ws, Watch{Name: fmt.Sprint("w", len(ws)), Query: q})
	}
	return ws
}

// BenchmarkMatch measures matching over the corpus. "random" watches are drawn uniformly from the
// corpus vocabulary (most of a document's words are then in some watch, and about 27 of 10,000
// watches match each document: a stress test of explanations); "rare" watches are names and phrases
// that occur in under 1% of the documents, closer to real monitoring.
func BenchmarkMatch(b *testing.B) {
	c := loadBenchCorpus(b)
	for _, bc := range []struct {
		name    string
		watches int
		rare    bool
		explain bool
	}{
		{"watches=100", 100, false, true},
		{"watches=10000", 10000, false, true},
		// without building Hits and snippets: the cost of deciding which watches match
		{"watches=100/no-hits", 100, false, false},
		{"watches=10000/no-hits", 10000, false, false},
		{"rare/watches=100", 100, true, true},
		{"rare/watches=10000", 10000, true, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ws := c.randomWatches(bc.watches, 1)
			if bc.rare {
				ws = c.rareWatches(bc.watches, 1)
			}
			m, err := Compile(ws)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(c.bytes)
			b.ReportAllocs()
			matches := 0
			b.ResetTimer()
			cpu0 := cpuTime()
			for range b.N {
				for i := range c.docs {
					matches += len(m.match(&c.docs[i], bc.explain))
				}
			}
			// The machine is shared: MB/s of process CPU time is steadier than wall-clock MB/s.
			b.ReportMetric(float64(c.bytes)*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "MB/s-cpu")
			b.ReportMetric(float64(matches)/float64(b.N*len(c.docs)), "matches/doc")
			b.ReportMetric(float64(len(c.docs)), "docs")
		})
	}
}

// cpuTime returns the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkCompile(b *testing.B) {
	c := loadBenchCorpus(b)
	ws := c.randomWatches(10000, 2)
	b.ReportAllocs()
	var heap uint64
	var m *Matcher
	for range b.N {
		m = nil
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		var err error
		m, err = Compile(ws)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/compile")
		m.Match(c.docs[0]) // allocates a scratch
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
	}
	runtime.KeepAlive(m)
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
}

func BenchmarkFold(b *testing.B) {
	c := loadBenchCorpus(b)
	b.SetBytes(c.bytes)
	var tz tokenizer
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, d := range c.docs {
			tz.tokenize(d.Title)
			tz.tokenize(d.Body)
		}
	}
	b.ReportMetric(float64(c.bytes)*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "MB/s-cpu")
}

// BenchmarkContainsBaseline is the naive matcher the issue measured (~4 MB/s with 1,000 keywords), run
// here on the same corpus and machine for comparison with BenchmarkMatch.
func BenchmarkContainsBaseline(b *testing.B) {
	c := loadBenchCorpus(b)
	r := rand.New(rand.NewPCG(3, 7))
	keywords := make([]string, 1000)
	for i := range keywords {
		keywords[i] = c.words[r.IntN(len(c.words))]
	}
	b.SetBytes(c.bytes)
	hits := 0
	b.ResetTimer()
	for range b.N {
		for _, d := range c.docs {
			text := strings.ToLower(d.Title + "\n" + d.Body)
			for _, k := range keywords {
				if strings.Contains(text, k) {
					hits++
				}
			}
		}
	}
	b.ReportMetric(float64(hits)/float64(b.N*len(c.docs)), "hits/doc")
}
