package story

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// State is what a clusterer needs to carry on after a restart, in a form a store can keep (it
// encodes to JSON as it is). Closed stories are not in it: they can no longer be joined.
type State struct {
	NextID int64              `json:"next_id"` // the id the next new story gets
	Now    time.Time          `json:"now"`     // the latest article time seen
	Docs   float64            `json:"docs"`    // articles counted in DF
	DF     map[string]float64 `json:"df"`      // document frequency of each folded term
	// Case counts, for terms of DF, the times each was seen capitalised and in lower case inside
	// sentences of text that capitalises only names. Without it a restored clusterer learns again
	// which words are names.
	Case map[string][2]float64 `json:"case,omitempty"`
	// Stories are the open stories, by id.
	Stories []StoryState `json:"stories"`
}

// StoryState is one open story.
type StoryState struct {
	ID       int64              `json:"id"`
	First    time.Time          `json:"first"`    // its earliest article
	Last     time.Time          `json:"last"`     // its latest article: it closes Window after
	Articles int                `json:"articles"` // how many articles it has
	Terms    map[string]float64 `json:"terms"`    // its centroid: term → summed weight over its articles
	// Signatures are the MinHash signatures of the texts of its first and latest articles (those
	// with enough text), numHashes values each.
	Signatures [][]uint32 `json:"signatures,omitempty"`
	// Outlets are the keys of the outlets of its articles (FNV-1a of the name in lower case), so
	// that an outlet's next article needs the stronger evidence; absent in states written before.
	Outlets []uint64 `json:"outlets,omitempty"`
}

// Snapshot returns the clusterer's state.
func (c *Clusterer) Snapshot() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := State{NextID: c.nextID, Now: c.now, Docs: c.docs, DF: make(map[string]float64, len(c.terms))}
	for _, t := range c.terms {
		if t.df > 0 {
			st.DF[t.fold] = t.df
			if t.capital > 0 || t.lower > 0 {
				if st.Case == nil {
					st.Case = make(map[string][2]float64)
				}
				st.Case[t.fold] = [2]float64{t.capital, t.lower}
			}
		}
	}
	for _, s := range c.stories {
		st.Stories = append(st.Stories, c.storyState(s))
	}
	slices.SortFunc(st.Stories, func(a, b StoryState) int { return cmp.Compare(a.ID, b.ID) })
	return st
}

// Story returns the state of one open story, for a store that saves stories as they change.
func (c *Clusterer) Story(id int64) (StoryState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stories[id]
	if s == nil {
		return StoryState{}, false
	}
	return c.storyState(s), true
}

func (c *Clusterer) storyState(s *story) StoryState {
	ss := StoryState{ID: s.id, First: s.first, Last: s.last, Articles: s.articles, Terms: make(map[string]float64, len(s.terms))}
	for _, t := range s.terms {
		ss.Terms[c.terms[t.id].fold] = t.w
	}
	for i := range s.sigs {
		ss.Signatures = append(ss.Signatures, slices.Clone(s.sigs[i][:]))
	}
	ss.Outlets = slices.Clone(s.outlets)
	return ss
}

