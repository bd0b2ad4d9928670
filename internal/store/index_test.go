package store

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

func searchIDs(t *testing.T, s *Store, match string) []int64 {
	t.Helper()
	var ids []int64
	err := s.SearchArticles(context.Background(), ArticleSearch{Match: match}, func(a Article) (bool, error) {
		ids = append(ids, a.ID)
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestIndexWrittenInBatches: a completion's full-text entry waits for the
// indexer, which writes it within indexDelay on its own; a search writes the
// waiting entries first and sees them.
func TestIndexWrittenInBatches(t *testing.T) {
	s, _ := open(t)
	now := time.Now()
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, now)
	var queued int
	deadline := time.Now().Add(10 * indexDelay)
	for {
		if err := s.r.QueryRow(`SELECT COUNT(*) FROM fts_queue`).Scan(&queued); err != nil {
			t.Fatal(err)
		}
		if queued == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if queued != 0 || s.fts.waiting() != 0 {
		t.Fatalf("%d queued, %d waiting after %v", queued, s.fts.waiting(), 10*indexDelay)
	}
	var indexed int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '"dockers"'`).Scan(&indexed); err != nil || indexed != 1 {
		t.Fatalf("indexed by the indexer: %d %v", indexed, err)
	}
	b := complete(t, s, Article{Identity: "https://e.org/b", Feed: "F", Title: "Budget vote", Text: "parliament votes"}, nil, now)
	if s.fts.waiting() != 1 {
		t.Fatalf("%d entries waiting, want 1", s.fts.waiting())
	}
	if ids := searchIDs(t, s, `"parliament"`); len(ids) != 1 || ids[0] != b.ID {
		t.Fatalf("search parliament: %v, want [%d]", ids, b.ID)
	}
	if ids := searchIDs(t, s, `"strike"`); len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("search strike: %v, want [%d]", ids, a.ID)
	}
}

// TestIndexRebuiltAfterCrash: entries lost with the process are named by
// the queue at the next start and can be written then.
func TestIndexRebuiltAfterCrash(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	now := time.Now()
	// No background flush between the completion and the crash: the
	// entry is lost with the process, whatever the machine's speed.
	stopIndexing(s)
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, now)
	// The crash: the waiting entries are gone with the process.
	s.fts.mu.Lock()
	s.fts.pending = nil
	s.fts.mu.Unlock()
	s.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ids := searchIDs(t, s, `"strike"`); len(ids) != 0 {
		t.Fatalf("entry found before the rebuild: %v", ids)
	}
	lost, err := s.UnindexedArticles(ctx, 0, 100)
	if err != nil || len(lost) != 1 || lost[0].ID != a.ID {
		t.Fatalf("unindexed: %v %+v", err, lost)
	}
	if err := s.Index(ctx, []IndexEntry{{ID: a.ID, Title: "harbour strike", Body: "dockers stop work"}}); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, s, `"strike"`); len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("after rebuild: %v", ids)
	}
	if lost, _ := s.UnindexedArticles(ctx, 0, 100); len(lost) != 0 {
		t.Fatalf("still unindexed: %+v", lost)
	}
}

// TestFailedIndexWritesReportedAndBounded: a failed write of full-text
// entries is reported (OnIndexResult) — the indexer dropped its error — and
// the entries kept in memory for a retry are bounded: beyond indexMaxPending
// a failed batch is dropped from memory (it kept every article's title and
// text until restart). Its IDs stay queued, so the next start rebuilds them.
func TestFailedIndexWritesReportedAndBounded(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	// The flushes are the test's: the background writer, whose second's
	// wait can end on a slow machine between the entries staged below and
	// the test's flush, would take part of them into a flush of its own.
	stopIndexing(s)
	var mu sync.Mutex
	var reported []error
	s.OnIndexResult(func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() })
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, time.Now())
	if _, err := s.fw.Exec(`ALTER TABLE articles_fts RENAME TO articles_fts_away`); err != nil {
		t.Fatal(err)
	}
	s.fts.mu.Lock()
	for i := range indexMaxPending {
		s.fts.pending = append(s.fts.pending, IndexEntry{ID: int64(1_000_000 + i), Title: "t", Body: "b"})
	}
	s.fts.mu.Unlock()
	err := s.FlushIndex(ctx)
	if err == nil || !strings.Contains(err.Error(), "dropped from memory") {
		t.Fatalf("flush of more than indexMaxPending entries into a missing index: %v, want an error naming the drop", err)
	}
	if n := s.fts.waiting(); n > indexMaxPending {
		t.Errorf("%d entries kept in memory after the failed write, want at most %d", n, indexMaxPending)
	}
	mu.Lock()
	if len(reported) == 0 || reported[len(reported)-1] == nil {
		t.Errorf("failed index write reported as %v, want its error", reported)
	}
	mu.Unlock()

	if _, err := s.fw.Exec(`ALTER TABLE articles_fts_away RENAME TO articles_fts`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	as, err := s.UnindexedArticles(ctx, 0, 10)
	if err != nil || len(as) != 1 || as[0].ID != a.ID {
		t.Fatalf("articles to rebuild at the next start: %+v %v, want the dropped one", as, err)
	}
}

// TestReindexWhenFoldingChanges: an index written by older folding rules (or
// with no version recorded: every index before migration 12) is queued whole
// for a rebuild, once; the rebuilt entries are what searches then find.
func TestReindexWhenFoldingChanges(t *testing.T) { engines(t, testReindexWhenFoldingChanges) }

func testReindexWhenFoldingChanges(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	// Folded by the old rules: "l'Ukraine" was one word.
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Visite", Text: "lukraine"}, nil, now)
	b := complete(t, s, Article{Identity: "https://e.org/b", Feed: "F", Title: "Budget", Text: "parliament"}, nil, now)
	if err := s.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, s, `"ukraine"`); len(ids) != 0 {
		t.Fatalf("found before the rebuild: %v", ids)
	}
	n, err := s.QueueReindex(ctx, 2)
	if err != nil || n != 2 {
		t.Fatalf("no version recorded: queued %d, %v; want both articles", n, err)
	}
	lost, err := s.UnindexedArticles(ctx, 0, 100)
	if err != nil || len(lost) != 2 || lost[0].ID != a.ID || lost[1].ID != b.ID {
		t.Fatalf("queued for the rebuild: %+v, %v", lost, err)
	}
	if err := s.Index(ctx, []IndexEntry{{ID: a.ID, Title: "visite", Body: "l ukraine"}, {ID: b.ID, Title: "budget", Body: "parliament"}}); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, s, `"ukraine"`); len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("after the rebuild: %v, want [%d]", ids, a.ID)
	}
	if lost, _ := s.UnindexedArticles(ctx, 0, 100); len(lost) != 0 {
		t.Fatalf("still queued after the rebuild: %+v", lost)
	}
	if n, err := s.QueueReindex(ctx, 2); err != nil || n != 0 {
		t.Fatalf("same version again: queued %d, %v; want 0", n, err)
	}
	if n, err := s.QueueReindex(ctx, 3); err != nil || n != 2 {
		t.Fatalf("a newer version: queued %d, %v; want 2", n, err)
	}
}
