package extraction

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/newshound/newshound/internal/article"
)

// page is one benchmark page: its address, site and fold, raw HTML, and
// what its main text should be: the whole text (truth, scored with
// ScrapingHub's shingles) or snippets it must and must not hold (scored as
// trafilatura does).
type page struct {
	id, url, site string
	fold          int
	lang          string // snippet sets: the language of the snippets
	html          []byte
	truth         string
	with, without []string
}

// dataset is one benchmark's pages and how they are scored.
type dataset struct {
	name     string
	snippets bool // scored by snippet checks rather than shingles
	pages    []page
}

// extractor turns one page into its main text.
type extractor func(html []byte, pageURL string) (string, error)

// system is an extractor under a name.
type system struct {
	name    string
	extract extractor
}

// newshound is article.Extract: the extractor newshound runs.
func newshound(html []byte, pageURL string) (string, error) {
	a, err := article.Extract(bytes.NewReader(html), pageURL)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// plainLibrary is go-trafilatura with its default options, decoding the
// page itself: the baseline newshound's additions must beat.
func plainLibrary(html []byte, pageURL string) (string, error) {
	opts := trafilatura.Options{}
	if u, err := urlParse(pageURL); err == nil {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(html), opts)
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}

// systems are the extractors every benchmark compares, newshound first.
var systems = []system{{"newshound", newshound}, {"go-trafilatura", plainLibrary}}

// Score is precision, recall and F1 over a set of pages.
type Score struct {
	Pages                 int
	Precision, Recall, F1 float64
}

// LangScore is the score of the pages in one language.
type LangScore struct {
	Lang string
	Score
}

// SystemReport is one extractor's figures on one benchmark.
type SystemReport struct {
	System          string
	All             Score
	Folds           [Folds]Score
	Langs           []LangScore // snippet sets only, most pages first
	PagesPerSec     float64     // extraction alone on one core, per second of CPU time
	WallPagesPerSec float64     // the same per second of wall time (lower when the machine is busy)
	PeakHeapMB      float64     // highest live heap seen while extracting, above the loaded pages
	pages           []counts
}

// PageDiff is one page's F1 under newshound and under the plain library.
type PageDiff struct {
	ID, Site  string
	Fold      int
	F1, Plain float64
}

// Report is every system's figures on one benchmark.
type Report struct {
	Dataset string
	Metric  string
	Systems []SystemReport // newshound first, then the plain library
	Pages   []PageDiff     // every page, in the benchmark's order
}

// Below returns the pages on which newshound's F1 is more than by below the
// plain library's.
func (r Report) Below(by float64) []PageDiff {
	var out []PageDiff
	for _, d := range r.Pages {
		if d.F1 < d.Plain-by {
			out = append(out, d)
		}
	}
	return out
}

// Write prints r as a human-readable table.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%s: %d pages, %s; folds by site (FNV-1a of the host mod %d)\n", r.Dataset, len(r.Pages), r.Metric, Folds)
	fmt.Fprintf(w, "  %-15s %-8s %5s %9s %7s %7s\n", "system", "pages", "n", "precision", "recall", "F1")
	for _, s := range r.Systems {
		row := func(what string, sc Score) {
			fmt.Fprintf(w, "  %-15s %-8s %5d %9.4f %7.4f %7.4f\n", s.System, what, sc.Pages, sc.Precision, sc.Recall, sc.F1)
		}
		row("all", s.All)
		for i, f := range s.Folds {
			row(fmt.Sprintf("fold %d", i), f)
		}
	}
	if len(r.Systems) > 0 && len(r.Systems[0].Langs) > 0 {
		fmt.Fprintf(w, "  by language of the snippets (whatlanggo):\n")
		for _, l := range r.Systems[0].Langs {
			fmt.Fprintf(w, "  %-8s %5d", l.Lang, l.Pages)
			for _, s := range r.Systems {
				for _, sl := range s.Langs {
					if sl.Lang == l.Lang {
						fmt.Fprintf(w, "   %s P %.3f R %.3f F1 %.3f", s.System, sl.Precision, sl.Recall, sl.F1)
					}
				}
			}
			fmt.Fprintln(w)
		}
	}
	below := r.Below(0.10)
	fmt.Fprintf(w, "  pages more than 0.10 F1 below the plain library: %d", len(below))
	for _, d := range below {
		fmt.Fprintf(w, " %s(fold %d: %.2f vs %.2f)", d.ID, d.Fold, d.F1, d.Plain)
	}
	fmt.Fprintln(w)
	for _, s := range r.Systems {
		fmt.Fprintf(w, "  %-15s speed %.1f pages/s of CPU time on one core (%.1f of wall time), peak heap %.1f MB\n",
			s.System, s.PagesPerSec, s.WallPagesPerSec, s.PeakHeapMB)
	}
}

