package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// stopIndexing ends s's background indexer: the flushes are the test's.
func stopIndexing(s *Store) {
	close(s.fts.stop)
	s.fts.wg.Wait()
}

// queuedIDs lists the IDs fts_queue names, runs spelled out.
func queuedIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	var ids []int64
	for after := int64(0); ; {
		as, err := s.UnindexedArticles(context.Background(), after, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) == 0 {
			return ids
		}
		for _, a := range as {
			ids = append(ids, a.ID)
			after = a.ID
		}
	}
}

// rebuild writes the entries of every queued article, as the pipeline does
// at start, and checks that the queue is empty after.
func rebuild(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	as, err := s.UnindexedArticles(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var entries []IndexEntry
	for _, a := range as {
		entries = append(entries, IndexEntry{ID: a.ID, Title: foldForTest(a.Title), Body: foldForTest(a.Text)})
	}
	if err := s.Index(ctx, entries); err != nil {
		t.Fatal(err)
	}
	if ids := queuedIDs(t, s); len(ids) != 0 {
		t.Fatalf("queued after the rebuild: %v", ids)
	}
}

func foldForTest(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// TestIndexCrashAfterWriteBeforeUnqueue: the index file and the main file
// commit apart. Entries written in the index file whose IDs the crash kept
// in the main file's queue are written again at the next start, with
// replace: found once, and the queue empties.
func TestIndexCrashAfterWriteBeforeUnqueue(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	stopIndexing(s)
	now := time.Now()
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, now)
	b := complete(t, s, Article{Identity: "https://e.org/b", Feed: "F", Title: "Budget vote", Text: "parliament votes"}, nil, now)
	s.fts.mu.Lock()
	entries := s.fts.pending
	s.fts.pending = nil
	s.fts.mu.Unlock()
	if len(entries) != 2 {
		t.Fatalf("%d entries waiting, want 2", len(entries))
	}
	// The first half of a flush, then the crash.
	if err := s.writeEntries(ctx, entries); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	if ids := queuedIDs(t, s); !slices.Equal(ids, []int64{a.ID, b.ID}) {
		t.Fatalf("queued after the crash: %v, want [%d %d]", ids, a.ID, b.ID)
	}
	rebuild(t, s)
	if ids := searchIDs(t, s, `"dockers" OR "parliament"`); !slices.Equal(ids, []int64{b.ID, a.ID}) && !slices.Equal(ids, []int64{a.ID, b.ID}) {
		t.Fatalf("search after the rebuild: %v, want each article once", ids)
	}
}

// TestIndexFileLostIsRebuilt: a database whose index file is gone, or is
// another database's (a copy restored beside a newer index), queues every
// processed article at the next start; the rebuild makes searches whole.
func TestIndexFileLostIsRebuilt(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	now := time.Now()
	var ids []int64
	for i := range 3 {
		a := complete(t, s, Article{Identity: fmt.Sprintf("https://e.org/%d", i), Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, now)
		ids = append(ids, a.ID)
	}
	if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/p", Feed: "F", SeenAt: now, Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Another database's index file in its place.
	otherPath := path + ".other"
	other, err := Open(ctx, otherPath)
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(IndexPath(path) + suffix)
	}
	data, err := os.ReadFile(IndexPath(otherPath))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(IndexPath(path), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := queuedIDs(t, s); !slices.Equal(got, ids) {
		t.Fatalf("queued with another database's index file: %v, want the processed articles %v", got, ids)
	}
	rebuild(t, s)
	if got := searchIDs(t, s, `"dockers"`); len(got) != 3 {
		t.Fatalf("search after the rebuild: %v, want 3 articles", got)
	}
	s.Close()

	// No index file at all.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(IndexPath(path) + suffix)
	}
	s = openAt(t, path)
	if got := queuedIDs(t, s); !slices.Equal(got, ids) {
		t.Fatalf("queued without an index file: %v, want %v", got, ids)
	}
	rebuild(t, s)
	if got := searchIDs(t, s, `"dockers"`); len(got) != 3 {
		t.Fatalf("search after the rebuild: %v, want 3 articles", got)
	}
}

// TestMigrationMovesIndex: a database of schema 14 has its index in the
// main file; migration 15 queues exactly the IDs that index held and drops
// it, and the index file is made at that start — the rebuild fills it.
func TestMigrationMovesIndex(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	stopIndexing(s)
	now := time.Now()
	var ids []int64
	for i := range 5 {
		a := complete(t, s, Article{Identity: fmt.Sprintf("https://e.org/%d", i), Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, now)
		ids = append(ids, a.ID)
	}
	s.fts.mu.Lock()
	s.fts.pending = nil
	s.fts.mu.Unlock()
	s.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(IndexPath(path) + suffix)
	}
	// Back to schema 14: the index in the main file, holding articles
	// 1, 2 and 4 (3 and 5 were pruned, say); nothing queued.
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM fts_queue`,
		`DELETE FROM settings WHERE key = 'fts_file'`,
		`CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
		fmt.Sprintf(`INSERT INTO articles_fts (rowid, title, body) VALUES (%d, 'harbour strike', 'dockers'), (%d, 'harbour strike', 'dockers'), (%d, 'harbour strike', 'dockers')`, ids[0], ids[1], ids[3]),
		`PRAGMA user_version = 14`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s = openAt(t, path)
	var inMain int
	if err := s.w.QueryRow(`SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'articles_fts'`).Scan(&inMain); err != nil || inMain != 0 {
		t.Fatalf("articles_fts in the main file after migration 15: %d %v", inMain, err)
	}
	if got, want := queuedIDs(t, s), []int64{ids[0], ids[1], ids[3]}; !slices.Equal(got, want) {
		t.Fatalf("queued by the migration: %v, want the old index's %v", got, want)
	}
	rebuild(t, s)
	if got := searchIDs(t, s, `"dockers"`); len(got) != 3 {
		t.Fatalf("search after the rebuild: %v, want 3 articles", got)
	}
	s.Close()
	// The next start keeps the index file: nothing queued.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := queuedIDs(t, s); len(got) != 0 {
		t.Fatalf("queued at the start after: %v", got)
	}
}

