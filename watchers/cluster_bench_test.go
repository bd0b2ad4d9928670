package watchers

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/pgtest"
	"github.com/newshound/newshound/internal/store"
)

// clusterBenchFeeds serves feeds of 10 items of which every fifth changes at
// every request (a new item, a new ETag) and the others answer conditional
// requests with 304.
type clusterBenchFeeds struct {
	requests atomic.Int64
	changed  atomic.Int64
	mu       sync.Mutex
	gen      map[int]int
}

func (f *clusterBenchFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
	f.requests.Add(1)
	f.mu.Lock()
	if n%5 == 0 {
		f.gen[n]++
	}
	gen := f.gen[n]
	f.mu.Unlock()
	etag := fmt.Sprintf(`"g%d"`, gen)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f.changed.Add(1)
	w.Header().Set("ETag", etag)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
	now := time.Now().UTC().Format(time.RFC1123Z)
	for i := gen; i > gen-10; i-- {
		fmt.Fprintf(&b, `<item><title>Story %d-%d about the economy and the weather</title><link>https://bench.example/%d/%d</link><pubDate>%s</pubDate><description>Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Story %d of feed %d.</description></item>`,
			n, i, n, i, now, i, n)
	}
	b.WriteString(`</channel></rss>`)
	io.WriteString(w, b.String())
}

