package quote

import "strings"

// An unnamed person who opens a sentence between a name and a pronoun —
// Senator Ruth Alvarez spoke for an hour. Then a woman stood up. "…," she
// shouted — is as likely the one the pronoun stands for as the name before
// them; giving the name would be a guess, and a wrong name is worse than
// none. A subject is a noun phrase opened by an indefinite determiner (a,
// an, one, another) at a sentence's start, perhaps after an opening word
// or phrase (Then, Moments later,), whose head is a person noun of the
// pronoun's gender or of none the word tells (a woman, an elderly man, one
// voter; not a man for "she"). An object (she told a reporter) is no
// subject.

// openingTimeWords end an opening phrase of time (Moments later,).
var openingTimeWords = wordSet("later ago earlier afterward afterwards then suddenly meanwhile moments minutes soon finally eventually")

// indefinitePerson are the determiners that introduce someone unnamed.
var indefinitePerson = wordSet("a an one another")

// unnamedPersonBetween reports whether such a subject stands in the text
// between from and to (outside quotations).
func (a *attributor) unnamedPersonBetween(from, to int, g byte, speaker string) bool {
	if from < 0 || from >= to {
		return false
	}
	toks := tokenize(a.src, from, to)
	for i := 1; i+1 < len(toks); i++ {
		_, indefinite := indefinitePerson[toks[i].lower()]
		definite := toks[i].lower() == "the"
		if !indefinite && !definite || a.inQuotation(toks[i].start) {
			continue
		}
		if !a.sentenceSubjectSlot(toks, i) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			t := toks[j]
			if !t.word || !isLowerWord(t) {
				break
			}
			hw := t.lower()
			if functionWord(hw) {
				break // One of the justices, Antonin Scalia, died: a partitive names its person after it
			}
			_, f := femaleRoles[hw]
			_, m := maleRoles[hw]
			if f || m {
				if f && g == 'm' || m && g == 'f' {
					break // a man, for "she": not her
				}
				return indefinite || a.unnamedRole(hw, toks[i].start, speaker)
			}
			if _, role := personRoles[hw]; role || personNouns[hw] {
				return indefinite || a.unnamedRole(hw, toks[i].start, speaker)
			}
		}
	}
	return false
}

// unnamedRole reports whether "the" and the role noun role at pos name
// someone other than speaker: no one the article introduced with the
// role, or someone else (The governor, who visited last month, … after
// Carla Ruiz; not "the senator" after Senator Ruth Alvarez).
func (a *attributor) unnamedRole(role string, pos int, speaker string) bool {
	if r := titles[role]; r != "" {
		role = r
	}
	name := a.ix.role(role, nil, pos, a.sectionStart(pos))
	return name == "" || a.ix.fullName(name) != a.ix.fullName(speaker)
}

// personNouns are nouns for people that roleNoun's endings miss.
var personNouns = map[string]bool{"person": true, "heckler": true, "resident": true, "student": true, "voter": true,
	"protester": true, "protestor": true, "demonstrator": true, "bystander": true, "witness": true, "neighbor": true,
	"neighbour": true, "guest": true, "caller": true, "listener": true, "reader": true, "relative": true, "friend": true}

// sentenceSubjectSlot reports whether toks[i] opens its sentence's
// subject: it follows a sentence's end or a paragraph break, or an opening
// word (Then, Later, Suddenly) or a short opening phrase and its comma
// (Moments later, a woman …).
func (a *attributor) sentenceSubjectSlot(toks []token, i int) bool {
	boundary := func(k int) bool {
		return k < 0 || terminator(toks[k]) || strings.Contains(a.src[toks[k].end:toks[k+1].start], "\n") ||
			toks[k].s == "”" || toks[k].s == "\"" && k > 0 && terminator(toks[k-1])
	}
	if boundary(i - 1) {
		return true
	}
	p := toks[i-1]
	if p.capitalized() && boundary(i-2) {
		_, opener := openingTimeWords[p.lower()]
		return opener || strings.HasSuffix(p.lower(), "ly") // Then a woman, Suddenly a man (not In a …)
	}
	if p.s == "," && i >= 2 {
		// A short opening phrase of time (Moments later, After the
		// speech,), not a name and its apposition (David Ruiz, an
		// economist,).
		_, timeWord := openingTimeWords[toks[i-2].lower()]
		for k := i - 2; k >= 0 && k >= i-5; k-- {
			if !toks[k].word || k < i-2 && toks[k].capitalized() && !boundary(k-1) {
				return false
			}
			if boundary(k - 1) {
				_, first := notNames[toks[k].lower()]
				return timeWord || first
			}
		}
	}
	return false
}

// lastMention returns where the last word of name last stands before pos
// outside quotations, or -1.
func (a *attributor) lastMention(name string, pos int) int {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return -1
	}
	w := ws[len(ws)-1]
	for end := pos; end > 0; {
		i := strings.LastIndex(a.src[:end], w)
		if i < 0 {
			return -1
		}
		if !a.inQuotation(i) {
			return i
		}
		end = i
	}
	return -1
}
