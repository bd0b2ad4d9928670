package metrics

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// scrape GETs /metrics from srv and parses the text format: sample lines
// (name{labels} → value), checking that every sample follows its family's
// # HELP and # TYPE lines.
func scrape(t *testing.T, srv *httptest.Server, gz bool) (samples map[string]float64, types map[string]string) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+"/metrics", nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := srv.Client().Transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var body io.Reader = resp.Body
	if gz != (resp.Header.Get("Content-Encoding") == "gzip") {
		t.Fatalf("asked gzip %v, got Content-Encoding %q", gz, resp.Header.Get("Content-Encoding"))
	}
	if gz {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	samples, types = map[string]float64{}, map[string]string{}
	helped := map[string]bool{}
	sc := bufio.NewScanner(body)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# HELP "); ok {
			name, _, _ := strings.Cut(rest, " ")
			helped[name] = true
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			if !helped[name] {
				t.Errorf("TYPE before HELP: %q", line)
			}
			types[name] = typ
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			t.Fatalf("bad line %q", line)
		}
		key, val := line[:i], line[i+1:]
		name, _, _ := strings.Cut(key, "{")
		base := name
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(name, suf); ok && types[b] != "" {
				base = b
			}
		}
		if types[base] == "" {
			t.Errorf("sample before its TYPE: %q", line)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			t.Fatalf("value in %q: %v", line, err)
		}
		if _, dup := samples[key]; dup {
			t.Errorf("sample %s twice", key)
		}
		samples[key] = v
	}
	return samples, types
}

func TestHandlerServesWhatMoves(t *testing.T) {
	reg := NewRegistry()
	polls := NewCounterVec(Opts{Name: "t_polls_total", Help: "Polls."}, []string{"feed", "outcome"})
	seen := NewCounter(Opts{Name: "t_seen_total", Help: "Seen."})
	paused := NewGaugeVec(Opts{Name: "t_paused", Help: "Paused."}, []string{"destination"})
	share := NewGauge(Opts{Name: "t_share", Help: "Share."})
	dur := NewHistogram(HistogramOpts{Name: "t_seconds", Help: "Durations.", Buckets: ExponentialBuckets(0.01, 2, 3)})
	trips := 0
	reg.MustRegister(polls, seen, paused, share, dur,
		NewCounterFunc(Opts{Name: "t_trips_total", Help: "Trips."}, func() float64 { return float64(trips) }),
		CollectorFunc(func(g *Gathering) {
			g.Add("t_depth", "Depth.", TypeGauge, Metric{Value: float64(trips * 2)})
		}))
	srv := httptest.NewServer(reg.Handler())
	defer srv.Close()

	s, types := scrape(t, srv, false)
	if _, ok := s[`t_polls_total{feed="a",outcome="ok"}`]; ok || types["t_polls_total"] != "" {
		t.Errorf("an unused vector is reported: %v", types)
	}
	if s["t_seen_total"] != 0 || s["t_trips_total"] != 0 || s["t_depth"] != 0 || s[`t_seconds_bucket{le="+Inf"}`] != 0 {
		t.Errorf("fresh values: %v", s)
	}
	for _, typ := range []string{"t_seen_total counter", "t_share gauge", "t_seconds histogram", "t_trips_total counter", "t_depth gauge"} {
		name, want, _ := strings.Cut(typ, " ")
		if types[name] != want {
			t.Errorf("TYPE of %s = %q, want %q", name, types[name], want)
		}
	}

	polls.WithLabelValues("a", "ok").Inc()
	polls.WithLabelValues("a", "ok").Inc()
	polls.WithLabelValues(`quote " and \ back`, "error").Add(3)
	seen.Add(20)
	paused.WithLabelValues("ops").Set(1)
	share.Set(0.5)
	dur.Observe(0.005) // first bucket
	dur.Observe(0.02)  // le=0.02 exactly
	dur.Observe(1)     // only +Inf
	trips = 7
	for _, gz := range []bool{false, true} {
		s, _ = scrape(t, srv, gz)
		want := map[string]float64{
			`t_polls_total{feed="a",outcome="ok"}`:                       2,
			`t_polls_total{feed="quote \" and \\ back",outcome="error"}`: 3,
			"t_seen_total":                20,
			`t_paused{destination="ops"}`: 1,
			"t_share":                     0.5,
			`t_seconds_bucket{le="0.01"}`: 1,
			`t_seconds_bucket{le="0.02"}`: 2,
			`t_seconds_bucket{le="0.04"}`: 2,
			`t_seconds_bucket{le="+Inf"}`: 3,
			"t_seconds_sum":               1.025,
			"t_seconds_count":             3,
			"t_trips_total":               7,
			"t_depth":                     14,
		}
		for k, v := range want {
			if got, ok := s[k]; !ok || got != v {
				t.Errorf("gzip %v: %s = %v (reported %v), want %v", gz, k, got, ok, v)
			}
		}
	}
	if v, ok := reg.Find("t_polls_total", "a", "ok"); !ok || v != 2 {
		t.Errorf("Find = %v, %v", v, ok)
	}
}

