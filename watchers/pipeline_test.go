package watchers

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/pgtest"
	"github.com/newshound/newshound/internal/store"
)

// feedServer serves feed documents that a test changes between polls, with
// ETags, and counts conditional requests.
type feedServer struct {
	*httptest.Server
	mu          sync.Mutex
	docs        map[string]string
	status      map[string]int
	headers     map[string]map[string]string
	conditional map[string]int
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{docs: map[string]string{}, status: map[string]int{}, headers: map[string]map[string]string{}, conditional: map[string]int{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		for k, v := range fs.headers[r.URL.Path] {
			w.Header().Set(k, v)
		}
		if code := fs.status[r.URL.Path]; code != 0 {
			w.WriteHeader(code)
			return
		}
		doc, ok := fs.docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%x"`, sha1.Sum([]byte(doc)))
		if r.Header.Get("If-None-Match") != "" {
			fs.conditional[r.URL.Path]++
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(path, doc string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.docs[path] = doc
	delete(fs.status, path)
}

func (fs *feedServer) fail(path string, code int, headers map[string]string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.status[path] = code
	fs.headers[path] = headers
}

type item struct {
	title, link, text string
	published         time.Time // zero: undated
}

func rss(items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><description><![CDATA[%s]]></description>", it.title, it.link, it.text)
		if !it.published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.published.Format(time.RFC1123Z))
		}
		b.WriteString("</item>")
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// harness is a Watcher over a real store in a temporary directory, its
// standard-output alerts captured.
type harness struct {
	t      *testing.T
	cfg    *config.Config
	dbPath string
	pgURL  string // set: the store is on PostgreSQL, in this URL's schema
	store  *store.Store
	w      *Watcher
	out    *bytes.Buffer
}

// harnessTimeout is the test client's request limit: 5 s, and 15 s under the
// race detector, which slows parsing five to ten times — a feed of 100,000
// items (TestHostileFeedsDoNotStopOthers) could not be read in 5 s there
// while the hostile feeds beside it kept both cores busy.
func harnessTimeout() time.Duration {
	if raceDetector {
		return 15 * time.Second
	}
	return 5 * time.Second
}

func newHarness(t *testing.T, yaml string) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, dbPath: filepath.Join(dir, "test.db")}
	cfg, err := config.Parse(filepath.Join(dir, "newshound.yaml"), []byte(yaml), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg = cfg
	h.start()
	return h
}

// newPostgresHarness is newHarness with the store on PostgreSQL, in a
// schema of the test's own.
func newPostgresHarness(t *testing.T, yaml string) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, pgURL: pgtest.URL(t)}
	cfg, err := config.Parse(filepath.Join(dir, "newshound.yaml"), []byte(yaml), config.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg = cfg
	h.start()
	return h
}

// engines runs a pipeline test on each engine: f's newHarness opens the
// store on SQLite, then on PostgreSQL.
func engines(t *testing.T, f func(t *testing.T, newHarness func(*testing.T, string) *harness)) {
	t.Run("sqlite", func(t *testing.T) { f(t, newHarness) })
	t.Run("postgres", func(t *testing.T) { f(t, newPostgresHarness) })
}

// start opens the store and builds a Watcher, as a process start would.
func (h *harness) start() {
	h.t.Helper()
	open := func() (*store.Store, error) { return store.Open(context.Background(), h.dbPath) }
	if h.pgURL != "" {
		open = func() (*store.Store, error) { return store.OpenPostgres(context.Background(), h.pgURL) }
	}
	st, err := open()
	if err != nil {
		h.t.Fatal(err)
	}
	h.store = st
	h.out = &bytes.Buffer{}
	client := httpclient.New(httpclient.Options{Timeout: harnessTimeout(), AllowPrivate: true})
	w, err := New(Options{Config: h.cfg, Store: st, FeedClient: client, ArticleClient: client, Stdout: h.out})
	if err != nil {
		h.t.Fatal(err)
	}
	h.w = w
	h.t.Cleanup(func() { st.Close() })
}

func (h *harness) restart() {
	h.store.Close()
	h.start()
}

// poll runs one round as `newshound once` does and returns the alerts printed.
func (h *harness) poll() (Report, []alert.Alert) {
	h.t.Helper()
	rep := h.w.PollAll(context.Background(), false)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return rep, h.alerts()
}

func (h *harness) alerts() []alert.Alert {
	var alerts []alert.Alert
	for _, line := range strings.Split(strings.TrimSpace(h.out.String()), "\n") {
		if line == "" {
			continue
		}
		var a alert.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			h.t.Fatalf("alert line %q: %v", line, err)
		}
		alerts = append(alerts, a)
	}
	h.out.Reset()
	return alerts
}

