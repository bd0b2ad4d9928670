package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation rune of the text, with its byte span.
type token struct {
	s          string
	start, end int
	word       bool
	surname    bool // a name's word though a month or foreign function word: Theresa May, April Ryan, Samuel Hier (see markMonthSurnames)
	noun       bool // "state" as the noun, not the reporting verb (see markStateNouns)
}

// lower returns the token in lower case.
func (t token) lower() string { return strings.ToLower(t.s) }

// capitalized reports whether the token is a word starting with an upper-case letter.
func (t token) capitalized() bool {
	if !t.word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.s)
	return unicode.IsUpper(r)
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// joiner reports whether r joins two word parts into one word (don't,
// Putin’s, Jean-Paul, U.S).
func joiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.' || r == '‑'
}

// innerJoiner reports whether r, after the word part w, joins it to what
// follows inside one word: a zero-width non-joiner or joiner (Persian
// ظریف‌پور, علی‌اکبر), or a Hebrew gershayim or geresh, written as such or
// as a straight quotation mark or apostrophe (צה"ל, רמטכ"ל), between Hebrew
// letters.
func innerJoiner(w string, r rune) bool {
	switch r {
	case '\u200c', '\u200d':
		return true
	case '"', '״', '׳', '\'':
		last, _ := utf8.DecodeLastRuneInString(w)
		return unicode.Is(unicode.Hebrew, last)
	}
	return false
}

// tokenize splits text[start:end] into words and punctuation. A full stop
// stays on its word when the word is an abbreviation or an initial (Mr.,
// Sen., C., U.S.), so that it does not read as a sentence end.
func tokenize(text string, start, end int) []token {
	var toks []token
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			toks = append(toks, token{s: text[i : i+n], start: i, end: i + n})
			i += n
			continue
		}
		j := i + n
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += n2
				continue
			}
			if joiner(r2) && j+n2 < end {
				r3, _ := utf8.DecodeRuneInString(text[j+n2 : end])
				if isWordRune(r3) {
					j += n2
					continue
				}
			}
			if innerJoiner(text[i:j], r2) {
				if r2 == '׳' || r2 == '״' {
					j += n2 // ג׳ורג׳: the Hebrew marks belong to the word, also at its end
					continue
				}
				if j+n2 < end {
					r3, _ := utf8.DecodeRuneInString(text[j+n2 : end])
					if isWordRune(r3) && (r2 == '\u200c' || r2 == '\u200d' || unicode.Is(unicode.Hebrew, r3)) {
						j += n2
						continue
					}
				}
			}
			break
		}
		w := text[i:j]
		if j < end && text[j] == '.' && isAbbrev(w) {
			j++
			w = text[i:j]
		}
		toks = append(toks, token{s: w, start: i, end: j, word: true})
		i = j
	}
	markMonthSurnames(toks)
	markStateNouns(toks)
	return toks
}

// isAbbrev reports whether w followed by a full stop is an abbreviation
// rather than the end of a sentence.
func isAbbrev(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: Heather C. Briccetti
	}
	if strings.Contains(w, ".") {
		return true // U.S, D.C
	}
	_, ok := abbreviations[strings.ToLower(w)]
	return ok
}

// abbreviations are words that take a full stop without ending a sentence.
var abbreviations = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "dr": {}, "prof": {}, "sen": {}, "rep": {}, "gov": {},
	"gen": {}, "lt": {}, "col": {}, "capt": {}, "sgt": {}, "maj": {}, "adm": {}, "cmdr": {},
	"st": {}, "jr": {}, "sr": {}, "rev": {}, "hon": {}, "pres": {}, "sec": {}, "atty": {},
	"supt": {}, "insp": {}, "det": {}, "cpl": {}, "pvt": {}, "fr": {}, "messrs": {}, "mme": {},
	"mlle": {}, "no": {}, "vs": {}, "etc": {}, "inc": {}, "corp": {}, "ltd": {}, "co": {},
	"jan": {}, "feb": {}, "mar": {}, "apr": {}, "jun": {}, "jul": {}, "aug": {}, "sep": {},
	"sept": {}, "oct": {}, "nov": {}, "dec": {}, "ft": {}, "mt": {}, "ave": {}, "blvd": {},
	"dept": {}, "univ": {}, "est": {}, "approx": {}, "hr": {}, "herr": {}, "frau": {},
}
