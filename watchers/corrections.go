package watchers

import (
	"context"
	"hash/maphash"
	"slices"
	"sync"

	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/store"
)

// Corrections. A feed that changes an item's title or text after it was
// read (a correction, a live story) makes the article read again, and each
// of its alerts posted alone in chat is edited to read as the new alert
// (store.CorrectArticle, an OpCorrect edit). A change is seen by comparing
// a feed's document with its previous one in this process: each item's
// title and text are hashed; the first document after a start is compared
// with nothing.

// itemSum is the hash of an item of a feed's last document, by identity.
type itemSum struct{ id, sum uint64 }

// itemSums remembers, per feed, the sums of its last document's items.
type itemSums struct {
	mu   sync.Mutex
	seed maphash.Seed
	last map[string][]itemSum // sorted by id
}

// changed records the sums of a feed's document and returns the items that
// were in its previous document with other content.
func (s *itemSums) changed(feedName string, items []feed.Item) []feed.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil {
		s.seed, s.last = maphash.MakeSeed(), map[string][]itemSum{}
	}
	prev := s.last[feedName]
	sums := make([]itemSum, len(items))
	var out []feed.Item
	for i, it := range items {
		sums[i] = itemSum{id: maphash.String(s.seed, it.Identity), sum: maphash.String(s.seed, it.Title+"\x00"+it.Text)}
		if j, ok := slices.BinarySearchFunc(prev, sums[i].id, func(x itemSum, id uint64) int {
			switch {
			case x.id < id:
				return -1
			case x.id > id:
				return 1
			}
			return 0
		}); ok && prev[j].sum != sums[i].sum {
			out = append(out, it)
		}
	}
	slices.SortFunc(sums, func(a, b itemSum) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	s.last[feedName] = sums
	return out
}

// correctChanged reads again the articles of a feed's items whose title or
// text changed since its previous document, and queues the edits of their
// alerts. Failures are logged: the article keeps its earlier reading.
func (w *Watcher) correctChanged(ctx context.Context, feedName string, items []feed.Item, fetch bool) {
	for _, it := range w.sums.changed(feedName, items) {
		if ctx.Err() != nil {
			return
		}
		a, err := w.store.ArticleByIdentity(ctx, it.Identity)
		if err != nil {
			w.log.Error("correction not read", "feed", feedName, "article_url", it.URL, "error", err)
			continue
		}
		if a == nil || a.Feed != feedName || a.Status != store.StatusDone || (a.Title == it.Title && a.FeedText == it.Text) {
			continue // not this feed's, not read yet (it will be, as it is now), or as recorded
		}
		a.Title, a.FeedText = it.Title, it.Text
		if a.StoryID != 0 {
			// Read again, it stays in its story and is not counted twice.
			w.storiesMu.Lock()
			w.rememberStory(a.Identity, a.StoryID)
			w.storiesMu.Unlock()
		}
		c, err := w.process(ctx, *a, fetch)
		if err != nil {
			if ctx.Err() == nil {
				w.log.Error("correction not read", "feed", feedName, "article_url", it.URL, "error", err)
			}
			continue
		}
		c.Article.StoryID = a.StoryID
		n, err := w.store.CorrectArticle(context.WithoutCancel(ctx), c, w.now())
		if err := w.storeResult(ctx, "record_correction", true, err); err != nil {
			continue
		}
		w.log.Info("article changed: read again", "feed", feedName, "article_url", it.URL, "edits", n)
	}
}
