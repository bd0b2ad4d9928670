// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema, dropped when the test ends, on the server NEWSHOUND_TEST_POSTGRES
// names (CI sets it) or, when it is unset, on the development machine's
// server at DefaultURL if one answers. With the variable unset and no
// server answering, tests skip saying so; with it set, a server that does
// not answer fails them.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Env is the variable naming the test server.
const Env = "NEWSHOUND_TEST_POSTGRES"

// DefaultURL is tried when Env is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

var server = sync.OnceValues(func() (string, error) {
	u, set := os.LookupEnv(Env)
	if !set || u == "" {
		u = DefaultURL
	}
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		return u, fmt.Errorf("parse %s: %w", Env, err)
	}
	cfg.ConnectTimeout = 3 * time.Second
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return u, db.PingContext(ctx)
})

// URL returns the connection URL of a new, empty schema on the test server
// (its search_path), dropped with what it holds when t ends.
func URL(t testing.TB) string {
	t.Helper()
	base, err := server()
	if err != nil {
		if os.Getenv(Env) == "" {
			t.Skipf("PostgreSQL: no server answers at %s and %s is unset (set it to run the PostgreSQL tests): %v", DefaultURL, Env, err)
		}
		t.Fatalf("PostgreSQL: %s=%s does not answer: %v", Env, redact(base), err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "nh_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("PostgreSQL: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("PostgreSQL: drop schema %s: %v", schema, err)
		}
	})
	return WithSchema(base, schema)
}

// WithSchema returns the connection string dsn (a URL or key=value pairs)
// with schema as its search_path.
func WithSchema(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}

func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return "(unparsable)"
}
