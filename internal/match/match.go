// Package match owns the query language of watches: it parses queries (terms, "phrases", AND/OR/NOT,
// -term, parentheses, wildcard prefixes, NEAR/n, field prefixes and @aliases), compiles all watches into
// one Matcher, and matches documents against them with explanations (which terms hit, where, with a
// snippet).
//
// Rules a reader cannot infer from the code at a glance:
//   - Queries and documents are folded the same way (see Fold): case, diacritics, quotes, apostrophes,
//     hyphens and dashes, possessive 's. Words are Unicode words; a word never matches inside another
//     word ("Putin" does not match "putting"), except that CJK text, which has no spaces, is matched
//     as substrings of its character runs.
//   - A compound is one word written with a hyphen or closed: a whole word of a term matches two
//     words joined by a hyphen written closed ("ceasefire" finds "cease-fire", hyphenJoins; "Gaza
//     ceasefire" finds "Gaza cease-fire", phraseAt), and a term
//     written with a hyphen also matches its closed form ("cease-fire" finds "ceasefire", term.alt);
//     two numbers joined by a hyphen are a range or a date, never one number.
//   - Unfielded terms and text: look at the title and body; feed:, author:, lang: and title: only at
//     that field. A phrase or a NEAR/ pair must lie within one field.
//   - A query that would be true of a document containing none of its terms (only NOT terms, or
//     "NOT a OR b") is rejected by Parse; this is what lets the Matcher evaluate only the watches one of
//     whose terms occurred.
//   - Operators are upper case (AND, OR, NOT, NEAR/n); "and", "or", "not", "near" are ordinary words.
//   - "a NEAR/n b": an occurrence of a and one of b, not overlapping, in either order, the second
//     starting at most n words after the last word of the first (adjacent words are 1 apart).
//   - A trailing * makes the last word of a term a prefix (meddl*, "election interf*"); elsewhere * is
//     punctuation. Keywords treats its keywords the same way.
//   - A Result lists at most maxHitsPerTerm hits per term of the watch, in field then text order.
package match

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Document is what a watch is matched against. Fields are plain text (HTML already stripped by the
// caller).
type Document struct {
	Title  string
	Body   string // feed text and article text, concatenated by the caller
	Feed   string // feed name
	Author string
	Lang   string // language code such as "en", "de"
}

func (d *Document) field(i int) string {
	switch i {
	case 0:
		return d.Title
	case 1:
		return d.Body
	case 2:
		return d.Feed
	case 3:
		return d.Author
	}
	return d.Lang
}

// Watch is a named query.
type Watch struct {
	Name  string
	Query *Query
}

// Result says that a watch matched a document, and why.
type Result struct {
	Watch string
	Hits  []Hit
}

// Hit is one occurrence in the document of one of the watch's positive terms.
type Hit struct {
	Term       string // the query term as written, e.g. `election interference` or `meddl*`
	Text       string // the text as it appears in the document, e.g. "Election-Interference"
	Field      string // "title", "body", "feed", "author", "lang"
	Start, End int    // byte offsets of Text within that field's string
	src        string // that field's string, for Snippet
}

// Snippet returns about 160 bytes of context around the hit, cut at word boundaries, with "…" where
// cut and white space collapsed. It is made when asked for: a caller that shows one snippet per term
// does not pay for the others.
func (h Hit) Snippet() string {
	if h.End > len(h.src) || h.Start > h.End {
		return ""
	}
	return snippet(h.src, h.Start, h.End)
}

// maxHitsPerTerm bounds the explanation: a term's occurrences beyond this many (per watch) are not
// listed as hits.
const maxHitsPerTerm = 4

// Matched returns the distinct Hit.Text values in order of first appearance.
func (r Result) Matched() []string {
	var out []string
	for _, h := range r.Hits {
		if !slices.Contains(out, h.Text) {
			out = append(out, h.Text)
		}
	}
	return out
}

// element kinds of a compiled term
const (
	elemWord   = iota // a whole folded word, by id
	elemPrefix        // a prefix of a word (the last element of a wildcard term)
	elemCJK           // a substring of a CJK run
)

type elem struct {
	kind  uint8
	cased bool   // elemWord: an acronym, matched only where the text has it in capitals
	id    int32  // elemWord: word id
	s     string // elemPrefix, elemCJK: folded bytes
}

// cterm is a distinct term of all watches; watches share cterms with the same words.
type cterm struct {
	elems []elem
	cased bool // some element is cased
}

// cnode is a compiled query node.
type cnode struct {
	op     op
	kids   []*cnode
	terms  []int32  // opTerm, opAlias: term ids
	texts  []string // opTerm, opAlias: the terms as written, parallel to terms
	fields fieldSet
	dist   int
}

type cwatch struct {
	name   string
	pc     int32 // where its program starts in Matcher.prog
	root   *cnode
	leaves []*cnode // positive leaves, for explanations
}

// cjkStart lists the terms starting with one CJK element.
type cjkStart struct {
	s     string
	terms []int32
}

// Matcher matches documents against all watches at once. It is immutable and safe for concurrent use.
type Matcher struct {
	watches []cwatch
	prog    []int32 // the watches' queries, for evaluation (see appendProg)
	terms   []cterm
	// watchOff[t]..watchOff[t+1] in watchList: the watches to evaluate when term t occurs (each watch
	// is listed under its anchor terms only: terms one of which must occur for it to match)
	watchOff  []int32
	watchList []int32

	words *dict
	// the record of each word of the dictionary, where its slot's data points (see Compile)
	wordData []int32

	// wildcard prefixes, by id
	prefixTerm  [][]int32 // prefix id → single-element prefix terms
	prefixes    *prefixTrie
	hasPrefixes bool
	cjk         map[rune][]cjkStart
	fields      fieldSet // fields any watch looks at
	filter      wordFilter
	hasCased    bool // some term has an acronym (elem.cased)
	// words (by id) with a genitive in a bare s, and the filter that passes those genitives too, for
	// documents in a language that writes them (see genitive.go); nil when no word has one
	genWord   []bool
	genFilter wordFilter

	pool sync.Pool
}

// occ is one occurrence of a term in a field: tokens tokStart..tokEnd (inclusive), bytes start..end.
type occ struct {
	term             int32
	field            uint8
	tokStart, tokEnd int32
	start, end       int32
	next             int32 // next occurrence of the same term, or -1
}

// termState is what one Match call knows about one term that occurred: its first and last
// occurrence.
type termState struct {
	head, tail int32
}

// scratch is the per-call state of Match, pooled.
type scratch struct {
	tz     tokenizer
	refs   []hitRef
	ends   []int32
	pids   []int32 // prefix ids
	ids    []int32 // word id of each token, -1 if none
	starts []int32 // tokens that may start a phrase or CJK term
	// parallel to starts: the record of the token's word in wordData, -1 for a CJK token
	startRec []int32
	occs     []occ
	terms    []termState // by term id, valid where termFields is not 0
	// by term id: the fields it occurred in (apart from terms, one byte a term: evaluation reads it
	// for terms that did not occur)
	termFields []uint8
	touched    []int32
	watchMark  []uint32
	gen        uint32
	cands      []int32
	m          *Matcher
	nearA      []occ
	nearB      []occ
	// whether the field being scanned is in Title Case: 0 not known yet, 1 it is, 2 it is not
	titleCase uint8
	genitive  bool    // the document's language writes genitives with a bare s: "Putins" is "Putin"
	gids      []int32 // with genitive: the word id of each token that is a word's genitive, -1 if none
	joinBuf   []byte  // two words joined (hyphenJoins)
}

func (m *Matcher) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	s := &scratch{
		m:          m,
		terms:      make([]termState, len(m.terms)),
		termFields: make([]uint8, len(m.terms)),
		watchMark:  make([]uint32, len(m.watches)),
	}
	return s
}