func config2(srv string, extra string) string {
	return fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: World, url: "%[1]s/world.rss" }
  - { name: Politics, url: "%[1]s/politics.rss" }
watches:
  - name: russia-watch
    keywords: ["Putin", "election interference"]
%[2]s`, srv, extra)
}

// primeFeeds makes the first poll of both feeds happen with nothing in them,
// so that later items are new items of an already-polled feed.
func primeFeeds(t *testing.T, h *harness, fs *feedServer) {
	fs.set("/world.rss", rss())
	fs.set("/politics.rss", rss())
	if rep, alerts := h.poll(); rep.Polled != 2 || len(alerts) != 0 {
		t.Fatalf("priming: %+v, %d alerts", rep, len(alerts))
	}
}

func TestOneStoryTwoFeedsAlertsOnce(t *testing.T) { engines(t, testOneStoryTwoFeedsAlertsOnce) }

func testOneStoryTwoFeedsAlertsOnce(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	now := time.Now()
	fs.set("/world.rss", rss(item{"Putin visits Minsk", "https://news.example/story?utm_source=world", "<p>Putin arrived on Monday.</p>", now}))
	fs.set("/politics.rss", rss(item{"Putin in Minsk", "https://NEWS.example:443/story#top", "Putin again.", now}))
	_, alerts := h.poll()
	if len(alerts) != 1 {
		t.Fatalf("got %d alerts, want 1: %+v", len(alerts), alerts)
	}
	a := alerts[0]
	if a.Watch != "russia-watch" || a.URL == "" || a.Title == "" || len(a.Matched) == 0 || a.Matched[0] != "Putin" || a.Published == nil {
		t.Errorf("alert %+v", a)
	}
	if a.Summary == "" || a.Quotes == nil || a.Why == nil {
		t.Errorf("summary/quotes/why missing: %+v", a)
	}
}

func TestRestartDoesNotRealert(t *testing.T) { engines(t, testRestartDoesNotRealert) }

func testRestartDoesNotRealert(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	story := item{"Putin speaks", "https://news.example/putin-speaks", "Putin spoke.", time.Now()}
	fs.set("/world.rss", rss(story))
	if _, alerts := h.poll(); len(alerts) != 1 {
		t.Fatalf("first: %d alerts", len(alerts))
	}
	h.restart()
	// The feed changes (new ETag) but still carries the story.
	fs.set("/world.rss", rss(story, item{"Weather", "https://news.example/weather", "Rain.", time.Now()}))
	if rep, alerts := h.poll(); len(alerts) != 0 || rep.New != 1 {
		t.Fatalf("after restart: %d alerts, %d new", len(alerts), rep.New)
	}
}

func TestFirstPollPolicy(t *testing.T) { engines(t, testFirstPollPolicy) }

func testFirstPollPolicy(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Putin old", "https://n.example/old", "Putin.", now.Add(-72 * time.Hour)},
		item{"Putin undated", "https://n.example/undated", "Putin.", time.Time{}},
		item{"Putin fresh", "https://n.example/fresh", "Putin.", now.Add(-time.Hour)},
	))
	fs.set("/politics.rss", rss())
	rep, alerts := h.poll()
	if rep.New != 3 || len(alerts) != 1 || alerts[0].Title != "Putin fresh" {
		t.Fatalf("first poll: %d new, alerts %+v", rep.New, alerts)
	}
	// Later polls: an undated new item alerts; an old one still does not.
	fs.set("/world.rss", rss(
		item{"Putin undated later", "https://n.example/undated2", "Putin.", time.Time{}},
		item{"Putin old later", "https://n.example/old2", "Putin.", now.Add(-72 * time.Hour)},
	))
	_, alerts = h.poll()
	if len(alerts) != 1 || alerts[0].Title != "Putin undated later" || alerts[0].Published != nil {
		t.Fatalf("later poll alerts %+v", alerts)
	}
}

func TestConditionalPoll(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	res, err := h.w.PollFeed(context.Background(), h.cfg.Feeds[0], false)
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotModified || res.Items != 0 || fs.conditional["/world.rss"] != 1 {
		t.Errorf("second poll: %+v, conditional requests %d", res, fs.conditional["/world.rss"])
	}
}

func TestBrokenFeedsDoNotStopOthers(t *testing.T) {
	fs := newFeedServer(t)
	yaml := config2(fs.URL, "") + fmt.Sprintf(`
