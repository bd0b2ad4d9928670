package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// npKind says what a speaker phrase is.
type npKind int

const (
	npName    npKind = iota + 1 // Vladimir Putin, Mr. Peskov
	npPronoun                   // he, she, they
	npRole                      // the Kremlin spokesman, Richmond police
)

// phrase is the speaker phrase of an attribution.
type phrase struct {
	kind  npKind
	toks  []token
	name  name
	roles []string
	// foreign marks a pronoun of another language than English (er,
	// elle, dit-il), with the gender it gives and whether it is plural.
	foreign bool
	gender  byte
	plural  bool
	// headAt, when above 0, is the index in toks of a description's head
	// noun followed by its complement (secretary of state).
	headAt int
	// relational marks a description that ties its head to a named
	// person (a friend of Tom Ruiz; see relation.go): given as written.
	relational bool
}

// foreignPronoun returns the pronoun phrase for toks[i] when it is a
// lower-case subject pronoun of another language (sagte er, dijo ella) or
// a French inverted verb and pronoun (dit-il, explique-t-elle).
func foreignPronoun(toks []token, i int) (phrase, bool) {
	t := toks[i]
	if !isLowerWord(t) {
		return phrase{}, false
	}
	lw := t.lower()
	if g, ok := foreignPronouns[lw]; ok {
		if lw == "il" && i+1 < len(toks) && toks[i+1].word {
			return phrase{}, false // the Italian article: il presidente
		}
		plural := strings.HasSuffix(lw, "s") || lw == "oni" || lw == "loro"
		if lw == "sie" {
			// feminine or plural; read as one person it is a woman, so
			// Regierungssprecher Stefan Kornelius is no antecedent.
			g = 'f'
		}
		return phrase{kind: npPronoun, toks: toks[i : i+1], foreign: true, gender: g, plural: plural}, true
	}
	if _, pr, ok := invertedPronoun(lw); ok {
		return phrase{kind: npPronoun, toks: toks[i : i+1], foreign: true, gender: pr.gender, plural: pr.plural}, true
	}
	return phrase{}, false
}

// invertedPronoun splits a French verb with its subject pronoun after it
// (dit-il, a-t-elle, explique-t-il) into the verb and the pronoun.
func invertedPronoun(lw string) (verb string, p phrase, ok bool) {
	for _, suf := range []string{"-t-il", "-t-elle", "-t-ils", "-t-elles", "-il", "-elle", "-ils", "-elles"} {
		if strings.HasSuffix(lw, suf) && len(lw) > len(suf) {
			pr := suf[strings.LastIndexByte(suf, '-')+1:]
			g := foreignPronouns[pr]
			return lw[:len(lw)-len(suf)], phrase{gender: g, plural: strings.HasSuffix(pr, "s")}, true
		}
	}
	return "", phrase{}, false
}

// text returns the phrase as written.
func (p phrase) text(src string) string {
	if p.kind == npName {
		return p.name.text(src)
	}
	return src[p.toks[0].start:p.toks[len(p.toks)-1].end]
}

// attribution is a speaker phrase and its reporting verb.
type attribution struct {
	np     phrase
	cue    string
	cuePos int
}

// attributor finds and resolves the speakers of the candidates, in text order.
type attributor struct {
	src   string
	paras []Span
	ix    *index
	cands []*candidate
	// speakers are the resolved speakers so far, for pronouns.
	speakers []antecedent
	// subjects are the subjects of the reporting clauses outside quotations.
	subjects []reportingSubject
	// sections holds the start of every paragraph that follows a section
	// break (see sectionBreak), in order.
	sections []int
	// quoted are the spans of all quotations, marks included, in order.
	quoted []Span
	// inner are the spans of the titles and nicknames in quotation marks
	// inside the writer's sentences (see embedded), in order.
	inner []embeddedQuote
	// depth bounds how many pronouns antecedent follows back.
	depth int
	// kana caches, per paragraph, whether it holds Japanese kana.
	kana map[int]bool
	// german is set for German text, whose speakers germanSpeakerOK
	// checks; deLex is what the text shows about its words, read once.
	german bool
	deLex  *germanLexicon
}

// antecedent is a resolved speaker a later pronoun may stand for.
type antecedent struct {
	pos    int
	name   string
	person bool
	plural bool
	gender byte
}

// determiners open a descriptive speaker phrase (the Kremlin spokesman).
var determiners = wordSet("the a an his her their its our one another some several many two three both this that these those")

// adverbs may sit between a speaker and the verb (Trump later said, has said).
var adverbs = wordSet(`also later then has had have would will once again previously recently earlier
repeatedly often reportedly simply further first finally just still even now initially subsequently had
has was is were always sometimes usually already ever however meanwhile nevertheless nonetheless instead
therefore too likewise similarly separately privately publicly flatly bluntly angrily quietly openly`)

// auxiliaries may come before an inverted reporting verb (a déclaré Macron).
var auxiliaries = map[string]bool{"a": true, "ha": true, "hat": true, "has": true, "had": true, "have": true, "avait": true, "había": true}

// terminators end a sentence.
func terminator(t token) bool {
	return !t.word && (t.s == "." || t.s == "?" || t.s == "!" || t.s == "…")
}

// sentenceEnd reports whether toks[k] ends a sentence: a full stop,
// question or exclamation mark not followed by a closing parenthesis, a comma
// or a lower-case word (R-Ky., said; D-Wis.) said).
func sentenceEnd(toks []token, k int) bool {
	if !terminator(toks[k]) {
		return false
	}
	if k+1 < len(toks) {
		n := toks[k+1]
		if n.s == ")" || n.s == "," || isLowerWord(n) {
			return false
		}
	}
	return true
}

// attribute finds each candidate's speaker, in text order, merging
// quotations split by their attribution.
func (a *attributor) attribute() {
	for k := 1; k < len(a.paras); k++ {
		if sectionBreak(a.src, a.paras[k-1]) {
			a.sections = append(a.sections, a.paras[k].Start)
		}
	}
	a.subjects = a.reportingSubjects()
	a.inner = a.embeddedQuotes()
	out := a.cands[:0] // compacted in place as split quotations merge
	for r := 0; r < len(a.cands); r++ {
		c := a.cands[r]
		var prev, next *candidate
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		if r+1 < len(a.cands) {
			next = a.cands[r+1]
		}
		if a.cjkContext(c) {
			c.cjk = true
			a.attributeCJK(prev, c)
			out = append(out, c)
			continue
		}
		before, after, reachesNext := a.clauseTokens(out, r, prev, c, next)
		c.sentenceIn = len(before) == 0
		var at attribution
		var ok bool
		if at, ok = a.parseAfter(c, after); ok && (introducesNext(after, at) || reachesNext && a.opensNext(c, after, at)) {
			ok = false // "…" Mr. Zahed said: "…": he speaks the next quotation
		}
		if ok {
			c.adjacent, c.afterAttr = true, true
			// "We assess," the report read, "that …": one quotation.
			for reachesNext && next != nil && len(after) > 0 && isSplitJoin(after[len(after)-1]) {
				c.raw.parts = append(c.raw.parts, next.raw.parts...)
				c.raw.end = next.raw.end
				c.words += next.words
				c.lastPara = next.lastPara
				r++
				next = nil
				if r+1 < len(a.cands) {
					next = a.cands[r+1]
				}
				after, reachesNext = a.afterTokens(c, next)
				if _, more := a.parseAfter(c, after); !more {
					break // only an attribution joins a further part
				}
			}
		} else if at, ok = a.parseBefore(before); ok {
			c.adjacent = len(before) > 0 && before[len(before)-1].end >= at.cuePos && adjacentBefore(before, at)
		} else if len(before) == 0 && c.raw.start == a.paras[c.para].Start && c.para > 0 {
			// Caddell continued:
			//
			// "The health issue …"
			pp := a.paras[c.para-1]
			from := pp.Start
			if prev != nil && prev.raw.end > pp.Start {
				from = prev.raw.end
			}
			if strings.HasSuffix(a.src[pp.Start:pp.End], ":") && from < pp.End {
				at, ok = a.parseBefore(lastSentence(tokenize(a.src, from, pp.End)))
			}
		}
		if !ok {
			at, ok = a.colonMessage(before)
		}
		if !ok {
			at, ok = a.scriptAttribution(before, after)
		}
		if !ok && len(before) == 0 {
			at, ok = a.paragraphSignature(c) // “…” And that's all. ― Christina Lastra
		}
		own := ok
		if !ok && len(before) == 0 {
			// Clinton said she had made progress. "I really believe …"
			at, ok = a.previousSentence(prev, c)
		}
		if ok {
			c.attributed, c.own = true, own
			c.cue = at.cue
			c.cuePos = at.cuePos
			a.resolve(c, at)
		} else {
			a.inherit(prev, c)
			if c.speaker == "" {
				a.narratedSpeaker(out, c)
			}
		}
		out = append(out, c)
	}
	a.cands = out
}

// previousSentence reads an attribution in the sentence just before c in
// its paragraph, when c opens a sentence of its own: `Clinton said she and
// Obama had made progress. "I really believe …"`.
func (a *attributor) previousSentence(prev, c *candidate) (attribution, bool) {
	from := a.paras[c.para].Start
	if prev != nil && prev.raw.end > from {
		from = prev.raw.end
		if prev.own && prev.cuePos >= from {
			// "…," Clinton said, referencing a super PAC called Future45.
			// "So they …": the sentence is prev's own attribution, which
			// inherit gives this quotation too.
			return attribution{}, false
		}
	}
	if from >= c.raw.start {
		return attribution{}, false
	}
	toks := tokenize(a.src, from, c.raw.start)
	if len(toks) < 3 || !terminator(toks[len(toks)-1]) {
		return attribution{}, false
	}
	at, ok := a.parseBefore(lastSentence(toks[:len(toks)-1]))
	if ok && questionCue(at.cue) {
		// A reporter asked when the road would reopen. "Probably by the
		// weekend.": the answer, not the asker's words.
		return attribution{}, false
	}
	return at, ok
}

// isSplitJoin reports whether the attribution between two quotations ends
// so that the second continues the first: with a comma or a dash.
func isSplitJoin(t token) bool {
	return !t.word && (t.s == "," || t.s == "—" || t.s == "–")
}

// adjacentBefore reports whether the cue of a preceding attribution leads
// straight into the quotation (Putin said: "…"; Putin told reporters, "…").
func adjacentBefore(before []token, at attribution) bool {
	k := len(before) - 1
	for k >= 0 && !before[k].word {
		k--
	}
	for k >= 0 && before[k].start >= at.cuePos {
		if before[k].start == at.cuePos {
			return true
		}
		k--
		if len(before)-1-k > 4 {
			return false
		}
	}
	return false
}

// beforeTokens returns the words of the sentence before c, up to its
// opening mark and not reaching back over prev, the quotation before it.
func (a *attributor) beforeTokens(prev, c *candidate) []token {
	from := a.paras[c.para].Start
	if prev != nil && prev.raw.end > from {
		from = prev.raw.end
	}
	if from > c.raw.start {
		return nil
	}
	return lastSentence(tokenize(a.src, from, c.raw.start))
}

// lastSentence returns the tokens after the last sentence end.
func lastSentence(toks []token) []token {
	for k := len(toks) - 1; k >= 0; k-- {
		if sentenceEnd(toks, k) {
			return toks[k+1:]
		}
	}
	return toks
}

// afterTokens returns the words after c up to the end of its sentence,
// next (the quotation after it) or the paragraph's end; reachesNext
// reports whether they run up to next.
func (a *attributor) afterTokens(c, next *candidate) (toks []token, reachesNext bool) {
	to := a.paras[c.lastPara].End
	reaches := false
	if next != nil && next.raw.start < to {
		to = next.raw.start
		reaches = true
	}
	if c.raw.end > to {
		return nil, false
	}
	toks = tokenize(a.src, c.raw.end, to)
	for k := range toks {
		if sentenceEnd(toks, k) {
			return toks[:k], false
		}
	}
	return toks, reaches
}