// TestReadOnlySearches: a read-only store (preview, search from the
// command line) reads the index file beside a running writer.
func TestReadOnlySearches(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, time.Now())
	if err := s.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	// What reads no index (status) does not open its file.
	if _, err := ro.Feeds(ctx); err != nil {
		t.Fatal(err)
	}
	if n := ro.idx.Stats().OpenConnections; n != 0 {
		t.Errorf("reading the feeds opened %d connections with the index file", n)
	}
	if ids := searchIDs(t, ro, `"dockers"`); !slices.Equal(ids, []int64{a.ID}) {
		t.Fatalf("read-only search: %v, want [%d]", ids, a.ID)
	}
	ro.Close()
	// With no writer running: its last close removed the logs.
	s.Close()
	ro, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ids := searchIDs(t, ro, `"dockers"`); !slices.Equal(ids, []int64{a.ID}) {
		t.Fatalf("read-only search with no writer: %v, want [%d]", ids, a.ID)
	}
	if _, err := ro.idx.Exec(`DELETE FROM articles_fts`); err == nil {
		t.Error("a read-only store deleted from the index")
	}
}

// TestPruneRemovesEntries: Prune deletes the full-text entries of the
// articles it empties, not those of newer ones.
func TestPruneRemovesEntries(t *testing.T) { engines(t, testPruneRemovesEntries) }

