package rendertest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// World is a real store (SQLite in a temporary folder) and watcher with an
// archive that every command can answer from: election articles of a
// watch, articles with markdown, unicode and very long text, a story with
// many speakers, and feeds that fail.
type World struct {
	Store    *store.Store
	Pipeline Pipeline
	Now      time.Time
}

// Pipeline is the world's watcher, whose next polls are told from the
// world's present (the watcher's scheduler reads the clock).
type Pipeline struct {
	*watchers.Watcher
	now time.Time
}

// NextPoll is notBefore, or ten minutes from the world's present.
func (p Pipeline) NextPoll(feed string, notBefore time.Time) time.Time {
	if notBefore.IsZero() {
		return p.now.Add(10 * time.Minute)
	}
	return notBefore
}

const worldConfig = `
aliases:
  putin: ["Vladimir Putin", "Putin"]
feeds:
  - { name: World Desk, url: "https://news.example.org/world.rss" }
  - { name: Wire, url: "https://wire.example.org/all.rss", schedule: "@every 10m" }
  - { name: Markdown Feed, url: "https://md.example.org/all.rss" }
watches:
  - { name: russia-watch, query: '@putin AND election', channels: [newsroom] }
  - { name: golf, keywords: [golf] }
  - { name: kyiv, query: 'kyiv OR київ OR café', channels: [newsroom], digest: "0 8 * * *" }
`

// NewWorld builds the world; platform is the configuration's channels and
// platform sections (the channel newsroom must be among them).
func NewWorld(tb testing.TB, platform string) *World {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(worldConfig+platform), config.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "n.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	w, err := watchers.New(watchers.Options{Config: cfg, Store: st})
	if err != nil {
		tb.Fatal(err)
	}
	wd := &World{Store: st, Pipeline: Pipeline{Watcher: w, now: Now}, Now: Now}
	wd.seed(tb)
	return wd
}

func body(words ...string) string {
	return strings.Join(words, " ") + " " + strings.Repeat("Officials gave no further details on the matter today. ", 6)
}

// add stores articles the way the pipeline does, as one story when story
// is not 0, each with its quotes and its matches (watch: explanation).
func (wd *World) add(tb testing.TB, story int64, as []store.Article, quotes [][]store.Quote, matches []map[string][]alert.Why) {
	tb.Helper()
	ctx := context.Background()
	for i := range as {
		if as[i].Identity == "" {
			as[i].Identity = as[i].URL
		}
		as[i].Status, as[i].SeenAt = store.StatusPending, wd.Now.Add(-time.Duration(len(as)-i)*time.Minute)
	}
	added, err := wd.Store.AddArticles(ctx, as)
	if err != nil || len(added) != len(as) {
		tb.Fatalf("add articles: %v (%d of %d added)", err, len(added), len(as))
	}
	for i, a := range added {
		a.TextSource = "page"
		c := store.Completion{Article: a, FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(watchers.Document(a).Body)}
		if quotes != nil {
			c.Quotes = quotes[i]
		}
		if matches != nil {
			for watch, why := range matches[i] {
				ex, err := json.Marshal(why)
				if err != nil {
					tb.Fatal(err)
				}
				c.Matches = append(c.Matches, store.Match{Watch: watch, Explanation: string(ex)})
			}
		}
		if story != 0 {
			c.Story = &store.Story{ID: story, First: wd.Now, Last: wd.Now, Articles: i + 1, State: []byte(`{}`)}
		}
		matched := a.Published
		if matched.IsZero() {
			matched = wd.Now
		}
		if _, err := wd.Store.CompleteArticles(ctx, []store.Completion{c}, matched); err != nil {
			tb.Fatal(err)
		}
	}
}

