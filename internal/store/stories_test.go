package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestStories(t *testing.T) {
	s, _ := open(t)
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

func TestStoryAlertsOnce(t *testing.T) {
	s, _ := open(t)
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
