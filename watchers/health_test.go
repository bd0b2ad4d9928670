package watchers

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/metrics"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/testutil"
)

// serve starts the harness's watcher as the daemon, with its logs in a buffer
// and /healthz and /metrics on a test server; it returns a getter of those.
func (h *harness) serve(t *testing.T) (logs *testutil.LogBuffer, get func(path string) (int, string), stop func()) {
	logs = &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	reg := metrics.NewRegistry()
	h.w.metrics = NewMetrics(reg)
	srv := httptest.NewServer(h.w.Handler(reg))
	get = func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- h.w.Run(ctx, 5*time.Second) }()
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusOK })
	stop = func() {
		cancel()
		<-done
		srv.Close()
	}
	return logs, get, stop
}

// TestCorruptDatabaseIsLoud corrupts the pages of a real database's articles
// table and index: every poll then fails in the store, which the daemon logs
// at ERROR, counts, and reports in /healthz with 503 — it does not look
// healthy while doing nothing.
func TestCorruptDatabaseIsLoud(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, strings.Replace(config2(fs.URL, ""), "max_age: 48h", "max_age: 48h\nschedule: \"@every 1s\"", 1))
	primeFeeds(t, h, fs)
	now := time.Now()
	var items []item
	for i := range 60 {
		items = append(items, item{fmt.Sprintf("Story %d", i), fmt.Sprintf("https://n.example/%d", i), strings.Repeat("Some text of the story. ", 80), now})
	}
	fs.set("/world.rss", rss(items...))
	if rep, _ := h.poll(); rep.New != 60 {
		t.Fatalf("setup poll: %+v", rep)
	}
	h.store.Close()
	corruptPages(t, h.dbPath, "articles", "sqlite_autoindex_articles_1")
	h.start()

	logs, get, stop := h.serve(t)
	defer stop()
	fs.set("/world.rss", rss(append(items, item{"Putin speaks", "https://n.example/new", "Putin.", now})...))
	fs.set("/politics.rss", rss(item{"Putin again", "https://n.example/p", "Putin.", now}))
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusServiceUnavailable })
	if _, body := get("/healthz"); !strings.Contains(body, "database error (known_items)") || !strings.Contains(body, "malformed") {
		t.Errorf("/healthz says %q, want the database error and its reason", body)
	}
	if _, metrics := get("/metrics"); !strings.Contains(metrics, `newshound_store_errors_total{op="known_items"}`) ||
		!strings.Contains(metrics, `outcome="store_error"`) {
		t.Errorf("metrics lack the store errors:\n%s", grepLines(metrics, "newshound_"))
	}
	if l := logs.String(); !strings.Contains(l, "level=ERROR msg=\"database error") || !strings.Contains(l, "op=known_items") {
		t.Errorf("no ERROR log of the database error:\n%s", l)
	}
}

