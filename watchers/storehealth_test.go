package watchers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/testutil"
)

// corruptThenServe records a poll of 20 stories, corrupts the named tables'
// pages in the database file file(dbPath) (the main one, or the full-text
// index's), restarts the harness and serves it while the feeds add two
// stories.
func corruptThenServe(t *testing.T, file func(string) string, names ...string) (h *harness, logs *testutil.LogBuffer, get func(string) (int, string), stop func()) {
	t.Helper()
	fs := newFeedServer(t)
	h = newHarness(t, strings.Replace(config2(fs.URL, ""), "max_age: 48h", "max_age: 48h\nschedule: \"@every 1s\"", 1))
	primeFeeds(t, h, fs)
	now := time.Now()
	var items []item
	for i := range 20 {
		items = append(items, item{fmt.Sprintf("Story %d about harbours", i), fmt.Sprintf("https://n.example/%d", i), strings.Repeat("Some text of the story. ", 80), now})
	}
	fs.set("/world.rss", rss(items...))
	if rep, _ := h.poll(); rep.New != 20 {
		t.Fatalf("setup poll: %+v", rep)
	}
	h.store.Close()
	corruptPages(t, file(h.dbPath), names...)
	h.start()
	logs, get, stop = h.serve(t)
	fs.set("/world.rss", rss(append(items, item{"Putin speaks", "https://n.example/new", "Putin.", now})...))
	fs.set("/politics.rss", rss(item{"Putin again", "https://n.example/p", "Putin.", now}, item{"Putin once more", "https://n.example/q", "Putin.", now}))
	return h, logs, get, stop
}

// A corrupt stories table is a store error like the others: /healthz 503
// with the reason, newshound_store_errors_total{op="stories"}, and ERROR
// lines rate-limited — it logged one per article with /healthz 200.
func TestCorruptStoriesAreLoud(t *testing.T) {
	_, logs, get, stop := corruptThenServe(t, func(p string) string { return p }, "stories", "stories_last")
	defer stop()
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusServiceUnavailable })
	if _, body := get("/healthz"); !strings.Contains(body, "database error (stories)") || !strings.Contains(body, "malformed") {
		t.Errorf("/healthz says %q, want the stories' database error and its reason", body)
	}
	// One failed read of the stories per poll with new articles (their
	// articles are put into stories together): World's and Politics'.
	waitFor(t, func() bool {
		_, metrics := get("/metrics")
		return strings.Contains(metrics, `newshound_store_errors_total{op="stories"} 2`)
	})
	l := logs.String()
	if !strings.Contains(l, "level=ERROR msg=\"database error") || !strings.Contains(l, "op=stories") {
		t.Errorf("no ERROR log of the database error:\n%s", l)
	}
	if n := strings.Count(l, "level=ERROR"); n != 1 {
		t.Errorf("%d ERROR lines for one failing operation, want 1 (rate-limited):\n%s", n, l)
	}
}

// A corrupt full-text index is a store error: the indexer writes in the
// background, and its failure reached neither the log, nor /healthz, nor
// the metrics.
func TestCorruptIndexIsLoud(t *testing.T) {
	_, logs, get, stop := corruptThenServe(t, store.IndexPath, "articles_fts_data", "articles_fts_idx", "articles_fts_docsize")
	defer stop()
	waitFor(t, func() bool { code, _ := get("/healthz"); return code == http.StatusServiceUnavailable })
	if _, body := get("/healthz"); !strings.Contains(body, "database error (index)") || !strings.Contains(body, "malformed") {
		t.Errorf("/healthz says %q, want the index's database error and its reason", body)
	}
	if _, metrics := get("/metrics"); !strings.Contains(metrics, `newshound_store_errors_total{op="index"}`) {
		t.Errorf("metrics lack the index's store errors:\n%s", grepLines(metrics, "newshound_store"))
	}
	if l := logs.String(); !strings.Contains(l, "level=ERROR msg=\"database error") || !strings.Contains(l, "op=index") {
		t.Errorf("no ERROR log of the index's database error:\n%s", l)
	}
}
