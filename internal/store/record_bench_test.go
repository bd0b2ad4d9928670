package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkRecordPolls is the store's part of a poll cycle of
// watchers' BenchmarkPollCycle/changed alone: 1,000 feeds' polls of 20
// processed articles each (one in twenty matching a watch, with an alert),
// recorded by 10 polls at a time through the group commit, then the
// full-text entries written. It reports the CPU time of the process per
// cycle (cpu-ms/op), which a busy machine disturbs less than the clock.
func BenchmarkRecordPolls(b *testing.B) { benchRecordPolls(b, true) }

// BenchmarkCommitPolls is BenchmarkRecordPolls without the full-text
// index: the group commit's part alone (its writer, commits and
// checkpoints).
func BenchmarkCommitPolls(b *testing.B) { benchRecordPolls(b, false) }

func benchRecordPolls(b *testing.B, index bool) {
	const feeds, items, polls = 1000, 20, 10
	ctx := context.Background()
	s := benchStore(b)
	if !index {
		stopIndexing(s)
	}
	cycle := 0
	run := func() {
		cycle++
		now := time.Now()
		next := make(chan int)
		var wg sync.WaitGroup
		for range polls {
			wg.Go(func() {
				for f := range next {
					name := fmt.Sprintf("f%04d", f)
					rec := PollRecord{Feed: FeedState{Name: name, URL: "http://127.0.0.1/" + name, ETag: fmt.Sprintf(`"g%d"`, cycle), LastPoll: now, LastSuccess: now}}
					for i := range items {
						title := fmt.Sprintf("Story %s-%d-%d about the economy and the weather", name, cycle, i)
						body := fmt.Sprintf("Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed %s.", i, name)
						a := Article{Identity: fmt.Sprintf("https://bench.example/%s/%d/%d", name, cycle, i), Feed: name, Title: title,
							Published: now, SeenAt: now, FeedText: body, Text: body, TextSource: "feed", Lang: "en", Status: StatusDone}
						c := Completion{Article: a, FoldedTitle: title, FoldedBody: body}
						if i == 7 {
							c.Matches = []Match{{Watch: "w3", Explanation: `{"keywords":["Story 7"]}`, Deliveries: []Delivery{{Payload: []byte(`{"title":"` + title + `"}`)}}}}
						}
						rec.Done = append(rec.Done, c)
					}
					if _, err := s.RecordPoll(ctx, rec, now); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for f := range feeds {
			next <- f
		}
		close(next)
		wg.Wait()
		if !index {
			s.fts.mu.Lock()
			s.fts.pending = nil // left queued
			s.fts.mu.Unlock()
			return
		}
		if err := s.FlushIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	run() // the feeds' rows, and an index to add to
	b.ReportAllocs()
	cpu0, batches0, ckpts0 := benchCPU(), s.commit.batches.Load(), s.ckpt.runs.Load()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64((benchCPU()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(s.commit.batches.Load()-batches0)/float64(b.N), "commits/op")
	b.ReportMetric(float64(s.ckpt.runs.Load()-ckpts0)/float64(b.N), "checkpoints/op")
}

// benchStore opens a store in a new database for a benchmark, closed when
// it ends.
func benchStore(b *testing.B) *Store {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchCPU is the process's CPU time so far, user and system.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkInsertDone is the group commit's insert of processed articles
// alone: a transaction of 192 rows (three statements of 64; 20 articles a
// feed, as polls of BenchmarkRecordPolls) a time, on one goroutine, into a
// table that grows by as much each time, with its commit. It reports the CPU time of the process per transaction
// (cpu-us/op).
func BenchmarkInsertDone(b *testing.B) {
	const rows = 192
	ctx := context.Background()
	s := benchStore(b)
	stopIndexing(s)
	now := time.Now()
	n := 0
	batch := func() []Completion {
		cs := make([]Completion, rows)
		for i := range cs {
			n++
			body := fmt.Sprintf("Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Story %d.", n)
			feed := fmt.Sprintf("f%04d", n/20%1000)
			cs[i] = Completion{Article: Article{Identity: fmt.Sprintf("https://bench.example/%s/%d", feed, n), Feed: feed,
				Title: fmt.Sprintf("Story %d about the economy", n), Published: now, SeenAt: now, FeedText: body,
				TextSource: "feed", Lang: "en", Status: StatusDone}}
		}
		return cs
	}
	insert := func(args []any) {
		err := s.batchTx(ctx, func(tx *sql.Tx, conn *sql.Conn) error {
			r := &commitReq{rows: &doneInsert{args: args}}
			return s.insertDone(tx, conn, []*commitReq{r})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	for range 200 { // 38,400 articles to add to
		insert(doneArgs(batch()))
	}
	var args [][]any
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		if len(args) == 0 {
			for range 256 {
				args = append(args, doneArgs(batch()))
			}
		}
		b.StartTimer()
		cpu0 := benchCPU()
		insert(args[0])
		args = args[1:]
		cpu += benchCPU() - cpu0
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/op")
}
