package commands

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

const testConfig = `
aliases:
  putin: ["Vladimir Putin", "Putin"]
feeds:
  - { name: World Desk, url: "https://news.example.org/world.rss" }
  - { name: Wire, url: "https://wire.example.org/all.rss", schedule: "@every 10m" }
watches:
  - { name: russia-watch, query: '@putin AND election', channels: [newsroom] }
  - { name: golf, keywords: [golf] }
channels:
  newsroom: { discord: "123456789012345678" }
  desk: { discord: "123456789012345679" }
discord: { token: T }
`

// lookups is Lookups over a real store and watcher, at a fixed time.
func lookups(t *testing.T) (*Lookups, *store.Store, *watchers.Watcher, time.Time) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(testConfig), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w, err := watchers.New(watchers.Options{Config: cfg, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC)
	return &Lookups{Store: st, Pipeline: w, Now: func() time.Time { return now }}, st, w, now
}

// seed stores one processed article as the pipeline does, matched by
// watches (alerted when published).
func seed(t *testing.T, st *store.Store, a store.Article, quotes []store.Quote, watches ...string) {
	t.Helper()
	ctx := context.Background()
	a.SeenAt, a.Status, a.Identity = a.Published, store.StatusPending, a.URL
	added, err := st.AddArticles(ctx, []store.Article{a})
	if err != nil || len(added) != 1 {
		t.Fatalf("add article: %v (%d added)", err, len(added))
	}
	a = added[0]
	var ms []store.Match
	for _, w := range watches {
		ms = append(ms, store.Match{Watch: w, Explanation: `[]`})
	}
	c := store.Completion{Article: a, Matches: ms, Quotes: quotes,
		FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(watchers.Document(a).Body)}
	if _, err := st.CompleteArticles(ctx, []store.Completion{c}, a.Published); err != nil {
		t.Fatal(err)
	}
}

func wantProblem(t *testing.T, what string, p *Problem, kind ProblemKind, says string) {
	t.Helper()
	if p == nil {
		t.Fatalf("%s: no problem, want %d %q", what, kind, says)
	}
	if p.Kind != kind || !strings.Contains(p.Error(), says) {
		t.Errorf("%s: problem %d %q, want %d containing %q", what, p.Kind, p.Error(), kind, says)
	}
}

func TestLatest(t *testing.T) {
	l, st, _, now := lookups(t)
	ctx := context.Background()
	seed(t, st, store.Article{URL: "https://n.example.org/a", Feed: "Wire", Title: "Putin election A", Published: now.Add(-3 * time.Hour),
		Text: "Putin and the election."}, nil, "russia-watch")
	seed(t, st, store.Article{URL: "https://n.example.org/b", Feed: "Wire", Title: "Golf B", Published: now.Add(-1 * time.Hour),
		Text: "Golf."}, nil, "golf")

	_, p := l.Latest(ctx, "", 0)
	wantProblem(t, "count 0", p, BadInput, "count must be between 1 and 10")
	_, p = l.Latest(ctx, "nope", 5)
	wantProblem(t, "unknown watch", p, NotFound, "There is no watch named “nope”")
	if p.Msg[1] != (Span{Kind: Value, S: "nope"}) {
		t.Errorf("the watch's name is not kept apart as a value: %#v", p.Msg)
	}

	all, p := l.Latest(ctx, "", 5)
	if p != nil || len(all.Alerts) != 2 || all.Alerts[0].Article.Title != "Golf B" || all.Alerts[1].Watch != "russia-watch" {
		t.Fatalf("latest of all: %+v %v, want Golf B then the russia-watch alert", all, p)
	}
	one, p := l.Latest(ctx, " russia-watch ", 5)
	if p != nil || one.Watch != "russia-watch" || len(one.Alerts) != 1 || one.Alerts[0].Article.Title != "Putin election A" {
		t.Fatalf("latest of russia-watch: %+v %v", one, p)
	}
}

