// Package store is newshound's database: one SQLite file (the embedded
// default) or a PostgreSQL database shared by several instances
// (postgres.go), holding the feeds' polling state, every article ever seen,
// the matches, and the outbox of deliveries. One API serves both engines.
//
// Rules the schema enforces:
//   - An article is identified by its canonical URL (or GUID); whichever feed
//     carries it first records it, and it is never processed twice.
//   - An article matches a watch at most once (primary key article × watch);
//     outbox rows are only created together with a new match, in the same
//     transaction, so an alert is recorded before it is delivered and no
//     crash can lose or repeat it.
//   - "seen" means recorded: an article whose page is to be read is recorded
//     with status pending when a poll finds it, before its page is read;
//     processing sets it done. One whose page is not read is matched within
//     the poll and recorded done, with its matches and alerts, in the
//     transaction that records the feed's new state. Articles a first poll
//     finds too old are recorded with status recorded and are never
//     processed.
//
// Writes go through a single connection (SQLite has one writer); reads use a
// small pool of their own, which WAL mode lets run beside the writer. Polls'
// writes (RecordPoll, CompleteArticles) are group-committed: one goroutine
// applies all those waiting in one transaction, and each caller returns when
// its transaction is committed. One
// process writes a database: Open takes a lock file beside it (flock, so a
// crash leaves no stale lock) and refuses while another process holds it;
// OpenReadOnly takes no lock and reads beside the writer.
//
// SQL for both engines: statements are written once with SQLite's ?
// placeholders (rebound for PostgreSQL, dialect.go) in SQL both engines run
// — ON CONFLICT instead of INSERT OR IGNORE/REPLACE, RETURNING id instead of
// LastInsertId, CASE instead of boolean arithmetic (SUM(a = b)) and of the
// two-argument max/min, columns of the target table qualified in ON CONFLICT
// DO UPDATE; times are Unix seconds, flags 0/1 (pass Go bools). What cannot
// be shared is chosen with Store.pick. Each migration has its PostgreSQL
// counterpart of the same number (pgMigrations).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is the database. It is safe for concurrent use.
type Store struct {
	w      *sql.DB // the one writer connection (query-only when read-only)
	r      *sql.DB // readers
	idx    *sql.DB // readers of queries that read the full-text index (r, but on a read-only SQLite store; indexfile.go)
	fw     *sql.DB // the full-text index file's one writer connection (indexfile.go); nil when read-only or on PostgreSQL
	stmts  statements
	lock   *writerLock   // nil when read-only or in memory
	commit *committer    // the group commit of polls' writes; nil when read-only
	fts    *indexer      // the full-text entries waiting to be written; nil when read-only
	ckpt   *checkpointer // copies the write-ahead log into the database; nil when read-only or on PostgreSQL
	// sortedSearch is the most full-text hits SearchArticles sorts by date
	// rather than walking the date index (0: sortedSearchMax; tests set it).
	sortedSearch int
	// pg is set on PostgreSQL (postgres.go), where w and r are one pool;
	// pgConfig is its connection's settings, for connections of their own
	// (a session's advisory lock, LISTEN).
	pg       bool
	pgConfig *pgx.ConnConfig
	// readonly: opened by OpenReadOnly or OpenPostgresReadOnly; no write
	// statement is prepared and every transaction fails.
	readonly bool
	trips    *roundTrips // statements sent (PostgreSQL)
}

// pick returns the SQL of the store's engine: sqlite's, or postgres's on
// PostgreSQL.
func (s *Store) pick(sqlite, postgres string) string {
	if s.pg {
		return postgres
	}
	return sqlite
}

// Postgres reports whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.pg }

// upsertFeed ends the statements that write feeds' states.
const upsertFeed = `
ON CONFLICT (name) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
	last_poll = excluded.last_poll, last_success = excluded.last_success, last_error = excluded.last_error,
	last_error_at = excluded.last_error_at, failures = excluded.failures, next_poll = excluded.next_poll,
	items_seen = CASE WHEN excluded.items_seen > feeds.items_seen THEN excluded.items_seen ELSE feeds.items_seen END`

