package watchers

import (
	"cmp"
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
// the hash of each item's title and text (store.ItemSum) with the one it
// had: in the feed's previous document in this process, or, for the first
// document after a start (once, a restart, a feed another instance polled),
// the hash stored with its article when it was read — so a correction made
// while newshound was stopped is seen too. The hash is stored again with the
// correction, in its transaction: a change is corrected once. An item whose
// mojibake the feed package repaired (feed.Item.Unrepaired) is unchanged
// when the hash of its title and text as the feed gives them is the one it
// had: articles read before the repair existed are not read again.

// itemSum is the hash of an item of a feed's last document, by identity.
type itemSum struct {
	id  uint64 // maphash of the identity
	sum int64  // store.ItemSum of title and text; 0: not known
}

// itemSums remembers, per feed, the sums of its last document's items.
type itemSums struct {
	mu   sync.Mutex
	seed maphash.Seed
	last map[string][]itemSum // sorted by id
}

func (s *itemSums) init() {
	if s.last == nil {
		s.seed, s.last = maphash.MakeSeed(), map[string][]itemSum{}
	}
}

func byID(a, b itemSum) int { return cmp.Compare(a.id, b.id) }

// restore makes the sums stored with a feed's articles (store.KnownItems of
// a document's items) the ones its next document is compared with.
func (s *itemSums) restore(feedName string, items []feed.Item, known map[string]store.KnownItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	sums := make([]itemSum, 0, len(known))
	for _, it := range items {
		if k, ok := known[it.Identity]; ok && k.Sum != 0 && k.Feed == feedName {
			sums = append(sums, itemSum{id: maphash.String(s.seed, it.Identity), sum: k.Sum})
		}
	}
	slices.SortFunc(sums, byID)
	s.last[feedName] = sums
}

// changed records the sums of a feed's document and returns the items that
// were in its previous document (or its stored one) with other content.
func (s *itemSums) changed(feedName string, items []feed.Item) []feed.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	prev := s.last[feedName]
	sums := make([]itemSum, len(items))
	var out []feed.Item
	for i, it := range items {
		sums[i] = itemSum{id: maphash.String(s.seed, it.Identity), sum: store.ItemSum(it.Title, it.Text)}
		if j, ok := slices.BinarySearchFunc(prev, sums[i], byID); ok && prev[j].sum != sums[i].sum && !(it.Unrepaired != nil && prev[j].sum == store.ItemSum(it.Unrepaired.Title, it.Unrepaired.Text)) {
			// (an item read before its mojibake was repaired has the
			// sum of its title and text as the feed gives them: the
			// repair is no correction)
			out = append(out, it)
		}
	}
	slices.SortFunc(sums, byID)
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
		a.Title, a.FeedText, a.ItemSum = it.Title, it.Text, store.ItemSum(it.Title, it.Text)
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
