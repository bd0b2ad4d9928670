package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The full-text index is written apart from the polls' transactions: a
// completion queues its article's ID (table fts_queue) in the transaction
// that records it and hands its entry to the indexer, which writes the
// entries of many polls at once — at most indexDelay after the first of
// them, or as soon as indexBatch are waiting — then removes their IDs from
// the queue in a group commit (on SQLite the entries are in a file of their
// own, written by a connection of its own: indexfile.go). FTS5 merges its
// index segments at every commit that adds to it; doing it once a second
// instead of once a poll takes most of its cost off the polls. A search with a query writes the
// waiting entries first, so it sees every processed article. After a crash
// the queue names the articles whose entries were lost; the pipeline
// rebuilds them (UnindexedArticles, Index).

const (
	indexDelay = time.Second
	// indexBatch: 2,048 entries a transaction take half as long as 4,096
	// for the same CPU per entry (1,024 cost a quarter more: FTS5 merges
	// more, smaller segments), and are half as many held in memory.
	indexBatch = 2048
	// indexRetryMax bounds the wait before the indexer retries after failed
	// writes (doubling from indexDelay while they keep failing).
	indexRetryMax = time.Minute
	// indexMaxPending bounds the entries kept in memory while writes to the
	// index fail: beyond it a failed batch is dropped from memory. Its IDs
	// stay in fts_queue (the failed transaction did not remove them), so the
	// rebuild at the next start (UnindexedArticles, Index) writes them.
	indexMaxPending = 8 * indexBatch
)

// IndexEntry is an article's full-text entry: its title and text folded as
// the matcher folds them (package match's Fold).
type IndexEntry struct {
	ID          int64
	Title, Body string
	replace     bool // may be in the index already (rebuilt after a crash)
}

// indexer holds the entries waiting to be written.
type indexer struct {
	mu      sync.Mutex
	pending []IndexEntry
	kick    chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup
	report  func(error) // told the outcome of each write of entries; nil: none
	// fresh: new articles' entries were written since the start (no index
	// entry above their IDs is left from before; writeEntries).
	fresh atomic.Bool
}

// OnIndexResult sets the function told the outcome of every write of
// full-text entries (nil when it worked): the indexer writes in the
// background, so its failures — a corrupt index, a full disk — reach the
// daemon's health only this way. f must not call the Store's index methods.
func (s *Store) OnIndexResult(f func(error)) {
	if s.fts == nil {
		return
	}
	s.fts.mu.Lock()
	s.fts.report = f
	s.fts.mu.Unlock()
}

func (s *Store) startIndexer() {
	s.fts = &indexer{kick: make(chan struct{}, 1), stop: make(chan struct{})}
	s.fts.wg.Add(1)
	go s.indexLoop()
}

// stopIndexer ends the loop and writes what waits.
func (s *Store) stopIndexer() {
	x := s.fts
	if x == nil {
		return
	}
	select {
	case <-x.stop:
		return
	default:
	}
	close(x.stop)
	x.wg.Wait()
	s.FlushIndex(context.Background())
}

// staged takes the entries of committed requests.
func (x *indexer) staged(batch []*commitReq) {
	if x == nil {
		return
	}
	x.mu.Lock()
	for _, r := range batch {
		x.pending = append(x.pending, r.index...)
	}
	n := len(x.pending)
	x.mu.Unlock()
	if n > 0 {
		select {
		case x.kick <- struct{}{}:
		default:
		}
	}
}

func (x *indexer) waiting() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.pending)
}

func (s *Store) indexLoop() {
	x := s.fts
	defer x.wg.Done()
	var retry time.Duration // after failed writes: the wait before the next
	for {
		if retry > 0 {
			// The entries wait in memory (bounded) and their IDs in the
			// queue: retry them later, not at every commit.
			t := time.NewTimer(retry)
			select {
			case <-t.C:
			case <-x.stop:
				t.Stop()
				return
			}
			if s.FlushIndex(context.Background()) != nil {
				retry = min(2*retry, indexRetryMax)
			} else {
				retry = 0
			}
			continue
		}
		select {
		case <-x.kick:
		case <-x.stop:
			return
		}
		deadline := time.NewTimer(indexDelay)
	wait:
		for x.waiting() < indexBatch {
			select {
			case <-deadline.C:
				break wait
			case <-x.kick:
			case <-x.stop:
				deadline.Stop()
				return
			}
		}
		deadline.Stop()
		// A failure leaves the entries waiting (and their IDs queued in
		// the database), reported through OnIndexResult: retried after
		// indexDelay, then less and less often.
		if s.FlushIndex(context.Background()) != nil {
			retry = indexDelay
		}
	}
}

