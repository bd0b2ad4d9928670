package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newshound/newshound/internal/pgtest"
)

// engine is a database engine the store's tests run on.
type engine struct {
	name string
	pg   bool
}

var testEngines = []engine{{name: "sqlite"}, {name: "postgres", pg: true}}

// engines runs f as a subtest on each engine: SQLite in a temporary
// directory, PostgreSQL in a schema of its own (skipped, saying why, when no
// server answers and pgtest.Env is unset).
func engines(t *testing.T, f func(*testing.T, engine)) {
	for _, e := range testEngines {
		t.Run(e.name, func(t *testing.T) { f(t, e) })
	}
}

// open opens a new, empty store; the string names it for reopen.
func (e engine) open(t *testing.T) (*Store, string) {
	t.Helper()
	if !e.pg {
		return open(t)
	}
	dsn := pgtest.URL(t)
	s, err := OpenPostgres(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}

// reopen opens the store open named.
func (e engine) reopen(ctx context.Context, target string) (*Store, error) {
	if e.pg {
		return OpenPostgres(ctx, target)
	}
	return Open(ctx, filepath.Clean(target))
}