// maxFieldBytes bounds the part of a field that is matched (offsets are 32-bit).
const maxFieldBytes = 1 << 30

// maxPooledTokens: a scratch that grew beyond this many tokens (a huge document) is not kept for
// reuse.
const maxPooledTokens = 1 << 18

func (m *Matcher) putScratch(s *scratch) {
	if cap(s.tz.toks) <= maxPooledTokens {
		m.pool.Put(s)
	}
}

// Match returns one Result per watch that matches doc, in watch order.
func (m *Matcher) Match(doc Document) []Result {
	return m.match(&doc, true)
}

// MatchFolded is Match that also returns doc's title and body as Fold folds them — from the words
// the match read, where it read the field, so that a caller that keeps both (the full-text index)
// does not split the text into words twice.
func (m *Matcher) MatchFolded(doc Document) (results []Result, title, body string) {
	var folds [2]string
	var done [2]bool
	results = m.matchFolding(&doc, true, &folds, &done)
	if !done[0] {
		folds[0] = Fold(doc.Title)
	}
	if !done[1] {
		folds[1] = Fold(doc.Body)
	}
	return results, folds[0], folds[1]
}

// match matches doc; without explain, Results have no Hits (the benchmarks measure both).
func (m *Matcher) match(doc *Document, explain bool) []Result {
	return m.matchFolding(doc, explain, nil, nil)
}

