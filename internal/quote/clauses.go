package quote

import (
	"strings"
)

// reportingSubject is the subject of a reporting clause outside
// quotations ("To this, the Kremlin spokesman assured …", "Stephanopoulos
// asked …"): a later "he said" most likely stands for it.
type reportingSubject struct {
	pos    int    // the reporting verb
	para   int    // its paragraph
	role   bool   // name is a role no name is tied to
	name   string // the fullest name, or the role as written when no name is tied to it
	person bool
	gender byte
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
cousin fiance fiancee grandson granddaughter`)
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
			if k == start || !cueWord(toks[k]) || inQuote(toks[k].start) {
				continue
			}
			np, ok := backwardNP(a.src, toks[start:k], k-start-1)
			if !ok || inQuote(np.toks[0].start) {
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
				head := np.toks[len(np.toks)-1].lower()
				if _, ok := personRoles[head]; !ok {
					continue
				}
				r := reportingSubject{pos: toks[k].start, para: pi, person: true}
				if n := a.ix.role(head, np.toks[0].start); n != "" {
					r.name = a.ix.fullName(n)
					r.gender = a.ix.genderOf(r.name)
				} else {
					r.name, r.role = np.text(a.src), true
				}
				if r.gender == 0 {
					if _, f := femaleRoles[head]; f {
						r.gender = 'f'
					} else if _, m := maleRoles[head]; m {
						r.gender = 'm'
					}
				}
				out = append(out, r)
			}
		}
	}
	return out
}