// statements are the hot writes, prepared once on the writer connection.
type statements struct {
	addArticle, addDone, putFeed, completeArticle, insertMatch, insertOutbox, markDelivered, insertQuote, indexNew, indexArticle *sql.Stmt
	putStory, setStory, storyMatched, guidElsewhere, storyPost                                                                   *sql.Stmt
	pg                                                                                                                           bool // PostgreSQL: full-text entries written with their articles
	// queueIndex adds to fts_queue the runs of IDs of a JSON array (idRuns),
	// unqueueIndex removes from it the rows written entries cover (SQLite,
	// unqueueSQL).
	queueIndex, unqueueIndex *sql.Stmt
	// addDoneMany[n] inserts n processed articles (n in doneSizes, on
	// SQLite sqliteDoneSizes), returning their IDs on PostgreSQL (addDone).
	addDoneMany map[int]*sql.Stmt
}

func (s *Store) prepare(ctx context.Context) error {
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&s.stmts.addArticle, `INSERT INTO articles (identity, url, guid, feed, title, author, image, published, seen_at, feed_text, text, status, item_sum)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (identity) DO NOTHING RETURNING id`},
		{&s.stmts.addDone, `INSERT INTO articles (identity, url, guid, feed, title, author, image, published, seen_at, feed_text, text, text_source, lang, story_id, status, item_sum)
VALUES ` + doneRowSQL + ` ON CONFLICT (identity) DO NOTHING RETURNING id`},
		{&s.stmts.putFeed, `INSERT INTO feeds (name, url, etag, last_modified, last_poll, last_success, last_error, last_error_at, failures, next_poll, items_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` + upsertFeed},
		{&s.stmts.completeArticle, `UPDATE articles SET text = ?, text_source = ?, lang = ?, image = ?, title = ?, author = ?, status = 'done' WHERE id = ?`},
		{&s.stmts.insertMatch, `INSERT INTO matches (article_id, watch, matched_at, explanation) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`},
		{&s.stmts.insertOutbox, `INSERT INTO outbox (article_id, watch, channel, payload, nonce, held, created_at, next_attempt, op, story_id, target_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.stmts.storyPost, storyPostSQL},
		{&s.stmts.insertQuote, `INSERT INTO quotes (article_id, position, speaker, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`},
		// SQLite's are prepared on the index file's writer (below).
		{&s.stmts.indexArticle, s.pick(``,
			`INSERT INTO articles_fts (rowid, doc) VALUES (?, ?::tsvector) ON CONFLICT (rowid) DO UPDATE SET doc = excluded.doc`)},
		// WHERE true: SQLite reads "SELECT … ON CONFLICT" as a join without it.
		{&s.stmts.queueIndex, s.pick(queueRunsSQL, ``)},
		{&s.stmts.unqueueIndex, s.pick(unqueueSQL, ``)},
		{&s.stmts.putStory, putStorySQL},
		{&s.stmts.guidElsewhere, guidElsewhereSQL},
		{&s.stmts.setStory, `UPDATE articles SET story_id = ? WHERE id = ?`},
		{&s.stmts.storyMatched, storyMatchedSQL},
		{&s.stmts.markDelivered, `UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?`},
	} {
		if p.sql == "" {
			continue // not used on this engine
		}
		stmt, err := s.w.PrepareContext(ctx, p.sql)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	if !s.pg {
		for _, p := range []struct {
			stmt **sql.Stmt
			sql  string
		}{
			{&s.stmts.indexArticle, `INSERT OR REPLACE INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`},
			{&s.stmts.indexNew, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`},
		} {
			stmt, err := s.fw.PrepareContext(ctx, p.sql)
			if err != nil {
				return fmt.Errorf("prepare: %w", err)
			}
			*p.stmt = stmt
		}
	}
	sizes := doneSizes
	if !s.pg {
		sizes = sqliteDoneSizes
	}
	s.stmts.addDoneMany = make(map[int]*sql.Stmt, len(sizes))
	for _, n := range sizes {
		stmt, err := s.w.PrepareContext(ctx, addDoneSQL(n, s.pg))
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		s.stmts.addDoneMany[n] = stmt
	}
	s.stmts.pg = s.pg
	return nil
}

