package quote

// A paragraph that is someone's contribution signed at its end — readers'
// comments, letters, tweets: “…” And that's all he has. ― Christina Lastra —
// is that person's: a quotation opening such a paragraph with no
// attribution of its own takes the signature's name, not the speaker of
// the paragraph before it (whose own signature closes that one).

// paragraphSignature reads the signature that closes c's paragraph when c
// opens it: a dash and a name ending the paragraph, after c's own words
// and no reporting verb of the writer's between them.
func (a *attributor) paragraphSignature(c *candidate) (attribution, bool) {
	para := a.paras[c.lastPara]
	if c.raw.start != a.paras[c.para].Start || c.raw.end >= para.End {
		return attribution{}, false
	}
	toks := tokenize(a.src, c.raw.end, para.End)
	for d := len(toks) - 2; d > 0; d-- {
		if !isDash(toks[d].s) || gluedDash(a.src, toks[d]) {
			continue
		}
		np, e, ok := forwardNP(a.src, toks, d+1)
		if !ok || np.kind != npName || !(e == len(toks) || e == len(toks)-1 && !toks[e].word) {
			return attribution{}, false
		}
		for _, t := range toks[:d] {
			if cueWord(t) && !a.inQuotation(t.start) {
				return attribution{}, false // … , she wrote. ― Ana Ortiz: the writer's own sentence
			}
		}
		return attribution{np: np, cuePos: toks[d].start}, true
	}
	return attribution{}, false
}