// matchFolding is match; with folds, the title and the body (fields 0 and 1) it reads whole are
// folded into folds as Fold folds them, and done says which.
func (m *Matcher) matchFolding(doc *Document, explain bool, folds *[2]string, done *[2]bool) []Result {
	if len(m.watches) == 0 {
		return nil
	}
	s := m.getScratch()
	defer m.putScratch(s)
	s.reset()
	s.genitive = m.genWord != nil && genitiveLang(doc.Lang)
	for f := 0; f < numFields; f++ {
		if m.fields&(1<<f) == 0 {
			continue
		}
		text := doc.field(f)
		if len(text) > maxFieldBytes {
			text = text[:maxFieldBytes]
		}
		if text != "" {
			s.scanField(uint8(f), text)
		}
		if folds != nil && f < 2 && len(text) == len(doc.field(f)) { // read whole
			folds[f], done[f] = "", true
			if text != "" {
				folds[f] = s.tz.joined()
			}
		}
	}
	if len(s.touched) == 0 {
		return nil
	}
	// candidate watches: those using a term that occurred
	s.gen++
	if s.gen == 0 {
		clear(s.watchMark)
		s.gen = 1
	}
	s.cands = s.cands[:0]
	for _, t := range s.touched {
		for _, w := range m.watchList[m.watchOff[t]:m.watchOff[t+1]] {
			if s.watchMark[w] != s.gen {
				s.watchMark[w] = s.gen
				s.cands = append(s.cands, w)
			}
		}
	}
	// evaluate in any order, then report the matches in watch order
	matched := s.cands[:0]
	for _, w := range s.cands {
		if s.eval(m.prog[m.watches[w].pc:]) {
			matched = append(matched, w)
		}
	}
	if len(matched) == 0 {
		return nil
	}
	slices.Sort(matched)
	out := make([]Result, len(matched))
	for k, w := range matched {
		out[k].Watch = m.watches[w].name
	}
	if !explain {
		return out
	}
	refs := s.refs[:0]
	ends := s.ends[:0] // the references of out[k] end at refs[ends[k]]
	for _, w := range matched {
		refs = s.appendHitRefs(refs, &m.watches[w])
		ends = append(ends, int32(len(refs)))
	}
	all := s.buildHits(refs, doc)
	begin := int32(0)
	for k, end := range ends {
		out[k].Hits = all[begin:end:end]
		begin = end
	}
	s.refs, s.ends = refs[:0], ends[:0]
	return out
}

// capitalsAt reports whether token i of the field being scanned is written as an acronym is in a
// text: in capitals ("US", "U.S.", "NATO" and "WHO" in an all-capitals headline), or capitalised
// ("Nato", as British papers write it) where that is the writer's choice — not the first word of a
// sentence, a quotation or the field ("Who is…", "Us and them"), and not in a title written in Title
// Case ("Here's Who Won the Election", see titleCase).
func (s *scratch) capitalsAt(i int) bool {
	tz := &s.tz
	tk := &tz.toks[i]
	switch letterCase(tz.text[tk.start:tk.end]) {
	case caseUpper:
		return true
	case caseTitle:
		if sentenceStart(tz.text, tz.toks, i) {
			return false
		}
		if s.titleCase == 0 {
			s.titleCase = 2
			if titleCase(tz.text, tz.toks) {
				s.titleCase = 1
			}
		}
		return s.titleCase == 2
	}
	return false
}

func (s *scratch) reset() {
	for _, t := range s.touched {
		s.termFields[t] = 0
	}
	s.touched = s.touched[:0]
	s.occs = s.occs[:0]
}

// addOcc records an occurrence.
func (s *scratch) addOcc(o occ) {
	idx := int32(len(s.occs))
	o.next = -1
	s.occs = append(s.occs, o)
	ts := &s.terms[o.term]
	if s.termFields[o.term] == 0 {
		s.touched = append(s.touched, o.term)
		ts.head = idx
	} else {
		s.occs[ts.tail].next = idx
	}
	ts.tail = idx
	s.termFields[o.term] |= 1 << o.field
}

// addOccInOrder records an occurrence that may come before others of its term in the field (the
// joins of hyphenJoins are found after the words): each term's occurrences stay in the order of
// fields and tokens, which nearPair and the hits rely on.
func (s *scratch) addOccInOrder(o occ) {
	if s.termFields[o.term] == 0 {
		s.addOcc(o)
		return
	}
	ts := &s.terms[o.term]
	if t := &s.occs[ts.tail]; t.field < o.field || t.field == o.field && t.tokStart <= o.tokStart {
		s.addOcc(o)
		return
	}
	prev := int32(-1)
	for i := ts.head; i >= 0; i = s.occs[i].next {
		c := &s.occs[i]
		if c.field > o.field || c.field == o.field && c.tokStart > o.tokStart {
			break
		}
		prev = i
	}
	idx := int32(len(s.occs))
	if prev < 0 {
		o.next = ts.head
		ts.head = idx
	} else {
		o.next = s.occs[prev].next
		s.occs[prev].next = idx
	}
	s.occs = append(s.occs, o)
	s.termFields[o.term] |= 1 << o.field
}