// FlushIndex writes the full-text entries waiting, in one transaction of
// the index file's writer, then removes their IDs from the queue in the
// next group commit. The order is what keeps a crash from losing entries:
// between the two, the IDs stay queued and are indexed again at start
// (with replace: the same entries). When the entries cannot be written
// they wait for a retry (bounded); when only their IDs cannot be removed
// from the queue, the entries are in the index and the next start writes
// them again.
func (s *Store) FlushIndex(ctx context.Context) error {
	x := s.fts
	if x == nil || s.fw == nil {
		return nil
	}
	x.mu.Lock()
	entries := x.pending
	x.pending = nil
	x.mu.Unlock()
	if len(entries) == 0 {
		return nil
	}
	err := s.writeEntries(ctx, entries)
	if err != nil {
		x.mu.Lock()
		if len(entries)+len(x.pending) <= indexMaxPending {
			x.pending = append(entries, x.pending...)
		} else {
			err = fmt.Errorf("%w (%d full-text entries dropped from memory, still queued: the next start writes them)", err, len(entries))
		}
		x.mu.Unlock()
	} else {
		ids := make([]int64, len(entries))
		for i, e := range entries {
			ids[i] = e.ID
		}
		err = s.submit(ctx, nil, func(tx *sql.Tx, _ *commitReq) error { return s.unqueue(tx, runsOf(ids)) })
		if err != nil {
			err = fmt.Errorf("%w (%d full-text entries written, still queued: the next start writes them again)", err, len(entries))
		}
	}
	if ctx.Err() == nil {
		x.mu.Lock()
		report := x.report
		x.mu.Unlock()
		if report != nil {
			report(err)
		}
	}
	return err
}

// writeEntries writes entries in the index file, in one transaction.
func (s *Store) writeEntries(ctx context.Context, entries []IndexEntry) error {
	tx, err := s.fw.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: index: begin: %w", err)
	}
	defer tx.Rollback()
	// The first write of new articles' entries since the start deletes
	// the index's entries from the first of their IDs on: entries of
	// articles a power cut took back from the main file, which commits
	// apart (the index file's commits are synchronous FULL, the main
	// file's NORMAL). Their IDs are given again, and FTS5 would add a new
	// article's entry to the old one's. No entry written since the start
	// is among them: new articles' IDs are above every article's before.
	first := int64(-1)
	if !s.fts.fresh.Load() {
		for _, e := range entries {
			if !e.replace && (first < 0 || e.ID < first) {
				first = e.ID
			}
		}
	}
	if first >= 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid >= ?`, first); err != nil {
			return fmt.Errorf("store: index: entries of articles taken back: %w", err)
		}
	}
	insert, replace := tx.Stmt(s.stmts.indexNew), tx.Stmt(s.stmts.indexArticle)
	for _, e := range entries {
		stmt := insert
		if e.replace {
			stmt = replace
		}
		if _, err := stmt.Exec(e.ID, e.Title, e.Body); err != nil {
			return fmt.Errorf("store: index article %d: %w", e.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: index: commit: %w", err)
	}
	if first >= 0 {
		s.fts.fresh.Store(true)
	}
	return nil
}

// UnindexedArticles returns processed articles whose full-text entry was
// lost (queued, not written: a crash), at most limit, by ID.
func (s *Store) UnindexedArticles(ctx context.Context, after int64, limit int) ([]Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	// The single IDs after after, then the runs' (few rows: an index of
	// their ends finds them), merged: the limit first.
	var ids []int64
	err := func() error {
		rows, err := s.r.QueryContext(ctx, `SELECT article_id FROM fts_queue WHERE last IS NULL AND article_id > ? ORDER BY article_id LIMIT ?`, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		runs, err := queuedRuns(ctx, s.r, after+1, math.MaxInt64)
		if err != nil {
			return err
		}
		for _, r := range runs {
			for id := max(r.first, after+1); id <= r.last && id-max(r.first, after+1) < int64(limit); id++ {
				ids = append(ids, id)
			}
		}
		return nil
	}()
	if err != nil {
		return nil, fmt.Errorf("store: unindexed articles: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	ids = ids[:min(len(ids), limit)]
	if s.pg {
		return s.articles(ctx, `WHERE id = ANY(?) ORDER BY id`, ids)
	}
	return s.articles(ctx, `WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, idArray(ids))
}

