package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A story's later articles queue edits of its alert's message (and
// follow-ups beside them), which wait for that message, never hold the
// channel's posts back, and are found with the target's other edits.
func TestStoryEditsQueued(t *testing.T) { engines(t, testStoryEditsQueued) }

func testStoryEditsQueued(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	var as []Article
	for _, u := range []string{"a", "b", "c", "d"} {
		as = append(as, Article{Identity: "https://e.org/" + u, Feed: strings.ToUpper(u), SeenAt: now, Status: StatusPending})
	}
	added, err := s.AddArticles(ctx, as)
	if err != nil || len(added) != 4 {
		t.Fatalf("add: %v", err)
	}
	story := &Story{ID: 1, First: now, Last: now, Articles: 1, State: []byte(`{}`)}
	other := &Story{ID: 2, First: now, Last: now, Articles: 1, State: []byte(`{}`)}
	chat := func(followUp bool) []Match {
		d := Delivery{Channel: "news", Payload: []byte(`alert`), Edit: []byte(`outlet`)}
		if followUp {
			d.FollowUp = []byte(`followup`)
		}
		return []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{d}}}
	}
	if _, err := s.CompleteArticles(ctx, []Completion{
		{Article: added[0], Story: story, Matches: chat(false)},
		{Article: added[1], Story: story, Matches: chat(false)},
		{Article: added[2], Story: other, Matches: chat(false)},
		{Article: added[3], Story: story, Matches: chat(true)},
	}, now); err != nil {
		t.Fatal(err)
	}
	later := now.Add(time.Minute)
	posts, err := s.DueDeliveries(ctx, later, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range posts {
		got = append(got, it.Op+":"+string(it.Payload))
	}
	if want := "post:alert post:alert followup:followup"; strings.Join(got, " ") != want {
		t.Errorf("posts due %v, want %s", got, want)
	}
	alertRow := posts[0].ID
	if posts[2].TargetID != alertRow || posts[2].StoryID != 1 {
		t.Errorf("follow-up targets %d (story %d), want row %d of story 1", posts[2].TargetID, posts[2].StoryID, alertRow)
	}
	// Edits wait for their target's message.
	if edits, err := s.DueEdits(ctx, later, 10); err != nil || len(edits) != 0 {
		t.Fatalf("edits due before the alert is posted: %d, %v", len(edits), err)
	}
	if err := s.MarkPosted(ctx, now, "news", "m1", alertRow); err != nil {
		t.Fatal(err)
	}
	edits, err := s.DueEdits(ctx, later, 10)
	if err != nil || len(edits) != 2 {
		t.Fatalf("edits due: %d, %v; want 2", len(edits), err)
	}
	for _, e := range edits {
		if e.Op != OpEdit || e.TargetID != alertRow || string(e.Payload) != "outlet" {
			t.Errorf("edit %+v", e)
		}
	}
	if err := s.MarkEdited(ctx, later, edits[0].ID); err != nil {
		t.Fatal(err)
	}
	tg, err := s.EditTarget(ctx, alertRow)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Row.MessageID != "m1" || tg.Shared != 1 || len(tg.Edits) != 2 || !tg.LastEdit.Equal(later) || tg.Edits[1].DeliveredAt.IsZero() == false {
		t.Errorf("target %+v", tg)
	}
	// An edit counts no post against the channel's budget.
	if n, _, err := s.PostsSince(ctx, "news", now.Add(-time.Hour)); err != nil || n != 1 {
		t.Errorf("posts counted %d, %v; want 1", n, err)
	}
	if err := s.SetThread(ctx, alertRow, "t1"); err != nil {
		t.Fatal(err)
	}
	if tg, _ := s.EditTarget(ctx, alertRow); tg.Row.ThreadID != "t1" {
		t.Errorf("thread %q", tg.Row.ThreadID)
	}

	// Pruning keeps the rows of a story seen since the cutoff (its alert
	// is still edited with every outlet), not those of one that is over.
	if err := s.MarkEdited(ctx, later, edits[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPosted(ctx, now, "news", "m2", posts[1].ID); err != nil {
		t.Fatal(err)
	}
	more, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/e", Feed: "E", SeenAt: now.Add(2 * time.Hour), Status: StatusPending}})
	if err != nil || len(more) != 1 {
		t.Fatalf("add: %v", err)
	}
	grown := &Story{ID: 1, First: now, Last: now.Add(2 * time.Hour), Articles: 4, State: []byte(`{}`)}
	if _, err := s.CompleteArticles(ctx, []Completion{{Article: more[0], Story: grown}}, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	tg, err = s.EditTarget(ctx, alertRow)
	if err != nil || len(tg.Edits) != 2 || tg.Row.MessageID != "m1" {
		t.Errorf("after pruning: target %+v, %v; want the open story's alert and both edits kept", tg, err)
	}
	if _, err := s.EditTarget(ctx, posts[1].ID); err == nil {
		t.Errorf("the other story's delivered alert was kept")
	}
}
