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

	"github.com/newshound/newshound/internal/match"
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
	// Outlet is who published it (the site's host name, say), or empty if unknown. An outlet
	// rarely reports one event twice in other words, save as an update: its own articles need
	// stronger evidence to join a story that already has one of them (see sameOutlet).
	Outlet string
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
	dead    int       // closed stories still in bands (and counted in termInfo.ghosts)

	epochK   int32 // the epoch of docs (see setDocs)
	scaleK   int32 // the epoch scaleVal is idfStep to the power of (see scale), if scaleSet
	scaleVal float64
	scaleSet bool

	cands   []candidate  // scratch: candidate stories of an article
	found   []*story     // scratch: the same, as they are found
	scratch []termWeight // scratch: an article's terms by id
	idKeys  []uint64     // scratch: to order them
	names   []int32      // scratch: the names among an article's terms
	vec     []termWeight // scratch: an article's terms, heaviest first
	keyed   []keyedTerm  // scratch: terms being ordered by weight
	ranked  []rankedTerm // scratch: an article's terms being ordered by weight
	merged  []termWeight // scratch: a story's centroid with an article's terms
	round   uint64       // the number of the current similar call, to mark candidates
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
	posting        []posting // open stories whose centroid has the term
	idf            float64   // cached idf, valid in idfEpoch
	idfEpoch       int32
	// ghosts counts the entries taken out of posting since the last compaction (the term left a
	// centroid, or a story closed): the search for candidates reads a posting's length as it was
	// when they stayed in it, weighing nothing, until the compaction dropped them (see similar)
	ghosts int32
	rdf    float64 // df rounded as the idf reads it (roundDF)
	rdfHi  float64 // the frequency at which rdf is to be rounded again (roundDFBound; 0: at once)
}

// termWeight is a term of an article or a story centroid.
type termWeight struct {
	id  int32
	pos int32 // in a story's centroid, the index of the story's entry in the term's posting
	w   float64
}

// posting is an entry of a term's posting list: an open story whose centroid has the term, and the
// term's weight there (its mean over the story's articles: the sum in story.terms divided by their
// number, set again whenever an article joins). The posting list holds the weight so that finding
// the candidates of an article reads no story's terms, nor its count. An entry is taken out as soon
// as the term leaves the centroid or the story closes (unpost): the search reads no dead entries.
type posting struct {
	s *story
	w float64
}

type story struct {
	// what finding the candidates of an article reads and writes of every story in a posting,
	// first, in one cache line: the dot product and the shared terms are summed here, as the
	// postings are read, rather than in Clusterer.cands (one memory access less per entry)
	closed      bool
	shared      int32   // the terms it shares with the article of that call, so far
	round       uint64  // the similar call that last made it a candidate
	dot         float64 // the dot product with that article, so far
	id          int64
	first, last time.Time
	articles    int
	terms       []termWeight // sorted by id; w is the sum over the story's articles
	sigs        []signature
	heapIndex   int
	outlets     []uint64 // outletKey of the outlets of its articles (the first maxStoryOutlets)
	// norm is the length of its centroid (see Clusterer.norm), valid while normEpoch is the
	// clusterer's epoch; a change of the story or of the idf of one of its terms makes it stale.
	norm      float64
	normEpoch int32
}

// stale marks a cached idf or norm as to be computed again.
const stale = -2

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
		epochK:  -1,
	}
}

// Open returns the number of open stories.
func (c *Clusterer) Open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories)
}

// Prepared is an article as the clusterer reads it: the terms of its title and lead, and its
// text's signature. Preparing reads nothing of the clusterer, so that articles can be prepared side
// by side while assignments, which read and change the stories, are made one at a time.
//
// A caller that is done with a prepared article (it has been assigned) may Release it, so that its
// memory serves an article prepared later rather than the garbage collector.
type Prepared struct {
	terms    []preparedTerm // by fold
	sig      signature
	hasSig   bool
	released bool
	outlet   uint64
	time     time.Time
}

// prepared holds released Prepareds for Prepare to reuse.
var prepared = sync.Pool{New: func() any { return new(Prepared) }}

// pooledTerms bounds the terms of a released Prepared kept for reuse.
const pooledTerms = 1 << 10

