package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/store"
)

// TestPreviewChatWatch: a watch added from chat (/watch add) can be tried
// with preview like one of the configuration file.
func TestPreviewChatWatch(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	cfg := filepath.Join(dir, "demo.yaml")
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once: %s", errs)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddChatWatch(context.Background(), store.ChatWatch{Name: "rivers", Query: "river OR council", Channel: "newsroom", CreatedAt: time.Now()})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "", "preview", "--config", cfg, "--watch", "rivers", "--days", "100000")
	if code != 0 || !strings.Contains(out, "Flood defences hold") || !strings.Contains(out, `would have alerted "rivers"`) {
		t.Errorf("preview of a chat watch: code %d, %q %s", code, out, errs)
	}
}
