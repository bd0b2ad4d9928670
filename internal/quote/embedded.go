package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// embedded reports whether candidate c is a title or a nickname in
// quotation marks inside the writer's sentence — Dana "Dee" Wills; as the
// author of “The Long Border,” put it; wearing a “Kasich 2016” hat —
// rather than a quotation that could bound an attribution: one or two
// words or words in title case, on one line, that end no sentence, with a
// word right before the opening mark and a word (or a comma and a word, or
// a parenthesis) right after the closing one.
func (a *attributor) embedded(c *candidate) bool {
	if len(c.raw.parts) != 1 || c.words == 0 || c.words > 2 && !titleCase(a.src, c) {
		return false
	}
	content := strings.TrimSpace(a.src[c.raw.parts[0].Start:c.raw.parts[0].End])
	if content == "" || strings.ContainsAny(content, "\n") || endsSentence(content) {
		return false
	}
	before := strings.TrimRightFunc(a.src[:c.raw.start], unicode.IsSpace)
	if r, _ := utf8.DecodeLastRuneInString(before); !isWordRune(r) {
		return false
	}
	after := strings.TrimLeftFunc(a.src[c.raw.end:], unicode.IsSpace)
	if strings.HasPrefix(after, ",") {
		after = strings.TrimLeftFunc(after[1:], unicode.IsSpace)
	}
	r, _ := utf8.DecodeRuneInString(after)
	return isWordRune(r) || r == '('
}

// clauseTokens returns the words of c's sentence before and after it, as
// beforeTokens and afterTokens do, but read across the titles and
// nicknames in quotation marks inside it (see embedded), which are left out:
// “…,” council member Dana "Dee" Wills told the crowd; As Carla Mendes,
// author of “The Long Border,” put it, “…”.
// prev and next are the candidates around c, out those attributed so far
// and r the index of c; reachesNext is set only when the words run up to
// next itself.
func (a *attributor) clauseTokens(out []*candidate, r int, prev, c, next *candidate) (before, after []token, reachesNext bool) {
	cp, cn := prev, next
	if !a.embedded(c) {
		for k := len(out) - 1; cp != nil && a.embedded(cp); k-- {
			cp = nil
			if k > 0 {
				cp = out[k-1]
			}
		}
		for k := r + 1; cn != nil && a.embedded(cn); k++ {
			cn = nil
			if k+1 < len(a.cands) {
				cn = a.cands[k+1]
			}
		}
	}
	if cp == prev && cn == next {
		before = a.beforeTokens(prev, c)
		after, reachesNext = a.afterTokens(c, next)
		return before, after, reachesNext
	}
	from := a.paras[c.para].Start
	if cp != nil && cp.raw.end > from {
		from = cp.raw.end
	}
	if from <= c.raw.start {
		before = lastSentence(a.outsideEmbedded(tokenize(a.src, from, c.raw.start)))
		if len(before) > 0 && isPreposition(before[0]) {
			// On Monday's episode of “The Late Hour,” the senator said: a
			// title that ends an opening phrase ends it for the subject too.
			for k := len(before) - 1; k >= 0; k-- {
				if a.endsEmbedded(before[k]) {
					before = before[k+1:]
					break
				}
			}
		}
	}
	to := a.paras[c.lastPara].End
	if cn != nil && cn.raw.start < to {
		to = cn.raw.start
		reachesNext = cn == next
	}
	if c.raw.end > to {
		return before, nil, false
	}
	after = a.outsideEmbedded(tokenize(a.src, c.raw.end, to))
	for k := range after {
		if sentenceEnd(after, k) {
			return before, after[:k], false
		}
	}
	return before, after, reachesNext
}

// embeddedQuote is an embedded title or nickname: its span, marks
// included, and where its words end.
type embeddedQuote struct {
	Span
	wordsEnd int
}

// embeddedQuotes returns the candidates that are embedded, in text order.
func (a *attributor) embeddedQuotes() []embeddedQuote {
	var out []embeddedQuote
	for _, c := range a.cands {
		if a.embedded(c) {
			out = append(out, embeddedQuote{Span{Start: c.raw.start, End: c.raw.end}, c.raw.parts[0].End})
		}
	}
	return out
}

// outsideEmbedded returns toks without those inside an embedded title or
// nickname, marks included, but for a comma that ends its words, which
// closes the phrase the title ends (On an episode of “The Late Hour,” the
// senator said) as a comma after the marks would.
func (a *attributor) outsideEmbedded(toks []token) []token {
	out := toks[:0:0]
	k := 0
	for _, t := range toks {
		for k < len(a.inner) && a.inner[k].End <= t.start {
			k++
		}
		if k < len(a.inner) && a.inner[k].Start <= t.start && !(t.s == "," && t.end == a.inner[k].wordsEnd) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// endsEmbedded reports whether t is the comma that ends the words of an
// embedded title or nickname.
func (a *attributor) endsEmbedded(t token) bool {
	if t.s != "," {
		return false
	}
	for _, e := range a.inner {
		if e.wordsEnd == t.end {
			return true
		}
	}
	return false
}
