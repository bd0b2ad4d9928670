package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/newshound/newshound/internal/store"
)

// TestStatusHeldAndLastAlert: alerts held for a digest are not "waiting",
// and a watch's LAST ALERT is its last delivered alert, not its last match.
func TestStatusHeldAndLastAlert(t *testing.T) {
	cfg, st := statusStore(t, `  - { name: morning, keywords: [Putin], channels: [newsroom], digest: "0 8 * * *" }
  - { name: now, keywords: [Putin], channels: [newsroom] }
`)
	ctx := context.Background()
	now := time.Now()
	var cs []store.Completion
	for i := range 3 {
		added, err := st.AddArticles(ctx, []store.Article{{Identity: fmt.Sprint("a", i), Feed: "Wire", Title: "Putin", SeenAt: now, Status: store.StatusPending}})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, store.Completion{Article: added[0], Matches: []store.Match{
			{Watch: "morning", Explanation: "[]", Deliveries: []store.Delivery{{Channel: "newsroom", Payload: []byte("{}"), Held: true}}},
			{Watch: "now", Explanation: "[]", Deliveries: []store.Delivery{{Channel: "newsroom", Payload: []byte("{}")}}},
		}})
	}
	if _, err := st.CompleteArticles(ctx, cs, now); err != nil {
		t.Fatal(err)
	}
	status := func() string {
		t.Helper()
		out, errs, code := runCmd(t, "", "status", "--config", cfg)
		if code != 0 {
			t.Fatalf("status: %d %s", code, errs)
		}
		return out
	}
	out := status()
	if !strings.Contains(out, "Outbox: 3 waiting") || !strings.Contains(out, "3 held for digests") {
		t.Errorf("three alerts wait, three are held:\n%s", out)
	}
	for _, w := range []string{"morning", "now"} {
		if !regexp.MustCompile(`(?m)^` + w + `\s+3\s+never$`).MatchString(out) {
			t.Errorf("%s matched 3 times and alerted nobody yet:\n%s", w, out)
		}
	}
	due, err := st.DueDeliveries(ctx, now.Add(time.Minute), 10)
	if err != nil || len(due) != 3 {
		t.Fatalf("due %d, %v", len(due), err)
	}
	if err := st.MarkDelivered(ctx, now, "newsroom", due[0].ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out = status()
	if !strings.Contains(out, "Outbox: 2 waiting") || regexp.MustCompile(`(?m)^now\s+3\s+never$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^morning\s+3\s+never$`).MatchString(out) {
		t.Errorf("after one delivery of now:\n%s", out)
	}
}

// TestStatusWaitingByChannel: under the outbox's total, status names each
// channel something waits for, with the oldest delivery's last error, and
// says when the configuration no longer names the channel (its alerts go
// out only if a reload names it again).
func TestStatusWaitingByChannel(t *testing.T) {
	cfg, st := statusStore(t, "  - { name: now, keywords: [Putin], channels: [newsroom] }\n")
	ctx := context.Background()
	now := time.Now()
	var cs []store.Completion
	for i, channel := range []string{"newsroom", "newsroom", "old-desk"} {
		added, err := st.AddArticles(ctx, []store.Article{{Identity: fmt.Sprint("a", i), Feed: "Wire", Title: "Putin", SeenAt: now, Status: store.StatusPending}})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, store.Completion{Article: added[0], Matches: []store.Match{
			{Watch: "now", Explanation: "[]", Deliveries: []store.Delivery{{Channel: channel, Payload: []byte("{}")}}},
		}})
	}
	if _, err := st.CompleteArticles(ctx, cs, now); err != nil {
		t.Fatal(err)
	}
	due, err := st.DueDeliveries(ctx, now.Add(time.Minute), 10)
	if err != nil || len(due) != 3 {
		t.Fatalf("due %d, %v", len(due), err)
	}
	if err := st.MarkRetry(ctx, due[0].ID, "discord: HTTP 503 Service Unavailable", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errs)
	}
	if !regexp.MustCompile(`(?m)^\s+newsroom\s+2\s+.*discord: HTTP 503 Service Unavailable$`).MatchString(out) {
		t.Errorf("newsroom: 2 waiting, the oldest's error:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^\s+old-desk\s+1\s+.*not configured`).MatchString(out) {
		t.Errorf("old-desk is no longer configured:\n%s", out)
	}
}

