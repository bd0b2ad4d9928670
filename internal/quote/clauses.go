package quote

import (
	"sort"
	"strings"
)

// reportingSubject is the subject of a reporting clause outside
// quotations ("To this, the Kremlin spokesman assured …", "Stephanopoulos
// asked …"): a later "he said" most likely stands for it.
type reportingSubject struct {
	pos  int  // the reporting verb
	para int  // its paragraph
	role bool // name is a role no name is tied to
	// described marks a description opening a sentence that is no
	// reporting clause (The Ohio governor was more cautious).
	described bool
	// inverted marks a subject after its verb (…, noted Aldo Ferrante.).
	inverted bool
	name     string // the fullest name, or the role as written when no name is tied to it
	person   bool
	gender   byte
}

// personRoles are role nouns that describe one person, so that "he" or
// "she" may stand for "the Kremlin spokesman".
var personRoles = func() map[string]struct{} {
	m := wordSet(`official aide adviser advisor lawyer attorney spokesperson candidate nominee lawmaker
senator governor mayor chief executive director minister secretary ambassador analyst expert professor
economist strategist source witness officer detective agent manager owner founder president chairman
leader host anchor reporter correspondent writer author activist organizer resident voter supporter
critic doctor judge prosecutor teacher student coach player pastor priest rabbi imam narrator colleague
friend neighbor neighbour victim suspect employee worker representative congressman congresswoman
chancellor premier general admiral colonel captain sheriff commissioner diplomat negotiator pollster
consultant operative donor billionaire businessman businesswoman actor actress singer star
cousin fiance fiancee grandson granddaughter member staffer volunteer insider lobbyist
presidente presidenta ministro ministra ministre portavoz porte-parole alcalde alcaldesa maire prefeito prefeita
sindaco senador senadora sénateur sénatrice senatore diputado diputada deputado deputada député députée deputato
gobernador gobernadora governador governatore canciller chanceler secretario secretaria secrétaire secretário fiscal
procureur juez jueza juge juiz giudice directora directeur directrice diretor diretora direttore entrenador
entraîneur treinador allenatore`)
	for _, r := range titles {
		if r != "" {
			m[r] = struct{}{}
		}
	}
	for r := range femaleRoles {
		m[r] = struct{}{}
	}
	for r := range maleRoles {
		m[r] = struct{}{}
	}
	return m
}()

