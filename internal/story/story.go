// Package story clusters articles into stories as they arrive: which earlier story a new article
// reports, or that it starts a new one.
//
// The clustering is online and single-pass: each article is compared once, when it is assigned, with
// the stories open at that moment, and is never moved afterwards. A story is open for Config.Window
// after its latest article (36 hours unless configured) and is forgotten when it closes; at most
// Config.MaxStories are open at once, the least recently active closing first when there are more. So
// time and memory stay bounded however long the clusterer runs.
//
// Two signals say that an article reports a story:
//
//   - near-duplicate text: the same wire copy lightly edited. The MinHash of the main text's word
//     shingles agrees with that of one of the story's articles on at least Config.Duplicate of its
//     hashes (found through locality-sensitive hashing, see minhash.go);
//   - the same event in different words: the cosine similarity between the article's title and lead
//     terms and the story's centroid, terms weighted by inverse document frequency (over the articles
//     seen so far) and names and numbers weighted up, is at least Config.Threshold.
//
// Words are folded as the matcher folds them (internal/match), so the clusterer and the watches see
// the same words in every language, then cut to their first letters (stem in terms.go); stop words of
// the article's language are left out, and so is the furniture of agency headlines ("UPDATE 2-").
//
// Names are words capitalised inside a sentence. Headlines are often written in title case, where
// every word has a capital, and start with a name; so the clusterer also counts, for each word, how
// often it was seen capitalised and how often in lower case inside sentences of text that capitalises
// only names, and takes a capitalised word where its capital says nothing (title case, the start of a
// sentence) for a name when it was seen capitalised more often than not. Everything is
// deterministic: the same articles in the same order give the same stories, on any machine.
//
// The state the clusterer needs to carry on after a restart is State (see state.go): per open story
// its id, times, article count, term weights and text signatures, plus the document frequencies and the
// next story id.
package story

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config sets the clusterer's bounds and thresholds. Zero fields take the defaults.
type Config struct {
	// Window is how long a story stays open after its latest article (default 36h).
	Window time.Duration
	// MaxStories is the most stories open at once (default 200,000).
	MaxStories int
	// Threshold is the similarity of title and lead terms at which an article joins a story
	// (default DefaultThreshold).
	Threshold float64
	// Duplicate is the share of MinHash hashes two texts must share to be near-duplicates
	// (default 0.5, about half their word 4-grams in common).
	Duplicate float64
}

// Defaults.
const (
	DefaultWindow     = 36 * time.Hour
	DefaultMaxStories = 200_000
	DefaultThreshold  = 0.20
	DefaultDuplicate  = 0.5
)

// Limits that keep the work per article bounded.
const (
	// maxStoryTerms is the most terms a story's centroid keeps (its heaviest).
	maxStoryTerms = 48
	// maxStorySignatures is the most text signatures a story keeps (its first and latest articles).
	maxStorySignatures = 4
	// maxPosting is the longest list of stories a term is looked up in: a term in more open stories
	// than that is too common to find candidates by (it still counts in the score).
	maxPosting = 2000
	// maxVisits bounds the posting entries read for one article.
	maxVisits = 5000
	// maxCandidates bounds the stories scored for one article.
	maxCandidates = 256
	// maxArticleTerms bounds the terms an article is compared by.
	maxArticleTerms = 64
	// minShared is the fewest terms an article must share with a story to join it by its words: one
	// name in common is a topic ("Taylor Swift"), not yet an event.
	minShared = 2
)

// Article is what the clusterer reads of an article. Title and Lead (the feed's description or the
// first paragraph) carry the event; Text (the main text, or empty) finds copies.
type Article struct {
	Title string
	Lead  string
	Text  string
	Lang  string    // ISO 639-1 code if known ("en", "fr-CA"); stop words of all languages otherwise
	Time  time.Time // when it was published (or first seen)
}

// Reason says why an article was put into a story.
type Reason uint8

const (
	ReasonNew       Reason = iota // it starts a new story
	ReasonDuplicate               // its text is a near-copy of one of the story's articles
	ReasonEvent                   // its title and lead report the same event
)

