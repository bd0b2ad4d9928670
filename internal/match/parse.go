package match

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/suggest"
)

// SyntaxError is a fault in a query, located by a byte offset into the query text.
type SyntaxError struct {
	Query  string // the source text
	Offset int    // byte offset in Query where the fault is
	Msg    string // what is wrong or was expected
}

// Error returns the message, then the query on its own line and a caret under the fault.
func (e *SyntaxError) Error() string {
	line := strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(e.Query)
	off := min(max(e.Offset, 0), len(line))
	col := utf8.RuneCountInString(line[:off])
	return e.Msg + "\n" + line + "\n" + strings.Repeat(" ", col) + "^"
}

// maxNear is the largest distance NEAR/ accepts.
const maxNear = 1000

// maxQueryLen bounds the query text, so a pathological query cannot exhaust the parser's stack.
const maxQueryLen = 64 << 10

type tokKind uint8

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tAlias
	tField
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tMinus
	tNear
)

func (k tokKind) String() string {
	switch k {
	case tEOF:
		return "end of query"
	case tWord, tPhrase:
		return "term"
	case tAlias:
		return "alias"
	case tField:
		return "field"
	case tLParen:
		return "("
	case tRParen:
		return ")"
	case tAnd:
		return "AND"
	case tOr:
		return "OR"
	case tNot:
		return "NOT"
	case tMinus:
		return "-"
	case tNear:
		return "NEAR"
	}
	return "?"
}

type lexToken struct {
	kind tokKind
	pos  int
	text string   // word or phrase text, alias name
	f    fieldSet // tField
	n    int      // tNear
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '«', '»': // and guillemets, French «…» and German »…«
		return true
	}
	return false
}

// lex splits src into tokens.
func lex(src string) ([]lexToken, error) {
	var toks []lexToken
	errAt := func(off int, format string, args ...any) error {
		return &SyntaxError{Query: src, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	i := 0
	atStart := true // at the start of a bare run: '-' negates, '@' names an alias, 'x:' is a field
	spaced := spacedWords(src)
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case isSpace(r):
			i += size
			atStart = true
			continue
		case r == '(':
			toks = append(toks, lexToken{kind: tLParen, pos: i})
			i += size
			atStart = true
			continue
		case r == ')':
			toks = append(toks, lexToken{kind: tRParen, pos: i})
			i += size
			atStart = true
			continue
		case atStart && (r == '\'' || r == '\u2018'):
			// single quotes, straight or curly, quote a phrase when they open a run and close one
			// ('golf club', ‘election interference’); otherwise the mark is an apostrophe ('90s)
			if end := singleQuoteEnd(src, i+size); end >= 0 {
				toks = append(toks, lexToken{kind: tPhrase, pos: i, text: src[i+size : end]})
				_, qs := utf8.DecodeRuneInString(src[end:])
				i = end + qs
				atStart = true
				continue
			}
		case isQuote(r):
			j := i + size
			end := -1
			for k, q := range src[j:] {
				if isQuote(q) {
					end = j + k
					break
				}
			}
			if end < 0 {
				return nil, errAt(i, "unclosed quote")
			}
			toks = append(toks, lexToken{kind: tPhrase, pos: i, text: src[j:end]})
			_, qs := utf8.DecodeRuneInString(src[end:])
			i = end + qs
			atStart = true
			continue
		}
		// a bare run: up to space, parenthesis or quote
		j := i
		for j < len(src) {
			q, qs := utf8.DecodeRuneInString(src[j:])
			if isSpace(q) && !inSpacedWord(spaced, j) || q == '(' || q == ')' || isQuote(q) {
				break
			}
			j += qs
		}
		run := src[i:j]
		if d, n := utf8.DecodeRuneInString(run); atStart && isMinus(d) {
			alone := len(run) == n && (j == len(src) || src[j] != '(' && !isQuote(rune(src[j])) && !startsQuote(src[j:]))
			switch {
			case alone && d == '-':
				return nil, errAt(i, "expected a term after -")
			case !alone:
				toks = append(toks, lexToken{kind: tMinus, pos: i})
				i += n
				continue
			}
		}
		switch {
		case run == "AND":
			toks = append(toks, lexToken{kind: tAnd, pos: i})
		case run == "OR":
			toks = append(toks, lexToken{kind: tOr, pos: i})
		case run == "NOT":
			toks = append(toks, lexToken{kind: tNot, pos: i})
		case run == "NEAR" || strings.HasPrefix(run, "NEAR/"):
			rest, ok := strings.CutPrefix(run[4:], "/")
			if !ok {
				return nil, errAt(i+4, "NEAR/ needs a number, e.g. NEAR/10")
			}
			n, err := strconv.Atoi(rest)
			if err != nil || rest == "" || rest[0] == '+' || rest[0] == '-' {
				return nil, errAt(i+5, "NEAR/ needs a number, e.g. NEAR/10")
			}
			if n < 1 || n > maxNear {
				return nil, errAt(i+5, "NEAR/ needs a number from 1 to %d", maxNear)
			}
			toks = append(toks, lexToken{kind: tNear, pos: i, n: n})
		case atStart && run[0] == '@':
			name := run[1:]
			if name == "" {
				return nil, errAt(i, "expected an alias name after @")
			}
			toks = append(toks, lexToken{kind: tAlias, pos: i, text: name})
		default:
			if k := strings.IndexByte(run, ':'); atStart && k > 0 && isFieldName(run[:k]) {
				if f, ok := queryField(run[:k]); ok {
					toks = append(toks, lexToken{kind: tField, pos: i, f: f})
					i += k + 1
					atStart = true
					if i == len(src) || isSpace(rune(src[i])) {
						return nil, errAt(i, "expected a term right after %s", run[:k+1])
					}
					continue
				}
				if k < len(run)-1 {
					msg := fmt.Sprintf("unknown field %s — fields are title:, text:, feed:, author:, lang:", run[:k+1])
					if s := suggest.Closest(run[:k], []string{"title", "text", "feed", "author", "lang"}); s != "" {
						msg = fmt.Sprintf("unknown field %s — did you mean %s:?", run[:k+1], s)
					}
					return nil, errAt(i, "%s", msg)
				}
			}
			toks = append(toks, lexToken{kind: tWord, pos: i, text: run})
		}
		i = j
		atStart = true
	}
	toks = append(toks, lexToken{kind: tEOF, pos: len(src)})
	return toks, nil
}