// idRun is a run of consecutive article IDs, first to last.
type idRun struct{ first, last int64 }

// runsOf sorts ids and returns them as runs of consecutive IDs.
func runsOf(ids []int64) []idRun {
	slices.Sort(ids)
	var runs []idRun
	for _, id := range ids {
		if n := len(runs); n > 0 && id <= runs[n-1].last+1 {
			runs[n-1].last = max(runs[n-1].last, id)
			continue
		}
		runs = append(runs, idRun{id, id})
	}
	return runs
}

// idRuns writes runs as a JSON array of [first, last] arrays, which
// queueRunsSQL and unqueueSQL read.
func idRuns(runs []idRun) string {
	b := make([]byte, 0, 2+len(runs)*16)
	b = append(b, '[')
	for i, r := range runs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, r.first, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, r.last, 10)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// idArray writes ids as a JSON array.
func idArray(ids []int64) string {
	b := make([]byte, 0, 2+len(ids)*8)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// queueRunsSQL queues the runs of a JSON array (idRuns): a row a run, last
// NULL for a single ID. A run whose first ID is queued already joins that
// row (its last the larger). WHERE true: SQLite reads "SELECT … ON
// CONFLICT" as a join without it.
const queueRunsSQL = `INSERT INTO fts_queue (article_id, last)
SELECT value ->> 0, NULLIF(value ->> 1, value ->> 0) FROM json_each(?) WHERE true
` + queueRunsConflict

// queueRunsConflict ends an INSERT of runs into fts_queue: a run whose
// first ID is queued already joins that row (its last the larger).
const queueRunsConflict = `ON CONFLICT (article_id) DO UPDATE SET last = CASE
	WHEN excluded.last IS NULL THEN fts_queue.last
	WHEN fts_queue.last IS NULL OR excluded.last > fts_queue.last THEN excluded.last
	ELSE fts_queue.last END`

// unqueueSQL removes from fts_queue, in one statement, the rows whose
// article_id is in the JSON array ?2 (idArray: the queued runs that written
// entries cover, whole or in part) and the single IDs (not runs) within the
// runs of the JSON array ?1 (idRuns: the IDs written), a range of the
// table's key a run.
const unqueueSQL = `DELETE FROM fts_queue WHERE article_id IN (
	SELECT value FROM json_each(?2)
	UNION ALL
	SELECT q.article_id FROM json_each(?1) r JOIN fts_queue q ON q.article_id BETWEEN r.value ->> 0 AND r.value ->> 1
	WHERE q.last IS NULL)`

// queuedRuns returns the queued runs that end at or after from and begin
// at or before to.
func queuedRuns(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, from, to int64) ([]idRun, error) {
	rows, err := q.QueryContext(ctx, `SELECT article_id, last FROM fts_queue WHERE last IS NOT NULL AND last >= ? AND article_id <= ? ORDER BY article_id`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var runs []idRun
	for rows.Next() {
		var r idRun
		if err := rows.Scan(&r.first, &r.last); err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, rows.Err()
}

// unqueue removes from fts_queue the IDs of done (runs, sorted, apart), in
// the transaction that wrote their entries: the single IDs, and the queued
// runs they cover — a run they cover in part is cut to what they do not
// (a rebuild reads a long run in several parts). Three statements whatever
// the number of runs: the queued runs read, the covered rows deleted, the
// rests queued (a DELETE a queued run was 3.5% of a changed poll cycle's
// CPU).
func (s *Store) unqueue(tx *sql.Tx, done []idRun) error {
	if len(done) == 0 {
		return nil
	}
	ctx := context.Background()
	queued, err := queuedRuns(ctx, tx, done[0].first, done[len(done)-1].last)
	if err != nil {
		return fmt.Errorf("store: unqueue index entries: %w", err)
	}
	var covered []int64
	var rest []idRun
	for _, q := range queued {
		r := cutRun(q, done)
		if len(r) == 1 && r[0] == q {
			continue // between the runs written: untouched
		}
		covered = append(covered, q.first)
		rest = append(rest, r...)
	}
	if _, err := tx.Stmt(s.stmts.unqueueIndex).Exec(idRuns(done), idArray(covered)); err != nil {
		return fmt.Errorf("store: unqueue index entries: %w", err)
	}
	if len(rest) > 0 {
		if _, err := tx.Stmt(s.stmts.queueIndex).Exec(idRuns(rest)); err != nil {
			return fmt.Errorf("store: unqueue index entries: %w", err)
		}
	}
	return nil
}

// cutRun returns what of run q the runs done (sorted, apart) do not cover.
func cutRun(q idRun, done []idRun) []idRun {
	var rest []idRun
	next := q.first
	for _, d := range done {
		if d.last < next || d.first > q.last {
			continue
		}
		if d.first > next {
			rest = append(rest, idRun{next, d.first - 1})
		}
		next = d.last + 1
	}
	if next <= q.last {
		rest = append(rest, idRun{next, q.last})
	}
	return rest
}

// Index writes full-text entries now (those of UnindexedArticles).
func (s *Store) Index(ctx context.Context, entries []IndexEntry) error {
	if s.pg {
		return s.tx(ctx, func(tx *sql.Tx) error {
			stmt := tx.StmtContext(ctx, s.stmts.indexArticle)
			ids := make([]int64, len(entries))
			for i, e := range entries {
				if _, err := stmt.ExecContext(ctx, e.ID, tsvector(e.Title, e.Body)); err != nil {
					return fmt.Errorf("store: index article %d: %w", e.ID, err)
				}
				ids[i] = e.ID
			}
			// Only a rebuild (QueueReindex) queues IDs on PostgreSQL.
			if _, err := tx.ExecContext(ctx, `DELETE FROM fts_queue WHERE article_id = ANY(?)`, ids); err != nil {
				return fmt.Errorf("store: index: unqueue: %w", err)
			}
			return nil
		})
	}
	if s.fts == nil {
		return nil
	}
	for i := range entries {
		entries[i].replace = true
	}
	s.fts.mu.Lock()
	s.fts.pending = append(s.fts.pending, entries...)
	s.fts.mu.Unlock()
	return s.FlushIndex(ctx)
}

// QueueReindex makes every article in the full-text index wait to be
// indexed again (UnindexedArticles, Index) when the index was written with
// another folding than version (the matcher's FoldVersion), or with none
// recorded (before migration 12), and records version. It returns how many
// articles were queued: 0 when the index is already of this version. One
// transaction: of several instances sharing a database, one queues.
func (s *Store) QueueReindex(ctx context.Context, version int) (int64, error) {
	var queued int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('fts_fold', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value <> excluded.value`, strconv.Itoa(version))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		if !s.pg {
			queued, err = s.queueIndexed(ctx, tx)
			return err
		}
		// WHERE true: SQLite reads "SELECT … ON CONFLICT" as a join without it.
		res, err = tx.ExecContext(ctx, `INSERT INTO fts_queue (article_id) SELECT rowid FROM articles_fts WHERE true ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		queued, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: queue the full-text index's rebuild: %w", err)
	}
	return queued, nil
}

// queueIndexed queues, in tx of the main file, the IDs of every entry of
// the index file (SQLite), as runs, and returns how many IDs.
func (s *Store) queueIndexed(ctx context.Context, tx *sql.Tx) (int64, error) {
	rows, err := s.fw.QueryContext(ctx, `SELECT rowid FROM articles_fts ORDER BY rowid`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	var runs []idRun
	flush := func() error {
		if len(runs) == 0 {
			return nil
		}
		_, err := tx.Stmt(s.stmts.queueIndex).ExecContext(ctx, idRuns(runs))
		runs = runs[:0]
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		n++
		if k := len(runs); k > 0 && id == runs[k-1].last+1 {
			runs[k-1].last = id
			continue
		}
		if len(runs) == indexBatch {
			if err := flush(); err != nil {
				return 0, err
			}
		}
		runs = append(runs, idRun{id, id})
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, flush()
}