func testPruneRemovesEntries(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Now()
	old := complete(t, s, Article{Identity: "https://e.org/old", Feed: "F", Title: "Harbour strike", Text: "dockers stop work", SeenAt: now.Add(-48 * time.Hour)}, nil, now.Add(-48*time.Hour))
	young := complete(t, s, Article{Identity: "https://e.org/new", Feed: "F", Title: "Harbour strike again", Text: "dockers stop work again"}, nil, now)
	if err := s.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, s, `"dockers"`); len(ids) != 2 {
		t.Fatalf("before the prune: %v, want [%d %d]", ids, old.ID, young.ID)
	}
	if _, err := s.Prune(ctx, now.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, s, `"dockers"`); !slices.Equal(ids, []int64{young.ID}) {
		t.Fatalf("after the prune: %v, want [%d]", ids, young.ID)
	}
	var entries int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM articles_fts`).Scan(&entries); err != nil || entries != 1 {
		t.Fatalf("%d entries in the index after the prune (%v), want 1", entries, err)
	}
}

// TestIndexEntryOfAGivenBackID: the index file may hold entries whose
// articles a power cut took back from the main file (the two commit apart):
// the next start deletes them, so that the IDs given again to new articles
// index only those.
func TestIndexEntryOfAGivenBackID(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	old := complete(t, s, Article{Identity: "https://e.org/old", Feed: "F", Title: "Old", Text: "parliament votes"}, nil, time.Now())
	if err := s.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	next := old.ID + 1
	if _, err := s.fw.Exec(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, 'lost article', 'parliament votes')`, next); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	a := complete(t, s, Article{Identity: "https://e.org/a", Feed: "F", Title: "Harbour strike", Text: "dockers stop work"}, nil, time.Now())
	if a.ID != next {
		t.Fatalf("article %d, want the given-back ID %d", a.ID, next)
	}
	if ids := searchIDs(t, s, `"dockers"`); !slices.Equal(ids, []int64{a.ID}) {
		t.Fatalf("search dockers: %v, want [%d]", ids, a.ID)
	}
	if ids := searchIDs(t, s, `"parliament"`); !slices.Equal(ids, []int64{old.ID}) {
		t.Fatalf("search parliament: %v, want only the article kept [%d]", ids, old.ID)
	}
}

// TestIndexFilePageSize: a new index file has pages of ftsPageSize and
// FTS5 leaves that fit in one (no overflow page); an index file made
// before with 4 KB pages keeps them when made anew, with leaves of FTS5's
// 4 KB default — and searches find what both index.
func TestIndexFilePageSize(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, s *Store, pageSize int) {
		t.Helper()
		var got, pgsz int
		var mode string
		if err := s.fw.QueryRowContext(ctx, `PRAGMA main.page_size`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := s.fw.QueryRowContext(ctx, `PRAGMA main.journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := s.fw.QueryRowContext(ctx, `SELECT v FROM articles_fts_config WHERE k = 'pgsz'`).Scan(&pgsz); err != nil {
			t.Fatal(err)
		}
		if got != pageSize || mode != "wal" || pgsz != ftsLeafSize(pageSize) {
			t.Fatalf("index file: page size %d, journal %s, FTS5 leaves %d; want %d, wal, %d", got, mode, pgsz, pageSize, ftsLeafSize(pageSize))
		}
		// Enough text for many full leaves: none overflows its page.
		stopIndexing(s)
		var words []string
		for i := range 4000 {
			words = append(words, fmt.Sprintf("w%d", i))
		}
		now := time.Now()
		for i := range 20 {
			complete(t, s, Article{Identity: fmt.Sprintf("https://e.org/p%d", i), Feed: "F", Title: "Harbour strike", Text: strings.Join(words, " ")}, nil, now)
		}
		if err := s.FlushIndex(ctx); err != nil {
			t.Fatal(err)
		}
		var leaves, overflow int
		if err := s.fw.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE pagetype = 'overflow') FROM dbstat('main') WHERE name = 'articles_fts_data'`).Scan(&leaves, &overflow); err != nil {
			t.Fatal(err)
		}
		if leaves < 10 || overflow != 0 {
			t.Fatalf("articles_fts_data: %d pages, %d of them overflow pages; want leaves in pages of their own", leaves, overflow)
		}
		if ids := searchIDs(t, s, `"harbour" AND "w3999"`); len(ids) != 20 {
			t.Fatalf("search: %d articles, want 20", len(ids))
		}
	}
	t.Run("new", func(t *testing.T) {
		s, _ := open(t)
		check(t, s, ftsPageSize)
	})
	t.Run("made before with 4 KB pages", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		db, err := sql.Open("sqlite", "file:"+IndexPath(path))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`PRAGMA page_size = 4096`, `PRAGMA journal_mode = WAL`, `CREATE TABLE before (x)`} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		s := openAt(t, path)
		check(t, s, 4096)
	})
}