// Open opens (creating if needed) the database at path for writing and brings
// its schema up to date. It holds the database's writer lock until Close: a
// second Open of the same file, in this process or another, fails with a
// *LockError (errors.Is ErrLocked) naming the first.
func Open(ctx context.Context, path string) (*Store, error) {
	var lock *writerLock
	if path != ":memory:" {
		l, err := lockWriter(path)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		lock = l
	}
	s, err := openDB(ctx, path, false)
	if err != nil {
		lock.release()
		return nil, err
	}
	s.lock = lock
	return s, nil
}

// OpenReadOnly opens an existing database for reading only, beside a writer
// that may be running: it takes no lock and changes nothing (writes fail).
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return openDB(ctx, path, true)
}

func openDB(ctx context.Context, path string, readonly bool) (*Store, error) {
	dsn := func(path string, writer, index bool) string {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		if !readonly {
			if !index { // the index file's writer sets it after a new file's page size (openIndex)
				q.Add("_pragma", "journal_mode(WAL)")
			}
			q.Add("_pragma", "journal_size_limit(67108864)") // a checkpointed WAL shrinks back to 64 MB at most
		}
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "foreign_keys(ON)")
		// The page caches are what the process's memory holds of the
		// database: SQLite's default, 2 MB a connection (a larger writer
		// cache cost 13 MB of RSS in `once` over 1,000 feeds and saved no
		// time). No memory-mapped reads: the pages they touch count in the
		// process's resident set, up to the whole file.
		// A read-only store (status, preview) reads what it reads once:
		// 64 KB (status over 1,000 feeds 0.9 MB smaller than with 512 KB,
		// preview as fast).
		if readonly {
			q.Add("_pragma", "cache_size(-64)")
		} else {
			q.Add("_pragma", "cache_size(-2000)")
		}
		q.Add("_pragma", "temp_store(MEMORY)")
		if readonly {
			q.Add("_pragma", "query_only(1)")
		}
		if writer {
			// The writer checkpoints the log once it holds writerFrames
			// pages; the checkpointer copies it beside the writer before
			// that (checkpoint.go).
			q.Add("_pragma", "wal_autocheckpoint("+strconv.Itoa(writerFrames)+")")
			q.Set("_txlock", "immediate")
		}
		return "file:" + path + "?" + q.Encode()
	}
	w := sql.OpenDB(writerConnector{dsn(path, !readonly, false)})
	var err error
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// The readers attach the full-text index's file (indexfile.go).
	r, idx := readerPools(dsn(path, false, false), path, readonly)
	r.SetMaxOpenConns(4)
	idx.SetMaxOpenConns(4)
	s := &Store{w: w, r: r, idx: idx, readonly: readonly}
	// A read-only store checks the schema on a reader and prepares no
	// writes: its writer connection is never opened (database/sql connects
	// on first use), which spares `status` a second connection, its schema
	// and page cache, and the preparing of every write statement.
	if readonly {
		err = s.checkVersion(ctx)
	} else if err = s.migrate(ctx); err == nil {
		// The index file's writer: deferred transactions (not
		// immediate), so that reading the attached main file takes no
		// lock of it.
		if err = s.openIndex(ctx, path, dsn(IndexPath(path), false, true)); err == nil {
			err = s.prepare(ctx)
		}
	}
	if err != nil {
		if s.fw != nil {
			s.fw.Close()
		}
		if idx != r {
			idx.Close()
		}
		r.Close()
		w.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if !readonly {
		s.startCheckpointer() // before the writes that tell it (wrote)
		s.startCommitter()
		s.startIndexer()
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stopIndexer()
	s.stopCommitter()
	s.stopCheckpointer()
	if s.pg {
		return s.w.Close()
	}
	var fwErr, idxErr error
	if s.fw != nil {
		fwErr = s.fw.Close()
	}
	if s.idx != s.r {
		idxErr = s.idx.Close()
	}
	return errors.Join(s.r.Close(), idxErr, fwErr, s.w.Close(), s.lock.release())
}

// Checkpoint copies the write-ahead log into the database and truncates it,
// giving its disk space back (after a full disk, so that the space freed is
// not taken again at once by a log that only grows to its largest size).
//
// On PostgreSQL it does nothing: the server manages its log.
func (s *Store) Checkpoint(ctx context.Context) error {
	if s.pg {
		return nil
	}
	if c := s.ckpt; c != nil { // not beside the background checkpointer's
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	var busy, frames, done int
	if err := s.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	switch {
	case busy != 0 && frames < 0:
		return errors.New("store: checkpoint: another connection (or process) was checkpointing the log")
	case busy != 0:
		return fmt.Errorf("store: checkpoint: readers kept %d of %d frames in the log", frames-done, frames)
	}
	return nil
}

// LimitSize caps the database file at about the given number of bytes for
// this process (0: no cap): a write that would grow it further fails as on a
// full disk (SQLITE_FULL). Tests use it to make writes fail. PostgreSQL
// refuses it.
func (s *Store) LimitSize(ctx context.Context, bytes int64) error {
	if s.pg {
		return errors.New("store: limit size: not possible on PostgreSQL")
	}
	var pageSize, pages int64
	if err := s.w.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return fmt.Errorf("store: limit size: %w", err)
	}
	max := bytes / pageSize
	if bytes <= 0 {
		max = 0xfffffffe // SQLite's largest
	}
	if err := s.w.QueryRowContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", max)).Scan(&pages); err != nil {
		return fmt.Errorf("store: limit size: %w", err)
	}
	return nil
}

