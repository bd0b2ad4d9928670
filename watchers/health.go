package watchers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// StoreError is a failure of the database, not of a feed: a corrupt page, a
// full disk, a lock held too long. The poll path returns it (inside a
// *FeedError) so that callers tell the two apart; the Watcher logs it at
// ERROR, counts it in newshound_store_errors_total{op} and reports it in
// /healthz until the same operation succeeds again.
type StoreError struct {
	Op  string // what was being done: feed_state, known_items, record_items, record_poll, record_articles, pending_articles, chat_watches, deliver, stories, index, rebuild_index
	Err error
}

func (e *StoreError) Error() string { return fmt.Sprintf("database (%s): %v", e.Op, e.Err) }
func (e *StoreError) Unwrap() error { return e.Err }

// storeRetryMin and storeRetryMax bound the wait before articles a failed
// write left pending are processed again (doubling while writes keep
// failing). storeLogEvery is how often a persisting failure of one operation
// is logged again.
const (
	storeRetryMin = 15 * time.Second
	storeRetryMax = retryPendingInterval
	storeLogEvery = time.Minute
)

// storeHealth is what the Watcher knows of the database's health: the
// operations failing now, and when a write last failed.
type storeHealth struct {
	mu        sync.Mutex
	failing   map[string]*storeProblem // by operation
	writeFail time.Time                // the last failed write; zero once pending articles were retried after it
	trouble   chan struct{}            // a write failed: Run schedules a retry of pending articles
}

type storeProblem struct {
	err      string
	since    time.Time
	logged   time.Time
	repeated int
}

func newStoreHealth() *storeHealth {
	return &storeHealth{failing: map[string]*storeProblem{}, trouble: make(chan struct{}, 1)}
}

// storeResult records the outcome of a store operation and returns err as a
// *StoreError (nil stays nil; a cancelled context is not the store's fault
// and is returned as it is). write marks operations that change the database.
func (w *Watcher) storeResult(ctx context.Context, op string, write bool, err error) error {
	h := w.storeHealth
	if err == nil {
		h.mu.Lock()
		p := h.failing[op]
		delete(h.failing, op)
		h.mu.Unlock()
		if p != nil {
			w.log.Info("database works again", "op", op, "failing_since", p.since.Format(time.RFC3339))
		}
		return nil
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return err
	}
	w.metrics.StoreErrors.WithLabelValues(op).Inc()
	now := time.Now()
	h.mu.Lock()
	p := h.failing[op]
	if p == nil {
		p = &storeProblem{since: now}
		h.failing[op] = p
	}
	log := p.err != err.Error() || now.Sub(p.logged) >= storeLogEvery
	p.err = err.Error()
	repeated := p.repeated
	if log {
		p.logged, p.repeated = now, 0
	} else {
		p.repeated++
	}
	if write {
		h.writeFail = now
	}
	h.mu.Unlock()
	if log {
		w.log.Error("database error: newshound cannot do its work until it is fixed", "op", op, "error", err,
			"failing_since", p.since.Format(time.RFC3339), "repeated", repeated)
	}
	if write {
		select {
		case h.trouble <- struct{}{}:
		default:
		}
	}
	return &StoreError{Op: op, Err: err}
}

// storeProblems describes the store operations failing now, for /healthz;
// "" when there are none.
func (w *Watcher) storeProblems() string {
	h := w.storeHealth
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for op, p := range h.failing {
		out = append(out, fmt.Sprintf("database error (%s) since %s: %s", op, p.since.UTC().Format(time.RFC3339), p.err))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// lastWriteFailure is when a write last failed, zero when none has since
// pending articles were last retried.
func (w *Watcher) lastWriteFailure() time.Time {
	h := w.storeHealth
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.writeFail
}

// retryAfterWriteFailure processes the articles that writes failing since
// the given time may have left pending, after a checkpoint of the WAL (so that
// the space a full disk freed is not filled again at once). It reports
// whether writes worked.
func (w *Watcher) retryAfterWriteFailure(ctx context.Context, failed time.Time) bool {
	if err := w.store.Checkpoint(ctx); err != nil && ctx.Err() == nil {
		w.log.Warn("checkpointing the database's WAL", "error", err)
	}
	n, q, err := w.ProcessPending(ctx, failed)
	if err != nil || w.lastWriteFailure().After(failed) {
		return false
	}
	h := w.storeHealth
	h.mu.Lock()
	if h.writeFail.Equal(failed) {
		h.writeFail = time.Time{}
	}
	h.mu.Unlock()
	w.log.Info("database writes work again: articles left pending were processed", "articles", n, "queued", q)
	return true
}
