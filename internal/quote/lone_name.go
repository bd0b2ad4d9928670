package quote

// loneNameActs reports whether the words from toks[e] on, right after a
// one-word name opening a sentence, are its verb in the past or a
// reporting verb, perhaps after adverbs but not after an auxiliary:
// Carson defied the question; Obama also addressed the concerns (not
// Turnout was expected). A capitalised word that opens a
// sentence without being a name (Making her way …, Footage of …) is
// followed by no such verb, so the word is the subject a later "he" or
// "she" may stand for even when the article shows no gender for it.
func loneNameActs(toks []token, e, end int) bool {
	if e == 0 || pluralWord(toks[e-1].s) {
		return false // Delegates questioned …: a group, not "he"
	}
	k := e
	for k < end && isLowerWord(toks[k]) {
		lw := toks[k].lower()
		if auxiliaryVerb(toks[k]) || lw == "was" || lw == "were" || lw == "is" || lw == "has" || lw == "had" {
			return false // Turnout was expected: a passive, or a verb of anything
		}
		if _, ok := adverbs[lw]; !ok {
			break
		}
		k++
	}
	if k >= end || !isLowerWord(toks[k]) {
		return false
	}
	lw := toks[k].lower()
	_, ov := objectVerbs[lw]
	return cueWord(toks[k]) || ov || len(lw) > 4 && (lw[len(lw)-2:] == "ed")
}
