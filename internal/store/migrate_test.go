package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatusCheck: articles.status accepts pending, recorded and done only,
// in a new database and in one made by a newshound of schema 16 (with an
// article in it) that migration 17 brought up to date, which keeps its rows
// and passes SQLite's integrity check; and inserting a processed article no
// longer builds a temporary table of the allowed values (the IN list's).
func TestStatusCheck(t *testing.T) {
	ctx := context.Background()
	fresh, _ := open(t)

	old := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 16; v++ {
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
	}
	if _, err := db.Exec(`PRAGMA user_version = 16; INSERT INTO articles (identity, feed, seen_at, status) VALUES ('https://e.org/old', 'F', 1, 'recorded')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	upgraded, err := Open(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer upgraded.Close()
	var n int
	if err := upgraded.r.QueryRow(`SELECT COUNT(*) FROM articles WHERE status = 'recorded'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the article of schema 16 after migration 17: %d rows, %v", n, err)
	}
	var check string
	if err := upgraded.w.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity check after migration 17: %s %v", check, err)
	}

	for name, s := range map[string]*Store{"new": fresh, "upgraded": upgraded} {
		t.Run(name, func(t *testing.T) {
			var def string
			if err := s.w.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'articles'`).Scan(&def); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(def, statusCheckOr) || strings.Contains(def, statusCheckIn) {
				t.Errorf("articles' definition:\n%s\nwant the CHECK %s", def, statusCheckOr)
			}
			for i, status := range []string{"pending", "recorded", "done", "Done", "", "unknown"} {
				_, err := s.w.Exec(`INSERT INTO articles (identity, feed, seen_at, status) VALUES (?, 'F', 1, ?)`, fmt.Sprintf("https://e.org/%d", i), status)
				valid := status == "pending" || status == "recorded" || status == "done"
				if valid && err != nil {
					t.Errorf("status %q refused: %v", status, err)
				}
				if !valid && (err == nil || !strings.Contains(err.Error(), "CHECK constraint failed")) {
					t.Errorf("status %q: %v, want the CHECK constraint to refuse it", status, err)
				}
			}
			rows, err := s.w.Query(`EXPLAIN `+addDoneSQL(2, false), make([]any, 2*doneColumns)...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			for rows.Next() {
				if err := rows.Scan(vals...); err != nil {
					t.Fatal(err)
				}
				if op := fmt.Sprint(*vals[1].(*any)); op == "OpenEphemeral" {
					t.Errorf("inserting processed articles opens a temporary table (EXPLAIN row %v)", *vals[0].(*any))
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