// parseAfter reads an attribution that follows the quotation: `, said
// Putin`, `, Putin said`, `, the spokesman told reporters`, `, according to …`.
func (a *attributor) parseAfter(c *candidate, toks []token) (attribution, bool) {
	i := 0
	for i < len(toks) && !toks[i].word && toks[i].s != "(" {
		i++
	}
	if i >= len(toks) {
		return attribution{}, false
	}
	// "That makes me smart," when Clinton blasted him for …: a clause
	// opened by a subordinating conjunction says when or why, and its
	// subject is not the speaker.
	// ("…," since so many cases were decided 5 to 4, said Lee Epstein:
	// the attribution after the clause still counts.)
	// (… only because Mr. Drake agreed, even though …: an adverb before
	// the conjunction.)
	sub := i
	if sub+1 < len(toks) && isLowerWord(toks[sub]) && focusAdverbs[toks[sub].lower()] {
		sub++
	}
	if isLowerWord(toks[sub]) && subordinators[toks[sub].lower()] {
		c := sub + 1
		for c < len(toks) && toks[c].s != "," {
			c++
		}
		if c+1 >= len(toks) || !cueWord(toks[c+1]) {
			return attribution{}, false
		}
		i = c + 1
	}
	// A quotation ending its own sentence is followed by a new sentence; only
	// a bare "Putin said." after it still attributes it.
	content := a.src[c.raw.parts[len(c.raw.parts)-1].Start:c.raw.parts[len(c.raw.parts)-1].End]
	closedSentence := endsSentence(content) && i == 0 && toks[0].capitalized()
	if isLowerWord(toks[i]) && toks[i].lower() == "according" && i+1 < len(toks) && toks[i+1].lower() == "to" {
		if np, _, ok := forwardNP(a.src, toks, i+2); ok {
			return attribution{np: np, cue: "according to", cuePos: toks[i].start}, true
		}
	}
	// „…“, heißt es da: German "it says", which names no one.
	if a.german && impersonalGerman(toks, i) {
		return attribution{cue: toks[i].s + " " + toks[i+1].s, cuePos: toks[i].start}, true
	}
	// « … », dit-il; « … », a-t-elle ajouté.
	if verb, _, ok := invertedPronoun(toks[i].lower()); ok && isLowerWord(toks[i]) && !closedSentence {
		if isCue(verb) || auxiliaries[verb] && i+1 < len(toks) && cueWord(toks[i+1]) {
			np, _ := foreignPronoun(toks, i)
			cue := verb
			if auxiliaries[verb] {
				cue = toks[i+1].s
			}
			return attribution{np: np, cue: cue, cuePos: toks[i].start}, true
		}
	}
	// , a déclaré Emmanuel Macron; , ha dicho …
	if i+1 < len(toks) && auxiliaries[toks[i].lower()] && cueWord(toks[i+1]) {
		i++
	}
	if cueWord(toks[i]) && !closedSentence && !gerund(toks[i]) && !addresseeAfter(toks, i) && !complementizer(toks, i+1) {
		if np, e, ok := forwardNP(a.src, toks, i+1); ok && !(e < len(toks) && isLowerWord(toks[e]) && clauseVerb(toks[e])) {
			np = a.germanFirstName(toks, i+1, np)
			// (not ", said the candidate could be …": a clause, not its speaker)
			// sagte der MOPO ein Sprecher, sagte gegenüber dem NDR Müller:
			// a German dative after the verb is whom it was said to.
			// (not sagt der Experte Ulrich Müller von LobbyControl: where he
			// is from follows the name)
			if i+1 < len(toks) && dativeOpen[toks[i+1].lower()] && e < len(toks) && toks[e].word &&
				(toks[e].capitalized() || isDeterminer(toks[e].lower())) {
				if np2, _, ok := forwardNP(a.src, toks, e); ok {
					return attribution{np: np2, cue: toks[i].s, cuePos: toks[i].start}, true
				}
			}
			return attribution{np: np, cue: toks[i].s, cuePos: toks[i].start}, true
		}
	}
	// Scott Pruitt, the attorney general of Oklahoma, one of the states
	// suing, said: a name, appositions, then the verb after a comma.
	if n, roles, e, ok := parseName(a.src, toks, i); ok && e < len(toks) && toks[e].s == "," && !closedSentence {
		for k := e + 1; k < len(toks) && k < e+40; k++ {
			if toks[k-1].s == "," && cueWord(toks[k]) {
				return attribution{np: phrase{kind: npName, toks: toks[i:e], name: n, roles: roles}, cue: cueText(toks, k), cuePos: toks[k].start}, true
			}
		}
	}
	if at, ok := a.roleNameApposition(toks, i, closedSentence); ok {
		return at, true
	}
	// "…," Bennett shot back with a laugh: a verb with "back" after the
	// speaker opening the clause.
	for k := i + 2; k < len(toks) && k <= i+8 && !closedSentence; k++ {
		if !toks[k].word {
			break
		}
		if toks[k].lower() == "back" && backVerbs[toks[k-1].lower()] && isLowerWord(toks[k-1]) {
			if np, ok := backwardNP(a.src, toks[:k-1], k-2); ok && np.toks[0].start == toks[i].start {
				return attribution{np: np, cue: toks[k-1].s + " back", cuePos: toks[k-1].start}, true
			}
			break
		}
	}
	// “…” ― Pamela Padilla: a dash and a name closing the paragraph.
	if i == 1 && isDash(toks[0].s) && !gluedDash(a.src, toks[0]) {
		if np, e, ok := forwardNP(a.src, toks, i); ok && np.kind == npName && (e == len(toks) || e == len(toks)-1 && !toks[e].word) {
			return attribution{np: np, cuePos: toks[0].start}, true
		}
	}
	for k := i + 1; k < len(toks) && k < i+40; k++ {
		if !cueWord(toks[k]) || answerAfter(toks, k) {
			continue
		}
		if passive(toks, k) {
			continue // "…" Ruiz's move was first reported by MSNBC: what was reported, not who said it
		}
		np, ok := backwardNP(a.src, toks[:k], k-1)
		if !ok {
			continue
		}
		if k > i+16 && !(np.kind == npName && toks[k-1].s == ",") {
			continue // only a long apposition separates a name from its verb
		}
		if np.toks[0].start != toks[i].start {
			m := i
			for m < k && toks[m].start < np.toks[0].start {
				m++
			}
			// "…" of the plan, Mr. Burman said.
			afterComma := m > i && toks[m-1].s == "," && np.kind == npName && k+1 >= len(toks)
			// "…," another friend, Mariam Emara, told CNN.
			lead := i // the Vatican spokesman, Federico Lombardi, told
			if isLowerWord(toks[lead]) && isDeterminer(toks[lead].lower()) {
				lead++
			}
			described := m > lead+1 && toks[m-1].s == "," && np.kind == npName && descriptors(toks[lead:m-1])
			if !afterComma && !described && !descriptors(toks[i:m]) {
				continue
			}
		}
		// "…?" Trump told Britain's ITV in an interview aired on Monday: a
		// question or exclamation mark closes the quotation, not the
		// sentence, and the attribution may run on; after a full stop a
		// name and a verb with more words open a new sentence.
		if closedSentence && len(toks)-k > 4 && !(k+1 < len(toks) && isPreposition(toks[k+1])) && !asksOrExclaims(content) {
			return attribution{}, false // a new sentence, not an attribution
		}
		return attribution{np: np, cue: cueText(toks, k), cuePos: toks[k].start}, true
	}
	// "…" of the case, the unsigned opinion said; "…" income, he said,
	// rather than …: an attribution set off by a comma later in the sentence.
	if !closedSentence {
		for c := i + 1; c+1 < len(toks); c++ {
			if toks[c].s != "," {
				continue
			}
			if cueWord(toks[c+1]) && !stateTitle(toks, c+1) {
				if addressee(toks[c+1]) {
					continue // …, the Vatican spokesman, Federico Lombardi, told Vatican Radio: whom it was told
				}
				if np, _, ok := forwardNP(a.src, toks, c+2); ok && np.kind != npRole {
					return attribution{np: np, cue: cueText(toks, c+1), cuePos: toks[c+1].start}, true
				}
				continue
			}
			np, e, ok := forwardNP(a.src, toks, c+1)
			if !ok {
				continue
			}
			for e < len(toks) && isAdverb(toks[e]) {
				e++
			}
			if e < len(toks) && cueWord(toks[e]) && (e+1 == len(toks) || !toks[e+1].word || isPreposition(toks[e+1])) {
				return attribution{np: np, cue: cueText(toks, e), cuePos: toks[e].start}, true
			}
		}
		// "…," Fight for $15 organizing director Kendall Fells told Fox
		// News: a name just before the first reporting verb, the words
		// before it describing the speaker.
		for k := i + 1; k < len(toks) && k <= i+14; k++ {
			if !toks[k].word && toks[k].s != "$" {
				break
			}
			if !cueWord(toks[k]) {
				continue
			}
			if passive(toks, k) || gerund(toks[k]) || answerAfter(toks, k) {
				break
			}
			if np, ok := backwardNP(a.src, toks[:k], k-1); ok && (np.kind == npName && np.toks[0].start > toks[i].start || np.kind == npRole && np.toks[0].start == toks[i].start) {
				// … or the whole stretch describes the speaker: one P&G
				// Amiens employee told BFMTV.
				return attribution{np: np, cue: cueText(toks, k), cuePos: toks[k].start}, true
			}
			break
		}
	}
	return attribution{}, false
}

// isPreposition reports whether t is a preposition.
func isPreposition(t token) bool {
	_, ok := prepositions[t.lower()]
	return ok && t.word
}

// isAdverb reports whether t may stand between a speaker and the verb.
func isAdverb(t token) bool {
	if !isLowerWord(t) {
		return false
	}
	lw := t.lower()
	_, ok := adverbs[lw]
	return ok || strings.HasSuffix(lw, "ly") && len(lw) > 4
}

// isDash reports whether s is a dash that can introduce an attribution.
func isDash(s string) bool {
	return s == "―" || s == "—" || s == "–" || s == "-"
}

// gluedDash reports whether the dash t joins the words on either side
// without a space: a compound made with a quotation („Kauft man sich
// nicht selbst“-Geschenke), not a dash before a speaker.
func gluedDash(src string, t token) bool {
	return t.start > 0 && t.end < len(src) && !unicode.IsSpace(r0(src[t.end:])) && !unicode.IsSpace(lastRune(src[:t.start]))
}

// lastRune returns the last rune of s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// endsSentence reports whether quoted words end with a full stop, question
// or exclamation mark.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r == '.' || r == '?' || r == '!' || r == '…'
}

// ageNoun reports whether t names someone by age (the 46-year-old).
func ageNoun(t token) bool {
	lw := t.lower()
	if !t.word || !strings.HasSuffix(lw, "-year-old") {
		return false
	}
	for _, r := range strings.TrimSuffix(lw, "-year-old") {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return len(lw) > len("-year-old")
}

// temporalConjunction reports whether t is "before", "after" or "while",
// which join a gerund to the clause whose subject it shares (deflected
// questions before saying).
func temporalConjunction(t token) bool {
	switch t.s {
	case "before", "after", "while":
		return true
	}
	return false
}

// subordinators open a clause of time, cause or condition.
var subordinators = map[string]bool{"when": true, "while": true, "after": true, "before": true, "because": true,
	"if": true, "until": true, "since": true, "although": true, "though": true, "unless": true, "whereas": true}

// subordinateCue reports whether the reporting verb toks[k] stands in a
// clause of time or cause opening the sentence (When …, After …), and
// the main clause after its comma, between it and the quotation, has a
// subject of its own and no reporting verb: the quotation is the main
// clause's, which does not report it as said.
func subordinateCue(toks []token, k int) bool {
	if len(toks) == 0 || !toks[0].capitalized() || !subordinators[toks[0].lower()] {
		return false
	}
	c := k + 1
	for c < len(toks) && toks[c].s != "," {
		c++
	}
	// (…, for example, she received: an aside before the main clause)
	if d := c + 1; d < len(toks) && isLowerWord(toks[d]) && (isPreposition(toks[d]) || isAdverb(toks[d])) {
		for e := d + 1; e < len(toks) && e <= d+3; e++ {
			if toks[e].s == "," {
				c = e
				break
			}
		}
	}
	if c+2 >= len(toks) {
		return false
	}
	next := toks[c+1]
	_, pr := singularPronouns[next.lower()]
	_, pl := pluralPronouns[next.lower()]
	if !pr && !pl && !isNameWord(next) {
		return false
	}
	v := c + 2
	for v < len(toks) && (isNameWord(toks[v]) || isLowerWord(toks[v]) && isAdverb(toks[v])) {
		v++ // the subject's other words, an adverb (she also said)
	}
	return v < len(toks) && isLowerWord(toks[v]) && !cueWord(toks[v]) && !auxiliaryVerb(toks[v])
}

// nounCompound reports whether the English reporting verb toks[k], right
// after the description np, is rather a noun the description qualifies: a
// bare form (pledge, claim, call) right after a singular description
// opened by a possessive (her official pledge in 2009) cannot be its
// verb, which would read "pledges" or "pledged" (a reader would ask: a
// modal between them makes it one).
func nounCompound(np phrase, toks []token, k int) bool {
	if first := np.toks[0].lower(); np.kind != npRole || k == 0 || first != "his" && first != "her" && !isPossessivePronoun(first) {
		return false
	}
	head := np.toks[len(np.toks)-1]
	if toks[k-1].start != head.start || !isLowerWord(head) || pluralWord(head.s) {
		return false
	}
	t := toks[k]
	lw := t.lower()
	if !isCue(lw) || pastVerb(lw) || strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing") {
		return false
	}
	switch lw {
	case "read", "sang", "retold", "went", "thought", "told", "wrote", "said":
		return false
	}
	return true
}

// focusAdverbs may stand before a subordinating conjunction (only
// because, even though, just as).
var focusAdverbs = map[string]bool{"only": true, "even": true, "just": true, "long": true, "shortly": true, "soon": true, "right": true}

// putIt reports whether toks[k] is "put" or "puts" followed by "it" and
// then a comma or colon (the senator put it this way: no; Vulture puts it:
// yes), or anything in a clause opened by "as" (as the chief executive,
// Jeff Weiner, put it in his memo to employees, "…").
func putIt(toks []token, k int) bool {
	if k+2 >= len(toks) || !isLowerWord(toks[k]) || toks[k+1].lower() != "it" {
		return false
	}
	if lw := toks[k].lower(); lw != "put" && lw != "puts" {
		return false
	}
	if toks[k+2].s == "," || toks[k+2].s == ":" {
		return true
	}
	for m := k - 1; m >= 0; m-- {
		if toks[m].lower() == "as" && (m == 0 || toks[m-1].s == ",") {
			return true
		}
	}
	return false
}

// asksOrExclaims reports whether quoted words end with a question or
// exclamation mark.
func asksOrExclaims(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r == '?' || r == '!'
}

