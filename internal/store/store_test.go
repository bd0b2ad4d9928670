package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	return openAt(t, path), path
}

// openAt opens the store of the database at path (again, after a Close
// standing for a restart), closed when the test ends.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestArticlesAreRecordedOnce(t *testing.T) { engines(t, testArticlesAreRecordedOnce) }

func testArticlesAreRecordedOnce(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	a := Article{Identity: "https://e.org/a", URL: "https://e.org/a?utm_source=x", Feed: "A", Title: "T", SeenAt: now, Status: StatusPending}
	added, err := s.AddArticles(ctx, []Article{a, {Identity: "https://e.org/b", Feed: "A", SeenAt: now, Status: StatusRecorded}})
	if err != nil || len(added) != 2 || added[0].ID == 0 {
		t.Fatalf("first add: %v %+v", err, added)
	}
	a.Feed = "B"
	added, err = s.AddArticles(ctx, []Article{a})
	if err != nil || len(added) != 0 {
		t.Fatalf("second feed re-added the article: %v %+v", err, added)
	}
	known, err := s.KnownItems(ctx, []string{"https://e.org/a", "https://e.org/c"})
	_, a1 := known["https://e.org/a"]
	_, c1 := known["https://e.org/c"]
	if err != nil || !a1 || c1 {
		t.Fatalf("known %v %v", known, err)
	}
	pending, err := s.PendingArticles(ctx, time.Now(), 10)
	if err != nil || len(pending) != 1 || pending[0].Feed != "A" {
		t.Fatalf("pending %+v %v", pending, err)
	}
}

func TestMatchAndOutboxAtMostOnce(t *testing.T) { engines(t, testMatchAndOutboxAtMostOnce) }