func TestFeeds(t *testing.T) {
	l, st, _, now := lookups(t)
	ctx := context.Background()
	done := make(chan error, 1)
	if err := st.RecordFeedState(ctx, store.FeedState{Name: "Wire", URL: "https://wire.example.org/all.rss",
		LastError: "HTTP 503", LastErrorAt: now, Failures: 2}, func(err error) { done <- err }); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	ans, p := l.Feeds(ctx)
	if p != nil || len(ans.Feeds) != 2 || ans.Failing != 1 {
		t.Fatalf("feeds: %+v %v, want two feeds, one failing", ans, p)
	}
	if f := ans.Feeds[1]; f.Name != "Wire" || f.State.Failures != 2 || f.State.LastError != "HTTP 503" {
		t.Errorf("Wire: %+v", f)
	}
	if ans.Feeds[0].Name != "World Desk" || ans.Feeds[0].State.Failures != 0 {
		t.Errorf("World Desk: %+v", ans.Feeds[0])
	}
}

func TestQuotes(t *testing.T) {
	l, st, _, now := lookups(t)
	ctx := context.Background()
	seed(t, st, store.Article{URL: "https://n.example.org/q1", Feed: "Wire", Title: "Kremlin on the vote", Published: now.Add(-48 * time.Hour),
		Text: "Text."}, []store.Quote{{Speaker: "Dmitry Peskov", Text: "We will not comment on the election."}})
	seed(t, st, store.Article{URL: "https://n.example.org/q2", Feed: "Wire", Title: "Kremlin on gas", Published: now.Add(-2 * time.Hour),
		Text: "Text."}, []store.Quote{{Speaker: "Dmitry Peskov", Text: "Gas flows as agreed."}})
	clean := strings.TrimSpace

	ans, p := l.Quotes(ctx, QuotesArgs{Speaker: " Peskov "}, clean)
	if p != nil || ans.Args.Speaker != "Peskov" || len(ans.Quotes) != 2 || ans.Quotes[0].Text != "Gas flows as agreed." {
		t.Fatalf("by surname: %+v %v, want both, newest first", ans, p)
	}
	ans, p = l.Quotes(ctx, QuotesArgs{Speaker: "Dmitry Peskov", About: "election"}, clean)
	if p != nil || len(ans.Quotes) != 1 || !strings.Contains(ans.Quotes[0].Text, "election") {
		t.Fatalf("about election: %+v %v", ans, p)
	}
	ans, p = l.Quotes(ctx, QuotesArgs{Speaker: "Peskov", Days: 1}, clean)
	if p != nil || len(ans.Quotes) != 1 || ans.Quotes[0].Text != "Gas flows as agreed." {
		t.Fatalf("last day: %+v %v", ans, p)
	}
	// A name typed in quotation marks (Discord's speaker option, Slack's text).
	for _, typed := range []string{`"Dmitry Peskov"`, "“Peskov”", "'Peskov'"} {
		if ans, p := l.Quotes(ctx, QuotesArgs{Speaker: typed}, clean); p != nil || len(ans.Quotes) != 2 {
			t.Errorf("speaker %s: %+v %v", typed, ans, p)
		}
	}
	_, p = l.Quotes(ctx, QuotesArgs{Speaker: `""`}, clean)
	wantProblem(t, "empty quotation marks", p, BadInput, "Give a speaker's name")
	_, p = l.Quotes(ctx, QuotesArgs{Speaker: "  "}, clean)
	wantProblem(t, "no speaker", p, BadInput, "Give a speaker's name")
	_, p = l.Quotes(ctx, QuotesArgs{Speaker: strings.Repeat("x", MaxSpeaker+1)}, clean)
	wantProblem(t, "long speaker", p, BadInput, "too long")
	_, p = l.Quotes(ctx, QuotesArgs{Speaker: "Peskov", Days: MaxDays + 1}, clean)
	wantProblem(t, "days", p, BadInput, "days must be between")
	_, p = l.Quotes(ctx, QuotesArgs{Speaker: "Peskov", About: `"election`}, clean)
	wantProblem(t, "bad about", p, BadInput, "That query does not parse")
	if last := p.Msg[len(p.Msg)-1]; last.Kind != Code || !strings.Contains(last.S, "^") {
		t.Errorf("the parser's message is not a code span with its caret: %#v", p.Msg)
	}
}