func (wd *World) seed(tb testing.TB) {
	now := wd.Now
	var elections []store.Article
	var electionMatches []map[string][]alert.Why
	for i := range 12 {
		elections = append(elections, store.Article{
			URL: fmt.Sprintf("https://news.example.org/world/election-%02d", i), Feed: "World Desk",
			Title: fmt.Sprintf("Election update %02d", i), Published: now.Add(-time.Duration(12-i) * time.Hour),
			Text: body("Putin spoke about the election in Moldova."),
		})
		electionMatches = append(electionMatches, map[string][]alert.Why{"russia-watch": {
			{Term: "@putin", Field: "body", Snippet: "Putin spoke about the election in Moldova."},
			{Term: "election", Field: "title", Snippet: fmt.Sprintf("Election update %02d", i)},
		}})
	}
	wd.add(tb, 0, elections, nil, electionMatches)

	wd.add(tb, 0, []store.Article{
		{URL: "https://wire.example.org/golf", Feed: "Wire", Title: "Golf open @everyone <@&345678901234567890> wins",
			Published: now.Add(-30 * 24 * time.Hour), Text: body("The golf open ended in a playoff.")},
		{URL: "https://md.example.org/a_(b)", Identity: "https://md.example.org/canonical_(b)", Feed: "Feed **b** @everyone", Title: Markdown,
			Published: now.Add(-3 * 24 * time.Hour), Text: body("Golf and the election:", Markdown)},
		{URL: "https://news.example.com/ü/Київ", Feed: "Агентство ✦ 通信社", Title: "Zelensky\u200b meets 👩‍👩‍👧 in Kyiv 🇺🇦 \u202egnp.exe\u202c café",
			Published: now.Add(-5 * time.Hour), Text: body("Talks in Kyiv and Київ went on at the café, 東京で会談が行われた。")},
		{URL: "https://long.example.org/" + strings.Repeat("p", 300), Feed: strings.Repeat("Long Outlet ", 20),
			Title: strings.Repeat("A very long headline about the election ", 12), Text: body(strings.Repeat("The election in Kyiv went on and on. ", 60))},
		{URL: "https://undated.example.org/x", Feed: "Wire", Title: "", Text: body("An untitled golf article.")},
	}, [][]store.Quote{
		{{Speaker: "Jane Doe", Text: "It was the best round of my life."}},
		{{Speaker: "**Mr** _Underscore_ @here", Text: "*Not* bold, `not` code, @everyone,"}, {Speaker: "", Text: "“An unattributed quote,”"}},
		{{Speaker: "Дмитрий Песков", Text: "«Мы не вмешивались»"}, {Speaker: "田中", Text: "「それは違う」"}},
		{{Speaker: strings.TrimSpace(strings.Repeat("Long Name ", 20)), Text: strings.Repeat("A long quote that goes on ", 40)}},
		nil,
	}, []map[string][]alert.Why{
		{"golf": {{Term: "golf", Field: "title", Snippet: "Golf open @everyone <@&345678901234567890> wins"}}},
		{"golf": {{Term: "golf", Field: "body", Snippet: "… Golf and the election: **Breaking** __news__ …"}}, "russia-watch": nil},
		{"kyiv": {{Term: "kyiv", Field: "body", Snippet: "Talks in Kyiv and Київ went on"}, {Term: "café", Field: "title", Snippet: "café"}}},
		{"russia-watch": {{Term: "election", Field: "title", Snippet: strings.Repeat("A very long headline about the election ", 12)}}},
		{"golf": nil}, // no explanation recorded
	})

	wd.add(tb, 0, []store.Article{
		{URL: "https://news.example.org/world/kremlin", Feed: "World Desk", Title: "Kremlin denies claims",
			Published: now.Add(-2 * 24 * time.Hour), Text: body(`"These claims are fabricated," said Dmitry Peskov.`)},
		{URL: "https://news.example.org/world/sanctions", Feed: "World Desk", Title: "Sanctions widen",
			Published: now.Add(-10 * 24 * time.Hour), Text: body(`"Sanctions will not work," Peskov told reporters.`)},
	}, [][]store.Quote{
		{{Speaker: "Dmitry Peskov", Text: "These claims are fabricated,"}, {Speaker: "Anna Petrova", Text: "We will see."}},
		{{Speaker: "Dmitry Peskov", Text: "Sanctions will not work,"}},
	}, nil)

	// A story of five outlets, with many speakers and quotes.
	var storyArticles []store.Article
	var storyQuotes [][]store.Quote
	for i, feed := range []string{"Agency", "Reuters", "Le Monde", "Le  Monde", "**Daily** @here"} {
		storyArticles = append(storyArticles, store.Article{
			URL: fmt.Sprintf("https://story%d.example/valmora", i), Feed: feed, Title: fmt.Sprintf("Putin to visit Valmora, report %d", i),
			Published: now.Add(-time.Duration(10-i) * time.Hour), Text: body("Putin will visit Valmora for the election."),
		})
		var qs []store.Quote
		for s := range 3 {
			qs = append(qs, store.Quote{Speaker: fmt.Sprintf("Speaker %02d", i*3+s), Text: fmt.Sprintf("Quote %d of article %d,", s, i)})
		}
		qs = append(qs, store.Quote{Speaker: "Dmitry Peskov", Text: fmt.Sprintf("“The visit will take place, part %d,”", i)},
			store.Quote{Speaker: "Dmitry Peskov", Text: fmt.Sprintf("Another thing he said in article %d.", i)},
			store.Quote{Speaker: "", Text: fmt.Sprintf("Unattributed %d,", i)})
		storyQuotes = append(storyQuotes, qs)
	}
	wd.add(tb, 7, storyArticles, storyQuotes, nil)

	ctx := context.Background()
	for _, fs := range []store.FeedState{
		{Name: "World Desk", URL: "https://news.example.org/world.rss", LastPoll: now.Add(-time.Hour), LastSuccess: now.Add(-26 * time.Hour),
			LastError:   "feed: fetch https://news.example.org/world.rss: HTTP 503 **Service** Unavailable @everyone\n<html>" + strings.Repeat(" error", 80),
			LastErrorAt: now.Add(-time.Hour), Failures: 4, NextPoll: now.Add(30 * time.Minute)},
		{Name: "Wire", URL: "https://wire.example.org/all.rss", LastPoll: now.Add(-5 * time.Minute), LastSuccess: now.Add(-5 * time.Minute)},
	} {
		done := make(chan error, 1)
		if err := wd.Store.RecordFeedState(ctx, fs, func(err error) { done <- err }); err != nil {
			tb.Fatal(err)
		}
		if err := <-done; err != nil {
			tb.Fatal(err)
		}
	}
}