// Release gives p's memory back for articles prepared later. p is not to be used after: its
// assignment (AssignPrepared) and MayClose panic on it, and so does a second Release — until
// Prepare hands the memory out again, for another article.
func (p *Prepared) Release() {
	p.check("Release")
	p.released = true
	if cap(p.terms) > pooledTerms {
		return
	}
	clear(p.terms) // the folds point into the article's text: not kept alive by the pool
	p.terms = p.terms[:0]
	prepared.Put(p)
}

// check panics when p has been released.
func (p *Prepared) check(op string) {
	if p.released {
		panic("story: " + op + " of a released Prepared")
	}
}

// preparedTerm is a term of a prepared article, from all its words of title and lead. Its numbers
// are float32, which holds each of them exactly (products of the weights 1, 0.5 and 1.5; counts of
// a few words), to keep a prepared article small while it waits for its assignment.
type preparedTerm struct {
	fold string
	w    float32 // its weight: the largest of its words' (weightTitle or weightLead, by entityFactor for an entity)
	// wName is its weight should it be a learned name (see Clusterer.articleTerms), when one of its
	// words is capitalised where the capital says nothing; else 0
	wName float32
	// capital and lower count its words capitalised and in lower case where the capital tells
	capital, lower float32
	named          bool // one of its words is an entity other than a number
}