func TestTextFormat(t *testing.T) {
	c := NewCounterVec(Opts{Name: "x_total", Help: "A \\ back\nslash."}, []string{"feed"})
	c.WithLabelValues("zeta").Inc()
	c.WithLabelValues("Alpha").Add(1234567)
	c.WithLabelValues("a\nb").Inc()
	s := NewRegistry()
	s.MustRegister(c, CollectorFunc(func(g *Gathering) {
		g.Add("q", "Q.", TypeSummary, Metric{Quantiles: []float64{0, 0.5, 1}, QValues: []float64{0.001, 0.002, 0.25}, Sum: 1.5, Count: 4})
	}))
	fams, err := s.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteText(&b, fams); err != nil {
		t.Fatal(err)
	}
	want := `# HELP q Q.
# TYPE q summary
q{quantile="0"} 0.001
q{quantile="0.5"} 0.002
q{quantile="1"} 0.25
q_sum 1.5
q_count 4
# HELP x_total A \\ back\nslash.
# TYPE x_total counter
x_total{feed="Alpha"} 1.234567e+06
x_total{feed="a\nb"} 1
x_total{feed="zeta"} 1
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestInconsistentMetricIsAnError(t *testing.T) {
	reg := NewRegistry()
	reg.MustRegister(NewGauge(Opts{Name: "dup", Help: "One."}), NewCounter(Opts{Name: "dup", Help: "One."}))
	srv := httptest.NewServer(reg.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(b), "dup") {
		t.Errorf("status %d: %s", resp.StatusCode, b)
	}
}

func TestWrongLabelCountPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	NewCounterVec(Opts{Name: "v_total"}, []string{"a", "b"}).WithLabelValues("only one")
}

// TestConcurrentUpdatesAndScrapes counts from many goroutines while
// /metrics is scraped (run with -race): nothing is lost.
func TestConcurrentUpdatesAndScrapes(t *testing.T) {
	reg := NewRegistry()
	c := NewCounterVec(Opts{Name: "c_total", Help: "C."}, []string{"k"})
	g := NewGauge(Opts{Name: "g", Help: "G."})
	h := NewHistogram(HistogramOpts{Name: "h", Help: "H.", Buckets: []float64{1, 2}})
	reg.MustRegister(c, g, h)
	srv := httptest.NewServer(reg.Handler())
	defer srv.Close()
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				c.WithLabelValues(strconv.Itoa(i % 3)).Inc()
				g.Add(1)
				h.Observe(float64(w % 3))
			}
		})
	}
	wg.Go(func() {
		for range 5 {
			scrape(t, srv, false)
		}
	})
	wg.Wait()
	s, _ := scrape(t, srv, false)
	total := s[`c_total{k="0"}`] + s[`c_total{k="1"}`] + s[`c_total{k="2"}`]
	if total != workers*each || s["g"] != workers*each || s["h_count"] != workers*each || s[`h_bucket{le="+Inf"}`] != workers*each {
		t.Errorf("lost updates: counters %v, gauge %v, histogram %v", total, s["g"], s["h_count"])
	}
}

func TestRuntimeCollectors(t *testing.T) {
	reg := NewRegistry()
	reg.MustRegister(GoCollector(), ProcessCollector())
	srv := httptest.NewServer(reg.Handler())
	defer srv.Close()
	before, types := scrape(t, srv, false)
	for _, name := range []string{"go_goroutines", "go_memstats_alloc_bytes", "go_memstats_heap_inuse_bytes", "go_info",
		"go_gc_duration_seconds", "go_threads", "process_cpu_seconds_total", "process_resident_memory_bytes",
		"process_virtual_memory_bytes", "process_open_fds", "process_max_fds", "process_start_time_seconds"} {
		if types[name] == "" {
			t.Errorf("%s not reported", name)
		}
	}
	if before[`go_info{version="`+runtimeVersion()+`"}`] != 1 || before[`go_gc_duration_seconds{quantile="0.5"}`] < 0 {
		t.Errorf("go_info / go_gc_duration_seconds: %v", before)
	}
	if r := before["process_resident_memory_bytes"]; r < 1<<20 || r > before["process_virtual_memory_bytes"] {
		t.Errorf("RSS %v, virtual %v", r, before["process_virtual_memory_bytes"])
	}

	// Open files, park goroutines and allocate: the gauges follow.
	var files []*os.File
	for i := range 5 {
		f, err := os.Create(filepath.Join(t.TempDir(), strconv.Itoa(i)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files = append(files, f)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { <-stop })
	}
	keep := make([][]byte, 0, 64)
	for range 64 {
		keep = append(keep, make([]byte, 64<<10))
	}
	after, _ := scrape(t, srv, false)
	close(stop)
	wg.Wait()
	if after["process_open_fds"] < before["process_open_fds"]+5 || after["process_open_fds"] > after["process_max_fds"] {
		t.Errorf("open fds %v → %v (max %v) with %d files opened", before["process_open_fds"], after["process_open_fds"], after["process_max_fds"], len(files))
	}
	if after["go_goroutines"] < before["go_goroutines"]+20 {
		t.Errorf("goroutines %v → %v with 20 started", before["go_goroutines"], after["go_goroutines"])
	}
	if after["go_memstats_alloc_bytes_total"] < before["go_memstats_alloc_bytes_total"]+float64(len(keep)*64<<10) {
		t.Errorf("allocated %v → %v", before["go_memstats_alloc_bytes_total"], after["go_memstats_alloc_bytes_total"])
	}
	if after["process_start_time_seconds"] != before["process_start_time_seconds"] || after["process_cpu_seconds_total"] < before["process_cpu_seconds_total"] {
		t.Errorf("start %v → %v, cpu %v → %v", before["process_start_time_seconds"], after["process_start_time_seconds"],
			before["process_cpu_seconds_total"], after["process_cpu_seconds_total"])
	}
}

func runtimeVersion() string { return runtime.Version() }
