package summaries

import (
	"strings"
)

// Score is one ROUGE measure: precision, recall and F1, each 0..1.
type Score struct{ P, R, F float64 }

// Rouge scores a hypothesis against a reference with ROUGE-1, ROUGE-2 and
// ROUGE-L, following the conventions of the pltrdy/rouge Python package
// (the version whose expected values the tests check):
//   - tokens are the white-space separated words, as given, with no case
//     folding or punctuation handling (Tokenize does that beforehand);
//   - ROUGE-N counts n-grams as sets: each distinct n-gram once, on both
//     sides, P = overlap/hyp, R = overlap/ref, F = 2PR/(P+R+1e-8);
//   - ROUGE-L is the longest common subsequence of the two whole token
//     sequences, P = LCS/len(hyp), R = LCS/len(ref), and
//     F = (1+β²)RP / (R+β²P), β = P/R (Lin 2004's F_lcs).
func Rouge(hyp, ref string) (r1, r2, rl Score) {
	h, r := strings.Fields(hyp), strings.Fields(ref)
	return rougeN(h, r, 1), rougeN(h, r, 2), rougeL(h, r)
}

func rougeN(hyp, ref []string, n int) Score {
	h, r := ngramSet(hyp, n), ngramSet(ref, n)
	overlap := 0
	for g := range h {
		if r[g] {
			overlap++
		}
	}
	var p, rc float64
	if len(h) > 0 {
		p = float64(overlap) / float64(len(h))
	}
	if len(r) > 0 {
		rc = float64(overlap) / float64(len(r))
	}
	return Score{P: p, R: rc, F: 2 * (p * rc) / (p + rc + 1e-8)}
}

// ngramSet returns the distinct n-grams of words.
func ngramSet(words []string, n int) map[string]bool {
	set := make(map[string]bool)
	for i := 0; i+n <= len(words); i++ {
		set[strings.Join(words[i:i+n], "\x00")] = true
	}
	return set
}

func rougeL(hyp, ref []string) Score {
	if len(hyp) == 0 || len(ref) == 0 {
		return Score{}
	}
	l := float64(lcs(ref, hyp))
	r := l / float64(len(ref))
	p := l / float64(len(hyp))
	beta := p / (r + 1e-12)
	f := (1 + beta*beta) * r * p / (r + beta*beta*p + 1e-12)
	return Score{P: p, R: r, F: f}
}

// lcs returns the length of the longest common subsequence of x and y.
func lcs(x, y []string) int {
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			if x[i-1] == y[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// Tokenize normalises sentences for scoring the way ROUGE is usually run on
// news summaries: lower-cased, words are runs of letters and digits, so
// punctuation, PTB-style splits such as "n't" and typographic quotes stop
// mattering. The result is one space-separated line.
func Tokenize(sents []string) string {
	var ws []string
	for _, s := range sents {
		ws = append(ws, strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !isAlnum(r)
		})...)
	}
	return strings.Join(ws, " ")
}