func (r Reason) String() string {
	switch r {
	case ReasonDuplicate:
		return "duplicate"
	case ReasonEvent:
		return "event"
	}
	return "new"
}

// Assignment is the story an article was put into.
type Assignment struct {
	Story  int64   // the story's id, > 0
	New    bool    // the article starts the story
	Reason Reason  // why
	Score  float64 // the similarity that decided (MinHash agreement or cosine); 0 for a new story
}

// Clusterer assigns articles to stories. It is safe for concurrent use; assignments are made one at a
// time, in the order of the calls.
type Clusterer struct {
	mu  sync.Mutex
	cfg Config

	vocab map[string]int32 // folded term → id
	terms []termInfo       // by id
	docs  float64          // articles counted in the document frequencies

	stories map[int64]*story
	byLast  storyHeap // open stories, least recently active first
	bands   bandIndex
	nextID  int64
	now     time.Time // the latest article time seen
	dead    int       // closed stories still in postings and bands

	epochDocs float64 // the article count epochK was computed for
	epochK    int32

	cands []candidate // scratch: candidate stories of an article
	round uint64      // the number of the current similar call, to mark candidates
}

// candidate is an open story that shares terms with an article.
type candidate struct {
	s      *story
	dot    float64 // the dot product of their weighted terms
	shared int     // how many terms they share
}

type termInfo struct {
	fold string
	df   float64
	// capital and lower count the times the term was seen capitalised and in lower case inside a
	// sentence of text that capitalises only names (decaying with df)
	capital, lower float64
	posting        []*story // stories whose centroid has the term (closed ones until the next compaction)
	idf            float64  // cached idf, valid in idfEpoch
	idfEpoch       int32
}

// termWeight is a term of an article or a story centroid.
type termWeight struct {
	id int32
	w  float64
}

type story struct {
	id          int64
	first, last time.Time
	articles    int
	terms       []termWeight // sorted by id; w is the sum over the story's articles
	sigs        []signature
	heapIndex   int
	closed      bool
	round       uint64 // the similar call that last made it a candidate
	cand        int32  // its index in Clusterer.cands in that call
}

// New returns a clusterer with no stories.
func New(cfg Config) *Clusterer {
	if cfg.Window <= 0 {
		cfg.Window = DefaultWindow
	}
	if cfg.MaxStories <= 0 {
		cfg.MaxStories = DefaultMaxStories
	}
	if cfg.Threshold <= 0 {
		cfg.Threshold = DefaultThreshold
	}
	if cfg.Duplicate <= 0 {
		cfg.Duplicate = DefaultDuplicate
	}
	return &Clusterer{
		cfg:     cfg,
		vocab:   make(map[string]int32),
		stories: make(map[int64]*story),
		bands:   newBandIndex(),
		nextID:  1,
	}
}

// Open returns the number of open stories.
func (c *Clusterer) Open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories)
}

// Assign puts a into the story it reports, or into a new one, and returns which.
func (c *Clusterer) Assign(a Article) Assignment {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a.Time.After(c.now) {
		c.now = a.Time
	}
	c.expire()

	vec := c.articleTerms(a)
	sig, hasSig := textSignature(a.Text)

	var best *story
	var score float64
	reason := ReasonNew
	if hasSig {
		best, score = c.duplicate(&sig)
		if best != nil {
			reason = ReasonDuplicate
		}
	}
	if best == nil {
		best, score = c.similar(vec, a.Time)
		if best != nil {
			reason = ReasonEvent
		}
	}
	asg := Assignment{Reason: reason, Score: score}
	if best == nil {
		best = c.newStory(a.Time)
		asg.New, asg.Score = true, 0
	}
	asg.Story = best.id
	c.add(best, a.Time, vec, sig, hasSig)
	return asg
}

