package quote

import "strings"

// markStateNouns marks a lower-case "state" or "states" that its
// neighbours show to be the noun, not the reporting verb: after a
// determiner, a preposition or a participle (stating state and local
// authorities are in charge; in states across the country; the swing
// states), or before a noun it qualifies (state and local authorities,
// state officials, states shifting toward the GOP). The verb reports with a
// subject before it and "that", a comma, an adverb or a quotation after it
// (the filing states that …; “…,” the documents state).
//
// "reports" is the noun after a determiner, a number or a word that
// qualifies it (news reports, the two lengthy investigative reports,
// conflicting reports): "Multiple news reports reveal there was more than
// “…”" gave the speaker "Multiple news". The verb has a subject before it
// (the agency reports, Reuters reports).
func markStateNouns(toks []token) {
	for k, t := range toks {
		if t.word && t.s == "reports" && k > 0 && reportsNounBefore(toks[k-1]) {
			toks[k].noun = true
			continue
		}
		if !t.word || (t.s != "state" && t.s != "states") {
			continue
		}
		if stateTitle(toks, k) {
			continue // the last thing state Representative Karlee Macer wants: the title
		}
		if k > 0 && stateNounBefore(toks[k-1]) || k+1 < len(toks) && stateNounAfter(toks, k+1) {
			toks[k].noun = true
		}
	}
}

// stateNounBefore reports whether t, the word before "state", makes it a
// noun: a determiner or possessive (the, every, his), a preposition (in,
// across; not "to", which makes an infinitive) or a participle (saying).
func stateNounBefore(t token) bool {
	if !t.word || !isLowerWord(t) {
		return false
	}
	lw := t.lower()
	if stateNounDeterminers[lw] {
		return true
	}
	if lw != "to" && isPreposition(t) {
		return true
	}
	return len(lw) > 5 && strings.HasSuffix(lw, "ing") && !strings.HasSuffix(lw, "thing") && lw != "according"
}

// stateNounAfter reports whether the words from toks[j] on make the
// "state" before them a noun: "and"/"or" before a lower-case word (state
// and local), or a lower-case content word it qualifies (state officials).
// An adverb (states clearly), "that" or a function word leaves it a verb.
func stateNounAfter(toks []token, j int) bool {
	t := toks[j]
	if !t.word || !isLowerWord(t) {
		return false
	}
	lw := t.lower()
	if lw == "and" || lw == "or" {
		return j+1 < len(toks) && toks[j+1].word && isLowerWord(toks[j+1]) && !functionWord(toks[j+1].lower())
	}
	if functionWord(lw) || strings.HasSuffix(lw, "ly") || isCue(lw) {
		return false
	}
	return true
}

// reportsNounBefore reports whether t, the word before "reports", makes it
// the noun: a determiner or quantifier, a number, or a lower-case word
// that qualifies reports (news, media, investigative, conflicting,
// unconfirmed, official).
func reportsNounBefore(t token) bool {
	if !t.word {
		return false
	}
	lw := t.lower()
	if stateNounDeterminers[lw] || reportQualifiers[lw] || unicodeDigit(lw) {
		return true
	}
	if !isLowerWord(t) || len(lw) < 5 {
		return false
	}
	for _, suf := range []string{"ive", "ous", "ing", "ed"} {
		if strings.HasSuffix(lw, suf) && lw != "according" {
			return true
		}
	}
	return false
}

func unicodeDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// reportQualifiers are words that make a following "reports" the noun.
var reportQualifiers = map[string]bool{"news": true, "media": true, "press": true, "police": true, "intelligence": true,
	"lengthy": true, "early": true, "recent": true, "earlier": true, "previous": true, "multiple": true, "two": true,
	"three": true, "four": true, "five": true, "several": true, "numerous": true, "various": true, "such": true,
	"credit": true, "wire": true, "local": true, "official": true, "annual": true, "internal": true, "final": true,
	"initial": true, "additional": true, "federal": true}

func functionWord(lw string) bool {
	_, ok := functionWords[lw]
	return ok
}

// stateNounDeterminers are the words that make a following "state" a noun.
var stateNounDeterminers = map[string]bool{"the": true, "a": true, "an": true, "this": true, "every": true,
	"each": true, "any": true, "no": true, "one": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "your": true, "whose": true, "another": true, "other": true, "same": true,
	"home": true, "swing": true, "battleground": true, "key": true, "early": true, "many": true, "several": true,
	"some": true, "both": true, "all": true, "those": true, "these": true, "most": true, "few": true}

// spokeInParticiple reports whether got, the antecedent of a continuing
// "he added" at pos, opens a sentence of the paragraph before pos (or of
// pos's own paragraph) whose report is a participle clause: Obama also
// addressed the concerns, stating state and local authorities are in
// charge. “…,” he added — Obama has spoken, so "added" continues him
// rather than an earlier speaker.
func (a *attributor) spokeInParticiple(got string, pos int) bool {
	words := strings.Fields(got)
	if len(words) == 0 {
		return false
	}
	key := words[len(words)-1]
	floor := a.sectionStart(pos)
	seen := 0
	for p := len(a.paras) - 1; p >= 0 && seen < 2; p-- {
		para := a.paras[p]
		if para.Start >= pos {
			continue
		}
		if para.End < floor {
			break
		}
		seen++
		end := min(para.End, pos)
		toks := tokenize(a.src, para.Start, end)
		start := 0
		for k := 0; k < len(toks); k++ {
			if sentenceEnd(toks, k) {
				start = k + 1
				continue
			}
			if k < 1 || toks[k-1].s != "," || !cueWord(toks[k]) || !gerund(toks[k]) {
				continue
			}
			// the sentence opens with the name: capitalised words up to its key
			for j := start; j < k && j < start+4 && toks[j].capitalized(); j++ {
				if toks[j].s == key {
					return true
				}
			}
		}
	}
	return false
}
