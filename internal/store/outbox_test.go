package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// queue adds one article with a delivery per channel, in order.
func queue(t *testing.T, s *Store, now time.Time, identity string, channels ...string) {
	t.Helper()
	ctx := context.Background()
	added, err := s.AddArticles(ctx, []Article{{Identity: identity, Feed: "A", SeenAt: now, Status: StatusPending}})
	if err != nil {
		t.Fatal(err)
	}
	a := added[0]
	a.Text, a.TextSource = "body", "page"
	var ds []Delivery
	for _, ch := range channels {
		ds = append(ds, Delivery{Channel: ch, Payload: []byte(`{}`)})
	}
	if _, err := s.CompleteArticles(ctx, []Completion{{Article: a, Matches: []Match{{Watch: "w", Explanation: "[]", Deliveries: ds}}}}, now); err != nil {
		t.Fatal(err)
	}
}

// A channel whose oldest delivery is being retried gives nothing due, so a
// newer message cannot overtake it; other channels are not held up.
func TestDueDeliveriesKeepChannelOrder(t *testing.T) { engines(t, testDueDeliveriesKeepChannelOrder) }

func testDueDeliveriesKeepChannelOrder(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	for i := range 3 {
		queue(t, s, now, fmt.Sprint("x", i), "desk", "other")
	}
	due, err := s.DueDeliveries(ctx, now, 10)
	if err != nil || len(due) != 6 {
		t.Fatalf("due %d %v", len(due), err)
	}
	head := due[0]
	if head.Channel != "desk" {
		t.Fatalf("oldest is %q", head.Channel)
	}
	if err := s.MarkRetry(ctx, head.ID, "HTTP 500", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	due, err = s.DueDeliveries(ctx, now, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range due {
		if it.Channel == "desk" {
			t.Errorf("delivery %d to desk is due while the older %d waits for its retry", it.ID, head.ID)
		}
	}
	if len(due) != 3 {
		t.Errorf("%d due, want the 3 of the other channel", len(due))
	}
	// When the head's retry is due, the whole channel is, head first.
	due, _ = s.DueDeliveries(ctx, now.Add(2*time.Minute), 10)
	if len(due) != 6 || due[0].ID != head.ID {
		t.Errorf("after the retry time: %d due, first %d, want 6 from %d", len(due), due[0].ID, head.ID)
	}
}

// MarkSending leaves a mark that survives until delivery, and the message ID
// is recorded with it.
func TestSendingAndPosted(t *testing.T) { engines(t, testSendingAndPosted) }

func testSendingAndPosted(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	queue(t, s, now, "x", "desk")
	due, _ := s.DueDeliveries(ctx, now, 10)
	if len(due) != 1 || !due[0].SentAt.IsZero() {
		t.Fatalf("fresh delivery: %+v", due)
	}
	if err := s.MarkSending(ctx, now, due[0].ID); err != nil {
		t.Fatal(err)
	}
	due, _ = s.DueDeliveries(ctx, now, 10)
	if len(due) != 1 || !due[0].SentAt.Equal(now) {
		t.Fatalf("after MarkSending: %+v", due)
	}
	if err := s.MarkPosted(ctx, now, "desk", "1234", due[0].ID); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := s.r.QueryRowContext(ctx, `SELECT message_id FROM outbox WHERE id = ?`, due[0].ID).Scan(&id); err != nil || id != "1234" {
		t.Fatalf("message id %q %v", id, err)
	}
	if n, _, _ := s.PostsSince(ctx, "desk", now.Add(-time.Minute)); n != 1 {
		t.Fatalf("%d posts counted", n)
	}
}

// WaitingByChannel counts each channel's waiting deliveries, with its
// oldest's last error; delivered ones are not counted.
func TestWaitingByChannel(t *testing.T) { engines(t, testWaitingByChannel) }

func testWaitingByChannel(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	for i := range 3 {
		queue(t, s, now.Add(time.Duration(i)*time.Second), fmt.Sprint("x", i), "desk", "other")
	}
	due, err := s.DueDeliveries(ctx, now.Add(time.Hour), 10)
	if err != nil || len(due) != 6 || due[0].Channel != "desk" {
		t.Fatalf("due %d %v", len(due), err)
	}
	if err := s.MarkRetry(ctx, due[0].ID, "HTTP 500", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	var otherIDs []int64
	for _, it := range due {
		if it.Channel == "other" {
			otherIDs = append(otherIDs, it.ID)
		}
	}
	if err := s.MarkDelivered(ctx, now, "other", otherIDs[0]); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitingByChannel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []ChannelWaiting{
		{Channel: "desk", Waiting: 3, Oldest: now, LastError: "HTTP 500"},
		{Channel: "other", Waiting: 2, Oldest: now.Add(time.Second)},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
