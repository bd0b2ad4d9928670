package quote

// A writing that the text ties to a named author — "a statement from chief
// executive Laura Pines", "a court document filed by state attorney Dave
// Aronberg", "a letter signed by Gov. Ray Donnelly", "a report by the
// Congressional Budget Office" — is that author's words: the name replaces
// the writing as the speaker. A writing with no named owner stays the
// speaker ("a statement", "a statement issued by the company"), and one
// someone else only holds (a memo obtained by The Washington Post) is not
// theirs.

// authorVerbs are the participles that tie a writing to whoever wrote or
// issued it (filed by, signed by) — not to whoever got hold of it
// (obtained, seen, reviewed by).
var authorVerbs = wordSet(`filed released issued written signed sent published posted prepared submitted authored
drafted delivered circulated distributed produced`)

// documentAuthor returns the name of whoever the text says issued the
// writing np (a description headed by a document noun), read from the
// words right after it: "from" or "by" and a name, or an author verb and
// "by" and a name.
func (a *attributor) documentAuthor(np phrase) (phrase, bool) {
	if len(np.toks) == 0 {
		return phrase{}, false
	}
	last := np.toks[len(np.toks)-1]
	if !isLowerWord(last) || !documentNoun(last.lower()) {
		return phrase{}, false
	}
	para := a.paras[a.paraOf(last.start)]
	toks := tokenize(a.src, last.end, para.End)
	i := 0
	for i < len(toks) && i < 3 && isLowerWord(toks[i]) {
		lw := toks[i].lower()
		if _, v := authorVerbs[lw]; v && i == 0 || lw == "put" && i == 0 || lw == "out" && i == 1 && toks[0].lower() == "put" {
			i++ // filed by, put out by
			continue
		}
		if lw == "from" && i == 0 || lw == "by" {
			i++
			break
		}
		return phrase{}, false
	}
	if i == 0 || i >= len(toks) || toks[i-1].lower() != "by" && toks[i-1].lower() != "from" {
		return phrase{}, false
	}
	author, e, ok := forwardNP(a.src, toks, i)
	if !ok || author.kind != npName || a.inQuotation(author.toks[0].start) {
		return phrase{}, false
	}
	if e+1 < len(toks) && toks[e].word && (toks[e].lower() == "and" || toks[e].lower() == "of") && toks[e+1].capitalized() {
		return phrase{}, false // the Securities and Exchange Commission: a name read only in part
	}
	return author, true
}

// roleBeforeName reports whether toks[k] is a lower-case role noun followed
// by a capitalised name (attorney Dave Aronberg): the word before it then
// qualifies an English role ("state attorney", not Italian "state").
func roleBeforeName(toks []token, k int) bool {
	return k+1 < len(toks) && isLowerWord(toks[k]) && roleNoun(toks[k].lower()) && isNameWord(toks[k+1])
}