// scanField tokenizes one field and records the occurrences of all terms in it. The tokenizer's
// filter passes the tokens that may be words of the dictionary or start with a wildcard prefix (and
// CJK runs); a first pass looks those up and records one-token terms; a second pass, over the tokens
// that start some phrase or are CJK, checks phrases (which need the word ids of the tokens after
// them).
func (s *scratch) scanField(field uint8, text string) {
	m := s.m
	tz := &s.tz
	tz.filter = &m.filter
	if s.genitive {
		tz.filter = &m.genFilter
	}
	tz.tokenize(text)
	s.titleCase = 0
	if cap(s.ids) < len(tz.toks) {
		s.ids = make([]int32, len(tz.toks), 2*len(tz.toks))
	}
	s.ids = s.ids[:len(tz.toks)]
	s.starts, s.startRec = s.starts[:0], s.startRec[:0]
	d := m.words
	ids := s.ids
	for k := range ids {
		ids[k] = -1
	}
	if s.genitive {
		s.gids = append(s.gids[:0], ids...)
	}
	srcs := tz.sources()
	// only the tokens the filter passed can be words of the dictionary or start a wildcard
	for _, i := range tz.cands {
		tk := &tz.toks[i]
		if tk.cjk {
			s.starts = append(s.starts, i)
			s.startRec = append(s.startRec, -1)
			continue
		}
		// the word, without a branch on where it is
		src := srcs[tk.src()]
		w := src[tk.fstart:tk.fend]
		id := int32(-1)
		if sh := shape(w); d.shapes[sh/64]&(1<<(sh%64)) != 0 {
			var h uint64
			if len(w) <= 8 && int(tk.fstart)+8 <= len(src) {
				h = hashShort(load64(src, int(tk.fstart)), len(w))
			} else {
				h = hashString(w)
			}
			if sl := d.slot(h, w); sl != nil {
				id = sl.id - 1
				// the word's one-token terms now, its phrases (which need the next token's word)
				// below
				rec := m.wordData[sl.data:]
				for _, t := range rec[2 : 2+rec[0]] {
					if t < 0 { // an acronym
						if !s.capitalsAt(int(i)) {
							continue
						}
						t = ^t
					}
					s.addOcc(occ{term: t, field: field, tokStart: i, tokEnd: i, start: tk.start, end: tk.end})
				}
				if rec[1] > 0 {
					s.starts = append(s.starts, i)
					s.startRec = append(s.startRec, int32(sl.data))
				}
			}
		}
		if s.genitive {
			s.genitiveAt(field, i, w)
		}
		ids[i] = id
		if id < 0 && m.hasPrefixes {
			s.prefixesAt(field, int(i), w)
		}
	}
	for k, i := range s.starts {
		if tz.toks[i].cjk {
			s.scanCJK(field, int(i))
		} else {
			s.phrasesAt(field, i, s.startRec[k])
		}
	}
	s.hyphenJoins(field)
}

// hyphenJoins records the one-word terms and wildcards that two words joined by a hyphen match
// written closed: "cease-fire" is "ceasefire", "e-mail" "email", "G-7" "G7", "Ukraine-Krieg"
// "Ukrainekrieg" (the query-side counterpart is term.alt). Numbers on both sides ("20-24", "9-11")
// are ranges and dates, not one number.
func (s *scratch) hyphenJoins(field uint8) {
	text := s.tz.text
	hyphens := [...]string{"-", "\u2010", "\u2011"}
	n := 1
	if s.tz.uniHyphen {
		n = 3
	}
	for _, h := range hyphens[:n] {
		k := 0 // the first token that may end at the next hyphen
		for off := 0; ; {
			var p int
			if len(h) == 1 {
				p = strings.IndexByte(text[off:], '-')
			} else {
				p = strings.Index(text[off:], h)
			}
			if p < 0 {
				break
			}
			p += off
			off = p + len(h)
			if p == 0 || off == len(text) {
				continue
			}
			// a letter or digit on both sides, not two digits (dates, ranges): most hyphens are
			// decided here, without looking for their tokens
			a, b := text[p-1], text[off]
			if !isWordASCII[a] && a < utf8.RuneSelf || !isWordASCII[b] && b < utf8.RuneSelf || isDigit(a) && isDigit(b) {
				continue
			}
			if w, ok := s.plainJoin(text, p, off); ok && !s.m.filter.pass(w, false) {
				continue // the common case: two ASCII words that joined are no word of a watch
			}
			if k = s.joinAt(field, k, p, len(h)); k < 0 {
				break
			}
		}
	}
}

