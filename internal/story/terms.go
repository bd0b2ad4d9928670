package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/match"
)

// leadWords is how many words of the lead (or, without one, of the text) count as the lead.
const leadWords = 60

// Weights of a term by where it is and what it is. A term's weight in an article is the largest that
// applies; the score multiplies it by the term's inverse document frequency.
const (
	weightTitle  = 1.0
	weightLead   = 0.5
	entityFactor = 1.5 // a name or a number is worth more than a common word of the same rarity
)

// token is a word of an article's title or lead as the clusterer sees it.
type token struct {
	fold   string
	entity bool
	// capital says that the word starts with a capital letter; telling, that the capital tells
	// something: the word is inside a sentence of text that capitalises only names (not title case,
	// not German). The clusterer learns from telling words which words are names, and so finds names
	// in headlines written in title case, and at the start of a sentence.
	capital, telling bool
}

// tokens returns the words of s that can tell a story apart: folded as the matcher folds them,
// without stop words of lang (all known languages when lang is empty) and without single letters,
// then stemmed (see stem). A word is an entity when it is a number or when it is capitalised inside a
// sentence of text that is not written in title case (where every word has a capital and capitals say
// nothing) nor in German; the clusterer finds more names among the capitalised words (see
// Clusterer.articleTerms).
func tokens(s, lang string, max int) []token {
	return wordTokens(s, match.Words(s), lang, max)
}

// wordTokens is tokens of s given its words (match.Words(s)).
func wordTokens(s string, ws []match.Word, lang string, max int) []token {
	return appendWordTokens(nil, s, ws, lang, max)
}

// appendWordTokens appends wordTokens(s, ws, lang, max) to out.
func appendWordTokens(out []token, s string, ws []match.Word, lang string, max int) []token {
	if max > 0 && len(ws) > max {
		ws = ws[:max]
	}
	// capitals mark names except in title case and in German, which capitalises every noun
	capitals := !isTitleCase(s, ws) && lang != "de" && lang != "lb"
	stops := stopSet(lang)
	for i, w := range ws {
		digits := isDigits(w.Fold)
		// fewer than 2 letters (a fold of 5 bytes or more has 2 at least)
		if !w.CJK && (len(w.Fold) < 2 || len(w.Fold) < 5 && utf8.RuneCountInString(w.Fold) < 2) && !digits {
			continue
		}
		if stops.has(w.Fold) {
			continue
		}
		tk := token{fold: w.Fold, entity: digits, capital: caseAt(s, w.Start)&caseUpper != 0}
		if !w.CJK {
			tk.fold = stem(w.Fold, lang)
		}
		if !digits && capitals && i > 0 && !sentenceStart(s, ws[i-1].End, w.Start) {
			tk.telling = true
			tk.entity = tk.capital
		}
		out = append(out, tk)
	}
	return out
}

// isTitleCase says whether most words of s that could have a capital have one ("Dole Will No Longer
// Be Top Banana").
func isTitleCase(s string, ws []match.Word) bool {
	caps, letters := 0, 0
	for _, w := range ws {
		c := caseAt(s, w.Start)
		if c&caseLetter == 0 || c&(caseUpper|caseLower) == 0 {
			continue
		}
		if len(w.Fold) <= 3 && c&caseLower != 0 { // "of", "the", "to" stay lower in title case
			continue
		}
		letters++
		if c&caseUpper != 0 {
			caps++
		}
	}
	return letters >= 3 && caps*10 >= letters*7
}

// The case of a character (caseAt): an upper-case letter, a lower-case letter, a letter.
const (
	caseUpper = 1 << iota
	caseLower
	caseLetter
)

// caseAt returns the case of the character at s[at:] as unicode.IsUpper, IsLower and IsLetter say
// it, an ASCII byte's from a table.
func caseAt(s string, at int) uint8 {
	if c := s[at]; c < utf8.RuneSelf {
		return asciiCase[c]
	}
	return runeCase(s[at:])
}

// runeCase is caseAt of the first rune of s (apart, so that caseAt is inlined).
func runeCase(s string) uint8 {
	r, _ := utf8.DecodeRuneInString(s)
	var c uint8
	if unicode.IsUpper(r) {
		c |= caseUpper
	}
	if unicode.IsLower(r) {
		c |= caseLower
	}
	if unicode.IsLetter(r) {
		c |= caseLetter
	}
	return c
}

// asciiCase is runeCase of each ASCII character.
var asciiCase = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		t[c] = runeCase(string(rune(c)))
	}
	return t
}()

// sentenceStart says whether the text between two words, s[from:to], ends a sentence (or opens a
// quotation or heading), after which a capital says nothing.
func sentenceStart(s string, from, to int) bool {
	gap := strings.TrimSpace(s[from:to])
	if gap == "" {
		return false
	}
	return strings.ContainsAny(gap, ".!?:;\"“«¡¿\n") || strings.Contains(gap, "—") || strings.Contains(gap, " - ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stemRunes is the length words are cut to.
const stemRunes = 5

// stem reduces a folded word to the form two headlines' words are compared by: the plural ending off
// an English word ("homes" → "home", "companies" → "company"), then, in every language, the first
// stemRunes letters ("hospitalised", "hospitalized" and "hospital" → "hospi"; "recalls" and
// "recalled" → "recal"). Cutting words short is the crudest of stemmers, but it needs no word lists
// and serves every language alike; the words it wrongly joins are rarely both in two headlines of
// one day, and the inverse document frequency weighs the common stems down. Numbers stay whole.
func stem(w, lang string) string {
	if isDigits(w) {
		return w
	}
	w = plural(w, lang)
	if len(w) <= stemRunes { // no more runes than bytes
		return w
	}
	if isASCII(w[:stemRunes]) {
		return w[:stemRunes]
	}
	n := 0
	for i := range w {
		if n == stemRunes {
			return w[:i]
		}
		n++
	}
	return w
}

// plural takes the plural ending off an English word. Other languages are left as they are.
func plural(w, lang string) string {
	if lang != "en" || len(w) < 4 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// Headline returns a title without the furniture of agency headlines, which says nothing of the
// event and makes unrelated headlines of one outlet look alike: the revision number in a leading desk
// slug ("UPDATE 2-", "WRAPUP 1-"; the slug's words are kept) and a trailing revision count of one or
// two digits ("… Top Banana (3)").
func Headline(t string) string {
	t = strings.TrimSpace(t)
	var slugs []string
	for end := slugEnd(t); end > 0; end = slugEnd(t) { // "RPT-UPDATE 2-"
		slugs = append(slugs, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, t[:end]))
		t = t[end:]
	}
	if len(slugs) > 0 {
		t = strings.Join(slugs, " ") + " " + t
	}
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndexByte(t, '('); i > 0 && i < len(t)-2 && len(t)-i <= 4 && isDigits(t[i+1:len(t)-1]) {
			t = strings.TrimSpace(t[:i])
		}
	}
	return t
}

// slugEnd returns the length of a leading desk slug of t — capital letters (at least three), digits
// and spaces, ending in a hyphen that touches the next word: "UPDATE 2-", "US STOCKS-" — or 0.
func slugEnd(t string) int {
	letters := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9', c == ' ':
		case c == '-':
			if letters < 3 || i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '-' {
				return 0
			}
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
