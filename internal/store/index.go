package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// The full-text index is written apart from the polls' transactions: a
// completion queues its article's ID (table fts_queue) in the transaction
// that records it and hands its entry to the indexer, which writes the
// entries of many polls at once — at most indexDelay after the first of
// them, or as soon as indexBatch are waiting — removing their IDs from the
// queue in the same transaction. FTS5 merges its index segments at every
// commit that adds to it; doing it once a second instead of once a poll
// takes most of its cost off the polls. A search with a query writes the
// waiting entries first, so it sees every processed article. After a crash
// the queue names the articles whose entries were lost; the pipeline
// rebuilds them (UnindexedArticles, Index).

const (
	indexDelay = time.Second
	indexBatch = 4096
	// indexRetryMax bounds the wait before the indexer retries after failed
	// writes (doubling from indexDelay while they keep failing).
	indexRetryMax = time.Minute
	// indexMaxPending bounds the entries kept in memory while writes to the
	// index fail: beyond it a failed batch is dropped from memory. Its IDs
	// stay in fts_queue (the failed transaction did not remove them), so the
	// rebuild at the next start (UnindexedArticles, Index) writes them.
	indexMaxPending = 4 * indexBatch
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

// FlushIndex writes the full-text entries waiting, in one transaction.
func (s *Store) FlushIndex(ctx context.Context) error {
	x := s.fts
	if x == nil {
		return nil
	}
	x.mu.Lock()
	entries := x.pending
	x.pending = nil
	x.mu.Unlock()
	if len(entries) == 0 {
		return nil
	}
	err := s.submit(ctx, nil, func(tx *sql.Tx, _ *commitReq) error {
		insert, replace := tx.Stmt(s.stmts.indexNew), tx.Stmt(s.stmts.indexArticle)
		var ids []byte
		for i, e := range entries {
			stmt := insert
			if e.replace {
				stmt = replace
			}
			if _, err := stmt.Exec(e.ID, e.Title, e.Body); err != nil {
				return fmt.Errorf("store: index article %d: %w", e.ID, err)
			}
			ids = idList(ids, i, e.ID)
		}
		if _, err := tx.Stmt(s.stmts.unqueueIndex).Exec(string(append(ids, ']'))); err != nil {
			return fmt.Errorf("store: unqueue index entries: %w", err)
		}
		return nil
	})
	if err != nil {
		x.mu.Lock()
		if len(entries)+len(x.pending) <= indexMaxPending {
			x.pending = append(entries, x.pending...)
		} else {
			err = fmt.Errorf("%w (%d full-text entries dropped from memory, still queued: the next start writes them)", err, len(entries))
		}
		x.mu.Unlock()
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

// UnindexedArticles returns processed articles whose full-text entry was
// lost (queued, not written: a crash), at most limit, by ID.
func (s *Store) UnindexedArticles(ctx context.Context, after int64, limit int) ([]Article, error) {
	return s.articles(ctx, `WHERE id IN (SELECT article_id FROM fts_queue WHERE article_id > ? ORDER BY article_id LIMIT ?) ORDER BY id`, after, limit)
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