http: { max_body: 64KB }
`) + ""
	yaml = strings.Replace(yaml, "feeds:\n", fmt.Sprintf("feeds:\n  - { name: Broken, url: \"%[1]s/broken.rss\" }\n  - { name: Huge, url: \"%[1]s/huge.rss\" }\n", fs.URL), 1)
	h := newHarness(t, yaml)
	fs.set("/politics.rss", rss())
	fs.set("/broken.rss", "<rss><channel><item><title>Putin")
	fs.set("/huge.rss", rss(item{"Putin big", "https://n.example/big", strings.Repeat("Putin words. ", 10000), time.Now()}))
	fs.set("/world.rss", rss(item{"Putin ok", "https://n.example/ok", "Putin.", time.Now()}))
	rep, alerts := h.poll()
	if len(alerts) != 1 || alerts[0].Title != "Putin ok" {
		t.Fatalf("alerts %+v", alerts)
	}
	if len(rep.Failed) != 2 {
		t.Fatalf("failed feeds %+v", rep.Failed)
	}
	for _, name := range []string{"Broken", "Huge"} {
		st, err := h.store.Feed(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		if st.Failures != 1 || st.LastError == "" || !st.NextPoll.After(time.Now()) {
			t.Errorf("%s state %+v", name, st)
		}
	}
	var fe *FeedError
	if !errors.As(rep.Failed[0], &fe) || !strings.Contains(fe.Error(), fs.URL) {
		t.Errorf("feed error does not name the URL: %v", rep.Failed[0])
	}
}

func TestBackoffAndRetryAfter(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	ctx := context.Background()
	fs.fail("/world.rss", http.StatusTooManyRequests, map[string]string{"Retry-After": "3600"})
	fs.fail("/politics.rss", http.StatusInternalServerError, nil)
	h.poll()
	world, _ := h.store.Feed(ctx, "World")
	pol, _ := h.store.Feed(ctx, "Politics")
	if d := time.Until(world.NextPoll); d < 59*time.Minute {
		t.Errorf("429 Retry-After not honoured: next poll in %v", d)
	}
	if d := time.Until(pol.NextPoll); d < 50*time.Second || d > 2*time.Minute {
		t.Errorf("first 500 backoff %v, want about a minute", d)
	}
	// In backoff: skipped, not fetched.
	if res, err := h.w.PollFeed(ctx, h.cfg.Feeds[1], false); err != nil || !res.Skipped {
		t.Errorf("feed in backoff polled: %+v %v", res, err)
	}
	// A second failure doubles the wait; the count survives a restart.
	h.restart()
	if _, err := h.w.PollFeed(ctx, h.cfg.Feeds[1], true); err == nil {
		t.Fatal("expected failure")
	}
	// A poll that brings nothing new queues its feed's state without
	// waiting for the write.
	h.store.Sync(ctx)
	pol, _ = h.store.Feed(ctx, "Politics")
	if pol.Failures != 2 || time.Until(pol.NextPoll) < 110*time.Second {
		t.Errorf("second failure: %d failures, next in %v", pol.Failures, time.Until(pol.NextPoll))
	}
	// Recovery resets the count.
	fs.set("/politics.rss", rss())
	if _, err := h.w.PollFeed(ctx, h.cfg.Feeds[1], true); err != nil {
		t.Fatal(err)
	}
	h.store.Sync(ctx)
	if pol, _ = h.store.Feed(ctx, "Politics"); pol.Failures != 0 || !pol.NextPoll.IsZero() {
		t.Errorf("after recovery %+v", pol)
	}
}

func TestKeywordBoundaries(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Golf", "https://n.example/1", "He was putting well.", now},
		item{"Possessive", "https://n.example/2", "PUTIN’S plan.", now},
		item{"Phrase", "https://n.example/3", "Claims of election\n interference grew.", now},
		item{"Wrong order", "https://n.example/4", "There was interference with the election.", now},
	))
	_, alerts := h.poll()
	var titles []string
	for _, a := range alerts {
		titles = append(titles, a.Title)
	}
	if strings.Join(titles, ",") != "Possessive,Phrase" && strings.Join(titles, ",") != "Phrase,Possessive" {
		t.Errorf("alerted %v, want Possessive and Phrase", titles)
	}
}

// failingWriter fails every write, as a closed standard output would.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestInterruptedDeliveryHappensOnNextStart(t *testing.T) {
	engines(t, testInterruptedDeliveryHappensOnNextStart)
}

func testInterruptedDeliveryHappensOnNextStart(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	fs.set("/world.rss", rss(item{"Putin", "https://n.example/p", "Putin.", time.Now()}))
	h.w.stdout = failingWriter{}
	h.w.PollAll(context.Background(), false)
	if _, err := h.w.DeliverDue(context.Background()); err == nil {
		t.Fatal("delivery to a broken output succeeded")
	}
	h.restart()
	if _, alerts := h.poll(); len(alerts) != 1 {
		t.Fatalf("after restart %d alerts, want 1", len(alerts))
	}
	h.restart()
	if _, alerts := h.poll(); len(alerts) != 0 {
		t.Fatalf("delivered twice")
	}
}

func TestPendingArticlesProcessedAfterCrash(t *testing.T) {
	engines(t, testPendingArticlesProcessedAfterCrash)
}

func testPendingArticlesProcessedAfterCrash(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	// A crash between recording and processing leaves an article pending.
	_, err := h.store.AddArticles(context.Background(), []store.Article{{
		Identity: "https://n.example/crash", URL: "https://n.example/crash", Feed: "World", Title: "Putin after crash",
		FeedText: "Putin.", SeenAt: time.Now(), Status: store.StatusPending,
	}})
	if err != nil {
		t.Fatal(err)
	}
	h.restart()
	if _, alerts := h.poll(); len(alerts) != 1 || alerts[0].Title != "Putin after crash" {
		t.Fatalf("alerts %+v", alerts)
	}
}

func TestScheduleSpreadsFeeds(t *testing.T) {
	var feeds strings.Builder
	for i := range 4 {
		fmt.Fprintf(&feeds, "  - { name: f%d, url: \"https://e.example/%d\" }\n", i, i)
	}
	cfg, err := config.Parse("n.yaml", []byte("schedule: \"*/4 * * * *\"\nfeeds:\n"+feeds.String()), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &Watcher{}
	w.live.Store(&settings{cfg: cfg})
	base := time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
	seen := map[time.Time]bool{}
	for _, s := range w.schedule(base) {
		next := s.schedule.Next(base)
		if seen[next] {
			t.Errorf("two feeds fire at %v", next)
		}
		seen[next] = true
		if next.Before(base) || next.Sub(base) > 4*time.Minute {
			t.Errorf("%s fires at %v, outside the interval", s.feed.Name, next)
		}
	}
	if len(seen) != 4 {
		t.Errorf("%d distinct start times, want 4", len(seen))
	}
}

func TestArticlePageIsReadAndMatched(t *testing.T) { engines(t, testArticlePageIsReadAndMatched) }

func testArticlePageIsReadAndMatched(t *testing.T, newHarness func(*testing.T, string) *harness) {
	pages := http.NewServeMux()
	story := `<html lang="en"><head><title>Trade talks resume</title><meta property="og:image" content="/lead.jpg"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/putin">Putin special</a></nav>
