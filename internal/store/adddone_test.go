package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestRecordPollIDs: the IDs RecordPoll returns for processed articles are
// those of their rows — in full statements of 16, 4 and 1 rows, and in
// statements that skip rows (an identity stored already, one repeated in the
// record), where SQLite's IDs are read back rather than counted.
func TestRecordPollIDs(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s, _ := e.open(t)
		now := time.Unix(1_700_000_000, 0)
		done := func(ids ...string) []Completion {
			var cs []Completion
			for _, id := range ids {
				cs = append(cs, Completion{Article: Article{Identity: id, URL: id, Feed: "F", Title: "title of " + id, SeenAt: now, FeedText: "text", Status: StatusDone}})
			}
			return cs
		}
		var first []string
		for i := range 21 { // 16 + 4 + 1
			first = append(first, fmt.Sprintf("https://e.org/a%d", i))
		}
		// Stored already: a1 (by the first record), b3 (added before).
		if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/b3", Feed: "G", SeenAt: now, Status: StatusRecorded}}); err != nil {
			t.Fatal(err)
		}
		second := []string{"https://e.org/b0", "https://e.org/a1", "https://e.org/b2", "https://e.org/b3",
			"https://e.org/b4", "https://e.org/b4", "https://e.org/b6", "https://e.org/b7",
			"https://e.org/b8", "https://e.org/b9", "https://e.org/b10", "https://e.org/b11",
			"https://e.org/b12", "https://e.org/b13", "https://e.org/b14", "https://e.org/b15",
			"https://e.org/a2"} // 16 with three skipped, then 1 skipped
		for round, ids := range [][]string{first, second} {
			out, err := s.RecordPoll(ctx, PollRecord{Feed: FeedState{Name: "F", URL: "https://e.org/f", LastPoll: now}, Done: done(ids...)}, now)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int][]string{0: first, 1: {"https://e.org/b0", "https://e.org/b2", "https://e.org/b4", "https://e.org/b6", "https://e.org/b7",
				"https://e.org/b8", "https://e.org/b9", "https://e.org/b10", "https://e.org/b11", "https://e.org/b12", "https://e.org/b13",
				"https://e.org/b14", "https://e.org/b15"}}[round]
			if len(out.Done) != len(want) {
				t.Fatalf("round %d: %d articles recorded, want %d", round, len(out.Done), len(want))
			}
			for i, c := range out.Done {
				if c.Article.Identity != want[i] {
					t.Fatalf("round %d: article %d is %s, want %s", round, i, c.Article.Identity, want[i])
				}
				a, err := s.ArticleByID(ctx, c.Article.ID)
				if err != nil {
					t.Fatal(err)
				}
				if a == nil || a.Identity != c.Article.Identity {
					t.Errorf("round %d: %s recorded as ID %d, which is %s", round, c.Article.Identity, c.Article.ID, a.Identity)
				}
			}
		}
	})
}

// TestRecordPollsTogether: the processed articles of polls committed in one
// batch are inserted together, in statements that hold several polls' rows
// (SQLite), as if each poll inserted its own in turn: an identity an earlier
// poll of the batch inserted (in the same statement or before it), or stored
// before, is skipped for the later poll; a poll that adds an article to read
// comes between, in its place. The same when the batch fails and each poll
// is written alone.
func TestRecordPollsTogether(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		for _, failing := range []bool{false, true} {
			t.Run(map[bool]string{false: "batch", true: "alone"}[failing], func(t *testing.T) {
				testRecordPollsTogether(t, e, failing)
			})
		}
	})
}

