package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestIndexQueueHoldsRuns: the articles a group commit inserts are queued
// for the indexer as one row (a run of IDs), not a row each; after a crash a
// rebuild reads the run in parts, each written part leaves the queue, and
// every article is found by a search at the end.
func TestIndexQueueHoldsRuns(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	close(s.fts.stop) // the flushes are the test's
	s.fts.wg.Wait()
	now := time.Now()
	rec := PollRecord{Feed: FeedState{Name: "F", URL: "http://f.example/", LastPoll: now, LastSuccess: now}}
	for i := range 10 {
		title := fmt.Sprintf("Harbour strike day %d", i)
		a := Article{Identity: fmt.Sprintf("https://e.org/%d", i), Feed: "F", Title: title, FeedText: "dockers stop work",
			Text: "dockers stop work", TextSource: "feed", SeenAt: now, Status: StatusDone}
		rec.Done = append(rec.Done, Completion{Article: a, FoldedTitle: "harbour strike", FoldedBody: "dockers stop work"})
	}
	out, err := s.RecordPoll(ctx, rec, now)
	if err != nil || len(out.Done) != 10 {
		t.Fatalf("record: %d done, %v", len(out.Done), err)
	}
	var rows int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM fts_queue`).Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("%d queue rows for 10 articles of one commit (%v), want 1", rows, err)
	}
	// The crash: the waiting entries are gone with the process.
	s.fts.mu.Lock()
	s.fts.pending = nil
	s.fts.mu.Unlock()
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var after int64
	for part := 0; ; part++ {
		as, err := s.UnindexedArticles(ctx, after, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) == 0 {
			break
		}
		if part > 2 {
			t.Fatalf("part %d of the rebuild: %d articles after %d, want none", part, len(as), after)
		}
		var entries []IndexEntry
		for _, a := range as {
			if a.ID <= after {
				t.Fatalf("article %d read again after %d", a.ID, after)
			}
			entries = append(entries, IndexEntry{ID: a.ID, Title: "harbour strike", Body: "dockers stop work"})
			after = a.ID
		}
		if err := s.Index(ctx, entries); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM fts_queue`).Scan(&rows); err != nil || rows != 0 {
		t.Fatalf("%d queue rows after the rebuild (%v), want 0", rows, err)
	}
	if ids := searchIDs(t, s, `"dockers"`); len(ids) != 10 {
		t.Fatalf("search after the rebuild: %d articles, want 10", len(ids))
	}
}

func TestIDRuns(t *testing.T) {
	runs := runsOf([]int64{7, 3, 4, 5, 9, 4, 10})
	if want := []idRun{{3, 5}, {7, 7}, {9, 10}}; !reflect.DeepEqual(runs, want) {
		t.Fatalf("runsOf: %v, want %v", runs, want)
	}
	if got := idRuns(runs); got != `[[3,5],[7,7],[9,10]]` {
		t.Fatalf("idRuns: %s", got)
	}
	for _, c := range []struct {
		q    idRun
		done []idRun
		want []idRun
	}{
		{idRun{1, 10}, []idRun{{1, 10}}, nil},
		{idRun{1, 10}, []idRun{{0, 4}}, []idRun{{5, 10}}},
		{idRun{1, 10}, []idRun{{3, 5}, {8, 8}}, []idRun{{1, 2}, {6, 7}, {9, 10}}},
		{idRun{5, 6}, []idRun{{1, 2}, {9, 12}}, []idRun{{5, 6}}},
	} {
		if got := cutRun(c.q, c.done); !reflect.DeepEqual(got, c.want) {
			t.Errorf("cutRun(%v, %v) = %v, want %v", c.q, c.done, got, c.want)
		}
	}
}

// TestUnqueueCutsRuns: removing written IDs from the queue deletes the
// single IDs and runs they cover, cuts the runs they cover in part to the
// rest, and leaves alone the rows between them.
func TestUnqueueCutsRuns(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	queued := []idRun{{1, 10}, {12, 12}, {14, 14}, {20, 25}, {30, 30}, {40, 45}, {50, 50}, {60, 62}}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Stmt(s.stmts.queueIndex).Exec(idRuns(queued))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	done := []idRun{{3, 5}, {12, 12}, {22, 30}, {50, 50}, {60, 62}}
	if err := s.tx(ctx, func(tx *sql.Tx) error { return s.unqueue(tx, done) }); err != nil {
		t.Fatal(err)
	}
	rows, err := s.r.Query(`SELECT article_id, COALESCE(last, article_id) FROM fts_queue ORDER BY article_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []idRun
	for rows.Next() {
		var r idRun
		if err := rows.Scan(&r.first, &r.last); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if want := []idRun{{1, 2}, {6, 10}, {14, 14}, {20, 21}, {40, 45}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("queue after unqueue(%v): %v, want %v", done, got, want)
	}
}
