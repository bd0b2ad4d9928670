package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkKnownLookup is the first-document look-up of a feed's 50 items
// among 50,000 stored articles, with their item hashes (KnownItems). (An
// identities-only look-up it was compared with when the hashes came in was
// no faster beyond the machine's noise, and is gone.)
func BenchmarkKnownLookup(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	now := time.Now()
	for batch := range 50 {
		var as []Article
		for i := range 1000 {
			as = append(as, Article{Identity: fmt.Sprintf("https://e.org/%d/%d", batch, i), Feed: "F", Title: "t", FeedText: "some text", SeenAt: now, Status: StatusRecorded})
		}
		if _, err := s.AddArticles(ctx, as); err != nil {
			b.Fatal(err)
		}
	}
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = fmt.Sprintf("https://e.org/%d/%d", i, i*7)
	}
	for b.Loop() {
		if _, err := s.KnownItems(ctx, ids); err != nil {
			b.Fatal(err)
		}
	}
}
