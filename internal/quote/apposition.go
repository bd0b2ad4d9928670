package quote

import "strings"

// appositionOpeners may open an apposition set off by commas between a
// speaker's name and the reporting verb: a description (the daughter of
// …), a relative clause (who was killed …), or, checked apart, an age
// (35) or a past participle (asked about …).
var appositionOpeners = wordSet("the a an his her their its one who whose")

// nameBeforeApposition reads `Mr. Trump, asked about the deaths of
// journalists, had said, "…"` and `Clinton, 35, the daughter of …, said
// on Twitter on Monday, "…"`: the reporting verb toks[k] follows a comma
// (and perhaps an auxiliary or adverb), the comma closes an apposition,
// and the name before the apposition is the verb's subject — when the name
// opens the sentence or a clause (after when, after, as, but …), is no
// object of a verb or preposition (Obama, speaking to Carl Pike, a
// senator, said: Obama's words), and no name follows the verb (…, said
// Jane Doe: hers).
func (a *attributor) nameBeforeApposition(toks []token, k int) (phrase, bool) {
	if k+1 < len(toks) && toks[k+1].capitalized() {
		return phrase{}, false
	}
	c2 := k - 1
	for c2 >= 0 && isLowerWord(toks[c2]) {
		if _, ok := adverbs[toks[c2].lower()]; !ok {
			return phrase{}, false
		}
		c2--
	}
	if c2 < 3 || toks[c2].s != "," {
		return phrase{}, false
	}
	// The apposition's first comma: the one after a name whose
	// apposition opens in one of the ways above.
	for c1 := c2 - 2; c1 >= 1 && c1 >= c2-40; c1-- {
		if toks[c1].s != "," {
			continue
		}
		if n := toks[c1+1]; n.word && (n.lower() == "and" || n.lower() == "or" || n.lower() == "but") {
			return phrase{}, false // Smith, Jones and Brown; …, and later said
		}
		np, ok := backwardNP(a.src, toks[:c1], c1-1)
		if !ok || np.kind != npName {
			continue
		}
		open := toks[c1+1]
		lw := open.lower()
		_, opener := appositionOpeners[lw]
		age := !open.word && false || open.word && strings.Trim(open.s, "0123456789") == ""
		participle := isLowerWord(open) && strings.HasSuffix(lw, "ed") && len(lw) > 4
		role := isLowerWord(open) && roleNoun(lw)
		if !(opener && isLowerWord(open) || age || participle || role) {
			return phrase{}, false
		}
		s := indexOfToken(toks, np.toks[0].start)
		if s > 0 {
			p := toks[s-1]
			pl := p.lower()
			if !(subordinators[pl] || pl == "as" || pl == "but" || pl == "and" || pl == "so" || pl == "then" ||
				!p.word && p.s == "," && s-1 > 0 && toks[s-2].word && s-2 == 0) {
				return phrase{}, false // met Carl Pike, a senator, …: an object
			}
		}
		for _, t := range toks[s:c1] {
			if !t.word && t.s != "." && t.s != "-" {
				return phrase{}, false
			}
		}
		return np, true
	}
	return phrase{}, false
}

// roleNameApposition reads `, the economist Jared Bernstein, a former
// adviser in the White House, said` after a quotation: a role in lower
// case (after an article), the name, an apposition, and the verb after a
// comma — the name with appositions that parseAfter reads, with the role
// before it.
func (a *attributor) roleNameApposition(toks []token, i int, closedSentence bool) (attribution, bool) {
	if closedSentence {
		return attribution{}, false
	}
	lead := i
	if lead < len(toks) && isLowerWord(toks[lead]) && isDeterminer(toks[lead].lower()) {
		lead++
	}
	m := lead
	for m < len(toks) && m < lead+3 && isLowerWord(toks[m]) && !cueWord(toks[m]) {
		_, adj := roleAdjectives[toks[m].lower()]
		if _, fw := functionWords[toks[m].lower()]; fw && !adj {
			return attribution{}, false
		}
		m++
	}
	if m == lead || m >= len(toks) || !roleNoun(toks[m-1].lower()) {
		return attribution{}, false
	}
	n, roles, e, ok := parseName(a.src, toks, m)
	if !ok || e >= len(toks) || toks[e].s != "," {
		return attribution{}, false
	}
	for k := e + 1; k < len(toks) && k < e+40; k++ {
		if toks[k-1].s == "," && cueWord(toks[k]) {
			if k+1 < len(toks) && toks[k+1].capitalized() {
				return attribution{}, false // …, said Jane Doe: hers
			}
			roles = append(roles, toks[m-1].lower())
			return attribution{np: phrase{kind: npName, toks: toks[m:e], name: n, roles: roles}, cue: cueText(toks, k), cuePos: toks[k].start}, true
		}
	}
	return attribution{}, false
}