// corruptPages overwrites the pages of the named tables and indexes of the
// SQLite file at path with garbage.
func corruptPages(t *testing.T, path string, names ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var pageSize int64
	if err := db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	var roots []int64
	for _, name := range names {
		var root int64
		if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = ?", name).Scan(&root); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		roots = append(roots, root)
	}
	db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := bytes.Repeat([]byte{0xA5, 0x17, 0xFF, 0x00}, int(pageSize)/4)
	for _, root := range roots {
		if root <= 1 {
			t.Fatalf("root page %d", root)
		}
		if _, err := f.WriteAt(garbage, (root-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestPendingRetriedWhenWritesWorkAgain: a write that fails as on a full disk
// (SQLite's max_page_count) leaves an article pending; once writes work
// again the daemon processes it on its own, without a restart, and /healthz
// goes from 503 back to 200.
func TestPendingRetriedWhenWritesWorkAgain(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	page := "<html><head><title>Putin speaks</title></head><body><article>" +
		strings.Repeat("<p>Vladimir Putin spoke at length about the economy, the war and the weather on Tuesday.</p>", 400) + "</article></body></html>"
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-release
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer site.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	fs := newFeedServer(t)
	yaml := strings.Replace(config2(fs.URL, ""), "articles: { fetch: false }", "schedule: \"@every 1h\"\nhttp: { allow_private_networks: true }\narticles: { host_delay: 1ms }", 1)
	h := newHarness(t, yaml)
	primeFeeds(t, h, fs)
	h.w.storeRetryBase = 50 * time.Millisecond
	_, get, stop := h.serve(t)
	defer stop()

	ctx := context.Background()
	fs.set("/world.rss", rss(item{"Putin speaks", site.URL + "/story", "Putin.", time.Now()}))
	polled := make(chan PollResult)
	go func() {
		res, _ := h.w.PollFeed(ctx, h.cfg.Feeds[0], true)
		polled <- res
	}()
	<-entered // the article is recorded, its page is being read: now the disk fills
	size, err := h.store.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.LimitSize(ctx, size); err != nil {
		t.Fatal(err)
	}
	close(release)
	if res := <-polled; res.New != 1 || res.Processed != 0 {
		t.Fatalf("poll on a full disk: %+v, want one new article left unprocessed", res)
	}
	a, err := h.store.ArticleByIdentity(ctx, site.URL+"/story")
	if err != nil || a == nil || a.Status != store.StatusPending {
		t.Fatalf("article after the failed write: %+v %v, want pending", a, err)
	}
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "record_articles") {
		t.Errorf("/healthz on a full disk: %d %q", code, body)
	}

	if err := h.store.LimitSize(ctx, 0); err != nil { // space freed
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		a, _ := h.store.ArticleByIdentity(ctx, site.URL+"/story")
		return a != nil && a.Status == store.StatusDone
	})
	if ms, err := h.store.LatestMatches(ctx, "russia-watch", 5); err != nil || len(ms) != 1 {
		t.Errorf("matches after recovery: %+v %v", ms, err)
	}
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusOK })
}

// A delivery that failed in the store is reported in /healthz only until
// the outbox works with the store again: a drain that reads and records
// without error clears it, even when it had nothing to post (it stayed
// 503 until the next chat post, for ever on standard output).
func TestDeliveryStoreErrorClearedWhenTheStoreWorks(t *testing.T) {
	h := newHarness(t, config2("http://127.0.0.1:1", ""))
	clock := time.Now()
	h.w.now = func() time.Time { return clock }
	db, err := sql.Open("sqlite", "file:"+h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.Exec("ALTER TABLE outbox RENAME TO outbox_away"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.w.DeliverDue(ctx); err == nil {
		t.Fatal("drain without the outbox table: no error")
	}
	if p := h.w.storeProblems(); !strings.Contains(p, "(deliver)") {
		t.Fatalf("store problems %q, want the delivery's", p)
	}
	if _, err := db.Exec("ALTER TABLE outbox_away RENAME TO outbox"); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute) // past the outbox's store backoff
	if _, err := h.w.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	if p := h.w.storeProblems(); p != "" {
		t.Fatalf("store problems %q after a drain that worked, want none", p)
	}
}

// Two channels of one refused token report their refusals at once (drains
// deliver channels concurrently): the pause's state is read under its lock
// only (go test -race caught the log reading the probe wait after unlocking).
func TestConcurrentRefusalsOfOneToken(t *testing.T) {
	h := newHarness(t, config2("http://127.0.0.1:1", ""))
	ctx := context.Background()
	refused := &alert.AuthError{Destination: "bot token", Err: errors.New("401")}
	var wg sync.WaitGroup
	for _, ch := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				h.w.pause(ctx, ch, refused)
			}
		}()
	}
	wg.Wait()
	if p := h.w.pauseProblems(); len(p) != 1 {
		t.Fatalf("pause problems %q, want one for the token", p)
	}
}

// A feed address may hold credentials (user:password@, as private feeds
// are often given): the logs name the feed without the password.
func TestFeedPasswordNotLogged(t *testing.T) {
	h := newHarness(t, `
feeds:
  - { name: Private, url: "http://reader:s3cret-pass@127.0.0.1:1/feed.xml" }
watches:
  - { name: w, keywords: [Putin] }
`)
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.w.PollAll(context.Background(), true)
	if l := logs.String(); !strings.Contains(l, "Private") || strings.Contains(l, "s3cret-pass") {
		t.Fatalf("logs hold the feed's password (or do not name the feed):\n%s", l)
	}
}