// WritePages prints every page's F1 under each system, one line a page.
func (r Report) WritePages(w io.Writer) {
	for _, d := range r.Pages {
		fmt.Fprintf(w, "%s\tfold %d\t%s\t%.3f\t%.3f\t%+.3f\n", r.Dataset, d.Fold, d.ID, d.F1, d.Plain, d.F1-d.Plain)
	}
}

// evaluate runs every system over ds and scores it.
// With CPUProfile set, newshound's timed run is profiled (see profile);
// several tells whether other benchmarks are scored in the same process.
func evaluate(ds dataset, systems []system, several bool) (Report, error) {
	r := Report{Dataset: ds.name, Metric: "ScrapingHub metric (4-gram shingles, P and R averaged over pages)"}
	if ds.snippets {
		r.Metric = "trafilatura metric (snippets found in the white-space-normalised text, counted over all pages)"
	}
	for i, sys := range systems {
		var prof func() (func(), error)
		if i == 0 {
			prof = func() (func(), error) { return profile(ds.name, several) }
		}
		preds, rep, err := run(ds.pages, sys.extract, prof)
		if err != nil {
			return r, err
		}
		rep.System = sys.name
		rep.pages = make([]counts, len(ds.pages))
		for i, p := range ds.pages {
			if ds.snippets {
				rep.pages[i] = checkSnippets(p.with, p.without, preds[i])
			} else {
				rep.pages[i] = compare(p.truth, preds[i])
			}
		}
		aggregate := average
		if ds.snippets {
			aggregate = total
		}
		subset := func(keep func(p page) bool) Score {
			var cs []counts
			for i, p := range ds.pages {
				if keep(p) {
					cs = append(cs, rep.pages[i])
				}
			}
			var s Score
			s.Pages = len(cs)
			s.Precision, s.Recall, s.F1 = aggregate(cs)
			return s
		}
		rep.All = subset(func(page) bool { return true })
		for f := range rep.Folds {
			rep.Folds[f] = subset(func(p page) bool { return p.fold == f })
		}
		if ds.snippets {
			n := map[string]int{}
			for _, p := range ds.pages {
				n[p.lang]++
			}
			for l := range n {
				rep.Langs = append(rep.Langs, LangScore{Lang: l, Score: subset(func(p page) bool { return p.lang == l })})
			}
			sort.Slice(rep.Langs, func(i, j int) bool {
				a, b := rep.Langs[i], rep.Langs[j]
				return a.Pages > b.Pages || a.Pages == b.Pages && a.Lang < b.Lang
			})
		}
		r.Systems = append(r.Systems, rep)
	}
	if len(r.Systems) >= 2 {
		for i, p := range ds.pages {
			r.Pages = append(r.Pages, PageDiff{ID: p.id, Site: p.site, Fold: p.fold,
				F1: r.Systems[0].pages[i].f1(), Plain: r.Systems[1].pages[i].f1()})
		}
	}
	return r, nil
}