<article><h1>Trade talks resume</h1><p class="byline">By Maria Lopez</p>
<p>Negotiators from both sides met again on Monday after a pause of three months, officials said.</p>
<p>The talks had stalled over tariffs on steel and aluminium, which both governments call a matter of national security.</p>
<p>In a statement, the Kremlin said Vladimir Putin had approved the new round. "We are ready to listen," said Dmitry Peskov, the Kremlin spokesman.</p>
<p>Analysts expect no agreement before the end of the year, but said the resumption itself was a signal of goodwill from both capitals.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>`
	pages.HandleFunc("/trade", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, story)
	})
	pages.HandleFunc("/paywalled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><p>Subscribe to read.</p></body></html>`)
	})
	pages.HandleFunc("/locked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html lang="en"><head><title>Sanctions list grows</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Sanctions list grows","isAccessibleForFree":false}</script></head><body>
<article><h1>Sanctions list grows</h1>
<p>The European Union added eleven companies to its sanctions list on Friday, saying they had helped Vladimir Putin's government buy parts for drones.</p>
<p>Diplomats said the list had been agreed after two weeks of talks, and that two more names had been dropped at the last minute at the request of one member state.</p>
<div class="article-paywall"><p>Read the whole story with a subscription: unlimited access to our reporting, the morning briefing and the archive, for less than a coffee a week.</p><p><a href="/subscribe">Subscribe now</a></p></div>
</article></body></html>`)
	})
	pages.HandleFunc("/shell", func(w http.ResponseWriter, r *http.Request) {
		// a page drawn by script: its story is only in its JSON-LD
		fmt.Fprint(w, `<html lang="en"><head><title>Summit ends</title><script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Summit ends","articleBody":"<p>The summit in Geneva ended on Friday without a joint statement, after two days of talks that both delegations described as frank.</p><p>Vladimir Putin left before the closing session, and his foreign minister read a short declaration to reporters outside the hotel.</p><p>Officials said a second round could be held in the spring, but no date has been set and neither side has named its negotiators.</p><p>Protesters gathered near the lake on both days, and the police closed two bridges into the old town for several hours on Thursday evening.</p>"}