// parseBefore reads an attribution in the sentence before the quotation:
// `Putin said: "…"`, `He told everyone, "…"`, `Haley said that "…"`,
// `According to Putin, "…"`.
func (a *attributor) parseBefore(toks []token) (attribution, bool) {
	if at, ok := a.infinitiveReport(toks); ok {
		return at, true // Mr. Trump was prompted to say, "…" (infinitive.go)
	}
	if at, ok := a.heresPerson(toks); ok {
		return at, true // Here's Clinton in December 1992: "…" (heres.go)
	}
	// … because, in Fortune's words, "…": whose words they are.
	if n := len(toks); n > 4 && toks[n-1].s == "," && toks[n-2].lower() == "words" {
		e := n - 2
		for e > 0 && (toks[e-1].s == "’" || toks[e-1].s == "'") {
			e--
		}
		for i := e - 1; i > 0 && i >= e-5; i-- {
			if toks[i-1].lower() != "in" {
				continue
			}
			if nm, roles, j, ok := parseName(a.src, toks[:e], i); ok && j == e {
				words := []string{}
				for _, w := range nm.words {
					words = append(words, stripPossessive(w))
				}
				nm.words = words
				if nm.end > nm.start && stripPossessive(a.src[nm.start:nm.end]) != a.src[nm.start:nm.end] {
					nm.end -= len(a.src[nm.start:nm.end]) - len(stripPossessive(a.src[nm.start:nm.end]))
				}
				return attribution{np: phrase{kind: npName, toks: toks[i:e], name: nm, roles: roles}, cue: a.src[toks[i-1].start:toks[n-2].end], cuePos: toks[n-2].start}, true
			}
			break
		}
	}
	// Said Dora Pratt, who grew up with him on the street, "…": an English
	// sentence opened by its reporting verb has the speaker right after it.
	if len(toks) > 2 && toks[0].capitalized() && (toks[0].s == "Said" || toks[0].s == "Says" || toks[0].s == "Added" || toks[0].s == "Wrote") {
		if np, e, ok := forwardNP(a.src, toks, 1); ok && np.kind == npName && (e >= len(toks) || toks[e].s == "," || toks[e].s == ":") {
			return attribution{np: np, cue: strings.ToLower(toks[0].s), cuePos: toks[0].start}, true
		}
	}
	// A chorus of Republicans has said so, including the former candidate
	// Mitt Romney -- "…" --: a quotation set off by a dash right after a
	// person's name is that person's, not the subject's of the sentence's
	// verb.
	if e := len(toks) - 1; e > 0 && isDash(toks[e].s) {
		if toks[e-1].s == "-" {
			e--
		}
		if np, ok := backwardNP(a.src, toks[:e], e-1); ok && np.kind == npName && personLike(np.name.words) &&
			(len(np.name.words) > 1 || np.name.gender != 0 || len(np.roles) > 0) {
			// (Not after a verb or a preposition: attacked Hillary Clinton
			// -- "…", supportive of Mr. Trump -- "…" are their objects.)
			if s := indexOfToken(toks, np.toks[0].start); !(s > 0 && cueWord(toks[s-1])) && !objectAt(toks, s) {
				return attribution{np: np, cuePos: toks[e].start}, true
			}
		}
	}
	// Pollsters agree - Carl Bialik: "…": in a round-up of what others
	// wrote, the name between a dash and the colon is the speaker, not the
	// subject of the summary before it.
	if n := len(toks); n > 2 && toks[n-1].s == ":" {
		for d := n - 2; d > 0 && d >= n-7; d-- {
			if !isDash(toks[d].s) {
				continue
			}
			if np, e, ok := forwardNP(a.src, toks, d+1); ok && e == n-1 && np.kind == npName {
				return attribution{np: np, cuePos: toks[n-1].start}, true
			} else if ok && np.kind == npName && e+1 < n-1 && toks[e].lower() == "and" {
				// - Mark Blumenthal and Jon Cohen: "…" — both, as written.
				if _, _, e2, ok := parseName(a.src, toks, e+1); ok && e2 == n-1 {
					return attribution{np: phrase{kind: npRole, toks: toks[d+1 : e2]}, cuePos: toks[n-1].start}, true
				}
			}
			break
		}
	}
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k]
		if t.lower() == "according" && k+1 < len(toks) && toks[k+1].lower() == "to" {
			if np, _, ok := forwardNP(a.src, toks, k+2); ok {
				return attribution{np: np, cue: "according to", cuePos: t.start}, true
			}
		}
		// По словам пресс-секретаря президента Дмитрия Пескова, «…»:
		// Russian "according to", the speaker in the genitive, given as
		// written (a genitive in -а is also a woman's nominative: Пескова).
		if t.lower() == "по" && k+1 < len(toks) && toks[k+1].lower() == "словам" {
			if np, _, ok := forwardNP(a.src, toks, k+2); ok && np.kind != npPronoun {
				return attribution{np: np, cue: "по словам", cuePos: t.start}, true
			}
			return attribution{}, false // по словам его / её: no name to give
		}
		// Hillary shot back, "…": a verb with "back".
		if t.lower() == "back" && k > 1 && backVerbs[toks[k-1].lower()] && isLowerWord(toks[k-1]) {
			if np, ok := backwardNP(a.src, toks[:k-1], k-2); ok {
				return attribution{np: np, cue: toks[k-1].s + " back", cuePos: toks[k-1].start}, true
			}
		}
		if putIt(toks, k) && k > 0 {
			// As Tom Ridge, a former secretary of homeland security, put
			// it: "…": "put it" reports the words that follow.
			if np, ok := backwardNP(a.src, toks[:k], k-1); ok {
				return attribution{np: np, cue: "put it", cuePos: t.start}, true
			}
			continue
		}
		if !cueWord(t) || k == 0 {
			continue
		}
		if subordinateCue(toks, k) {
			continue // When the star posted photos, she received comments including "…": not what she posted
		}
		if lw := toks[k-1].lower(); (lw == "a" || lw == "an" || lw == "the") && k+1 < len(toks) && isLowerWord(toks[k+1]) {
			if _, fw := functionWords[toks[k+1].lower()]; !fw && !isCue(toks[k+1].lower()) {
				continue // in a mock trial: a word before a noun, no verb
			}
		}
		// Sanders was asked by host Bill Maher, "…": in the passive the
		// speaker follows "by"; without it the subject is only the addressee.
		if passive(toks, k) {
			if k+1 < len(toks) && toks[k+1].lower() == "by" {
				if np, _, ok := forwardNP(a.src, toks, k+2); ok {
					return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
				}
			}
			continue
		}
		if prepositionCue(t.lower()) {
			// … illustrerait selon lui l'expression d'un « … »: "according
			// to" has its speaker after it, never the clause's subject.
			if np, _, ok := forwardNP(a.src, toks, k+1); ok && !a.commonAfterPreposition(np) {
				return attribution{np: np, cue: t.s, cuePos: t.start}, true
			}
			continue
		}
		if a.german && toks[k-1].s == "," {
			// Sie hänge nicht an der Vergangenheit, erzählte Tobisch damals
			// auch: a clause before the verb, and its subject after it.
			if np, ok := a.germanSubjectAfter(toks, k); ok {
				return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
			}
		}
		if np, ok := a.relativeSubject(toks, k); ok {
			return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
		}
		if np, ok := backwardNP(a.src, toks[:k], k-1); ok {
			if nounCompound(np, toks, k) {
				continue // her official pledge in 2009: a noun, not a verb
			}
			if gerund(t) && toks[k-1].s == "," && np.kind == npName && a.objectApposition(toks, indexOfToken(toks, np.toks[0].start)) {
				// The firm wrote to the dean, Ann Lee, calling the
				// articles "…": Ann Lee is the object's apposition; the
				// participle's subject is the sentence's.
				if subj, ok := a.clauseSubject(toks[:k-1]); ok && subj.kind != npPronoun && subj.toks[0].start < np.toks[0].start &&
					!a.objectApposition(toks, indexOfToken(toks, subj.toks[0].start)) {
					// Sen. Bernie Sanders discussed his rival, Hillary
					// Clinton, saying "…": the subject opening the clause.
					return attribution{np: subj, cue: cueText(toks, k), cuePos: t.start}, true
				}
				if anyCue(toks[:indexOfToken(toks, np.toks[0].start)]) {
					continue // the company wrote …: an earlier verb reports
				}
				return attribution{cue: cueText(toks, k), cuePos: t.start}, true // a report, by no one named
			}
			if np, ok = a.germanInverted(toks, np, k); !ok {
				continue
			}
			return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
		}
		if np, ok := a.nameBeforeApposition(toks, k); ok {
			return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
		}
		// Den Satz sagte er später, einen Brief schrieb Merkel: a German
		// clause opened by its object has its subject after the verb.
		if _, obj := objectDeterminers[toks[0].lower()]; obj {
			if np, _, ok := forwardNP(a.src, toks, k+1); ok {
				return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
			}
			continue
		}
		// The subject opening the clause, with a phrase between it and the
		// verb: Protesters marching through the streets chanted "…"; he
		// looked into the camera, furrowed his brow and said, "…".
		if np, e, ok := forwardNP(a.src, toks, 0); ok && e < k && k-e <= 14 && !anyCue(toks[e:k]) {
			return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
		}
		// Mr. Trump expressed admiration for him, telling CNBC: "…"; Mr.
		// McConnell deflected questions before saying, "…".
		if strings.HasSuffix(t.lower(), "ing") && (toks[k-1].s == "," || k > 1 && temporalConjunction(toks[k-1]) && toks[k-2].word) {
			if np, ok := a.clauseSubject(toks[:k-1]); ok {
				return attribution{np: np, cue: cueText(toks, k), cuePos: t.start}, true
			}
		}
	}
	if n := len(toks); n > 1 && toks[n-1].s == ":" {
		// The clause before the colon, after any introductory phrase.
		from := 0
		for k := n - 2; k > 0; k-- {
			// (German: also a dash, which joins a clause of its own: Ihre
			// Tochter hat viele Fragen – dabei geht es um die Frage: „…“.)
			if toks[k].s == "," || a.german && (toks[k].s == "–" || toks[k].s == "—") {
				from = k + 1
				break
			}
		}
		if np, e, ok := forwardNP(a.src, toks, from); ok {
			// Clinton: "Our goal is …"
			if e == n-1 && np.kind == npName && (!a.german || a.germanLabelOK(np)) {
				return attribution{np: np, cuePos: toks[n-1].start}, true
			}
			// Mark Blumenthal and Jon Cohen: "…" — both, as written.
			if np.kind == npName && e+1 < n-1 && toks[e].lower() == "and" {
				if _, _, e2, ok := parseName(a.src, toks, e+1); ok && e2 == n-1 {
					return attribution{np: phrase{kind: npRole, toks: toks[from:e2]}, cuePos: toks[n-1].start}, true
				}
			}
			// President Obama is rolling out a new message: "It's about me."
			// Mr. Smith shot back: "…"
			if e < n-1 && verbLike(toks[e]) {
				if np, ok = a.germanInverted(toks[:n-1], np, e); ok {
					return attribution{np: np, cuePos: toks[n-1].start}, true
				}
			}
		}
	}
	return attribution{}, false
}

// objectApposition reports whether the name starting at toks[s] is set
// off by a comma after a noun phrase that does not open its clause — an
// object's or a preposition's apposition (wrote to the university's
// president, Ann Lee,), not the subject's (The chairman, Tom Ruiz,).
func (a *attributor) objectApposition(toks []token, s int) bool {
	if s < 2 || toks[s-1].s != "," {
		return false
	}
	c := s - 2
	for c > 0 && toks[c-1].s != "," && !terminator(toks[c-1]) {
		c--
	}
	if _, e, ok := forwardNP(a.src, toks, c); ok && e == s-1 {
		return false // the clause's own subject
	}
	for _, t := range toks[c : s-1] {
		if isPreposition(t) || t.word && isLowerWord(t) && pastVerb(t.lower()) {
			return true
		}
	}
	return false
}

// relativeSubject reads `Ann Lee called Tom Ruiz, who said`: the reporting
// verb toks[k] of a relative clause (perhaps after an adverb) has for its
// subject the person named before ", who", not the sentence's subject.
func (a *attributor) relativeSubject(toks []token, k int) (phrase, bool) {
	w := k - 1
	for w > 0 && isLowerWord(toks[w]) {
		if _, ok := adverbs[toks[w].lower()]; !ok {
			break
		}
		w--
	}
	if w < 2 || toks[w].lower() != "who" || !isLowerWord(toks[w]) || toks[w-1].s != "," {
		return phrase{}, false
	}
	np, ok := backwardNP(a.src, toks[:w-1], w-2)
	if !ok || np.kind != npName {
		return phrase{}, false
	}
	return np, true
}

// clauseSubject returns the first person named in toks who is not the
// object of a preposition, skipping a lone capitalised word that opens the
// sentence but is never used as a name (Back in 1999, Mr. Trump …).
func (a *attributor) clauseSubject(toks []token) (phrase, bool) {
	from := 0
	if len(toks) > 0 && isPreposition(toks[0]) {
		// In line with his fellow Americans, Sen. Ted Cruz …: the
		// subject follows the opening phrase.
		for k, t := range toks {
			if t.s == "," {
				from = k + 1
				break
			}
		}
	}
	for i := from; i < len(toks); i++ {
		if i > from && objectAt(toks, i) || i > 0 && isPreposition(toks[i-1]) {
			if _, _, j, ok := parseName(a.src, toks, i); ok {
				i = j - 1 // the whole name, not a later word of it (York)
			}
			continue
		}
		lw := toks[i].lower()
		if _, ok := singularPronouns[lw]; ok {
			return phrase{kind: npPronoun, toks: toks[i : i+1]}, true
		}
		n, roles, j, ok := parseName(a.src, toks, i)
		if !ok {
			continue
		}
		if last := toks[j-1]; stripPossessive(last.s) != last.s {
			i = j - 1
			continue // Mr. Trump's campaign chairman: not Mr. Trump
		}
		if j < len(toks) && isLowerWord(toks[j]) && pluralWord(toks[j].s) && roleNoun(strings.TrimSuffix(toks[j].lower(), "s")) {
			// when Sanders protesters interrupted her speech, shouting
			// "…": the name describes a group, which speaks.
			return phrase{kind: npRole, toks: toks[i : j+1]}, true
		}
		if (len(n.words) > 1 || len(roles) > 0 || n.gender != 0 || a.ix.known(n.key())) && personLike(n.words) {
			return phrase{kind: npName, toks: toks[i:j], name: n, roles: roles}, true
		}
		i = j - 1
	}
	return phrase{}, false
}

// anyCue reports whether toks hold a reporting verb or punctuation other
// than a comma.
func anyCue(toks []token) bool {
	for _, t := range toks {
		if cueWord(t) || !t.word && t.s != "," {
			return true
		}
	}
	return false
}

// cueWord reports whether t is a reporting verb in lower case.
func cueWord(t token) bool {
	return isLowerWord(t) && isCue(t.lower()) && !t.noun
}

// cueText returns the reporting verb at k with its audience when it has one
// ("told reporters", "told CNN").
func cueText(toks []token, k int) string {
	lw := toks[k].lower()
	if (lw == "told" || lw == "tells" || lw == "tell" || lw == "telling") && k+1 < len(toks) && toks[k+1].word {
		if _, fw := functionWords[toks[k+1].lower()]; !fw || toks[k+1].capitalized() {
			return toks[k].s + " " + toks[k+1].s
		}
	}
	return toks[k].s
}

// prepositionCue reports whether the reporting word lw is a preposition
// meaning "according to" (selon, según, laut), whose speaker follows it.
func prepositionCue(lw string) bool {
	return lw == "selon" || lw == "según" || lw == "laut"
}

// commonAfterPreposition reports whether np, a one-word name after "according
// to", is rather a common noun: one the article uses nowhere else as a name
// (in German, where every noun is capitalised, one it never writes in a
// longer form nor shows to be a person's): laut Marktprognosen.
func (a *attributor) commonAfterPreposition(np phrase) bool {
	if np.kind != npName || len(np.name.words) != 1 || len(np.roles) > 0 || germanAcronym(np.name.words[0]) {
		return false
	}
	key := np.name.key()
	if a.german {
		return len(strings.Fields(a.ix.full[key])) < 2 && !a.ix.isPerson(np.name.words[0])
	}
	return !a.ix.known(key)
}

// possessiveMark reports whether toks[e], right after a name ending in s,
// x or z, is an apostrophe written apart from the name's word (Halas‘
// Kollege, Cruz' aide): the name is a possessive, and someone of theirs
// follows.
func possessiveMark(toks []token, e int) bool {
	if e == 0 || e+1 >= len(toks) || !toks[e+1].word || toks[e+1].start == toks[e].end || toks[e].start != toks[e-1].end {
		return false
	}
	switch toks[e].s {
	case "‘", "'", "’", "`", "´":
	default:
		return false
	}
	switch lastRune(toks[e-1].s) {
	case 's', 'x', 'z', 'ß':
		return true
	}
	return false
}

// openingPronouns are German and French subject pronouns that open a
// sentence capitalised (Sie enthielt, Er dankte, Elle ajoute); a word the
// verb after them governs is no speaker.
var openingPronouns = map[string]bool{"er": true, "sie": true, "es": true, "ich": true, "wir": true,
	"elle": true, "ils": true, "elles": true}

