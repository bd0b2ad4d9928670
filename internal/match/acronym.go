package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Acronyms. A query word written as an acronym (see acronym) matches a text word only where the text
// writes it in capitals, or capitalised where that can only be the writer's choice. These functions
// look at a text word as written (the tokens' original bytes); they run only for the occurrences of
// such words, never on the matcher's hot path.

type wordCase uint8

const (
	caseOther wordCase = iota // lower case, or mixed ("uS", "iPhone")
	caseUpper                 // every letter a capital: "US", "U.S.", "NATO"
	caseTitle                 // the first letter a capital, the others small: "Nato", "Who"
)

// letterCase returns the case of the word w as written.
func letterCase(w string) wordCase {
	upper, lower, letters := 0, 0, 0
	firstUpper := false
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.IsUpper(r), unicode.IsTitle(r):
			upper++
			if letters == 0 {
				firstUpper = true
			}
		case unicode.IsLower(r):
			lower++
		}
		letters++
	}
	switch {
	case upper > 0 && lower == 0:
		return caseUpper
	case firstUpper && upper == 1:
		return caseTitle
	}
	return caseOther
}

// sentenceStart reports whether token i of text begins its field, a sentence (a full stop,
// question or exclamation mark, colon, ellipsis or line break before it) or a quotation (a quotation
// mark just before it): a place where any word is capitalised.
func sentenceStart(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	gap := text[toks[i-1].end:toks[i].start]
	if strings.ContainsAny(gap, ".!?:…。！？\n\r") {
		return true
	}
	gap = strings.TrimRightFunc(gap, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(gap)
	return strings.ContainsRune("\"'“”„‟«»‹›‘’‚「『", r)
}

// titleCase reports whether a field is written in Title Case, as many headlines are ("Here's Who Won
// the Election"): at least three words are capitalised, and so is every word of four letters or more.
// In such a field a capitalised word says nothing about the word.
func titleCase(text string, toks []token) bool {
	capitalised := 0
	for k := range toks {
		tk := &toks[k]
		if tk.cjk {
			continue
		}
		w := text[tk.start:tk.end]
		first, letters := rune(-1), 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				if letters == 0 {
					first = r
				}
				letters++
			}
		}
		switch {
		case letters == 0:
		case unicode.IsUpper(first) || unicode.IsTitle(first):
			capitalised++
		case letters >= 4 && unicode.IsLower(first):
			return false
		}
	}
	return capitalised >= 3
}
