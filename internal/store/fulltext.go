package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Full-text search on PostgreSQL. The SQLite store indexes an article's
// folded title and body (match.Fold) with FTS5's unicode61 tokenizer, and
// searches it with FTS5 expressions (match.Query.FTS). On PostgreSQL the same
// tokens — cut here in Go as unicode61 cuts them, not by a text search
// configuration, whose parser and dictionaries differ by server and locale —
// are stored as a tsvector with their positions, and the same FTS5
// expression is translated into a tsquery over them (ftsToTSQuery): both
// engines select the same articles.
//
// Known difference: PostgreSQL keeps positions up to 16,383 (later words
// share the last position), so a phrase after an article's 16,383rd word
// may not be found there; a single word is.

// ftsTokens cuts folded text into FTS5 unicode61 tokens: runs of letters,
// digits and private-use characters (Unicode categories L*, N*, Co),
// lower-cased; everything else separates them.
func ftsTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		tok := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
		switch {
		case tok && start < 0:
			start = i
		case !tok && start >= 0:
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// maxLexeme is the longest lexeme PostgreSQL takes, in bytes.
const maxLexeme = 2046

// tsvector is the tsvector literal of an article's folded title and body:
// every token with its positions, the body's counted on from the title's
// past a gap, so that no phrase runs from the title into the body (FTS5
// keeps them in two columns).
func tsvector(title, body string) string {
	pos := map[string][]int{}
	var order []string
	n := 0
	add := func(text string) {
		for _, t := range ftsTokens(text) {
			n++
			if len(t) > maxLexeme {
				continue // unsearchable; PostgreSQL refuses it
			}
			if _, ok := pos[t]; !ok {
				order = append(order, t)
			}
			if p := pos[t]; len(p) < 256 && (len(p) == 0 || p[len(p)-1] < 16383) {
				pos[t] = append(p, min(n, 16383))
			}
		}
	}
	add(title)
	n++ // the gap
	add(body)
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(t))
		for j, p := range pos[t] {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// tsLexeme quotes a lexeme for a tsvector or tsquery literal.
func tsLexeme(t string) string {
	return "'" + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(t) + "'"
}

// ftsToTSQuery translates an FTS5 expression of the form match.Query.FTS
// writes — phrases in double quotes (a doubled quote inside), a * after one
// for a prefix, AND, OR, NOT and parentheses — into a tsquery over the
// tokens tsvector stores. A phrase is its tokens in sequence (<->), a
// prefix phrase's last token a prefix (:*), "a NOT b" is "a & !b". ok is
// false when the expression can match nothing (a phrase without tokens
// where FTS5 needs it).
func ftsToTSQuery(expr string) (q string, ok bool, err error) {
	p := &ftsParser{s: expr}
	n, err := p.or()
	if err == nil {
		p.space()
		if p.i < len(p.s) {
			err = fmt.Errorf("unexpected %q", p.s[p.i:])
		}
	}
	if err != nil {
		return "", false, fmt.Errorf("full-text expression %q: %w", expr, err)
	}
	if n == "" {
		return "", false, nil
	}
	return n, true, nil
}

// ftsParser parses FTS5 expressions; each rule returns the tsquery of what
// it read, "" for what matches nothing.
type ftsParser struct {
	s string
	i int
}

func (p *ftsParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

// keyword reads an operator keyword followed by a space or a parenthesis.
func (p *ftsParser) keyword(k string) bool {
	p.space()
	if !strings.HasPrefix(p.s[p.i:], k) {
		return false
	}
	j := p.i + len(k)
	if j < len(p.s) && p.s[j] != ' ' && p.s[j] != '(' && p.s[j] != '"' {
		return false
	}
	p.i = j
	return true
}

// or: and { OR and }
func (p *ftsParser) or() (string, error) {
	l, err := p.and()
	if err != nil {
		return "", err
	}
	parts := []string{}
	if l != "" {
		parts = append(parts, l)
	}
	for p.keyword("OR") {
		r, err := p.and()
		if err != nil {
			return "", err
		}
		if r != "" {
			parts = append(parts, r)
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, " | ") + ")", nil
}

// and: not { AND not | not } (FTS5 reads juxtaposed phrases as AND)
func (p *ftsParser) and() (string, error) {
	l, err := p.not()
	if err != nil {
		return "", err
	}
	parts := []string{l}
	for {
		if !p.keyword("AND") {
			p.space()
			if p.i >= len(p.s) || (p.s[p.i] != '"' && p.s[p.i] != '(') {
				break
			}
		}
		r, err := p.not()
		if err != nil {
			return "", err
		}
		parts = append(parts, r)
	}
	for _, x := range parts {
		if x == "" {
			return "", nil
		}
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, " & ") + ")", nil
}

// not: primary { NOT primary }
func (p *ftsParser) not() (string, error) {
	l, err := p.primary()
	if err != nil {
		return "", err
	}
	for p.keyword("NOT") {
		r, err := p.primary()
		if err != nil {
			return "", err
		}
		if l != "" && r != "" {
			l = "(" + l + " & !" + r + ")"
		}
	}
	return l, nil
}

// primary: "phrase" [*] | ( or )
func (p *ftsParser) primary() (string, error) {
	p.space()
	if p.i >= len(p.s) {
		return "", errors.New("expression ends early")
	}
	if p.s[p.i] == '(' {
		p.i++
		n, err := p.or()
		if err != nil {
			return "", err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return "", errors.New("missing )")
		}
		p.i++
		return n, nil
	}
	if p.s[p.i] != '"' {
		return "", fmt.Errorf("expected a phrase at %q", p.s[p.i:])
	}
	var b strings.Builder
	j := p.i + 1
	for {
		k := strings.IndexByte(p.s[j:], '"')
		if k < 0 {
			return "", errors.New("unterminated phrase")
		}
		b.WriteString(p.s[j : j+k])
		j += k + 1
		if j < len(p.s) && p.s[j] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		break
	}
	prefix := j < len(p.s) && p.s[j] == '*'
	if prefix {
		j++
	}
	p.i = j
	toks := ftsTokens(b.String())
	if len(toks) == 0 {
		return "", nil
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = tsLexeme(t)
	}
	if prefix {
		parts[len(parts)-1] += ":*"
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, " <-> ") + ")", nil
}