</script></head><body><div id="app"><p>Loading…</p></div><script src="/app.js"></script></body></html>`)
	})
	pages.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4 Putin")
	})
	site := httptest.NewServer(pages)
	defer site.Close()
	fs := newFeedServer(t)
	yaml := strings.Replace(config2(fs.URL, ""), "articles: { fetch: false }", "http: { allow_private_networks: true }\narticles: { host_delay: 1ms }", 1)
	h := newHarness(t, yaml)
	primeFeeds(t, h, fs)
	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Trade talks resume", site.URL + "/trade", "Negotiators met again.", now},        // Putin only on the page
		item{"Putin paywalled", site.URL + "/paywalled", "Putin in the feed text.", now},      // page too short: feed text
		item{"A report", site.URL + "/report.pdf", "A report about Putin's plans.", now},      // not HTML: feed text
		item{"Sanctions list grows", site.URL + "/locked", "New sanctions.", now},             // paywalled page: read, flagged
		item{"Missing page", site.URL + "/gone", "Putin is mentioned in the feed only.", now}, // 404: feed text
		item{"Summit ends", site.URL + "/shell", "Talks in Geneva end.", now},                 // Putin only in the page's JSON-LD
	))
	_, alerts := h.poll()
	got := map[string]alert.Alert{}
	for _, a := range alerts {
		got[a.Title] = a
	}
	if len(got) != 6 {
		t.Fatalf("alerts %v, want 6", got)
	}
	locked := got["Sanctions list grows"]
	if !locked.Paywalled || !strings.Contains(locked.Summary, "Putin") || strings.Contains(locked.Summary, "subscription") {
		t.Errorf("paywalled page's alert: paywalled %v, summary %q", locked.Paywalled, locked.Summary)
	}
	if got["Trade talks resume"].Paywalled || got["Putin paywalled"].Paywalled {
		t.Error("an alert of a free page or of a page not read says paywalled")
	}
	trade := got["Trade talks resume"]
	if !strings.Contains(trade.Summary, "Putin") || trade.Image != site.URL+"/lead.jpg" {
		t.Errorf("page alert: summary %q image %q", trade.Summary, trade.Image)
	}
	if len(trade.Quotes) == 0 || trade.Quotes[0].Speaker != "Dmitry Peskov" {
		t.Errorf("page quotes %+v", trade.Quotes)
	}
	for _, bad := range []string{"Home", "Copyright", "Putin special"} {
		if strings.Contains(trade.Summary, bad) {
			t.Errorf("boilerplate %q in summary %q", bad, trade.Summary)
		}
	}
	ctx := context.Background()
	for title, source := range map[string]string{"Trade talks resume": "page", "Sanctions list grows": "page (paywalled", "Putin paywalled": "feed: the page has too little text", "A report": "feed: the page is not HTML", "Missing page": "feed: ", "Summit ends": "page (its JSON-LD articleBody)"} {
		a, err := h.store.ArticleByIdentity(ctx, strings.TrimSuffix(got[title].URL, ""))
		if err != nil || a == nil {
			t.Fatalf("%s: %v", title, err)
		}
		if !strings.HasPrefix(a.TextSource, source) {
			t.Errorf("%s: text source %q, want %q… (text %q)", title, a.TextSource, source, a.Text)
		}
	}
}

func TestPrivateLinksRefusedUnlessAllowed(t *testing.T) {
	var hits int
	var mu sync.Mutex
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		fmt.Fprint(w, "<html><body><p>secret</p></body></html>")
	}))
	defer site.Close()
	fs := newFeedServer(t)
	h := newHarness(t, strings.Replace(config2(fs.URL, ""), "articles: { fetch: false }", "", 1))
	h.w.articles = article.NewFetcher(httpclient.New(httpclient.Options{Timeout: 5 * time.Second}), article.Options{})
	primeFeeds(t, h, fs)
	fs.set("/world.rss", rss(item{"Putin inside", site.URL + "/internal", "Putin.", time.Now()}))
	_, alerts := h.poll()
	if len(alerts) != 1 {
		t.Fatalf("%d alerts: a refused page must not drop the alert", len(alerts))
	}
	if hits != 0 {
		t.Errorf("the private address was fetched %d times", hits)
	}
	a, _ := h.store.ArticleByIdentity(context.Background(), alerts[0].URL)
	if a == nil || !strings.Contains(a.TextSource, "private") {
		t.Errorf("text source %+v", a)
	}
}

func TestWaitingChatDeliveriesDoNotBlockStdout(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf(`
articles: { fetch: false }
feeds:
  - { name: World, url: "%s/world.rss" }
