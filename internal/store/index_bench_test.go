package store

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkFlushIndex is the indexer's part of a changed poll cycle of
// watchers' BenchmarkPollCycle: the full-text entries of 20,000 processed
// articles written in one flush, onto an index already holding a cycle's.
func BenchmarkFlushIndex(b *testing.B) {
	const entries = 20_000
	ctx := context.Background()
	s := benchStore(b)
	next := int64(0)
	flush := func() {
		s.fts.mu.Lock()
		for i := range entries {
			next++
			s.fts.pending = append(s.fts.pending, IndexEntry{ID: next,
				Title: fmt.Sprintf("story %d about the economy and the weather", i),
				Body:  fmt.Sprintf("officials met on tuesday to discuss the budget. the minister said growth would return next year. analysts were less sure, pointing to weak exports and rising costs. story %d of feed f%04d.", i, i%1000)})
		}
		s.fts.mu.Unlock()
		if err := s.FlushIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	flush()
	b.ReportAllocs()
	cpu0 := benchCPU()
	for b.Loop() {
		flush()
	}
	b.ReportMetric(float64((benchCPU()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkIndexCycle is the indexer's part of a changed poll cycle as the
// indexer writes it: 20,000 entries in flushes of indexBatch (a flush a
// second or every indexBatch entries), onto an index holding a cycle's
// already.
func BenchmarkIndexCycle(b *testing.B) {
	const entries = 20_000
	ctx := context.Background()
	s := benchStore(b)
	stopIndexing(s)
	next := int64(0)
	cycle := func() {
		for i := range entries {
			next++
			s.fts.mu.Lock()
			s.fts.pending = append(s.fts.pending, IndexEntry{ID: next,
				Title: fmt.Sprintf("story f%04d %d %d about the economy and the weather", i%1000, next/entries, i/1000),
				Body:  fmt.Sprintf("officials met on tuesday to discuss the budget the minister said growth would return next year analysts were less sure pointing to weak exports and rising costs story %d of feed f%04d", i/1000, i%1000)})
			n := len(s.fts.pending)
			s.fts.mu.Unlock()
			if n >= indexBatch || i == entries-1 {
				if err := s.FlushIndex(ctx); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	cycle()
	b.ReportAllocs()
	cpu0 := benchCPU()
	for b.Loop() {
		cycle()
	}
	b.ReportMetric(float64((benchCPU()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
