package quote

import "strings"

// A person described by a tie to someone the article names — "a friend of
// Tom Ruiz", "a spokesman for Gov. Ann Lee", "an aide to Senator Lee", "the
// mother of Tom Ruiz", "Supporters of Donald Trump" — is not that someone:
// when such a phrase is the subject of a reporting verb, the speaker is the
// description as written, never the name inside it.

// relationPrepositions join a role noun to the person it is tied to.
var relationPrepositions = wordSet("of for to")

// relationalOpener returns the index of the first word of a description
// that ties a role to the name starting at toks[m] — a determiner and a
// lower-case role noun before "of", "for" or "to" (a friend of, the
// lawyer for, an aide to), or a plural role noun opening toks (Supporters
// of, Aides to) — or -1.
func relationalOpener(toks []token, m int) int {
	if m < 2 || !toks[m-1].word || !isLowerWord(toks[m-1]) {
		return -1
	}
	if _, ok := relationPrepositions[toks[m-1].lower()]; !ok {
		return -1
	}
	noun := toks[m-2]
	lw := noun.lower()
	if !noun.word || !relationNoun(lw) {
		return -1
	}
	if m-2 == 0 && noun.capitalized() && pluralWord(lw) {
		return 0 // Supporters of Donald Trump chanted
	}
	if !isLowerWord(noun) {
		return -1
	}
	for d := m - 3; d >= 0 && d >= m-5; d-- {
		t := toks[d]
		if !t.word {
			return -1
		}
		lt := t.lower()
		if _, det := englishDeterminers[lt]; det && (isLowerWord(t) || d == 0 || !toks[d-1].word) {
			return d // a friend of, one longtime friend of, The mother of
		}
		if !isLowerWord(t) {
			return -1
		}
	}
	return -1
}

// relationNoun reports whether the lower-case word lw, singular or plural,
// is a role that one holds toward a person or a body (friend, spokesman,
// lawyer, aide, mother, supporter).
func relationNoun(lw string) bool {
	if roleNoun(lw) {
		return true
	}
	if base := strings.TrimSuffix(lw, "s"); base != lw && roleNoun(base) {
		return true
	}
	_, f := femaleRoles[lw]
	_, m := maleRoles[lw]
	return f || m
}