// forwardNP reads a speaker phrase starting at toks[i]: a pronoun, a name
// with any titles and descriptors before it (IMF chief economist Maury
// Obstfeld, the Rev. Peter Wherry), or a description (the Kremlin spokesman).
func forwardNP(src string, toks []token, i int) (phrase, int, bool) {
	if i >= len(toks) || !toks[i].word {
		return phrase{}, i, false
	}
	lw := toks[i].lower()
	if _, ok := singularPronouns[lw]; ok {
		return phrase{kind: npPronoun, toks: toks[i : i+1]}, i + 1, true
	}
	if _, ok := pluralPronouns[lw]; ok {
		return phrase{kind: npPronoun, toks: toks[i : i+1]}, i + 1, true
	}
	if np, ok := foreignPronoun(toks, i); ok {
		return np, i + 1, true
	}
	if isLowerWord(toks[i]) && (foreignStop(lw) || elided(lw)) {
		return phrase{}, i, false // dijo en una entrevista: no subject after the verb
	}
	if openingPronouns[lw] && toks[i].capitalized() && i+1 < len(toks) && isLowerWord(toks[i+1]) {
		return phrase{}, i, false // Sie enthielt Artikel wie: the pronoun is the subject, what follows its object
	}
	if _, obj := objectDeterminers[lw]; obj {
		return phrase{}, i, false // Den Satz sagte er: the object, not the subject
	}
	j := i
	if isDeterminer(lw) || lw == "gegenüber" {
		j++
	}
	if lw == "gegenüber" && j < len(toks) && isDeterminer(toks[j].lower()) {
		j++
	}
	var best phrase
	bestEnd, head := -1, -1
	afterPrep := false // a Slavic preposition's phrase was passed over
	for j < len(toks) && j < i+8 {
		w := toks[j]
		if w.s == "/" && j > i && j+1 < len(toks) && toks[j+1].word {
			j++ // 9/11 widow Terry Strada
			continue
		}
		if !w.word || cueWord(w) && !stateTitle(toks, j) && !(j == i+1 && isLowerWord(toks[i]) && isDeterminer(toks[i].lower())) {
			break // (read one comment, a note said: after a determiner the noun)
		}
		if n, roles, e, ok := parseName(src, toks, j); ok {
			if possessiveMark(toks, e) {
				j = e + 1 // Halas‘ Kollege Peter Nordlander: someone of Halas's
				continue
			}
			best = phrase{kind: npName, toks: toks[i:e], name: n, roles: roles}
			bestEnd = e
			j = e
			if e+1 < len(toks) && toks[e].lower() == "of" && isLowerWord(toks[e]) && titleOnly(n.words) {
				// said Secretary of Labor Dana Whitfield: the department
				// belongs to the title, the name follows it.
				if s := afterDepartment(src, toks, e+1); s > e+1 {
					if n2, roles2, e2, ok := parseName(src, toks, s); ok && len(n2.words) > 1 && !nameFollows(src, toks, e2) {
						best = phrase{kind: npName, toks: toks[i:e2], name: n2, roles: roles2}
						bestEnd = e2
					}
				}
				break
			}
			if len(n.words) >= 2 && cyrillic(n.words[len(n.words)-1]) {
				// сказал министр Антон Силуанов журналистам: a Russian
				// role comes before the name; what follows it is not the
				// speaker (whom it was told, where, when).
				break
			}
			if r := modifiedRole(toks, i, e); r > e {
				// said the Florida senator: the name qualifies the role
				return phrase{kind: npRole, toks: toks[i:r]}, r, true
			}
			if stripPossessive(toks[e-1].s) == toks[e-1].s && !nameFollows(src, toks, e) {
				// Trump campaign manager Kellyanne Conway: the last name
				// is the speaker; Vladimir Putin said: this one.
				break
			}
			continue
		}
		if _, dat := dativeDeterminers[w.lower()]; dat && j > i && isLowerWord(w) {
			break // dankte dem neu gewählten Rat der EKD: whom, not who
		}
		if _, adj := roleAdjectives[w.lower()]; adj && isLowerWord(w) {
			j++ // Clinton's top foreign policy aide
			continue
		}
		if _, fw := functionWords[w.lower()]; fw && !isTitle(w) {
			break
		}
		if isLowerWord(w) && (strings.HasSuffix(w.lower(), "n't") || strings.HasSuffix(w.lower(), "n’t")) {
			break // The result doesn't surprise pollster Maria Lindqvist: a verb, and its object
		}
		if _, prep := prepositions[w.lower()]; prep && isLowerWord(w) {
			break // the organization against recent attacks
		}
		if head >= 0 && isLowerWord(w) && len(w.s) > 4 && (strings.HasSuffix(w.s, "ed") || strings.HasSuffix(w.s, "ing")) {
			break // a court document filed …: the description ends before the participle
		}
		if germanPrepositions[w.lower()] && isLowerWord(w) && bestEnd >= 0 {
			break // schrieb Simon Geschke auf Twitter: where, not who
		}
		if _, prep := slavicPrepositions[w.lower()]; prep && isLowerWord(w) {
			if bestEnd >= 0 {
				break // заявил Дмитрий Песков в Кремле: where, not who
			}
			// написал в Telegram Дмитрий Медведев, pisał na jednym z
			// obrazów Paweł Susid: the preposition and its object (a word
			// or a name: a place) are passed over; only a name after
			// them can be the speaker.
			j++
			if j < len(toks) && toks[j].word {
				if _, _, e, ok := parseName(src, toks, j); ok {
					j = e
				} else {
					j++
				}
			}
			afterPrep = true
			continue
		}
		if isLowerWord(w) && (foreignStop(w.lower()) || elided(w.lower()) || head >= 0 && isConnector(w)) {
			break // un proche d'Edouard Philippe, el instructor del caso: the role, not the name
		}
		if isLowerWord(w) || isTitle(w) || ageNoun(w) {
			head = j
		}
		j++
	}
	if bestEnd >= 0 && head >= 0 && head < bestEnd && len(best.name.words) == 1 && germanAcronym(best.name.words[0]) &&
		isLowerWord(toks[head]) && best.toks[len(best.toks)-1].start > toks[head].start {
		// el convencional UDI: the acronym says whose the role is; the
		// role is the speaker (or the name set off after it).
		return phrase{kind: npRole, toks: toks[i : head+1]}, head + 1, true
	}
	if bestEnd >= 0 && head < bestEnd {
		if last := toks[bestEnd-1]; stripPossessive(last.s) != last.s {
			return phrase{}, i, false // Clinton's …: someone of Clinton's, not Clinton
		}
		return best, bestEnd, true
	}
	if head < 0 || afterPrep {
		return phrase{}, i, false
	}
	return phrase{kind: npRole, toks: toks[i : head+1]}, head + 1, true
}

// cyrillic reports whether w begins with a Cyrillic letter.
func cyrillic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Cyrillic, r)
}

// descriptors reports whether toks are words that may describe a speaker
// before the name (Tulsa police, White House press secretary, 9/11 widow).
func descriptors(toks []token) bool {
	if len(toks) > 6 {
		return false
	}
	for _, t := range toks {
		if !t.word {
			if t.s == "/" || t.s == "-" {
				continue
			}
			return false
		}
		if cueWord(t) {
			return false
		}
		if _, fw := functionWords[t.lower()]; fw && !isTitle(t) {
			return false
		}
	}
	return true
}

// backwardNP reads a speaker phrase ending at toks[k], skipping adverbs and
// auxiliaries between it and the verb (Trump later said, he has said).
func backwardNP(src string, toks []token, k int) (phrase, bool) {
	for k >= 0 && isLowerWord(toks[k]) {
		lw := toks[k].lower()
		if _, ok := adverbs[lw]; ok || (strings.HasSuffix(lw, "ly") && len(lw) > 4) {
			k--
			continue
		}
		break
	}
	if k < 0 {
		return phrase{}, false
	}
	// Rep. Bobby Scott (D-Va.) said
	if toks[k].s == ")" {
		for m := k - 1; m >= 0 && m > k-12; m-- {
			if toks[m].s == "(" {
				k = m - 1
				break
			}
		}
		if k < 0 || toks[k].s == ")" {
			return phrase{}, false
		}
	}
	// Dmitry Peskov, Putin's spokesman, said
	if toks[k].s == "," {
		// Johnnie Wilson, of Springfield, Va., said: a home town between
		// commas describes the name before it.
		if c := hometown(toks, k); c > 0 {
			return backwardNP(src, toks[:c], c-1)
		}
		for m := k - 1; m >= 0 && m > k-32; m-- {
			if sentenceEnd(toks, m) {
				break
			}
			if toks[m].s == "," && m > 0 && placeAfterTown(toks, m, k) {
				continue // a pastor at the church of Elizabeth, Colorado, slammed: the town and its state are one part
			}
			if toks[m].s == "," && m > 0 {
				// Asked about Trump, Gov. Nikki Haley, blurted: the part
				// between the commas is the name itself, not an apposition
				// (Gov. John Kasich (R-OH), said).
				end := k
				if toks[end-1].s == ")" {
					for p := end - 2; p > m+1 && p > end-12; p-- {
						if toks[p].s == "(" {
							end = p
							break
						}
					}
				}
				if m+1 < end && isNameWord(toks[end-1]) {
					if n, roles, e, ok := parseName(src, toks, m+1); ok && e == end {
						return phrase{kind: npName, toks: toks[m+1 : end], name: n, roles: roles}, true
					}
					if np, ok := nameOfPlace(src, toks, m+1, end); ok {
						return np, true // One pastor, Dale Whitney of Grace Church in Ames, said
					}
				}
				// The part between the commas must describe the name, not
				// be a clause of its own (…Americans, Sen. Ted Cruz was
				// also critical, telling …) or a phrase of time or place
				// (…in Aurora, Colorado, in July 2012, said).
				if parenthetical(toks[m+1 : k]) {
					// Rush Limbaugh, for one, called: an aside between the
					// name and its verb.
					return backwardNP(src, toks[:m], m-1)
				}
				if m+1 < k && (isPreposition(toks[m+1]) || opensSubject(toks[m+1]) && isLowerWord(toks[m+1])) {
					return phrase{}, false // …, when protesters interrupted her speech, shouting
				}
				for _, t := range toks[m+1 : k] {
					if lw := t.lower(); lw == "who" && isLowerWord(t) {
						// Melanne Verveer, a close friend who was her chief
						// of staff, said: a relative clause describes the
						// name, whatever its verb.
						break
					}
					if _, v := clauseVerbs[t.lower()]; cueWord(t) || v && isLowerWord(t) {
						return phrase{}, false
					}
				}
				if np, ok := backwardNP(src, toks[:m], m-1); ok && np.kind == npName {
					// … from entering the United States, Hillary Clinton's
					// right-hand woman rallied supporters, saying: a name
					// after a verb is its object, not the speaker.
					f := m - 1
					for f > 0 && toks[f].start > np.toks[0].start {
						f--
					}
					if objectAt(toks, f) {
						if roleComplement(toks, f) {
							k = m // J.J. Goldberg, editor at large of The Forward, a newspaper, wrote: the name before the role
							continue
						}
						return phrase{}, false
					}
					return np, true
				}
				break
			}
		}
		return phrase{}, false
	}
	t := toks[k]
	lw := t.lower()
	if _, ok := singularPronouns[lw]; ok {
		return phrase{kind: npPronoun, toks: toks[k : k+1]}, true
	}
	if _, ok := pluralPronouns[lw]; ok {
		return phrase{kind: npPronoun, toks: toks[k : k+1]}, true
	}
	if np, ok := foreignPronoun(toks, k); ok {
		return np, true
	}
	if isNameWord(t) || (t.capitalized() && isTitle(t)) {
		if stripPossessive(t.s) != t.s {
			return phrase{}, false // Jordan Blake's remarks: the verb is a noun owned by the name
		}
		if np, ok := definiteTitle(toks, k); ok {
			return np, true // the Prime Minister said: a role, not a name
		}
		m := k
		for m > 0 && (isNameWord(toks[m-1]) || (toks[m-1].capitalized() && isTitle(toks[m-1])) ||
			(toks[m-1].word && isConnector(toks[m-1]) && m-1 > 0 && isNameWord(toks[m-2]))) {
			if strings.HasSuffix(toks[m-1].s, "’s") || strings.HasSuffix(toks[m-1].s, "'s") {
				break
			}
			m--
		}
		if objectNoun(toks, m) {
			return phrase{}, false // den ersten Satz sagte: a German object, not a name
		}
		if m > 0 && toks[m-1].word && germanPrepositions[toks[m-1].lower()] {
			return phrase{}, false // Am Telefon berichtet sie: the object of a preposition
		}
		if m > 1 && toks[m-2].word && participleObject(toks[m-1]) {
			return phrase{}, false // Rural voters backing Kessler announced: the participle's object
		}
		// Jeb Bush of Florida said, Mr. Burman of the Tax Policy Center
		// said: the name before "of" speaks, not the place or body after it.
		personAfter := false // Secretary of State John Kerry said: the name after "of" is the person
		if n, _, j, ok := parseName(src, toks[:k+1], m); ok && j == k+1 && len(n.words) > 1 && personLike(n.words) {
			personAfter = true
		}
		if !personAfter && m > 1 && toks[m-1].word && (toks[m-1].lower() == "of" || toks[m-1].lower() == "at" ||
			(toks[m-1].lower() == "in" || toks[m-1].lower() == "from") && isLowerWord(toks[m-1]) && isNameWord(toks[m-2]) && nameBeforePlace(src, toks, m-1)) &&
			(isNameWord(toks[m-2]) || toks[m-2].s == ")") {
			// (The BBC's Jane Smith in Lagos says: the reporter, not the place.)
			if np, ok := backwardNP(src, toks[:m-1], m-2); ok && np.kind == npName {
				return orgOf(src, toks, k, np), true
			}
		}
		if !personAfter && m > 2 && toks[m-1].lower() == "the" && (toks[m-2].lower() == "of" || toks[m-2].lower() == "at") && isNameWord(toks[m-3]) {
			if np, ok := backwardNP(src, toks[:m-2], m-3); ok && np.kind == npName {
				return orgOf(src, toks, k, np), true
			}
		}
		if m > 1 && isLowerWord(toks[m-1]) && placePrepositions[toks[m-1].lower()] && (isLowerWord(toks[m-2]) || m == k && place(toks[m].s)) {
			// A spokesman for the mayor in Denver said, the crowd at the
			// rally in Dayton chanted: the name is where, not who. (After
			// a lower-case word only: German nouns are capitalised, and
			// der Premiere in Toronto sagten has its own rules.)
			return phrase{}, false
		}
		for m <= k {
			if n, roles, j, ok := parseName(src, toks[:k+1], m); ok && j == k+1 {
				if d := relationalOpener(toks, m); d >= 0 {
					// A friend of Tom Ruiz said: the friend, not Tom Ruiz.
					return phrase{kind: npRole, toks: toks[d : k+1], headAt: m - 2 - d, relational: true}, true
				}
				if m > 0 && (toks[m-1].lower() == "a" || toks[m-1].lower() == "an") {
					return phrase{}, false // features a New York Times report: the verb is a noun
				}
				if m > 1 && toks[m-1].lower() == "of" && givenNameGender(n.words) == 0 {
					return nameAfterTitleOf(src, toks[:k+1], m)
				}
				return phrase{kind: npName, toks: toks[m : k+1], name: n, roles: roles}, true
			}
			m++
		}
		return phrase{}, false
	}
	if !isLowerWord(t) && !ageNoun(t) {
		return phrase{}, false
	}
	// (a word of another language after an English article is an English
	// noun: the man said, her son said — not German "man", French "son")
	englishNoun := k > 0 && englishArticles[toks[k-1].lower()] && isLowerWord(toks[k-1])
	if _, fw := functionWords[lw]; fw && !headNoun(toks, k) || foreignStop(lw) && !englishNoun || elided(lw) {
		return phrase{}, false
	}
	if _, o := otherPronouns[lw]; o {
		return phrase{}, false
	}
	// A description ending in its head noun: the Kremlin spokesman said.
	m := k
	for m > 0 && k-m < 5 {
		p := toks[m-1]
		if !p.word {
			break
		}
		pl := p.lower()
		if _, ok := determiners[pl]; ok {
			m--
			break
		}
		if _, adj := roleAdjectives[pl]; adj && m-1 > 0 && toks[m-2].word {
			m-- // one senior administration official said
			continue
		}
		if _, fw := functionWords[pl]; fw && !isTitle(p) {
			break
		}
		if _, prep := prepositions[pl]; prep {
			break
		}
		if cueWord(p) {
			break
		}
		m--
	}
	// The object of a preposition is not the speaker (marching through the
	// streets chanted).
	if m > 0 && toks[m-1].word {
		if _, prep := prepositions[toks[m-1].lower()]; prep {
			// … unless a role with a determiner governs it: a narrator in
			// the Clinton ad asks, a spokesman for the campaign said.
			if d := roleBeforePreposition(toks, m-1); d >= 0 {
				return phrase{kind: npRole, toks: toks[d : k+1]}, true
			}
			return phrase{}, false
		}
	}
	// A description needs a determiner or must start the clause: "the
	// clown said", "Richmond police said", not "the job requires … said".
	if m > 0 {
		if _, ok := determiners[toks[m].lower()]; !ok && toks[m-1].word {
			return phrase{}, false
		}
	}
	if nameThenVerb(toks, m, k) {
		return phrase{}, false // Ruiz denied calling Lee "…": a name and its verb, not a description
	}
	return phrase{kind: npRole, toks: toks[m : k+1]}, true
}

