package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestStatusReads: the reads of `newshound status` answer as the general
// reads do — EachFeedStatus as Feeds (the last error only while polls
// fail), OutboxSummary as Outbox and AlertStats together, notices counted
// in the outbox's totals and not as a watch's alerts — on both engines and
// through a read-only store.
func TestStatusReads(t *testing.T) { engines(t, testStatusReads) }

func testStatusReads(t *testing.T, e engine) {
	s, target := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, f := range []FeedState{
		{Name: "failing", URL: "https://a.example/rss", LastSuccess: now.Add(-time.Hour), LastError: "HTTP 503", LastErrorAt: now, Failures: 2, NextPoll: now.Add(time.Hour), ItemsSeen: 3},
		{Name: "healed", URL: "https://b.example/rss", LastSuccess: now, LastError: "HTTP 500", LastErrorAt: now.Add(-time.Hour), ItemsSeen: 0},
		{Name: "new", URL: "https://c.example/rss"},
	} {
		if _, err := s.RecordPoll(ctx, PollRecord{Feed: f}, now); err != nil {
			t.Fatal(err)
		}
	}
	// Alerts of two watches, one held for a digest, one delivered, one
	// refused, one waiting; and two notices, one waiting.
	var cs []Completion
	for i, m := range []Match{
		{Watch: "digest", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("held"), Held: true}}},
		{Watch: "now", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("1")}}},
		{Watch: "now", Explanation: "[]", Deliveries: []Delivery{{Channel: "news", Payload: []byte("2")}}},
		{Watch: "now", Explanation: "[]", Deliveries: []Delivery{{Channel: "desk", Payload: []byte("3")}}},
	} {
		added, err := s.AddArticles(ctx, []Article{{Identity: fmt.Sprint("a", i), Feed: "failing", Title: "T", SeenAt: now, Status: StatusPending}})
		if err != nil || len(added) != 1 {
			t.Fatal(err)
		}
		cs = append(cs, Completion{Article: added[0], Matches: []Match{m}})
	}
	if _, err := s.CompleteArticles(ctx, cs, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{"ops", "ops"} {
		if err := s.QueueNotice(ctx, ch, []byte("notice"), now.Add(-2*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	due, err := s.DueDeliveries(ctx, now, 10)
	if err != nil || len(due) != 5 {
		t.Fatalf("due %d, %v", len(due), err)
	}
	ids := map[string][]int64{}
	for _, d := range due {
		ids[d.Channel] = append(ids[d.Channel], d.ID)
	}
	if err := s.MarkDelivered(ctx, now, "news", ids["news"][0]); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRefused(ctx, "no such channel", now, ids["desk"][0], ids["ops"][0]); err != nil {
		t.Fatal(err)
	}
	wantOB, err := s.Outbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantAlerts, wantHeld, err := s.AlertStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(wantOB.Pending, wantOB.Delivered, wantOB.Refused, wantHeld) != "3 1 2 1" {
		t.Fatalf("the fixture: outbox %+v, held %d", wantOB, wantHeld)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}

	ro := s
	if !e.pg {
		if ro, err = OpenReadOnly(ctx, target); err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
	}
	ob, alerts, held, err := ro.OutboxSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ob, alerts, held) != fmt.Sprint(wantOB, wantAlerts, wantHeld) {
		t.Errorf("OutboxSummary = %+v %v %d, want %+v %v %d", ob, alerts, held, wantOB, wantAlerts, wantHeld)
	}
	if _, ok := alerts[""]; ok {
		t.Errorf("notices counted as a watch's alerts: %v", alerts)
	}
	got := map[string]FeedStatus{}
	err = ro.EachFeedStatus(ctx, func(f FeedStatus) error {
		got[f.Name] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(feeds) {
		t.Errorf("EachFeedStatus gave %d feeds, Feeds %d", len(got), len(feeds))
	}
	for _, f := range feeds {
		want := FeedStatus{Name: f.Name, LastSuccess: f.LastSuccess, Failures: f.Failures, NextPoll: f.NextPoll, ItemsSeen: f.ItemsSeen}
		if f.Failures > 0 {
			want.LastError = f.LastError
		}
		if g := got[f.Name]; fmt.Sprint(g) != fmt.Sprint(want) {
			t.Errorf("EachFeedStatus %s = %+v, want %+v", f.Name, g, want)
		}
	}
	if got["failing"].LastError != "HTTP 503" || got["healed"].LastError != "" {
		t.Errorf("last errors: %q while failing, %q once healed", got["failing"].LastError, got["healed"].LastError)
	}
	stop := fmt.Errorf("stop")
	n := 0
	if err := ro.EachFeedStatus(ctx, func(FeedStatus) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("EachFeedStatus after fn's error: %v, %d calls", err, n)
	}
}

// queryPlan is SQLite's plan of query with args, a line a step.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}

// TestOutboxSummaryPlan: status counts the outbox from the index
// outbox_watch alone, in its order — not by reading every delivery the
// outbox keeps (payload and all, until retention) and sorting them — and
// reads only the rows of what waits.
func TestOutboxSummaryPlan(t *testing.T) {
	s, _ := open(t)
	plan := func(query string) string { return queryPlan(t, s, query) }
	if p := plan(outboxCountsSQL); p != "SCAN outbox USING COVERING INDEX outbox_watch" {
		t.Errorf("the outbox's counts: plan\n%s\nwant a scan of the covering index outbox_watch, no temporary tree", p)
	}
	// Either index picks what waits before a row is read: outbox_pending
	// holds only those, outbox_watch has delivered_at and failed_at.
	if p := plan(outboxWaitingSQL); !strings.Contains(p, "USING INDEX outbox_pending") && !strings.Contains(p, "USING INDEX outbox_watch") {
		t.Errorf("what waits: plan\n%s\nwant the rows through outbox_pending or outbox_watch", p)
	}
}
