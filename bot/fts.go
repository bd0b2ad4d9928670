package bot

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// ftsExpression turns a parsed query into an FTS5 MATCH expression over the
// store's full-text index (title and body folded with match.Fold) that every
// article the query matches satisfies: a prefilter, never stricter than the
// query. Candidates are then verified with the matcher itself, so results
// are exactly the matcher's. "" means no useful prefilter (every article is a
// candidate).
//
// It reads the query's canonical form (Query.String): AND/OR keep their
// shape, NEAR/n becomes AND, phrases and prefixes become FTS phrases of the
// folded words; what the index cannot decide — feed:/author:/lang: terms,
// CJK substrings — counts as true. NOT is kept only over "exact" terms,
// those whose presence the index decides exactly as the matcher does
// (unfielded single words of ASCII letters and digits): NOT over anything
// else counts as true, since excluding on a looser test could lose a match.
// aliasTerms expands @name.
func ftsExpression(q *match.Query, aliasTerms func(name string) []string) string {
	p := &canonParser{src: q.String(), aliases: aliasTerms}
	n, ok := p.parseOr()
	if !ok || p.pos != len(p.src) {
		return "" // cannot happen with a canonical form; scanning is always right
	}
	return n.render()
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

// phraseNode is a term of the title or body as an FTS phrase.
func phraseNode(text string) *ftsNode {
	prefix := strings.HasSuffix(text, "*")
	folded := match.Fold(strings.TrimSuffix(text, "*"))
	if folded == "" || hasCJK(folded) {
		return ftsTrue
	}
	return &ftsNode{leaf: store.FTSPhrase(folded, prefix), exact: isPlainWord(folded)}
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

// canonParser reads the canonical form of a query.
type canonParser struct {
	src     string
	pos     int
	depth   int
	aliases func(string) []string
}

const maxCanonDepth = 200

func (p *canonParser) eat(s string) bool {
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *canonParser) parseOr() (*ftsNode, bool) {
	first, ok := p.parseAnd()
	if !ok {
		return nil, false
	}
	kids := []*ftsNode{first}
	for p.eat(" OR ") {
		k, ok := p.parseAnd()
		if !ok {
			return nil, false
		}
		kids = append(kids, k)
	}
	return combine("OR", kids), true
}

func (p *canonParser) parseAnd() (*ftsNode, bool) {
	first, ok := p.parseUnary()
	if !ok {
		return nil, false
	}
	kids := []*ftsNode{first}
	for p.eat(" AND ") {
		k, ok := p.parseUnary()
		if !ok {
			return nil, false
		}
		kids = append(kids, k)
	}
	return combine("AND", kids), true
}

func (p *canonParser) parseUnary() (*ftsNode, bool) {
	if p.eat("NOT ") {
		n, ok := p.parseUnary()
		if !ok {
			return nil, false
		}
		return negate(n), true
	}
	if p.eat("-") {
		n, ok := p.parseLeaf()
		if !ok {
			return nil, false
		}
		return negate(n), true
	}
	a, ok := p.parseLeaf()
	if !ok {
		return nil, false
	}
	if p.eat(" NEAR/") {
		start := p.pos
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		if _, err := strconv.Atoi(p.src[start:p.pos]); err != nil || !p.eat(" ") {
			return nil, false
		}
		b, ok := p.parseLeaf()
		if !ok {
			return nil, false
		}
		n := combine("AND", []*ftsNode{a, b})
		if n.exact {
			c := *n
			c.exact = false // word distance is beyond the index
			n = &c
		}
		return n, true
	}
	return a, true
}

func (p *canonParser) parseLeaf() (*ftsNode, bool) {
	if p.eat("(") {
		p.depth++
		if p.depth > maxCanonDepth {
			return nil, false
		}
		n, ok := p.parseOr()
		p.depth--
		if !ok || !p.eat(")") {
			return nil, false
		}
		return n, true
	}
	indexed, fielded := true, false
	for _, f := range []string{"title:", "feed:", "author:", "lang:"} {
		if p.eat(f) {
			indexed, fielded = f == "title:", true
			break
		}
	}
	if p.eat("@") {
		name := p.bare()
		if name == "" {
			return nil, false
		}
		if !indexed || p.aliases == nil {
			return ftsTrue, true
		}
		terms := p.aliases(name)
		if len(terms) == 0 {
			return ftsTrue, true
		}
		kids := make([]*ftsNode, 0, len(terms))
		for _, t := range terms {
			n := phraseNode(t)
			if fielded && n.exact {
				c := *n
				c.exact = false
				n = &c
			}
			kids = append(kids, n)
		}
		return combine("OR", kids), true
	}
	var text string
	if p.eat(`"`) {
		end := strings.IndexByte(p.src[p.pos:], '"')
		if end < 0 {
			return nil, false
		}
		text = p.src[p.pos : p.pos+end]
		p.pos += end + 1
	} else {
		text = p.bare()
	}
	if text == "" {
		return nil, false
	}
	if !indexed {
		return ftsTrue, true
	}
	n := phraseNode(text)
	if fielded && n.exact {
		c := *n
		c.exact = false // title: only; the index looks at title and body
		n = &c
	}
	return n, true
}

// bare reads a bare word: up to a space or a closing parenthesis.
func (p *canonParser) bare() string {
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != ' ' && p.src[p.pos] != ')' {
		p.pos++
	}
	return p.src[start:p.pos]
}
