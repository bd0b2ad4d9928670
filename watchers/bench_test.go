package watchers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
	for i := range 20 {
		fmt.Fprintf(&b, `<item><title>Story %s-%s-%d about the economy and the weather</title><link>https://bench.example/%s/%s/%d</link><pubDate>%s</pubDate><description>&lt;p&gt;Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed %s.&lt;/p&gt;</description></item>`,
			feed, gen, i, feed, gen, i, now, i, feed)
	}
	b.WriteString(`</channel></rss>`)
	io.WriteString(w, b.String())
}

// BenchmarkPollCycle measures one poll cycle of 1,000 feeds × 20 items from
// a local server, with 10 keyword watches: "changed" gives every feed 20 new
// items each cycle (recorded, matched, alerts queued) of which one in twenty
// matches a watch, as in a newsroom; "changed-allmatch" makes every item
// match four watches (the worst case: four alerts per article); "unchanged"
// answers every feed with 304. It reports feeds/s and the peak heap.
func BenchmarkPollCycle(b *testing.B) {
	const nFeeds = 1000
	for _, mode := range []string{"changed", "changed-allmatch", "unchanged"} {
		b.Run(mode, func(b *testing.B) {
			bf := &benchFeeds{}
			srv := httptest.NewServer(bf)
			defer srv.Close()
			var yaml strings.Builder
			yaml.WriteString("max_age: 48h\narticles: { fetch: false }\nfeeds:\n")
			for i := range nFeeds {
				fmt.Fprintf(&yaml, "  - { name: feed%04d, url: \"%s/f%04d\" }\n", i, srv.URL, i)
			}
			yaml.WriteString("watches:\n")
			keywords := []string{"Putin", "election interference", "flood", "Story 7", "tariff", "strike", "wildfire", "ceasefire", "merger", "recall"}
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
			client := httpclient.New(httpclient.Options{Timeout: 30 * time.Second, AllowPrivate: true})
			client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
			w, err := New(Options{Config: cfg, Store: st, FeedClient: client, ArticleClient: client, Stdout: io.Discard})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			// The first poll of a feed records without alerting; the cycles
			// measured are later ones.
			if rep := w.PollAll(ctx, true); rep.Polled != nFeeds {
				b.Fatalf("warm-up polled %d feeds, failed %v", rep.Polled, rep.Failed)
			}
			if _, err := w.DeliverDue(ctx); err != nil {
				b.Fatal(err)
			}
			var peak atomic.Uint64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				var ms runtime.MemStats
				for {
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
					}
				}
			}()
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				if mode != "unchanged" {
					bf.generation.Add(1)
				}
				rep := w.PollAll(ctx, true)
				if rep.Polled != nFeeds {
					b.Fatalf("polled %d feeds, failed %v", rep.Polled, rep.Failed)
				}
				if mode != "unchanged" && rep.New != nFeeds*20 {
					b.Fatalf("%d new items, want %d", rep.New, nFeeds*20)
				}
				if _, err := w.DeliverDue(ctx); err != nil {
					b.Fatal(err)
				}
			}
			elapsed := time.Since(start)
			b.StopTimer()
			close(stop)
			wg.Wait()
			b.ReportMetric(float64(nFeeds*b.N)/elapsed.Seconds(), "feeds/s")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		})
	}
}