func testMatchAndOutboxAtMostOnce(t *testing.T, e engine) {
	s, path := e.open(t)
	ctx := context.Background()
	now := time.Now()
	added, err := s.AddArticles(ctx, []Article{{Identity: "x", Feed: "A", SeenAt: now, Status: StatusPending}})
	if err != nil {
		t.Fatal(err)
	}
	a := added[0]
	a.Text, a.TextSource = "body", "page"
	m := []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Channel: "", Payload: []byte(`{}`)}, {Channel: "newsroom", Payload: []byte(`{}`)}}}}
	if n, err := s.CompleteArticles(ctx, []Completion{{Article: a, Matches: m}}, now); err != nil || n != 2 {
		t.Fatalf("complete: %d %v", n, err)
	}
	if n, err := s.CompleteArticles(ctx, []Completion{{Article: a, Matches: m}}, now); err != nil || n != 0 {
		t.Fatalf("second completion queued %d (%v): a watch alerted twice", n, err)
	}
	due, err := s.DueDeliveries(ctx, now, 10)
	if err != nil || len(due) != 2 || due[0].Nonce == "" || due[0].Nonce == due[1].Nonce {
		t.Fatalf("due %+v %v", due, err)
	}
	if err := s.MarkDelivered(ctx, now, "", due[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRetry(ctx, due[1].ID, "HTTP 500", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueDeliveries(ctx, now, 10); len(due) != 0 {
		t.Fatalf("delivered or backed-off rows still due: %+v", due)
	}
	// Reopen: state survives; the retry is due later, once.
	s.Close()
	s2, err := e.reopen(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	due, err = s2.DueDeliveries(ctx, now.Add(2*time.Minute), 10)
	if err != nil || len(due) != 1 || due[0].Attempts != 1 || due[0].LastError != "HTTP 500" {
		t.Fatalf("after reopen %+v %v", due, err)
	}
	if err := s2.MarkRefused(ctx, "50013 Missing Permissions", now, due[0].ID); err != nil {
		t.Fatal(err)
	}
	st, err := s2.Outbox(ctx)
	if err != nil || st.Pending != 0 || st.Delivered != 1 || st.Refused != 1 {
		t.Fatalf("outbox stats %+v %v", st, err)
	}
}

func TestFeedState(t *testing.T) { engines(t, testFeedState) }

func testFeedState(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second).UTC()
	if st, err := s.Feed(ctx, "A"); err != nil || !st.LastSuccess.IsZero() {
		t.Fatalf("unknown feed %+v %v", st, err)
	}
	failed := FeedState{Name: "A", URL: "https://a", LastPoll: now, LastError: "HTTP 500", LastErrorAt: now, Failures: 3, NextPoll: now.Add(time.Minute)}
	if err := s.RecordFeedState(ctx, failed, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Feed(ctx, "A"); err != nil || st != failed {
		t.Fatalf("failed state %+v %v, want %+v", st, err, failed)
	}
	ok := failed
	ok.ETag, ok.LastModified, ok.LastSuccess, ok.Failures, ok.NextPoll = `"e1"`, "lm", now, 0, time.Time{}
	ok.ItemsSeen = 5
	var added []Article
	for i := range 5 {
		added = append(added, Article{Identity: fmt.Sprintf("https://e.org/%d", i), Feed: "A", SeenAt: now, Status: StatusRecorded})
	}
	if _, err := s.RecordPoll(ctx, PollRecord{Feed: ok, Added: added}, now); err != nil {
		t.Fatal(err)
	}
	st, err := s.Feed(ctx, "A")
	if err != nil || st.Failures != 0 || st.ETag != `"e1"` || !st.LastSuccess.Equal(now) || st.LastError != "HTTP 500" || !st.NextPoll.IsZero() || st.ItemsSeen != 5 {
		t.Fatalf("state %+v %v", st, err)
	}
	// The most items one document returned is kept: a later document of
	// fewer items (or a failed poll, or a 304) does not lower it.
	for _, items := range []int{2, 0} {
		later := ok
		later.ItemsSeen = items
		if err := s.RecordFeedState(ctx, later, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Feed(ctx, "A"); err != nil || st.ItemsSeen != 5 {
			t.Fatalf("after a state of %d items: %d items seen, %v", items, st.ItemsSeen, err)
		}
	}
}

func TestConcurrentWriters(t *testing.T) { engines(t, testConcurrentWriters) }

func testConcurrentWriters(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				id := string(rune('a'+g)) + "-" + string(rune('0'+i%10)) + string(rune('0'+i/10))
				if _, err := s.AddArticles(ctx, []Article{{Identity: id, Feed: "F", SeenAt: time.Now(), Status: StatusPending}}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.PendingArticles(ctx, time.Now(), 5); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	p, err := s.PendingArticles(ctx, time.Now(), 1000)
	if err != nil || len(p) != 400 {
		t.Fatalf("%d pending, %v", len(p), err)
	}
}

// TestRecordPollGroupCommit: polls recorded at once share transactions; a
// record the database refuses fails alone, the others are stored with their
// feeds' state.
func TestRecordPollGroupCommit(t *testing.T) { engines(t, testRecordPollGroupCommit) }

func testRecordPollGroupCommit(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	const n = 40
	errs := make([]error, n)
	outs := make([]PollOutcome, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("F%02d", i)
			rec := PollRecord{Feed: FeedState{Name: name, URL: "https://" + name, ETag: `"e"`, LastPoll: now, LastSuccess: now, ItemsSeen: 2}}
			a := Article{Identity: "https://e.org/" + name, Feed: name, SeenAt: now, Status: StatusPending}
			if i == 7 {
				a.Status = "bogus" // refused by the schema's CHECK
			}
			rec.Added = []Article{a}
			rec.Done = []Completion{{
				Article: Article{Identity: "https://e.org/done/" + name, Feed: name, SeenAt: now, Text: "t", TextSource: "feed"},
				Matches: []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`{}`)}}}},
			}}
			outs[i], errs[i] = s.RecordPoll(ctx, rec, now)
		}()
	}
	wg.Wait()
	for i := range n {
		name := fmt.Sprintf("F%02d", i)
		st, err := s.Feed(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if i == 7 {
			if errs[i] == nil || !st.LastSuccess.IsZero() {
				t.Errorf("%s: err %v, state %+v: want the record refused whole", name, errs[i], st)
			}
			continue
		}
		if errs[i] != nil || len(outs[i].Added) != 1 || outs[i].Added[0].ID == 0 || len(outs[i].Done) != 1 || outs[i].Queued != 1 {
			t.Errorf("%s: %v %+v", name, errs[i], outs[i])
		}
		if st.ETag != `"e"` || !st.LastSuccess.Equal(now) || st.ItemsSeen != 2 {
			t.Errorf("%s: state %+v", name, st)
		}
	}
	// The same articles again: stored already, skipped with their alerts.
	out, err := s.RecordPoll(ctx, PollRecord{Feed: FeedState{Name: "F00", URL: "https://F00"}, Done: []Completion{{
		Article: Article{Identity: "https://e.org/done/F00", Feed: "F00", SeenAt: now},
		Matches: []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`{}`)}}}},
	}}}, now)
	if err != nil || len(out.Done) != 0 || out.Queued != 0 {
		t.Errorf("again: %v %+v", err, out)
	}
	if st, _ := s.Outbox(ctx); st.Pending != n-1 {
		t.Errorf("%d deliveries pending, want %d", st.Pending, n-1)
	}
}

