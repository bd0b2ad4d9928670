package quote

// A reporting verb in the infinitive right before a quotation — Mr. Trump
// was prompted to say, “…”; Ms. Ruiz went on to add: “…”; the mayor took
// the stage to declare, “…” — reports the words of the subject of the
// clause it completes: a name opening the sentence or a clause (after a
// comma or "that"), then one to four lower-case words, then "to" and the
// verb. A name right before "to" is some verb's object (asked Cruz to
// say), and the clause of a negation (declined to say, did not want to
// say) reports nothing, so neither gives a speaker.

// infinitiveCues are the reporting verbs read in their infinitive.
var infinitiveCues = wordSet(`say ask add declare write note remark quip joke insist explain tweet proclaim
announce warn exclaim shout yell reply respond tell`)

// infinitiveBlockers are the words between the subject and "to" that
// leave the quotation unsaid by the subject.
var infinitiveBlockers = wordSet(`not never refused refuses declined declines failed fails asked asks told tells
urged urges wanted wants forced forces would could should might hoped hopes expected expects`)

// infinitiveReport reads toks, the words before a quotation, for that
// pattern and returns the subject as the attribution.
func (a *attributor) infinitiveReport(toks []token) (attribution, bool) {
	n := len(toks)
	if n < 5 || (toks[n-1].s != "," && toks[n-1].s != ":") {
		return attribution{}, false
	}
	c := n - 2
	if !isLowerWord(toks[c]) || toks[c-1].lower() != "to" || !isLowerWord(toks[c-1]) {
		return attribution{}, false
	}
	if _, ok := infinitiveCues[toks[c].lower()]; !ok {
		return attribution{}, false
	}
	j := c - 2
	for j >= 0 && j > c-2-4 && isLowerWord(toks[j]) {
		if _, ok := infinitiveBlockers[toks[j].lower()]; ok || cueWord(toks[j]) {
			return attribution{}, false
		}
		j--
	}
	if j == c-2 || j < 0 || !toks[j].capitalized() {
		return attribution{}, false
	}
	np, ok := backwardNP(a.src, toks[:j+1], j)
	if !ok || np.kind != npName || !personLike(np.name.words) {
		return attribution{}, false
	}
	s := indexOfToken(toks, np.toks[0].start)
	if s < 0 || !(s == 0 || toks[s-1].s == "," || toks[s-1].lower() == "that" && isLowerWord(toks[s-1]) || sentenceEnd(toks, s-1)) {
		return attribution{}, false
	}
	return attribution{np: np, cue: toks[c].s, cuePos: toks[c].start}, true
}