func testRecordPollsTogether(t *testing.T, e engine, failing bool) {
	ctx := context.Background()
	s, _ := e.open(t)
	now := time.Unix(1_700_000_000, 0)
	if _, err := s.AddArticles(ctx, []Article{{Identity: "x", Feed: "X", SeenAt: now, Status: StatusRecorded}}); err != nil {
		t.Fatal(err)
	}
	done := func(feed string, ids ...string) []Completion {
		var cs []Completion
		for _, id := range ids {
			cs = append(cs, Completion{Article: Article{Identity: id, URL: id, Feed: feed, Title: "title of " + id, SeenAt: now, FeedText: "text", Status: StatusDone}})
		}
		return cs
	}
	named := func(prefix string, n int) []string {
		var ids []string
		for i := range n {
			ids = append(ids, fmt.Sprintf("%s%d", prefix, i))
		}
		return ids
	}
	recs := []PollRecord{
		{Done: done("A", named("a", 20)...)},
		// a3 in the statement that holds a16–a19 too (SQLite: 16, 8, 2, 1)
		{Done: done("B", "b0", "a3", "b2", "b3", "b4", "b5", "b6")},
		{Added: []Article{{Identity: "c-pending", Feed: "C", SeenAt: now, Status: StatusPending}}, Done: done("C", "c0", "b2")},
		{Done: done("D", append(named("d", 32), "x")...)},
		{Done: done("E", "c-pending", "e1")},
	}
	want := [][]string{named("a", 20), {"b0", "b2", "b3", "b4", "b5", "b6"}, {"c0"}, named("d", 32), {"e1"}}
	n := len(recs)
	if failing {
		n++
	}
	// The polls join one batch in their order: each is sent once the one
	// before it has joined.
	s.commit.linger = time.Hour
	joined := make(chan int, n)
	s.SetBatchFull(func(waiting int) bool { joined <- waiting; return waiting == n })
	defer s.SetBatchFull(nil)
	before := s.commit.batches.Load()
	outs := make([]PollOutcome, len(recs))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, rec := range recs {
		rec.Feed = FeedState{Name: string(rune('A' + i)), URL: "https://e.org/f", LastPoll: now}
		wg.Go(func() { outs[i], errs[i] = s.RecordPoll(ctx, rec, now) })
		<-joined
	}
	if failing {
		bad := errors.New("a write that fails")
		wg.Go(func() {
			if err := s.submit(ctx, nil, func(*sql.Tx, *commitReq) error { return bad }); err != bad {
				errs[n-1] = fmt.Errorf("the failing write returned %v", err)
			}
		})
		<-joined
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	if got := s.commit.batches.Load() - before; got != 1 {
		t.Errorf("%d batches, want 1", got)
	}
	if len(outs[2].Added) != 1 || outs[2].Added[0].ID == 0 {
		t.Errorf("the article to read: %+v", outs[2].Added)
	}
	for i, out := range outs {
		var got []string
		for _, c := range out.Done {
			got = append(got, c.Article.Identity)
			a, err := s.ArticleByID(ctx, c.Article.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a == nil || a.Identity != c.Article.Identity || a.Feed != c.Article.Feed {
				t.Errorf("poll %d: %s recorded as ID %d, which is %+v", i, c.Article.Identity, c.Article.ID, a)
			}
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("poll %d recorded %v, want %v", i, got, want[i])
		}
	}
}

// TestCloseFinalizesInserts: the statements the group commit prepares on
// the writer's connection to insert processed articles are finalized when
// the store closes, so that SQLite closes the connection — the last one
// closed checkpoints the write-ahead log and deletes it — rather than keep
// it open for them.
func TestCloseFinalizesInserts(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	now := time.Unix(1_700_000_000, 0)
	var done []Completion
	for i := range 21 { // statements of 16, 4 and 1 rows
		id := fmt.Sprintf("https://e.org/a%d", i)
		done = append(done, Completion{Article: Article{Identity: id, Feed: "F", Title: "title", SeenAt: now, FeedText: "text", Status: StatusDone}})
	}
	if out, err := s.RecordPoll(ctx, PollRecord{Feed: FeedState{Name: "F", URL: "https://e.org/f", LastPoll: now}, Done: done}, now); err != nil || len(out.Done) != len(done) {
		t.Fatalf("record: %d articles, %v", len(out.Done), err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the write-ahead log after Close: %v, want it deleted (a connection left open)", err)
	}
}
