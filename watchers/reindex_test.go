package watchers

import (
	"context"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// TestReindexAfterFoldingChange: an archive indexed by older folding rules
// ("l'Ukraine" was the one word "lukraine") hid its articles from /search
// for words the matcher now finds in them; the next start rebuilds the
// index, and the search finds them.
func TestReindexAfterFoldingChange(t *testing.T) { engines(t, testReindexAfterFoldingChange) }

func testReindexAfterFoldingChange(t *testing.T, newHarness func(*testing.T, string) *harness) {
	ctx := context.Background()
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	fs.set("/world.rss", rss(item{"Sommet de Paris", "https://news.example/sommet", "Les ministres évoquent l'Ukraine et l'OTAN.", time.Now()}))
	h.poll()
	search := func() int {
		t.Helper()
		if err := h.store.FlushIndex(ctx); err != nil {
			t.Fatal(err)
		}
		n := 0
		err := h.store.SearchArticles(ctx, store.ArticleSearch{Match: `"ukraine"`}, func(store.Article) (bool, error) { n++; return true, nil })
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := search(); n != 1 {
		t.Fatalf("indexed by today's folding: %d found, want 1", n)
	}
	// The index as an older newshound wrote it.
	var id int64
	err := h.store.SearchArticles(ctx, store.ArticleSearch{Match: `"sommet"`}, func(a store.Article) (bool, error) { id = a.ID; return false, nil })
	if err != nil || id == 0 {
		t.Fatalf("article: %d, %v", id, err)
	}
	if _, err := h.store.QueueReindex(ctx, match.FoldVersion-1); err != nil {
		t.Fatal(err)
	}
	if err := h.store.Index(ctx, []store.IndexEntry{{ID: id, Title: "sommet de paris", Body: "les ministres evoquent lukraine et lotan"}}); err != nil {
		t.Fatal(err)
	}
	if n := search(); n != 0 {
		t.Fatalf("the old entry: %d found, want 0", n)
	}
	h.restart()
	h.poll()
	if n := search(); n != 1 {
		t.Fatalf("after the restart's rebuild: %d found, want 1", n)
	}
}
