// Package suggest is newshound's one "did you mean": the known name closest
// to a mistyped one, when it is close enough to be a likely typo. Config keys,
// channel names, query fields and aliases, and chat commands all use it, so
// a typo is forgiven the same way everywhere. It is a leaf: it imports
// nothing, and the config package may use it.
package suggest

import "strings"

// Closest returns the candidate closest to s, ignoring case, when its edit
// distance is small: at most 1 for a name of up to three characters, else at
// most 2, or a third of the name's length for a long one. "" when none is.
func Closest(s string, candidates []string) string {
	n := len([]rune(s))
	limit := max(2, n/3)
	if n <= 3 {
		limit = 1
	}
	best, bestD := "", limit+1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := Distance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
