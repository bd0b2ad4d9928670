package quote

import "strings"

// A person the narration has just declared dead — "four years later,
// Freddy was dead", "Smith died in 2010", "the boy was killed" — says
// nothing afterwards: a later "he said" stands for someone else (in a
// profile, usually the person remembering them).

// deathPredicates follow a subject to say that it died.
var deathPredicates = []string{"was dead", "is dead", "died", "had died", "has died", "was killed", "were killed",
	"passed away", "had passed away", "has passed away", "was murdered", "was shot dead", "was found dead"}

// diedAfter reports whether the words right after a name ending at end (a
// possessive excluded) say that its bearer died.
func diedAfter(src string, end int) bool {
	rest := strings.TrimLeft(src[end:min(len(src), end+40)], " ")
	for _, p := range deathPredicates {
		if strings.HasPrefix(rest, p) && (len(rest) == len(p) || !isWordRune(rune(rest[len(p)]))) {
			return true
		}
	}
	return false
}

// diedBefore reports whether the last mention of the person name before
// pos says that they died.
func (a *attributor) diedBefore(name string, pos int) bool {
	if name == "" {
		return false
	}
	ms := a.ix.mentions
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.name.start >= pos {
			continue
		}
		if a.ix.fullName(m.name.text(a.src)) == name {
			return diedAfter(a.src, m.name.end)
		}
	}
	return false
}
