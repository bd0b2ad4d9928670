package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/store"
)

// TestSecondWriterRefused: while a writer holds the database (here another
// Open in this process, as a running daemon would), once refuses to start and
// names it, and the read-only commands still answer.
func TestSecondWriterRefused(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	cfg := filepath.Join(dir, "demo.yaml")
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once: %s", errs)
	}
	db := filepath.Join(dir, "demo.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, cmd := range []string{"once", "run"} {
		_, errs, code := runCmd(t, "", cmd, "--config", cfg)
		if code == 0 || !strings.Contains(errs, "in use by another newshound") || !strings.Contains(errs, "pid "+strconv.Itoa(os.Getpid())) {
			t.Errorf("%s beside a writer: exit %d, %q; want a refusal naming pid %d", cmd, code, errs, os.Getpid())
		}
	}
	if out, errs, code := runCmd(t, "", "status", "--config", cfg); code != 0 || !strings.Contains(out, "World Desk") {
		t.Errorf("status beside a writer: exit %d, %q %s", code, out, errs)
	}
	if out, errs, code := runCmd(t, "", "preview", "--config", cfg, "--watch", "floods", "--days", "100000"); code != 0 || !strings.Contains(out, "would have alerted") {
		t.Errorf("preview beside a writer: exit %d, %q %s", code, out, errs)
	}
}
