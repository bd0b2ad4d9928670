package quote

// messageNouns are nouns for what someone says or writes that a sentence
// may end on, before a colon and the words themselves: … with a simple
// message: “…”; … in an interview with CNN on Tuesday: “…”.
var messageNouns = wordSet(`message interview statement remarks speech post tweet letter email reply response
answer warning appeal plea note`)

// colonMessage reads the attribution of a sentence that ends on a colon
// after a phrase naming the words as a message — Ms. Ada Pike has been a
// loyal surrogate, visiting the campaign's offices with a simple message:
// “…”; Representative Lee Moss, Republican of Ohio, tried the line in an
// interview with CNN on Tuesday: “…”. The speaker is the name that is the
// subject of the sentence: opening it or an opening phrase's comma, and
// followed by its verb (perhaps after an apposition between commas).
func (a *attributor) colonMessage(toks []token) (attribution, bool) {
	n := len(toks)
	if n < 6 || toks[n-1].s != ":" {
		return attribution{}, false
	}
	// the message phrase: a preposition, up to three lower-case words and
	// the noun, then at most five words before the colon.
	p := -1
	for j := n - 2; j >= 0 && j >= n-7; j-- {
		if _, ok := messageNouns[toks[j].lower()]; !ok || !isLowerWord(toks[j]) {
			continue
		}
		for m := j - 1; m >= 0 && m >= j-4; m-- {
			lw := toks[m].lower()
			if lw == "with" || lw == "in" || lw == "on" || lw == "during" {
				p = m
				break
			}
			if !isLowerWord(toks[m]) {
				break
			}
		}
		if p >= 0 {
			for _, t := range toks[j+1 : n-1] {
				if !t.word || cueWord(t) {
					return attribution{}, false // another clause or a reporting verb
				}
			}
		}
		break
	}
	if p < 0 {
		return attribution{}, false
	}
	for i := 0; i < p; i++ {
		if i > 0 && toks[i-1].s != "," || !toks[i].capitalized() {
			continue
		}
		nm, roles, e, ok := parseName(a.src, toks[:p], i)
		if !ok || !personLike(nm.words) {
			continue
		}
		if len(nm.words) == 1 && len(roles) == 0 && !a.ix.isPerson(a.ix.fullName(nm.text(a.src))) {
			continue // Ever since …: a capitalised word opening the sentence
		}
		if e < p && toks[e].s == "," {
			// Lee Moss, Republican of Ohio, tried: an apposition between commas.
			c := e + 1
			for c < p && c <= e+8 && toks[c].s != "," {
				c++
			}
			if c < p && toks[c].s == "," {
				e = c + 1
			}
		}
		if e < p && verbLike(toks[e]) {
			return attribution{np: phrase{kind: npName, toks: toks[i:e], name: nm, roles: roles}, cuePos: toks[n-1].start}, true
		}
		return attribution{}, false // the first name opening a clause is the subject, or none is
	}
	return attribution{}, false
}
