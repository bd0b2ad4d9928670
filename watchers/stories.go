package watchers

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/story"
)

// storyClusterer returns the clusterer that puts articles into stories,
// restoring it from the store's open stories on first use. The document
// frequencies are not stored: they are rebuilt from the open stories'
// terms (each story counts a term once), which weighs terms as the stories
// of the window do.
func (w *Watcher) storyClusterer(ctx context.Context) (*story.Clusterer, error) {
	w.storiesMu.Lock()
	defer w.storiesMu.Unlock()
	return w.storyClustererLocked(ctx)
}

// storyClustererLocked is storyClusterer for a caller that holds storiesMu.
func (w *Watcher) storyClustererLocked(ctx context.Context) (*story.Clusterer, error) {
	if w.stories != nil {
		return w.stories, nil
	}
	cfg := story.Config{Window: w.start.StoryWindow.D()} // read at start, as the README says
	rows, maxID, err := w.store.Stories(ctx, w.now().Add(-cfg.Window))
	if err := w.storeResult(ctx, "stories", false, err); err != nil {
		return nil, err
	}
	next := maxID + 1
	if w.cluster != nil {
		// Several instances cluster side by side: each numbers its new
		// stories from a block of its own (2^32 ids from block<<32), so
		// that two never give one id to different stories.
		block, err := w.cluster.leases.NextBlock(ctx, "story")
		w.metrics.LeaseOps.WithLabelValues("counter").Inc()
		if err := w.storeResult(ctx, "stories", true, err); err != nil {
			return nil, err
		}
		next = max(next, block<<32)
	}
	st := story.State{NextID: next, DF: map[string]float64{}}
	for _, r := range rows {
		ss, err := story.DecodeStory(r.State)
		if err != nil {
			w.log.Error("story state unreadable: the story is closed", "story", r.ID, "error", err)
			continue
		}
		for term := range ss.Terms {
			st.DF[term]++
		}
		st.Docs += float64(ss.Articles)
		if ss.Last.After(st.Now) {
			st.Now = ss.Last
		}
		st.Stories = append(st.Stories, ss)
	}
	c, err := story.Restore(cfg, st)
	if err != nil {
		// Loud, and new stories still get ids no stored story has.
		w.log.Error("stories could not be restored: open stories are closed", "error", err)
		c, err = story.Restore(cfg, story.State{NextID: next})
		if err != nil {
			return nil, err
		}
	}
	w.restoreNames(ctx, c)
	w.stories = c
	return c, nil
}

// prepareStory reads an article for the clusterer (its words and text
// signature), beside the other articles being processed.
func prepareStory(a store.Article) *story.Prepared {
	return story.Prepare(story.Article{Title: a.Title, Lead: a.FeedText, Text: a.Text, Lang: a.Lang, Time: articleTime(a), Outlet: outlet(a)})
}

// assignStory puts an article into its story and returns the story's row
// as it stands with it, or nil (logged) when the stories cannot be read.
func (w *Watcher) assignStory(ctx context.Context, a store.Article) *store.Story {
	p := &processing{a: a, prep: prepareStory(a)}
	w.assignStories(ctx, []*processing{p})
	return p.st
}

// assignStories puts processed articles into their stories, in their order,
// and sets each one's story row as it stands with it — or leaves it nil
// (logged) when the stories cannot be read. The assignments, which read and
// change the stories, are made one article at a time: all of ps in one turn
// of the lock, so that the articles of a poll do not queue for it one by
// one among the other polls' (20 turns of the lock instead of one, each a
// wake-up of a waiting poll when the lock is contended).
//
// A story's state (the row's State) is encoded once for the articles of ps
// that joined it, after the last of them: the articles share it, and the
// store writes a story's row once per batch anyway, as it stands with the
// most articles (their last). Encoding it for each article, under the lock,
// was most of the work done there besides the assignments. A story changes
// only when an article joins it until an assignment that may close stories
// (story.Clusterer.MayClose): the states waiting are encoded before such an
// assignment.
func (w *Watcher) assignStories(ctx context.Context, ps []*processing) {
	if len(ps) == 0 {
		return
	}
	w.storiesMu.Lock()
	c, err := w.storyClustererLocked(ctx)
	if err != nil {
		w.storiesMu.Unlock()
		// A store error is logged (rate-limited), counted and in /healthz.
		if _, inStore := errors.AsType[*StoreError](err); !inStore && ctx.Err() == nil {
			for _, p := range ps {
				w.log.Error("no story for the article", "feed", p.a.Feed, "article_url", p.a.URL, "error", err)
			}
		}
		return
	}
	defer w.storiesMu.Unlock()
	waiting := 0 // ps[:waiting] may have rows without their state
	for i, p := range ps {
		// An article processed again (carried by a second feed before the
		// store knew it, or retried after a failed write) keeps its story
		// and is not counted into it twice.
		id, seen := w.storyIDs[p.a.Identity]
		if !seen {
			if c.MayClose(p.prep) {
				w.encodeStories(c, ps[:waiting])
			}
			id = c.AssignPrepared(p.prep).Story
			w.rememberNew(p.a.Identity, id)
		}
		// its memory serves the articles prepared next
		p.prep.Release()
		p.prep = nil
		ss, ok := c.StoryRow(id)
		if !ok { // closed at once: only when MaxStories is tiny
			continue
		}
		p.st = &store.Story{ID: ss.ID, First: ss.First, Last: ss.Last, Articles: ss.Articles}
		waiting = i + 1
	}
	w.encodeStories(c, ps[:waiting])
}