func TestSearchPage(t *testing.T) {
	l, st, _, now := lookups(t)
	ctx := context.Background()
	for i, title := range []string{"Vote count A", "Vote count B", "Vote count C"} {
		seed(t, st, store.Article{URL: "https://n.example.org/v" + title[len(title)-1:], Feed: "Wire", Title: title,
			Published: now.Add(time.Duration(i-10) * time.Hour), Text: "Putin and the election count."}, nil, "russia-watch")
	}
	ans, p := l.SearchPage(ctx, SearchArgs{Query: "@putin AND count"}, 0)
	if p != nil || len(ans.Hits) != 3 || ans.More || ans.Hits[0].Article.Title != "Vote count C" {
		t.Fatalf("search: %+v %v, want three hits, C first", ans, p)
	}
	_, p = l.SearchPage(ctx, SearchArgs{Query: " "}, 0)
	wantProblem(t, "empty", p, BadInput, "The query is empty.")
	_, p = l.SearchPage(ctx, SearchArgs{Query: strings.Repeat("a ", MaxQueryChars)}, 0)
	wantProblem(t, "long", p, BadInput, "The query is too long")
	_, p = l.SearchPage(ctx, SearchArgs{Query: "x", Days: -1}, 0)
	wantProblem(t, "days", p, BadInput, "days must be between")
	_, p = l.SearchPage(ctx, SearchArgs{Query: "x", Watch: "nope"}, 0)
	wantProblem(t, "watch", p, NotFound, "There is no watch named")
}

func TestChangeWatch(t *testing.T) {
	l, _, w, _ := lookups(t)
	ctx := context.Background()
	active := func(name string) (watchers.WatchInfo, bool) {
		for _, info := range w.Watches() {
			if info.Name == name {
				return info, true
			}
		}
		return watchers.WatchInfo{}, false
	}
	add := WatchChange{Action: "add", Name: "moldova", Query: "moldova OR chisinau", Channel: "desk", User: "u1"}

	_, p := l.ChangeWatch(ctx, WatchChange{Action: "add", Name: "two words", Query: "x", Channel: "desk"})
	wantProblem(t, "bad name", p, BadInput, "letters, digits")
	bad := add
	bad.Channel = "nowhere"
	_, p = l.ChangeWatch(ctx, bad)
	wantProblem(t, "channel", p, NotFound, "There is no channel named “nowhere” in the configuration. Channels: desk, newsroom.")
	_, p = l.ChangeWatch(ctx, WatchChange{Action: "remove", Name: "golf"})
	wantProblem(t, "file watch", p, Forbidden, "read-only from chat")

	done, p := l.ChangeWatch(ctx, add)
	if p != nil || done.String() != "Watch “moldova” added: its alerts go to “desk” from the next articles on." {
		t.Fatalf("add: %q %v", done, p)
	}
	if info, ok := active("moldova"); !ok || !info.FromChat || info.Paused {
		t.Fatalf("after add the pipeline has %+v %v", info, ok)
	}
	_, p = l.ChangeWatch(ctx, add)
	wantProblem(t, "add twice", p, BadInput, "already exists")
	if _, p = l.ChangeWatch(ctx, WatchChange{Action: "pause", Name: "moldova"}); p != nil {
		t.Fatal(p)
	}
	if info, _ := active("moldova"); !info.Paused {
		t.Error("pause left the watch active")
	}
	if _, p = l.ChangeWatch(ctx, WatchChange{Action: "remove", Name: "moldova"}); p != nil {
		t.Fatal(p)
	}
	if _, ok := active("moldova"); ok {
		t.Error("the removed watch is still active")
	}
	_, p = l.ChangeWatch(ctx, WatchChange{Action: "remove", Name: "moldova"})
	wantProblem(t, "remove twice", p, NotFound, "no chat-managed watch")
	_, p = l.ChangeWatch(ctx, WatchChange{Action: "rename", Name: "moldova"})
	wantProblem(t, "unknown action", p, BadInput, "Unknown /watch subcommand")
	var asErr error = p
	if !errors.As(asErr, new(*Problem)) {
		t.Error("a Problem is not an error")
	}
}

func TestWhy(t *testing.T) {
	l, st, _, now := lookups(t)
	ctx := context.Background()
	seed(t, st, store.Article{URL: "https://n.example.org/w", Feed: "Wire", Title: "Golf", Published: now, Text: "Golf."}, nil, "golf", "russia-watch")
	// As typed with a tracking parameter, the canonical link finds it.
	ans, p := l.Why(ctx, " https://n.example.org/w?utm_source=x ")
	if p != nil || ans.Article.Title != "Golf" || len(ans.Matches) != 2 {
		t.Fatalf("why: %+v %v, want the article and its two matches", ans, p)
	}
	_, p = l.Why(ctx, "https://n.example.org/unseen")
	wantProblem(t, "unseen", p, NotFound, "has not seen that article")
}