// TestRecordFeedStateQueued: states queued without waiting are all written
// by the next Sync, a feed's later state over its earlier one, however the
// queue was cut into transactions.
func TestRecordFeedStateQueued(t *testing.T) { engines(t, testRecordFeedStateQueued) }

func testRecordFeedStateQueued(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	const n = 300
	var failed []error
	var mu sync.Mutex
	for round := range 2 {
		for i := range n {
			st := FeedState{Name: fmt.Sprintf("F%03d", i), URL: "https://f", ETag: fmt.Sprintf(`"r%d"`, round), LastPoll: now, LastSuccess: now, Failures: round}
			err := s.RecordFeedState(ctx, st, func(err error) {
				if err != nil {
					mu.Lock()
					failed = append(failed, err)
					mu.Unlock()
				}
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != n || len(failed) != 0 {
		t.Fatalf("%d feeds, %v, failed writes %v", len(feeds), err, failed)
	}
	for _, f := range feeds {
		if f.ETag != `"r1"` || f.Failures != 1 || !f.LastPoll.Equal(now) {
			t.Errorf("%+v: want the second round's state", f)
		}
	}
}

// TestFeedTextStoredOnce: an article whose text is its feed's own keeps it
// once in the row and reads back whole; a page's text is kept as it is, a
// paywalled page's too.
func TestFeedTextStoredOnce(t *testing.T) { engines(t, testFeedTextStoredOnce) }

func testFeedTextStoredOnce(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	rec := PollRecord{Feed: FeedState{Name: "F", URL: "https://f"}, Done: []Completion{
		{Article: Article{Identity: "https://e.org/feed", Feed: "F", SeenAt: now, FeedText: "Lead.", Text: "Lead.", TextSource: "feed: page reading is off for this feed"}},
		{Article: Article{Identity: "https://e.org/page", Feed: "F", SeenAt: now, FeedText: "Lead.", Text: "Lead.", TextSource: "page"}},
		{Article: Article{Identity: "https://e.org/paywalled", Feed: "F", SeenAt: now, FeedText: "Lead.", Text: "Lead.", TextSource: "page (paywalled: only what the page shows)"}},
	}}
	if _, err := s.RecordPoll(ctx, rec, now); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"https://e.org/feed", "https://e.org/page", "https://e.org/paywalled"} {
		a, err := s.ArticleByIdentity(ctx, id)
		if err != nil || a == nil || a.Text != "Lead." || a.FeedText != "Lead." {
			t.Fatalf("%s: %v %+v", id, err, a)
		}
		var stored string
		s.r.QueryRow(`SELECT text FROM articles WHERE identity = ?`, id).Scan(&stored)
		if want := map[bool]string{true: "", false: "Lead."}[!FromPage(a.TextSource)]; stored != want {
			t.Errorf("%s: text column %q, want %q", id, stored, want)
		}
	}
}

// TestTouchFeed: a poll that changed only its time is recorded as such, in
// order with the feed's other queued states, whether they share a
// transaction or not.
func TestTouchFeed(t *testing.T) { engines(t, testTouchFeed) }

func testTouchFeed(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	t0 := time.Now().Truncate(time.Second).UTC()
	t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
	for i := range 50 {
		name := fmt.Sprintf("F%02d", i)
		st := FeedState{Name: name, URL: "https://f", ETag: `"e"`, LastPoll: t0, LastSuccess: t0}
		if err := s.RecordFeedState(ctx, st, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.TouchFeed(ctx, name, t1.Add(time.Duration(i%3)*time.Second), nil); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 { // a later full state wins over the touch
			st.LastPoll, st.Failures, st.LastError = t2, 1, "HTTP 500"
			if err := s.RecordFeedState(ctx, st, nil); err != nil {
				t.Fatal(err)
			}
		}
		if i%10 == 0 {
			s.Sync(ctx) // some pairs in separate transactions
		}
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		st, err := s.Feed(ctx, fmt.Sprintf("F%02d", i))
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			if !st.LastPoll.Equal(t2) || st.Failures != 1 || st.ETag != `"e"` {
				t.Errorf("%d: %+v, want the failure after the touch", i, st)
			}
			continue
		}
		if at := t1.Add(time.Duration(i%3) * time.Second); !st.LastPoll.Equal(at) || !st.LastSuccess.Equal(at) || st.ETag != `"e"` || st.Failures != 0 {
			t.Errorf("%d: %+v, want touched at %v", i, st, at)
		}
	}
}

// TestCommitLinger: writes arriving one by one, a little apart, as polls
// finish, are committed together — the committer waits for more after the
// first of a batch — not each in a transaction of its own.
func TestCommitLinger(t *testing.T) { engines(t, testCommitLinger) }

func testCommitLinger(t *testing.T, e engine) {
	s, _ := e.open(t)
	s.commit.linger = time.Minute // the test's writes all arrive within it, however slow the machine
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	const n = 10
	before := s.commit.batches.Load()
	wait := recordPolls(s, now, n, 2*time.Millisecond) // each to a committer that would be idle
	// The committer waits for more until the batch is full or the
	// linger is over: fill it with queued writes to end the wait.
	for i := range maxBatch - n {
		if err := s.TouchFeed(ctx, fmt.Sprintf("F%02d", i%n), now, nil); err != nil {
			t.Fatal(err)
		}
	}
	for i, err := range wait() {
		if err != nil {
			t.Errorf("poll %d: %v", i, err)
		}
	}
	if got := s.commit.batches.Load() - before; got > 2 {
		t.Errorf("%d polls' writes in %d transactions, want them together", n, got)
	}
}

// recordPolls starts the writes of n polls (feeds F00, F01 …, one pending
// article each), gap apart; wait returns their errors once all are done.
func recordPolls(s *Store, now time.Time, n int, gap time.Duration) (wait func() []error) {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("F%02d", i)
			rec := PollRecord{Feed: FeedState{Name: name, URL: "https://" + name, LastPoll: now, LastSuccess: now}}
			rec.Added = []Article{{Identity: "https://e.org/" + name, Feed: name, SeenAt: now, Status: StatusPending}}
			_, errs[i] = s.RecordPoll(context.Background(), rec, now)
		}()
		time.Sleep(gap)
	}
	return func() []error { wg.Wait(); return errs }
}

// TestCommitBatchFull: once every write the caller expects has joined the
// batch (SetBatchFull says so), the committer commits it at once rather
// than sit out its linger with every writer waiting for it.
func TestCommitBatchFull(t *testing.T) { engines(t, testCommitBatchFull) }

func testCommitBatchFull(t *testing.T, e engine) {
	s, _ := e.open(t)
	s.commit.linger = time.Hour
	const n = 3
	s.SetBatchFull(func(waiting int) bool { return waiting >= n })
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	// A write that does not wait for its commit does not count.
	if err := s.TouchFeed(ctx, "F00", now, nil); err != nil {
		t.Fatal(err)
	}
	before := s.commit.batches.Load()
	wait := recordPolls(s, now, n, 0)
	var errs []error
	done := make(chan struct{})
	go func() { errs = wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute): // not a measure: an hour's linger would not end by then
		t.Fatal("the writes waited for the committer's linger")
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("poll %d: %v", i, err)
		}
	}
	if got := s.commit.batches.Load() - before; got != 1 {
		t.Errorf("%d writes in %d transactions, want 1", n, got)
	}
	s.SetBatchFull(nil)
}

