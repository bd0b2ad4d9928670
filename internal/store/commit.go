package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Group commit. Polls write through one goroutine that takes every write
// waiting when it is free and applies them in one transaction: with many
// feeds polled at once, a commit (and its write-ahead-log write) serves
// dozens of polls instead of one. Each caller still waits for its own
// commit, so what a call returns is on disk as before; a crash loses at most
// the batch being committed, whose callers had not been answered.

// maxBatch bounds the writes of one transaction.
const maxBatch = 128

// ErrClosed is returned for writes submitted after Close.
var ErrClosed = errors.New("store: closed")

// commitReq is one caller's writes: apply runs them in the batch's
// transaction. apply may run twice (alone, after a failed batch), so it
// must set its results afresh each time.
type commitReq struct {
	apply func(tx *sql.Tx) error
	done  chan error
}

// committer owns the batched writes.
type committer struct {
	reqs   chan *commitReq
	closed chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
}

func (s *Store) startCommitter() {
	s.commit = &committer{reqs: make(chan *commitReq), closed: make(chan struct{})}
	s.commit.wg.Add(1)
	go s.commitLoop()
}

// stopCommitter ends the loop once the batch it holds is committed.
func (s *Store) stopCommitter() {
	if s.commit == nil {
		return
	}
	s.commit.once.Do(func() { close(s.commit.closed) })
	s.commit.wg.Wait()
}

func (s *Store) commitLoop() {
	c := s.commit
	defer c.wg.Done()
	batch := make([]*commitReq, 0, maxBatch)
	for {
		select {
		case r := <-c.reqs:
			batch = append(batch[:0], r)
		case <-c.closed:
			return
		}
	more:
		for len(batch) < maxBatch {
			select {
			case r := <-c.reqs:
				batch = append(batch, r)
			default:
				break more
			}
		}
		s.commitBatch(batch)
	}
}

// commitBatch applies the batch in one transaction; if that fails, each
// request is applied in a transaction of its own, so that one bad write
// fails alone.
func (s *Store) commitBatch(batch []*commitReq) {
	ctx := context.Background()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range batch {
			if err := r.apply(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || len(batch) == 1 {
		for _, r := range batch {
			r.done <- err
		}
		return
	}
	for _, r := range batch {
		r.done <- s.tx(ctx, r.apply)
	}
}

// submit runs apply in the next group commit and waits for the commit. A
// cancelled ctx stops the wait for a turn, not a commit under way.
func (s *Store) submit(ctx context.Context, apply func(tx *sql.Tx) error) error {
	if s.commit == nil { // read-only: let the database refuse
		return s.tx(ctx, apply)
	}
	r := &commitReq{apply: apply, done: make(chan error, 1)}
	select {
	case s.commit.reqs <- r:
	case <-s.commit.closed:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-r.done
}

// PollRecord is what one poll of one feed writes, all in one transaction:
// the feed's state after the poll and the articles it found.
type PollRecord struct {
	// Feed is the feed's whole state after the poll, written as it is,
	// except ItemsSeen: the articles this record adds are counted onto the
	// stored count.
	Feed FeedState
	// Added are articles to record without processing them now: status
	// pending (their page is read next) or recorded (never processed).
	Added []Article
	// Done are articles processed within the poll (their page is not read):
	// each is recorded done with its text, matches, quotes, full-text entry
	// and deliveries.
	Done []Completion
}

// PollOutcome is what RecordPoll changed.
type PollOutcome struct {
	Added  []Article    // the Added articles new to the store, with their IDs
	Done   []Completion // the Done articles new to the store, with their IDs
	Queued int          // deliveries queued for them
}

// RecordPoll writes a poll's record in the next group commit and returns
// once it is committed. Articles whose identity is already stored are
// skipped, with their matches and deliveries: nothing is recorded or alerted
// twice, whichever feed carried it first.
func (s *Store) RecordPoll(ctx context.Context, rec PollRecord, now time.Time) (PollOutcome, error) {
	var out PollOutcome
	err := s.submit(ctx, func(tx *sql.Tx) error {
		out = PollOutcome{}
		add := tx.Stmt(s.stmts.addArticle)
		for _, a := range rec.Added {
			res, err := add.Exec(a.Identity, a.URL, a.GUID, a.Feed, a.Title, a.Author, a.Image,
				unix(a.Published), a.SeenAt.Unix(), a.FeedText, a.Text, a.Status)
			if err != nil {
				return fmt.Errorf("store: add article %s: %w", a.Identity, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				a.ID, _ = res.LastInsertId()
				out.Added = append(out.Added, a)
			}
		}
		if len(rec.Done) > 0 {
			ins := tx.Stmt(s.stmts.addDone)
			cs := completionStmts(tx, &s.stmts)
			for _, c := range rec.Done {
				a := c.Article
				res, err := ins.Exec(a.Identity, a.URL, a.GUID, a.Feed, a.Title, a.Author, a.Image,
					unix(a.Published), a.SeenAt.Unix(), a.FeedText, a.Text, a.TextSource, a.Lang)
				if err != nil {
					return fmt.Errorf("store: add article %s: %w", a.Identity, err)
				}
				if n, _ := res.RowsAffected(); n == 0 {
					continue
				}
				c.Article.ID, _ = res.LastInsertId()
				q, err := cs.complete(c, now, false)
				if err != nil {
					return err
				}
				out.Done = append(out.Done, c)
				out.Queued += q
			}
		}
		f := rec.Feed
		_, err := tx.Stmt(s.stmts.putFeed).Exec(f.Name, f.URL, f.ETag, f.LastModified, unix(f.LastPoll), unix(f.LastSuccess),
			f.LastError, unix(f.LastErrorAt), f.Failures, unix(f.NextPoll), len(out.Added)+len(out.Done))
		if err != nil {
			return fmt.Errorf("store: record poll of %s: %w", f.Name, err)
		}
		return nil
	})
	if err != nil {
		return PollOutcome{}, err
	}
	return out, nil
}
