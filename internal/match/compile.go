package match

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// MaxTermRefs bounds the compiled size of all watches together, counted in term references: each term
// of a watch once, and each term of an alias once for every use of the alias. (An alias's terms are
// compiled once and shared; what a use costs is its term ids in the watch's program and in the index
// from terms to watches, 8 bytes a term.) At the bound the programs and index take about 20 MB.
const MaxTermRefs = 2 << 20

// ErrTooLarge is returned (wrapped) by Compile when the watches are larger than MaxTermRefs together, or
// one watch's query is too large on its own.
var ErrTooLarge = errors.New("too large once aliases are expanded")

// WatchError is a watch Compile refuses.
type WatchError struct {
	Watch string
	Err   error
}

func (e *WatchError) Error() string { return fmt.Sprintf("match: watch %q: %v", e.Watch, e.Err) }
func (e *WatchError) Unwrap() error { return e.Err }

// Compile builds one Matcher for all watches. A query's aliases are compiled once for all watches that
// use them. It refuses watches larger than MaxTermRefs together, naming the watch that crosses the
// bound and its largest alias.
func Compile(watches []Watch) (*Matcher, error) {
	b := &builder{
		m:        &Matcher{cjk: map[rune][]cjkStart{}},
		termIDs:  map[string]int32{},
		wordIDs:  map[string]int32{},
		prefixID: map[string]int32{},
		aliases:  map[*aliasDef]aliasIDs{},
	}
	total := 0
	for i, w := range watches {
		if w.Query == nil || w.Query.root == nil {
			return nil, fmt.Errorf("match: watch %q has no query", w.Name)
		}
		// the size is known from the query before anything is compiled
		refs, size := termRefs(w.Query.root)
		if size > maxProgLen {
			return nil, &WatchError{Watch: w.Name, Err: fmt.Errorf("the query is %w (%d terms%s)", ErrTooLarge, refs, largestAlias(w.Query.root))}
		}
		if total+refs > MaxTermRefs {
			return nil, &WatchError{Watch: w.Name, Err: fmt.Errorf("the watches together are %w: %d term references with this one, at most %d%s; "+
				"an alias counts once for every watch that uses it — use it in fewer watches, or make it smaller",
				ErrTooLarge, total+refs, MaxTermRefs, largestAlias(w.Query.root))}
		}
		total += refs
		cw := cwatch{name: w.Name}
		cw.root = b.node(w.Query.root)
		collectLeaves(cw.root, false, &cw.leaves)
		cw.pc = int32(len(b.m.prog))
		b.m.prog = appendProg(b.m.prog, cw.root)
		b.m.watches = append(b.m.watches, cw)
		anchors := b.anchors(cw.root)
		if anchors == nil {
			anchors = allTerms(cw.root, nil)
		}
		for _, t := range anchors {
			b.termWatches[t] = append(b.termWatches[t], int32(i))
		}
	}
	m := b.m
	m.watchOff = make([]int32, len(m.terms)+1)
	for t, ws := range b.termWatches {
		ws = slices.Compact(ws)
		m.watchOff[t+1] = m.watchOff[t] + int32(len(ws))
		m.watchList = append(m.watchList, ws...)
	}
	m.words = newDict(b.wordList)
	wordTerms := make([][]int32, len(b.wordList))  // word id → its one-word terms
	wordStarts := make([][]int32, len(b.wordList)) // word id → phrases starting with it
	m.prefixTerm = make([][]int32, len(b.prefixList))
	for id, t := range m.terms {
		e := t.elems[0]
		switch {
		case e.kind == elemWord:
			if len(t.elems) == 1 {
				wordTerms[e.id] = append(wordTerms[e.id], int32(id))
			} else {
				wordStarts[e.id] = append(wordStarts[e.id], int32(id))
			}
		case e.kind == elemPrefix:
			m.prefixTerm[e.id] = append(m.prefixTerm[e.id], int32(id))
		case e.kind == elemCJK:
			r := []rune(e.s)[0]
			list := m.cjk[r]
			found := false
			for j := range list {
				if list[j].s == e.s {
					list[j].terms = append(list[j].terms, int32(id))
					found = true
				}
			}
			if !found {
				list = append(list, cjkStart{s: e.s, terms: []int32{int32(id)}})
			}
			m.cjk[r] = list
		}
	}
	var wordWild [][]int32 // word id → the wildcard terms it matches
	if len(b.prefixList) > 0 {
		m.hasPrefixes = true
		m.prefixes = newPrefixTrie(b.prefixList)
		// the wildcards a word of the dictionary matches are found here once, not in every text
		wordWild = make([][]int32, len(b.wordList))
		var pids []int32
		for w, word := range b.wordList {
			pids = m.prefixes.appendPrefixes(pids[:0], word)
			for _, p := range pids {
				wordWild[w] = append(wordWild[w], m.prefixTerm[p]...)
			}
		}
	}
	// (the filter keys prefixes on as many bytes as the shortest has; only prefixes whose trie nodes
	// collide, which the trie tries on every word, need every word passed)
	m.filter = newWordFilter(b.wordList, b.prefixList, m.hasPrefixes && m.prefixes.extra != nil, len(m.cjk) > 0)
	m.genWord, m.genFilter = genitives(b.wordList, b.prefixList, m.hasPrefixes && m.prefixes.extra != nil, len(m.cjk) > 0)
	// each word's record in wordData, where its dictionary slot points: the number of its one-token
	// terms and of its phrases, its one-token terms (one-word terms, ^id for an acronym, then the
	// wildcard terms the word matches), its phrases sorted by their second word, and those second
	// words (noWord when the second element is not a whole word)
	offsets := make([]uint32, len(b.wordList))
	for w := range b.wordList {
		offsets[w] = uint32(len(m.wordData))
		starts := wordStarts[w]
		slices.SortStableFunc(starts, func(a, b int32) int {
			return cmp.Compare(m.secondWord(a), m.secondWord(b))
		})
		var wild []int32
		if wordWild != nil {
			wild = wordWild[w]
		}
		m.wordData = append(m.wordData, int32(len(wordTerms[w])+len(wild)), int32(len(starts)))
		for _, t := range wordTerms[w] {
			if m.terms[t].cased {
				t = ^t // an acronym: its occurrences are checked for capitals (see scanField)
			}
			m.wordData = append(m.wordData, t)
		}
		m.wordData = append(m.wordData, wild...)
		m.wordData = append(m.wordData, starts...)
		for _, t := range starts {
			m.wordData = append(m.wordData, m.secondWord(t))
		}
	}
	m.words.setData(offsets)
	return m, nil
}

