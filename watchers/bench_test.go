package watchers

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/store"
)

// benchFeeds serves n feeds of 20 items each. While changing, every request
// for a feed of a new generation gets 20 new items and a new ETag; otherwise
// conditional requests get 304.
type benchFeeds struct {
	generation atomic.Int64
	requests   atomic.Int64
}

func (bf *benchFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	bf.requests.Add(1)
	gen := strconv.FormatInt(bf.generation.Load(), 10)
	etag := `"g` + gen + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	feed := strings.TrimPrefix(r.URL.Path, "/")
	w.Header().Set("ETag", etag)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
	now := time.Now().UTC().Format(time.RFC1123Z)
	for i := range benchItems {
		fmt.Fprintf(&b, `<item><title>Story %s-%s-%d about the economy and the weather</title><link>https://bench.example/%s/%s/%d</link><pubDate>%s</pubDate><description>&lt;p&gt;Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed %s.&lt;/p&gt;</description></item>`,
			feed, gen, i, feed, gen, i, now, i, feed)
	}
	b.WriteString(`</channel></rss>`)
	io.WriteString(w, b.String())
}

const (
	benchFeedCount = 1000 // feeds of a cycle
	benchItems     = 20   // items of a feed document
)

// benchKeywords are the watches of the benchmarks: one item in twenty
// matches one of them ("Story 7").
var benchKeywords = []string{"Putin", "election interference", "flood", "Story 7", "tariff", "strike", "wildfire", "ceasefire", "merger", "recall"}

// benchClient is the HTTP client of both benchmarks.
func benchClient() *http.Client {
	client := httpclient.New(httpclient.Options{Timeout: 30 * time.Second, AllowPrivate: true, AllowPrivateRedirects: true})
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	return client
}