// Restore returns a clusterer with cfg that carries on from st. Stories whose window has passed by
// st.Now are left closed; beyond cfg.MaxStories the least recently active are.
func Restore(cfg Config, st State) (*Clusterer, error) {
	c := New(cfg)
	if st.NextID < 1 {
		return nil, fmt.Errorf("story: restore: next id %d, want at least 1", st.NextID)
	}
	if !finite(st.Docs) || st.Docs < 0 {
		return nil, fmt.Errorf("story: restore: article count %v", st.Docs)
	}
	c.nextID, c.now = st.NextID, st.Now
	c.setDocs(st.Docs)
	folds := make([]string, 0, len(st.DF))
	for f := range st.DF {
		folds = append(folds, f)
	}
	slices.Sort(folds) // term ids in a fixed order, so that a restored clusterer is deterministic
	for _, f := range folds {
		df := st.DF[f]
		if f == "" || !finite(df) || df <= 0 {
			return nil, fmt.Errorf("story: restore: document frequency %v of term %q", df, f)
		}
		c.termID(f).df = df
	}
	for f, n := range st.Case {
		id, ok := c.vocab[f]
		if !ok || !finite(n[0]) || !finite(n[1]) || n[0] < 0 || n[1] < 0 {
			return nil, fmt.Errorf("story: restore: case counts %v of term %q", n, f)
		}
		c.terms[id].capital, c.terms[id].lower = n[0], n[1]
	}
	seen := make(map[int64]bool, len(st.Stories))
	for _, ss := range st.Stories {
		if err := validStory(ss, st.NextID); err != nil {
			return nil, fmt.Errorf("story: restore: story %d: %w", ss.ID, err)
		}
		if seen[ss.ID] {
			return nil, fmt.Errorf("story: restore: story %d twice", ss.ID)
		}
		seen[ss.ID] = true
		if c.now.Sub(ss.Last) > c.cfg.Window {
			continue
		}
		s := &story{id: ss.ID, first: ss.First, last: ss.Last, articles: ss.Articles, normEpoch: stale, outlets: slices.Clone(ss.Outlets)}
		terms := make([]string, 0, len(ss.Terms))
		for f := range ss.Terms {
			terms = append(terms, f)
		}
		slices.Sort(terms)
		for _, f := range terms {
			t := c.termID(f)
			if t.df == 0 { // a term the frequencies lost: count it once
				t.df = 1
			}
			s.terms = append(s.terms, termWeight{id: c.vocab[f], pos: int32(len(t.posting)), w: ss.Terms[f]})
			t.posting = append(t.posting, posting{s: s, w: ss.Terms[f] / float64(s.articles)})
		}
		slices.SortFunc(s.terms, func(x, y termWeight) int { return cmp.Compare(x.id, y.id) })
		for _, raw := range ss.Signatures {
			var sig signature
			copy(sig[:], raw)
			s.sigs = append(s.sigs, sig)
			c.bands.add(&sig, s)
		}
		c.stories[s.id] = s
		heap.Push(&c.byLast, s)
	}
	for len(c.stories) > c.cfg.MaxStories {
		c.close(c.byLast[0])
	}
	return c, nil
}

// termID returns the vocabulary entry of a folded term, adding it if new.
func (c *Clusterer) termID(fold string) *termInfo {
	return &c.terms[c.termIndex(fold)]
}

// termIndex returns the id of a folded term, adding it if new.
func (c *Clusterer) termIndex(fold string) int32 {
	id, ok := c.vocab[fold]
	if !ok {
		// A fold is a part of its article's text (match.Words): the vocabulary keeps a copy, not the text.
		fold = strings.Clone(fold)
		id = int32(len(c.terms))
		c.vocab[fold] = id
		c.terms = append(c.terms, termInfo{fold: fold, idfEpoch: stale})
	}
	return id
}

func validStory(ss StoryState, nextID int64) error {
	switch {
	case ss.ID < 1 || ss.ID >= nextID:
		return fmt.Errorf("id outside 1..%d", nextID-1)
	case ss.Articles < 1:
		return errors.New("no articles")
	case ss.Last.Before(ss.First):
		return errors.New("last article before the first")
	case len(ss.Signatures) > maxStorySignatures:
		return fmt.Errorf("%d signatures, at most %d", len(ss.Signatures), maxStorySignatures)
	case len(ss.Terms) > maxStoryTerms:
		return fmt.Errorf("%d terms, at most %d", len(ss.Terms), maxStoryTerms)
	case len(ss.Outlets) > maxStoryOutlets:
		return fmt.Errorf("%d outlets, at most %d", len(ss.Outlets), maxStoryOutlets)
	case slices.Contains(ss.Outlets, 0):
		return errors.New("outlet key 0")
	}
	for f, w := range ss.Terms {
		if f == "" || !finite(w) || w <= 0 {
			return fmt.Errorf("term %q weighs %v", f, w)
		}
	}
	for i, sig := range ss.Signatures {
		if len(sig) != numHashes {
			return fmt.Errorf("signature %d has %d hashes, want %d", i, len(sig), numHashes)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