// placePrepositions put a name after them as a place (in Denver, across
// Ohio), never the speaker of the verb after it ("from" is left out: a
// reaction from President Obama, who called …).
var placePrepositions = map[string]bool{"in": true, "near": true, "across": true, "outside": true,
	"inside": true, "throughout": true, "around": true}

// nameBeforePlace reports whether the words before toks[p] ("in" or
// "from") end a person's name of two words or more (Jane Smith in Lagos,
// Tom Ruiz from Ohio), not a place or a date (Earlier in Iowa, Monday in
// Ames).
func nameBeforePlace(src string, toks []token, p int) bool {
	m := p
	for m > 0 && isNameWord(toks[m-1]) && !strings.HasSuffix(toks[m-1].s, ".") && stripPossessive(toks[m-1].s) == toks[m-1].s {
		m--
	}
	if p-m < 2 {
		return false
	}
	n, _, j, ok := parseName(src, toks[:p], m)
	return ok && j == p && personLike(n.words) && givenNameGender(n.words[:1]) != 0
}

// orgOf returns, for the name np before "of" (or "of the") and a name
// ending at toks[k], the organisation's whole name when np's ends in an
// organisation's head noun (the University of Chicago said, the Department
// of Homeland Security concluded — not "University"), else np (Jeb Bush of
// Florida said: the person, not the place).
func orgOf(src string, toks []token, k int, np phrase) phrase {
	if len(np.name.words) == 0 || !englishOrgHead(np.name.words[len(np.name.words)-1]) {
		return np
	}
	s := indexOfToken(toks, np.toks[0].start)
	if s < 0 {
		return np
	}
	if n, roles, j, ok := parseName(src, toks[:k+1], s); ok && j == k+1 {
		return phrase{kind: npName, toks: toks[s : k+1], name: n, roles: roles}
	}
	return np
}

// participleObject reports whether t is an English present participle
// whose object a name after it is (voters backing Kessler, a crowd
// cheering Obama): a lower-case word in -ing that is no reporting verb,
// no preposition (during, including) and no noun (morning, building).
func participleObject(t token) bool {
	lw := t.lower()
	if !isLowerWord(t) || !strings.HasSuffix(lw, "ing") || len(lw) < 6 || cueWord(t) || isPreposition(t) {
		return false
	}
	switch lw {
	case "during", "including", "regarding", "concerning", "following", "according", "excluding", "considering",
		"notwithstanding", "pending", "morning", "evening", "building", "meeting", "hearing", "briefing", "funding",
		"spending", "nothing", "something", "anything", "everything", "ranking", "leading", "sitting", "serving",
		"outgoing", "incoming", "ruling", "governing", "reigning", "acting", "visiting", "founding", "sibling":
		return false
	}
	return true
}

// germanPrepositions are German prepositions and their contractions with
// the article that are no English words; a capitalised noun after one is
// its object (Am Telefon, Nach Angaben, Beim Treffen), never a speaker.
var germanPrepositions = map[string]bool{"am": true, "im": true, "vom": true, "zum": true, "zur": true,
	"beim": true, "ins": true, "ans": true, "aufs": true, "mit": true, "nach": true, "bei": true, "seit": true,
	"gegen": true, "ohne": true, "durch": true, "für": true, "über": true, "unter": true, "zwischen": true,
	"auf": true, "von": true, "zu": true, "aus": true, "vor": true, "hinter": true, "neben": true}

// dativeDeterminers open a German noun phrase in the dative and in no
// other case: never a subject.
var dativeDeterminers = wordSet("dem einem diesem jenem keinem jedem welchem manchem meinem deinem seinem ihrem unserem eurem")

// objectNoun reports whether the capitalised words from toks[m] are a
// German noun phrase in the accusative or the dative: opened by den,
// einen, dem, einem …, or after one and at most two adjectives (den ersten
// Satz, dem neu gewählten Rat).
func objectNoun(toks []token, m int) bool {
	for p := m; p >= 0 && p >= m-3; p-- {
		if !toks[p].word {
			return false
		}
		if _, obj := objectDeterminers[toks[p].lower()]; obj {
			return true
		}
		if _, dat := dativeDeterminers[toks[p].lower()]; dat && isLowerWord(toks[p]) {
			return true // dankte dem neu gewählten Rat der EKD: whom, not who
		}
		if p == m {
			continue
		}
		if !isLowerWord(toks[p]) {
			return false
		}
	}
	return false
}

// isConnector reports whether t joins the words of a name.
func isConnector(t token) bool {
	_, ok := connectors[t.lower()]
	return ok
}

// resolve sets c's speaker from its attribution.
func (a *attributor) resolve(c *candidate, at attribution) {
	switch at.np.kind {
	case npName:
		n := at.np.name
		if d := partyDescription(a.src, n); d >= 0 {
			// the Ohio Republican said: a description of a party's member
			// in the article's words, not a name "Ohio Republican".
			c.speaker, c.person = a.src[d:n.end], true
			break
		}
		full := a.ix.fullName(n.text(a.src))
		words := strings.Fields(full)
		c.speaker = full
		c.plural = len(words) == 1 && pluralWord(words[0]) && !a.ix.isPerson(full)
		c.person = !c.plural && (personLike(words) && personLike(n.words) ||
			len(at.np.roles) > 0 || n.gender != 0 || a.ix.isPerson(full))
		c.gender = n.gender
		if g := a.ix.genderOf(full); g != 0 && c.gender == 0 {
			c.gender = g
		}
	case npPronoun:
		if at.np.foreign {
			c.speaker = a.recentSpeaker(at.cuePos, at.np.gender, at.np.plural)
			c.person = c.speaker != "" && !at.np.plural
			c.plural = c.speaker != "" && at.np.plural
			c.gender = at.np.gender
			return
		}
		lw := at.np.toks[0].lower()
		if lw == "they" {
			c.speaker = a.antecedent(at.cuePos, true, 0)
			c.plural = c.speaker != ""
			return
		}
		var g byte = 'm'
		if lw == "she" {
			g = 'f'
		}
		c.speaker = a.continuedSpeaker(at.cue, at.cuePos, g, a.antecedent(at.cuePos, false, g))
		if a.diedBefore(c.speaker, at.cuePos) {
			c.speaker = "" // Tom Ruiz died in the blaze. "…," he said
		}
		if c.speaker != "" && a.unnamedPersonBetween(a.lastMention(c.speaker, at.cuePos), at.cuePos, g, c.speaker) {
			c.speaker = "" // Then a woman stood up. "…," she shouted (unnamed.go)
		}
		c.person = c.speaker != ""
		c.gender = g
	case npRole:
		if np, ok := a.documentAuthor(at.np); ok {
			at.np = np // a statement from Laura Pines: hers
			a.resolve(c, at)
			return
		}
		if at.np.relational {
			c.speaker = at.np.text(a.src)
			c.plural = pluralWord(at.np.toks[at.np.headAt].s)
			c.person = !c.plural
			break
		}
		if np, ok := a.appositionAfter(at.np.toks[len(at.np.toks)-1].end); ok {
			at.np = np // le président de la CPME, François Asselin
			a.resolve(c, at)
			return
		}
		head := at.np.toks[len(at.np.toks)-1].lower()
		if at.np.headAt > 0 {
			head = strings.TrimSuffix(at.np.toks[at.np.headAt].lower(), ".") // the Secretary of State
			if r := titles[head]; r != "" {
				head = r
			}
		}
		if complementAfter(a.src, at.np.toks[len(at.np.toks)-1].end) {
			// el presidente de la Asamblea: whose president the phrase
			// leaves out, so it is no one the article named president.
		} else if name := a.ix.role(head, qualifiers(at.np), at.np.toks[0].start, a.sectionStart(at.np.toks[0].start)); name != "" && !a.staleRole(name, at.np.toks[0].start) {
			c.speaker = a.ix.fullName(name)
			c.person = true
			return
		}
		if englishDescription(at.np.toks) && !sourceHead(head) {
			// His face darted from side to side, … as if to say, "…";
			// That record prompted …: a thing that cannot say anything
			// is no speaker; say nothing rather than name it.
			return
		}
		c.speaker = at.np.text(a.src)
		c.plural = pluralWord(head)
	}
	if c.speaker != "" && a.german && !a.germanSpeakerOK(c.speaker) {
		c.speaker, c.person, c.plural = "", false, false // Das Tempo, auf Anfrage: a common noun
	}
	if c.speaker != "" && len(at.np.toks) == 1 && introductoryPhrase(a.src, at.np.toks[0]) {
		c.speaker, c.person, c.plural = "", false, false // Al respecto, señaló: no one named
	}
	if c.speaker != "" {
		a.speakers = append(a.speakers, antecedent{pos: at.cuePos, name: c.speaker, person: c.person, plural: c.plural, gender: c.gender})
	}
}

// maxRoleParas bounds how many paragraphs back the last mention of the
// person a role stands for may be.
const maxRoleParas = 3

// staleRole reports whether name, whom the article introduced with a role
// that a description at pos repeats, was last named more than
// maxRoleParas paragraphs before pos: "soul star Carl Hobbs" early in a
// profile of someone else, then "Photos that the star posted" — the star
// is likelier the person the article is about, so the role is not tied.
func (a *attributor) staleRole(name string, pos int) bool {
	last := a.lastMention(name, pos)
	return last >= 0 && a.paraOf(pos)-a.paraOf(last) > maxRoleParas
}

// partyDescription returns where "the" opens a name of several words that
// ends in a party's member (the Ohio Republican, the Texas Democrat), or -1.
func partyDescription(src string, n name) int {
	if len(n.words) < 2 || !partyWords[strings.ToLower(n.words[len(n.words)-1])] {
		return -1
	}
	before := strings.TrimRight(src[:n.start], " ")
	if len(before) < 3 || !strings.EqualFold(before[len(before)-3:], "the") {
		return -1
	}
	if d := len(before) - 3; d == 0 || !isWordRune(lastRune(src[:d])) {
		return d
	}
	return -1
}

// introductoryPhrase reports whether the one-word speaker t is the first
// word of a phrase that opens its sentence and a comma closes — a capital
// only because the sentence starts there, followed by a lower-case word and
// the comma: "Al respecto, señaló", "Al final, afirmó", "Del mismo modo,
// dijo" (Spanish contractions that read as the given name Al, or as a
// capitalised word). A name opening a sentence is followed by its verb, a
// comma or another capital ("Al Gore", "Obama, who", "Obama told"), and
// "Obama also said" has no comma.
func introductoryPhrase(src string, t token) bool {
	before := strings.TrimRight(src[:t.start], " \t")
	if before != "" && !strings.HasSuffix(before, "\n") && !strings.HasSuffix(before, ".") {
		return false // not at a sentence's start
	}
	rest := src[t.end:]
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	rest = rest[1:]
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end <= 0 || end == len(rest) || rest[end] != ',' {
		return false
	}
	first, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(first) && !isCue(strings.ToLower(rest[:end]))
}

// sourceNouns are nouns other than role nouns that head a description
// that may speak or be quoted: organisations, groups and writings.
var sourceNouns = wordSet(`person people crowd audience family staff police group campaign committee company firm
agency department ministry office administration government court council party team union board bank
network newspaper paper magazine website site blog station channel outlet publication
embassy commission panel jury caucus delegation coalition alliance association organization organisation
foundation institute center centre university college school hospital army military navy church
statement report letter note memo message email article editorial column story piece book study survey poll
analysis review document filing lawsuit complaint petition release announcement notice transcript ruling
decision opinion order verdict indictment affidavit ad advertisement commercial video clip spot tweet post
headline caption sign banner flyer mailer website page platform bill law resolution speech remarks
interview broadcast show program programme film documentary
man woman men women boy girl kid kids child children baby teen guy guys fan fans tycoon mogul heavyweight
hero legend icon celebrity comic chef nurse marine pilot nun monk cleric bishop pope cardinal guru pundit
scholar czar cop cops boss intern fellow guest citizen local locals ally allies rival foe delegate
delegates thug clown mom dad parent parents prince king queen conservative liberal progressive moderate independent
democrat republican lady gentleman couple pair duo trio veteran folks teenager youngster suit brief briefing
manifesto billboard flier pamphlet leaflet brochure card graphic chart slide script op-ed essay newsletter
bulletin dispatch cable text summary guidance directive proposal plan budget agreement deal treaty accord
charter policy rule regulation measure amendment legislation findings finding estimate projection forecast
audit probe inquiry investigation`)

// englishDeterminers open an English description (the spokesman, his
// face, that record).
var englishDeterminers = wordSet(`the a an his her their its our my your this that these those one another`)

// englishDescription reports whether toks are an English description: a
// determiner first and a lower-case head last.
func englishDescription(toks []token) bool {
	if len(toks) < 2 || !isLowerWord(toks[len(toks)-1]) {
		return false
	}
	_, ok := englishDeterminers[toks[0].lower()]
	return ok
}

// sourceHead reports whether the head word of a description may name a
// source: a role noun (spokesman, senator, protesters) or one of
// sourceNouns (the statement, the company).
func sourceHead(head string) bool {
	head = strings.ToLower(stripPossessive(head))
	if _, ok := sourceNouns[head]; ok || roleNoun(head) {
		return true
	}
	for _, suf := range []string{"s", "es"} { // the protesters, the reports
		if base := strings.TrimSuffix(head, suf); base != head {
			if _, ok := sourceNouns[base]; ok || roleNoun(base) {
				return true
			}
		}
	}
	return false
}