// termRefs counts the term references of the query under n, aliases expanded, and the length of its
// program (appendProg).
func termRefs(n *node) (refs, size int) {
	switch n.op {
	case opTerm:
		if n.term.alt != nil {
			return 2, 4
		}
		return 1, 3
	case opAlias:
		refs = len(n.def.phrases) + n.def.alts
		return refs, 2 + refs
	case opNot:
		size = 1
	default:
		size = 2
	}
	for _, k := range n.kids {
		r, s := termRefs(k)
		refs, size = refs+r, size+s
	}
	return refs, size
}

// largestAlias names the largest alias of the query under n, as a clause of an error message.
func largestAlias(n *node) string {
	var big *aliasDef
	var walk func(n *node)
	walk = func(n *node) {
		if n.op == opAlias && (big == nil || len(n.def.phrases) > len(big.phrases)) {
			big = n.def
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	if big == nil {
		return ""
	}
	return fmt.Sprintf("; its largest alias, @%s, has %d terms", big.name, len(big.phrases))
}

// secondWord returns the word id of the second element of phrase t, or noWord if it is not a whole
// word.
func (m *Matcher) secondWord(t int32) int32 {
	if e := m.terms[t].elems[1]; e.kind == elemWord {
		return e.id
	}
	return noWord
}

// noWord sorts after every word id.
const noWord = math.MaxInt32

type builder struct {
	m           *Matcher
	termWatches [][]int32
	termIDs     map[string]int32
	wordIDs     map[string]int32
	wordList    []string
	prefixID    map[string]int32
	prefixList  []string
	// slabs for the compiled queries
	nodes []cnode
	kids  []*cnode
	ids   []int32
	// each alias's term ids, made once and shared by the watches that use it
	aliases map[*aliasDef]aliasIDs
}

type aliasIDs struct {
	ids   []int32
	texts []string
}

func (b *builder) node(n *node) *cnode {
	c := &take(&b.nodes, 1)[0]
	*c = cnode{op: n.op, fields: n.fields, dist: n.dist}
	switch n.op {
	case opTerm:
		if alt := n.term.alt; alt != nil {
			// the term and its compounds written closed, either of which matches it
			c.terms = take(&b.ids, 2)
			c.terms[0], c.terms[1] = b.term(n.term), b.term(alt)
			c.texts = []string{n.term.text, n.term.text}
		} else {
			c.terms = take(&b.ids, 1)
			c.terms[0] = b.term(n.term)
			c.texts = []string{n.term.text}
		}
		b.m.fields |= n.fields
	case opAlias:
		a, ok := b.aliases[n.def]
		if !ok {
			a = aliasIDs{ids: make([]int32, 0, len(n.def.terms)+n.def.alts), texts: n.def.texts}
			for _, t := range n.def.terms {
				a.ids = append(a.ids, b.term(t))
			}
			if n.def.alts > 0 {
				a.texts = slices.Clip(slices.Clone(n.def.texts))
				for _, t := range n.def.terms {
					if t.alt != nil {
						a.ids = append(a.ids, b.term(t.alt))
						a.texts = append(a.texts, t.text)
					}
				}
			}
			b.aliases[n.def] = a
		}
		c.terms, c.texts = a.ids, a.texts // shared: never changed
		b.m.fields |= n.fields
	default:
		c.kids = take(&b.kids, len(n.kids))
		for i, k := range n.kids {
			c.kids[i] = b.node(k)
		}
	}
	return c
}

// take returns n elements from the end of slab, starting a new slab when it is full. The compiled
// queries are allocated this way so that evaluation, which walks them, finds one query's nodes and
// terms close together in memory.
func take[T any](slab *[]T, n int) []T {
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(slabSize, n))
	}
	i := len(*slab)
	*slab = (*slab)[:i+n]
	return (*slab)[i : i+n : i+n]
}

