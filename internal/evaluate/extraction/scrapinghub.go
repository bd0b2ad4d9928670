package extraction

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/newshound/newshound/internal/article"
)

// Report is the main-text extraction score on a benchmark.
type Report struct {
	Pages           int
	Precision       float64 // mean over pages
	Recall          float64 // mean over pages
	F1              float64 // of the two means
	PagesPerSec     float64 // extraction alone on one core, per second of CPU time
	WallPagesPerSec float64 // the same per second of wall time (lower when the machine is busy)
	PeakHeapMB      float64 // highest live heap seen while extracting, above the loaded pages
}

// Write prints r as human-readable lines.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "pages:      %d\n", r.Pages)
	fmt.Fprintf(w, "precision:  %.4f\n", r.Precision)
	fmt.Fprintf(w, "recall:     %.4f\n", r.Recall)
	fmt.Fprintf(w, "F1:         %.4f\n", r.F1)
	fmt.Fprintf(w, "speed:      %.1f pages/s of CPU time on one core (%.1f pages/s of wall time)\n", r.PagesPerSec, r.WallPagesPerSec)
	fmt.Fprintf(w, "peak heap:  %.1f MB\n", r.PeakHeapMB)
}

// page is one benchmark page: its address, raw HTML and expected text.
type page struct {
	id, url string
	html    []byte
	truth   string
}

// extractor turns one page into its main text.
type extractor func(html []byte, pageURL string) (string, error)

// Scrapinghub scores article.Extract on the ScrapingHub article-extraction
// benchmark in dir (html/<id>.html.gz and ground-truth.dev.json). A page
// whose extraction fails counts as an empty prediction. All pages are read
// and decompressed first; then extraction alone is timed, with GOMAXPROCS
// set to 1, in CPU time and in wall time, while the live heap is sampled.
func Scrapinghub(dir string) (Report, error) {
	return scrapinghub(dir, func(html []byte, pageURL string) (string, error) {
		a, err := article.Extract(bytes.NewReader(html), pageURL)
		if err != nil {
			return "", err
		}
		return a.Text, nil
	})
}

func scrapinghub(dir string, extract extractor) (Report, error) {
	pages, err := loadScrapinghub(dir)
	if err != nil {
		return Report{}, err
	}
	preds := make([]string, len(pages))
	extract(pages[0].html, pages[0].url) // warm up: first-use initialisation is not per page

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	stop := sampleHeap()
	prev := runtime.GOMAXPROCS(1)
	start, startCPU := time.Now(), cpuTime()
	for i, p := range pages {
		preds[i], _ = extract(p.html, p.url)
	}
	elapsed, elapsedCPU := time.Since(start), cpuTime()-startCPU
	runtime.GOMAXPROCS(prev)
	peak := stop()

	scores := make([]counts, len(pages))
	for i, p := range pages {
		scores[i] = compare(p.truth, preds[i])
	}
	r := Report{Pages: len(pages), PeakHeapMB: float64(peak-min(base, peak)) / (1 << 20)}
	r.Precision, r.Recall, r.F1 = average(scores)
	if elapsed > 0 {
		r.WallPagesPerSec = float64(len(pages)) / elapsed.Seconds()
	}
	r.PagesPerSec = r.WallPagesPerSec
	if elapsedCPU > 0 {
		r.PagesPerSec = float64(len(pages)) / elapsedCPU.Seconds()
	}
	return r, nil
}

// loadScrapinghub reads the benchmark's ground truth and every page it names,
// in a stable order.
func loadScrapinghub(dir string) ([]page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.dev.json"))
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("extraction: ground truth: %w", err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("extraction: no pages in %s", dir)
	}
	pages := make([]page, 0, len(truth))
	for id, t := range truth {
		html, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: id, url: t.URL, html: html, truth: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
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
