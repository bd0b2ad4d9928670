package quote

// Here's Clinton in December 1992: “…”; Here is Senator Ann Ruiz on the
// farm bill: “…” — a sentence that presents a person, perhaps with when,
// where or on what, and ends on a colon before the quotation gives the
// quotation to that person.

// heresPerson reads toks, the words before a quotation, for that sentence
// and returns the person as the attribution.
func (a *attributor) heresPerson(toks []token) (attribution, bool) {
	n := len(toks)
	if n < 3 || toks[n-1].s != ":" {
		return attribution{}, false
	}
	s := 0
	for k := n - 2; k >= 0; k-- {
		if sentenceEnd(toks, k) {
			s = k + 1
			break
		}
	}
	i := s
	switch lw := toks[i].lower(); {
	case (lw == "here’s" || lw == "here's") && toks[i].capitalized():
		i++
	case lw == "here" && toks[i].capitalized() && i+1 < n && toks[i+1].lower() == "is":
		i += 2
	default:
		return attribution{}, false
	}
	np, e, ok := forwardNP(a.src, toks, i)
	if !ok || np.kind != npName || !personLike(np.name.words) || e >= n {
		return attribution{}, false
	}
	// after the name: the colon, or a phrase of time, place or topic
	// (in December 1992, on the farm bill) without a verb or a comma.
	if e < n-1 {
		if !isPreposition(toks[e]) {
			return attribution{}, false
		}
		for k := e + 1; k < n-1; k++ {
			if !toks[k].word || cueWord(toks[k]) {
				return attribution{}, false
			}
		}
	}
	return attribution{np: np, cuePos: toks[n-1].start}, true
}