// TestRecordPollManyDone: a poll's processed articles are inserted several
// a statement; each gets its ID in the poll's order, an identity stored
// already or repeated in the poll is skipped with its alerts, the others
// alert once each. On PostgreSQL the inserts take 4 statements for 23
// articles (16, 4, 2, 1), not 23.
func TestRecordPollManyDone(t *testing.T) { engines(t, testRecordPollManyDone) }

func testRecordPollManyDone(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/stored", Feed: "F", SeenAt: now, Status: StatusRecorded}}); err != nil {
		t.Fatal(err)
	}
	done := func(identity string) Completion {
		return Completion{
			Article: Article{Identity: identity, Feed: "F", SeenAt: now, Title: identity, Text: "t", TextSource: "feed"},
			Matches: []Match{{Watch: "w", Explanation: "[]", Deliveries: []Delivery{{Payload: []byte(`{"a":"` + identity + `"}`)}}}},
		}
	}
	var rec PollRecord
	rec.Feed = FeedState{Name: "F", URL: "https://f", LastPoll: now, LastSuccess: now}
	var want []string
	for i := range 21 {
		id := fmt.Sprintf("https://e.org/%02d", i)
		rec.Done = append(rec.Done, done(id))
		want = append(want, id)
		switch i {
		case 5:
			rec.Done = append(rec.Done, done("https://e.org/stored"))
		case 10:
			rec.Done = append(rec.Done, done("https://e.org/03"))
		}
	}
	trips := s.RoundTrips()
	out, err := s.RecordPoll(ctx, rec, now)
	if err != nil {
		t.Fatal(err)
	}
	trips = s.RoundTrips() - trips
	var got []string
	var last int64
	for _, c := range out.Done {
		got = append(got, c.Article.Identity)
		if c.Article.ID <= last {
			t.Errorf("%s: ID %d after %d", c.Article.Identity, c.Article.ID, last)
		}
		last = c.Article.ID
		a, err := s.ArticleByIdentity(ctx, c.Article.Identity)
		if err != nil || a == nil || a.ID != c.Article.ID || a.Status != StatusDone || a.Title != c.Article.Identity {
			t.Errorf("%s: stored %+v, %v", c.Article.Identity, a, err)
		}
	}
	if !slices.Equal(got, want) || out.Queued != len(want) {
		t.Errorf("done %q, queued %d; want %q, %d", got, out.Queued, want, len(want))
	}
	if st, _ := s.Outbox(ctx); st.Pending != len(want) {
		t.Errorf("%d deliveries pending, want %d", st.Pending, len(want))
	}
	// One statement an article was 68 in all; 4 for the inserts make 49.
	if s.Postgres() && trips > 50 {
		t.Errorf("%d statements sent, want at most 50 (the inserts several a statement)", trips)
	}
}

