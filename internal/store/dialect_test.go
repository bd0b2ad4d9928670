package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/pgtest"
)

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`WHERE a = ? AND b = ?`, `WHERE a = $1 AND b = $2`},
		{`SET x = ?1, y = ?1 WHERE n IN (?, ?)`, `SET x = $1, y = $1 WHERE n IN ($2, $3)`},
		{`WHERE guid = ?1 AND feed = ?2`, `WHERE guid = $1 AND feed = $2`},
		{`WHERE a = ?2 AND b = ? AND c = ?1`, `WHERE a = $2 AND b = $3 AND c = $1`},
		{`LIKE ? ESCAPE '\' AND x = ?`, `LIKE $1 ESCAPE '\' AND x = $2`},
		{`WHERE t = 'what?' AND "col?" = ? -- a comment?` + "\n" + `AND u = ?`, `WHERE t = 'what?' AND "col?" = $1 -- a comment?` + "\n" + `AND u = $2`},
		{`WHERE t = 'it''s ?' AND u = ?`, `WHERE t = 'it''s ?' AND u = $1`},
	} {
		if got := rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestMigrationsInStep(t *testing.T) {
	if len(pgMigrations) != len(migrations) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones: each migration needs its PostgreSQL counterpart of the same number (postgres.go)", len(migrations)-1, len(pgMigrations)-1)
	}
	for i := 1; i < len(migrations); i++ {
		if (migrations[i] == "") != (pgMigrations[i] == "") {
			t.Errorf("migration %d is empty on one engine only", i)
		}
	}
}

// TestPostgresText: what PostgreSQL's text cannot hold (NUL, invalid UTF-8)
// is stored without it instead of failing the poll; bools are the 0/1 flags.
func TestPostgresText(t *testing.T) {
	ctx := context.Background()
	s, err := OpenPostgres(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	added, err := s.AddArticles(ctx, []Article{{Identity: "x", Feed: "F", Title: "a\x00b \xff c", SeenAt: now(), Status: StatusPending}})
	if err != nil || len(added) != 1 {
		t.Fatalf("add: %v", err)
	}
	a, err := s.ArticleByIdentity(ctx, "x")
	if err != nil || a == nil || a.Title != "ab \uFFFD c" {
		t.Fatalf("stored %+v, %v", a, err)
	}
	if err := s.AddChatWatch(ctx, ChatWatch{Name: "w", Query: "q", Channel: "c", Paused: true, CreatedAt: now()}); err != nil {
		t.Fatal(err)
	}
	ws, err := s.ChatWatches(ctx)
	if err != nil || len(ws) != 1 || !ws[0].Paused {
		t.Fatalf("chat watches %+v, %v", ws, err)
	}
}

// TestOpenPostgresErrors: a server that does not answer, or a bad URL, is
// an error naming the place, never the password.
func TestOpenPostgresErrors(t *testing.T) {
	ctx := context.Background()
	_, err := OpenPostgres(ctx, "postgres://u:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=2")
	if err == nil || !containsAll(err.Error(), "127.0.0.1:1/db") || containsAll(err.Error(), "secret") {
		t.Errorf("unanswered server: %v", err)
	}
	_, err = OpenPostgres(ctx, "postgres://u:secret@127.0.0.1:5432/db?sslmode=bogus")
	if err == nil || containsAll(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
}

func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestPostgresReadOnly: a read-only store reads beside a writer and cannot
// write; a schema no newshound migrated is refused.
func TestPostgresReadOnly(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.URL(t)
	if _, err := OpenPostgresReadOnly(ctx, dsn); err == nil || !strings.Contains(err.Error(), "schema version 0") {
		t.Errorf("read-only open of an empty schema: %v", err)
	}
	w, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.AddArticles(ctx, []Article{{Identity: "x", Feed: "F", SeenAt: now(), Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	r, err := OpenPostgresReadOnly(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if a, err := r.ArticleByIdentity(ctx, "x"); err != nil || a == nil {
		t.Errorf("read: %v %v", a, err)
	}
	if _, err := r.AddArticles(ctx, []Article{{Identity: "y", Feed: "F", SeenAt: now(), Status: StatusPending}}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("write through a read-only store: %v", err)
	}
	if err := w.LimitSize(ctx, 1<<20); err == nil {
		t.Error("LimitSize accepted on PostgreSQL")
	}
}
