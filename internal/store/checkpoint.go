package store

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// The write-ahead log is checkpointed (its pages copied into the database
// file) mostly by a goroutine of its own on a reader connection, beside the
// writer's transactions, rather than by the writer after its commits: a
// checkpoint reads the newest version of every page the log holds and writes
// it into the database, syncing both files; run by the writer every
// ckptFrames pages of log (SQLite's default), that was a tenth of the group
// commit's time, during which the polls waiting for their commit waited.
//
// The log is started again from its beginning only by a write transaction
// that begins when all of it is checkpointed: a writer committing batch
// after batch rarely sees that happen beside it. So the writer still
// checkpoints, once the log holds writerFrames pages (wal_autocheckpoint):
// what the checkpointer left, the pages written since it last ran — and its
// next transaction starts the log again. That also bounds the log when the
// checkpointer falls behind.
//
// Each commit kicks the checkpointer; it runs at most once per gap, the gap
// chosen so that a run copies about ckptFrames pages: checkpointing after
// every commit would write a page each of them changed once per commit
// instead of once.

const (
	ckptFrames   = 1000
	writerFrames = 4 * ckptFrames
	// ckptMinGap and ckptMaxGap bound the wait between checkpoints; the
	// most bounds the log's growth in a burst of writes after a quiet time.
	ckptMinGap = 10 * time.Millisecond
	ckptMaxGap = time.Second
)

// checkpointer copies the write-ahead log into the database in the
// background.
type checkpointer struct {
	// mu is held by a checkpoint of this process (the loop's, Checkpoint's):
	// SQLite refuses a checkpoint at once, without its busy handler, while
	// another one runs.
	mu   sync.Mutex
	kick chan struct{}
	stop chan struct{}
	wg   sync.WaitGroup
	// runs counts the checkpointer's runs, frames the log's pages they
	// copied (for the tests).
	runs, frames atomic.Int64
}

func (s *Store) startCheckpointer() {
	c := &checkpointer{kick: make(chan struct{}, 1), stop: make(chan struct{})}
	s.ckpt = c
	c.wg.Add(1)
	go s.checkpointLoop()
}

// stopCheckpointer ends the loop. The last connection closed checkpoints
// what is left (SQLite does it on close).
func (s *Store) stopCheckpointer() {
	c := s.ckpt
	if c == nil {
		return
	}
	select {
	case <-c.stop:
		return
	default:
	}
	close(c.stop)
	c.wg.Wait()
}

// wrote tells the checkpointer that the writer committed.
func (s *Store) wrote() {
	c := s.ckpt
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (s *Store) checkpointLoop() {
	c := s.ckpt
	defer c.wg.Done()
	gap := ckptMinGap
	var last time.Time
	// The log's frames and those of them checkpointed, as the last run
	// left them.
	var lastLog, lastDone int64
	for {
		select {
		case <-c.kick:
		case <-c.stop:
			return
		}
		if wait := time.Until(last.Add(gap)); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-c.stop:
				t.Stop()
				return
			}
		}
		// PASSIVE: copies what no reader still needs, waiting for no one.
		// An error (a full disk) leaves the pages in the log, where they
		// are read from as well; the next commit's kick tries again.
		var busy, log, done int64
		c.mu.Lock()
		err := s.r.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &done)
		c.mu.Unlock()
		now := time.Now()
		if err == nil {
			copied := done - lastDone
			if lastDone == lastLog || done < lastDone {
				// The log was all copied: the writer started it again
				// since (unless a reader kept it).
				copied = done
			}
			lastLog, lastDone = log, done
			c.runs.Add(1)
			c.frames.Add(max(copied, 0))
			if copied > 0 && !last.IsZero() {
				gap = now.Sub(last) * ckptFrames / time.Duration(copied)
			}
		}
		gap = min(max(gap, ckptMinGap), ckptMaxGap)
		last = now
	}
}