const slabSize = 1024

// term returns the id of t, adding it if new.
func (b *builder) term(t *term) int32 {
	var key strings.Builder
	for i, w := range t.words {
		kind := byte(elemWord)
		switch {
		case t.cjk[i]:
			kind = elemCJK
		case t.prefix && i == len(t.words)-1:
			kind = elemPrefix
		}
		key.WriteByte('0' + kind)
		if t.cased[i] {
			key.WriteByte('A') // an acronym is another term than the word in any case
		}
		key.WriteString(w)
		key.WriteByte(0)
	}
	id, ok := b.termIDs[key.String()]
	if !ok {
		var elems []elem
		for i, w := range t.words {
			switch {
			case t.cjk[i]:
				elems = append(elems, elem{kind: elemCJK, s: w})
			case t.prefix && i == len(t.words)-1:
				pid, ok := b.prefixID[w]
				if !ok {
					pid = int32(len(b.prefixList))
					b.prefixID[w] = pid
					b.prefixList = append(b.prefixList, w)
				}
				elems = append(elems, elem{kind: elemPrefix, id: pid, s: w})
			default:
				wid, ok := b.wordIDs[w]
				if !ok {
					wid = int32(len(b.wordList))
					b.wordIDs[w] = wid
					b.wordList = append(b.wordList, w)
				}
				elems = append(elems, elem{kind: elemWord, id: wid, s: w, cased: t.cased[i]})
			}
		}
		id = int32(len(b.m.terms))
		b.termIDs[key.String()] = id
		b.m.terms = append(b.m.terms, cterm{elems: elems, cased: t.anyCased()})
		b.m.hasCased = b.m.hasCased || t.anyCased()
		b.termWatches = append(b.termWatches, nil)
	}
	return id
}

