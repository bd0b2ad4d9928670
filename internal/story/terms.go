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
}

// tokens returns the words of s that can tell a story apart: folded as the matcher folds them,
// without stop words of lang (all known languages when lang is empty) and without single letters. A
// word is an entity when it is a number or when it is capitalised inside a sentence of text that is not
// written in title case (where every word has a capital and capitals say nothing) nor in German.
func tokens(s, lang string, max int) []token {
	ws := match.Words(s)
	if max > 0 && len(ws) > max {
		ws = ws[:max]
	}
	// capitals mark names except in title case and in German, which capitalises every noun
	capitals := !isTitleCase(s, ws) && lang != "de" && lang != "lb"
	out := make([]token, 0, len(ws))
	for i, w := range ws {
		if !w.CJK && utf8.RuneCountInString(w.Fold) < 2 && !isDigits(w.Fold) {
			continue
		}
		if isStopWord(w.Fold, lang) {
			continue
		}
		ent := isDigits(w.Fold)
		if !ent && capitals && i > 0 && !sentenceStart(s, ws[i-1].End, w.Start) {
			r, _ := utf8.DecodeRuneInString(s[w.Start:])
			ent = unicode.IsUpper(r)
		}
		out = append(out, token{fold: stem(w.Fold, lang), entity: ent})
	}
	return out
}

// isTitleCase says whether most words of s that could have a capital have one ("Dole Will No Longer
// Be Top Banana").
func isTitleCase(s string, ws []match.Word) bool {
	caps, letters := 0, 0
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(s[w.Start:])
		if !unicode.IsLetter(r) || !(unicode.IsUpper(r) || unicode.IsLower(r)) {
			continue
		}
		if len(w.Fold) <= 3 && unicode.IsLower(r) { // "of", "the", "to" stay lower in title case
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return letters >= 3 && caps*10 >= letters*7
}

// sentenceStart says whether the text between two words, s[from:to], ends a sentence (or opens a
// quotation or heading), after which a capital says nothing.
func sentenceStart(s string, from, to int) bool {
	gap := strings.TrimSpace(s[from:to])
	if gap == "" {
		return false
	}
	return strings.ContainsAny(gap, ".!?:;\"“«¡¿\n") || strings.Contains(gap, "—") || strings.Contains(gap, " - ")
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

// stem takes the plural ending off an English word ("homes" → "home", "companies" → "company"), so
// that a headline's singular and another's plural meet. Other languages are left as they are.
func stem(w, lang string) string {
	if lang != "en" || len(w) < 4 || isDigits(w) {
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