// articleTerms counts a's title and lead terms in the document frequencies and returns its term
// weights, heaviest first, at most maxArticleTerms.
func (c *Clusterer) articleTerms(a Article) []termWeight {
	lang := strings.ToLower(a.Lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	weights := make(map[string]float64)
	put := func(toks []token, w float64) {
		for _, t := range toks {
			x := w
			if t.capital && !t.telling && !t.entity {
				if id, ok := c.vocab[t.fold]; ok && c.terms[id].capital > c.terms[id].lower {
					t.entity = true
				}
			}
			if t.entity {
				x *= entityFactor
			}
			if x > weights[t.fold] {
				weights[t.fold] = x
			}
		}
	}
	title := tokens(Headline(a.Title), lang, 0)
	lead := a.Lead
	if lead == "" {
		lead = a.Text
	}
	leadToks := tokens(lead, lang, leadWords)
	put(title, weightTitle) // names are told by what was learned before this article
	put(leadToks, weightLead)

	c.docs++
	folds := make([]string, 0, len(weights))
	for f := range weights {
		folds = append(folds, f)
	}
	slices.Sort(folds) // new terms get their ids in a fixed order
	vec := make([]termWeight, 0, len(weights))
	for _, f := range folds {
		t := c.termID(f)
		t.df++
		t.idfEpoch = -2 // stale
		vec = append(vec, termWeight{id: c.vocab[f], w: weights[f]})
	}
	for _, toks := range [][]token{title, leadToks} {
		for _, t := range toks {
			if !t.telling {
				continue
			}
			if ti := &c.terms[c.vocab[t.fold]]; t.capital {
				ti.capital++
			} else {
				ti.lower++
			}
		}
	}
	// heaviest (by weight and rarity) first; ties by term, so that the order never depends on the map
	slices.SortFunc(vec, func(x, y termWeight) int {
		if d := cmp.Compare(y.w*c.idf(y.id), x.w*c.idf(x.id)); d != 0 {
			return d
		}
		return strings.Compare(c.terms[x.id].fold, c.terms[y.id].fold)
	})
	if len(vec) > maxArticleTerms {
		vec = vec[:maxArticleTerms]
	}
	return vec
}

// idf is the inverse document frequency of a term. The article count it divides is rounded down to
// a power of 1.02, so that the value of a term changes only when its own frequency changes or the
// count grows by 2%, and can be kept from one article to the next; it depends on the frequencies
// alone, so a restored clusterer computes the same values.
func (c *Clusterer) idf(id int32) float64 {
	t := &c.terms[id]
	if k := c.epoch(); t.idfEpoch != k {
		t.idf = math.Log(1 + math.Pow(idfStep, float64(k))/t.df)
		t.idfEpoch = k
	}
	return t.idf
}

// idfStep is the ratio between two article counts the document frequencies are divided by.
const idfStep = 1.02

// epoch returns the exponent of the article count rounded down to a power of idfStep, or -1 before
// the first article; a term's cached value is valid for one epoch.
func (c *Clusterer) epoch() int32 {
	if c.docs < 1 {
		return -1
	}
	if c.docs != c.epochDocs {
		c.epochDocs = c.docs
		c.epochK = int32(math.Floor(math.Log(c.docs)/math.Log(idfStep) + 1e-9))
	}
	return c.epochK
}

// duplicate returns the open story with a near-copy of the text whose signature is sig, if any.
func (c *Clusterer) duplicate(sig *signature) (*story, float64) {
	var best *story
	bestScore := 0.0
	seen := make(map[*story]bool)
	for b := 0; b < numBands; b++ {
		c.bands.lookup(sig, b, func(s *story) {
			if s.closed || seen[s] {
				return
			}
			seen[s] = true
			for i := range s.sigs {
				if x := agreement(sig, &s.sigs[i]); x >= c.cfg.Duplicate && better(x, s, bestScore, best) {
					best, bestScore = s, x
				}
			}
		})
	}
	return best, bestScore
}

// similar returns the open story whose centroid is most similar to vec, if it reaches the threshold.
//
// Candidates are found through the postings of the article's terms, heaviest first, as long as a
// posting is at most maxPosting long and maxVisits entries have not been read; the terms left are
// counted for the candidates only. The maxCandidates candidates with the largest dot product so far
// are scored.
func (c *Clusterer) similar(vec []termWeight, at time.Time) (*story, float64) {
	c.round++
	c.cands = c.cands[:0]
	var norm float64
	var rest []int // terms of vec not looked up
	visits := 0
	for k, t := range vec {
		idf := c.idf(t.id)
		x := t.w * idf
		norm += x * x
		p := c.terms[t.id].posting
		if len(p) > maxPosting || visits+len(p) > maxVisits {
			rest = append(rest, k)
			continue
		}
		visits += len(p)
		for _, s := range p {
			if s.closed {
				continue
			}
			if w := s.weight(t.id); w > 0 {
				if s.round != c.round {
					s.round, s.cand = c.round, int32(len(c.cands))
					c.cands = append(c.cands, candidate{s: s})
				}
				cd := &c.cands[s.cand]
				cd.dot += x * w * idf
				cd.shared++
			}
		}
	}
	if norm == 0 {
		return nil, 0
	}
	norm = math.Sqrt(norm)
	cands := c.cands
	if len(rest) == 0 { // the counts are complete: drop those that cannot reach minShared
		cands = slices.DeleteFunc(cands, func(a candidate) bool { return a.shared < minShared })
	}
	if len(cands) > maxCandidates {
		slices.SortFunc(cands, func(a, b candidate) int {
			if d := cmp.Compare(b.dot, a.dot); d != 0 {
				return d
			}
			return cmp.Compare(a.s.id, b.s.id)
		})
		cands = cands[:maxCandidates]
	}
	var best *story
	bestScore := 0.0
	for _, a := range cands {
		s := a.s
		for _, k := range rest {
			if w := s.weight(vec[k].id); w > 0 {
				idf := c.idf(vec[k].id)
				a.dot += vec[k].w * idf * w * idf
				a.shared++
			}
		}
		if a.shared < minShared {
			continue
		}
		cos := a.dot / (norm * c.norm(s))
		// a story that has been quiet for a while needs a closer match: down to half at the end of
		// its window
		if dt := at.Sub(s.last); dt > 0 {
			cos *= 1 - 0.5*min(1, float64(dt)/float64(c.cfg.Window))
		}
		if cos >= c.cfg.Threshold && better(cos, s, bestScore, best) {
			best, bestScore = s, cos
		}
	}
	return best, bestScore
}

// better says whether story s with score x beats the best so far: a higher score, or the same score
// and a more recent story (then the smaller id), so that the choice never depends on map order.
func better(x float64, s *story, bestScore float64, best *story) bool {
	if best == nil || x > bestScore {
		return true
	}
	if x < bestScore {
		return false
	}
	if !s.last.Equal(best.last) {
		return s.last.After(best.last)
	}
	return s.id < best.id
}

// weight returns the centroid weight of a term in s (its mean weight over the story's articles).
func (s *story) weight(id int32) float64 {
	lo, hi := 0, len(s.terms)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.terms[m].id < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(s.terms) || s.terms[lo].id != id {
		return 0
	}
	return s.terms[lo].w / float64(s.articles)
}

// norm is the length of s's centroid, weighted by the present document frequencies.
func (c *Clusterer) norm(s *story) float64 {
	var n float64
	for _, t := range s.terms {
		x := t.w / float64(s.articles) * c.idf(t.id)
		n += x * x
	}
	return math.Sqrt(n)
}

func (c *Clusterer) newStory(t time.Time) *story {
	s := &story{id: c.nextID, first: t, last: t}
	c.nextID++
	c.stories[s.id] = s
	heap.Push(&c.byLast, s)
	for len(c.stories) > c.cfg.MaxStories {
		c.close(c.byLast[0])
	}
	return s
}

// add puts an article's terms and signature into s.
func (c *Clusterer) add(s *story, t time.Time, vec []termWeight, sig signature, hasSig bool) {
	s.articles++
	if t.After(s.last) {
		s.last = t
		heap.Fix(&c.byLast, s.heapIndex)
	}
	if t.Before(s.first) {
		s.first = t
	}
	// merge the article's terms into the centroid
	had := make(map[int32]bool, len(s.terms))
	for _, x := range s.terms {
		had[x.id] = true
	}
	byID := slices.Clone(vec)
	slices.SortFunc(byID, func(x, y termWeight) int { return cmp.Compare(x.id, y.id) })
	merged := make([]termWeight, 0, len(s.terms)+len(byID))
	i, j := 0, 0
	for i < len(s.terms) || j < len(byID) {
		switch {
		case j == len(byID) || i < len(s.terms) && s.terms[i].id < byID[j].id:
			merged = append(merged, s.terms[i])
			i++
		case i == len(s.terms) || byID[j].id < s.terms[i].id:
			merged = append(merged, byID[j])
			j++
		default:
			merged = append(merged, termWeight{id: s.terms[i].id, w: s.terms[i].w + byID[j].w})
			i++
			j++
		}
	}
	if len(merged) > maxStoryTerms {
		slices.SortFunc(merged, func(x, y termWeight) int {
			if d := cmp.Compare(y.w*c.idf(y.id), x.w*c.idf(x.id)); d != 0 {
				return d
			}
			return strings.Compare(c.terms[x.id].fold, c.terms[y.id].fold)
		})
		merged = merged[:maxStoryTerms]
		slices.SortFunc(merged, func(x, y termWeight) int { return cmp.Compare(x.id, y.id) })
	}
	s.terms = merged
	for _, x := range merged {
		if !had[x.id] {
			c.terms[x.id].posting = append(c.terms[x.id].posting, s)
		}
	}
	// A term that fell out of the centroid stays in its posting: the score reads the centroid,
	// and the next compaction drops the entry.

	if hasSig {
		if len(s.sigs) < maxStorySignatures {
			s.sigs = append(s.sigs, sig)
		} else {
			s.sigs[len(s.sigs)-1] = sig // keep the first ones and the latest
		}
		c.bands.add(&sig, s)
	}
}

// expire closes the stories whose window has passed.
func (c *Clusterer) expire() {
	for len(c.byLast) > 0 && c.now.Sub(c.byLast[0].last) > c.cfg.Window {
		c.close(c.byLast[0])
	}
}

// close forgets s; its entries in postings and bands go at the next compaction.
func (c *Clusterer) close(s *story) {
	heap.Remove(&c.byLast, s.heapIndex)
	delete(c.stories, s.id)
	s.closed = true
	c.dead++
	if c.dead > 1024 && c.dead > len(c.stories) {
		c.compact()
	}
}

// compact drops closed stories from postings and bands, and terms no open story has and few articles
// had from the vocabulary, halving all document frequencies when the vocabulary has grown large.
func (c *Clusterer) compact() {
	c.dead = 0
	c.bands.compact()
	for i := range c.terms {
		t := &c.terms[i]
		t.posting = slices.DeleteFunc(t.posting, func(s *story) bool {
			return s.closed || s.weight(int32(i)) == 0
		})
	}
	if len(c.terms) < 4*maxStoryTerms*len(c.stories)+1<<16 {
		return
	}
	// Halve the frequencies (as if the articles counted were half as many) and drop terms that fall
	// below one article and are in no open story: the vocabulary stays bounded, the weights follow
	// recent news.
	c.docs /= 2
	remap := make([]int32, len(c.terms))
	kept := c.terms[:0]
	vocab := make(map[string]int32, len(c.vocab))
	for i := range c.terms {
		t := c.terms[i]
		t.df /= 2
		t.capital /= 2
		t.lower /= 2
		if t.df < 1 && len(t.posting) == 0 {
			remap[i] = -1
			continue
		}
		remap[i] = int32(len(kept))
		vocab[t.fold] = int32(len(kept))
		kept = append(kept, t)
	}
	c.terms, c.vocab = kept, vocab
	for _, s := range c.stories {
		for k := range s.terms {
			s.terms[k].id = remap[s.terms[k].id]
		}
		s.terms = slices.DeleteFunc(s.terms, func(t termWeight) bool { return t.id < 0 })
	}
}

// storyHeap orders open stories by their latest article, then id.
type storyHeap []*story

func (h storyHeap) Len() int { return len(h) }
func (h storyHeap) Less(i, j int) bool {
	if !h[i].last.Equal(h[j].last) {
		return h[i].last.Before(h[j].last)
	}
	return h[i].id < h[j].id
}
func (h storyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex, h[j].heapIndex = i, j
}
func (h *storyHeap) Push(x any) {
	s := x.(*story)
	s.heapIndex = len(*h)
	*h = append(*h, s)
}
func (h *storyHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return s
}
