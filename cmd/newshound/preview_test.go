package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/match"
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

// TestPreviewGroupsByStory: hits of one story are listed under one head, as
// a channel would get one alert for them.
func TestPreviewGroupsByStory(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	arts := []store.Article{
		{Identity: "https://agency.example/valmora", URL: "https://agency.example/valmora", Feed: "Agency", Title: "Putin to visit Valmora", Published: now.Add(-3 * time.Hour), Text: "Putin will visit Valmora for grain talks."},
		{Identity: "https://daily.example/trip", URL: "https://daily.example/trip", Feed: "Daily", Title: "Kremlin confirms Putin trip", Published: now.Add(-2 * time.Hour), Text: "The Kremlin confirmed Putin's trip to Valmora."},
		{Identity: "https://daily.example/bridge", URL: "https://daily.example/bridge", Feed: "Daily", Title: "Putin opens a bridge", Published: now.Add(-time.Hour), Text: "Putin opened a rail bridge over the Volga."},
	}
	for i := range arts {
		arts[i].SeenAt, arts[i].Status = now, store.StatusPending
	}
	added, err := st.AddArticles(ctx, arts)
	if err != nil || len(added) != 3 {
		t.Fatalf("add: %v", err)
	}
	for i, a := range added {
		a.TextSource = "page"
		id := int64(1)
		if i == 2 {
			id = 2
		}
		c := store.Completion{Article: a, Story: &store.Story{ID: id, First: now, Last: now, Articles: 1, State: []byte(`{}`)},
			FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(a.Text)}
		if _, err := st.CompleteArticles(ctx, []store.Completion{c}, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "n.yaml")
	if err := os.WriteFile(cfg, []byte("storage: { path: n.db }\nfeeds:\n  - { name: Agency, url: \"https://agency.example/rss\" }\nwatches:\n  - { name: russia, keywords: [Putin] }\n  - { name: bridges, keywords: [bridge] }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "", "preview", "--config", cfg, "--watch", "russia")
	if code != 0 {
		t.Fatalf("preview: %d %s", code, errs)
	}
	if !strings.Contains(out, `3 of 3 articles from the last 7 days would have alerted "russia", in 2 stories`) ||
		strings.Count(out, "+ same story:") != 1 || !strings.Contains(out, "+ same story: ") || !strings.Contains(out, "Putin opens a bridge") {
		t.Errorf("preview output:\n%s", out)
	}
	if out, _, _ := runCmd(t, "", "preview", "--config", cfg, "--watch", "bridges"); !strings.Contains(out, `would have alerted "bridges", in 1 story (`) {
		t.Errorf("one story's count:\n%s", out)
	}
	// The story's second article is listed under its head, not as a head.
	head := strings.Index(out, "Daily — Kremlin confirms Putin trip")
	under := strings.Index(out, "+ same story: ")
	if head < 0 || under < head || !strings.Contains(out[under:], "Agency — Putin to visit Valmora") {
		t.Errorf("grouping wrong:\n%s", out)
	}
}
