package watchers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/store"
)

// A feed whose UTF-8 was decoded as Windows-1252 and encoded again
// ("Putinâ€™s", a WordPress quirk) alerts the watch its words name, and
// the alert reads as the text was written.
func TestMojibakeFeedAlerts(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf("max_age: 48h\narticles: { fetch: false }\nfeeds:\n  - { name: World, url: %q }\nwatches:\n"+
		"  - { name: russia, query: 'Putin' }\n  - { name: zurich, query: 'Zürich' }\n", fs.URL+"/world.rss"))
	fs.set("/world.rss", rss())
	h.poll()
	fs.set("/world.rss", rss(
		item{"Putinâ€™s aides meet FranÃ§ois Delattre", "https://news.example/a",
			"Putinâ€™s aides met the French envoy FranÃ§ois Delattre on Tuesday. â€œWe spoke for an hour,â€\u009d Delattre said.", time.Now()},
		item{"ZÃ¼rich bank fined", "https://news.example/b", "A ZÃ¼rich bank was fined on Monday for failing to check its clients.", time.Now()},
	))
	_, alerts := h.poll()
	got := map[string]string{}
	for _, a := range alerts {
		got[a.Watch] = a.Title
		all := a.Title + " " + a.Summary
		for _, q := range a.Quotes {
			all += " " + q.Text + " " + q.Speaker
		}
		if strings.ContainsAny(all, "âÃ€") {
			t.Errorf("alert of %s shows mojibake: %q", a.Watch, all)
		}
		if a.Watch == "russia" && !strings.Contains(a.Summary, "Putin’s aides") {
			t.Errorf("summary %q, want Putin’s aides", a.Summary)
		}
	}
	if got["russia"] != "Putin’s aides meet François Delattre" || got["zurich"] != "Zürich bank fined" {
		t.Errorf("alerts %v, want russia on Putin’s aides and zurich on Zürich bank", got)
	}
}

// An article read by a version without the repair (stored with its
// mojibake: title, text and the hash of both) is not new after the
// upgrade, nor a correction to read again and edit: the feed's document,
// its items unchanged, changes nothing — also for two items that share a
// link and are told apart by a digest of their titles (whose identity
// TestRepairKeepsIdentities in internal/feed holds to earlier versions').
func TestMojibakeRepairIsNoCorrection(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf("max_age: 48h\narticles: { fetch: false }\nfeeds:\n  - { name: World, url: %q }\nwatches:\n"+
		"  - { name: russia, query: 'Putin' }\n", fs.URL+"/world.rss"))
	fs.set("/world.rss", rss())
	h.poll()
	now := time.Now()
	doc := rss(
		item{"Putinâ€™s aides meet envoy", "https://news.example/a", "Putinâ€™s aides met the envoy on Tuesday.", now},
		// press releases without GUIDs that all link to one page: told apart by their titles
		item{"Putin release: grain â€” talks", "https://news.example/releases", "Putin and grain.", now},
		item{"Putin release: gas â€” talks", "https://news.example/releases", "Putin and gas.", now},
	)
	fs.set("/world.rss", doc)
	_, alerts := h.poll()
	if len(alerts) != 3 {
		t.Fatalf("%d alerts, want 3", len(alerts))
	}
	ctx := context.Background()
	// Make the articles what a version before the repair stored.
	db, err := sql.Open("sqlite", "file:"+h.dbPath+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	old := map[string][2]string{
		"Putin’s aides meet envoy":     {"Putinâ€™s aides meet envoy", "Putinâ€™s aides met the envoy on Tuesday."},
		"Putin release: grain — talks": {"Putin release: grain â€” talks", "Putin and grain."},
		"Putin release: gas — talks":   {"Putin release: gas â€” talks", "Putin and gas."},
	}
	for title, was := range old {
		res, err := db.Exec(`UPDATE articles SET title = ?, feed_text = ?, item_sum = ? WHERE title = ?`,
			was[0], was[1], store.ItemSum(was[0], was[1]), title)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%q: %d articles stored, want 1", title, n)
		}
	}
	h.restart() // the upgrade
	h.out.Reset()
	// the document changed since (a new item: not a 304), its old items not
	doc = strings.Replace(doc, "<item>", "<item><title>Weather</title><link>https://news.example/w</link><description>Rain.</description></item><item>", 1)
	fs.set("/world.rss", doc)
	for range 2 {
		if _, alerts := h.poll(); len(alerts) != 0 {
			t.Fatalf("after the upgrade: %d alerts of old items (%s …)", len(alerts), alerts[0].Title)
		}
	}
	// Not read again as corrections: the titles stored stay as they were.
	for _, was := range old {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE title = ?`, was[0]).Scan(&n); err != nil || n != 1 {
			t.Errorf("%q: %d stored (%v), want it as it was: read again as a correction?", was[0], n, err)
		}
	}
	// A real change is still a correction.
	fs.set("/world.rss", strings.Replace(doc, "met the envoy on Tuesday", "met the envoy on Wednesday", 1))
	h.poll()
	a, err := h.store.ArticleByIdentity(ctx, "https://news.example/a")
	if err != nil || a == nil {
		t.Fatalf("article: %v", err)
	}
	if a.Title != "Putin’s aides meet envoy" || !strings.Contains(a.FeedText, "Wednesday") {
		t.Errorf("after a real correction: title %q, text %q", a.Title, a.FeedText)
	}
}
