package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMax is how many quotations Rank returns when RankOptions.Max is 0.
const DefaultMax = 2

// RankOptions says what makes a quotation relevant to a watch.
type RankOptions struct {
	// Terms are the watch's terms (words or phrases); a quotation that
	// contains one ranks first, one with a term in its own or a
	// neighbouring paragraph next. Matching ignores case and respects word
	// boundaries.
	Terms []string
	// Names are watched people; a quotation whose speaker is one of them
	// (full name or last name) ranks first.
	Names []string
	// Max caps how many quotations are returned: 0 means DefaultMax, a
	// negative value means all.
	Max int
}

// Rank orders qs, extracted from text, relevant first: quotations that
// contain a term or whose speaker is a watched name, then those with a term
// near them, then the rest; the order is otherwise the text order. It
// returns at most opts.Max quotations and never modifies qs.
func Rank(text string, qs []Quote, opts RankOptions) []Quote {
	type scored struct {
		q     Quote
		score int
	}
	terms := make([]string, 0, len(opts.Terms))
	for _, t := range opts.Terms {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			terms = append(terms, t)
		}
	}
	paras := paragraphs(text)
	qs = dropRepeats(qs)
	ss := make([]scored, len(qs))
	for i, q := range qs {
		s := 0
		for _, t := range terms {
			inside := false
			for _, part := range q.Texts(text) {
				if containsTerm(strings.ToLower(part), t) {
					inside = true
					break
				}
			}
			switch {
			case inside:
				s += 4
			case near(text, paras, q, t):
				s++
			}
		}
		if q.Speaker != "" {
			for _, n := range opts.Names {
				if sameName(q.Speaker, n) {
					s += 4
					break
				}
			}
		}
		ss[i] = scored{q, s}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].score > ss[j].score })
	max := opts.Max
	if max == 0 {
		max = DefaultMax
	}
	if max < 0 || max > len(ss) {
		max = len(ss)
	}
	out := make([]Quote, max)
	for i := range out {
		out[i] = ss[i].q
	}
	return out
}

// dropRepeats leaves out a quotation whose words another one says again —
// a pull quote set apart from the paragraph that quotes it with its
// speaker — keeping the one with a speaker (else the first). It returns qs
// itself when nothing repeats.
func dropRepeats(qs []Quote) []Quote {
	keys := make([]string, len(qs))
	for i, q := range qs {
		keys[i] = quoteKey(q.Text)
	}
	drop := make([]bool, len(qs))
	any := false
	for i := range qs {
		for j := range qs {
			if i == j || drop[j] || keys[i] == "" || keys[i] != keys[j] {
				continue
			}
			// i repeats j: drop i unless it is the one to keep.
			// (two people saying the same words are two quotations)
			if qs[j].Speaker != "" && qs[i].Speaker == "" || qs[j].Speaker == qs[i].Speaker && j < i {
				drop[i], any = true, true
				break
			}
		}
	}
	if !any {
		return qs
	}
	out := make([]Quote, 0, len(qs))
	for i, q := range qs {
		if !drop[i] {
			out = append(out, q)
		}
	}
	return out
}

// quoteKey is a quotation's words, lower-cased, for telling repeats apart
// from their punctuation ("… worse." and "… worse,").
func quoteKey(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "))
}

// near reports whether term t occurs in q's paragraphs or the paragraph
// just before or after them.
func near(text string, paras []Span, q Quote, t string) bool {
	if len(paras) == 0 || q.Start < 0 || q.End > len(text) || q.Start > q.End {
		return false
	}
	first, last := -1, -1
	for i, p := range paras {
		if first < 0 && q.Start < p.End {
			first = i
		}
		if q.End > p.Start {
			last = i
		}
	}
	if first < 0 || last < 0 {
		return false
	}
	from := paras[max(0, first-1)].Start
	to := paras[min(len(paras)-1, last+1)].End
	if from >= to {
		return false
	}
	return containsTerm(strings.ToLower(text[from:to]), t)
}

// containsTerm reports whether the lower-cased s contains the lower-cased
// term t as whole words.
func containsTerm(s, t string) bool {
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], t)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(t):])
		if (i == 0 || !isWordRune(before)) && (i+len(t) == len(s) || !isWordRune(after)) {
			return true
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		off = i + n
	}
	return false
}

// sameName reports whether a speaker is the watched name: equal ignoring
// case and punctuation, or agreeing on the last name when one of them is
// given by last name only.
func sameName(speaker, watched string) bool {
	a, b := nameWords(speaker), nameWords(watched)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if strings.Join(a, " ") == strings.Join(b, " ") {
		return true
	}
	if a[len(a)-1] != b[len(b)-1] {
		return false
	}
	return len(a) == 1 || len(b) == 1
}

// nameWords lower-cases a name and splits it into words, dropping leading titles.
func nameWords(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
	for len(ws) > 1 {
		if _, title := titles[ws[0]]; !title {
			break
		}
		ws = ws[1:]
	}
	return ws
}