// Prepare reads a for the clusterer (see Prepared). It is safe to call from several goroutines.
func Prepare(a Article) *Prepared {
	lang := strings.ToLower(a.Lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	lead := a.Lead
	if lead == "" {
		lead = a.Text
	}
	sc := prepScratches.Get().(*prepScratch)
	defer sc.put()
	var textWords []match.Word
	if a.Text != "" {
		sc.text = match.AppendWords(sc.text[:0], a.Text)
		textWords = sc.text
	}
	leadWs := textWords // the lead is often the text itself (no page read)
	if lead != a.Text {
		sc.lead = match.AppendWords(sc.lead[:0], lead)
		leadWs = sc.lead
	}
	p := prepared.Get().(*Prepared)
	*p = Prepared{terms: p.terms[:0], outlet: outletKey(a.Outlet), time: a.Time}
	title := Headline(a.Title)
	sc.title = match.AppendWords(sc.title[:0], title)
	sc.titleToks = appendWordTokens(sc.titleToks[:0], title, sc.title, lang, 0)
	sc.leadToks = appendWordTokens(sc.leadToks[:0], lead, leadWs, lang, leadWords)
	p.terms = sc.prepareTerms(p.terms)
	p.sig, p.hasSig = sc.wordsSignature(textWords)
	return p
}

// prepScratch is the scratch space of Prepare, reused from one article to the next.
type prepScratch struct {
	title, lead, text   []match.Word
	titleToks, leadToks []token
	terms               []preparedTerm
	keys, hashes        []uint64
}

var prepScratches = sync.Pool{New: func() any { return new(prepScratch) }}

// pooledWords bounds the scratch kept for reuse: that of a long text is dropped.
const pooledWords = 1 << 13

func (sc *prepScratch) put() {
	if cap(sc.text) > pooledWords || cap(sc.lead) > pooledWords || cap(sc.hashes) > pooledWords {
		return
	}
	// The words point into the article's text: not kept alive by the pool. (Each use fills a
	// slice from its start, so clearing what it filled leaves all of it clear.)
	clear(sc.title)
	clear(sc.lead)
	clear(sc.text)
	clear(sc.titleToks)
	clear(sc.leadToks)
	clear(sc.terms)
	prepScratches.Put(sc)
}

// prepareTerms gathers the terms of an article's title and lead tokens, one per fold, in the
// order of the folds (so that new terms get their ids in a fixed order), into dst[:0].
func (sc *prepScratch) prepareTerms(dst []preparedTerm) []preparedTerm {
	ts := sc.terms[:0]
	put := func(toks []token, w float64) {
		for _, t := range toks {
			pt := preparedTerm{fold: t.fold, w: float32(w)}
			if t.entity {
				pt.w = float32(w * entityFactor)
				pt.named = !isDigits(t.fold)
			} else if t.capital && !t.telling {
				pt.wName = float32(w * entityFactor)
			}
			if t.telling {
				if t.capital {
					pt.capital = 1
				} else {
					pt.lower = 1
				}
			}
			ts = append(ts, pt)
		}
	}
	put(sc.titleToks, weightTitle)
	put(sc.leadToks, weightLead)
	sc.terms = ts
	if len(ts) >= 1<<foldIndex { // too many to order by numbers (never in practice)
		slices.SortFunc(ts, func(x, y preparedTerm) int { return strings.Compare(x.fold, y.fold) })
		n := 0
		for i := range ts {
			if n > 0 && ts[n-1].fold == ts[i].fold {
				ts[n-1].merge(&ts[i])
				continue
			}
			ts[n] = ts[i]
			n++
		}
		return append(dst[:0], ts[:n]...)
	}
	// each term is copied once, into the article's terms, in the order of byFold
	keys := sc.byFold(ts)
	same := func(i int) bool { // keys[i] has the fold of keys[i-1]
		return i > 0 && keys[i]>>foldIndex == keys[i-1]>>foldIndex && ts[keys[i]&foldMask].fold == ts[keys[i-1]&foldMask].fold
	}
	n := 0
	for i := range keys {
		if !same(i) {
			n++
		}
	}
	out := slices.Grow(dst[:0], n)
	for i, k := range keys {
		if same(i) {
			out[len(out)-1].merge(&ts[k&foldMask])
		} else {
			out = append(out, ts[k&foldMask])
		}
	}
	return out
}

// merge adds to u another of its words' term (of the same fold).
func (u *preparedTerm) merge(x *preparedTerm) {
	u.w = max(u.w, x.w)
	u.wName = max(u.wName, x.wName)
	u.named = u.named || x.named
	u.capital += x.capital
	u.lower += x.lower
}

// Folds are ordered as numbers: foldPrefix bytes of the fold and foldIndex bits of its index.
const (
	foldPrefix = 5 // the bytes of a stemmed ASCII word
	foldIndex  = 64 - 8*foldPrefix
	foldMask   = 1<<foldIndex - 1
)

// byFold returns the order of ts by their folds, the order strings.Compare gives them (equal folds
// side by side, in no particular order), as keys whose low foldIndex bits are indexes of ts, in
// sc.keys; ts has fewer than 1<<foldIndex terms. They are sorted as numbers, each the first
// foldPrefix bytes of a fold (zeros after a shorter one: in the order of strings.Compare, or
// equal) and its index, calling no comparison function; the folds of equal prefixes are then
// ordered as strings.
func (sc *prepScratch) byFold(ts []preparedTerm) []uint64 {
	keys := sc.keys[:0]
	for i := range ts {
		var k uint64
		for b := range foldPrefix {
			k <<= 8
			if b < len(ts[i].fold) {
				k |= uint64(ts[i].fold[b])
			}
		}
		keys = append(keys, k<<foldIndex|uint64(i))
	}
	slices.Sort(keys)
	sc.keys = keys
	for i := 0; i < len(keys); {
		j, same := i+1, true
		for ; j < len(keys) && keys[j]>>foldIndex == keys[i]>>foldIndex; j++ {
			same = same && ts[keys[j]&foldMask].fold == ts[keys[i]&foldMask].fold
		}
		if !same {
			slices.SortFunc(keys[i:j], func(x, y uint64) int { return strings.Compare(ts[x&foldMask].fold, ts[y&foldMask].fold) })
		}
		i = j
	}
	return keys
}

// Assign puts a into the story it reports, or into a new one, and returns which.
func (c *Clusterer) Assign(a Article) Assignment {
	p := Prepare(a)
	asg := c.AssignPrepared(p)
	p.Release()
	return asg
}

// AssignPrepared puts a prepared article into the story it reports, or into a new one, and returns
// which: Assign(a) is AssignPrepared(Prepare(a)).
func (c *Clusterer) AssignPrepared(p *Prepared) Assignment {
	p.check("AssignPrepared")
	c.mu.Lock()
	defer c.mu.Unlock()
	if p.time.After(c.now) {
		c.now = p.time
	}
	c.expire()

	vec, names := c.articleTerms(p)

	var best *story
	var score float64
	reason := ReasonNew
	if p.hasSig {
		best, score = c.duplicate(&p.sig)
		if best != nil {
			reason = ReasonDuplicate
		}
	}
	if best == nil {
		best, score = c.similar(vec, names, p.outlet, p.time)
		if best != nil {
			reason = ReasonEvent
		}
	}
	asg := Assignment{Reason: reason, Score: score}
	if best == nil {
		best = c.newStory(p.time)
		asg.New, asg.Score = true, 0
	}
	asg.Story = best.id
	c.add(best, p.time, vec, &p.sig, p.hasSig, p.outlet)
	return asg
}

// MayClose says whether assigning p (AssignPrepared) may close an open story: its time ends the
// window of the least recently active one, or as many are open as Config.MaxStories allows (a new
// story closes one). Until an assignment that may close one, an open story changes only when an
// article joins it: a caller that saves stories' states can encode each once, after the last of a
// batch's articles joined it, and before such an assignment.
func (c *Clusterer) MayClose(p *Prepared) bool {
	p.check("MayClose")
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.stories) >= c.cfg.MaxStories {
		return true
	}
	now := c.now
	if p.time.After(now) {
		now = p.time
	}
	return len(c.byLast) > 0 && now.Sub(c.byLast[0].last) > c.cfg.Window
}

