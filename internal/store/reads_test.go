package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestReadsAndChanges: the store's smaller reads and changes — chat watches,
// held alerts, flood control, edits, watch and alert statistics, a story's
// articles and quotes — give the same answers on both engines.
func TestReadsAndChanges(t *testing.T) { engines(t, testReadsAndChanges) }

func testReadsAndChanges(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	check := func(what string, err error, got, want any) {
		t.Helper()
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v (%v), want %v", what, got, err, want)
		}
	}

	// Chat watches.
	if err := s.AddChatWatch(ctx, ChatWatch{Name: "cw", Query: "q", Channel: "c", CreatedBy: "u", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	check("add again", nil, errors.Is(s.AddChatWatch(ctx, ChatWatch{Name: "cw", Query: "q", Channel: "c", CreatedAt: now}), ErrWatchExists), true)
	check("pause", s.PauseChatWatch(ctx, "cw", true), "", "")
	ws, err := s.ChatWatches(ctx)
	check("paused", err, len(ws) == 1 && ws[0].Paused && ws[0].CreatedAt.Equal(now), true)
	check("pause missing", nil, errors.Is(s.PauseChatWatch(ctx, "nope", true), ErrNoWatch), true)
	check("remove", s.RemoveChatWatch(ctx, "cw"), "", "")
	check("remove again", nil, errors.Is(s.RemoveChatWatch(ctx, "cw"), ErrNoWatch), true)

	// Two articles of one story: a held alert and a posted one, then an edit.
	story := &Story{ID: 5, First: now, Last: now, Articles: 1, State: []byte{1}}
	var arts []Article
	for i := range 2 {
		added, err := s.AddArticles(ctx, []Article{{Identity: fmt.Sprint("a", i), Feed: fmt.Sprint("F", i), Title: fmt.Sprint("T", i),
			Published: now.Add(time.Duration(i) * time.Hour), SeenAt: now, Status: StatusPending}})
		if err != nil || len(added) != 1 {
			t.Fatal(err)
		}
		arts = append(arts, added[0])
	}
	first := Completion{Article: arts[0], Story: story, Quotes: []Quote{{Speaker: "Ann Lee", Text: "one"}, {Speaker: "Bo", Text: "two"}},
		Matches: []Match{
			{Watch: "digest", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("held"), Held: true}}},
			{Watch: "now", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("post"), Edit: []byte("edit")}}},
		}}
	if _, err := s.CompleteArticles(ctx, []Completion{first}, now); err != nil {
		t.Fatal(err)
	}
	held, err := s.HeldDeliveries(ctx, []string{"digest", "other"})
	check("held", err, len(held) == 1 && string(held[0].Payload) == "held", true)
	due, err := s.DueDeliveries(ctx, now, 10)
	check("due", err, len(due), 1)
	post := due[0]
	check("defer", s.Defer(ctx, now.Add(time.Hour), post.ID), "", "")
	due, err = s.DueDeliveries(ctx, now, 10)
	check("due after defer", err, len(due), 0)
	check("sending", s.MarkSending(ctx, now, post.ID), "", "")
	check("clear sending", s.ClearSending(ctx, post.ID), "", "")
	due, err = s.DueDeliveries(ctx, now.Add(time.Hour), 10)
	check("due later, not marked sent", err, len(due) == 1 && due[0].SentAt.IsZero(), true)
	check("posted", s.MarkPosted(ctx, now, "news", "m1", post.ID), "", "")

	story.Articles = 2
	second := Completion{Article: arts[1], Story: story, Matches: []Match{{Watch: "now", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("post"), Edit: []byte("edit 2")}}}}}
	if _, err := s.CompleteArticles(ctx, []Completion{second}, now); err != nil {
		t.Fatal(err)
	}
	edits, err := s.DueEditsIn(ctx, "news", now, 10)
	check("edits", err, len(edits) == 1 && edits[0].Op == OpEdit && edits[0].TargetID == post.ID && string(edits[0].Payload) == "edit 2", true)
	edits, err = s.DueEditsIn(ctx, "elsewhere", now, 10)
	check("edits elsewhere", err, len(edits), 0)

	stats, err := s.WatchStats(ctx)
	check("watch stats", err, fmt.Sprint(stats["now"].Matches, stats["digest"].Matches, stats["now"].Last.Equal(now)), "2 1 true")
	alerts, heldN, err := s.AlertStats(ctx)
	check("alert stats", err, fmt.Sprint(heldN, alerts["digest"].Held, alerts["now"].LastDelivered.Equal(now), alerts["digest"].LastDelivered.IsZero()), "1 1 true true")
	ob, err := s.Outbox(ctx)
	check("outbox", err, fmt.Sprint(ob.Pending, ob.Delivered, ob.Refused), "2 1 0")
	n, first0, err := s.PostsSince(ctx, "news", now.Add(-time.Minute))
	check("posts", err, fmt.Sprint(n, first0.Equal(now)), "1 true")

	sa, err := s.StoryArticles(ctx, 5, 0, 10)
	var titles []string
	for _, a := range sa {
		titles = append(titles, a.Title)
	}
	check("story articles", err, strings.Join(titles, ","), "T0,T1")
	sa, err = s.StoryArticles(ctx, 5, arts[0].ID, 10)
	check("story articles but one", err, len(sa), 1)
	sq, err := s.StoryQuotes(ctx, 5, 10)
	check("story quotes", err, fmt.Sprint(sq), fmt.Sprintf("[{%d Ann Lee one} {%d Bo two}]", arts[0].ID, arts[0].ID))
	size, err := s.StorySize(ctx, 5)
	check("story size", err, size, 2)

	check("ping", s.Ping(ctx), "", "")
	check("checkpoint", s.Checkpoint(ctx), "", "")
	bytes, err := s.Size(ctx)
	check("size", err, bytes > 0, true)
	check("postgres", nil, s.Postgres(), e.pg)
}