discord: { token: t }
channels:
  newsroom: { discord: "123456789012345678" }
watches:
  - { name: chat, keywords: [Putin], channels: [newsroom] }
  - { name: printed, keywords: [Zelensky] }
`, fs.URL))
	fs.set("/world.rss", rss())
	h.poll()
	var items []item
	for i := range 600 {
		items = append(items, item{fmt.Sprintf("Putin %d", i), fmt.Sprintf("https://n.example/%d", i), "Putin.", time.Now()})
	}
	fs.set("/world.rss", rss(items...))
	h.poll() // 600 chat deliveries wait: no chat is configured in this process
	fs.set("/world.rss", rss(append(items, item{"Zelensky", "https://n.example/z", "Zelensky.", time.Now()})...))
	if _, alerts := h.poll(); len(alerts) != 1 || alerts[0].Watch != "printed" {
		t.Fatalf("standard-output alerts %+v", alerts)
	}
}

// TestItemBackInFeedDoesNotRealert: an item that leaves a feed's document
// and comes back is known (the store says so, not the previous document).
func TestItemBackInFeedDoesNotRealert(t *testing.T) { engines(t, testItemBackInFeedDoesNotRealert) }

func testItemBackInFeedDoesNotRealert(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	story := item{"Putin speaks", "https://news.example/putin-speaks", "Putin spoke.", time.Now()}
	fs.set("/world.rss", rss(story))
	if _, alerts := h.poll(); len(alerts) != 1 {
		t.Fatalf("first: %d alerts", len(alerts))
	}
	fs.set("/world.rss", rss(item{"Weather", "https://news.example/weather", "Rain.", time.Now()}))
	if rep, alerts := h.poll(); len(alerts) != 0 || rep.New != 1 {
		t.Fatalf("story gone: %d alerts, %d new", len(alerts), rep.New)
	}
	fs.set("/world.rss", rss(story, item{"Putin again", "https://news.example/putin-again", "Putin again.", time.Now()}))
	rep, alerts := h.poll()
	if len(alerts) != 1 || alerts[0].Title != "Putin again" || rep.New != 1 {
		t.Fatalf("story back: %d new, alerts %+v", rep.New, alerts)
	}
}