// anchors returns a set of terms one of which must occur for c to be true, preferring few and rare
// terms, or nil if there is none (c is a NOT).
func (b *builder) anchors(c *cnode) []int32 {
	switch c.op {
	case opTerm, opAlias:
		return c.terms
	case opOr:
		var out []int32
		for _, k := range c.kids {
			a := b.anchors(k)
			if a == nil {
				return nil
			}
			out = append(out, a...)
		}
		return out
	case opAnd, opNear:
		var best []int32
		bestCost := 0
		for _, k := range c.kids {
			if a := b.anchors(k); a != nil {
				if cost := b.anchorCost(a); best == nil || cost < bestCost {
					best, bestCost = a, cost
				}
			}
		}
		return best
	}
	return nil
}

// anchorCost guesses how often one of terms occurs: phrases are rare, long words rarer than short
// ones, wildcards common.
func (b *builder) anchorCost(terms []int32) int {
	cost := 0
	for _, t := range terms {
		elems := b.m.terms[t].elems
		switch e := elems[0]; {
		case len(elems) > 1:
			cost += 30
		case e.kind == elemPrefix:
			cost += 150 - 2*min(len(e.s), 20)
		case e.kind == elemCJK:
			cost += 60
		default:
			cost += 100 - 2*min(len(e.s), 20)
		}
	}
	return cost
}

// allTerms appends the ids of all terms under c.
func allTerms(c *cnode, out []int32) []int32 {
	out = append(out, c.terms...)
	for _, k := range c.kids {
		out = allTerms(k, out)
	}
	return out
}

func collectLeaves(c *cnode, neg bool, out *[]*cnode) {
	switch c.op {
	case opTerm, opAlias:
		if !neg {
			*out = append(*out, c)
		}
	case opNot:
		collectLeaves(c.kids[0], !neg, out)
	default:
		for _, k := range c.kids {
			collectLeaves(k, neg, out)
		}
	}
}

// The compiled queries are evaluated from one array of int32s (prog), a node after the other in
// depth-first order, so that evaluating a watch reads a few adjacent cache lines instead of following
// pointers. A node is its header (op, fields and its length in the array, see progHeader), then:
//   - opTerm, opAlias: the number of its terms, then the term ids;
//   - opAnd, opOr: the number of its kids, then the kids;
//   - opNot: the kid;
//   - opNear: the distance, then the two kids (leaves).

// maxProgLen bounds the program of one watch, so that lengths fit in a header.
const maxProgLen = 1<<19 - 1

// progHeader packs a node's op (4 bits), fields (8 bits) and length in int32s (up to maxProgLen).
func progHeader(op op, fields fieldSet, n int) int32 {
	return int32(op) | int32(fields)<<4 | int32(n)<<12
}

func progOp(h int32) op              { return op(h & 15) }
func progFields(h int32) uint8       { return uint8(h >> 4) }
func progLen(h int32) int32          { return h >> 12 }
func progTerms(prog []int32) []int32 { return prog[2 : 2+prog[1]] }

// appendProg appends the program of c to prog.
func appendProg(prog []int32, c *cnode) []int32 {
	at := len(prog)
	prog = append(prog, 0)
	switch c.op {
	case opTerm, opAlias:
		prog = append(prog, int32(len(c.terms)))
		prog = append(prog, c.terms...)
	case opAnd, opOr:
		prog = append(prog, int32(len(c.kids)))
		for _, k := range c.kids {
			prog = appendProg(prog, k)
		}
	case opNot:
		prog = appendProg(prog, c.kids[0])
	case opNear:
		prog = append(prog, int32(c.dist))
		prog = appendProg(prog, c.kids[0])
		prog = appendProg(prog, c.kids[1])
	}
	prog[at] = progHeader(c.op, c.fields, len(prog)-at)
	return prog
}