// Size is the database file's size in bytes (pages in use and free); on
// PostgreSQL, the size of the schema's tables with their indexes.
func (s *Store) Size(ctx context.Context) (int64, error) {
	if s.pg {
		var n int64
		err := s.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("store: size: %w", err)
		}
		return n, nil
	}
	var pageSize, pages int64
	err := s.w.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize)
	if err == nil {
		err = s.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
	}
	if err != nil {
		return 0, fmt.Errorf("store: size: %w", err)
	}
	return pageSize * pages, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// tx runs fn in a transaction. On PostgreSQL, a transaction that lost a
// deadlock with another instance's (or a serialization failure) is run
// again, up to txAttempts times: fn must set its results afresh each run.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.tx1(ctx, fn)
		if err == nil || !s.pg || attempt == txAttempts || !retryable(err) {
			return err
		}
	}
}

const txAttempts = 5

// errReadOnly is a write to a store opened for reading only.
var errReadOnly = errors.New("store: the database is open read-only")

func (s *Store) tx1(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.readonly {
		return errReadOnly
	}
	tx, err := s.w.BeginTx(ctx, nil)
	return s.runTx(tx, err, fn)
}

// runTx runs fn in tx, begun with the error begun, and commits it: a
// failure of fn rolls it back.
func (s *Store) runTx(tx *sql.Tx, begun error, fn func(*sql.Tx) error) error {
	if begun != nil {
		return fmt.Errorf("store: begin: %w", begun)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	s.wrote()
	return nil
}

// unix converts t to the stored form: Unix seconds, or NULL for the zero time.
func unix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// fromUnix converts a stored time back.
func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).UTC()
}
