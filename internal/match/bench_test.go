package match

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"io"
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
	"unicode"
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

func benchFeedsDir() string {
	if d := os.Getenv("NEWSHOUND_BENCH_FEEDS"); d != "" {
		return d
	}
	return benchCorpusDir
}

func loadBenchCorpus(b testing.TB) *benchCorpus {
	b.Helper()
	c := &benchCorpus{}
	dir := benchFeedsDir()
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

// newsVocab is an analyst's vocabulary taken from news other than the benchmark corpus: the articles
// of the summary, extraction and quotation evaluation sets (US politics 2015–16, CNN, BBC and other
// news pages). Watches written from it are matched against the feeds as real watches are matched
// against the news of the day: written in advance, about names that may or may not be in it.
type newsVocab struct {
	names  []string // runs of one to three capitalised words that are names (not sentence openers)
	topics []string // lower-case words of six letters or more, neither very rare nor very common
}

var (
	reCapRun = regexp.MustCompile(`\p{Lu}\p{L}+(?:[ -]\p{Lu}\p{L}+){0,2}`)
	reLower  = regexp.MustCompile(`\b\p{Ll}{6,}\b`)
	reWord   = regexp.MustCompile(`\p{L}+`)
)

func loadNewsVocab(b testing.TB) *newsVocab {
	b.Helper()
	root := filepath.Join(benchFeedsDir(), "..", "..") // the evaluation data
	var texts []string
	if f, err := os.ReadFile(filepath.Join(root, "summaries", "pairs.validation.jsonl")); err == nil {
		for _, line := range strings.Split(string(f), "\n") {
			var rec struct{ Article string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Article != "" {
				texts = append(texts, rec.Article)
			}
		}
	}
	if f, err := os.ReadFile(filepath.Join(root, "extraction", "scrapinghub", "ground-truth.dev.json")); err == nil {
		var gt map[string]struct{ ArticleBody string }
		if json.Unmarshal(f, &gt) == nil {
			for _, v := range gt {
				texts = append(texts, v.ArticleBody)
			}
		}
	}
	paths, _ := filepath.Glob(filepath.Join(root, "quotes", "polnear", "data", "*", "text", "*.txt"))
	more, _ := filepath.Glob(filepath.Join(root, "extraction", "newspaper4k-testdata", "fulltext-2014", "text", "*.txt"))
	paths = append(paths, more...)
	if f, err := os.Open(filepath.Join(root, "quotes", "polnear", "data", "train-text-attributions.tar.gz")); err == nil {
		defer f.Close()
		if zr, err := gzip.NewReader(f); err == nil {
			tr := tar.NewReader(zr)
			for h, err := tr.Next(); err == nil; h, err = tr.Next() {
				if strings.Contains(h.Name, "/text/") && strings.HasSuffix(h.Name, ".txt") {
					if data, err := io.ReadAll(tr); err == nil {
						texts = append(texts, string(data))
					}
				}
			}
		}
	}
	for _, p := range paths {
		if f, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(f))
		}
	}
	if len(texts) == 0 {
		b.Skip("no news texts for the analyst's vocabulary")
	}
	sort.Strings(texts) // the map above has no order
	// a capitalised word is part of a name if it is more often capitalised than not
	lower, upper := map[string]int{}, map[string]int{}
	for _, t := range texts {
		for _, w := range reWord.FindAllString(t, -1) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				upper[strings.ToLower(w)]++
			} else {
				lower[w]++
			}
		}
	}
	names, topics := map[string]int{}, map[string]int{}
	for _, t := range texts {
		for _, loc := range reCapRun.FindAllStringIndex(t, -1) {
			name := t[loc[0]:loc[1]]
			if before := strings.TrimRight(t[:loc[0]], " \t\"“‘("); before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:\n") {
				// a sentence opener: keep it only from its second word on
				if _, rest, ok := strings.Cut(name, " "); ok {
					name = rest
				} else {
					continue
				}
			}
			ok := true
			for _, w := range reWord.FindAllString(name, -1) {
				if lw := strings.ToLower(w); lower[lw] >= upper[lw] || len(lw) < 3 {
					ok = false
				}
			}
			if ok {
				names[name]++
			}
		}
		for _, w := range reLower.FindAllString(t, -1) {
			topics[w]++
		}
	}
	v := &newsVocab{}
	for n := range names {
		v.names = append(v.names, n)
	}
	for w, n := range topics {
		if n >= 3 && n <= 60 {
			v.topics = append(v.topics, w)
		}
	}
	sort.Strings(v.names)
	sort.Strings(v.topics)
	return v
}