// plainJoin returns the ASCII letters and digits around the hyphen that ends at text[p] and starts
// at text[off], lowered and joined, when they are two whole words as the tokenizer reads them (plain
// separators around them, no full stop, comma or apostrophe, which may make initials, digit groups or
// a possessive, and nothing beyond ASCII); ok is false otherwise. The result is valid until the next
// call.
func (s *scratch) plainJoin(text string, p, off int) (w string, ok bool) {
	a := p
	for a > 0 && isWordASCII[text[a-1]] {
		a--
	}
	b := off
	for b < len(text) && isWordASCII[text[b]] {
		b++
	}
	if a > 0 && !plainSep(text[a-1]) || b < len(text) && !plainSep(text[b]) || b-a > 64 {
		return "", false
	}
	buf := s.joinBuf[:0]
	for i := a; i < p; i++ {
		buf = append(buf, lowerASCII[text[i]])
	}
	for i := off; i < b; i++ {
		buf = append(buf, lowerASCII[text[i]])
	}
	s.joinBuf = buf
	return unsafe.String(unsafe.SliceData(buf), len(buf)), true
}

// plainSep reports whether the ASCII byte c only separates words: not a letter or digit, an
// apostrophe, full stop or comma, nor a byte of a character beyond ASCII.
func plainSep(c byte) bool {
	return c < utf8.RuneSelf && asciiClass[c] == aSep
}

