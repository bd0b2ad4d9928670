// Package extraction measures the article reader against public benchmarks:
// main-text precision, recall and F1 on the ScrapingHub article-extraction
// benchmark (with that benchmark's own metric), throughput and peak heap on
// one core, and metadata agreement on mozilla/readability's test pages.
//
// The data sets are read from disk as given; nothing from them is stored in
// the repository.
package extraction

import (
	"strings"
	"unicode"
)

// counts is one page's shingle comparison: true positives, false positives
// and false negatives, normalised to sum to 1 (all zero when both texts are
// empty).
type counts struct{ tp, fp, fn float64 }

// compare compares predicted text with the truth as the ScrapingHub
// benchmark's evaluate.py does: tokens are runs of Unicode word characters
// (\w+), each text becomes a multiset of 4-token shingles, tp counts the
// shared shingles and fp and fn the excess on either side.
func compare(truth, pred string) counts {
	t := shingles(tokens(truth), 4)
	p := shingles(tokens(pred), 4)
	var c counts
	for s, nt := range t {
		np := p[s]
		c.tp += float64(min(nt, np))
		c.fn += float64(max(nt-np, 0))
	}
	for s, np := range p {
		c.fp += float64(max(np-t[s], 0))
	}
	if sum := c.tp + c.fp + c.fn; sum > 0 {
		c = counts{c.tp / sum, c.fp / sum, c.fn / sum}
	}
	return c
}

// precision is 1 when nothing differs and 0 when nothing is shared.
func (c counts) precision() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fp == 0:
		return 0
	}
	return c.tp / (c.tp + c.fp)
}

// recall is 1 when nothing differs and 0 when nothing is shared.
func (c counts) recall() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fn == 0:
		return 0
	}
	return c.tp / (c.tp + c.fn)
}

// average returns mean precision over the pages that predicted something,
// mean recall over the pages whose truth holds something, and the F1 of the
// two means, as the benchmark does.
func average(pages []counts) (p, r, f float64) {
	var np, nr int
	for _, c := range pages {
		if c.tp+c.fp > 0 {
			p += c.precision()
			np++
		}
		if c.tp+c.fn > 0 {
			r += c.recall()
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	return p, r, f1(p, r)
}

// tokens splits s into runs of word characters: letters, numbers and the
// underscore, as Python's \w does for str patterns.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingles counts the n-token windows of toks. A text shorter than n
// tokens yields one shingle holding all of them, so short texts still count.
func shingles(toks []string, n int) map[[4]string]int {
	m := make(map[[4]string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		var k [4]string
		copy(k[:], toks)
		m[k]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		var k [4]string
		copy(k[:], toks[i:i+n])
		m[k]++
	}
	return m
}

// f1 is the harmonic mean of p and r, 0 when both are.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// f1 is the page's own F1.
func (c counts) f1() float64 { return f1(c.precision(), c.recall()) }

// checkSnippets scores a prediction as trafilatura's evaluation does: each
// snippet and the text are white-space-normalised; a wanted snippet found
// in the text is a true positive, one missing a false negative, and an
// unwanted snippet found a false positive. Matching is case-sensitive.
// The counts are not normalised: total sums them over pages.
func checkSnippets(with, without []string, pred string) counts {
	text := normSpace(pred)
	var c counts
	for _, s := range with {
		if strings.Contains(text, normSpace(s)) {
			c.tp++
		} else {
			c.fn++
		}
	}
	for _, s := range without {
		if strings.Contains(text, normSpace(s)) {
			c.fp++
		}
	}
	return c
}

// normSpace collapses runs of white space into single spaces and trims the
// ends.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// total sums the snippet counts of pages and returns precision, recall and
// F1 of the sums, as trafilatura's evaluation does.
func total(pages []counts) (p, r, f float64) {
	var c counts
	for _, pc := range pages {
		c.tp += pc.tp
		c.fp += pc.fp
		c.fn += pc.fn
	}
	if c.tp+c.fp > 0 {
		p = c.tp / (c.tp + c.fp)
	}
	if c.tp+c.fn > 0 {
		r = c.tp / (c.tp + c.fn)
	}
	return p, r, f1(p, r)
}
