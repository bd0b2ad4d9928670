package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"

	"modernc.org/sqlite"
)

// On SQLite the full-text index (articles_fts) is a database file of its
// own beside the main one (IndexPath), in WAL mode, written by a connection
// of its own (Store.fw): the indexer's writes — FTS5's inserts and segment
// merges — run beside the polls' commits instead of in the one writer's
// turns. The readers attach it (schema "fts"; the main file has no
// articles_fts since migration 15, so the name alone finds it), so searches
// join it with articles as before.
//
// A transaction does not span the two files atomically, so every change
// that touches both is ordered for a crash to lose nothing: entries are
// written in the index file first, then their IDs leave the main file's
// queue (fts_queue) — a crash between them leaves the IDs queued, and their
// entries are written again at start with replace, which changes nothing.
// The two files are paired by a token (the index file's user_version, the
// main file's setting fts_file): an index file missing, or not the one the
// main file was indexed into (a database restored from a copy), is made
// anew and every processed article queued for the rebuild at start
// (openIndex).

// IndexPath is the file of the full-text index of the SQLite database at
// path: beside it, path with "-fts" appended (like SQLite's -wal and -shm,
// it belongs with the database: copy, move and delete them together).
func IndexPath(path string) string {
	if path == ":memory:" {
		return path
	}
	return path + "-fts"
}

// ftsSchema creates the index in a new index file. contentless: the text
// stays in articles. automerge 8: FTS5 merges a level's segments when 8
// are there, not 4: each entry is written again in a merge a third less
// often; a search reads at most 7 segments a level. pgsz (ftsLeafSize):
// a segment's leaf fills a page of the file.
const ftsSchema = `
DROP TABLE IF EXISTS articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('pgsz', %d);`

// ftsPageSize is the page size of a new index file: 8 KB, not SQLite's
// 4 KB. FTS5 writes its segments a leaf a row; each page is written into
// the log, read back when merged and copied by the checkpoint, a system
// call each time: on 8 KB pages the index writer makes half the calls
// (pwrite and pread, BenchmarkIndexCycle), for the same page cache in
// bytes (ftsCacheKB). 16 KB pages saved a little more CPU but cost `once`
// about 1.5 MB of peak RSS. A file keeps the page size it was made with
// (SQLite cannot change it in WAL mode): an index file of 4 KB pages made
// before keeps them until it is made anew (removed with its -wal and -shm
// while newshound is stopped, it is made anew at the next start and
// rebuilt from the articles).
const ftsPageSize = 8192

// ftsLeafSize is FTS5's leaf size (pgsz) for pages of pageSize bytes:
// FTS5's default, 4050 for 4 KB pages, is the page less 46 bytes (a leaf
// and its row's header fit in one page, no overflow page).
func ftsLeafSize(pageSize int) int { return pageSize - 46 }

// queueDoneSQL queues every processed article for the index's rebuild, as
// runs of consecutive IDs.
const queueDoneSQL = `INSERT INTO fts_queue (article_id, last)
SELECT first, NULLIF(last, first) FROM (
	SELECT MIN(id) AS first, MAX(id) AS last
	FROM (SELECT id, id - ROW_NUMBER() OVER (ORDER BY id) AS g FROM articles WHERE status = 'done') GROUP BY g) WHERE true
` + queueRunsConflict

// attacher opens SQLite connections with other database files attached:
// database/sql may open a pool's connections at any time, each needs them.
type attacher struct {
	dsn    string
	attach [][2]string // file URI, schema name
	then   []string    // statements run after attaching (pragmas of the attached)
}

