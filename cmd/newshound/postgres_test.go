package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/pgtest"
	"github.com/newshound/newshound/internal/store"
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
		// Which of two feeds carrying one article records it depends on
		// which poll commits first: the headlines and the count are compared.
		if code != 0 || !slices.Equal(previewed(a), previewed(b)) || !strings.Contains(a, "would have alerted") {
			t.Errorf("preview %s: SQLite\n%s\nPostgreSQL (exit %d, %s)\n%s", w, a, code, errs, b)
		}
	}
}

// TestMigrateDemo: `migrate` copies the demo's SQLite installation; the
// PostgreSQL configuration then previews the same, and alerts nothing again.
func TestMigrateDemo(t *testing.T) {
	url := pgtest.URL(t)
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	liteCfg := filepath.Join(dir, "demo.yaml")
	if _, errs, code := runCmd(t, "", "once", "--config", liteCfg); code != 0 {
		t.Fatalf("once: %s", errs)
	}
	db := filepath.Join(dir, "demo.db")
	out, errs, code := runCmd(t, "", "migrate", "--from", "sqlite:"+db, "--to", "postgres:"+url)
	if code != 0 || !strings.Contains(out, "ok: every table's rows counted the same") {
		t.Fatalf("migrate: exit %d, %s\n%s", code, errs, out)
	}
	for _, table := range []string{"articles", "matches", "outbox", "articles_fts"} {
		if !strings.Contains(out, "\n"+table+" ") {
			t.Errorf("no count of %s:\n%s", table, out)
		}
	}
	// Run again: nothing left to copy, still verified.
	out, errs, code = runCmd(t, "", "migrate", "--from", "sqlite:"+db, "--to", url)
	if code != 0 || !strings.Contains(out, "ok: ") {
		t.Fatalf("second migrate: exit %d, %s\n%s", code, errs, out)
	}
	data, _ := os.ReadFile(liteCfg)
	pgCfg := filepath.Join(dir, "demo-pg.yaml")
	os.WriteFile(pgCfg, []byte(strings.Replace(string(data), "  path: demo.db ", "  postgres: "+url+" ", 1)), 0o644)
	if out, errs, code := runCmd(t, "", "once", "--config", pgCfg); code != 0 || out != "" {
		t.Errorf("once on the copy: exit %d, printed %q: %s", code, out, errs)
	}
	a, _, _ := runCmd(t, "", "preview", "--config", liteCfg, "--watch", "russia-watch", "--days", "100000")
	b, _, _ := runCmd(t, "", "preview", "--config", pgCfg, "--watch", "russia-watch", "--days", "100000")
	if !slices.Equal(previewed(a), previewed(b)) || !strings.Contains(a, "would have alerted") {
		t.Errorf("preview: SQLite\n%s\ncopy\n%s", a, b)
	}
	if _, errs, code := runCmd(t, "", "migrate", "--from", db, "--to", url); code != 2 || !strings.Contains(errs, "sqlite:FILE") {
		t.Errorf("--from without sqlite: exit %d, %s", code, errs)
	}
	// A mistyped file is an error, not an empty installation copied (and
	// created on the way).
	typo := filepath.Join(dir, "demo-typo.db")
	if out, errs, code := runCmd(t, "", "migrate", "--from", "sqlite:"+typo, "--to", pgtest.URL(t)); code != 1 || !strings.Contains(errs, "demo-typo.db") || strings.Contains(out, "ok: ") {
		t.Errorf("--from a file that does not exist: exit %d, %s\n%s", code, errs, out)
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Errorf("migrate created %s: %v", typo, err)
	}
}

// previewed is what preview printed, without the feed and URL of each
// article: its date and headline lines, and the count.
func previewed(out string) []string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		if m := previewHead.FindStringSubmatch(line); m != nil {
			keep = append(keep, m[1]+" "+m[2])
		} else if strings.Contains(line, "would have alerted") {
			keep = append(keep, line)
		}
	}
	return keep
}

var previewHead = regexp.MustCompile(`^(\d{4}-\d\d-\d\d) \d\d:\d\d  .*? — (.*)$`)

// TestOnceRefusedBesideRunningInstances: `once` polls every feed and drains
// every channel whatever the leases, so beside running instances on one
// PostgreSQL database it would deliver a channel another instance holds —
// two processes posting the same channel's rows, which the instances' rule
// (each delivery by exactly one instance) exists to prevent. It ran without
// a word; now it refuses, naming the instances, as once on SQLite refuses
// beside a running writer. Once they are gone it runs.
func TestOnceRefusedBesideRunningInstances(t *testing.T) {
	url := pgtest.URL(t)
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	cfg := filepath.Join(dir, "demo.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(cfg, []byte(strings.Replace(string(data), "  path: demo.db ", "  postgres: "+url+" ", 1)), 0o644)
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once on an installation nothing runs on: %s", errs)
	}
	ctx := context.Background()
	st, err := store.OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	running, err := st.Leases("news1-4711-abcdef01")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := running.Heartbeat(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "", "once", "--config", cfg)
	if code == 0 || !strings.Contains(errs, "news1-4711-abcdef01") || !strings.Contains(errs, "1 instance") || out != "" {
		t.Errorf("once beside a running instance: exit %d, printed %q, %s; want a refusal naming it", code, out, errs)
	}
	if err := running.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Errorf("once after the instance left: exit %d, %s", code, errs)
	}
	// Another once (two cron hosts, one database) holds no heartbeat: it
	// holds the once lock, which a second once finds taken.
	release, held, err := store.TryLock(ctx, url, store.LockOnce)
	if err != nil || !held {
		t.Fatalf("TryLock: %v %v", held, err)
	}
	out, errs, code = runCmd(t, "", "once", "--config", cfg)
	if code == 0 || !strings.Contains(errs, "another newshound once") || out != "" {
		t.Errorf("once beside another once: exit %d, printed %q, %s; want a refusal", code, out, errs)
	}
	release()
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Errorf("once after the other once ended: exit %d, %s", code, errs)
	}
}
