package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// complete stores a processed article; title and body are given already
// folded (lower case, single spaces), as the pipeline indexes them.
func complete(t testing.TB, s *Store, a Article, quotes []Quote, matchedAt time.Time, watches ...string) Article {
	t.Helper()
	ctx := context.Background()
	a.Status = StatusPending
	if a.SeenAt.IsZero() {
		a.SeenAt = matchedAt
	}
	added, err := s.AddArticles(ctx, []Article{a})
	if err != nil || len(added) != 1 {
		t.Fatalf("add: %v", err)
	}
	a = added[0]
	var ms []Match
	for _, w := range watches {
		ms = append(ms, Match{Watch: w, Explanation: `[]`})
	}
	c := Completion{Article: a, Quotes: quotes, Matches: ms, FoldedTitle: strings.ToLower(a.Title), FoldedBody: strings.ToLower(a.Text)}
	if _, err := s.CompleteArticles(ctx, []Completion{c}, matchedAt); err != nil {
		t.Fatal(err)
	}
	a.Status = StatusDone
	return a
}

func TestSearchArticles(t *testing.T) { engines(t, testSearchArticles) }

func testSearchArticles(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	a := complete(t, s, Article{Identity: "a", Feed: "F", Title: "Putin speaks", Text: "election interference claims", Published: now.Add(-3 * day)}, nil, now, "w1")
	b := complete(t, s, Article{Identity: "b", Feed: "F", Title: "Meddling alleged", Text: "putin denies meddling", Published: now.Add(-1 * day)}, nil, now, "w2")
	complete(t, s, Article{Identity: "c", Feed: "F", Title: "Undated", Text: "putin again", SeenAt: now.Add(-2 * day)}, nil, now)
	if _, err := s.AddArticles(ctx, []Article{{Identity: "d", Feed: "F", Title: "putin pending", SeenAt: now, Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	ids := func(q ArticleSearch, limit int) string {
		var got []string
		err := s.SearchArticles(ctx, q, func(a Article) (bool, error) {
			got = append(got, a.Identity)
			return len(got) < limit, nil
		})
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		return strings.Join(got, ",")
	}
	for _, walk := range []bool{false, true} {
		// Few hits are sorted by date; many are read along the date index:
		// the same results either way.
		s.sortedSearch = 0
		if walk {
			s.sortedSearch = -1
		}
		for _, tc := range []struct {
			name  string
			q     ArticleSearch
			limit int
			want  string
		}{
			// Newest first by publication, the undated c by when it was
			// recorded — not in the order they were recorded (a, b, c).
			{"word, newest first", ArticleSearch{Match: `"putin"`}, 10, "b,c,a"},
			{"stops when told", ArticleSearch{Match: `"putin"`}, 2, "b,c"},
			{"phrase", ArticleSearch{Match: `"election interference"`}, 10, "a"},
			{"phrase in order only", ArticleSearch{Match: `"interference election"`}, 10, ""},
			{"prefix", ArticleSearch{Match: `"medd"*`}, 10, "b"},
			{"boolean", ArticleSearch{Match: `"putin"` + " AND " + `"meddling"`}, 10, "b"},
			{"since", ArticleSearch{Match: `"putin"`, Since: now.Add(-50 * time.Hour)}, 10, "b,c"},
			{"watch", ArticleSearch{Match: `"putin"`, Watch: "w1"}, 10, "a"},
			{"no full-text filter", ArticleSearch{}, 10, "b,c,a"},
			{"quote in words cannot break out", ArticleSearch{Match: `"putin"" OR ""x"`}, 10, ""},
		} {
			t.Run(fmt.Sprintf("%s walk=%v", tc.name, walk), func(t *testing.T) {
				if got := ids(tc.q, tc.limit); got != tc.want {
					t.Fatalf("got %q, want %q", got, tc.want)
				}
			})
		}
	}
	s.sortedSearch = 0
	if n, err := s.CountArticles(ctx, now.Add(-50*time.Hour)); err != nil || n != 2 {
		t.Fatalf("CountArticles since 50h ago = %d, %v; want 2 (b, and c by its recorded time)", n, err)
	}
	got, err := s.ArticleMatches(ctx, a.ID)
	if err != nil || len(got) != 1 || got[0].Watch != "w1" || got[0].Explanation != "[]" {
		t.Fatalf("ArticleMatches: %+v %v", got, err)
	}
	if byID, err := s.ArticleByID(ctx, b.ID); err != nil || byID == nil || byID.Identity != "b" {
		t.Fatalf("ArticleByID: %+v %v", byID, err)
	}
}

func TestLatestMatches(t *testing.T) { engines(t, testLatestMatches) }

func testLatestMatches(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for i := range 5 {
		w := "even"
		if i%2 == 1 {
			w = "odd"
		}
		complete(t, s, Article{Identity: fmt.Sprint(i), Feed: "F", Title: fmt.Sprint("t", i)}, nil, now.Add(time.Duration(i)*time.Minute), w)
	}
	ms, err := s.LatestMatches(ctx, "", 3)
	if err != nil || len(ms) != 3 || ms[0].Article.Title != "t4" || ms[2].Article.Title != "t2" || ms[0].Watch != "even" {
		t.Fatalf("latest: %+v %v", ms, err)
	}
	ms, err = s.LatestMatches(ctx, "odd", 10)
	if err != nil || len(ms) != 2 || ms[0].Article.Title != "t3" || ms[1].Article.Title != "t1" {
		t.Fatalf("latest odd: %+v %v", ms, err)
	}
	// One poll's articles are matched together, in feed order (newest
	// first): they are listed by publication, not by when they matched.
	polled := now.Add(time.Hour)
	for i := range 3 {
		complete(t, s, Article{Identity: fmt.Sprint("p", i), Feed: "F", Title: fmt.Sprint("p", i), Published: now.Add(time.Duration(-i) * time.Minute)},
			nil, polled.Add(time.Duration(i)*time.Second), "poll")
	}
	ms, err = s.LatestMatches(ctx, "poll", 10)
	if err != nil || len(ms) != 3 || ms[0].Article.Title != "p0" || ms[2].Article.Title != "p2" {
		t.Fatalf("latest of one poll: %+v %v", ms, err)
	}
}

func TestQuotesBy(t *testing.T) { engines(t, testQuotesBy) }

func testQuotesBy(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	complete(t, s, Article{Identity: "old", Feed: "F", Title: "Old", Published: now.Add(-10 * 24 * time.Hour)}, []Quote{{Speaker: "Dmitry Peskov", Text: "old words"}}, now)
	complete(t, s, Article{Identity: "new", Feed: "F", Title: "New", Published: now}, []Quote{
		{Speaker: "Dmitry Peskov", Text: "first"}, {Speaker: "Anna Peskova", Text: "not him"}, {Speaker: "", Text: "nobody"}, {Speaker: "Peskov", Text: "second"},
	}, now)
	complete(t, s, Article{Identity: "ru", Feed: "F", Title: "Ru", Published: now.Add(-time.Hour)}, []Quote{{Speaker: "Дмитрий Песков", Text: "по-русски"}}, now)
	by := func(name string, since time.Time) string {
		var got []string
		if err := s.QuotesBy(ctx, name, since, func(q SpeakerQuote) (bool, error) {
			got = append(got, q.Text)
			return true, nil
		}); err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, "|")
	}
	for _, tc := range []struct{ name, want string }{
		{"Peskov", "first|second|old words"},
		{"peskov", "first|second|old words"},
		{"Dmitry Peskov", "first|old words"},
		{"DMITRY  PESKOV", "first|old words"},
		{"Dmitry", ""},
		{"песков", "по-русски"},
		{"50%_", ""},
		{"", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := by(tc.name, time.Time{}); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := by("Peskov", now.Add(-24*time.Hour)); got != "first|second" {
		t.Fatalf("since: %q", got)
	}
}

// TestSearchWalksInDateOrder: a search with many hits reads the articles
// newest first across pages of the walk (PostgreSQL's go walkPage at a
// time), dates shared by several and undated articles included, each once.
func TestSearchWalksInDateOrder(t *testing.T) { engines(t, testSearchWalksInDateOrder) }

func testSearchWalksInDateOrder(t *testing.T, e engine) {
	s, _ := e.open(t)
	s.sortedSearch = -1 // always walk the date index
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	const n = 2*walkPage + 37
	type key struct {
		date int64
		id   int64
	}
	var want []key
	for i := range n {
		a := Article{Identity: fmt.Sprint("https://e.org/", i), Feed: "F", Title: "Walk", Text: "common words", TextSource: "page",
			SeenAt: base.Add(time.Duration(i%50) * time.Hour)}
		if i%4 != 0 {
			a.Published = base.Add(time.Duration(i/3) * time.Hour) // three articles a date
		}
		a = complete(t, s, a, nil, base)
		date := a.Published
		if date.IsZero() {
			date = a.SeenAt
		}
		want = append(want, key{date.Unix(), a.ID})
	}
	slices.SortFunc(want, func(a, b key) int {
		if a.date != b.date {
			return cmp.Compare(b.date, a.date)
		}
		return cmp.Compare(b.id, a.id)
	})
	var got []key
	err := s.SearchArticles(context.Background(), ArticleSearch{Match: `"walk"`}, func(a Article) (bool, error) {
		date := a.Published
		if date.IsZero() {
			date = a.SeenAt
		}
		got = append(got, key{date.Unix(), a.ID})
		return true, nil
	})
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("walk read %d articles (%v), want %d in date order\n got %v\nwant %v", len(got), err, len(want), got, want)
	}
	// Stopping early stops the walk.
	read := 0
	err = s.SearchArticles(context.Background(), ArticleSearch{Match: `"walk"`}, func(a Article) (bool, error) {
		read++
		return read < walkPage+5, nil
	})
	if err != nil || read != walkPage+5 {
		t.Errorf("stopped walk read %d (%v)", read, err)
	}
}