// newsWatches makes n watches as a newsroom writes them, from the analyst's vocabulary: an OR of one
// to three names (a name of several words is a phrase); a third of them also require (AND) a topic
// word or a wildcard of its first five letters; one in ten also excludes (NOT) a title word.
func (v *newsVocab) newsWatches(n int, seed uint64) []Watch {
	r := rand.New(rand.NewPCG(seed, 13))
	name := func() string {
		s := v.names[r.IntN(len(v.names))]
		if strings.ContainsAny(s, " -") {
			return `"` + s + `"`
		}
		return s
	}
	topic := func() string {
		w := v.topics[r.IntN(len(v.topics))]
		if r.IntN(3) == 0 {
			return string([]rune(w)[:5]) + "*"
		}
		return w
	}
	ws := make([]Watch, 0, n)
	for len(ws) < n {
		var names []string
		for a := 1 + r.IntN(3); a > 0; a-- {
			names = append(names, name())
		}
		src := "(" + strings.Join(names, " OR ") + ")"
		if r.IntN(3) == 0 {
			src += " AND " + topic()
		}
		if r.IntN(10) == 0 {
			src += " NOT title:" + topic()
		}
		q, err := Parse(src, nil)
		if err != nil {
			panic(fmt.Sprintf("generated query %q: %v", src, err))
		}
		ws = append(ws, Watch{Name: fmt.Sprint("w", len(ws)), Query: q})
	}
	return ws
}

// BenchmarkMatch measures matching over the corpus, with explanations as the pipeline uses them
// (every hit of every matched watch, and the snippets an alert shows) or, in the no-hits cases,
// without. Three kinds of watch sets:
//   - "random": drawn uniformly from the corpus's own vocabulary; at 10,000 watches most words of a
//     document are in some watch and about 27 watches match each document, a stress test;
//   - "rare": names and phrases that occur in under 1% of the documents; at 10,000 watches they
//     still cover most of the corpus's rare words (it is small), and about 26 match each document;
//   - "news": names and topics from other news than the feeds (see newsWatches), as a newsroom
//     writes watches in advance; about 10 of 10,000 match each document.
func BenchmarkMatch(b *testing.B) {
	c := loadBenchCorpus(b)
	var vocab *newsVocab
	for _, bc := range []struct {
		name    string
		watches int
		rare    bool
		news    bool
		explain bool
	}{
		{"watches=100", 100, false, false, true},
		{"watches=10000", 10000, false, false, true},
		// without building Hits and snippets: the cost of deciding which watches match
		{"watches=100/no-hits", 100, false, false, false},
		{"watches=10000/no-hits", 10000, false, false, false},
		{"rare/watches=100", 100, true, false, true},
		{"rare/watches=10000", 10000, true, false, true},
		{"news/watches=100", 100, false, true, true},
		{"news/watches=10000", 10000, false, true, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var ws []Watch
			switch {
			case bc.rare:
				ws = c.rareWatches(bc.watches, 1)
			case bc.news:
				if vocab == nil {
					vocab = loadNewsVocab(b)
				}
				ws = vocab.newsWatches(bc.watches, 1)
			default:
				ws = c.randomWatches(bc.watches, 1)
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
					rs := m.match(&c.docs[i], bc.explain)
					matches += len(rs)
					if bc.explain {
						alertSnippets(rs)
					}
				}
			}
			// The machine is shared: MB/s of process CPU time is steadier than wall-clock MB/s.
			b.ReportMetric(float64(c.bytes)*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "MB/s-cpu")
			b.ReportMetric(float64(matches)/float64(b.N*len(c.docs)), "matches/doc")
			b.ReportMetric(float64(len(c.docs)), "docs")
		})
	}
}

// alertSnippets makes the snippets an alert shows, as the pipeline does (watchers.buildAlert): one
// for each term and field of each result.
func alertSnippets(rs []Result) (n int) {
	for _, r := range rs {
	hits:
		for k, h := range r.Hits {
			for _, prev := range r.Hits[:k] {
				if prev.Term == h.Term && prev.Field == h.Field {
					continue hits
				}
			}
			n += len(h.Snippet())
		}
	}
	return n
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

// BenchmarkFoldScripts measures the tokenizer on articles in other scripts and languages (the
// multilingual pages of the extraction evaluation set). Each is one article read again and again,
// whose branches the processor learns: accented Latin text reads faster here through the general
// tokenizer than through the block scanner, while over the corpus's 331 articles with accents the
// block scanner is a third faster.
func BenchmarkFoldScripts(b *testing.B) {
	dir := filepath.Join(benchFeedsDir(), "..", "..", "extraction", "newspaper4k-testdata", "current", "txt")
	for _, name := range []string{"arabic", "hindi", "chinese", "japanese", "korean", "thai", "latvian", "spanish"} {
		data, err := os.ReadFile(filepath.Join(dir, name+"_article.txt"))
		if err != nil {
			b.Skipf("no %s article: %v", name, err)
		}
		b.Run(name, func(b *testing.B) {
			var tz tokenizer
			b.SetBytes(int64(len(data)))
			text := string(data)
			for range b.N {
				tz.tokenize(text)
			}
		})
	}
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

// BenchmarkWords: the folded words of a news paragraph, as the story clusterer asks for them for
// every article's title, lead and text.
func BenchmarkWords(b *testing.B) {
	text := strings.Repeat("Officials met on Tuesday to discuss the budget. The minister said growth would return next year; analysts weren't sure. ", 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if len(Words(text)) == 0 {
			b.Fatal("no words")
		}
	}
}
