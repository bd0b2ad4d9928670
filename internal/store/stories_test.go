package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStories(t *testing.T) { engines(t, testStories) }

func testStories(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	added, err := s.AddArticles(ctx, []Article{
		{Identity: "https://e.org/a", Feed: "A", SeenAt: now, Status: StatusPending},
		{Identity: "https://e.org/b", Feed: "B", SeenAt: now, Status: StatusPending},
		{Identity: "https://e.org/c", Feed: "B", SeenAt: now, Status: StatusPending},
	})
	if err != nil || len(added) != 3 {
		t.Fatalf("add: %v", err)
	}
	one := &Story{ID: 7, First: now.Add(-time.Hour), Last: now.Add(-time.Hour), Articles: 1, State: []byte(`{"id":7,"articles":1}`)}
	two := &Story{ID: 7, First: now.Add(-time.Hour), Last: now, Articles: 2, State: []byte(`{"id":7,"articles":2}`)}
	old := &Story{ID: 3, First: now.Add(-72 * time.Hour), Last: now.Add(-72 * time.Hour), Articles: 1, State: []byte(`{"id":3}`)}
	// The story's second article is completed before its first: the row keeps the state with two.
	if _, err := s.CompleteArticles(ctx, []Completion{{Article: added[1], Story: two}, {Article: added[0], Story: one}, {Article: added[2], Story: old}}, now); err != nil {
		t.Fatal(err)
	}
	stories, maxID, err := s.Stories(ctx, now.Add(-36*time.Hour))
	if err != nil || maxID != 7 || len(stories) != 1 {
		t.Fatalf("Stories = %+v, max %d, %v", stories, maxID, err)
	}
	if got := stories[0]; got.ID != 7 || got.Articles != 2 || string(got.State) != `{"id":7,"articles":2}` || !got.Last.Equal(now) {
		t.Errorf("story row %+v (%s), want the state with two articles", got, got.State)
	}
	for identity, want := range map[string]int64{"https://e.org/a": 7, "https://e.org/b": 7, "https://e.org/c": 3, "https://e.org/none": 0} {
		if got, err := s.ArticleStory(ctx, identity); err != nil || got != want {
			t.Errorf("story of %s: %d, %v; want %d", identity, got, err, want)
		}
	}
}

func TestStoryAlertsOnce(t *testing.T) { engines(t, testStoryAlertsOnce) }

