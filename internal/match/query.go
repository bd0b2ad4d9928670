package match

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// fieldSet is a set of document fields, one bit each.
type fieldSet uint8

const (
	fieldTitle fieldSet = 1 << iota
	fieldBody
	fieldFeed
	fieldAuthor
	fieldLang

	fieldText    = fieldTitle | fieldBody // unfielded terms and text:
	numFields    = 5
	defaultField = fieldText
)

// fieldNames are the names used in Hit.Field, in document order.
var fieldNames = [numFields]string{"title", "body", "feed", "author", "lang"}

// queryFields maps the field prefixes of the language to field sets.
func queryField(name string) (fieldSet, bool) {
	switch strings.ToLower(name) {
	case "title":
		return fieldTitle, true
	case "text":
		return fieldText, true
	case "feed":
		return fieldFeed, true
	case "author":
		return fieldAuthor, true
	case "lang":
		return fieldLang, true
	}
	return 0, false
}

func fieldPrefix(f fieldSet) string {
	switch f {
	case fieldTitle:
		return "title:"
	case fieldFeed:
		return "feed:"
	case fieldAuthor:
		return "author:"
	case fieldLang:
		return "lang:"
	}
	return ""
}

type op uint8

const (
	opTerm  op = iota // a word, phrase or wildcard
	opAlias           // @name: OR of its kids, all opTerm, shared with every query that uses the alias (def)
	opAnd
	opOr
	opNot
	opNear // two leaves (opTerm or opAlias) within dist words of each other
)

type node struct {
	op     op
	kids   []*node   // opAlias: shared, never changed
	term   *term     // opTerm
	alias  string    // opAlias: its name
	def    *aliasDef // opAlias: its terms, shared by every query that uses it
	fields fieldSet  // opTerm, opAlias
	dist   int       // opNear
	pos    int       // byte offset in the source, for errors
}

// term is one word or phrase. Its words are folded; a CJK word matches inside a CJK run; prefix means the
// last word is a wildcard prefix.
type term struct {
	text   string // as written, quotes removed, white space collapsed
	words  []string
	cjk    []bool
	cased  []bool // the word is an acronym: it matches only text in capitals (see acronym)
	prefix bool
	// alt is the term with its hyphenated compounds written closed ("e-mail" → "email"), which it
	// also matches; nil when it has none
	alt *term
}

// anyCased reports whether some word of the term is an acronym.
func (t *term) anyCased() bool {
	return slices.Contains(t.cased, true)
}

// Query is a parsed query. The zero value is not usable; get one from Parse or Keywords.
type Query struct {
	root *node
}

// String returns the query in canonical form: Parse(q.String(), aliases) yields a query with the same
// String.
func (q *Query) String() string {
	var b strings.Builder
	writeNode(&b, q.root, opTerm) // top level: no parentheses
	return b.String()
}

// writeNode writes n as it reads inside an expression of operator ctx.
func writeNode(b *strings.Builder, n *node, ctx op) {
	switch n.op {
	case opTerm:
		b.WriteString(fieldPrefix(n.fields))
		writeTerm(b, n.term.text)
	case opAlias:
		b.WriteString(fieldPrefix(n.fields))
		b.WriteByte('@')
		b.WriteString(n.alias)
	case opNear:
		if ctx == opNot {
			b.WriteByte('(')
		}
		writeNode(b, n.kids[0], opNear)
		b.WriteString(" NEAR/")
		b.WriteString(strconv.Itoa(n.dist))
		b.WriteByte(' ')
		writeNode(b, n.kids[1], opNear)
		if ctx == opNot {
			b.WriteByte(')')
		}
	case opNot:
		k := n.kids[0]
		if k.op == opTerm || k.op == opAlias {
			b.WriteByte('-')
			writeNode(b, k, opNot)
			return
		}
		b.WriteString("NOT ")
		writeNode(b, k, opNot)
	case opAnd, opOr:
		paren := ctx == opNot || (n.op == opOr && ctx == opAnd) || (n.op == opAnd && ctx == opOr)
		if paren {
			b.WriteByte('(')
		}
		sep := " AND "
		if n.op == opOr {
			sep = " OR "
		}
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			writeNode(b, k, n.op)
		}
		if paren {
			b.WriteByte(')')
		}
	}
}

// writeTerm writes a term bare when it would lex back as the same bare word, quoted otherwise.
func writeTerm(b *strings.Builder, text string) {
	if bareSafe(text) {
		b.WriteString(text)
		return
	}
	b.WriteByte('"')
	b.WriteString(text)
	b.WriteByte('"')
}

func bareSafe(text string) bool {
	if r, _ := utf8.DecodeRuneInString(text); text == "" || isMinus(r) || r == '@' || r == '\'' || r == '\u2018' {
		return false
	}
	switch text {
	case "AND", "OR", "NOT", "NEAR":
		return false
	}
	if strings.HasPrefix(text, "NEAR/") {
		return false
	}
	for i, r := range text {
		if isSpace(r) || isQuote(r) || r == '(' || r == ')' || r == ':' {
			return false
		}
		if r == '*' && i != len(text)-1 {
			return false
		}
	}
	return true
}

// Terms returns the positive terms of the query (those not under a NOT) as written, each once, in
// query order; alias references contribute their phrases.
func (q *Query) Terms() []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n *node, neg bool)
	walk = func(n *node, neg bool) {
		switch n.op {
		case opTerm:
			if !neg && !seen[n.term.text] {
				seen[n.term.text] = true
				out = append(out, n.term.text)
			}
		case opNot:
			walk(n.kids[0], !neg)
		default:
			for _, k := range n.kids {
				walk(k, neg)
			}
		}
	}
	walk(q.root, false)
	return out
}

// Acronyms returns the words of the query's terms, as written, that are acronyms: matched only where
// the text writes them in capitals (see the package documentation), each once, in query order.
func (q *Query) Acronyms() []string {
	var out []string
	var walk func(n *node)
	walk = func(n *node) {
		if t := n.term; n.op == opTerm && t.anyCased() { // (an alias's terms are its kids)
			tz := getTokenizer()
			tz.tokenize(t.text)
			for i, tk := range tz.toks {
				if w := t.text[tk.start:tk.end]; i < len(t.cased) && t.cased[i] && !slices.Contains(out, w) {
					out = append(out, w)
				}
			}
			putTokenizer(tz)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(q.root)
	return out
}

// matchesNothing reports whether n is true for a document in which none of its terms occur. A query for
// which this holds is rejected: it would alert on everything, and the matcher only evaluates watches
// whose terms occurred.
func matchesNothing(n *node) bool {
	switch n.op {
	case opNot:
		return !matchesNothing(n.kids[0])
	case opAnd:
		for _, k := range n.kids {
			if !matchesNothing(k) {
				return false
			}
		}
		return true
	case opOr:
		for _, k := range n.kids {
			if matchesNothing(k) {
				return true
			}
		}
		return false
	}
	return false
}
