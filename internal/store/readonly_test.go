package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestReadOnlyOpensOneConnection: a read-only store (`status`, `preview`)
// reads on one connection and never opens the writer's, so SQLite parses
// the schema once and keeps one page cache; a write fails with
// errReadOnly, touching nothing.
func TestReadOnlyOpensOneConnection(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	now := time.Now()
	if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/a", Feed: "A", SeenAt: now, Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Feeds(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Outbox(ctx); err != nil {
		t.Fatal(err)
	}
	if n := ro.w.Stats().OpenConnections; n != 0 {
		t.Errorf("the read-only store opened %d writer connections", n)
	}
	if n := ro.r.Stats().OpenConnections; n != 1 {
		t.Errorf("the read-only store holds %d reader connections after reading in turn, want 1", n)
	}
	if _, err := ro.AddArticles(ctx, []Article{{Identity: "https://e.org/b", Feed: "A", SeenAt: now, Status: StatusPending}}); !errors.Is(err, errReadOnly) {
		t.Errorf("write on a read-only store: %v, want errReadOnly", err)
	}
	if known, err := s.KnownItems(ctx, []string{"https://e.org/b"}); err != nil || len(known) != 0 {
		t.Errorf("the refused write left %v (%v)", known, err)
	}
}