// pluralWord reports whether a noun looks plural (officials, police).
func pluralWord(w string) bool {
	lw := strings.ToLower(w)
	switch lw {
	case "police", "people", "staff", "officials", "authorities":
		return true
	}
	return strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss") && !strings.HasSuffix(lw, "us")
}

// maxLookBack bounds how many speakers and names back a pronoun looks.
const maxLookBack = 40

// antecedent returns the most recent speaker or subject before pos that a
// pronoun can stand for: a person of a compatible gender for he/she, a
// group for they; "" when none fits.
func (a *attributor) antecedent(pos int, plural bool, g byte) string {
	if !plural && g != 0 && a.depth < 3 {
		// Meanwhile Rihanna, who was honored …, spoke about self-love.
		// "…," she said: the subject opening the narration just before
		// the quotation is whom the pronoun stands for, whether or not
		// the article shows its gender.
		if name, ok := a.openerBefore(pos, g, false); ok {
			return name
		}
	}
	speakerPos, speaker := -1, ""
	floor := a.sectionStart(pos)
	for k := len(a.speakers) - 1; k >= 0 && k >= len(a.speakers)-maxLookBack; k-- {
		s := a.speakers[k]
		if s.pos >= pos {
			continue
		}
		if s.pos < floor {
			break // another section: "she" is no one of it
		}
		sg := s.gender
		if sg == 0 {
			sg = a.ix.genderOf(s.name)
		}
		if plural && s.plural || !plural && s.person && (sg == 0 || g == 0 || sg == g) {
			speakerPos, speaker = s.pos, s.name
			break
		}
	}
	if plural {
		return speaker
	}
	best, bestPos := speaker, speakerPos
	subordinate, subName := -1, "" // the last subordinate clause's subject passed, if it fits
	var subMention mention
	ms := a.ix.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].name.start >= pos })
	for stop := k - maxLookBack; k > 0 && k > stop && ms[k-1].name.start > speakerPos && ms[k-1].name.start >= floor; {
		k--
		m := ms[k]
		if !m.subject || diedAfter(a.src, m.name.end) {
			continue // … four years later, Freddy was dead. "…," he said: not Freddy
		}
		full, ok := a.fitting(m, g)
		if m.subordinate && (ok || a.maybePerson(m, speaker)) {
			// Mr. Olsen said he signed on because Mr. Drake agreed. "…," he
			// said: the subject of a clause of cause or time is not whom a
			// later pronoun stands for; only the subject of its sentence is.
			if subordinate < 0 {
				subordinate, subName, subMention = m.name.start, full, m
			}
			continue
		}
		if !ok {
			if a.maybePerson(m, speaker) || a.unknownSubject(m, speaker) {
				// Tennis great Billie Jean King remembered Ali. "…," she
				// said: someone who may be a person of either gender stands
				// between the pronoun and any earlier candidate, so only a
				// later reporting clause may still name the speaker.
				best, bestPos = "", m.name.start
				break
			}
			continue
		}
		// John Miller and Robert Brown talked: "he" could be either.
		for _, o := range []int{k - 1, k + 1} {
			if o < 0 || o >= len(ms) || ms[o].name.start >= pos {
				continue
			}
			lo, hi := m, ms[o]
			if o < k {
				lo, hi = ms[o], m
			}
			if between := strings.TrimSpace(a.src[lo.name.end:hi.name.start]); between == "and" || between == "or" || between == "&" {
				if other, ok := a.fitting(ms[o], g); ok && other != full {
					return ""
				}
			}
		}
		best, bestPos = full, m.name.start
		break
	}
	if subordinate >= 0 && !(best != "" && a.sameSentence(bestPos, subordinate)) {
		// While Obama had many friends recording songs, that is not
		// happening this year for Clinton, which worries Henry Crespo.
		// "…," he said: another person named in that sentence may be
		// the one; when no one else is (Though Ms. Olivieri has lived
		// there all her life, the rents have doubled, she said), the
		// clause's subject is the sentence's only person.
		best, bestPos = subName, subordinate
		if a.otherInSentence(subMention, pos, g) {
			best = ""
		}
	}
	// Mr. Lou said there was nothing wrong. But he suggested that Mr. Lew
	// had his eyes on critics. "…," he said: a name inside a sentence whose
	// subject is already the pronoun is not what the pronoun stands for.
	if bestPos >= 0 && a.depth < 3 {
		if q := a.pronounSubjectBefore(bestPos, pos, g); q >= 0 {
			a.depth++
			defer func() { a.depth-- }()
			return a.antecedent(q, plural, g)
		}
	}
	// The subject of a later reporting clause: "To this, the Kremlin
	// spokesman assured …" before "… ," he said.
	for r := len(a.subjects) - 1; r >= 0; r-- {
		sub := a.subjects[r]
		if sub.pos >= pos {
			continue
		}
		if sub.pos <= bestPos || sub.pos < floor {
			break
		}
		if (sub.role || sub.described) && a.paraOf(pos)-sub.para > 1 {
			continue // a role far back: "she" may be anyone named since
		}
		if sub.person && (sub.gender == 0 || g == 0 || sub.gender == g) {
			if sub.gender == 0 && objectPronounAfter(a.src, sub.pos, g) {
				// … the president told her. "…," she said: "she" is whom
				// he told, not the president.
				return ""
			}
			if sub.inverted && g != 0 && a.fittingAfter(sub.pos, pos, g, sub.name) {
				// …, said Batchelder. … with Hillary Clinton lambasting the
				// plan. "…," she said: another woman named since.
				return ""
			}
			return sub.name
		}
	}
	if recent := a.paras[max(0, a.paraOf(pos)-1)].Start; best != "" && g != 0 && bestPos < recent && a.ix.genderOf(best) == 0 && a.fittingAfter(recent, pos, g, best) {
		// "…," said Len Burman. … with Hillary Clinton lambasting the
		// plan. "…," she said: a woman named since makes a speaker of
		// unknown gender a guess.
		return ""
	}
	if cur := a.paras[a.paraOf(pos)].Start; best != "" && best != speaker && g != 0 && bestPos < cur && a.fittingAfter(cur, pos, g, best) {
		// Mary Barra spoke after Treasury Secretary Scott Bessent. "…,"
		// he said: a man named in the quotation's own paragraph makes one
		// merely named in an earlier paragraph a guess, whatever his
		// gender. The speaker of the quotation before still stands.
		return ""
	}
	return best
}

// otherInSentence reports whether a person of gender g other than m is
// named after m in m's sentence, before pos.
func (a *attributor) otherInSentence(m mention, pos int, g byte) bool {
	name := a.ix.fullName(m.name.text(a.src))
	ms := a.ix.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].name.start > m.name.start })
	for ; k < len(ms) && ms[k].name.start < pos && a.sameSentence(m.name.start, ms[k].name.start); k++ {
		if full, ok := a.fitting(ms[k], g); ok && full != name {
			return true
		}
	}
	return false
}

// sameSentence reports whether no sentence ends between from and to.
func (a *attributor) sameSentence(from, to int) bool {
	if from < 0 || a.paraOf(from) != a.paraOf(to) {
		return false
	}
	toks := tokenize(a.src, from, to)
	for k := range toks {
		if sentenceEnd(toks, k) {
			return false
		}
	}
	return true
}

// fittingAfter reports whether a person other than name, whose gender the
// article or a given name shows to be g, is named between from and to.
func (a *attributor) fittingAfter(from, to int, g byte, name string) bool {
	ms := a.ix.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].name.start > from })
	for ; k < len(ms) && ms[k].name.start < to; k++ {
		full := a.ix.fullName(ms[k].name.text(a.src))
		if full == name {
			continue
		}
		mg := ms[k].name.gender
		if mg == 0 {
			mg = a.ix.genderOf(full)
		}
		if mg == g && personLike(strings.Fields(full)) {
			return true
		}
	}
	return false
}

// maybePerson reports whether mention m may be a person the article does
// not show to be one, nor to be of a gender: a name that reads as a
// person's (not a people, a place after a preposition or an
// organisation), other than speaker.
func (a *attributor) maybePerson(m mention, speaker string) bool {
	full := a.ix.fullName(m.name.text(a.src))
	if full == speaker || a.ix.isPerson(full) || len(m.name.words) > maxNameWords || place(full) {
		return false
	}
	if len(m.name.words) == 1 && !a.ix.known(m.name.key()) {
		return false // a capitalised word opening a sentence (That, Behind, Audiences)
	}
	return personLike(strings.Fields(full)) && personLike(m.name.words)
}

// unknownSubject reports whether mention m is one capitalised word the
// article names nowhere else, opening its clause as the subject of a verb
// (Kowalczyk also addressed the members; the aide Kowalczyk said): maybe a
// person, of either gender, so that a later "he" or "she" is not sure to
// reach a person named before it. (A plural — Republicans applauded — is
// no one "he" could stand for.)
func (a *attributor) unknownSubject(m mention, speaker string) bool {
	if len(m.name.words) != 1 || pluralWord(m.name.words[0]) || place(m.name.words[0]) {
		return false
	}
	full := a.ix.fullName(m.name.text(a.src))
	if full == speaker || a.ix.isPerson(full) || !personLike(m.name.words) {
		return false
	}
	end := min(m.name.end+80, len(a.src))
	toks := tokenize(a.src, m.name.end, end)
	k := 0
	for k < len(toks) && isLowerWord(toks[k]) {
		if _, ok := adverbs[toks[k].lower()]; !ok {
			break
		}
		k++
	}
	if k >= len(toks) || !isLowerWord(toks[k]) {
		return false
	}
	t := toks[k]
	lw := t.lower()
	_, ov := objectVerbs[lw]
	return cueWord(t) || ov || auxiliaryVerb(t) || len(lw) > 4 && strings.HasSuffix(lw, "ed")
}

// fitting returns the fullest name of mention m when it is known to be a
// person whose gender fits g.
func (a *attributor) fitting(m mention, g byte) (string, bool) {
	full := a.ix.fullName(m.name.text(a.src))
	gender := m.name.gender
	if gg := a.ix.genderOf(full); gg != 0 && gender == 0 {
		gender = gg
	}
	words := strings.Fields(full)
	if !a.ix.isPerson(full) || !personLike(words) || !personLike(m.name.words) {
		return "", false // not known to be a person
	}
	if gender != 0 && g != 0 && gender != g {
		return "", false
	}
	return full, true
}

// inherit gives candidate c, which has no attribution of its own, the
// speaker of p, the quotation before it, when that one's attribution leads into
// it: a second quotation after `"…," said Caddell.` in the same paragraph,
// or a paragraph that is all quotation after a paragraph ending in one.
func (a *attributor) inherit(p, c *candidate) {
	if p == nil || !p.attributed && p.speaker == "" {
		return
	}
	// “…” ― Julie A. Diaz Martinez.: a dash and a capitalised word after
	// the quotation are its own attribution, even one not read.
	if after := tokenize(a.src, c.raw.end, a.paras[c.lastPara].End); len(after) > 1 && isDash(after[0].s) && after[1].capitalized() {
		return
	}
	switch {
	case p.lastPara == c.para:
		// Between them only the attribution of p: no other sentence.
		between := tokenize(a.src, p.raw.end, c.raw.start)
		ends := 0
		for k := range between {
			if sentenceEnd(between, k) {
				ends++
			}
		}
		if ends > 1 && a.otherSubject(p, p.raw.end, c.raw.start) {
			return
		}
		// "…," said Anton Siluanov. In the view of Dmitry Peskov, "…": a
		// short phrase opening c's own sentence and leading into it with a
		// comma ends with another person's name, who may be its speaker.
		if ends > 0 {
			k := len(between) - 1
			for k >= 0 && !sentenceEnd(between, k) {
				k--
			}
			lead := between[k+1:]
			if n := len(lead); n > 1 && n <= 12 && (lead[n-1].s == "," || lead[n-1].s == ":") && a.otherPerson(p, lead[:n-1]) {
				return
			}
		}
	case p.lastPara == c.para-1 && c.raw.start == a.paras[c.para].Start:
		// p's paragraph ends with p's attribution sentence.
		rest := tokenize(a.src, p.raw.end, a.paras[p.lastPara].End)
		ends := 0
		for k := range rest {
			if sentenceEnd(rest, k) && k < len(rest)-1 {
				ends++
			}
		}
		if ends > 0 {
			return
		}
	default:
		return
	}
	if a.otherNameAround(p, c) {
		return
	}
	c.speaker, c.cue, c.person, c.plural, c.gender = p.speaker, p.cue, p.person, p.plural, p.gender
	c.attributed = p.attributed
}

// otherNameAround reports whether c's own sentence, outside c and after p,
// names a person other than p's speaker by a full name: the sentence is
// then about that person, who may be the one quoted, and c inherits
// nothing (… avec des voix « alternatives », confirme pour Mathilde
// Wattecamps que …; Für unseren Bundesgeschäftsführer Christian Deutsch
// ist klar, dass „…“).
func (a *attributor) otherNameAround(p, c *candidate) bool {
	para := a.paras[c.para]
	from := max(para.Start, p.raw.end)
	all := tokenize(a.src, from, c.raw.start)
	before := lastSentence(all)
	// (whether before opens a sentence, rather than going on after p:
	// Ted Cruz says his “friend” Marco Rubio ran “…”.)
	pl := p.raw.parts[len(p.raw.parts)-1]
	opens := len(before) < len(all) || from == para.Start || len(all) == len(before) && endsSentence(a.src[pl.Start:pl.End])
	end := a.paras[c.lastPara].End
	for _, o := range a.cands {
		if o.raw.start >= c.raw.end {
			end = min(end, o.raw.start)
			break
		}
	}
	var after []token
	if last := c.raw.parts[len(c.raw.parts)-1]; !endsSentence(a.src[last.Start:last.End]) {
		after = tokenize(a.src, c.raw.end, end)
		for k := range after {
			if sentenceEnd(after, k) {
				after = after[:k]
				break
			}
		}
	}
	for side, toks := range [][]token{before, after} {
		for i := 0; i < len(toks); i++ {
			n, _, j, ok := parseName(a.src, toks, i)
			if !ok {
				continue
			}
			full := a.ix.fullName(n.text(a.src))
			if len(n.words) > 1 && personLike(n.words) && full != p.speaker && !place(full) &&
				(givenNameGender(n.words) != 0 || a.ix.isPerson(full)) && holderAt(toks, i, side == 0 && opens) {
				return true
			}
			i = j - 1
		}
	}
	return false
}

// opinionPrepositions introduce whose view a sentence gives (für X ist
// klar, pour X, para X, for X).
var opinionPrepositions = wordSet("für pour para for per dla")

