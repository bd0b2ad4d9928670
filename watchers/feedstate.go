package watchers

import (
	"context"
	"hash/maphash"
	"sync"

	"github.com/newshound/newshound/internal/store"
)

// feedMemory is the feeds' polling state, read from the store once and then
// kept here; the store is its record, written with every poll. One process
// writes a database (the store's lock), so the two cannot drift apart.
type feedMemory struct {
	store *store.Store
	seed  maphash.Seed

	mu     sync.Mutex
	loaded bool
	feeds  map[string]*feedMemo
}

type feedMemo struct {
	state store.FeedState
	// ids are the hashes of the identities of the items of the feed's last
	// document, all of them stored: they need no look-up next time.
	ids map[uint64]struct{}
}

func newFeedMemory(st *store.Store) *feedMemory {
	return &feedMemory{store: st, seed: maphash.MakeSeed(), feeds: map[string]*feedMemo{}}
}

// state returns the named feed's state and the identity hashes of its last
// document (nil when not known); a feed never polled has a zero state with
// only Name set. The first call reads every feed's state from the store.
func (m *feedMemory) state(ctx context.Context, name string) (store.FeedState, map[uint64]struct{}, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.loaded {
		all, err := m.store.Feeds(ctx)
		if err != nil {
			return store.FeedState{}, nil, err
		}
		for _, st := range all {
			m.feeds[st.Name] = &feedMemo{state: st}
		}
		m.loaded = true
	}
	f := m.feeds[name]
	if f == nil {
		return store.FeedState{Name: name}, nil, nil
	}
	return f.state, f.ids, nil
}

// put replaces the named feed's state; ids, when not nil, replace the
// identity hashes of its last document. The map passed is not modified
// afterwards, so callers may read one they got from state without a lock.
func (m *feedMemory) put(st store.FeedState, ids []uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.feeds[st.Name]
	if f == nil {
		f = &feedMemo{}
		m.feeds[st.Name] = f
	}
	items := f.state.ItemsSeen
	f.state = st
	f.state.ItemsSeen = items
	if ids != nil {
		set := make(map[uint64]struct{}, len(ids))
		for _, h := range ids {
			set[h] = struct{}{}
		}
		f.ids = set
	}
}

// hash is an identity's hash for the sets of last documents.
func (m *feedMemory) hash(identity string) uint64 {
	return maphash.String(m.seed, identity)
}