// joinAt records the terms that the words before and after the hyphen at text[p:p+size] match
// joined, when the hyphen joins two words; the tokens before k end before it. It returns the token
// to search from for the next hyphen, -1 when no token follows.
func (s *scratch) joinAt(field uint8, k, p, size int) int {
	tz := &s.tz
	toks := tz.toks
	// the first token ending at or after the hyphen
	for lo, hi := k, len(toks); ; {
		if lo >= hi {
			k = lo
			break
		}
		if mid := int(uint(lo+hi) >> 1); int(toks[mid].end) < p {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if k+1 >= len(toks) {
		return -1
	}
	a, b := &toks[k], &toks[k+1]
	if int(a.end) != p || int(b.start) != p+size || a.cjk || b.cjk {
		return k
	}
	w1, w2 := tz.word(k), tz.word(k+1)
	if !joinable(w1, w2) {
		return k
	}
	s.joinBuf = append(append(s.joinBuf[:0], w1...), w2...)
	w := unsafe.String(unsafe.SliceData(s.joinBuf), len(s.joinBuf))
	m := s.m
	if !m.filter.pass(w, false) { // neither a word of the dictionary nor one a wildcard takes
		return k
	}
	if sh := shape(w); m.words.shapes[sh/64]&(1<<(sh%64)) != 0 {
		if sl := m.words.slot(hashString(w), w); sl != nil {
			rec := m.wordData[sl.data:]
			for _, t := range rec[2 : 2+rec[0]] {
				if t < 0 { // an acronym: "MH-17" for MH17, in capitals
					if !s.capitalsAt(k) || hasLetters(w2) && !s.capitalsAt(k+1) {
						continue
					}
					t = ^t
				}
				if e := &m.terms[t].elems[0]; e.kind == elemPrefix && len(e.s) <= len(w1) {
					continue // the first word alone has the prefix: found there
				}
				s.addOccInOrder(occ{term: t, field: field, tokStart: int32(k), tokEnd: int32(k + 1), start: a.start, end: b.end})
			}
			if rec[1] > 0 && s.hyphenAfter(k) { // phrases starting with it: "cease-fire talks"
				s.phrasesFrom(field, int32(k), int32(k+1), int32(sl.data))
			}
			return k
		}
	}
	if m.hasPrefixes {
		s.pids = m.prefixes.appendPrefixes(s.pids[:0], w)
		for _, pid := range s.pids {
			for _, t := range m.prefixTerm[pid] {
				if len(m.terms[t].elems[0].s) <= len(w1) {
					continue // the first word alone has the prefix: found there ("Ukrain*" in "Ukraine-Krieg")
				}
				s.addOccInOrder(occ{term: t, field: field, tokStart: int32(k), tokEnd: int32(k + 1), start: a.start, end: b.end})
			}
		}
	}
	return k
}

// joinable reports whether the folded words w1 and w2, joined by a hyphen in a text, are the word
// w1+w2 written closed: not two numbers (a range or a date: "20-24", "9-11"), and not one of the
// English words whose hyphen after "re" makes another word ("re-sign" is not "resign", "re-form" not
// "reform", "re-cover" not "recover"): a watch for resign* must not alert on a club's "re-signed".
func joinable(w1, w2 string) bool {
	if isDigits(w1) && isDigits(w2) {
		return false
	}
	if w1 == "re" {
		for _, p := range reHyphenated {
			if strings.HasPrefix(w2, p) {
				return false
			}
		}
	}
	return true
}

// reHyphenated are the beginnings of the words after "re-" that make another word written closed.
var reHyphenated = [...]string{"sign", "form", "cover", "creat", "press", "lease", "sort", "serve", "sent", "treat",
	"collect", "solve", "act", "call", "mark", "tire"}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// prefixesAt records the wildcard terms matching token i, whose word is w.
func (s *scratch) prefixesAt(field uint8, i int, w string) {
	s.pids = s.m.prefixes.appendPrefixes(s.pids[:0], w)
	for _, p := range s.pids {
		s.addPrefixHits(field, i, p)
	}
}

func (s *scratch) addPrefixHits(field uint8, i int, p int32) {
	tk := &s.tz.toks[i]
	for _, t := range s.m.prefixTerm[p] {
		s.addOcc(occ{term: t, field: field, tokStart: int32(i), tokEnd: int32(i), start: tk.start, end: tk.end})
	}
}

// scanCJK finds the CJK elements in CJK token i.
func (s *scratch) scanCJK(field uint8, i int) {
	tk := &s.tz.toks[i]
	run := s.tz.word(i)
	for off, r := range run {
		for _, c := range s.m.cjk[r] {
			if strings.HasPrefix(run[off:], c.s) && !markAt(run, off+len(c.s)) {
				start := tk.start + int32(off)
				for _, t := range c.terms {
					s.phraseAt(t, field, i, i, start, start+int32(len(c.s)))
				}
			}
		}
	}
}

// markAt reports whether a combining mark is at run[i]: a Thai, Lao, Khmer or Myanmar vowel sign
// or tone mark belongs to the letter before it, so that a match that ends there ends inside a
// letter (กร is not found in กรุงเทพ's กรุ).
func markAt(run string, i int) bool {
	if i >= len(run) || run[i] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(run[i:])
	return unicode.IsMark(r)
}

// runIndex returns the offset of the first occurrence of s in the run that does not end inside a
// letter (markAt), or -1.
func runIndex(run, s string) int {
	for off := 0; ; {
		k := strings.Index(run[off:], s)
		if k < 0 {
			return -1
		}
		if !markAt(run, off+k+len(s)) {
			return off + k
		}
		off += k + 1
	}
}

// phrasesAt records the phrases that occur starting at token i, whose word's record is at
// wordData[at]: those whose second word is token i+1's, then those whose second element is not a
// whole word.
func (s *scratch) phrasesAt(field uint8, i, at int32) {
	s.phrasesFrom(field, i, i, at)
}

// phrasesFrom is phrasesAt for a first word that is tokens i..first: two words joined by a hyphen
// when first > i ("cease-fire talks" for "ceasefire talks", see hyphenJoins). A second word written
// with a hyphen ("Gaza cease-fire") is looked up joined too.
func (s *scratch) phrasesFrom(field uint8, i, first, at int32) {
	m := s.m
	tz := &s.tz
	start, end := tz.toks[i].start, tz.toks[first].end
	rec := m.wordData[at:]
	n := rec[1]
	phrases := rec[2+rec[0] : 2+rec[0]+n]
	next := rec[2+rec[0]+n : 2+rec[0]+2*n]
	if j := int(first + 1); j < len(s.ids) {
		if id := s.ids[j]; id >= 0 {
			k, _ := slices.BinarySearch(next, id)
			for ; k < len(next) && next[k] == id; k++ {
				s.phraseAt(phrases[k], field, int(i), int(first), start, end)
			}
		}
		if s.genitive {
			if id := s.gids[j]; id >= 0 {
				k, _ := slices.BinarySearch(next, id)
				for ; k < len(next) && next[k] == id; k++ {
					s.phraseAt(phrases[k], field, int(i), int(first), start, end)
				}
			}
		}
		if id := s.joinedID(j); id >= 0 {
			k, _ := slices.BinarySearch(next, id)
			for ; k < len(next) && next[k] == id; k++ {
				s.phraseAt(phrases[k], field, int(i), int(first), start, end)
			}
		}
	}
	if next[len(next)-1] == noWord {
		k, _ := slices.BinarySearch(next, noWord)
		for ; k < len(next); k++ {
			s.phraseAt(phrases[k], field, int(i), int(first), start, end)
		}
	}
}

// hyphenAfter reports whether token j is followed by a hyphen (ASCII, U+2010 or U+2011) and right
// after it by another word, neither of them CJK, not both numbers.
func (s *scratch) hyphenAfter(j int) bool {
	tz := &s.tz
	if j+1 >= len(tz.toks) {
		return false
	}
	a, b := &tz.toks[j], &tz.toks[j+1]
	if a.cjk || b.cjk {
		return false
	}
	switch gap := tz.text[a.end:b.start]; gap {
	case "-", "\u2010", "\u2011":
	default:
		return false
	}
	return joinable(tz.word(j), tz.word(j+1))
}

// joinedID returns the word id of tokens j and j+1 joined, when a hyphen joins them and the joined
// word is a word of the dictionary; -1 otherwise.
func (s *scratch) joinedID(j int) int32 {
	if !s.hyphenAfter(j) {
		return -1
	}
	tz := &s.tz
	s.joinBuf = append(append(s.joinBuf[:0], tz.word(j)...), tz.word(j+1)...)
	w := unsafe.String(unsafe.SliceData(s.joinBuf), len(s.joinBuf))
	if !s.m.filter.pass(w, false) {
		return -1
	}
	if sl := s.m.words.slot(hashString(w), w); sl != nil {
		return sl.id - 1
	}
	return -1
}

// joinedIs reports whether tokens j and j+1, joined by a hyphen, are the folded word w.
func (s *scratch) joinedIs(j int, w string) bool {
	if !s.hyphenAfter(j) {
		return false
	}
	w1 := s.tz.word(j)
	return len(w1) < len(w) && w[:len(w1)] == w1 && w[len(w1):] == s.tz.word(j+1)
}

// phraseAt records term t if it occurs starting at token i, whose first element matched tokens
// i..first (two words joined by a hyphen when first > i), bytes start..end of the field. A later
// whole word of the phrase may be two words joined by a hyphen in the text ("Gaza cease-fire").
func (s *scratch) phraseAt(t int32, field uint8, i, first int, start, end int32) {
	elems := s.m.terms[t].elems
	tz := &s.tz
	if first+len(elems) > len(tz.toks) {
		return
	}
	cased := s.m.hasCased && s.m.terms[t].cased
	if cased && elems[0].cased && !s.capitalsAt(i) {
		return
	}
	j := first
	for k := 1; k < len(elems); k++ {
		j++
		if j >= len(tz.toks) {
			return
		}
		tk := &tz.toks[j]
		e := &elems[k]
		switch e.kind {
		case elemWord:
			if s.ids[j] != e.id && !(s.genitive && s.gids[j] == e.id) {
				if !s.joinedIs(j, e.s) {
					return
				}
				j++
				tk = &tz.toks[j]
			}
			if cased && e.cased && !s.capitalsAt(j) {
				return
			}
			end = tk.end
		case elemPrefix:
			if tk.cjk || !strings.HasPrefix(tz.word(j), e.s) {
				return
			}
			end = tk.end
		case elemCJK:
			if !tk.cjk {
				return
			}
			off := runIndex(tz.word(j), e.s)
			if off < 0 {
				return
			}
			end = tk.start + int32(off+len(e.s))
		}
	}
	s.addOccInOrder(occ{term: t, field: field, tokStart: int32(i), tokEnd: int32(j), start: start, end: end})
}

// eval evaluates the node at the start of prog against the recorded occurrences.
func (s *scratch) eval(prog []int32) bool {
	h := prog[0]
	switch progOp(h) {
	case opTerm, opAlias:
		return s.leaf(prog)
	case opAnd:
		kids := prog[2:progLen(h)]
		for len(kids) > 0 {
			k := kids[0]
			if op := progOp(k); op == opTerm || op == opAlias {
				if !s.leaf(kids) {
					return false
				}
			} else if !s.eval(kids) {
				return false
			}
			kids = kids[progLen(k):]
		}
		return true
	case opOr:
		kids := prog[2:progLen(h)]
		for len(kids) > 0 {
			k := kids[0]
			if op := progOp(k); op == opTerm || op == opAlias {
				if s.leaf(kids) {
					return true
				}
			} else if s.eval(kids) {
				return true
			}
			kids = kids[progLen(k):]
		}
		return false
	case opNot:
		return !s.eval(prog[1:])
	case opNear:
		return s.near(prog)
	}
	return false
}

// leaf reports whether one of the terms of the leaf at the start of prog occurred in one of its
// fields.
func (s *scratch) leaf(prog []int32) bool {
	fields := progFields(prog[0])
	for _, t := range progTerms(prog) {
		if s.termFields[t]&fields != 0 {
			return true
		}
	}
	return false
}

// near reports whether the two leaves of the NEAR node at the start of prog occur within its
// distance of each other in one field.
func (s *scratch) near(prog []int32) bool {
	dist := prog[1]
	a := prog[2:]
	b := a[progLen(a[0]):]
	common := progFields(a[0]) & progFields(b[0])
	if !s.leaf(a) || !s.leaf(b) || common == 0 {
		return false
	}
	s.nearA = s.collect(s.nearA[:0], progTerms(a), common)
	s.nearB = s.collect(s.nearB[:0], progTerms(b), common)
	return nearPair(s.nearA, s.nearB, dist)
}

// collect appends the occurrences of terms in fields, sorted by field and token.
func (s *scratch) collect(dst []occ, terms []int32, fields uint8) []occ {
	n := len(dst)
	for _, t := range terms {
		if s.termFields[t]&fields == 0 {
			continue
		}
		for i := s.terms[t].head; i >= 0; i = s.occs[i].next {
			if o := s.occs[i]; fields&(1<<o.field) != 0 {
				dst = append(dst, o)
			}
		}
	}
	if len(terms) > 1 {
		slices.SortFunc(dst[n:], func(x, y occ) int {
			if x.field != y.field {
				return int(x.field) - int(y.field)
			}
			if x.tokStart != y.tokStart {
				return int(x.tokStart - y.tokStart)
			}
			return int(x.start - y.start)
		})
	}
	return dst
}

// nearPair reports whether some a and some b in the same field do not overlap and are at most dist
// words apart. Both lists are sorted by field, then token.
func nearPair(as, bs []occ, dist int32) bool {
	lo := 0
	for _, a := range as {
		for lo < len(bs) && (bs[lo].field < a.field || bs[lo].field == a.field && bs[lo].tokEnd < a.tokStart-dist) {
			lo++
		}
		for j := lo; j < len(bs); j++ {
			b := bs[j]
			if b.field != a.field || b.tokStart > a.tokEnd+dist {
				break
			}
			if nearOK(a, b, dist) {
				return true
			}
		}
	}
	return false
}

func nearOK(a, b occ, dist int32) bool {
	switch {
	case a.end <= b.start:
		return b.tokStart-a.tokEnd <= dist
	case b.end <= a.start:
		return a.tokStart-b.tokEnd <= dist
	}
	return false
}

// hitRef is a Hit before it is built: an occurrence of a term of a matched watch.
type hitRef struct {
	key  uint64 // field, start, end: the order of hits
	term string // the term as written
	occ  int32
}

// hitKey packs field (3 bits), start (< maxFieldBytes, 30 bits) and end (<= maxFieldBytes, 31 bits).
func hitKey(o *occ) uint64 {
	return uint64(o.field)<<61 | uint64(o.start)<<31 | uint64(o.end)
}

// appendHitRefs appends the occurrences of the positive terms of a matched watch to dst, at most
// maxHitsPerTerm per term, in field and text order, and returns the extended slice.
func (s *scratch) appendHitRefs(dst []hitRef, cw *cwatch) []hitRef {
	start := len(dst)
	for _, leaf := range cw.leaves {
		for k, t := range leaf.terms {
			if s.termFields[t]&uint8(leaf.fields) == 0 {
				continue
			}
			n := 0
			for i := s.terms[t].head; i >= 0 && n < maxHitsPerTerm; i = s.occs[i].next {
				o := &s.occs[i]
				if uint8(leaf.fields)&(1<<o.field) == 0 {
					continue
				}
				n++
				dst = append(dst, hitRef{key: hitKey(o), term: leaf.texts[k], occ: i})
			}
		}
	}
	mine := dst[start:]
	slices.SortStableFunc(mine, func(a, b hitRef) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return strings.Compare(a.term, b.term)
	})
	// the same term can be in a watch twice
	mine = slices.CompactFunc(mine, func(a, b hitRef) bool {
		return a.key == b.key && a.term == b.term
	})
	return dst[:start+len(mine)]
}

// buildHits turns the hit references of all matched watches into Hits, one array for all of them,
// and returns it.
func (s *scratch) buildHits(refs []hitRef, doc *Document) []Hit {
	hits := make([]Hit, len(refs))
	for k, r := range refs {
		o := &s.occs[r.occ]
		text := doc.field(int(o.field))
		hits[k] = Hit{
			Term:  r.term,
			Text:  text[o.start:o.end],
			Field: fieldNames[o.field],
			Start: int(o.start),
			End:   int(o.end),
			src:   text,
		}
	}
	return hits
}

func fieldIndex(name string) int {
	return slices.Index(fieldNames[:], name)
}
