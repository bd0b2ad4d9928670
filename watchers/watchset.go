package watchers

import (
	"context"
	"fmt"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// watchSet is the compiled form of every active watch: the configuration's
// and the chat-managed ones. It is immutable; ReloadWatches swaps it whole.
type watchSet struct {
	matcher *match.Matcher
	aliases *match.Aliases // the configuration's, read once for every query
	watches map[string]config.Watch
	terms   map[string][]string // positive terms of each watch's query
	list    []WatchInfo
	// lang says that an active watch asks for the language (lang:), which a
	// text from the feed must then be identified for (see process).
	lang bool
}

// WatchInfo describes one watch, for listings.
type WatchInfo struct {
	Name     string
	Query    string // the canonical query
	Channels []string
	FromChat bool // managed from chat (else from the configuration file)
	Paused   bool
	Digest   string
}

func compileSet(cfg *config.Config, aliases *match.Aliases, chat []store.ChatWatch) (*watchSet, error) {
	if aliases == nil {
		aliases = match.NewAliases(cfg.Aliases)
	}
	set := &watchSet{aliases: aliases, watches: map[string]config.Watch{}, terms: map[string][]string{}}
	var ms []match.Watch
	add := func(wc config.Watch, fromChat, paused bool) error {
		q, err := WatchQuery(wc, set.aliases)
		if err != nil {
			return fmt.Errorf("watch %q: %w", wc.Name, err)
		}
		set.list = append(set.list, WatchInfo{Name: wc.Name, Query: q.String(), Channels: wc.Channels, FromChat: fromChat, Paused: paused, Digest: wc.Digest})
		if paused {
			return nil
		}
		set.watches[wc.Name] = wc
		set.terms[wc.Name] = q.Terms()
		set.lang = set.lang || q.UsesLang()
		ms = append(ms, match.Watch{Name: wc.Name, Query: q})
		return nil
	}
	for _, wc := range cfg.Watches {
		if err := add(wc, false, false); err != nil {
			return nil, err
		}
	}
	for _, cw := range chat {
		if _, clash := set.watches[cw.Name]; clash {
			continue // the configuration file's watch wins
		}
		wc := config.Watch{Name: cw.Name, Query: cw.Query, Channels: []string{cw.Channel},
			Summary: config.Summary{Sentences: config.DefaultSentences, MaxChars: config.DefaultMaxChars}}
		if err := add(wc, true, cw.Paused); err != nil {
			// A stored query that no longer compiles (an alias was removed)
			// must not take the others down: it is listed, paused.
			set.list = append(set.list, WatchInfo{Name: cw.Name, Query: cw.Query, Channels: wc.Channels, FromChat: true, Paused: true})
		}
	}
	m, err := match.Compile(ms)
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	set.matcher = m
	return set, nil
}

// ReloadWatches recompiles the configuration's watches with the chat-managed
// ones from the store and swaps them in atomically: articles processed from
// now on are matched against the new set.
func (w *Watcher) ReloadWatches(ctx context.Context) error {
	chat, err := w.store.ChatWatches(ctx)
	if err := w.storeResult(ctx, "chat_watches", false, err); err != nil {
		return err
	}
	live := w.live.Load()
	set, err := compileSet(live.cfg, live.aliases, chat)
	if err != nil {
		return err
	}
	w.set.Store(set)
	return nil
}

// Watches lists every watch, the configuration's first.
func (w *Watcher) Watches() []WatchInfo {
	return append([]WatchInfo(nil), w.set.Load().list...)
}

// CheckQuery parses a query with the configuration's aliases, as a chat
// watch's query would be: its error is a *match.SyntaxError with the caret.
func (w *Watcher) CheckQuery(q string) (*match.Query, error) {
	return match.ParseWith(q, w.set.Load().aliases)
}
