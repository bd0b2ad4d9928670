// Package commands is the chat commands apart from any chat platform:
// searching stored articles with the query language, the latest alerts, a
// speaker's quotes, why an article matched, the feeds' health, the watches
// in force and changing the chat-managed ones, and the checks of what a
// user typed. Each command takes plain option values and answers in plain
// values (answers.go) or a Problem whose Text keeps values from outside
// apart from our own words; each platform parses its own interactions into
// those options and renders the answers its own way — layout, timestamps,
// escaping, limits (bot/discord today). It reaches the pipeline through the
// small Pipeline interface declared here, and the store directly.
package commands

import (
	"container/list"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// Pipeline is what the commands need of the pipeline — *watchers.Watcher
// satisfies it: the configuration in force (it follows reloads), compiling
// a query as the watches are compiled (aliases included), the watches (of
// the file and from chat), reloading them after a change from chat, and when
// a feed is polled next.
type Pipeline interface {
	Config() *config.Config
	CheckQuery(query string) (*match.Query, error)
	Watches() []watchers.WatchInfo
	ReloadWatches(ctx context.Context) error
	NextPoll(feed string, notBefore time.Time) time.Time
}

var _ Pipeline = (*watchers.Watcher)(nil)

// Lookups answers the commands' questions. Store and Pipeline are required.
type Lookups struct {
	Store    *store.Store
	Pipeline Pipeline
	Now      func() time.Time // default time.Now
	Log      *slog.Logger     // default slog.Default()
}

func (l *Lookups) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func (l *Lookups) log() *slog.Logger {
	if l.Log != nil {
		return l.Log
	}
	return slog.Default()
}

// MaxWatchName is the longest watch name chat accepts.
const MaxWatchName = 64

// Search limits.
const (
	SearchPageSize = 5
	// MaxSearchVerify bounds the candidates matched for one page, so a
	// query that the index cannot narrow stays fast enough.
	MaxSearchVerify = 20000
)

// SearchArgs is one search, as a button remembers it.
type SearchArgs struct {
	Query string
	Days  int
	Watch string
}

// Hit is one search result: the article and how the query matched it,
// with the older matching articles of its story (Also, newest first).
type Hit struct {
	Article store.Article
	Result  match.Result
	Also    []store.Article
}

// BodyHit is the hit whose snippet a result shows: the first outside the
// title (which is shown anyway), else the first.
func (h Hit) BodyHit() (match.Hit, bool) {
	for _, mh := range h.Result.Hits {
		if mh.Field != "title" {
			return mh, true
		}
	}
	if len(h.Result.Hits) > 0 {
		return h.Result.Hits[0], true
	}
	return match.Hit{}, false
}

// ArticleURL is the link to show for a stored article: its canonical
// identity when that is a link, else the link it was found at. It is not
// checked (chattext.SafeURL).
func ArticleURL(a store.Article) string {
	if strings.HasPrefix(a.Identity, "http") {
		return a.Identity
	}
	return a.URL
}

// searchAlsoScan is how many candidates a page reads past its last story
// for older articles of its stories.
const searchAlsoScan = 500

// Search returns the hits of one page of a search, newest first, whether
// more follow, and whether the candidate bound stopped it. Hits are grouped
// by story: a page holds SearchPageSize stories, each its newest matching
// article with the older ones of the story that match (those found within
// searchAlsoScan candidates past the page's last story). The store's
// full-text index narrows the candidates (match.Query.FTS); each is then
// matched with the compiled query over the same fields as the pipeline, so
// a result is exactly what the matcher would say.
func (l *Lookups) Search(ctx context.Context, q *match.Query, args SearchArgs, page int) (hits []Hit, more, capped bool, err error) {
	m, err := match.Compile([]match.Watch{{Name: "search", Query: q}})
	if err != nil {
		return nil, false, false, err
	}
	sq := store.ArticleSearch{Match: q.FTS(), Watch: args.Watch}
	if args.Days > 0 {
		sq.Since = l.now().Add(-time.Duration(args.Days) * 24 * time.Hour)
	}
	skip, found, checked, full, pageStories := page*SearchPageSize, 0, 0, 0, 0
	stories := map[int64]int{} // story → its hit on this page, or -1 (an earlier page's)
	visit := func(a store.Article) (bool, error) {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if checked++; checked > MaxSearchVerify {
			capped = !more
			return false, nil
		}
		if more {
			// Past the page: only older articles of its stories matter.
			if checked > full+searchAlsoScan || pageStories == 0 {
				return false, nil
			}
			if i, ok := stories[a.StoryID]; !ok || i < 0 || a.StoryID == 0 {
				return true, nil
			}
		}
		res := m.Match(watchers.Document(a))
		if len(res) == 0 {
			return true, nil
		}
		if i, ok := stories[a.StoryID]; ok && a.StoryID != 0 {
			if i >= 0 {
				hits[i].Also = append(hits[i].Also, a)
			}
			return true, nil
		}
		if more {
			return true, nil // a story of a later page: only the page's stories' articles are looked for now
		}
		found++
		switch {
		case found <= skip:
			stories[a.StoryID] = -1
		case found <= skip+SearchPageSize:
			stories[a.StoryID] = len(hits)
			hits = append(hits, Hit{Article: a, Result: res[0]})
			if a.StoryID != 0 {
				pageStories++
			}
		default:
			more, full = true, checked
		}
		return true, nil
	}
	err = l.Store.SearchArticles(ctx, sq, visit)
	if err != nil && sq.Match != "" && checked == 0 && ctx.Err() == nil {
		// The index refused the expression (it never should): scanning
		// every article gives the same results, more slowly.
		l.log().Warn("commands: search: full-text prefilter failed, scanning", "fts", sq.Match, "error", err.Error())
		sq.Match = ""
		err = l.Store.SearchArticles(ctx, sq, visit)
	}
	return hits, more, capped, err
}

// WatchExists reports whether a watch of that name exists (active or not).
func (l *Lookups) WatchExists(name string) bool {
	for _, w := range l.Pipeline.Watches() {
		if w.Name == name {
			return true
		}
	}
	return false
}

// ChannelNames are the channels of the configuration in force — the
// watcher's, which follows reloads — sorted, for /watch add.
func (l *Lookups) ChannelNames() []string {
	var names []string
	for name := range l.Pipeline.Config().Channels {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// CheckWatchName returns what is wrong with a watch name, or "".
func CheckWatchName(name string) string {
	switch {
	case name == "":
		return "Give the watch a name."
	case utf8.RuneCountInString(name) > MaxWatchName:
		return fmt.Sprintf("A watch name has at most %d characters.", MaxWatchName)
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return "A watch name may hold letters, digits, '-', '_' and '.' only."
		}
	}
	return ""
}

// Searches remembers recent searches, for a platform whose buttons cannot
// carry a whole search (Discord's custom_id holds 100 characters). Safe for
// concurrent use.
type Searches struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *lruEntry
	items map[string]*list.Element
}

type lruEntry struct {
	key string
	val SearchArgs
}

// NewSearches remembers the max most recent searches.
func NewSearches(max int) *Searches {
	return &Searches{max: max, order: list.New(), items: map[string]*list.Element{}}
}

// Put remembers a search under key.
func (l *Searches) Put(key string, v SearchArgs) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.items[key]; ok {
		e.Value.(*lruEntry).val = v
		l.order.MoveToFront(e)
		return
	}
	l.items[key] = l.order.PushFront(&lruEntry{key: key, val: v})
	for l.order.Len() > l.max {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*lruEntry).key)
	}
}

// Get returns the search remembered under key.
func (l *Searches) Get(key string) (SearchArgs, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.items[key]
	if !ok {
		return SearchArgs{}, false
	}
	l.order.MoveToFront(e)
	return e.Value.(*lruEntry).val, true
}