// keyedTerm is a term of a centroid with the key terms are ordered by, heaviest first (see
// sortKeyed). Its fold, which breaks ties, is read from the vocabulary only for a tie: gathering
// the terms reads nothing of it, and moving them stores no pointer.
type keyedTerm struct {
	termWeight
	key     float64
	dropped bool // the term falls out (keepHeaviest)
}

// rankedTerm is a term of an article with the key it is ordered by, heaviest first (see
// articleTerms). It holds no pointer, so that ordering moves it without write barriers.
type rankedTerm struct {
	termWeight
	key   float64
	named bool // the term is a name
}

// articleTerms counts p's title and lead terms in the document frequencies and returns its term
// weights, heaviest first, at most maxArticleTerms, and the names among them (not numbers). Both are
// scratch space of c, valid until the next call.
//
// A capitalised word whose capital says nothing (title case, the start of a sentence) is taken for
// a name when its term was seen capitalised inside sentences more often than not, by what was
// learned before this article.
func (c *Clusterer) articleTerms(p *Prepared) ([]termWeight, []int32) {
	c.setDocs(c.docs + 1)
	ks := c.ranked[:0]
	for i := range p.terms {
		pt := &p.terms[i]
		id := c.termIndex(pt.fold)
		t := &c.terms[id]
		w, named := float64(pt.w), pt.named
		if pt.wName > 0 && t.capital > t.lower {
			w, named = max(w, float64(pt.wName)), true
		}
		t.df++
		if t.df >= t.rdfHi {
			r, hi := roundDFBound(t.df)
			t.rdfHi = hi
			if r != t.rdf {
				t.rdf = r
				t.idfEpoch = stale
				for _, e := range t.posting { // their norms read this idf
					e.s.normEpoch = stale
				}
			}
		}
		t.capital += float64(pt.capital)
		t.lower += float64(pt.lower)
		ks = append(ks, rankedTerm{termWeight: termWeight{id: id, w: w}, named: named})
	}
	// heaviest (by weight and rarity) first; ties by term, so that the order never depends on the
	// input: as sortKeyed orders them, by a stable sort on the keys alone, ks being in the order of
	// the terms (p.terms are, one per fold) — which compares no strings
	for i := range ks {
		ks[i].key = ks[i].w * c.idf(ks[i].id)
	}
	if len(ks) <= maxArticleTerms {
		// few: by insertion (the keys are finite)
		for i := 1; i < len(ks); i++ {
			x, j := ks[i], i
			for ; j > 0 && ks[j-1].key < x.key; j-- {
				ks[j] = ks[j-1]
			}
			ks[j] = x
		}
	} else {
		slices.SortStableFunc(ks, func(x, y rankedTerm) int { return cmp.Compare(y.key, x.key) })
	}
	if len(ks) > maxArticleTerms {
		ks = ks[:maxArticleTerms]
	}
	c.ranked = ks[:0]
	vec, names := c.vec[:0], c.names[:0]
	for _, k := range ks {
		vec = append(vec, k.termWeight)
		if k.named {
			names = append(names, k.id)
		}
	}
	c.vec, c.names = vec, names
	return vec, names
}

// sortKeyed orders terms heaviest first: by weight times idf, then by term. The weights are those
// of ks; the keys are set here.
func (c *Clusterer) sortKeyed(ks []keyedTerm) {
	for i := range ks {
		ks[i].key = ks[i].w * c.idf(ks[i].id)
	}
	slices.SortFunc(ks, func(x, y keyedTerm) int {
		if d := cmp.Compare(y.key, x.key); d != 0 {
			return d
		}
		return strings.Compare(c.terms[x.id].fold, c.terms[y.id].fold)
	})
}

