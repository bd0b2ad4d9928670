package quote

import "strings"

// A name set off by commas may carry where its bearer works or comes from
// — "One pastor supporting Mr. Cole, Dale Whitney of Grace Church in Ames,
// said" — and is still the subject of the verb after the commas: the
// speaker is the name before "of", not the church, the town, or a name
// earlier in the description.

// nameOfPlace reads toks[from:end], the part between two commas before a
// reporting verb, as a person's name followed by "of", "from" or "at" and
// a capitalised name of a body or a place (with "in", "of", "the" and
// "and" between its words), and returns the person's name.
func nameOfPlace(src string, toks []token, from, end int) (phrase, bool) {
	n, roles, e, ok := parseName(src, toks, from)
	if !ok || e >= end-1 || len(n.words) < 2 || !personLike(n.words) {
		return phrase{}, false
	}
	switch toks[e].lower() {
	case "of", "from", "at":
	default:
		return phrase{}, false
	}
	if !isLowerWord(toks[e]) || !toks[e+1].capitalized() && toks[e+1].lower() != "the" {
		return phrase{}, false
	}
	for _, t := range toks[e+1 : end] {
		switch lw := t.lower(); {
		case t.capitalized():
		case lw == "in" || lw == "of" || lw == "the" || lw == "and" || t.s == "&":
		default:
			return phrase{}, false // Dale Whitney of Ames, who called: a clause, not a place
		}
	}
	return phrase{kind: npName, toks: toks[from:e], name: n, roles: roles}, true
}

// placeAfterTown reports whether toks[m+1:k], set off by the commas at m
// and k, is a state or country right after a town's name (Elizabeth,
// Colorado,; Sumter, South Carolina,): part of a place named in the
// description before the verb, not a name in apposition that speaks.
func placeAfterTown(toks []token, m, k int) bool {
	if m < 1 || m+1 >= k || !isNameWord(toks[m-1]) {
		return false
	}
	words := make([]string, 0, k-m-1)
	for _, t := range toks[m+1 : k] {
		if !t.word {
			return false
		}
		words = append(words, t.s)
	}
	return place(strings.Join(words, " "))
}

// roleComplement reports whether the name starting at toks[i] completes a
// role noun through "of", "at" or "for" (editor at large of The Forward,
// a fellow at the Brookings Institution), with no verb between them: a
// description of someone named before it, who is the speaker.
func roleComplement(toks []token, i int) bool {
	p := i - 1
	if p >= 0 && isDeterminer(toks[p].lower()) {
		p--
	}
	if p < 1 || !isLowerWord(toks[p]) {
		return false
	}
	switch toks[p].lower() {
	case "of", "at", "for":
	default:
		return false
	}
	for q := p - 1; q >= 0 && q >= p-3; q-- {
		t := toks[q]
		if !t.word || !isLowerWord(t) || cueWord(t) || clauseVerb(t) {
			return false
		}
		if roleNoun(t.lower()) {
			return true
		}
	}
	return false
}
