package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// An article whose GUID is shared is skipped when the one article stored
// with that GUID is another feed's, checked in the transaction — also when
// the two feeds' polls are committed together — and never within one feed.
func TestRecordPollSharedGUID(t *testing.T) { engines(t, testRecordPollSharedGUID) }

func testRecordPollSharedGUID(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	const n = 30
	// Pairs of polls of two feeds, concurrently: whichever commits first
	// records the post, the other skips it, in one batch or two.
	outs := make([]PollOutcome, 2*n)
	errs := make([]error, 2*n)
	var wg sync.WaitGroup
	for i := range 2 * n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			feed, pair := fmt.Sprintf("F%d", i%2), i/2
			guid := fmt.Sprintf("https://blog.example/post/%d", pair)
			a := Article{Identity: fmt.Sprintf("https://%s.example/link/%d", feed, pair), GUID: guid, Feed: feed, SeenAt: now, Status: StatusPending}
			rec := PollRecord{Feed: FeedState{Name: feed, URL: "https://" + feed}, SharedGUIDs: map[string]bool{guid: true}}
			if pair%2 == 0 {
				rec.Added = []Article{a}
			} else {
				rec.Done = []Completion{{Article: a, Matches: []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`{}`)}}}}}}
			}
			outs[i], errs[i] = s.RecordPoll(ctx, rec, now)
		}()
	}
	wg.Wait()
	for pair := range n {
		recorded := 0
		for _, i := range []int{2 * pair, 2*pair + 1} {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			recorded += len(outs[i].Added) + len(outs[i].Done)
		}
		if recorded != 1 {
			t.Errorf("post %d recorded %d times, want once", pair, recorded)
		}
	}
	if st, _ := s.Outbox(ctx); st.Pending != n/2 {
		t.Errorf("%d deliveries pending, want %d", st.Pending, n/2)
	}

	record := func(feed, identity, guid string, shared bool) int {
		t.Helper()
		rec := PollRecord{Feed: FeedState{Name: feed, URL: "https://" + feed},
			Added: []Article{{Identity: identity, GUID: guid, Feed: feed, SeenAt: now, Status: StatusPending}}}
		if shared {
			rec.SharedGUIDs = map[string]bool{guid: true}
		}
		out, err := s.RecordPoll(ctx, rec, now)
		if err != nil {
			t.Fatal(err)
		}
		return len(out.Added)
	}
	// Within one feed a GUID never merges.
	if record("A", "https://a.example/1", "tag:a.example,2026:x", true) != 1 ||
		record("A", "https://a.example/2", "tag:a.example,2026:x", true) != 1 {
		t.Error("a feed's second article with its GUID was skipped")
	}
	// Two articles carry it now: it names no one article, merges nothing.
	if record("B", "https://b.example/1", "tag:a.example,2026:x", true) != 1 {
		t.Error("a GUID two articles carry merged another feed's article")
	}
	// Not marked shared (the poller found it not a URI, or repeated in the
	// document): not merged.
	if record("C", "https://c.example/1", "tag:a.example,2026:y", false) != 1 ||
		record("D", "https://d.example/1", "tag:a.example,2026:y", false) != 1 {
		t.Error("a GUID not marked shared merged")
	}
	found, err := s.GUIDsElsewhere(ctx, "E", []string{"https://blog.example/post/0", "tag:a.example,2026:x", "tag:nothing,2026:z"})
	if err != nil || len(found) != 1 || !found["https://blog.example/post/0"] {
		t.Errorf("GUIDsElsewhere = %v, %v", found, err)
	}
	// The GUID found last of the list, alone in it: each is looked up (the
	// feed's name once took the first placeholder and the last GUID none).
	for _, guids := range [][]string{{"tag:nothing,2026:z", "https://blog.example/post/2"}, {"https://blog.example/post/2"}} {
		if found, err := s.GUIDsElsewhere(ctx, "E", guids); err != nil || len(found) != 1 || !found["https://blog.example/post/2"] {
			t.Errorf("GUIDsElsewhere(%q) = %v, %v", guids, found, err)
		}
	}
	// The post's own feed: not elsewhere.
	own := "F0"
	if outs[0].Added == nil {
		own = "F1"
	}
	if found, err := s.GUIDsElsewhere(ctx, own, []string{"https://blog.example/post/0"}); err != nil || len(found) != 0 {
		t.Errorf("GUIDsElsewhere of its own feed = %v, %v", found, err)
	}
}

// TestGUIDPlans: the queries by GUID are answered by the partial index
// articles_guid, which holds only the articles with a GUID.
func TestGUIDPlans(t *testing.T) {
	s, _ := open(t)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{guidElsewhereSQL, []any{"tag:e.org,2024:1", "F"}},
		{guidsElsewhereSQL(3), []any{"tag:e.org,2024:1", "tag:e.org,2024:2", "tag:e.org,2024:3", "F"}},
	} {
		if all := queryPlan(t, s, q.sql, q.args...); !strings.Contains(all, "USING INDEX articles_guid (guid=?)") && !strings.Contains(all, "USING COVERING INDEX articles_guid (guid=?)") {
			t.Errorf("plan of %s:\n%s\nwant articles_guid by guid", q.sql, all)
		}
	}
}