// run extracts every page, timing extraction alone with GOMAXPROCS set to
// 1, in CPU time and in wall time, while sampling the live heap. prof, if
// not nil, starts a CPU profile of the timed part and returns its stop.
func run(pages []page, extract extractor, prof func() (func(), error)) ([]string, SystemReport, error) {
	var rep SystemReport
	preds := make([]string, len(pages))
	if len(pages) == 0 {
		return preds, rep, nil
	}
	extract(pages[0].html, pages[0].url) // warm up: first-use initialisation is not per page

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	stopProf := func() {}
	if prof != nil {
		var err error
		if stopProf, err = prof(); err != nil {
			return preds, rep, err
		}
	}
	stop := sampleHeap()
	prev := runtime.GOMAXPROCS(1)
	start, startCPU := time.Now(), cpuTime()
	for i, p := range pages {
		preds[i], _ = extract(p.html, p.url)
	}
	elapsed, elapsedCPU := time.Since(start), cpuTime()-startCPU
	runtime.GOMAXPROCS(prev)
	peak := stop()
	stopProf()

	rep.PeakHeapMB = float64(peak-min(base, peak)) / (1 << 20)
	if elapsed > 0 {
		rep.WallPagesPerSec = float64(len(pages)) / elapsed.Seconds()
	}
	rep.PagesPerSec = rep.WallPagesPerSec
	if elapsedCPU > 0 {
		rep.PagesPerSec = float64(len(pages)) / elapsedCPU.Seconds()
	}
	return preds, rep, nil
}

// Evaluate scores newshound and the plain library on the benchmark in dir,
// whose layout it recognises: ScrapingHub (ground-truth.dev.json),
// trafilatura's evaluation set (evaldata.json) or mozilla/readability's
// test pages (<page>/expected.html.gz). A directory holding none of these
// is searched one level down, and every benchmark found is scored.
func Evaluate(dir string) ([]Report, error) {
	sets, err := loadAll(dir)
	if err != nil {
		return nil, err
	}
	var reps []Report
	for _, ds := range sets {
		r, err := evaluate(ds, systems, len(sets) > 1)
		if err != nil {
			return nil, err
		}
		reps = append(reps, r)
	}
	return reps, nil
}

// loadAll reads the benchmark in dir, or, when dir holds none, every
// benchmark one level down.
func loadAll(dir string) ([]dataset, error) {
	sets, err := load(dir)
	if err != nil {
		return nil, err
	}
	if len(sets) == 0 {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("extraction: %w", err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			more, err := load(filepath.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			sets = append(sets, more...)
		}
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("extraction: no benchmark under %s (want ground-truth.dev.json, evaldata.json or <page>/expected.html.gz)", dir)
	}
	return sets, nil
}

// load reads the benchmark in dir, if dir holds one of the known layouts.
func load(dir string) ([]dataset, error) {
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case exists("ground-truth.dev.json"):
		pages, err := loadScrapinghub(dir)
		return []dataset{{name: "scrapinghub", pages: pages}}, err
	case exists("evaldata.json"):
		pages, err := loadTrafilatura(dir)
		return []dataset{{name: "trafilatura-eval", snippets: true, pages: pages}}, err
	}
	if ps, _ := readabilityPages(dir); len(ps) > 0 {
		pages, err := loadReadability(dir)
		return []dataset{{name: "readability-test-pages", pages: pages}}, err
	}
	return nil, nil
}

// Scrapinghub scores newshound and the plain library on the ScrapingHub
// article-extraction benchmark in dir (html/<id>.html.gz and
// ground-truth.dev.json). A page whose extraction fails counts as an empty
// prediction.
func Scrapinghub(dir string) (Report, error) {
	pages, err := loadScrapinghub(dir)
	if err != nil {
		return Report{}, err
	}
	return evaluate(dataset{name: "scrapinghub", pages: pages}, systems, false)
}

// readGzip returns the decompressed content of a .gz file.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("extraction: %s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("extraction: %s: %w", path, err)
	}
	return b, nil
}

// sampleHeap samples the live heap every few milliseconds until the returned
// function is called; that function returns the highest value seen.
func sampleHeap() (stop func() uint64) {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapAlloc)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