// spacedWords returns the words of src that the tokenizer reads across a space: spaced initials
// ("J. K.") and digit groups with a no-break space ("1 000"). A bare run of the query goes on
// across such a space, so that `J. K. Rowling` asks for the words of "J. K. Rowling" as the text
// has them ("jk rowling"), not for a word "j" and a word "k".
func spacedWords(src string) []Word {
	var spaced []Word
	for _, w := range Words(src) {
		if strings.IndexFunc(src[w.Start:w.End], isSpace) >= 0 {
			spaced = append(spaced, w)
		}
	}
	return spaced
}

// inSpacedWord reports whether src[j] is inside one of spaced.
func inSpacedWord(spaced []Word, j int) bool {
	for _, w := range spaced {
		if w.Start < j && j < w.End {
			return true
		}
	}
	return false
}

// singleQuoteEnd returns the index in src of the single quote (' or ’) that closes a phrase opened
// just before src[j]: the first one after a letter, digit or other mark that ends a run (followed by
// a space, a parenthesis or the end), when no space precedes it and no double quote or single quote
// opening a word comes before it; -1 when there is none.
func singleQuoteEnd(src string, j int) int {
	prev := rune(-1)
	for k, q := range src[j:] {
		at := j + k
		if isQuote(q) {
			return -1
		}
		if (q == '\'' || q == '\u2018') && (prev < 0 || isSpace(prev)) && k > 0 {
			return -1 // another opens before this one closes: an apostrophe ('90s rock 'n' roll)
		}
		if (q == '\'' || q == '\u2019') && prev >= 0 && !isSpace(prev) {
			next, _ := utf8.DecodeRuneInString(src[at+utf8.RuneLen(q):])
			if at+utf8.RuneLen(q) == len(src) || isSpace(next) || next == ')' || next == '(' {
				return at
			}
		}
		prev = q
	}
	return -1
}

func startsQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isQuote(r)
}

func isFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

type parser struct {
	src     string
	toks    []lexToken
	i       int
	aliases *Aliases
	depth   int
}