// peakMemory samples the heap in use until stopped; the process's peak RSS
// is read from the kernel at the end.
type peakMemory struct {
	heap atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func startPeakMemory() *peakMemory {
	p := &peakMemory{stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > p.heap.Load() {
				p.heap.Store(ms.HeapInuse)
			}
			select {
			case <-p.stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return p
}

// report stops sampling and reports the peak heap and the process's peak
// RSS (VmHWM: the whole test process, feed server included — run one
// benchmark per process to compare them).
func (p *peakMemory) report(b *testing.B) {
	close(p.stop)
	p.wg.Wait()
	b.ReportMetric(float64(p.heap.Load())/(1<<20), "peak-heap-MB")
	if kb := vmHWM(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
	}
}

// vmHWM is the process's peak resident set in kB, 0 where /proc is missing.
func vmHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// BenchmarkPollCycle measures one poll cycle of 1,000 feeds × 20 items from
// a local server, with 10 keyword watches: "changed" gives every feed 20 new
// items each cycle (recorded, matched, alerts queued) of which one in twenty
// matches a watch, as in a newsroom; "changed-allmatch" makes every item
// match four watches (the worst case: four alerts per article); "unchanged"
// answers every feed with 304. It reports items/s (changed) or feeds/s, the
// peak heap and the process's peak RSS. BenchmarkBareLoop is the baseline.
func BenchmarkPollCycle(b *testing.B) {
	for _, mode := range []string{"changed", "changed-allmatch", "unchanged"} {
		b.Run(mode, func(b *testing.B) {
			bf := &benchFeeds{}
			srv := httptest.NewServer(bf)
			defer srv.Close()
			var yaml strings.Builder
			yaml.WriteString("max_age: 48h\narticles: { fetch: false }\nfeeds:\n")
			for i := range benchFeedCount {
				fmt.Fprintf(&yaml, "  - { name: feed%04d, url: \"%s/f%04d\" }\n", i, srv.URL, i)
			}
			yaml.WriteString("watches:\n")
			keywords := benchKeywords
			if mode == "changed-allmatch" {
				keywords = append([]string{"budget", "minister", "exports", "weather"}, keywords[4:]...)
			}
			for i, kw := range keywords {
				fmt.Fprintf(&yaml, "  - { name: w%d, keywords: [%q] }\n", i, kw)
			}
			dir := b.TempDir()
			cfg, err := config.Parse(filepath.Join(dir, "b.yaml"), []byte(yaml.String()), config.Options{})
			if err != nil {
				b.Fatal(err)
			}
			st, err := store.Open(context.Background(), filepath.Join(dir, "b.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			client := benchClient()
			w, err := New(Options{Config: cfg, Store: st, FeedClient: client, ArticleClient: client, Stdout: io.Discard})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			// The first poll of a feed records without alerting; the cycles
			// measured are later ones.
			if rep := w.PollAll(ctx, true); rep.Polled != benchFeedCount {
				b.Fatalf("warm-up polled %d feeds, failed %v", rep.Polled, rep.Failed)
			}
			if _, err := w.DeliverDue(ctx); err != nil {
				b.Fatal(err)
			}
			// The warm-up's full-text entries are written now, not during
			// the first cycle measured; each cycle writes its own.
			if err := st.FlushIndex(ctx); err != nil {
				b.Fatal(err)
			}
			mem := startPeakMemory()
			b.ReportAllocs()
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for b.Loop() {
				if mode != "unchanged" {
					bf.generation.Add(1)
				}
				var rep Report
				trace.WithRegion(ctx, "PollAll", func() { rep = w.PollAll(ctx, true) })
				if rep.Polled != benchFeedCount {
					b.Fatalf("polled %d feeds, failed %v", rep.Polled, rep.Failed)
				}
				if mode != "unchanged" && rep.New != benchFeedCount*benchItems {
					b.Fatalf("%d new items, want %d", rep.New, benchFeedCount*benchItems)
				}
				var err error
				trace.WithRegion(ctx, "DeliverDue", func() { _, err = w.DeliverDue(ctx) })
				if err != nil {
					b.Fatal(err)
				}
				trace.WithRegion(ctx, "FlushIndex", func() { err = st.FlushIndex(ctx) })
				if err != nil {
					b.Fatal(err)
				}
			}
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.StopTimer()
			reportRate(b, mode != "unchanged", elapsed, cpu)
			mem.report(b)
		})
	}
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportRate reports the cycle's rate by the clock and its CPU time (the
// feed server's included), which a busy machine disturbs less.
func reportRate(b *testing.B, changed bool, elapsed, cpu time.Duration) {
	b.ReportMetric(float64(benchFeedCount*b.N)/elapsed.Seconds(), "feeds/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	if changed {
		b.ReportMetric(float64(benchFeedCount*benchItems*b.N)/elapsed.Seconds(), "items/s")
	}
}

// BenchmarkBareLoop is the baseline of BenchmarkPollCycle: the least a
// program doing the same I/O does — the same server and feeds, the same
// HTTP client and concurrency, a conditional GET with the ETag it keeps in
// a map, gofeed's parse, and a case-insensitive substring check of the ten
// keywords over title and description; no store, no dedup, no alerts.
func BenchmarkBareLoop(b *testing.B) {
	for _, mode := range []string{"changed", "unchanged"} {
		b.Run(mode, func(b *testing.B) {
			bf := &benchFeeds{}
			srv := httptest.NewServer(bf)
			defer srv.Close()
			client := benchClient()
			urls := make([]string, benchFeedCount)
			for i := range urls {
				urls[i] = fmt.Sprintf("%s/f%04d", srv.URL, i)
			}
			keywords := make([]string, len(benchKeywords))
			for i, kw := range benchKeywords {
				keywords[i] = strings.ToLower(kw)
			}
			var mu sync.Mutex
			etags := map[string]string{}
			var hits atomic.Int64
			poll := func(ctx context.Context, u string) (int, error) {
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				if err != nil {
					return 0, err
				}
				mu.Lock()
				if e := etags[u]; e != "" {
					req.Header.Set("If-None-Match", e)
				}
				mu.Unlock()
				resp, err := client.Do(req)
				if err != nil {
					return 0, err
				}
				defer resp.Body.Close()
				if resp.StatusCode == http.StatusNotModified {
					return 0, nil
				}
				body, err := io.ReadAll(resp.Body)
				if err != nil {
					return 0, err
				}
				f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
				if err != nil {
					return 0, err
				}
				mu.Lock()
				etags[u] = resp.Header.Get("ETag")
				mu.Unlock()
				for _, it := range f.Items {
					text := strings.ToLower(it.Title + "\n" + it.Description)
					for _, kw := range keywords {
						if strings.Contains(text, kw) {
							hits.Add(1)
						}
					}
				}
				return len(f.Items), nil
			}
			cycle := func() int {
				ctx := context.Background()
				sem := make(chan struct{}, config.DefaultConcurrency)
				var wg sync.WaitGroup
				var items atomic.Int64
				for _, u := range urls {
					sem <- struct{}{}
					wg.Add(1)
					go func() {
						defer func() { <-sem; wg.Done() }()
						n, err := poll(ctx, u)
						if err != nil {
							b.Error(err)
						}
						items.Add(int64(n))
					}()
				}
				wg.Wait()
				return int(items.Load())
			}
			cycle() // as BenchmarkPollCycle's warm-up: ETags known, connections open
			mem := startPeakMemory()
			b.ReportAllocs()
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for b.Loop() {
				if mode != "unchanged" {
					bf.generation.Add(1)
				}
				n := cycle()
				if want := benchFeedCount * benchItems; mode != "unchanged" && n != want {
					b.Fatalf("%d items, want %d", n, want)
				}
			}
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.StopTimer()
			if mode != "unchanged" && hits.Load() == 0 {
				b.Fatal("no keyword matched")
			}
			reportRate(b, mode != "unchanged", elapsed, cpu)
			mem.report(b)
		})
	}
}
