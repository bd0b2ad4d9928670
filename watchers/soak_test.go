package watchers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/discord"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// durationCollector is a slog handler that keeps the duration of every
// "feed polled" record.
type durationCollector struct {
	mu        sync.Mutex
	durations []time.Duration
}

func (d *durationCollector) Enabled(context.Context, slog.Level) bool { return true }
func (d *durationCollector) WithAttrs([]slog.Attr) slog.Handler       { return d }
func (d *durationCollector) WithGroup(string) slog.Handler            { return d }
func (d *durationCollector) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "feed polled" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "duration" {
			d.mu.Lock()
			d.durations = append(d.durations, a.Value.Duration())
			d.mu.Unlock()
		}
		return true
	})
	return nil
}

// BenchmarkSoak runs the daemon over 2,000 feeds on a one-minute schedule
// from a local server for NEWSHOUND_SOAK (e.g. 10m) with a steady trickle of
// new items (one matching item every 2 s), delivering to the fake Discord. It
// reports polls/s, the p99 poll latency, heap and goroutines over time, the
// database's growth and the delay from an item appearing to its message
// existing. Run: NEWSHOUND_SOAK=10m go test -run XXX -bench Soak -benchtime 1x ./watchers
func BenchmarkSoak(b *testing.B) {
	length, err := time.ParseDuration(os.Getenv("NEWSHOUND_SOAK"))
	if err != nil {
		b.Skip("set NEWSHOUND_SOAK to a duration such as 10m")
	}
	const nFeeds = 2000
	const channel = "123456789012345678"
	var (
		mu       sync.Mutex
		appeared = map[string]time.Time{} // item link → when it appeared
		items    = map[int][]int{}        // feed → item numbers
	)
	fakeDiscord := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{channel}})
	defer fakeDiscord.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/f"))
		mu.Lock()
		its := append([]int(nil), items[f]...)
		mu.Unlock()
		etag := fmt.Sprintf(`"%d"`, len(its))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		var sb strings.Builder
		sb.WriteString(`<rss version="2.0"><channel><title>Soak</title>`)
		for _, n := range its {
			fmt.Fprintf(&sb, `<item><title>Putin item %d</title><link>https://soak.example/%d</link><pubDate>%s</pubDate><description>Putin said "we will see," he told reporters.</description></item>`,
				n, n, time.Now().UTC().Format(time.RFC1123Z))
		}
		sb.WriteString(`</channel></rss>`)
		io.WriteString(w, sb.String())
	}))
	defer srv.Close()

	dir := b.TempDir()
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "schedule: \"@every 1m\"\narticles: { fetch: false }\ndiscord: { token: tok, api_base: %q }\nchannels:\n  newsroom: { discord: %q, max_per_hour: 1000 }\nwatches:\n  - { name: russia, keywords: [Putin], channels: [newsroom] }\nfeeds:\n", fakeDiscord.URL(), channel)
	for i := range nFeeds {
		fmt.Fprintf(&yaml, "  - { name: f%04d, url: \"%s/f%d\" }\n", i, srv.URL, i)
	}
	cfg, err := config.Parse(filepath.Join(dir, "soak.yaml"), []byte(yaml.String()), config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	dbPath := filepath.Join(dir, "soak.db")
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	bt, err := discord.New(discord.Options{Token: "tok", APIBase: fakeDiscord.URL(), Channels: map[string]discord.Channel{"newsroom": {DiscordID: channel}}})
	if err != nil {
		b.Fatal(err)
	}
	durations := &durationCollector{}
	client := httpclient.New(httpclient.Options{Timeout: 20 * time.Second, AllowPrivate: true})
	w, err := watchers.New(watchers.Options{Config: cfg, Store: st, Logger: slog.New(durations), FeedClient: client,
		ArticleClient: client, Notifier: bt, Stdout: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	// The first poll of each feed (empty) happens before the clock starts.
	w.PollAll(context.Background(), true)
	durations.mu.Lock()
	durations.durations = nil
	durations.mu.Unlock()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx, 30*time.Second); close(done) }()

	start := time.Now()
	next := 0
	trickle := time.NewTicker(2 * time.Second)
	sample := time.NewTicker(length / 10)
	var samples []string
	dbSize := func() int64 {
		var total int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(dbPath + suffix); err == nil {
				total += fi.Size()
			}
		}
		return total
	}
	size0 := dbSize()
	for time.Since(start) < length {
		select {
		case <-trickle.C:
			mu.Lock()
			f := next % nFeeds
			items[f] = append(items[f], next)
			appeared[fmt.Sprintf("Putin item %d", next)] = time.Now()
			next++
			mu.Unlock()
		case <-sample.C:
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			samples = append(samples, fmt.Sprintf("t=%s heap=%.0fMB goroutines=%d db=%.1fMB",
				time.Since(start).Round(time.Second), float64(ms.HeapInuse)/(1<<20), runtime.NumGoroutine(), float64(dbSize())/(1<<20)))
		}
	}
	elapsed := time.Since(start)
	durations.mu.Lock()
	pollsInWindow := len(durations.durations)
	durations.mu.Unlock()
	time.Sleep(70 * time.Second) // let the last items be polled and delivered
	cancel()
	<-done

	var delays []time.Duration
	for _, m := range fakeDiscord.Messages(channel) {
		if t, ok := appeared[m.Embeds[0].Title]; ok {
			delays = append(delays, m.Timestamp.Sub(t))
		}
	}
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	durations.mu.Lock()
	polls := append([]time.Duration(nil), durations.durations...)
	durations.mu.Unlock()
	sort.Slice(polls, func(i, j int) bool { return polls[i] < polls[j] })
	pct := func(ds []time.Duration, p float64) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return ds[min(len(ds)-1, int(float64(len(ds))*p))]
	}
	b.Logf("%d polls in %s; %d items appeared, %d messages", pollsInWindow, elapsed.Round(time.Second), next, len(delays))
	b.Logf("poll latency p50 %s p99 %s; item→message delay p50 %s p99 %s max %s; database grew %.1f MB",
		pct(polls, 0.5), pct(polls, 0.99), pct(delays, 0.5), pct(delays, 0.99), pct(delays, 1), float64(dbSize()-size0)/(1<<20))
	for _, s := range samples {
		b.Log(s)
	}
	b.ReportMetric(float64(pollsInWindow)/elapsed.Seconds(), "polls/s")
	b.ReportMetric(float64(pct(polls, 0.99).Milliseconds()), "p99-poll-ms")
	b.ReportMetric(pct(delays, 0.99).Seconds(), "p99-delay-s")
}
