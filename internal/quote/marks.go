package quote

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// rawQuote is a quotation as the mark scanner finds it: the outermost pair of
// marks and, for a quote that runs over several paragraphs, one inner span per
// paragraph. Nested quotations are part of their outer quote's text.
type rawQuote struct {
	start, end int    // whole quotation including its marks
	parts      []Span // the words inside the marks, one span per paragraph
	open       rune   // the opening mark
}

// maxDepth bounds how deeply quotations nest; real text never nests more
// than three deep, and the bound keeps scanning linear.
const maxDepth = 6

// maxRescans bounds how often one paragraph is rescanned after a stray
// opening mark, so that adversarial input stays linear in practice.
const maxRescans = 8

// paragraphs returns the spans of the non-blank lines runs of text: a
// paragraph ends at any line break, which is how extracted article text and
// most wire copy separate paragraphs.
func paragraphs(text string) []Span {
	var ps []Span
	start := -1
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' || c == '\r' {
			if start >= 0 {
				ps = append(ps, trimSpan(text, Span{start, i}))
				start = -1
			}
			continue
		}
		if start < 0 && c != ' ' && c != '\t' {
			start = i
		}
	}
	if start >= 0 {
		ps = append(ps, trimSpan(text, Span{start, len(text)}))
	}
	out := ps[:0]
	for _, p := range ps {
		if p.End > p.Start {
			out = append(out, p)
		}
	}
	return out
}

// trimSpan narrows s to exclude surrounding white space.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// closes reports whether mark c closes a quotation opened with o.
func closes(o, c rune) bool {
	switch o {
	case '"':
		return c == '"' || c == '”'
	case '״':
		return c == '״' // Hebrew gershayim used as quotation marks
	case '\'':
		return c == '\'' || c == '’'
	case '“':
		return c == '”' || c == '"' || c == '“'
	case '„':
		return c == '“' || c == '”'
	case '‘':
		return c == '’'
	case '‚':
		return c == '‘' || c == '’'
	case '«':
		return c == '»'
	case '»':
		return c == '«'
	case '‹':
		return c == '›'
	case '「':
		return c == '」'
	case '『':
		return c == '』'
	}
	return false
}

// markAt returns the quotation mark at text[i:end] and its size, or -1. Two
// apostrophes, as in the New York Times archive, or two grave accents
// read as one straight double mark.
func markAt(text string, i, end int) (rune, int) {
	if i+1 < end && (text[i] == '\'' || text[i] == '`') && text[i+1] == '\'' {
		return '"', 2
	}
	if i+1 < end && text[i] == '`' && text[i+1] == '`' {
		return '"', 2
	}
	r, n := utf8.DecodeRuneInString(text[i:end])
	if !isMark(r) {
		return -1, n
	}
	return r, n
}

// markByte reports whether c may be the first byte of a mark markAt reads:
// an ASCII quote, apostrophe or grave accent, or the first byte of the UTF-8
// form of one of isMark's other marks (U+00AB, U+00BB; U+05F4; U+2018 to
// U+201E, U+2039, U+203A; U+300C to U+300F). Most text is none of these,
// which scanParagraph skips without decoding it.
func markByte(c byte) bool { return markBytes[c] }

// markBytes is markByte's table (static data: nothing to build at start).
var markBytes = [256]bool{'"': true, '\'': true, '`': true, 0xC2: true, 0xD7: true, 0xE2: true, 0xE3: true}

// anyMarkByte reports whether a byte of text may start a mark (markByte).
func anyMarkByte(text string) bool {
	for i := 0; i < len(text); i++ {
		if markBytes[text[i]] {
			return true
		}
	}
	return false
}

