package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// PostgresEnv names the variable that points the tests at a PostgreSQL
// server (a URL of a database the tests may create databases from). Set, a
// server that does not answer fails the tests; unset, the server of the
// development and CI machines (127.0.0.1:5432, trust auth, database test) is
// tried and the tests are skipped when it does not answer.
const PostgresEnv = "NEWSHOUND_TEST_POSTGRES"

// defaultPostgres is the development and CI machines' server.
const defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresDB creates a fresh database for one test (named with prefix and a
// random suffix) and returns its URL; the database is dropped when the test
// ends. It skips the test, saying why, when no server answers and
// NEWSHOUND_TEST_POSTGRES is unset.
func PostgresDB(t testing.TB, prefix string) string {
	t.Helper()
	base, set := os.LookupEnv(PostgresEnv)
	if base == "" {
		base = defaultPostgres
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if admin != nil {
			admin.Close()
		}
		if !set {
			t.Skipf("no PostgreSQL server answers at %s (%v): set %s to a server's URL to run this test", redactPassword(base), err, PostgresEnv)
		}
		t.Fatalf("%s=%s: %v", PostgresEnv, redactPassword(base), err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := prefix + "_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		// Connections a test left (a killed process's) are ended first.
		admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name)
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

func redactPassword(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