// reportingSubjects finds the subject of every reporting clause outside
// the quotations, in text order.
func (a *attributor) reportingSubjects() []reportingSubject {
	var out []reportingSubject
	qi := 0
	inQuote := func(pos int) bool {
		for qi < len(a.cands) && a.cands[qi].raw.end <= pos {
			qi++
		}
		return qi < len(a.cands) && pos >= a.cands[qi].raw.start
	}
	for pi, p := range a.paras {
		if headline(a.src, p) {
			continue
		}
		toks := tokenize(a.src, p.Start, p.End)
		start := 0
		for k := 0; k < len(toks); k++ {
			if sentenceEnd(toks, k) {
				start = k + 1
				continue
			}
			if openingAt(toks, start, k) && !inQuote(toks[k].start) {
				// The Ohio governor was more cautious. "…," he said: a
				// description opening a sentence is its subject too.
				if np, e, ok := descriptionSubject(a.src, toks, k); ok {
					if r, ok := a.roleSubject(np, toks[e].start, pi); ok {
						r.described = true
						out = append(out, r)
					}
				}
			}
			if r, ok := a.agentSubject(toks, k, pi); ok && !inQuote(toks[k].start) && !inQuote(r.pos) {
				// …, as noted by registered dietitian Lena Moss. "…," she
				// told us: the one a reporting phrase names speaks, though
				// no subject (according to nurse Lena Moss, praised by …).
				out = append(out, r)
				continue
			}
			if k == start || !cueWord(toks[k]) || inQuote(toks[k].start) {
				continue
			}
			if toks[k-1].s == "," && !addressee(toks[k]) && !gerund(toks[k]) {
				// The debates rarely change a race this late, noted CBS's
				// Aldo Ferrante.: a reporting clause with its subject after
				// the verb, ending the sentence.
				if np, e, ok := forwardNP(a.src, toks, k+1); ok && np.kind == npName && !inQuote(np.toks[0].start) &&
					(e >= len(toks) || sentenceEnd(toks, e) || toks[e].s == ",") {
					full := a.ix.fullName(np.name.text(a.src))
					if personLike(strings.Fields(full)) && personLike(np.name.words) {
						g := np.name.gender
						if g == 0 {
							g = a.ix.genderOf(full)
						}
						out = append(out, reportingSubject{pos: toks[k].start, para: pi, name: full, person: true, gender: g, inverted: true})
					}
					continue
				}
			}
			np, ok := backwardNP(a.src, toks[start:k], k-start-1)
			if !ok || inQuote(np.toks[0].start) {
				continue
			}
			if m := start + indexOfToken(toks[start:k], np.toks[0].start); m > start && isLowerWord(toks[m-1]) && (cueWord(toks[m-1]) || toks[m-1].lower() == "that") {
				// Hewitt argued …, but suggested Trump went too far: the
				// subject of what is reported, not of a reporting clause.
				continue
			} else if m > start && toks[m-1].word && subordinators[toks[m-1].lower()] {
				// … because Mr. Drake agreed: a clause of cause or time.
				continue
			}
			switch np.kind {
			case npName:
				full := a.ix.fullName(np.name.text(a.src))
				words := strings.Fields(full)
				// The subject of a reporting verb that reads as a person's
				// name is taken for one (Cruz openly admitted …).
				if !personLike(words) || !personLike(np.name.words) {
					continue
				}
				g := np.name.gender
				if g == 0 {
					g = a.ix.genderOf(full)
				}
				out = append(out, reportingSubject{pos: toks[k].start, para: pi, name: full, person: true, gender: g})
			case npRole:
				if nounCompound(np, toks, k) {
					continue // her official pledge
				}
				if r, ok := a.roleSubject(np, toks[k].start, pi); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// agentVerbs report, in the passive, what the person after "by" said —
// not asked, pressed or interviewed by, whose agent asks the speaker.
var agentVerbs = map[string]bool{"noted": true, "reported": true, "stated": true, "claimed": true, "observed": true,
	"explained": true, "argued": true, "suggested": true, "recommended": true, "advised": true, "cautioned": true,
	"warned": true, "written": true, "pointed": true}

// agentSubject reads a reporting phrase at toks[k] that names its speaker
// after it — "according to" or a reporting verb in the passive with "by"
// (as noted by, as reported by) — and returns that person as a reporting
// subject.
func (a *attributor) agentSubject(toks []token, k, para int) (reportingSubject, bool) {
	if k+2 >= len(toks) || !isLowerWord(toks[k]) {
		return reportingSubject{}, false
	}
	lw := toks[k].lower()
	switch {
	case lw == "according" && toks[k+1].lower() == "to":
	case agentVerbs[lw] && toks[k+1].lower() == "by":
	default:
		return reportingSubject{}, false
	}
	np, _, ok := forwardNP(a.src, toks, k+2)
	if !ok || np.kind != npName {
		return reportingSubject{}, false
	}
	full := a.ix.fullName(np.name.text(a.src))
	if !personLike(strings.Fields(full)) || !personLike(np.name.words) {
		return reportingSubject{}, false
	}
	g := np.name.gender
	if g == 0 {
		g = a.ix.genderOf(full)
	}
	if g == 0 && len(np.roles) == 0 && !a.ix.isPerson(full) {
		return reportingSubject{}, false // according to Gallup: maybe no person
	}
	return reportingSubject{pos: np.toks[0].start, para: para, name: full, person: true, gender: g, inverted: true}, true
}

// roleSubject makes a reporting subject of the description np (the
// Kremlin spokesman) whose verb is at pos in paragraph para: the person
// the article names in that role, else the role as written.
func (a *attributor) roleSubject(np phrase, pos, para int) (reportingSubject, bool) {
	head := np.toks[len(np.toks)-1].lower()
	if np.headAt > 0 {
		head = np.toks[np.headAt].lower()
	}
	if _, ok := personRoles[head]; !ok {
		return reportingSubject{}, false
	}
	r := reportingSubject{pos: pos, para: para, person: true}
	if np.relational {
		r.name, r.role = np.text(a.src), true // a friend of Tom Ruiz: as written
	} else if n := a.ix.role(head, qualifiers(np), np.toks[0].start, a.sectionStart(np.toks[0].start)); n != "" {
		r.name = a.ix.fullName(n)
		r.gender = a.ix.genderOf(r.name)
	} else {
		// "The Ohio governor was …" read back as "the Ohio governor".
		r.name, r.role = np.text(a.src), true
		if strings.HasPrefix(r.name, "The ") {
			r.name = "the" + r.name[3:]
		}
	}
	if r.gender == 0 {
		if _, f := femaleRoles[head]; f {
			r.gender = 'f'
		} else if _, m := maleRoles[head]; m {
			r.gender = 'm'
		}
	}
	return r, true
}

// openingAt reports whether toks[k] opens the clause of the sentence
// starting at toks[start]: the sentence's first word, or the first after a
// conjunction (But the admiral …) or a short opening phrase and its comma
// (Instead, the Vermont senator …; In that vein, the admiral …).
func openingAt(toks []token, start, k int) bool {
	if k == start {
		return true
	}
	if k == start+1 && sentenceOpenerWord(toks[start].lower()) {
		return true
	}
	if k-start < 2 || k-start > 5 || toks[k-1].s != "," {
		return false
	}
	for _, t := range toks[start : k-1] {
		if !t.word || cueWord(t) {
			return false
		}
	}
	return true
}

// descriptionSubject reads a definite description opening the sentence at
// toks[k] and followed by its verb — "The Ohio governor was", "The former
// secretary of state took" — and returns it with the index of the verb.
func descriptionSubject(src string, toks []token, k int) (phrase, int, bool) {
	if toks[k].lower() != "the" {
		return phrase{}, 0, false
	}
	e := k + 1
	for e < len(toks) && e < k+6 && toks[e].word && !cueWord(toks[e]) {
		lw := toks[e].lower()
		if _, fw := functionWords[lw]; fw && isLowerWord(toks[e]) && !describing[lw] {
			break
		}
		e++
	}
	if e == k+1 || !isLowerWord(toks[e-1]) {
		return phrase{}, 0, false
	}
	if _, ok := personRoles[toks[e-1].lower()]; !ok {
		return phrase{}, 0, false
	}
	np := phrase{kind: npRole, toks: toks[k:e]}
	// … secretary of state, … governor of Ohio: a complement of the head.
	if e+1 < len(toks) && toks[e].lower() == "of" && toks[e+1].word {
		np.headAt = e - 1 - k
		e += 2
		for e < len(toks) && e-1 > k && toks[e-1].capitalized() && isNameWord(toks[e]) {
			e++ // of New Hampshire
		}
		np.toks = toks[k:e]
	}
	if e >= len(toks) || !verbLike(toks[e]) && !auxiliary[toks[e].lower()] || cueWord(toks[e]) {
		return phrase{}, 0, false // a reporting verb is read as a reporting clause
	}
	return np, e, true
}

// describing are function words that may stand in a description before
// its head noun (the former governor, the top aide).
var describing = map[string]bool{"former": true, "longtime": true, "veteran": true, "top": true, "senior": true,
	"chief": true, "new": true}

// auxiliary are the verbs among the function words that may follow a
// sentence's subject (The Ohio governor was more cautious).
var auxiliary = map[string]bool{"is": true, "was": true, "has": true, "had": true, "did": true, "does": true,
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "should": true,
	"must": true, "also": true, "still": true, "then": true}

// indexOfToken returns the index of the token starting at pos in toks
// (which are in text order), or 0 when none does.
func indexOfToken(toks []token, pos int) int {
	k := sort.Search(len(toks), func(k int) bool { return toks[k].start >= pos })
	if k < len(toks) && toks[k].start == pos {
		return k
	}
	return 0
}
