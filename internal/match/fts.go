package match

import (
	"strings"
	"unicode"
)

// FTS returns an FTS5 MATCH expression over a full-text index of title and
// body folded with Fold that every document the query matches satisfies: a
// prefilter, never stricter than the query. Candidates must then be matched
// with the query itself; "" means no useful prefilter (every document is a
// candidate).
//
// AND/OR keep their shape, NEAR/n becomes AND, phrases and prefixes become
// FTS phrases of the folded words, an alias the OR of its phrases; what the
// index cannot decide — feed:/author:/lang: terms, CJK substrings — counts
// as true. NOT is kept only over "exact" terms, those whose presence the
// index decides exactly as the matcher does (unfielded single words of
// ASCII letters and digits, not acronyms, which the matcher finds only in
// capitals): NOT over anything else counts as true, since
// excluding on a looser test could lose a match.
//
// One exception to "never stricter": a whole word of a term matches two words
// joined by a hyphen written closed ("ceasefire" finds "cease-fire", see
// hyphenJoins), which an index of the words apart cannot find; a term written
// with a hyphen is its phrase OR its closed form, both of which the index holds.
func (q *Query) FTS() string {
	return ftsOf(q.root).render()
}

// FTSPhrase returns folded words (separated by spaces, as Fold leaves them)
// as one FTS5 phrase, safe to put in a MATCH expression; prefix makes its
// last word a prefix. Empty words give "".
func FTSPhrase(folded string, prefix bool) string {
	folded = strings.Join(strings.Fields(folded), " ")
	if folded == "" {
		return ""
	}
	p := `"` + strings.ReplaceAll(folded, `"`, `""`) + `"`
	if prefix {
		p += "*"
	}
	return p
}

func ftsOf(n *node) *ftsNode {
	switch n.op {
	case opTerm:
		if n.term.alt != nil { // "e-mail" matches "email" too
			return combine("OR", []*ftsNode{ftsTerm(n.term, n.fields), ftsTerm(n.term.alt, n.fields)})
		}
		return ftsTerm(n.term, n.fields)
	case opAlias:
		kids := make([]*ftsNode, 0, len(n.kids))
		for _, k := range n.kids {
			kids = append(kids, ftsOf(k))
		}
		return combine("OR", kids)
	case opNot:
		return negate(ftsOf(n.kids[0]))
	case opNear:
		f := combine("AND", []*ftsNode{ftsOf(n.kids[0]), ftsOf(n.kids[1])})
		if f.exact {
			c := *f
			c.exact = false // word distance is beyond the index
			f = &c
		}
		return f
	case opAnd, opOr:
		kids := make([]*ftsNode, 0, len(n.kids))
		for _, k := range n.kids {
			kids = append(kids, ftsOf(k))
		}
		op := "AND"
		if n.op == opOr {
			op = "OR"
		}
		return combine(op, kids)
	}
	return ftsTrue
}

// ftsTerm is a term as an FTS phrase: true when the index cannot decide it
// (a field other than title and body, CJK); not exact when fielded (the
// index holds title and body together).
func ftsTerm(t *term, fields fieldSet) *ftsNode {
	if fields&fieldText == 0 {
		return ftsTrue
	}
	folded := strings.Join(t.words, " ")
	for _, c := range t.cjk {
		if c {
			return ftsTrue
		}
	}
	if folded == "" || hasCJK(folded) {
		return ftsTrue
	}
	// an acronym is decided by the case of the text, which the index does not keep
	return &ftsNode{leaf: FTSPhrase(folded, t.prefix), exact: fields == fieldText && isPlainWord(folded) && !t.anyCased()}
}

// ftsNode is a prefilter expression: always true, a leaf phrase, AND/OR of
// nodes, "pos NOT neg", or a pure negative constraint (negated: the article
// does not match it), which only an enclosing AND can use.
type ftsNode struct {
	always  bool
	leaf    string
	op      string // "AND", "OR", "NOT"
	kids    []*ftsNode
	negated *ftsNode
	exact   bool // the index decides it exactly as the matcher does
}

var ftsTrue = &ftsNode{always: true}

func combine(op string, kids []*ftsNode) *ftsNode {
	if op == "OR" {
		exact := true
		for _, k := range kids {
			if k.always || k.negated != nil {
				return ftsTrue
			}
			exact = exact && k.exact
		}
		if len(kids) == 1 {
			return kids[0]
		}
		return &ftsNode{op: "OR", kids: kids, exact: exact}
	}
	var pos, negs []*ftsNode
	exact := true
	for _, k := range kids {
		switch {
		case k.always:
			exact = false
		case k.negated != nil:
			negs = append(negs, k.negated)
		default:
			pos = append(pos, k)
			exact = exact && k.exact
		}
	}
	var p *ftsNode
	switch len(pos) {
	case 0:
		p = ftsTrue
	case 1:
		p = pos[0]
	default:
		p = &ftsNode{op: "AND", kids: pos, exact: exact}
	}
	if len(negs) == 0 {
		return p
	}
	neg := combine("OR", negs)
	if p.always {
		return &ftsNode{negated: neg}
	}
	return &ftsNode{op: "NOT", kids: []*ftsNode{p, neg}}
}

func (n *ftsNode) render() string {
	switch {
	case n.always, n.negated != nil:
		return ""
	case n.leaf != "":
		return n.leaf
	case n.op == "NOT":
		return "(" + n.kids[0].render() + " NOT " + n.kids[1].render() + ")"
	}
	parts := make([]string, 0, len(n.kids))
	for _, k := range n.kids {
		parts = append(parts, k.render())
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " "+n.op+" ") + ")"
}

// negate is NOT n: a constraint when the index decides n exactly, else true.
func negate(n *ftsNode) *ftsNode {
	if n.always || !n.exact {
		return ftsTrue
	}
	return &ftsNode{negated: n}
}

// isPlainWord reports a single folded word of ASCII letters and digits: its
// presence is one index token's presence, exactly as the matcher sees it.
func isPlainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}