// holderAt reports whether the name at toks[i], with the roles,
// possessives and articles before it, opens its sentence or clause or
// follows a preposition of opinion (Für unseren Bundesgeschäftsführer
// Christian Deutsch, pour Mathilde Wattecamps): the sentence's subject or
// whose view it gives, not an object (mit dem Vorsitzenden Günter Weiß, an
// den Soziologen Hartmut Rosa). opens says whether toks[0] opens a sentence.
func holderAt(toks []token, i int, opens bool) bool {
	k := i - 1
	for k >= 0 && k >= i-4 && toks[k].word {
		lw := toks[k].lower()
		_, art := germanArticles[lw]
		if !toks[k].capitalized() && (!isDeterminer(lw) && !art || !toks[k+1].capitalized()) {
			break // (an article or possessive only right before a capitalised word: not an in an den)
		}
		k--
	}
	if k < 0 {
		return opens
	}
	if toks[k].s == "," {
		return true
	}
	_, op := opinionPrepositions[toks[k].lower()]
	return op && isLowerWord(toks[k])
}

// otherPerson reports whether toks end with a person's name, a first and
// last name at least, other than p's speaker (In the view of Dmitry
// Peskov; not In Anlehnung an Hartmut Rosa fragte er).
func (a *attributor) otherPerson(p *candidate, toks []token) bool {
	for i := 0; i < len(toks); i++ {
		n, _, j, ok := parseName(a.src, toks, i)
		if !ok {
			continue
		}
		if j == len(toks) && len(n.words) > 1 && personLike(n.words) && a.ix.fullName(n.text(a.src)) != p.speaker {
			return true
		}
		i = j - 1
	}
	return false
}

// otherSubject reports whether someone other than p's speaker is named as
// a subject between from and to.
func (a *attributor) otherSubject(p *candidate, from, to int) bool {
	ms := a.ix.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].name.start >= from })
	for ; k < len(ms) && ms[k].name.start < to; k++ {
		m := ms[k]
		if !m.subject {
			continue
		}
		if full := a.ix.fullName(m.name.text(a.src)); full != p.speaker {
			return true
		}
	}
	return false
}

