package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/pgtest"
)

// twoInstances opens the same PostgreSQL schema twice, as two newshound
// instances would: two stores, two pools, two group committers.
func twoInstances(t *testing.T) [2]*Store {
	t.Helper()
	dsn := pgtest.URL(t)
	var out [2]*Store
	for i := range out {
		s, err := OpenPostgres(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out
}

// TestInstancesRecordOnce: where the SQLite store relied on being the only
// writer, two instances writing at once still record and alert once — an
// article by identity, a post by its GUID from two feeds, a story's alert
// for a watch.
func TestInstancesRecordOnce(t *testing.T) {
	ss := twoInstances(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	const n = 40
	alert := []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`alert`), Update: []byte(`update`)}}}}

	// The same item from one feed polled by both (a lease lost meanwhile),
	// and one post under two identities from two feeds, sharing its GUID.
	outs := make([]PollOutcome, 4*n)
	errs := make([]error, 4*n)
	var wg sync.WaitGroup
	for i := range 4 * n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, k := ss[i%2], i/2
			var a Article
			var rec PollRecord
			if k%2 == 0 { // same identity
				a = Article{Identity: fmt.Sprintf("https://e.org/same/%d", k), Feed: "F", SeenAt: now}
				rec.Feed = FeedState{Name: "F", URL: "https://f"}
			} else { // same GUID, another feed each
				feed := fmt.Sprintf("G%d", i%2)
				guid := fmt.Sprintf("https://blog.example/post/%d", k)
				a = Article{Identity: fmt.Sprintf("https://%s.example/%d", feed, k), GUID: guid, Feed: feed, SeenAt: now}
				rec.Feed, rec.SharedGUIDs = FeedState{Name: feed, URL: "https://" + feed}, map[string]bool{guid: true}
			}
			rec.Done = []Completion{{Article: a, Matches: alert}}
			outs[i], errs[i] = s.RecordPoll(ctx, rec, now)
		}()
	}
	wg.Wait()
	for k := range 2 * n {
		recorded := 0
		for _, i := range []int{2 * k, 2*k + 1} {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			recorded += len(outs[i].Done)
		}
		if recorded != 1 {
			t.Errorf("item %d recorded %d times by the two instances, want once", k, recorded)
		}
	}
	if st, _ := ss[0].Outbox(ctx); st.Pending != 2*n {
		t.Errorf("%d alerts queued, want %d", st.Pending, 2*n)
	}

	// Two articles of one story completed at once, one by each instance:
	// one alert, one update.
	var pending [2][]Article
	for k := range n {
		for j, s := range ss {
			added, err := s.AddArticles(ctx, []Article{{Identity: fmt.Sprintf("https://e.org/story/%d/%d", k, j), Feed: "F", SeenAt: now, Status: StatusPending}})
			if err != nil || len(added) != 1 {
				t.Fatalf("add: %v", err)
			}
			pending[j] = append(pending[j], added[0])
		}
	}
	for k := range n {
		for j, s := range ss {
			wg.Add(1)
			go func() {
				defer wg.Done()
				story := &Story{ID: int64(100 + k), First: now, Last: now, Articles: 1 + j, State: []byte{1, 2, byte(j)}}
				if _, err := s.CompleteArticles(ctx, []Completion{{Article: pending[j][k], Story: story, Matches: alert}}, now); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	due, err := ss[1].DueStdout(ctx, now.Add(time.Minute), 10*n)
	if err != nil {
		t.Fatal(err)
	}
	byStory := map[int64][]string{}
	for _, it := range due {
		if it.StoryID >= 100 {
			byStory[it.StoryID] = append(byStory[it.StoryID], string(it.Payload))
		}
	}
	for k := range n {
		got := byStory[int64(100+k)]
		alerts := 0
		for _, p := range got {
			if p == "alert" {
				alerts++
			}
		}
		if len(got) != 2 || alerts != 1 {
			t.Errorf("story %d queued %v, want one alert and one update", 100+k, got)
		}
	}
}
