package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/pgtest"
)

// TestCopyResumes: a copy interrupted in the middle of the articles resumes
// where it stopped — every row once, the counts equal — and the copy reads as
// the original: searches, stories, the outbox, chat watches.
func TestCopyResumes(t *testing.T) {
	ctx := context.Background()
	src, _ := open(t)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var ids []int64
	for i := range 30 {
		title := fmt.Sprintf("Story %d about %s", i, []string{"putin", "floods", "elections"}[i%3])
		a := complete(t, src, Article{Identity: fmt.Sprint("https://e.org/", i), Feed: "F", Title: title, Text: "Body text " + title, TextSource: "page", SeenAt: at.Add(time.Duration(i) * time.Minute)},
			[]Quote{{Speaker: "Dmitry Peskov", Text: fmt.Sprint("quote ", i)}}, at, "w")
		ids = append(ids, a.ID)
	}
	if _, err := src.AddArticles(ctx, []Article{{Identity: "pending", Feed: "F", SeenAt: at, Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	if err := src.AddChatWatch(ctx, ChatWatch{Name: "cw", Query: "floods", Channel: "c", Paused: true, CreatedAt: at}); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := src.QueueNotice(ctx, "ops", []byte(fmt.Sprintf(`{"n":%d}`, i)), at); err != nil {
			t.Fatal(err)
		}
	}
	due, err := src.DueDeliveries(ctx, at, 5)
	if err != nil || len(due) == 0 {
		t.Fatalf("due %v %v", due, err)
	}
	for _, d := range due[:3] {
		if err := src.MarkPosted(ctx, at, "ops", "m1", d.ID); err != nil {
			t.Fatal(err)
		}
	}
	st := &Story{ID: 7, First: at, Last: at, Articles: 1, State: []byte("\x00\x01binary\xff")}
	if _, err := src.RecordPoll(ctx, PollRecord{Feed: FeedState{Name: "F", URL: "https://e.org/f", ETag: `"e"`, LastPoll: at, ItemsSeen: 3},
		Done: []Completion{{Article: Article{Identity: "storied", Feed: "F", Title: "Storied putin", SeenAt: at}, Story: st, FoldedTitle: "storied putin"}}}, at); err != nil {
		t.Fatal(err)
	}
	// A story written as JSON, before the binary encoding.
	if _, err := src.w.Exec(`INSERT INTO stories (id, first_seen, last_seen, articles, state) VALUES (3, ?, ?, 1, '{"old":true}')`, at.Unix(), at.Unix()); err != nil {
		t.Fatal(err)
	}
	if err := src.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.URL(t)
	dst, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	index := func(a Article) IndexEntry {
		return IndexEntry{ID: a.ID, Title: strings.ToLower(a.Title), Body: strings.ToLower(a.Text)}
	}

	stop, cancel := context.WithCancel(ctx)
	_, err = Copy(stop, src, dst, CopyOptions{Index: index, Batch: 7, Progress: func(table string, n int64) {
		if table == "articles" && n >= 14 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted copy: %v", err)
	}
	counts, err := Copy(ctx, src, dst, CopyOptions{Index: index, Batch: 7})
	if err != nil {
		t.Fatalf("resumed copy: %v\n%+v", err, counts)
	}
	copied := map[string]CopyCount{}
	for _, c := range counts {
		copied[c.Table] = c
	}
	if c := copied["articles"]; c.Source != 32 || c.Copied != 32-14 {
		t.Errorf("articles %+v: 32, of which 18 copied on resuming", c)
	}
	if c := copied["feeds"]; c.Source != 1 || c.Copied != 0 {
		t.Errorf("feeds %+v: copied before the interruption", c)
	}
	for _, table := range []string{"matches", "quotes", "outbox", "posts", "stories", "chat_watches", "articles_fts"} {
		if c := copied[table]; c.Source == 0 || c.Source != c.Target {
			t.Errorf("%s: %+v", table, c)
		}
	}
	// Again: nothing to copy, the same counts.
	again, err := Copy(ctx, src, dst, CopyOptions{Index: index})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range again {
		if c.Copied != 0 {
			t.Errorf("second run copied %+v", c)
		}
	}

	search := func(s *Store, expr string) []string {
		var out []string
		err := s.SearchArticles(ctx, ArticleSearch{Match: expr}, func(a Article) (bool, error) {
			out = append(out, a.Identity+"|"+a.Title+"|"+a.Text)
			return true, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, q := range []string{`"putin"`, `"floods" OR "storied"`, `"story" NOT "elections"`} {
		a, b := search(src, q), search(dst, q)
		if !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("search %s: SQLite %d %v, PostgreSQL %d %v", q, len(a), a, len(b), b)
		}
	}
	srcStories, maxSrc, _ := src.Stories(ctx, at.Add(-time.Hour))
	dstStories, maxDst, err := dst.Stories(ctx, at.Add(-time.Hour))
	if err != nil || maxSrc != maxDst || maxDst != 7 || len(dstStories) != 2 || len(srcStories) != 2 {
		t.Fatalf("stories %+v %d, want %+v %d (%v)", dstStories, maxDst, srcStories, maxSrc, err)
	}
	for i, want := range []string{`{"old":true}`, "\x00\x01binary\xff"} {
		if string(srcStories[i].State) != want || string(dstStories[i].State) != want {
			t.Errorf("story %d state: SQLite %q, PostgreSQL %q, want %q", dstStories[i].ID, srcStories[i].State, dstStories[i].State, want)
		}
	}
	a, b := mustOutbox(t, src), mustOutbox(t, dst)
	if a != b {
		t.Errorf("outbox %+v, want %+v", b, a)
	}
	ws, err := dst.ChatWatches(ctx)
	if err != nil || len(ws) != 1 || !ws[0].Paused || ws[0].Query != "floods" {
		t.Errorf("chat watches %+v %v", ws, err)
	}
	f, err := dst.Feed(ctx, "F")
	if err != nil || f.ETag != `"e"` || !f.LastPoll.Equal(at) || f.ItemsSeen != 3 {
		t.Errorf("feed %+v %v", f, err)
	}
	// New rows get IDs after the copied ones.
	added, err := dst.AddArticles(ctx, []Article{{Identity: "new", Feed: "F", SeenAt: at, Status: StatusPending}})
	if err != nil || len(added) != 1 || added[0].ID <= ids[len(ids)-1] {
		t.Errorf("new article %+v %v", added, err)
	}
}

func mustOutbox(t *testing.T, s *Store) OutboxStats {
	t.Helper()
	st, err := s.Outbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestCopyRefusesAnUnknownTable: a table Copy does not know stops it,
// rather than losing its rows.
func TestCopyRefusesAnUnknownTable(t *testing.T) {
	ctx := context.Background()
	src, _ := open(t)
	if _, err := src.w.Exec(`CREATE TABLE later (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	dst, err := OpenPostgres(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := Copy(ctx, src, dst, CopyOptions{Index: func(a Article) IndexEntry { return IndexEntry{ID: a.ID} }}); err == nil || !strings.Contains(err.Error(), `"later"`) {
		t.Errorf("copy with an unknown table: %v", err)
	}
}

// TestCopyRefusesATargetInUse: a copy begun into a PostgreSQL database that
// already holds an installation's rows stops before writing anything: merged
// with them, rows whose ids both sides use were skipped, and the target held
// neither installation whole.
func TestCopyRefusesATargetInUse(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	src, _ := open(t)
	complete(t, src, Article{Identity: "https://e.org/src", Feed: "F", Title: "Source article", SeenAt: at}, nil, at, "w")
	dst, err := OpenPostgres(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	complete(t, dst, Article{Identity: "https://e.org/other", Feed: "G", Title: "Another installation's article", SeenAt: at}, nil, at, "w")
	index := func(a Article) IndexEntry { return IndexEntry{ID: a.ID} }
	_, err = Copy(ctx, src, dst, CopyOptions{Index: index})
	if err == nil || !strings.Contains(err.Error(), "already holds") || !strings.Contains(err.Error(), "articles") {
		t.Fatalf("copy into a database in use: %v", err)
	}
	var n int64
	if err := dst.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the target's articles: %d (%v), want its own 1 untouched", n, err)
	}
}

// TestOpenPostgresBadURL: a URL the driver cannot parse is refused with the
// reason (here the sslmode), and never with its password.
func TestOpenPostgresBadURL(t *testing.T) {
	_, err := OpenPostgres(context.Background(), "postgres://u:s3cret@127.0.0.1:5432/db?sslmode=bogus")
	if err == nil || !strings.Contains(err.Error(), "sslmode is invalid") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("bad sslmode: %v", err)
	}
}