// TestClusterThroughput measures polling on PostgreSQL with 1, 2 and 3
// instances sharing the feeds by leases, with one instance alone on
// PostgreSQL (no leases: the lease overhead) and with SQLite, in the same
// run: NEWSHOUND_BENCH_CLUSTER=N feeds (10000 for the README's figures).
// Each configuration polls every feed once to start (not measured), then
// three rounds are measured: feeds polled per second, the database's round
// trips per poll, and the lease queries among them. The instances run in
// this one process (as they would on one machine: they share its cores).
func TestClusterThroughput(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NEWSHOUND_BENCH_CLUSTER"))
	if n <= 0 {
		t.Skip("a measurement: set NEWSHOUND_BENCH_CLUSTER to the number of feeds (10000 for the README's figures)")
	}
	feeds := &clusterBenchFeeds{gen: map[int]int{}}
	srv := httptest.NewServer(feeds)
	defer srv.Close()
	var yaml strings.Builder
	yaml.WriteString("schedule: \"@every 5m\"\narticles: { fetch: false }\nfeeds:\n")
	for i := range n {
		fmt.Fprintf(&yaml, "  - { name: feed%05d, url: \"%s/%d\" }\n", i, srv.URL, i)
	}
	yaml.WriteString("watches:\n")
	for i, k := range benchKeywords {
		fmt.Fprintf(&yaml, "  - { name: w%d, keywords: [%q] }\n", i, k)
	}
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "b.yaml"), []byte(yaml.String()), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		name            string
		instances       int
		polls           int64
		took            time.Duration
		trips, leaseOps int64
		changedPerRound int64
	}
	var results []result
	run := func(name string, instances int, leases bool, open func() (*store.Store, error)) {
		ctx := context.Background()
		var ws []*Watcher
		var stores []*store.Store
		for i := range instances {
			st, err := open()
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			w, err := New(Options{Config: cfg, Store: st, FeedClient: benchClient(), ArticleClient: benchClient()})
			if err != nil {
				t.Fatal(err)
			}
			if leases {
				l, err := st.Leases(fmt.Sprintf("bench-%d", i))
				if err != nil {
					t.Fatal(err)
				}
				w.ShareWork(l)
			}
			ws, stores = append(ws, w), append(stores, st)
		}
		if leases {
			// Rebalance until every instance holds its share.
			share := int(math.Ceil(float64(n) / float64(instances)))
			for range 10 {
				for _, w := range ws {
					w.rebalance(ctx, nil)
				}
				held, fair := 0, true
				for _, w := range ws {
					h := len(w.cluster.heldFeeds())
					held += h
					fair = fair && h <= share
				}
				if held == n && fair {
					break
				}
			}
		}
		byName := map[string]config.Feed{}
		for _, f := range cfg.Feeds {
			byName[f.Name] = f
		}
		round := func(slot int64) {
			var wg sync.WaitGroup
			for _, w := range ws {
				mine := cfg.Feeds
				if leases {
					mine = nil
					for _, name := range w.cluster.heldFeeds() {
						mine = append(mine, byName[name])
					}
				}
				for _, f := range mine {
					wg.Add(1)
					go func() {
						defer wg.Done()
						turn, err := w.takeTurn(ctx)
						if err != nil {
							t.Error(err)
							return
						}
						defer turn.release()
						if leases && !w.advance(ctx, store.LeaseFeed, f.Name, time.Unix(slot, 0)) {
							t.Errorf("%s: slot %d of %s refused", name, slot, f.Name)
							return
						}
						if _, err := w.pollFeed(ctx, f, true, time.Time{}, turn); err != nil {
							t.Errorf("%s: %v", name, err)
						}
					}()
				}
			}
			wg.Wait()
			for _, st := range stores {
				st.Sync(ctx)
			}
		}
		if leases {
			// The instances' heartbeats and rebalances, as in Run.
			for _, w := range ws {
				w.rebalance(ctx, nil) // renewed now, not in a moment
			}
			hctx, stop := context.WithCancel(ctx)
			var hb sync.WaitGroup
			for _, w := range ws {
				hb.Add(1)
				go func() { defer hb.Done(); w.runCluster(hctx, nil) }()
			}
			defer func() { stop(); hb.Wait() }()
		}
		round(1) // the first polls: every document read whole
		for _, st := range stores {
			// After the bulk load, statistics for the planner, as
			// autovacuum would gather them in time.
			if err := st.Analyze(ctx); err != nil {
				t.Fatal(err)
			}
		}
		trips := func() (sum int64) {
			for _, st := range stores {
				sum += st.RoundTrips()
			}
			return sum
		}
		leaseOps := func() (sum int64) {
			for _, w := range ws {
				for _, op := range []string{"advance", "heartbeat", "claim", "release", "held", "ensure"} {
					sum += int64(w.metrics.LeaseOps.WithLabelValues(op).Value())
				}
			}
			return sum
		}
		req0, ch0, trips0, ops0 := feeds.requests.Load(), feeds.changed.Load(), trips(), leaseOps()
		start := time.Now()
		const rounds = 3
		for r := range rounds {
			round(int64(r + 2))
		}
		took := time.Since(start)
		results = append(results, result{name: name, instances: instances, polls: feeds.requests.Load() - req0, took: took,
			trips: trips() - trips0, leaseOps: leaseOps() - ops0, changedPerRound: (feeds.changed.Load() - ch0) / rounds})
	}
	pg := func() func() (*store.Store, error) {
		url := pgtest.URL(t)
		return func() (*store.Store, error) { return store.OpenPostgres(context.Background(), url) }
	}
	dir := t.TempDir()
	run("SQLite", 1, false, func() (*store.Store, error) { return store.Open(context.Background(), filepath.Join(dir, "bench.db")) })
	run("PostgreSQL, no leases", 1, false, pg())
	for i := 1; i <= 3; i++ {
		run(fmt.Sprintf("PostgreSQL, %d instance(s), leases", i), i, true, pg())
	}
	t.Logf("%d feeds, 3 rounds each after a first poll; a fifth of the feeds changed at every poll (a new item), the rest answered 304", n)
	t.Logf("%-36s %9s %10s %13s %14s %11s", "configuration", "polls/s", "vs SQLite", "round trips", "lease queries", "changed/round")
	base := float64(results[0].polls) / results[0].took.Seconds()
	for _, r := range results {
		rate := float64(r.polls) / r.took.Seconds()
		t.Logf("%-36s %9.0f %9.2fx %8.2f/poll %9.2f/poll %11d", r.name, rate, rate/base,
			float64(r.trips)/float64(r.polls), float64(r.leaseOps)/float64(r.polls), r.changedPerRound)
	}
}
