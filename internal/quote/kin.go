package quote

// Relatives share a last name: "said Mr. Lee, whose father, Tom Lee, was
// mayor" names two Lees, and the last name alone may be either of them. A
// full name set off after a kinship noun (his father, Tom Lee; Lee's wife,
// Ann Lee) makes its last name ambiguous, so that "Lee" is not filled out
// to the relative's full name.

// kinNouns are the family ties a relative is introduced with.
var kinNouns = wordSet(`father mother son daughter wife husband brother sister grandfather grandmother
grandson granddaughter uncle aunt nephew niece cousin widow widower father-in-law mother-in-law
son-in-law daughter-in-law brother-in-law sister-in-law stepfather stepmother stepson stepdaughter`)

// kinBefore reports whether the name with last name key starting at
// toks[i] is set off after a kinship noun owned by someone of the same last
// name: his father, whose wife, Lee's son — the owner being, for a
// pronoun, the last name before it in the paragraph (Mr. Lee, whose
// father, Tom Lee; not Abdullah Zahed and his wife, Breshna Alawee).
func kinBefore(toks []token, i int, key string) bool {
	if i < 3 || toks[i-1].s != "," || !isLowerWord(toks[i-2]) {
		return false
	}
	if _, ok := kinNouns[toks[i-2].lower()]; !ok {
		return false
	}
	owner := toks[i-3]
	switch owner.lower() {
	case "his", "her", "their", "whose":
		for k := i - 4; k >= 0 && k >= i-30; k-- {
			if isNameWord(toks[k]) && !isTitle(toks[k]) {
				return stripPossessive(toks[k].lower()) == key
			}
		}
		return false
	}
	return stripPossessive(owner.s) != owner.s && stripPossessive(owner.lower()) == key
}