// skipPlain returns the first position from i on (i a rune's start) whose
// byte may start a mark (markByte), or end, and the last rune before it: no
// mark starts in between, and that rune is the one a rune-by-rune scan from
// i would have read last — a byte that may start a mark is no UTF-8
// continuation byte, so no rune runs over it.
func skipPlain(text string, i, end int) (int, rune) {
	j := i + 1
	for j < end && !markByte(text[j]) {
		j++
	}
	r, _ := utf8.DecodeLastRuneInString(text[i:j])
	return j, r
}

// isMark reports whether r is any quotation mark the scanner knows.
func isMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‘', '’', '‚', '«', '»', '‹', '›', '「', '」', '『', '』', '״':
		return true
	}
	return false
}

// reopens reports whether a paragraph starting with r continues a quotation
// opened with o in the previous paragraph.
func reopens(o, r rune) bool {
	if o == r {
		return true
	}
	switch o {
	case '„':
		return r == '“' // some German typesetting reopens with the high mark
	case '«':
		return r == '»' // French continuation guillemets
	}
	return false
}

// leftOpen reports whether the rune before a mark allows it to open a
// quotation: start of paragraph, space, an opening bracket, a dash or another mark.
func leftOpen(r rune, atStart bool) bool {
	if atStart {
		return true
	}
	if unicode.IsSpace(r) || isMark(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '-', '/':
		return true
	}
	return false
}