// encodeStories encodes the states of the stories of ps's rows that have
// none, once per story, and gives it to each of its rows. The caller holds
// storiesMu, and no story of ps has closed since its article joined it.
func (w *Watcher) encodeStories(c *story.Clusterer, ps []*processing) {
	// the states encoded by story: a poll's articles join a few stories, looked up one by one;
	// a map once there are many (a first poll of a long feed), so that the work stays linear
	type encoded struct {
		id    int64
		state []byte
		ok    bool
	}
	var buf [16]encoded
	few := buf[:0]
	var many map[int64]encoded
	for _, p := range ps {
		if p.st == nil || p.st.State != nil {
			continue
		}
		id := p.st.ID
		var e encoded
		found := false
		if many != nil {
			e, found = many[id]
		} else if k := slices.IndexFunc(few, func(e encoded) bool { return e.id == id }); k >= 0 {
			e, found = few[k], true
		}
		if !found {
			ss, ok := c.EncodeStory(id, nil)
			if !ok { // not by MayClose's word: loud, and the articles are saved without their story
				w.log.Error("story closed before its state was saved: the article is saved without it", "story", id, "feed", p.a.Feed, "article_url", p.a.URL)
			}
			e = encoded{id: id, state: ss.State, ok: ok}
			switch {
			case many != nil:
				many[id] = e
			case len(few) < len(buf):
				few = append(few, e)
			default:
				many = make(map[int64]encoded, 2*len(few))
				for _, f := range few {
					many[f.id] = f
				}
				many[id] = e
			}
		}
		if e.ok {
			p.st.State = e.state
		} else {
			p.st = nil
		}
	}
}

// recentStories is how many articles' stories are remembered by identity.
const recentStories = 20_000

// rememberStory remembers the story of an article, unless it is
// remembered, forgetting the oldest beyond recentStories. The caller holds
// storiesMu.
func (w *Watcher) rememberStory(identity string, id int64) {
	if _, ok := w.storyIDs[identity]; !ok {
		w.rememberNew(identity, id)
	}
}

// rememberNew is rememberStory of an article that is not remembered.
func (w *Watcher) rememberNew(identity string, id int64) {
	if w.storyIDs == nil {
		w.storyIDs = make(map[string]int64)
	}
	w.storyIDs[identity] = id
	if len(w.storyOrder) < recentStories {
		w.storyOrder = append(w.storyOrder, identity)
		return
	}
	// full: the oldest goes, and its place in the ring is the newest's
	delete(w.storyIDs, w.storyOrder[w.storyNext])
	w.storyOrder[w.storyNext] = identity
	w.storyNext = (w.storyNext + 1) % recentStories
}

// outlet is who published an article, for the clusterer's rule on one
// outlet's articles: its link's host without "www." (two feeds of one site
// are one outlet), else its feed's name.
func outlet(a store.Article) string {
	host, ok := plainHost(a.URL)
	if !ok {
		if u, err := url.Parse(a.URL); err == nil {
			host = u.Hostname()
		}
	}
	if host == "" {
		return a.Feed
	}
	return strings.TrimPrefix(strings.ToLower(host), "www.")
}

// plainHost returns the host name of a plain http or https link — an ASCII
// host of letters, digits, dots and hyphens, perhaps a port, no user; no
// control byte and only well-formed escapes anywhere — exactly as
// url.Parse(s) and Hostname give it, and false for any other link (then
// url.Parse answers). Parsing every new article's link was a tenth of
// preparing it for its story, and most of its allocations.
func plainHost(s string) (string, bool) {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return "", false
		}
	}
	// url.Parse refuses a control byte and an escape that is not % and two
	// hex digits (in the path and the fragment; here anywhere)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' || c == 0x7f:
			return "", false
		case c == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])):
			return "", false
		}
	}
	// the authority ends at the path, the query or the fragment
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host := rest[:end]
	if i := strings.IndexByte(host, ':'); i >= 0 {
		for _, c := range []byte(host[i+1:]) { // a port: digits, perhaps none
			if c < '0' || c > '9' {
				return "", false
			}
		}
		host = host[:i]
	}
	if host == "" {
		return "", false
	}
	for _, c := range []byte(host) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return "", false
		}
	}
	return host, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