// idf is the inverse document frequency of a term. The article count it divides is rounded down to
// a power of 1.02, and so is the term's frequency beyond exactDF (roundDF), so that the value of a
// term changes only when the count grows by 2% or its own frequency by one (rare terms) or by 2%
// (common ones): it can be kept from one article to the next, and so can the length of a story's
// centroid, which a common term's every new article would otherwise change. It depends on the
// frequencies alone, so a restored clusterer computes the same values.
func (c *Clusterer) idf(id int32) float64 {
	t := &c.terms[id]
	if t.idfEpoch != c.epochK {
		c.newIDF(t)
	}
	return t.idf
}

// newIDF computes the idf of a term in the present epoch.
func (c *Clusterer) newIDF(t *termInfo) {
	if t.rdf == 0 {
		t.rdf = roundDF(t.df)
	}
	t.idf = math.Log(1 + c.scale(c.epochK)/t.rdf)
	t.idfEpoch = c.epochK
}

// idfStep is the ratio between two article counts the document frequencies are divided by.
const idfStep = 1.02

// exactDF is the document frequency up to which the idf reads it exactly.
const exactDF = 32

// roundDF rounds a document frequency beyond exactDF down to exactDF times a power of idfStep.
func roundDF(df float64) float64 {
	r, _ := roundDFBound(df)
	return r
}

// roundDFBound returns roundDF(df) and a frequency up to which (not included) every frequency from
// df rounds the same, a little below the next power (0 up to exactDF, where each one differs): a
// growing frequency is rounded again only when it reaches it.
func roundDFBound(df float64) (r, hi float64) {
	if df <= exactDF {
		return df, 0
	}
	k := math.Floor(math.Log(df/exactDF)/math.Log(idfStep) + 1e-9)
	return exactDF * math.Pow(idfStep, k), exactDF * math.Pow(idfStep, k+1) * (1 - 1e-7)
}

// scale returns idfStep to the power k (an epoch), computed once for the epoch of the idfs being
// computed.
func (c *Clusterer) scale(k int32) float64 {
	if !c.scaleSet || c.scaleK != k {
		c.scaleK, c.scaleVal, c.scaleSet = k, math.Pow(idfStep, float64(k)), true
	}
	return c.scaleVal
}