// rightClose reports whether the rune after a mark allows it to close a
// quotation: end of paragraph, space, punctuation or another mark.
func rightClose(r rune, atEnd bool) bool {
	if atEnd {
		return true
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

type openMark struct {
	r   rune
	pos int // byte offset of the mark
	end int // byte offset just after the mark
}

// scanResult is what one pass over a paragraph yields.
type scanResult struct {
	quotes []rawQuote
	// unclosed is the outermost opening mark left open at the paragraph's
	// end, or nil.
	unclosed *openMark
	// contClosed reports whether a quotation continued from the previous
	// paragraph was closed here, at contEnd (the position of its closing mark).
	contClosed bool
	contEnd    int
	contClose  int // end of the closing mark
}

// scanParagraph finds the quotations in text[from:p.End]. When cont is not
// nil, a quotation opened by cont is already open at from.
func scanParagraph(text string, p Span, from int, cont *openMark) scanResult {
	var res scanResult
	var stack []openMark
	if cont != nil {
		stack = append(stack, *cont)
	}
	prev := rune(-1)
	if from > p.Start {
		prev, _ = utf8.DecodeLastRuneInString(text[p.Start:from])
	}
	for i := from; i < p.End; {
		if !markByte(text[i]) {
			i, prev = skipPlain(text, i, p.End)
			continue
		}
		r, n := markAt(text, i, p.End)
		if n == 2 && text[i] == '\'' && i+2 < p.End && text[i+2] == '\'' && len(stack) > 0 && stack[len(stack)-1].r == '\'' {
			// Three apostrophes after 'Fox and Friends,: the first
			// closes the inner quotation, the two after it the outer one.
			r, n = '\'', 1
		}
		if r < 0 {
			prev, _ = utf8.DecodeRuneInString(text[i:p.End])
			i += n
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[i+n : p.End])
		if n == 1 || r == '״' {
			if unicode.Is(unicode.Hebrew, prev) && unicode.IsLetter(prev) && unicode.Is(unicode.Hebrew, next) && unicode.IsLetter(next) {
				prev = r // gershayim or geresh inside a word: צה"ל, ג'ורג'
				i += n
				continue
			}
		}
		atStart, atEnd := i == p.Start, i+n >= p.End
		left := leftOpen(prev, atStart)
		right := rightClose(next, atEnd)
		closed := false
		if len(stack) > 0 {
			// Find the innermost open mark this one can close.
			for k := len(stack) - 1; k >= 0 && k >= len(stack)-maxDepth; k-- {
				o := stack[k].r
				if !closes(o, r) {
					continue
				}
				ok := true
				switch {
				case o == '"' || o == '״':
					ok = !(left && !right) || k == len(stack)-1
				case r == '’' || r == '\'' || r == '‘' || (r == '"' && o != '"') || (r == '“' && o == '“'):
					// Not an apostrophe: not after a space, not before a letter.
					ok = !left && right
				}
				if k != len(stack)-1 && (r == '"' || r == '\'' || r == '’' || r == '‘' || r == '“') {
					ok = false // ambiguous marks only close the innermost quotation
				}
				if !ok {
					break
				}
				if k == 0 {
					if cont != nil && stack[0].pos == cont.pos {
						res.contClosed = true
						res.contEnd = i
						res.contClose = i + n
					} else {
						res.quotes = append(res.quotes, rawQuote{
							start: stack[0].pos, end: i + n, open: stack[0].r,
							parts: []Span{trimSpan(text, Span{stack[0].end, i})},
						})
					}
				}
				stack = stack[:k]
				closed = true
				break
			}
		}
		if !closed && len(stack) < maxDepth && opens(r, left, next, atEnd) {
			stack = append(stack, openMark{r: r, pos: i, end: i + n})
		}
		prev = r
		i += n
	}
	if len(stack) > 0 {
		res.unclosed = &stack[0]
	}
	return res
}

// opens reports whether mark r, with the given left context and next rune,
// opens a quotation.
func opens(r rune, left bool, next rune, atEnd bool) bool {
	if atEnd {
		return false
	}
	switch r {
	case '«', '‹', '„', '「', '『':
		return true // never a closing mark; French sets a space inside
	}
	if unicode.IsSpace(next) {
		return false
	}
	switch r {
	case '"', '‘', '‚', '״':
		return left
	case '\'':
		return left && (unicode.IsLetter(next) || unicode.IsDigit(next))
	case '“', '„', '«', '‹', '「', '『':
		return true
	case '»':
		return left && unicode.IsLetter(next)
	}
	return false
}

// scanMarks finds every outermost quotation in text, in text order. A
// quotation left open at a paragraph's end continues when the next paragraph
// starts by reopening the same mark; otherwise its opening mark was stray and
// the rest of the paragraph is scanned again after it.
func scanMarks(text string, paras []Span) []rawQuote {
	var out []rawQuote
	var cont *rawQuote // quotation running on from the previous paragraph
	for pi, p := range paras {
		from := p.Start
		var open *openMark
		if cont != nil {
			r, n := markAt(text, p.Start, p.End)
			if reopens(cont.open, r) {
				open = &openMark{r: cont.open, pos: p.Start, end: p.Start + n}
				from = p.Start + n
			} else {
				cont = nil
			}
		}
		for rescans := 0; ; rescans++ {
			res := scanParagraph(text, p, from, open)
			out = append(out, res.quotes...)
			if open != nil {
				if !res.contClosed {
					cont.parts = append(cont.parts, trimSpan(text, Span{open.end, p.End}))
					cont.end = p.End
					break
				}
				cont.parts = append(cont.parts, trimSpan(text, Span{open.end, res.contEnd}))
				cont.end = res.contClose
				out = append(out, *cont)
				cont = nil
			}
			if res.unclosed == nil {
				break
			}
			u := *res.unclosed
			if pi+1 < len(paras) && u.r != '\'' {
				// markAt, not the first rune: two apostrophes reopen a
				// quotation they opened ('' … / '' … '').
				nr, _ := markAt(text, paras[pi+1].Start, paras[pi+1].End)
				if nr >= 0 && reopens(u.r, nr) {
					cont = &rawQuote{start: u.pos, end: p.End, open: u.r,
						parts: []Span{trimSpan(text, Span{u.end, p.End})}}
					break
				}
			}
			if rescans >= maxRescans {
				break
			}
			// A stray opening mark: look again after it.
			from, open = u.end, nil
		}
	}
	// A quotation still open at the end of the text is dropped.
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	out = append(out, dashDialogue(text, paras, out)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}