// keep decides whether a candidate is a quotation rather than scare quotes,
// a title or a name in marks.
func (a *attributor) keep(c *candidate) bool {
	content := a.src[c.raw.parts[0].Start:c.raw.parts[len(c.raw.parts)-1].End]
	if c.cjk && !c.attributed && !strings.ContainsAny(content, "。！？、，!?,") && utf8.RuneCountInString(content) <= 20 {
		return false // a title or a term: 『週刊文春』, 「異次元の少子化対策」
	}
	if c.words < 3 {
		// "What curfew?" protesters chanted.
		if c.words == 0 || !c.adjacent || !c.attributed {
			return false
		}
		exclaims := strings.HasSuffix(content, "?") || strings.HasSuffix(content, "!")
		// «Бюджет сбалансирован», — заявил …: the comma after the closing
		// mark, as Russian, French and Polish set it, ends the quoted
		// sentence as one inside it does.
		commaAfter := c.afterAttr && strings.HasPrefix(a.src[c.raw.end:], ",")
		return exclaims || c.sentenceIn && (endsSentence(content) || strings.HasSuffix(content, ",") || commaAfter)
	}
	// A fragment inside a sentence of the writer's is a quotation only
	// when a reporting verb in that sentence attributes it: Haley said that
	// "there's no love", not the so-called "basket of deplorables".
	if !c.sentenceIn && !c.attributed && startsLower(content) {
		return false
	}
	if titleCase(a.src, c) && !(c.sentenceIn && c.afterAttr) {
		return false // a title or a name: "Fox News Sunday", 'Reeks of Fear.'
	}
	return true
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// titleCase reports whether the quoted words read as a title (One Hundred
// Years of Solitude): no sentence punctuation and nearly every longer word
// capitalised.
func titleCase(src string, c *candidate) bool {
	caps, long := 0, 0
	for _, p := range c.raw.parts {
		toks := tokenize(src, p.Start, p.End)
		for k, t := range toks {
			if !t.word {
				last := k == len(toks)-1
				if !last && (t.s == "," || t.s == "." || t.s == "?" || t.s == "!" || t.s == ";" || t.s == ":") {
					return false
				}
				continue
			}
			if utf8.RuneCountInString(t.s) < 4 {
				continue
			}
			long++
			r, _ := utf8.DecodeRuneInString(t.s)
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	return long > 1 && c.words <= 12 && caps*4 >= long*3
}

// elided reports whether a lower-case word is an elided French or Italian
// preposition or conjunction with what follows (d'Edouard, qu'il, dell'Ue).
func elided(lw string) bool {
	for _, p := range []string{"d'", "d’", "qu'", "qu’", "dell'", "dell’", "all'", "all’", "nell'", "nell’", "j'", "j’", "n'", "n’", "s'", "s’", "c'", "c’"} {
		if strings.HasPrefix(lw, p) && len(lw) > len(p) {
			return true
		}
	}
	return false
}

// recentSpeaker returns the speaker of the quotation just before pos for a
// pronoun of another language than English, when that speaker fits (a
// person of a compatible gender for er or elle, a group for ils or ellos)
// and no other name is mentioned between them; "" otherwise. Articles in
// these languages are read less deeply than English ones, so the pronoun
// is resolved only when nothing else could be meant.
func (a *attributor) recentSpeaker(pos int, g byte, plural bool) string {
	for k := len(a.speakers) - 1; k >= 0; k-- {
		s := a.speakers[k]
		if s.pos >= pos {
			continue
		}
		if plural && !s.plural || !plural && !s.person {
			return ""
		}
		sg := s.gender
		if sg == 0 {
			sg = a.ix.genderOf(s.name)
		}
		if g != 0 && sg != 0 && sg != g {
			return ""
		}
		ms := a.ix.mentions
		m := sort.Search(len(ms), func(m int) bool { return ms[m].name.start > s.pos })
		for ; m < len(ms) && ms[m].name.start < pos; m++ {
			if a.ix.fullName(ms[m].name.text(a.src)) != s.name {
				return ""
			}
		}
		return s.name
	}
	return ""
}

// dativeOpen open a German phrase in the dative, whom something is said to.
var dativeOpen = map[string]bool{"dem": true, "der": true, "gegenüber": true}

// paraOf returns the index of the paragraph holding pos.
func (a *attributor) paraOf(pos int) int {
	return sort.Search(len(a.paras), func(i int) bool { return a.paras[i].End >= pos })
}

// roleAdjectives may stand inside a role between a name and its head
// (Clinton's top foreign policy aide, the longtime senator).
var roleAdjectives = wordSet("top senior chief former longtime veteran new")

// nameFollows reports whether, after a name ending at toks[e], a few
// lower-case words describe a second name that follows them: Trump
// campaign manager Kellyanne Conway, Cruz constituent Dan Golvach.
func nameFollows(src string, toks []token, e int) bool {
	if e < len(toks) && isLowerWord(toks[e]) && (isConnector(toks[e]) || affiliation[toks[e].lower()]) {
		// Mariusz Błaszczak z PiS, Friedrich Merz von der CDU: the name
		// after a preposition is where the person is from, not a second
		// person the first one describes.
		return false
	}
	k := e
	for k < len(toks) && k < e+4 && isLowerWord(toks[k]) && !cueWord(toks[k]) {
		lw := toks[k].lower()
		_, adj := roleAdjectives[lw]
		if _, fw := functionWords[lw]; fw && !adj || foreignStop(lw) {
			return false
		}
		if _, v := objectVerbs[lw]; v {
			return false // Obama met Carl Pike: a verb and its object, not a description
		}
		k++
	}
	if k == e || k >= len(toks) {
		return false
	}
	_, _, _, ok := parseName(src, toks, k)
	return ok
}

// objectVerbs take a person as their object (Obama met Carl Pike, Mayor
// Ann Lee thanked Tom Ruiz): the name after them is not the subject's, nor
// the subject of a later "and … said".
var objectVerbs = wordSet(`met meets called calls thanked thanks praised praises accused accuses criticised
criticized criticises criticizes told tells blamed blames attacked attacks defended defends endorsed endorses
slammed slams urged urges interviewed interviews visited visits joined joins hugged hugs introduced introduces
invited invites fired fires hired hires appointed appoints nominated nominates defeated defeats beat beats
sued sues greeted greets congratulated congratulates mocked mocks questioned questions warned warns
reminded reminds phoned phones replaced replaces succeeded succeeds challenged challenges rebuked rebukes
thanked welcomed welcomes named names pardoned pardons married marries`)

// affiliation are the prepositions that, after a person's name, introduce
// the party, body or place the person is from, in the languages whose
// reporting verbs the package knows (of, from; z, ze; из, от; aus).
var affiliation = map[string]bool{"of": true, "from": true, "z": true, "ze": true, "из": true, "от": true, "aus": true, "vom": true}

// backVerbs take "back" to report a reply (shot back, fired back).
var backVerbs = map[string]bool{"shot": true, "fired": true, "hit": true, "pushed": true, "snapped": true, "wrote": true, "talked": true}

// passive reports whether the reporting verb at toks[k] is passive (was
// asked, were told).
func passive(toks []token, k int) bool {
	if k+1 < len(toks) && isLowerWord(toks[k+1]) {
		switch toks[k+1].lower() {
		case "werden", "wird", "wurde", "wurden", "worden":
			// … mit einer Beziehung erklärt werden können: a German
			// passive, whose subject says nothing.
			return true
		}
	}
	if k == 0 || !strings.HasSuffix(toks[k].lower(), "ed") && toks[k].lower() != "told" {
		return false
	}
	j := k - 1
	for j > 0 && isLowerWord(toks[j]) && passiveAdverbs[toks[j].lower()] {
		j-- // was first reported, were widely reported
	}
	switch toks[j].lower() {
	case "was", "were", "is", "are", "been", "being", "be":
		return true
	}
	return false
}

// passiveAdverbs may stand between an auxiliary and a passive participle.
var passiveAdverbs = map[string]bool{"first": true, "also": true, "widely": true, "originally": true, "initially": true,
	"previously": true, "recently": true, "later": true, "never": true, "not": true, "already": true}

// gerund reports whether a reporting verb is an -ing form (saying,
// adding), which after a quotation opens a clause whose subject is not the
// speaker: "New York values," saying the city embodied ….
func gerund(t token) bool {
	return strings.HasSuffix(t.lower(), "ing") && t.lower() != "according"
}

// clauseVerbs make a phrase a clause rather than an apposition.
var clauseVerbs = wordSet("was is were are has had have will would did does do can could")

// clauseVerb reports whether t is an auxiliary or modal that makes the
// phrase before it the subject of a clause of its own.
func clauseVerb(t token) bool {
	if t.surname {
		return false // Theresa May said
	}
	_, ok := clauseVerbs[t.lower()]
	if !ok {
		switch t.lower() {
		case "should", "may", "might", "must", "shall":
			ok = true
		}
	}
	return ok
}

// introducesNext reports whether the reporting verb of at, found in toks
// after a quotation, ends in a colon and so introduces what follows.
func introducesNext(toks []token, at attribution) bool {
	for k, t := range toks {
		if t.start < at.cuePos {
			continue
		}
		// The verb and its audience (told reporters), then the colon.
		for j := k + 1; j < len(toks) && j <= k+2; j++ {
			if toks[j].s == ":" {
				return true
			}
			if !toks[j].word {
				return false
			}
		}
		return false
	}
	return false
}

// opensNext reports whether the attribution at, read in toks after c up
// to the next quotation, is rather that quotation's: c ends its sentence,
// a new sentence opens after it, and its verb runs on into the next
// quotation with at most a few words (…, saying it would "protect the
// poor." Opposition leader Jeremy Corbyn called it "a con." — Corbyn's
// words are the second quotation, not the first).
func (a *attributor) opensNext(c *candidate, toks []token, at attribution) bool {
	last := c.raw.parts[len(c.raw.parts)-1]
	if len(toks) == 0 || !endsSentence(a.src[last.Start:last.End]) || !toks[0].capitalized() {
		return false
	}
	if end := toks[len(toks)-1]; !end.word {
		return false // "…." Putin said. / "…", he said, "…": its own
	}
	words := 0
	for _, t := range toks {
		if t.start <= at.cuePos {
			continue
		}
		if !t.word {
			return false
		}
		words++
	}
	return words <= 3
}

// sectionStart returns where the section holding pos starts: after the
// last section break before it, or 0.
func (a *attributor) sectionStart(pos int) int {
	k := sort.SearchInts(a.sections, pos+1)
	if k == 0 {
		return 0
	}
	return a.sections[k-1]
}

// sectionBreak reports whether paragraph p ends a section of the article,
// so that a pronoun after it does not reach back over it: a rule or a
// separator ("___", "* * *"), a time stamp opening an entry of a live
// report ("12:30 p.m."), a headline, or a numbered item's title ("Zoe
// Saldana Asked Men Everywhere To “Redefine Masculinity.”": every word
// but small ones capitalised).
func sectionBreak(src string, p Span) bool {
	text := strings.TrimSpace(src[p.Start:p.End])
	if strings.IndexFunc(text, unicode.IsLetter) < 0 {
		return true
	}
	if timeStamp(text) || headline(src, p) {
		return true
	}
	caps, words := 0, 0
	for _, t := range tokenize(src, p.Start, p.End) {
		if !t.word || strings.IndexFunc(t.s, unicode.IsLetter) < 0 {
			continue // 9 (More) Offensive Things …: a number is no word of a title
		}
		words++
		if t.capitalized() {
			caps++
		} else if _, fw := functionWords[t.lower()]; fw {
			words-- // a title keeps its small words in lower case
		}
	}
	return words >= 4 && words <= 16 && caps == words
}

// timeStamp reports whether text is a clock time alone (12:30 p.m., 9 a.m.).
func timeStamp(text string) bool {
	t := strings.ToLower(strings.TrimSuffix(text, "."))
	for _, suf := range []string{" a.m", " p.m", " am", " pm", " et", " edt", " est"} {
		t = strings.TrimSuffix(t, suf)
	}
	if t == "" || len(t) > 5 {
		return false
	}
	for _, r := range t {
		if !unicode.IsDigit(r) && r != ':' {
			return false
		}
	}
	return true
}

// hometown returns the index of the comma that opens a home town set off
// by commas before toks[k], itself a comma (", of Springfield, Va.," or
// ", from Ohio,"), or -1 when there is none.
func hometown(toks []token, k int) int {
	prevComma := func(from int) int {
		for p := from; p >= 0 && p > from-8; p-- {
			if toks[p].s == "," {
				return p
			}
			if !toks[p].word && toks[p].s != "." {
				return -1
			}
		}
		return -1
	}
	from := func(p, end int) bool { // toks[p+1:end] is "of Springfield"
		if p < 0 || p+2 >= end || !toks[p+1].word {
			return false
		}
		if lw := toks[p+1].lower(); lw != "of" && lw != "from" {
			return false
		}
		for _, t := range toks[p+2 : end] {
			if !isNameWord(t) && t.s != "." {
				return false
			}
		}
		return true
	}
	p1 := prevComma(k - 1)
	if p1 < 1 {
		return -1
	}
	if from(p1, k) {
		return p1
	}
	// The state after the town: , of Springfield, Va.,
	for _, t := range toks[p1+1 : k] {
		if !isNameWord(t) && t.s != "." {
			return -1
		}
	}
	if p2 := prevComma(p1 - 1); p2 > 0 && from(p2, p1) {
		return p2
	}
	return -1
}

// roleBeforePreposition returns the index of the determiner that opens a
// role noun just before the preposition toks[p] (a narrator in …, a
// spokesman for …), or -1.
func roleBeforePreposition(toks []token, p int) int {
	switch toks[p].lower() {
	case "in", "at", "for", "of", "from", "with":
	default:
		return -1
	}
	if p < 2 || !isLowerWord(toks[p-1]) {
		return -1
	}
	if _, ok := personRoles[toks[p-1].lower()]; !ok && !roleNoun(toks[p-1].lower()) {
		return -1
	}
	for d := p - 2; d >= 0 && d >= p-4; d-- {
		lw := toks[d].lower()
		if _, det := determiners[lw]; det && isLowerWord(toks[d]) || d == 0 && isDeterminer(lw) {
			return d
		}
		if !isLowerWord(toks[d]) {
			return -1
		}
	}
	return -1
}

// objectAt reports whether the name starting at toks[i] is the object of
// a verb or a preposition before it, with or without an article: from
// entering the United States, at the State University, to kill Trayvon
// Martin. A role noun before it (his cousin James York) or a reporting
// verb (said Jeb Bush) leaves it a subject.
func objectAt(toks []token, i int) bool {
	p := i - 1
	if p >= 0 && isDeterminer(toks[p].lower()) && (isLowerWord(toks[p]) || p > 0 && toks[p-1].word) {
		p-- // the, or The inside a sentence (editor of The Forward)
	}
	if p < 0 || !toks[p].word {
		return false
	}
	t := toks[p]
	if isPreposition(t) {
		return true
	}
	lw := t.lower()
	return isLowerWord(t) && !cueWord(t) && !isAdverb(t) && !opensSubject(t) && !isDeterminer(lw) && !roleNoun(lw) && lw != "named"
}

// addressee reports whether the reporting verb t takes whom it was said
// to as its object (told Vatican Radio, asked Clinton), so that a name
// after it is never the speaker.
func addressee(t token) bool {
	switch t.lower() {
	case "told", "tell", "tells", "telling", "asked", "ask", "asks", "informed", "reminded", "urged", "warned", "assured":
		return true
	}
	return false
}

// pronounSubjectBefore returns the position of a pronoun of gender g that
// opens a sentence of narration (after but, still, and …) which holds
// candidate, the position of a name found for a later pronoun at pos; -1
// when the name's sentence does not open so.
func (a *attributor) pronounSubjectBefore(candidate, pos int, g byte) int {
	if g == 0 || candidate >= pos {
		return -1
	}
	pi := a.paraOf(candidate)
	p := a.paras[pi]
	toks := tokenize(a.src, p.Start, min(p.End, pos))
	start := 0
	for k := 0; k < len(toks); k++ {
		if k > start && sentenceEnd(toks, k-1) {
			start = k
		}
		if toks[k].start < candidate {
			continue
		}
		// toks[start:] is the candidate's sentence.
		i := start
		for i < len(toks) && toks[i].word && sentenceOpenerWord(toks[i].lower()) {
			i++
		}
		if i < len(toks) && toks[i].s == "," {
			i++
		}
		if i >= len(toks) || toks[i].start >= candidate || a.inQuotation(toks[i].start) {
			return -1
		}
		switch lw := toks[i].lower(); {
		case lw == "he" && g == 'm', lw == "she" && g == 'f':
			return toks[i].start
		}
		return -1
	}
	return -1
}

// openerBefore returns the person whose name opens the sentence of
// narration right before the pronoun at pos — nothing but quotations and
// the pronoun between that sentence's end and pos, in the same paragraph
// or, when the quotation opens its paragraph, the paragraph before — when
// that name may be a person of gender g. A pronoun of gender g opening
// that sentence stands for the one before it (She witnessed the fight.).
//
// opener says that pos is itself a pronoun opening a sentence, so that no
// pronoun lies between the sentence before and pos.
func (a *attributor) openerBefore(pos int, g byte, opener bool) (string, bool) {
	pi := a.paraOf(pos)
	if pi >= len(a.paras) {
		return "", false
	}
	toks := tokenize(a.src, a.paras[pi].Start, pos)
	k := len(toks) - 1
	pronouns := 0
	for ; k >= 0; k-- {
		t := toks[k]
		if t.s == ":" && pronouns == 1 && !opener && k+1 < len(toks) && a.inQuotation(toks[k+1].start) {
			// C. Boyden Gray, who served under Mr. Bush's father, George
			// Bush, ticked through the code: "…," he said: the clause
			// before the colon is the narration the quotation follows.
			break
		}
		if a.inQuotation(t.start) || !t.word && t.s != "." && t.s != "?" && t.s != "!" {
			continue
		}
		if t.word {
			if lw := t.lower(); (lw == "he" || lw == "she") && pronouns == 0 {
				pronouns++
				continue
			}
			return "", false // more narration than the pronoun
		}
		break // the end of the sentence before
	}
	if opener && pronouns != 0 || !opener && pronouns != 1 {
		return "", false
	}
	if k < 0 {
		// The quotation opens the paragraph: the narration is the
		// paragraph before, when it ends a sentence outside quotations.
		if pi == 0 || a.paras[pi-1].Start < a.sectionStart(pos) {
			return "", false
		}
		pi--
		toks = tokenize(a.src, a.paras[pi].Start, a.paras[pi].End)
		k = len(toks) - 1
		if k < 0 || a.inQuotation(toks[k].start) || !terminator(toks[k]) {
			return "", false
		}
	}
	end := k
	start := 0
	for m := end - 1; m >= 0; m-- {
		if !sentenceEnd(toks, m) {
			continue
		}
		if a.inQuotation(toks[m].start) {
			// ''The Art of the Deal.'' Mr. Trump said: a quotation
			// ending a sentence, a capitalised word after it.
			n := m + 1
			for n < end && !toks[n].word {
				n++
			}
			if n >= end || a.inQuotation(toks[n].start) || !toks[n].capitalized() {
				continue
			}
		}
		start = m + 1
		break
	}
	i := start
	for i < end && !toks[i].word {
		i++
	}
	for i < end && toks[i].word && (sentenceOpenerWord(toks[i].lower()) || toks[i].lower() == "meanwhile") {
		i++
	}
	if i < end && toks[i].s == "," {
		i++
	}
	if i >= end || a.inQuotation(toks[i].start) {
		return "", false
	}
	if lw := toks[i].lower(); lw == "he" && g == 'm' || lw == "she" && g == 'f' {
		a.depth++
		defer func() { a.depth-- }()
		return a.openerBefore(toks[i].start, g, true)
	}
	var np phrase
	var e int
	var ok bool
	switch {
	case isPreposition(toks[i]):
		// At a campaign event in St. Clairsville, Ohio, 62-year-old
		// Brenda Johnson railed …: the subject after the opening phrase.
		if np, ok = a.clauseSubject(toks[i:end]); ok && np.kind == npName {
			e = indexOfToken(toks, np.toks[len(np.toks)-1].start) + 1
		}
	case isDeterminer(toks[i].lower()):
		// But the other candidate on the stage, former Secretary of State
		// Hillary Clinton, drew a contrast: the name in apposition to the
		// description. (The federal judge Trump was referring to: no
		// subject of the sentence, so nothing.)
		c := i + 1
		for c < end && c < i+10 && toks[c].s != "," && toks[c].word {
			c++
		}
		if c < end && toks[c].s == "," {
			if np, e, ok = forwardNP(a.src, toks[:end], c+1); ok && (e >= end || toks[e].s != ",") {
				ok = false
			}
			e++
			if ok {
				if s := indexOfToken(toks, np.toks[0].start); s > 0 && toks[s-1].lower() == "of" {
					ok = false // former Secretary of Labor Dana Whitfield: not "Labor Dana Whitfield"
				}
			}
			if !ok {
				// (former Secretary of State Hillary Clinton: a title
				// with "of" before the name; read it back from the comma.)
				c2 := c + 1
				for c2 < end && c2 < c+12 && toks[c2].s != "," {
					c2++
				}
				if c2 < end && toks[c2].s == "," {
					np, ok = a.appositionName(toks[:c2], c+1)
					e = c2 + 1
				}
			}
		}
	default:
		np, e, ok = forwardNP(a.src, toks[:end], i)
	}
	if !ok && isDeterminer(toks[i].lower()) {
		// But the former Mexican president didn't stop there. "…," he
		// continued: the one person the article introduced in that role.
		return a.roleOpener(toks[:end], i, g)
	}
	if !ok || np.kind != npName || e >= end || !narrates(toks[:end], e) {
		return "", false
	}
	n := np.name
	full := a.ix.fullName(n.text(a.src))
	words := strings.Fields(full)
	gender := n.gender
	if gender == 0 {
		gender = a.ix.genderOf(full)
	}
	if gender != 0 && gender != g || !personLike(words) || !personLike(n.words) || place(full) || len(n.words) > maxNameWords {
		return "", false
	}
	// A name, not a capitalised word opening the sentence (Making her
	// way …, Footage of …, Secretary of State …): more than one word, a
	// gender the article shows, a relative "who" after it, or a person the
	// article names elsewhere.
	who := e+1 < end && toks[e].s == "," && toks[e+1].lower() == "who" // Rihanna, who was honored
	if !(len(n.words) > 1 || gender != 0 || who || a.ix.known(n.key()) && a.ix.isPerson(full) || loneNameActs(toks, e, end)) || titleOnly(n.words) {
		return "", false
	}
	// Cruz is right on the issues, Viguerie argues: another person as
	// the subject of a reporting verb in the sentence makes it a guess.
	for k := e; k < end; k++ {
		if !cueWord(toks[k]) || a.inQuotation(toks[k].start) {
			continue
		}
		if other, ok := backwardNP(a.src, toks[:k], k-1); ok && other.toks[0].start > toks[i].start && !(other.kind == npPronoun && other.toks[0].lower() == toks[i].lower()) {
			if other.kind != npName || a.ix.fullName(other.name.text(a.src)) != full {
				return "", false
			}
		}
	}
	return full, true
}

// pastVerbs are irregular past forms a sentence of narration goes on with
// after its subject.
var pastVerbs = wordSet(`took spoke said told made gave went came had was were met wrote thought felt held left
led ran saw sat stood won lost paid sent brought began became drew got kept knew put read set hit let cut
did sought fought taught heard found shook rose struck threw withdrew swore hung
didn't didn’t wasn't wasn’t hadn't hadn’t couldn't couldn’t wouldn't wouldn’t`)

// narrates reports whether the words from toks[e], right after a subject,
// go on as narration: an apposition, or a verb in the past tense after any
// adverbs (Andrew Hale took his daughter; Rihanna, who was honored, spoke).
// A caption's present tense (Officer Timothy Smith holds up the gun) does
// not: it describes a picture, and the next quotation is not its subject's.
func narrates(toks []token, e int) bool {
	for e < len(toks) && isAdverb(toks[e]) && !pastVerb(toks[e].lower()) {
		e++
	}
	if e >= len(toks) {
		return false
	}
	if toks[e].s == "," {
		return true
	}
	lw := toks[e].lower()
	return isLowerWord(toks[e]) && (pastVerb(lw) || strings.HasSuffix(lw, "ed") && len(lw) > 3)
}

func pastVerb(lw string) bool {
	_, ok := pastVerbs[lw]
	return ok
}

// departmentWords name the department or portfolio of a title with "of"
// (Secretary of Labor, Minister of Foreign Affairs, Secretary of Health and
// Human Services).
var departmentWords = map[string]bool{"labor": true, "labour": true, "state": true, "defense": true, "defence": true,
	"homeland": true, "security": true, "treasury": true, "commerce": true, "agriculture": true, "education": true,
	"energy": true, "health": true, "human": true, "services": true, "housing": true, "urban": true,
	"development": true, "interior": true, "justice": true, "transportation": true, "transport": true,
	"veterans": true, "affairs": true, "finance": true, "foreign": true, "home": true, "economy": true,
	"trade": true, "industry": true, "environment": true, "culture": true, "war": true, "navy": true,
	"army": true, "public": true, "safety": true, "works": true, "immigration": true, "tourism": true,
	"communications": true, "information": true, "intelligence": true, "national": true, "budget": true,
	"management": true, "internal": true, "external": true, "science": true, "technology": true, "welfare": true}

// afterDepartment returns where the name starts in the run of capitalised
// words toks[from:] after "of": past the department words (Labor, Homeland
// Security, Health and Human Services) or, failing them, at the first
// given name of a name of two words or more (Ecology Anne Pike); from when
// neither is found.
func afterDepartment(src string, toks []token, from int) int {
	s := from
	for s+1 < len(toks) && toks[s].capitalized() && (departmentWords[toks[s].lower()] || s > from && toks[s].lower() == "and") {
		s++
	}
	if s > from && toks[s-1].lower() != "and" && isNameWord(toks[s]) {
		return s
	}
	for s := from + 1; s+1 < len(toks) && isNameWord(toks[s]); s++ {
		if n, _, _, ok := parseName(src, toks, s); ok && len(n.words) > 1 && givenNameGender(n.words) != 0 {
			return s
		}
	}
	return from
}

// nameAfterTitleOf reads the name that ends toks and starts at or after
// from, just after "of": in "Secretary of Labor Dana Whitfield" or
// "Secretary of Homeland Security Dana Whitfield" the department words
// after "of" (or, failing them, the words up to a given name) are part of
// the title, and the name is the run after them (Dana Whitfield). Else the
// department and the name cannot be told apart: no name after a title
// (Secretary of …); after anything else the whole run stands, as before.
func nameAfterTitleOf(src string, toks []token, from int) (phrase, bool) {
	end := len(toks)
	if s := afterDepartment(src, toks, from); s > from {
		if n, roles, j, ok := parseName(src, toks, s); ok && j == end {
			return phrase{kind: npName, toks: toks[s:end], name: n, roles: roles}, true
		}
	}
	if t := toks[from-2]; t.capitalized() && isTitle(t) {
		return phrase{}, false
	}
	n, roles, j, ok := parseName(src, toks, from)
	if !ok || j != end {
		return phrase{}, false
	}
	return phrase{kind: npName, toks: toks[from:end], name: n, roles: roles}, true
}

// titleOnly reports whether every word is a title (Secretary, Senator).
func titleOnly(words []string) bool {
	for _, w := range words {
		if !isTitle(token{s: w, word: true}) {
			return false
		}
	}
	return true
}

// sentenceOpenerWord reports whether lw may open a sentence before its
// subject (But he said, Still she insisted).
func sentenceOpenerWord(lw string) bool {
	switch lw {
	case "but", "still", "and", "yet", "so", "then", "later", "instead", "however", "now", "also":
		return true
	}
	return false
}

// inQuotation reports whether pos lies inside a quotation.
func (a *attributor) inQuotation(pos int) bool {
	k := sort.Search(len(a.quoted), func(k int) bool { return a.quoted[k].End > pos })
	return k < len(a.quoted) && a.quoted[k].Start <= pos
}
