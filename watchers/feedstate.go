package watchers

import (
	"context"
	"hash/maphash"
	"slices"
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
	// document, all of them stored, sorted: they need no look-up next time.
	// nil: no document read in this process.
	ids []uint64
}

func newFeedMemory(st *store.Store) *feedMemory {
	return &feedMemory{store: st, seed: maphash.MakeSeed(), feeds: map[string]*feedMemo{}}
}

// state returns the named feed's state and the identity hashes of its last
// document (nil when not known); a feed never polled has a zero state with
// only Name set. The first call reads every feed's state from the store.
func (m *feedMemory) state(ctx context.Context, name string) (store.FeedState, []uint64, error) {
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
	f, ok := m.feeds[name]
	if ok && f == nil {
		// Forgotten: read again.
		st, err := m.store.Feed(ctx, name)
		if err != nil {
			return store.FeedState{}, nil, err
		}
		if st.Name == "" {
			st.Name = name
		}
		f = &feedMemo{state: st}
		m.feeds[name] = f
	}
	if f == nil {
		return store.FeedState{Name: name}, nil, nil
	}
	return f.state, f.ids, nil
}

// put replaces the named feed's state; ids, when not nil, replace the
// identity hashes of its last document (put sorts them and keeps them: the
// caller must not change them afterwards, and readers of a slice state
// returned need no lock).
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
	f.state.ItemsSeen = max(items, st.ItemsSeen) // as the store keeps it
	if ids != nil {
		slices.Sort(ids)
		f.ids = ids
	}
}

// forget drops what is remembered of the named feed: its state is read
// from the store at its next poll (another instance polled it meanwhile).
func (m *feedMemory) forget(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.loaded {
		m.feeds[name] = nil
	}
}

// known reports whether h is among ids (sorted).
func known(ids []uint64, h uint64) bool {
	_, ok := slices.BinarySearch(ids, h)
	return ok
}

// hash is an identity's hash for the sets of last documents.
func (m *feedMemory) hash(identity string) uint64 {
	return maphash.String(m.seed, identity)
}
