package watchers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The post of issue 14.6 / QA D7: a link blog's Atom entry links to the
// story it is about and has the post's permalink as id; its JSON Feed item
// has the same id and links to the permalink (no external_url).
func guidAtom(title string, at time.Time) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Linkblog</title><id>https://linkblog.example/</id><updated>%[2]s</updated>
<link rel="alternate" href="https://linkblog.example/"/>
<entry><title>%[1]s</title><id>https://linkblog.example/2026/12/putin-port</id><updated>%[2]s</updated>
<link rel="alternate" href="https://wire.example/world/putin-opens-port"/>
<content type="html">Putin opened the port on Friday.</content></entry></feed>`, title, at.UTC().Format(time.RFC3339))
}

func guidJSON(title string, at time.Time) string {
	return fmt.Sprintf(`{"version":"https://jsonfeed.org/version/1.1","title":"Linkblog","home_page_url":"https://linkblog.example/",
"items":[{"id":"https://linkblog.example/2026/12/putin-port","url":"https://linkblog.example/2026/12/putin-port",
"title":%q,"content_html":"Putin opened the port on Friday.","date_published":%q}]}`, title, at.UTC().Format(time.RFC3339))
}

// rssGUID is an RSS document whose items have GUIDs: title, link, guid
// triples.
func rssGUID(at time.Time, items ...[3]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>`)
	for _, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid isPermaLink="false">%s</guid><description>Putin spoke.</description><pubDate>%s</pubDate></item>`,
			it[0], it[1], it[2], at.Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func countArticles(t *testing.T, h *harness) int {
	t.Helper()
	if err := h.store.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+h.dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOnePostAtomAndJSONFeedIsOneArticle(t *testing.T) {
	now := time.Now().Add(-time.Minute)
	atom, json := guidAtom("Putin opens the port", now), guidJSON("Putin opens the port", now)
	for _, order := range []string{"same round", "atom first", "json first"} {
		t.Run(order, func(t *testing.T) {
			fs := newFeedServer(t)
			h := newHarness(t, config2(fs.URL, ""))
			primeFeeds(t, h, fs)
			switch order {
			case "same round":
				fs.set("/world.rss", atom)
				fs.set("/politics.rss", json)
			case "atom first":
				fs.set("/world.rss", atom)
			case "json first":
				fs.set("/politics.rss", json)
			}
			rep, alerts := h.poll()
			if len(alerts) != 1 || rep.New != 1 {
				t.Fatalf("first round: %d new, alerts %+v", rep.New, alerts)
			}
			if order != "same round" {
				fs.set("/world.rss", atom)
				fs.set("/politics.rss", json)
				rep, alerts = h.poll()
				if len(alerts) != 0 || rep.New != 0 {
					t.Fatalf("second feed: %d new, alerts %+v", rep.New, alerts)
				}
			}
			// Restarted (no previous documents in memory), with both
			// feeds changed: still the one article.
			h.restart()
			fs.set("/world.rss", guidAtom("Putin opens the port (updated)", now))
			fs.set("/politics.rss", guidJSON("Putin opens the port (updated)", now))
			if rep, alerts := h.poll(); len(alerts) != 0 || rep.New != 0 {
				t.Fatalf("after restart: %d new, alerts %+v", rep.New, alerts)
			}
			if n := countArticles(t, h); n != 1 {
				t.Errorf("%d articles stored, want 1", n)
			}
		})
	}
}

// A feed that gives two items one GUID keeps both: within a feed GUIDs
// never merge items, in one document or across polls, and a GUID two items
// of a document carry does not merge them into another feed's article.
func TestFeedReusingGUIDKeepsItems(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	now := time.Now().Add(-time.Minute)
	const g = "https://cms.example/item"
	fs.set("/politics.rss", rssGUID(now, [3]string{"Putin in Minsk", "https://other.example/minsk", g}))
	fs.set("/world.rss", rssGUID(now,
		[3]string{"Putin in Riga", "https://world.example/riga", g},
		[3]string{"Putin in Oslo", "https://world.example/oslo", g}))
	if rep, alerts := h.poll(); len(alerts) != 3 || rep.New != 3 {
		t.Fatalf("first round: %d new, %d alerts, want 3", rep.New, len(alerts))
	}
	// Across polls, the same feed's next item with that GUID is new too.
	fs.set("/world.rss", rssGUID(now, [3]string{"Putin in Bern", "https://world.example/bern", g}))
	if rep, alerts := h.poll(); len(alerts) != 1 || rep.New != 1 {
		t.Fatalf("later item of the feed: %d new, %d alerts, want 1", rep.New, len(alerts))
	}
	if n := countArticles(t, h); n != 4 {
		t.Errorf("%d articles stored, want 4", n)
	}
}

// A GUID that is not a URI ("42") is unique only within its feed: two
// feeds' "42" are two articles; so are two feeds' GUIDs naming a site's
// home page.
func TestPlainGUIDNeverMergesAcrossFeeds(t *testing.T) {
	for _, g := range []string{"42", "https://blog.example/"} {
		t.Run(g, func(t *testing.T) {
			fs := newFeedServer(t)
			h := newHarness(t, config2(fs.URL, ""))
			primeFeeds(t, h, fs)
			now := time.Now().Add(-time.Minute)
			fs.set("/world.rss", rssGUID(now, [3]string{"Putin in Riga", "https://world.example/riga", g}))
			if rep, alerts := h.poll(); len(alerts) != 1 || rep.New != 1 {
				t.Fatalf("first feed: %d new, %d alerts", rep.New, len(alerts))
			}
			fs.set("/politics.rss", rssGUID(now, [3]string{"Putin in Oslo", "https://politics.example/oslo", g}))
			if rep, alerts := h.poll(); len(alerts) != 1 || rep.New != 1 {
				t.Fatalf("second feed: %d new, %d alerts", rep.New, len(alerts))
			}
		})
	}
}