// englishArticles before a word make it an English noun, whatever it
// spells in another language (the man, her son, a die).
var englishArticles = map[string]bool{"the": true, "a": true, "an": true, "another": true, "one": true,
	"his": true, "her": true, "their": true, "my": true, "our": true, "this": true, "that": true}

// appositionName reads the name that ends toks and starts after from, past
// a title with "of" before it: in "former Secretary of Labor Dana
// Whitfield" the name is the first run from a given name (Dana
// Whitfield), not "Labor Dana Whitfield". Without a given name the name
// must not follow "of".
func (a *attributor) appositionName(toks []token, from int) (phrase, bool) {
	end := len(toks)
	var fallback phrase
	found := false
	for s := from; s < end-1; s++ {
		n, roles, j, ok := parseName(a.src, toks, s)
		if !ok || j != end || len(n.words) < 2 {
			continue
		}
		np := phrase{kind: npName, toks: toks[s:end], name: n, roles: roles}
		if givenNameGender(n.words) != 0 {
			return np, true
		}
		if !found && !(s > 0 && toks[s-1].lower() == "of") {
			fallback, found = np, true
		}
	}
	return fallback, found
}

// roleOpener reads the subject opening narration, toks[i:], as a
// description (the former Mexican president didn't stop there) and returns
// the one person the article introduced in that role before it, when that
// person may be of gender g and the sentence goes on as narration with no
// one else's reporting verb.
func (a *attributor) roleOpener(toks []token, i int, g byte) (string, bool) {
	// The description: the determiner, up to four words, and a role noun
	// in lower case as its head (the former Mexican president).
	h := -1
	for k := i + 1; k < len(toks) && k <= i+5; k++ {
		if !toks[k].word {
			break
		}
		if isLowerWord(toks[k]) && roleNoun(toks[k].lower()) {
			h = k
			break
		}
	}
	if h < 0 || !narrates(toks, h+1) {
		return "", false
	}
	np := phrase{kind: npRole, toks: toks[i : h+1]}
	e := h + 1
	head := toks[h]
	name := a.ix.role(head.lower(), qualifiers(np), np.toks[0].start, a.sectionStart(np.toks[0].start))
	if name == "" {
		return "", false
	}
	full := a.ix.fullName(name)
	if gender := a.ix.genderOf(full); gender != 0 && gender != g || !personLike(strings.Fields(full)) || place(full) {
		return "", false
	}
	for k := e; k < len(toks); k++ {
		if cueWord(toks[k]) && !a.inQuotation(toks[k].start) {
			return "", false // The former president is right, Smith argues: someone else's words
		}
	}
	return full, true
}

// answerAfter reports whether the verb toks[k] reports a word of its own
// rather than the quotation before it: Melanie said yes, Ana said no, he
// said nothing.
func answerAfter(toks []token, k int) bool {
	if k+1 >= len(toks) || !isLowerWord(toks[k+1]) {
		return false
	}
	switch toks[k+1].lower() {
	case "yes", "no", "nothing", "goodbye", "hello", "amen":
		return true
	}
	return false
}

// parentheticals are asides set off by commas that may stand between a
// speaker and the verb (Rush Limbaugh, for one, called it …).
var parentheticals = map[string]bool{"for one": true, "for example": true, "for instance": true, "in turn": true,
	"in fact": true, "of course": true, "too": true, "however": true, "though": true, "in particular": true}

// parenthetical reports whether toks are one of parentheticals.
func parenthetical(toks []token) bool {
	if len(toks) == 0 || len(toks) > 2 {
		return false
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		if !isLowerWord(t) {
			return false
		}
		words[i] = t.s
	}
	return parentheticals[strings.Join(words, " ")]
}

// stateTitle reports whether toks[k], "state", qualifies the title or name
// after it (state Del. Anna Ruiz, state Sen. Tom Reed, state attorney Dave
// Aronberg) rather than reporting.
func stateTitle(toks []token, k int) bool {
	return toks[k].lower() == "state" && isLowerWord(toks[k]) && k+1 < len(toks) && (toks[k+1].capitalized() || roleBeforeName(toks, k+1))
}