func (p *parser) peek() lexToken { return p.toks[p.i] }
func (p *parser) next() lexToken {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errAt(off int, format string, args ...any) error {
	return &SyntaxError{Query: p.src, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// Parse parses a query. aliases maps alias names (without @) to their phrases; a reference @name
// matches any of them. Errors are *SyntaxError.
//
// Parse reads the phrases of the aliases the query uses; ParseWith, given the aliases read once, shares
// their terms between all the queries parsed with them.
func Parse(src string, aliases map[string][]string) (*Query, error) {
	return ParseWith(src, NewAliases(aliases))
}

// ParseWith is Parse with the aliases read once (NewAliases): a query that uses an alias refers to its
// terms instead of copying them, so that many watches can share a large alias.
func ParseWith(src string, aliases *Aliases) (*Query, error) {
	if aliases == nil {
		aliases = NewAliases(nil)
	}
	if len(src) > maxQueryLen {
		return nil, &SyntaxError{Query: strings.ToValidUTF8(src[:64], "") + "…", Offset: 0, Msg: fmt.Sprintf("query longer than %d bytes", maxQueryLen)}
	}
	if !utf8.ValidString(src) {
		return nil, &SyntaxError{Query: strings.ToValidUTF8(src, "\uFFFD"), Offset: invalidUTF8Offset(src), Msg: "query is not valid UTF-8"}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, aliases: aliases}
	if p.peek().kind == tEOF {
		return nil, p.errAt(0, "empty query")
	}
	root, err := p.parseOr(defaultField)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, p.errAt(t.pos, "unmatched )")
		}
		return nil, p.errAt(t.pos, "unexpected %s", t.kind)
	}
	if err := checkPositive(src, root); err != nil {
		return nil, err
	}
	return &Query{root: root}, nil
}

func invalidUTF8Offset(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

// checkPositive rejects queries that would match a document containing none of their terms.
func checkPositive(src string, root *node) error {
	if !matchesNothing(root) {
		return nil
	}
	onlyNot := root.op == opNot
	if root.op == opAnd {
		onlyNot = true
		for _, k := range root.kids {
			onlyNot = onlyNot && k.op == opNot
		}
	}
	off := firstNot(root)
	if onlyNot {
		return &SyntaxError{Query: src, Offset: off, Msg: "a query cannot be only NOT terms; add a term that must occur"}
	}
	return &SyntaxError{Query: src, Offset: off, Msg: "this query would match articles containing none of its terms; a NOT needs a term that must occur beside it"}
}

func firstNot(n *node) int {
	if n.op == opNot {
		return n.pos
	}
	for _, k := range n.kids {
		if off := firstNot(k); off >= 0 {
			return off
		}
	}
	if n.op == opAnd || n.op == opOr {
		return n.pos
	}
	return -1
}

// parseOr: and ("OR" and)*
func (p *parser) parseOr(f fieldSet) (*node, error) {
	first, err := p.parseAnd(f)
	if err != nil {
		return nil, err
	}
	kids := []*node{first}
	for p.peek().kind == tOr {
		p.next()
		if k := p.peek().kind; k == tEOF || k == tRParen || k == tOr || k == tAnd {
			return nil, p.errAt(p.peek().pos, "expected a term after OR")
		}
		k, err := p.parseAnd(f)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	return flatten(opOr, first.pos, kids), nil
}

// parseAnd: unary (["AND"] unary)*
func (p *parser) parseAnd(f fieldSet) (*node, error) {
	first, err := p.parseUnary(f)
	if err != nil {
		return nil, err
	}
	kids := []*node{first}
	for {
		t := p.peek()
		switch t.kind {
		case tAnd:
			p.next()
			if k := p.peek().kind; k == tEOF || k == tRParen || k == tOr || k == tAnd {
				return nil, p.errAt(p.peek().pos, "expected a term after AND")
			}
		case tEOF, tRParen, tOr:
			return flatten(opAnd, first.pos, kids), nil
		}
		k, err := p.parseUnary(f)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
}

func flatten(o op, pos int, kids []*node) *node {
	if len(kids) == 1 {
		return kids[0]
	}
	var flat []*node
	for _, k := range kids {
		if k.op == o {
			flat = append(flat, k.kids...)
		} else {
			flat = append(flat, k)
		}
	}
	return &node{op: o, kids: flat, pos: pos}
}

// parseUnary: ("NOT" | "-") unary | near
func (p *parser) parseUnary(f fieldSet) (*node, error) {
	t := p.peek()
	if t.kind == tNot || t.kind == tMinus {
		p.next()
		if err := p.enter(t.pos); err != nil {
			return nil, err
		}
		defer p.leave()
		if k := p.peek(); k.kind == tEOF || k.kind == tRParen || k.kind == tOr || k.kind == tAnd {
			return nil, p.errAt(k.pos, "expected a term after %s", t.kind)
		}
		k, err := p.parseUnary(f)
		if err != nil {
			return nil, err
		}
		return &node{op: opNot, kids: []*node{k}, pos: t.pos}, nil
	}
	return p.parseNear(f)
}

// parseNear: primary ["NEAR/n" primary]
func (p *parser) parseNear(f fieldSet) (*node, error) {
	a, err := p.parsePrimary(f)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tNear {
		return a, nil
	}
	t := p.next()
	if a.op != opTerm && a.op != opAlias {
		return nil, p.errAt(a.pos, "NEAR/ joins terms, phrases or aliases, not expressions")
	}
	if k := p.peek(); k.kind == tEOF || k.kind == tRParen || k.kind == tOr || k.kind == tAnd || k.kind == tNear {
		return nil, p.errAt(k.pos, "expected a term after NEAR/%d", t.n)
	}
	b, err := p.parsePrimary(f)
	if err != nil {
		return nil, err
	}
	if b.op != opTerm && b.op != opAlias {
		return nil, p.errAt(b.pos, "NEAR/ joins terms, phrases or aliases, not expressions")
	}
	if k := p.peek(); k.kind == tNear {
		return nil, p.errAt(k.pos, "NEAR/ cannot be chained; combine with AND: (a NEAR/5 b) AND (b NEAR/5 c)")
	}
	return &node{op: opNear, kids: []*node{a, b}, dist: t.n, pos: a.pos}, nil
}

func (p *parser) enter(pos int) error {
	p.depth++
	if p.depth > 100 {
		return p.errAt(pos, "query nested too deeply")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// parsePrimary: "(" or ")" | field primary | word | phrase | @alias
func (p *parser) parsePrimary(f fieldSet) (*node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if err := p.enter(t.pos); err != nil {
			return nil, err
		}
		defer p.leave()
		if k := p.peek(); k.kind == tRParen {
			return nil, p.errAt(k.pos, "empty parentheses")
		}
		n, err := p.parseOr(f)
		if err != nil {
			return nil, err
		}
		if k := p.next(); k.kind != tRParen {
			if k.kind == tEOF {
				return nil, p.errAt(t.pos, "unclosed parenthesis")
			}
			return nil, p.errAt(k.pos, "unexpected %s", k.kind)
		}
		if n.op == opAnd || n.op == opOr || n.op == opNot || n.op == opNear {
			n.pos = t.pos
		}
		return n, nil
	case tField:
		if err := p.enter(t.pos); err != nil {
			return nil, err
		}
		defer p.leave()
		k := p.peek()
		switch k.kind {
		case tWord, tPhrase, tAlias, tLParen, tField:
		default:
			return nil, p.errAt(k.pos, "expected a term right after the field name")
		}
		n, err := p.parsePrimary(t.f)
		if err != nil {
			return nil, err
		}
		if n.op == opTerm || n.op == opAlias {
			n.pos = t.pos
		}
		return n, nil
	case tWord, tPhrase:
		tm, err := newTerm(t.text)
		if err != nil {
			return nil, p.errAt(t.pos, "%s", err.Error())
		}
		return &node{op: opTerm, term: tm, fields: f, pos: t.pos}, nil
	case tAlias:
		return p.alias(t, f)
	case tEOF:
		return nil, p.errAt(t.pos, "expected a term")
	}
	return nil, p.errAt(t.pos, "expected a term, found %s", t.kind)
}

func (p *parser) alias(t lexToken, f fieldSet) (*node, error) {
	def := p.aliases.lookup(t.text)
	if def == nil {
		names := p.aliases.names()
		if s := suggest.Closest(t.text, names); s != "" {
			return nil, p.errAt(t.pos, "unknown alias @%s — did you mean @%s?", t.text, s)
		}
		if len(names) == 0 {
			return nil, p.errAt(t.pos, "unknown alias @%s — no aliases are defined", t.text)
		}
		return nil, p.errAt(t.pos, "unknown alias @%s", t.text)
	}
	def.read()
	if def.err != nil {
		return nil, p.errAt(t.pos, "alias @%s: %q: %s", def.name, def.bad, def.err.Error())
	}
	if len(def.terms) == 0 {
		return nil, p.errAt(t.pos, "alias @%s has no phrases", def.name)
	}
	return &node{op: opAlias, alias: def.name, def: def, kids: def.kids(f, t.pos), fields: f, pos: t.pos}, nil
}

// Aliases are the aliases of a configuration, each alias's phrases read into terms once, when a query
// first uses it. Queries parsed with the same Aliases share those terms, and Compile compiles each
// alias once. Safe for concurrent use.
type Aliases struct {
	defs map[string]*aliasDef
}

// aliasDef is one alias and, once read, its terms.
type aliasDef struct {
	name    string
	phrases []string // the caller's, not copied
	once    sync.Once
	terms   []*term
	texts   []string // the terms as written, parallel to terms
	alts    int      // how many of the terms have a closed form (term.alt)
	bad     string   // the first phrase that is not a term
	err     error

	mu     sync.Mutex
	leaves map[fieldSet][]*node // the alias's terms as leaves searching those fields
}

// kids returns the alias's terms as opTerm nodes searching fields f, made once for each set of fields
// and shared by every query that uses the alias with them.
func (d *aliasDef) kids(f fieldSet, pos int) []*node {
	d.mu.Lock()
	defer d.mu.Unlock()
	if k, ok := d.leaves[f]; ok {
		return k
	}
	k := make([]*node, len(d.terms))
	nodes := make([]node, len(d.terms))
	for i, tm := range d.terms {
		nodes[i] = node{op: opTerm, term: tm, fields: f, pos: pos}
		k[i] = &nodes[i]
	}
	if d.leaves == nil {
		d.leaves = map[fieldSet][]*node{}
	}
	d.leaves[f] = k
	return k
}

// NewAliases takes the alias definitions (names without @, each with its phrases). It does not copy
// them: the caller must not change them afterwards.
func NewAliases(defs map[string][]string) *Aliases {
	a := &Aliases{defs: make(map[string]*aliasDef, len(defs))}
	for name, phrases := range defs {
		a.defs[name] = &aliasDef{name: name, phrases: phrases}
	}
	return a
}

// lookup finds an alias by name, ignoring case when no name matches exactly.
func (a *Aliases) lookup(name string) *aliasDef {
	if d, ok := a.defs[name]; ok {
		return d
	}
	for k, d := range a.defs {
		if strings.EqualFold(k, name) {
			return d
		}
	}
	return nil
}

func (a *Aliases) names() []string {
	names := make([]string, 0, len(a.defs))
	for k := range a.defs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// read makes the alias's terms, once.
func (d *aliasDef) read() {
	d.once.Do(func() {
		terms := make([]*term, 0, len(d.phrases))
		texts := make([]string, 0, len(d.phrases))
		for _, ph := range d.phrases {
			tm, err := newTerm(ph)
			if err != nil {
				d.bad, d.err = ph, err
				return
			}
			terms = append(terms, tm)
			texts = append(texts, tm.text)
			if tm.alt != nil {
				d.alts++
			}
		}
		d.terms, d.texts = terms, texts
	})
}

// newTerm makes a term from its text as written. A trailing * makes the last word a prefix.
func newTerm(text string) (*term, error) {
	text = normalizeTermText(text)
	body, prefix := strings.CutSuffix(text, "*")
	ws, cjk, cased := termWords(body)
	if len(ws) == 0 {
		if text == "" {
			return nil, fmt.Errorf("empty phrase")
		}
		return nil, fmt.Errorf("a term needs at least one letter or digit")
	}
	if prefix {
		cased[len(cased)-1] = false // a wildcard prefix matches any case
	}
	t := &term{text: text, words: ws, cjk: cjk, cased: cased, prefix: prefix}
	if j := joinHyphens(text); j != text {
		// "e-mail" is also "email", "COVID-19" "COVID19", "cease-fire" "ceasefire": the same
		// word written closed (the text-side counterpart is in scanField, hyphenJoins)
		if alt, err := newTerm(j); err == nil && !slices.Equal(alt.words, ws) {
			t.alt = alt
		}
	}
	return t, nil
}

// joinHyphens returns s with every hyphen (or dash or minus sign typed for one) that joins two
// letters or digits removed: the compound written closed.
func joinHyphens(s string) string {
	if !strings.ContainsAny(s, "-\u2010\u2011\u2012\u2013\u2212") {
		return s
	}
	var b strings.Builder
	prev := rune(-1)
	for i, r := range s {
		if isJoiningHyphen(r) && isWordRune(prev) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if isWordRune(next) && joinableAt(s, i, i+utf8.RuneLen(r)) {
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// joinableAt reports whether the words before s[i] and from s[j] on, around a hyphen, are one word
// written closed (see joinable).
func joinableAt(s string, i, j int) bool {
	a := strings.LastIndexFunc(s[:i], func(r rune) bool { return !isWordRune(r) }) + 1
	b := strings.IndexFunc(s[j:], func(r rune) bool { return !isWordRune(r) })
	if b < 0 {
		b = len(s) - j
	}
	return joinable(Fold(s[a:i]), Fold(s[j:j+b]))
}

// isMinus reports whether r, at the start of a bare run, negates it: the hyphen-minus, or a dash,
// hyphen or minus sign typed for it (smart punctuation turns "-" or "--" into "–" or "—"). A dash
// standing alone, with a space after it, is no operator (a "-" so is an error).
func isMinus(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D':
		return true
	}
	return false
}

// isJoiningHyphen reports whether r is a hyphen, or a dash or minus sign typed for one, which may
// join the two parts of a compound ("e-mail", "COVID‑19" with a no-break hyphen).
func isJoiningHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}

// termWords returns the folded words of a term's text, whether each is a CJK run, and whether each
// is written as an acronym.
func termWords(s string) (ws []string, cjk, cased []bool) {
	t := getTokenizer()
	defer putTokenizer(t)
	t.tokenize(s)
	ws = make([]string, len(t.toks))
	cjk = make([]bool, len(t.toks))
	cased = make([]bool, len(t.toks))
	for i, tk := range t.toks {
		ws[i] = strings.Clone(t.word(i))
		cjk[i] = tk.cjk
		cased[i] = !tk.cjk && acronym(s[tk.start:tk.end])
	}
	return ws, cjk, cased
}

// maxAcronym is the most letters a word written in capitals has to be an acronym of a query.
const maxAcronym = 4

// acronym reports whether a query word, as written, is an acronym, which matches only text written in
// capitals: initials with full stops ("U.S.", "U.N."), or two to maxAcronym letters all in capitals
// ("US", "UN", "WHO", "IT", "NATO"; digits may come with them: "COP28"). Such words are often common
// words in lower case ("us", "un", "who", "it", Italian "nato"): matched regardless of case, a watch
// for the World Health Organization would alert on every "who".
func acronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r), unicode.IsTitle(r):
			return false
		case unicode.IsUpper(r):
			letters++
		}
	}
	return letters >= 2 && (letters <= maxAcronym || strings.ContainsRune(w, '.'))
}

// normalizeTermText removes quote characters and collapses white space.
func normalizeTermText(s string) string {
	s = strings.Map(func(r rune) rune {
		if isQuote(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Keywords builds the simple form of a watch: any of keywords (each a word or phrase, a trailing *
// making a prefix) and none of exclude.
func Keywords(keywords, exclude []string) (*Query, error) {
	if len(keywords) == 0 {
		return nil, fmt.Errorf("match: a watch needs at least one keyword")
	}
	mk := func(list []string, what string) ([]*node, error) {
		var out []*node
		for _, k := range list {
			tm, err := newTerm(k)
			if err != nil {
				return nil, fmt.Errorf("match: %s %q: %w", what, k, err)
			}
			out = append(out, &node{op: opTerm, term: tm, fields: defaultField})
		}
		return out, nil
	}
	pos, err := mk(keywords, "keyword")
	if err != nil {
		return nil, err
	}
	neg, err := mk(exclude, "exclude")
	if err != nil {
		return nil, err
	}
	root := flatten(opOr, 0, pos)
	if len(neg) > 0 {
		kids := []*node{root}
		for _, n := range neg {
			kids = append(kids, &node{op: opNot, kids: []*node{n}})
		}
		root = &node{op: opAnd, kids: kids}
	}
	return &Query{root: root}, nil
}
