package store

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestCheckpointInBackground: the checkpointer copies the write-ahead log
// into the database beside the writer, which checkpoints only when the log
// holds writerFrames pages: the log is bounded while polls write.
func TestCheckpointInBackground(t *testing.T) {
	s, path := open(t)
	ctx := context.Background()
	var auto int
	if err := s.w.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&auto); err != nil {
		t.Fatal(err)
	}
	if auto != writerFrames {
		t.Errorf("the writer checkpoints after %d pages of log, want %d", auto, writerFrames)
	}
	// Polls writing 40 MB of articles, each committed at once: some 130 MB
	// of log, each commit writing again the pages of the indexes it
	// changed.
	recordBigPolls(t, s, 1000, 20, nil)
	deadline := time.Now().Add(time.Minute) // not a measure: the checkpointer waits a second at most
	for s.ckpt.frames.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.ckpt.runs.Load() == 0 || s.ckpt.frames.Load() == 0 {
		t.Fatalf("%d checkpoints copied %d pages", s.ckpt.runs.Load(), s.ckpt.frames.Load())
	}
	st, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("write-ahead log: %d bytes, %d checkpoints", st.Size(), s.ckpt.runs.Load())
	// The log was started again: at writerFrames pages, or a little more
	// when the writer's checkpoint had to wait for the checkpointer's.
	if st.Size() >= 64<<20 {
		t.Errorf("write-ahead log of %d bytes: not checkpointed as it grew", st.Size())
	}
}

// TestCheckpointBesideBackground: Store.Checkpoint (run hourly and after a
// full disk) while the background checkpointer copies the log after every
// commit. SQLite refuses a second checkpoint at once, busy handler or not,
// while one runs: Checkpoint failed then with "readers kept 0 of -1 frames",
// a warning about readers that did not exist.
func TestCheckpointBesideBackground(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	recordBigPolls(t, s, 300, 5, func(p int) {
		if err := s.Checkpoint(ctx); err != nil {
			t.Fatalf("after poll %d (background checkpoints so far: %d): %v", p, s.ckpt.runs.Load(), err)
		}
	})
	if s.ckpt.runs.Load() == 0 {
		t.Fatal("the background checkpointer never ran beside Checkpoint: the test tried nothing")
	}
}

// recordBigPolls records polls of items articles of 4 KB of text each, each
// poll committed at once (every commit writes again the pages of the
// indexes it changed), calling after, when set, after each poll.
func recordBigPolls(t *testing.T, s *Store, polls, items int, after func(poll int)) {
	t.Helper()
	ctx := context.Background()
	s.SetBatchFull(func(int) bool { return true })
	now := time.Now().Truncate(time.Second)
	body := string(make([]byte, 2000))
	for p := range polls {
		rec := PollRecord{Feed: FeedState{Name: "f", URL: "https://e.org/f", LastPoll: now, LastSuccess: now}}
		for i := range items {
			a := Article{Identity: fmt.Sprintf("https://e.org/%d/%d", p, i), Feed: "f", Title: "t", SeenAt: now,
				FeedText: body, Text: body, TextSource: "feed", Status: StatusDone}
			rec.Done = append(rec.Done, Completion{Article: a})
		}
		if _, err := s.RecordPoll(ctx, rec, now); err != nil {
			t.Fatal(err)
		}
		if after != nil {
			after(p)
		}
	}
}
