package quote

import "strings"

// A capitalised title after "the" with no name after it — "the Prime
// Minister said", "the Secretary of State said", "the President said" — is
// a role, not a name: it is the person the article introduced with that
// title (Prime Minister Theresa May), else the title as written, never the
// bare word "Minister" or "Secretary" read as a surname.

// definiteTitle returns the description "the" + titles (with a department
// after "of": the Secretary of State, the Minister of Finance) that ends
// at toks[k], the last word before a reporting verb, or false.
func definiteTitle(toks []token, k int) (phrase, bool) {
	m := k
	for m > 0 && toks[m-1].word && toks[m-1].lower() != "the" && (toks[m-1].capitalized() || toks[m-1].lower() == "of" && isLowerWord(toks[m-1])) {
		m--
	}
	if m == 0 || m > k || toks[m-1].lower() != "the" {
		return phrase{}, false
	}
	if !toks[m].capitalized() || toks[m].lower() == "of" {
		return phrase{}, false
	}
	head := -1
	for j := m; j <= k; j++ {
		if toks[j].lower() == "of" {
			if head < 0 || j == k {
				return phrase{}, false
			}
			for _, t := range toks[j+1 : k+1] {
				if !departmentWords[t.lower()] && t.lower() != "of" && t.lower() != "and" {
					return phrase{}, false // the President of Mexico: whose, not a department
				}
			}
			break
		}
		if !isTitle(toks[j]) {
			return phrase{}, false // the Obama administration, the Kremlin: not a title
		}
		head = j
	}
	if head < 0 || titles[strings.TrimSuffix(toks[head].lower(), ".")] == "" {
		return phrase{}, false // the Republican, the Honorable: no role to look up
	}
	return phrase{kind: npRole, toks: toks[m-1 : k+1], headAt: head - (m - 1)}, true
}

// headNoun reports whether toks[k], a word that mostly qualifies a role
// (chief executive, chief of staff), is itself the head of a description
// right before its verb: "the chief said", "the police chief told".
func headNoun(toks []token, k int) bool {
	return toks[k].lower() == "chief" && isLowerWord(toks[k]) && k > 0 && toks[k-1].word
}

// questionCue reports whether a reporting cue reports a question (asked,
// wondered): the quotation after such a sentence answers it.
func questionCue(cue string) bool {
	switch cue {
	case "asked", "asks", "ask", "asking", "wondered", "wonders", "questioned", "inquired", "queried":
		return true
	}
	return false
}

// modifiedRole returns the end of a description whose determiner is
// toks[i] and in which the name ending at toks[e] only qualifies the role
// noun after it — "the Florida senator", "the Kremlin spokesman", "an
// Egyptian official" — when no name follows the role noun (the Kremlin
// spokesman Dmitry Peskov is Peskov); else e.
func modifiedRole(toks []token, i, e int) int {
	if e >= len(toks) || !isLowerWord(toks[e]) || !isDeterminer(toks[i].lower()) || !isLowerWord(toks[i]) && i > 0 && toks[i-1].word {
		return e
	}
	if _, ok := personRoles[toks[e].lower()]; !ok {
		return e
	}
	if e+1 < len(toks) && isNameWord(toks[e+1]) {
		return e
	}
	return e + 1
}

// complementizer reports whether toks[k], right after a reporting verb, is
// "that" opening what is reported (… suggests that Phoenix and its officers
// support …): whoever it names is the clause's subject, not the speaker.
func complementizer(toks []token, k int) bool {
	return k < len(toks) && isLowerWord(toks[k]) && toks[k].lower() == "that"
}

// oneHolder reports whether two names introduced with the same role are
// one person — the words of one are all in the other (Admiral Harris, Adm.
// Harry B. Harris Jr.) — and returns the fuller, or, when the fuller ends
// in a generational suffix (Jr., III), which the name index does not key
// the surname under, the form the surname stands for (Harris).
func oneHolder(a, b string) (string, bool) {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		a, b, wa, wb = b, a, wb, wa
	}
	if !wordsWithin(wa, wb) {
		return "", false
	}
	switch strings.ToLower(strings.TrimSuffix(wb[len(wb)-1], ".")) {
	case "jr", "sr", "ii", "iii", "iv":
		return a, true
	}
	return b, true
}