// setDocs sets the article count counted in the document frequencies, and its epoch: the exponent
// of the count rounded down to a power of idfStep, or -1 before the first article; a term's cached
// value is valid for one epoch.
func (c *Clusterer) setDocs(n float64) {
	c.docs = n
	if n < 1 {
		c.epochK = -1
		return
	}
	c.epochK = int32(math.Floor(math.Log(n)/math.Log(idfStep) + 1e-9))
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
//
// A story that already has an article of the article's outlet (outlet, 0 if unknown) is joined only
// on the stronger evidence sameOutlet asks for; names are the names among the article's terms.
func (c *Clusterer) similar(vec []termWeight, names []int32, outlet uint64, at time.Time) (*story, float64) {
	c.round++
	round := c.round // in a local: the stores to stories below could change c.round, as the compiler sees it
	var norm float64
	var rest []int // terms of vec not looked up
	visits := 0
	found := c.found[:0]
	for k, t := range vec {
		idf := c.idf(t.id)
		x := t.w * idf
		norm += x * x
		ti := &c.terms[t.id]
		p := ti.posting
		n := len(p) + int(ti.ghosts) // the length the limits read (see termInfo.ghosts)
		if n > maxPosting || visits+n > maxVisits {
			rest = append(rest, k)
			continue
		}
		visits += n
		for _, e := range p {
			s := e.s
			if s.round != round {
				s.round, s.dot, s.shared = round, 0, 0
				found = append(found, s)
			}
			s.dot += x * e.w * idf
			s.shared++
		}
	}
	c.found = found[:0]
	if norm == 0 {
		return nil, 0
	}
	// when the counts are complete, those that cannot reach minShared are left out
	cands := c.cands[:0]
	for _, s := range found {
		if len(rest) == 0 && s.shared < minShared {
			continue
		}
		cands = append(cands, candidate{s: s, dot: s.dot, shared: int(s.shared)})
	}
	c.cands = cands[:0]
	norm = math.Sqrt(norm)
	if len(cands) > maxCandidates {
		selectTop(cands, maxCandidates)
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
		if cos < c.cfg.Threshold {
			continue // and lowered below, it stays below
		}
		// a story that has been quiet for a while needs a closer match: down to half at the end of
		// its window
		if dt := at.Sub(s.last); dt > 0 {
			cos *= 1 - 0.5*min(1, float64(dt)/float64(c.cfg.Window))
		}
		if cos >= c.cfg.Threshold && better(cos, s, bestScore, best) && (outlet == 0 || !s.hasOutlet(outlet) || c.sameOutlet(s, vec, names)) {
			best, bestScore = s, cos
		}
	}
	return best, bestScore
}

// Limits and thresholds of the rule for an outlet's own articles.
const (
	// maxStoryOutlets is the most outlets a story remembers; an article of an outlet beyond them
	// is taken as of another outlet.
	maxStoryOutlets = 64
	// coreName is the mean weight of a name in a story's centroid at which it is one of the story's
	// own names: in the titles of nearly all its articles (a name in a title weighs
	// weightTitle*entityFactor, 1.5). Chosen on the first time fold among 0.5, 0.75, 1 and 1.3: the
	// rule costs recall there, the least at 1.3.
	coreName = 1.3
)

// outletKey returns the key a story remembers an outlet by (FNV-1a of its name in lower case), 0
// for no outlet.
func outletKey(outlet string) uint64 {
	outlet = strings.ToLower(strings.TrimSpace(outlet))
	if outlet == "" {
		return 0
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(outlet); i++ {
		h ^= uint64(outlet[i])
		h *= 1099511628211
	}
	return max(h, 1)
}

func (s *story) hasOutlet(outlet uint64) bool {
	return slices.Contains(s.outlets, outlet)
}

// sameOutlet says whether an article of an outlet that s already has an article of reports the
// same event as s: an update of its report, not a second event told in similar words. While the
// story is that outlet's alone (no other outlet has joined it), the names must not differ on both
// sides: when the article names someone or somewhere the story does not, while the story has a
// name of its own (see coreName) that the article lacks, they are two events ("Putin visits Paris
// for a summit on drones", "Putin visits Rome for talks on grain"). Numbers do not count: an update
// changes them. A story other outlets have joined is wider than one report, and the outlet's
// article joins it on the usual evidence: on the headline set, whose stories are wide (one story
// holds an agency's reports on the euro, bond yields and a central banker's remarks of a day),
// holding every story to the rule cost 2.4 and 3.8 points of pairwise F1 on the two time folds,
// holding the outlet's own stories to it 1.5 and 1.9.
func (c *Clusterer) sameOutlet(s *story, vec []termWeight, names []int32) bool {
	if len(s.outlets) > 1 {
		return true
	}
	newName := false
	for _, id := range names {
		if s.weight(id) == 0 {
			newName = true
			break
		}
	}
	if !newName {
		return true
	}
	for _, t := range s.terms {
		if t.w/float64(s.articles) < coreName || !c.isName(t.id) {
			continue
		}
		if !slices.ContainsFunc(vec, func(x termWeight) bool { return x.id == t.id }) {
			return false
		}
	}
	return true
}

// isName says whether a term is a name: seen capitalised inside sentences more often than not.
func (c *Clusterer) isName(id int32) bool {
	t := &c.terms[id]
	return t.capital > t.lower && !isDigits(t.fold)
}

// before orders candidates by their dot product, largest first, then by story id.
func before(a, b *candidate) bool {
	if a.dot != b.dot {
		return a.dot > b.dot
	}
	return a.s.id < b.s.id
}

// selectTop moves the k first candidates in the order of before to cs[:k], in no particular order:
// the set is what matters, and finding it costs less than sorting all (quickselect, with the middle
// of three as the pivot, so that it is deterministic).
func selectTop(cs []candidate, k int) {
	lo, hi := 0, len(cs)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		// order lo, mid, hi, then use the median (at mid) as the pivot
		if before(&cs[mid], &cs[lo]) {
			cs[mid], cs[lo] = cs[lo], cs[mid]
		}
		if before(&cs[hi], &cs[lo]) {
			cs[hi], cs[lo] = cs[lo], cs[hi]
		}
		if before(&cs[hi], &cs[mid]) {
			cs[hi], cs[mid] = cs[mid], cs[hi]
		}
		pivot := cs[mid]
		i, j := lo, hi
		for i <= j {
			for before(&cs[i], &pivot) {
				i++
			}
			for before(&pivot, &cs[j]) {
				j--
			}
			if i <= j {
				cs[i], cs[j] = cs[j], cs[i]
				i++
				j--
			}
		}
		// cs[lo:j+1] come no later than the pivot, cs[i:hi+1] no earlier
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
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
	k := s.find(id)
	if k == len(s.terms) || s.terms[k].id != id {
		return 0
	}
	return s.terms[k].w / float64(s.articles)
}

// find returns the index of a term in s.terms, or where it would be.
func (s *story) find(id int32) int {
	lo, hi := 0, len(s.terms)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.terms[m].id < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// norm is the length of s's centroid, weighted by the present document frequencies; it is kept
// until the story or the idf of one of its terms changes.
func (c *Clusterer) norm(s *story) float64 {
	if k := c.epochK; s.normEpoch != k {
		var n float64
		for _, t := range s.terms {
			x := t.w / float64(s.articles) * c.idf(t.id)
			n += x * x
		}
		s.norm, s.normEpoch = math.Sqrt(n), k
	}
	return s.norm
}

func (c *Clusterer) newStory(t time.Time) *story {
	s := &story{id: c.nextID, first: t, last: t, normEpoch: stale}
	c.nextID++
	c.stories[s.id] = s
	heap.Push(&c.byLast, s)
	for len(c.stories) > c.cfg.MaxStories {
		c.close(c.byLast[0])
	}
	return s
}

// add puts an article's terms, signature and outlet into s.
func (c *Clusterer) add(s *story, t time.Time, vec []termWeight, sig *signature, hasSig bool, outlet uint64) {
	s.articles++
	if outlet != 0 && !s.hasOutlet(outlet) && len(s.outlets) < maxStoryOutlets {
		s.outlets = append(s.outlets, outlet)
	}
	s.normEpoch = stale
	if t.After(s.last) {
		s.last = t
		heap.Fix(&c.byLast, s.heapIndex)
	}
	if t.Before(s.first) {
		s.first = t
	}
	// merge the article's terms into the centroid: vec in id order first, sorted as numbers (id
	// and index in one, no comparison function to call)
	keys := c.idKeys[:0]
	for k, t := range vec {
		keys = append(keys, uint64(uint32(t.id))<<32|uint64(k))
	}
	slices.Sort(keys)
	c.idKeys = keys
	byID := c.scratch[:0]
	for _, key := range keys {
		byID = append(byID, vec[uint32(key)])
	}
	c.scratch = byID
	merged := c.merged[:0]
	i, j := 0, 0
	for i < len(s.terms) || j < len(byID) {
		switch {
		case j == len(byID) || i < len(s.terms) && s.terms[i].id < byID[j].id:
			merged = append(merged, s.terms[i])
			i++
		case i == len(s.terms) || byID[j].id < s.terms[i].id:
			merged = append(merged, termWeight{id: byID[j].id, pos: -1, w: byID[j].w})
			j++
		default:
			merged = append(merged, termWeight{id: s.terms[i].id, pos: s.terms[i].pos, w: s.terms[i].w + byID[j].w})
			i++
			j++
		}
	}
	c.merged = merged[:0]
	if len(merged) > maxStoryTerms {
		merged = c.keepHeaviest(merged)
	}
	for k := range merged {
		x := &merged[k]
		p := &c.terms[x.id].posting
		mean := x.w / float64(s.articles)
		if x.pos < 0 {
			x.pos = int32(len(*p))
			*p = append(*p, posting{s: s, w: mean})
		} else {
			(*p)[x.pos].w = mean
		}
	}
	s.terms = append(s.terms[:0], merged...)

	if hasSig {
		if len(s.sigs) < maxStorySignatures {
			s.sigs = append(s.sigs, *sig)
		} else {
			s.sigs[len(s.sigs)-1] = *sig // keep the first ones and the latest
		}
		c.bands.add(sig, s)
	}
}

// keepHeaviest keeps the maxStoryTerms heaviest terms of a centroid (by weight times idf, then by
// term, as sortKeyed orders them), in their order (by id), reusing ts. A term that falls out of the
// centroid leaves its posting (unpost).
func (c *Clusterer) keepHeaviest(ts []termWeight) []termWeight {
	ks := c.keyed[:0]
	for _, x := range ts {
		ks = append(ks, keyedTerm{termWeight: x})
	}
	c.keyed = ks[:0]
	sorted := false
	if drop := len(ks) - maxStoryTerms; drop > maxStoryTerms/4 {
		sorted = true
		// many to drop: sort them all
		c.sortKeyed(ks)
		for i := range ks[maxStoryTerms:] {
			ks[maxStoryTerms+i].dropped = true
		}
	} else {
		// a few (an article adds a few terms to a full centroid): the lightest, one by one
		for i := range ks {
			ks[i].key = ks[i].w * c.idf(ks[i].id)
		}
		for ; drop > 0; drop-- {
			light := -1
			for i := range ks {
				if !ks[i].dropped && (light < 0 || c.lighter(&ks[i], &ks[light])) {
					light = i
				}
			}
			ks[light].dropped = true
		}
	}
	kept := ts[:0]
	for _, x := range ks {
		if !x.dropped {
			kept = append(kept, x.termWeight)
		} else if x.pos >= 0 {
			c.unpost(x.id, x.pos)
		}
	}
	if sorted {
		// ts was in id order, and so is ks unless it was sorted by weight
		slices.SortFunc(kept, func(x, y termWeight) int { return cmp.Compare(x.id, y.id) })
	}
	return kept
}

// lighter says whether x comes after y in the order of sortKeyed.
func (c *Clusterer) lighter(x, y *keyedTerm) bool {
	if x.key != y.key {
		return x.key < y.key
	}
	return c.terms[x.id].fold > c.terms[y.id].fold
}

// expire closes the stories whose window has passed.
func (c *Clusterer) expire() {
	for len(c.byLast) > 0 && c.now.Sub(c.byLast[0].last) > c.cfg.Window {
		c.close(c.byLast[0])
	}
}

// close forgets s: its entries in postings go now, those in bands at the next compaction.
func (c *Clusterer) close(s *story) {
	heap.Remove(&c.byLast, s.heapIndex)
	delete(c.stories, s.id)
	s.closed = true
	for _, t := range s.terms {
		c.unpost(t.id, t.pos)
	}
	c.dead++
	if c.dead > 1024 && c.dead > len(c.stories) {
		c.compact()
	}
}

// unpost takes the entry at pos out of term id's posting, moving the last entry there (the
// posting's order says nothing: the search for candidates sums each story's terms in the article's
// order, and orders candidates by score and id).
func (c *Clusterer) unpost(id, pos int32) {
	t := &c.terms[id]
	p := t.posting
	last := int32(len(p) - 1)
	if pos != last {
		m := p[last].s
		p[pos] = p[last]
		m.terms[m.find(id)].pos = pos
	}
	p[last] = posting{}
	t.posting = p[:last]
	t.ghosts++
}

// compact drops closed stories from bands, and terms no open story has and few articles
// had from the vocabulary, halving all document frequencies when the vocabulary has grown large.
func (c *Clusterer) compact() {
	c.dead = 0
	c.bands.compact()
	for i := range c.terms {
		c.terms[i].ghosts = 0 // postings hold no closed story's entries: unpost took them out
	}
	if len(c.terms) < 4*maxStoryTerms*len(c.stories)+1<<16 {
		return
	}
	// Halve the frequencies (as if the articles counted were half as many) and drop terms that fall
	// below one article and are in no open story: the vocabulary stays bounded, the weights follow
	// recent news.
	c.setDocs(c.docs / 2)
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
	c.stale()
	for _, s := range c.stories {
		for k := range s.terms {
			s.terms[k].id = remap[s.terms[k].id]
		}
		s.terms = slices.DeleteFunc(s.terms, func(t termWeight) bool { return t.id < 0 })
	}
}

// stale makes every cached idf and norm stale, after a change of the frequencies.
func (c *Clusterer) stale() {
	for i := range c.terms {
		c.terms[i].idfEpoch, c.terms[i].rdf, c.terms[i].rdfHi = stale, roundDF(c.terms[i].df), 0
	}
	for _, s := range c.stories {
		s.normEpoch = stale
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
