package watchers

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/store"
)

// A poll whose write waits for its group commit lends its slot to the next
// poll: with one poll at a time (http.concurrency 1), a second feed is
// fetched while the first feed's commit is held up — here by another
// connection holding the database's write lock.
func TestCommitWaitLendsSlot(t *testing.T) {
	w, cfg, dbPath, requested := oneAtATime(t, "One", "Two")
	// Another connection holds the write lock: the first poll's commit
	// waits for it (the store's busy timeout is 10 s).
	release := holdWriteLock(t, dbPath)
	one, two := make(chan outcome, 1), make(chan outcome, 1)
	go func() {
		res, err := w.PollFeed(context.Background(), cfg.Feeds[0], true)
		one <- outcome{res, err}
	}()
	if p := <-requested; p != "/one" {
		t.Fatalf("first request for %s", p)
	}
	go func() {
		res, err := w.PollFeed(context.Background(), cfg.Feeds[1], true)
		two <- outcome{res, err}
	}()
	// The second feed is fetched before the first poll ends: its commit
	// cannot end while the lock is held (without the slot lent, the second
	// poll waits for the first, whose commit fails after the busy timeout).
	select {
	case p := <-requested:
		if p != "/two" {
			t.Fatalf("second request for %s", p)
		}
	case o := <-one:
		t.Fatalf("the second feed waited for the first poll's commit (which ended: %+v, %v)", o.res, o.err)
	}
	release()
	for name, ch := range map[string]chan outcome{"One": one, "Two": two} {
		if o := <-ch; o.err != nil || o.res.New != 1 || o.res.Queued != 1 {
			t.Errorf("poll of %s: %+v, %v; want one new article alerted", name, o.res, o.err)
		}
	}
}

// Polls of two batches wait for their group commits with their slots lent
// (commitWaiters): with one poll at a time, the second poll's commit waits
// behind the first's and the third feed is fetched all the same. With one
// batch's worth only, the second poll waited holding the slot, and the
// third waited for the commit.
func TestCommitWaitTwoBatches(t *testing.T) {
	w, cfg, dbPath, requested := oneAtATime(t, "One", "Two", "Three")
	release := holdWriteLock(t, dbPath)
	outcomes := make(chan outcome, len(cfg.Feeds))
	for i, want := range []string{"/one", "/two", "/three"} {
		go func() {
			res, err := w.PollFeed(context.Background(), cfg.Feeds[i], true)
			outcomes <- outcome{res, err}
		}()
		select {
		case p := <-requested:
			if p != want {
				t.Fatalf("request for %s, want %s", p, want)
			}
		case o := <-outcomes:
			t.Fatalf("%s was not fetched while the commits waited: a poll ended first (%+v, %v)", want, o.res, o.err)
		}
	}
	release()
	for range cfg.Feeds {
		if o := <-outcomes; o.err != nil || o.res.New != 1 || o.res.Queued != 1 {
			t.Errorf("poll: %+v, %v; want one new article alerted", o.res, o.err)
		}
	}
}

