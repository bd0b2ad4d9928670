package quote

import (
	"strings"
	"unicode"
)

// A word is capitalised at the start of a sentence whatever it is: "Rival
// Hillary Clinton had mocked", "Neither Donald J. Trump nor", "Stated
// Stone:", "Pressure is building on McAuliffe", "Small groups of
// protesters". A speaker whose first word the article capitalises only
// there, and otherwise writes in lower case or never again, is not a name
// that starts with that word: the word is dropped from a longer name
// (Hillary Clinton, Donald J. Trump, Stone), and a speaker of that one word
// alone is no one the article names — unless a title, a role, a gendered
// pronoun or a common given name shows it to be a person.

// capitalWords holds, lower-cased, the words a text capitalises somewhere
// other than at the start of a sentence, and lowerWords those it writes in
// lower case.
type capitalWords struct {
	mid, lower map[string]bool
}

// wordUses reads how text writes its words.
func wordUses(text string) capitalWords {
	cw := capitalWords{mid: map[string]bool{}, lower: map[string]bool{}}
	toks := tokenize(text, 0, len(text))
	for k, t := range toks {
		if !t.word {
			continue
		}
		lw := stripPossessive(t.lower())
		if !t.capitalized() {
			cw.lower[lw] = true
			continue
		}
		if k == 0 {
			continue
		}
		p := toks[k-1]
		if p.word || p.s == "," || p.s == ";" || p.s == "(" || p.s == "&" {
			if !strings.Contains(text[p.end:t.start], "\n") {
				cw.mid[lw] = true
			}
		}
	}
	return cw
}

// openerOnly reports whether the capitalised word w stands in the text only
// where a sentence starts (or, as a name's first word, is written in lower
// case elsewhere), and is no title, no given name, no acronym and no
// initial.
func (cw capitalWords) openerOnly(w string, alsoLower bool) bool {
	lw := stripPossessive(strings.ToLower(w))
	if lw == "" || !unicode.IsUpper(r0(w)) || acronym(w) || initial(w) || isTitle(token{s: w, word: true}) {
		return false
	}
	if givenNameGender([]string{w}) != 0 {
		return false
	}
	if cw.mid[lw] {
		return false
	}
	return !alsoLower || cw.lower[lw] || strings.HasSuffix(lw, "ing") || strings.HasSuffix(lw, "ed")
}

// dropOpener cleans a speaker of a word that only a sentence start
// capitalised (see above); ix says whether a one-word speaker is shown to
// be a person.
func (a *attributor) dropOpener(speaker string, uses func() capitalWords) string {
	words := strings.Fields(speaker)
	if len(words) == 0 || !unicode.IsUpper(r0(words[0])) {
		return speaker
	}
	if len(words) == 1 {
		if a.ix.isPerson(speaker) || a.ix.genderOf(speaker) != 0 {
			return speaker
		}
		if !pluralWord(words[0]) && uses().openerOnly(words[0], true) {
			return "" // Pressure is building on …, chants of "Bobby!"
		}
		return speaker
	}
	rest := words[1:]
	for _, w := range rest {
		if !unicode.IsUpper(r0(w)) && !initial(w) {
			return speaker // a description or a phrase: not a name to clean
		}
	}
	name := strings.Join(rest, " ")
	// (the rest named on its own elsewhere: Neither Donald J. Trump nor …,
	// where the article also writes Donald J. Trump)
	alone := len(rest) > 1 && strings.Count(a.src, name) > strings.Count(a.src, speaker)
	if !uses().openerOnly(words[0], !alone) {
		return speaker
	}
	if full := a.ix.fullName(name); !strings.HasPrefix(full, words[0]+" ") {
		return full // Stated Stone → Roger Stone
	}
	return name // Rival Hillary Clinton → Hillary Clinton (the index's fullest form is the one with the opener)
}

// nameThenVerb reports whether toks[m:k+1], read back from a reporting
// verb as a description with no determiner, is rather a name and its own
// verb in the past tense (Ruiz denied, Trump insisted), whose object
// clause the reporting verb belongs to.
func nameThenVerb(toks []token, m, k int) bool {
	if k < 1 || m > k-1 || isDeterminer(toks[m].lower()) {
		return false
	}
	lw := toks[k].lower()
	return isNameWord(toks[k-1]) && isLowerWord(toks[k]) && strings.HasSuffix(lw, "ed") && !roleNoun(lw)
}