func TestKnownItemsKeepTheItemSum(t *testing.T) { engines(t, testKnownItemsKeepTheItemSum) }

// An article's item hash is stored with it and with its correction, so a
// later process compares the feed's item with what was read.
func testKnownItemsKeepTheItemSum(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	added, err := s.AddArticles(ctx, []Article{{Identity: "a", Feed: "A", Title: "T", FeedText: "text", SeenAt: now, Status: StatusPending}})
	if err != nil || len(added) != 1 {
		t.Fatalf("add: %v %+v", err, added)
	}
	known, err := s.KnownItems(ctx, []string{"a", "b"})
	if err != nil || len(known) != 1 || known["a"] != (KnownItem{Feed: "A", Sum: ItemSum("T", "text")}) {
		t.Fatalf("known %+v %v", known, err)
	}
	if ItemSum("T", "text") == ItemSum("Tt", "ext") || ItemSum("T", "text") == ItemSum("T", "text.") {
		t.Fatal("the hash does not tell title and text apart")
	}
	a := added[0]
	a.Title, a.FeedText, a.Text, a.TextSource, a.Status = "T2", "text 2", "text 2", "feed", StatusDone
	a.ItemSum = ItemSum(a.Title, a.FeedText)
	if _, err := s.CorrectArticle(ctx, Completion{Article: a}, now); err != nil {
		t.Fatal(err)
	}
	if known, err = s.KnownItems(ctx, []string{"a"}); err != nil || known["a"].Sum != ItemSum("T2", "text 2") {
		t.Fatalf("after the correction: %+v %v", known, err)
	}
}