func testStoryAlertsOnce(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	added, err := s.AddArticles(ctx, []Article{
		{Identity: "https://e.org/a", Feed: "A", SeenAt: now, Status: StatusPending},
		{Identity: "https://e.org/b", Feed: "B", SeenAt: now, Status: StatusPending},
		{Identity: "https://e.org/c", Feed: "C", SeenAt: now, Status: StatusPending},
	})
	if err != nil || len(added) != 3 {
		t.Fatalf("add: %v", err)
	}
	story := &Story{ID: 1, First: now, Last: now, Articles: 1, State: []byte(`{}`)}
	match := func(watch string) []Match {
		return []Match{{Watch: watch, Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`alert`), Update: []byte(`update`)}}}}
	}
	// a and b in one transaction, c (another watch) and then b's second watch later
	if _, err := s.CompleteArticles(ctx, []Completion{
		{Article: added[0], Story: story, Matches: match("w")},
		{Article: added[1], Story: story, Matches: match("w")},
	}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CompleteArticles(ctx, []Completion{{Article: added[2], Story: story, Matches: append(match("v"), match("w")...)}}, now); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueStdout(ctx, now.Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range due {
		got = append(got, it.Watch+":"+string(it.Payload))
	}
	want := []string{"w:alert", "w:update", "v:alert", "w:update"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("queued %v, want %v", got, want)
	}
}

// TestPruneStories: a prune deletes the stories last seen before its cutoff
// that no kept article belongs to, and clears their articles' story; the
// highest story id is kept, so ids are not given out again after a restart.
func TestPruneStories(t *testing.T) { engines(t, testPruneStories) }

func testPruneStories(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	old, recent := now.Add(-100*24*time.Hour), now.Add(-time.Hour)
	added, err := s.AddArticles(ctx, []Article{
		{Identity: "https://e.org/old1", Feed: "A", SeenAt: old, Status: StatusPending},
		{Identity: "https://e.org/old2", Feed: "A", SeenAt: old, Status: StatusPending},
		{Identity: "https://e.org/old3", Feed: "A", SeenAt: old, Status: StatusPending},
		{Identity: "https://e.org/kept", Feed: "B", SeenAt: recent, Status: StatusPending},
		{Identity: "https://e.org/last", Feed: "B", SeenAt: old, Status: StatusPending},
	})
	if err != nil || len(added) != 5 {
		t.Fatalf("add: %v", err)
	}
	st := func(id int64, last time.Time) *Story {
		return &Story{ID: id, First: last, Last: last, Articles: 1, State: []byte(`{}`)}
	}
	// 1: old, gone. 2: last seen long ago by its date, but an article seen
	// recently (kept) belongs to it. 3: recent. 9: old, but the highest id.
	if _, err := s.CompleteArticles(ctx, []Completion{
		{Article: added[0], Story: st(1, old)},
		{Article: added[1], Story: st(2, old)},
		{Article: added[2], Story: st(3, recent)},
		{Article: added[3], Story: st(2, old)},
		{Article: added[4], Story: st(9, old)},
	}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, now.Add(-90*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	stories, maxID, err := s.Stories(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, st := range stories {
		ids = append(ids, st.ID)
	}
	if !slices.Equal(ids, []int64{2, 9, 3}) || maxID != 9 {
		t.Errorf("stories after prune %v (max %d), want [2 9 3] (max 9)", ids, maxID)
	}
	for identity, want := range map[string]int64{"https://e.org/old1": 0, "https://e.org/old2": 2, "https://e.org/old3": 3, "https://e.org/kept": 2, "https://e.org/last": 9} {
		if got, err := s.ArticleStory(ctx, identity); err != nil || got != want {
			t.Errorf("story of %s: %d, %v; want %d", identity, got, err, want)
		}
	}
	// Every story_id left points at a row (the foreign key holds).
	var dangling int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL AND story_id NOT IN (SELECT id FROM stories)`).Scan(&dangling); err != nil || dangling != 0 {
		t.Errorf("%d articles point at a deleted story (%v)", dangling, err)
	}
}

// TestStoriesGroupCommit: polls recorded at once whose articles join one
// story leave its row as it stands with the most articles committed; the
// row of a record the database refuses is not written (its batch is redone
// without it), and every article stored points at the row.
func TestStoriesGroupCommit(t *testing.T) { engines(t, testStoriesGroupCommit) }

func testStoriesGroupCommit(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	const n = 40
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("F%02d", i)
			rec := PollRecord{Feed: FeedState{Name: name, URL: "https://" + name, LastPoll: now, LastSuccess: now}}
			if i == n-1 { // the story's latest state, refused with its record
				rec.Added = []Article{{Identity: "https://e.org/bad", Feed: name, SeenAt: now, Status: "bogus"}}
			}
			rec.Done = []Completion{{
				Article: Article{Identity: "https://e.org/" + name, Feed: name, SeenAt: now, Text: "t", TextSource: "feed"},
				Story:   &Story{ID: 5, First: now, Last: now.Add(time.Duration(i) * time.Second), Articles: i + 1, State: []byte{1, byte(i), 0, 0xff}},
			}}
			_, errs[i] = s.RecordPoll(ctx, rec, now)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i == n-1) {
			t.Errorf("record %d: %v", i, err)
		}
	}
	stories, _, err := s.Stories(ctx, time.Time{})
	if err != nil || len(stories) != 1 {
		t.Fatalf("Stories = %+v, %v", stories, err)
	}
	if got := stories[0]; got.ID != 5 || got.Articles != n-1 || !slices.Equal(got.State, []byte{1, n - 2, 0, 0xff}) || !got.Last.Equal(now.Add((n-2)*time.Second)) {
		t.Errorf("story row %+v, want the state with %d articles", got, n-1)
	}
	for i := range n - 1 {
		if got, err := s.ArticleStory(ctx, fmt.Sprintf("https://e.org/F%02d", i)); err != nil || got != 5 {
			t.Errorf("story of article %d: %d, %v", i, got, err)
		}
	}
}

// TestStoryMatchedPlan: whether a watch matched another article of a story
// is asked of the story's articles, each looked up in matches by its key —
// not of every match the watch ever made (SQLite's choice without the
// CROSS JOIN), a cost growing with the watch's history paid for every match.
func TestStoryMatchedPlan(t *testing.T) {
	s, _ := open(t)
	all := queryPlan(t, s, storyMatchedSQL, 1, "w", 2)
	if !strings.Contains(all, "SEARCH a USING COVERING INDEX articles_story (story_id=?)") || strings.Contains(all, "matches_watch") ||
		!strings.Contains(all, "(article_id=? AND watch=?)") {
		t.Errorf("plan:\n%s\nwant the story's articles, then each one's match by key", all)
	}
}