func (a attacher) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := (&sqlite.Driver{}).Open(a.dsn)
	if err != nil {
		return nil, err
	}
	for _, at := range a.attach {
		_, err := c.(driver.ExecerContext).ExecContext(ctx, `ATTACH DATABASE ? AS `+at[1], []driver.NamedValue{{Ordinal: 1, Value: at[0]}})
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("attach %s: %w", at[0], err)
		}
	}
	for _, q := range a.then {
		if _, err := c.(driver.ExecerContext).ExecContext(ctx, q, nil); err != nil {
			c.Close()
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return c, nil
}

func (a attacher) Driver() driver.Driver { return &sqlite.Driver{} }

// readerPools opens the readers of the database at path (dsn): r, and
// idx for what reads the index, with its file attached. A store that
// writes attaches it to r (idx is r); a read-only one opens idx apart,
// connected only when something reads the index, so that `status` does
// not open the file — and attaches it only if it exists (a search fails
// without it), read-only as the main file (query_only; no mode=ro, which
// cannot open a WAL file whose -shm went with its last writer).
func readerPools(dsn, path string, readonly bool) (r, idx *sql.DB) {
	fts := "file:" + IndexPath(path)
	if path == ":memory:" {
		fts = ":memory:"
	}
	if !readonly {
		r = sql.OpenDB(attacher{dsn: dsn, attach: [][2]string{{fts, "fts"}}})
		return r, r
	}
	a := attacher{dsn: dsn}
	if _, err := os.Stat(IndexPath(path)); err == nil {
		a.attach = [][2]string{{fts, "fts"}}
	}
	return sql.OpenDB(attacher{dsn: dsn}), sql.OpenDB(a)
}

// ftsCacheKB is the index file writer's page cache: 512 KB (SQLite's
// default 2 MB cost BenchmarkPollCycle/changed 14 MB of peak RSS, 512 KB
// 5 MB, 128 KB as much).
const ftsCacheKB = 512

// openIndex opens the index file's writer (s.fw), with the main file
// attached read-only (schema m: Prune reads which articles' entries go),
// and makes the file anew when it is missing or not the main file's
// (their tokens differ): first the main file queues every processed
// article and records the new token, then the index file is made with
// it — a crash between them makes it anew at the next start again.
func (s *Store) openIndex(ctx context.Context, path, dsn string) error {
	main := "file:" + path + "?mode=ro"
	if path == ":memory:" {
		main = ":memory:"
	}
	// synchronous FULL: an index commit is on disk before the queue's
	// rows of its entries go (NORMAL, as the main file, would let a
	// power cut take back index commits whose unqueue the main file kept;
	// one fsync a flush, about a second apart).
	// The page size first: it is the new file's (a file that has pages
	// keeps its own), then WAL, which fixes it.
	fw := sql.OpenDB(attacher{dsn: dsn, attach: [][2]string{{main, "m"}}, then: []string{
		"PRAGMA main.page_size = " + strconv.Itoa(ftsPageSize), "PRAGMA main.journal_mode = WAL",
		"PRAGMA main.synchronous = FULL", "PRAGMA main.cache_size = -" + strconv.Itoa(ftsCacheKB), "PRAGMA m.cache_size = -64"}})
	fw.SetMaxOpenConns(1)
	fw.SetConnMaxIdleTime(0)
	s.fw = fw
	var token string
	err := s.w.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'fts_file'`).Scan(&token)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("index file: %w", err)
	}
	var version int32
	var exists bool
	err = fw.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
	if err == nil {
		err = fw.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'articles_fts')`).Scan(&exists)
	}
	if err != nil {
		return fmt.Errorf("index file %s: %w", IndexPath(path), err)
	}
	if exists && version != 0 && token == strconv.Itoa(int(version)) {
		return nil
	}
	next := rand.Int32N(1<<31-1) + 1
	err = s.tx(ctx, func(tx *sql.Tx) error {
		// fts_file '0': migration 15 queued the old index's entries.
		if token != "0" {
			if _, err := tx.ExecContext(ctx, queueDoneSQL); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('fts_file', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(int(next)))
		return err
	})
	if err != nil {
		return fmt.Errorf("index file: queue the rebuild: %w", err)
	}
	tx, err := fw.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index file %s: %w", IndexPath(path), err)
	}
	defer tx.Rollback()
	var pageSize int
	if err := tx.QueryRowContext(ctx, `PRAGMA main.page_size`).Scan(&pageSize); err != nil {
		return fmt.Errorf("index file %s: %w", IndexPath(path), err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(ftsSchema+"\nPRAGMA user_version = %d;", ftsLeafSize(pageSize), next)); err != nil {
		return fmt.Errorf("index file %s: %w", IndexPath(path), err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index file %s: %w", IndexPath(path), err)
	}
	return nil
}
