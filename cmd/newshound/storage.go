package main

import (
	"context"
	"fmt"
	"os"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/store"
)

// openStore opens the configured database for writing: the SQLite file, or
// the PostgreSQL database (storage.postgres).
func openStore(ctx context.Context, s config.Storage) (*store.Store, error) {
	if s.Postgres != "" {
		return store.OpenPostgres(ctx, s.Postgres)
	}
	return store.Open(ctx, s.Path)
}

// openStoreReadOnly opens the configured database for reading beside a
// running daemon.
func openStoreReadOnly(ctx context.Context, s config.Storage) (*store.Store, error) {
	if s.Postgres != "" {
		return store.OpenPostgresReadOnly(ctx, s.Postgres)
	}
	if _, err := os.Stat(s.Path); err != nil {
		return nil, fmt.Errorf("no database at %s yet: run 'newshound once' or 'newshound run' first", s.Path)
	}
	return store.OpenReadOnly(ctx, s.Path)
}
