package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
	indexDelay   = time.Second
	indexBatch   = 4096
	unqueueChunk = 500 // IDs a statement removes from fts_queue
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
	for {
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
		// the database): the next commit retries them.
		s.FlushIndex(context.Background())
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
	err := s.submit(ctx, func(tx *sql.Tx, _ *commitReq) error {
		insert, replace := tx.Stmt(s.stmts.indexNew), tx.Stmt(s.stmts.indexArticle)
		ids := make([]any, 0, min(len(entries), unqueueChunk))
		for i, e := range entries {
			stmt := insert
			if e.replace {
				stmt = replace
			}
			if _, err := stmt.Exec(e.ID, e.Title, e.Body); err != nil {
				return fmt.Errorf("store: index article %d: %w", e.ID, err)
			}
			ids = append(ids, e.ID)
			if len(ids) == unqueueChunk || i == len(entries)-1 {
				q := `DELETE FROM fts_queue WHERE article_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
				if _, err := tx.Exec(q, ids...); err != nil {
					return fmt.Errorf("store: unqueue index entries: %w", err)
				}
				ids = ids[:0]
			}
		}
		return nil
	})
	if err != nil {
		x.mu.Lock()
		x.pending = append(entries, x.pending...)
		x.mu.Unlock()
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
