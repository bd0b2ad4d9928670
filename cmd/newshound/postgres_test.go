package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/pgtest"
)

// TestOnceOnPostgres: the demo run with storage.postgres (from the
// environment) alerts as on SQLite, status reads it, and preview — the
// full-text search — prints the same as on SQLite.
func TestOnceOnPostgres(t *testing.T) {
	url := pgtest.URL(t)
	lite, pg := t.TempDir(), t.TempDir()
	copyTree(t, "../../examples", lite)
	copyTree(t, "../../examples", pg)
	pgCfg := filepath.Join(pg, "demo.yaml")
	data, err := os.ReadFile(pgCfg)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(data), "  path: demo.db ", "  postgres: ${NH_TEST_DATABASE}", 1)
	if yaml == string(data) {
		t.Fatal("demo.yaml's storage path not found")
	}
	os.WriteFile(pgCfg, []byte(yaml), 0o644)
	t.Setenv("NH_TEST_DATABASE", url)
	liteCfg := filepath.Join(lite, "demo.yaml")

	outLite, errs, code := runCmd(t, "", "once", "--config", liteCfg)
	if code != 0 {
		t.Fatalf("once on SQLite: %s", errs)
	}
	outPG, errs, code := runCmd(t, "", "once", "--config", pgCfg)
	if code != 0 {
		t.Fatalf("once on PostgreSQL: %s", errs)
	}
	if n, m := strings.Count(outLite, "\n"), strings.Count(outPG, "\n"); n != m || n == 0 {
		t.Errorf("SQLite printed %d alerts, PostgreSQL %d", n, m)
	}
	if _, err := os.Stat(filepath.Join(pg, "demo.db")); err == nil {
		t.Error("a SQLite file was created beside storage.postgres")
	}
	if out, _, code := runCmd(t, "", "once", "--config", pgCfg); code != 0 || out != "" {
		t.Errorf("second run on PostgreSQL printed %q (exit %d), want nothing", out, code)
	}
	out, errs, code := runCmd(t, "", "status", "--config", pgCfg)
	if code != 0 || !strings.Contains(out, "russia-watch") {
		t.Errorf("status on PostgreSQL: %d %s\n%s", code, errs, out)
	}
	for _, w := range []string{"russia-watch", "floods", "election-security"} {
		a, _, _ := runCmd(t, "", "preview", "--config", liteCfg, "--watch", w, "--days", "100000")
		b, errs, code := runCmd(t, "", "preview", "--config", pgCfg, "--watch", w, "--days", "100000")
		if code != 0 || a != b || !strings.Contains(a, "would have alerted") {
			t.Errorf("preview %s: SQLite\n%s\nPostgreSQL (exit %d, %s)\n%s", w, a, code, errs, b)
		}
	}
}