// A poll written needs no slot for what is left of it (its pages are not
// read): it ends while the slot it lent is held by another. It used to wait
// to take a slot back, and with it the polls lent a slot behind it.
func TestWrittenPollNeedsNoSlot(t *testing.T) {
	w, cfg, dbPath, requested := oneAtATime(t, "One")
	release := holdWriteLock(t, dbPath)
	one := make(chan outcome, 1)
	go func() {
		res, err := w.PollFeed(context.Background(), cfg.Feeds[0], true)
		one <- outcome{res, err}
	}()
	<-requested         // the poll holds the one slot
	w.sem <- struct{}{} // and lends it while its commit waits: taken here
	defer func() { <-w.sem }()
	release() // the poll's commit goes through
	select {
	case o := <-one:
		if o.err != nil || o.res.New != 1 || o.res.Queued != 1 {
			t.Errorf("poll: %+v, %v; want one new article alerted", o.res, o.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the poll, written, still waits for a slot")
	}
}

// oneAtATime opens a Watcher polling one feed at a time (http.concurrency
// 1) over the feeds named, each served at /<name in lower case> with one
// new item matching its one watch; requested receives the path of every
// request the server gets.
func oneAtATime(t *testing.T, feeds ...string) (w *Watcher, cfg *config.Config, dbPath string, requested chan string) {
	t.Helper()
	requested = make(chan string, 4)
	now := time.Now()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requested <- r.URL.Path
		fmt.Fprint(w, rss(item{"Budget talks resume in " + r.URL.Path, "https://news.example" + r.URL.Path + "/1", "<p>The talks resumed on Monday.</p>", now}))
	}))
	t.Cleanup(srv.Close)
	var list strings.Builder
	for _, name := range feeds {
		fmt.Fprintf(&list, "  - { name: %s, url: \"%s/%s\" }\n", name, srv.URL, strings.ToLower(name))
	}
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "newshound.yaml"), []byte(`
max_age: 48h
http: { concurrency: 1 }
articles: { fetch: false }
feeds:
`+list.String()+`watches:
  - { name: budget, keywords: [budget] }
`), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	dbPath = filepath.Join(dir, "test.db")
	return openWatcher(t, cfg, dbPath), cfg, dbPath, requested
}

// outcome is what a poll run in a goroutine returned.
type outcome struct {
	res PollResult
	err error
}

// holdWriteLock holds the database's write lock from another connection
// until the returned function is called (or the test ends): group commits
// wait for it (the store's busy timeout is 10 s).
func holdWriteLock(t *testing.T, dbPath string) (release func()) {
	t.Helper()
	locker, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := locker.Conn(context.Background())
	if err != nil {
		locker.Close()
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		conn.Close()
		locker.Close()
		t.Fatal(err)
	}
	released := false
	release = func() {
		if !released {
			released = true
			if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
				t.Error(err)
			}
		}
	}
	t.Cleanup(func() {
		release()
		conn.Close()
		locker.Close()
	})
	return release
}

// The polls counted as writers to come (which end the group commit's wait
// once all of them wait for it) are uncounted on every way out of a poll:
// a record written, a 304, a failed fetch, a feed skipped in backoff.
func TestPollWritersUncounted(t *testing.T) {
	now := time.Now()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/broken":
			http.Error(w, "down", http.StatusInternalServerError)
		case "/same":
			if r.Header.Get("If-None-Match") == `"s"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"s"`)
			fmt.Fprint(w, rss(item{"Harbour reopens", "https://news.example/same/1", "<p>The harbour reopened.</p>", now}))
		default:
			fmt.Fprint(w, rss(item{"Budget talks resume " + r.URL.RawQuery, "https://news.example/" + r.URL.Path + "/" + now.String(), "<p>The talks resumed.</p>", now}))
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "newshound.yaml"), []byte(fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: Changing, url: "%[1]s/changing" }
  - { name: Same, url: "%[1]s/same" }
  - { name: Broken, url: "%[1]s/broken" }
watches:
  - { name: budget, keywords: [budget] }
`, srv.URL)), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	w := openWatcher(t, cfg, filepath.Join(dir, "test.db"))
	for i, force := range []bool{true, true, false} { // the last skips Broken, in backoff
		rep := w.PollAll(context.Background(), force)
		if len(rep.Failed) != 1 && force {
			t.Errorf("cycle %d: failed %v, want Broken", i, rep.Failed)
		}
		if n := w.writers.Load(); n != 0 {
			t.Fatalf("cycle %d: %d polls still counted as writers to come", i, n)
		}
	}
}

// openWatcher is a Watcher of cfg over a store at dbPath (closed when the
// test ends), polling through a client that may reach loopback servers.
func openWatcher(t *testing.T, cfg *config.Config, dbPath string) *Watcher {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	client := httpclient.New(httpclient.Options{Timeout: harnessTimeout(), AllowPrivate: true})
	w, err := New(Options{Config: cfg, Store: st, FeedClient: client, ArticleClient: client})
	if err != nil {
		t.Fatal(err)
	}
	return w
}