// TestStatusMultiLineError: a feed's last error of several lines is one
// line in the feed table (a line break in a cell broke the table's columns
// and put the error's next line where a feed's belongs) and is printed whole
// under it.
func TestStatusMultiLineError(t *testing.T) {
	cfg, st := statusStore(t, "  - { name: now, keywords: [Putin], channels: [newsroom] }\n")
	now := time.Now()
	failed := store.FeedState{Name: "Wire", URL: "https://wire.example.org/all.rss", LastError: "HTTP 500\nsecond line", LastErrorAt: now, Failures: 1}
	if _, err := st.RecordPoll(context.Background(), store.PollRecord{Feed: failed}, now); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errs)
	}
	table, rest, _ := strings.Cut(out, "\n\n")
	lines := strings.Split(table, "\n")
	if len(lines) != 2 || !regexp.MustCompile(`^Wire\s+never\s+1\s+on schedule\s+HTTP 500 second line$`).MatchString(lines[1]) {
		t.Errorf("the feed table:\n%s", table)
	}
	if !strings.Contains(rest, "Last errors in full:\n  Wire: HTTP 500\nsecond line\n") {
		t.Errorf("the error in full is missing:\n%s", out)
	}
}

// TestStatusReadsNamesOnly: status shows the store's state under a
// configuration whose values would not run (a query that does not parse),
// for it reads only names and the store's place from it — what is wrong is
// check's to say — but a file it cannot decode (an unknown key) is still
// refused with the problem's position.
func TestStatusReadsNamesOnly(t *testing.T) {
	cfg, st := statusStore(t, "  - { name: broken, query: \"Putin AND (\", channels: [newsroom] }\n")
	st.Close()
	if _, _, code := runCmd(t, "", "check", "--config", cfg); code != 2 {
		t.Fatalf("check of the broken query: exit %d, want 2", code)
	}
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 || !regexp.MustCompile(`(?m)^Wire\s+never`).MatchString(out) || !regexp.MustCompile(`(?m)^broken\s+0\s+never$`).MatchString(out) {
		t.Errorf("status: exit %d\n%s%s", code, out, errs)
	}
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(data, "colour: red\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = runCmd(t, "", "status", "--config", cfg)
	if code != 2 || !strings.Contains(errs, `n.yaml:8:1: unknown key "colour"`) {
		t.Errorf("status of a file with an unknown key: exit %d, %s", code, errs)
	}
}

// TestTableAsTabwriter: status's tables are laid out as text/tabwriter laid
// them out (minimum width 2, padding 2, blanks), widths counted in runes.
func TestTableAsTabwriter(t *testing.T) {
	rows := [][]string{
		{"FEED", "LAST SUCCESS", "FAILURES", "LAST ERROR"},
		{"Zürich — Nachrichten", "never", "0", "—"},
		{"東京", "2026-12-06 03:19 (30m47s ago)", "12", ""},
		{"", "", "", "x"},
		{"a", "b", "c", "d e f"},
	}
	var want strings.Builder
	tw := tabwriter.NewWriter(&want, 2, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	var got strings.Builder
	w := bufio.NewWriter(&got)
	tb := newTable(4, 1)
	for _, r := range rows {
		tb.row(r...)
	}
	tb.writeTo(w)
	w.Flush()
	if got.String() != want.String() {
		t.Errorf("table:\n%s\ntabwriter:\n%s", got.String(), want.String())
	}
}

// statusStore writes a configuration of one feed, the watches (YAML list
// items) and one channel, newsroom, and opens its store.
func statusStore(t *testing.T, watches string) (cfg string, st *store.Store) {
	t.Helper()
	dir := t.TempDir()
	cfg = filepath.Join(dir, "n.yaml")
	if err := os.WriteFile(cfg, []byte(`storage: { path: n.db }
feeds:
  - { name: Wire, url: "https://wire.example.org/all.rss" }
watches:
`+watches+`channels:
  newsroom: { webhook: "https://discord.com/api/webhooks/123456789012345678/tok" }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg, st
}
