package quote

import (
	"sort"
	"strings"
)

// narratedSpeaker gives c, a paragraph that is all quotation, with no
// attribution of its own nor one to inherit, the speaker of the quotation
// before it when the narration between them is about that speaker alone:
//
//	“…,” Viguerie notes.
//
//	Viguerie is upbeat about Cruz's chances, because he sees Cruz as a uniter.
//
//	“Not only can Cruz win in November, …”
//
// The narration is at most the rest of the earlier quotation's paragraph
// and one paragraph more; it names the speaker after that quotation, ends
// its last sentence outside quotation marks, has no other person or thing
// as the subject of a sentence or of a reporting verb, and holds no
// quotation but fragments (since Trump spoke only in “evasive bromides”).
// out are the candidates attributed before c, in order.
func (a *attributor) narratedSpeaker(out []*candidate, c *candidate) {
	if c.para == 0 || c.raw.start != a.paras[c.para].Start || strings.TrimSpace(a.src[c.raw.end:a.paras[c.lastPara].End]) != "" {
		return // not a paragraph that is all quotation
	}
	var p *candidate
	for k := len(out) - 1; k >= 0; k-- {
		o := out[k]
		if o == c {
			continue
		}
		if o.speaker != "" && o.attributed {
			p = o
			break
		}
		if !a.fragment(o) {
			return // another quotation, no one's: nothing to carry over
		}
	}
	if p == nil || p.lastPara < c.para-2 || p.lastPara >= c.para || p.plural || !p.person {
		return
	}
	narration := a.paras[c.para-1]
	if p.lastPara == c.para-2 && a.paras[p.lastPara].End > p.raw.end && a.sentencesAfter(p) {
		return // two paragraphs of narration: too far
	}
	from := max(p.raw.end, narration.Start)
	if p.lastPara == c.para-1 {
		from = p.raw.end
	}
	toks := tokenize(a.src, from, narration.End)
	if len(toks) == 0 || !terminator(toks[len(toks)-1]) || a.inQuotation(toks[len(toks)-1].start) {
		return
	}
	// The speaker is named in the narration, and no one else is a subject.
	named := false
	ms := a.ix.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].name.start >= p.raw.end })
	for ; k < len(ms) && ms[k].name.start < c.raw.start; k++ {
		m := ms[k]
		if a.inQuotation(m.name.start) {
			continue
		}
		full := a.ix.fullName(m.name.text(a.src))
		if full == p.speaker {
			named = named || m.name.start >= from
			continue
		}
		if m.subject {
			return
		}
	}
	if !named {
		return
	}
	for _, s := range a.subjects {
		if s.pos > p.raw.end && s.pos < c.raw.start && s.name != p.speaker {
			return // another reporting clause: (The spokesman disputed that.)
		}
	}
	// A sentence opened by something other than the speaker's name or a
	// pronoun that fits (The committee wrote …) may lead into the quotation.
	for i := range toks {
		if i > 0 && !sentenceEnd(toks, i-1) || !toks[i].word {
			continue
		}
		if !a.speakerOpens(toks, i, p) {
			return
		}
	}
	c.speaker, c.cue, c.person, c.plural, c.gender = p.speaker, p.cue, p.person, p.plural, p.gender
	c.attributed = p.attributed
}

// sentencesAfter reports whether p's paragraph goes on with a sentence of
// narration after p's attribution.
func (a *attributor) sentencesAfter(p *candidate) bool {
	rest := tokenize(a.src, p.raw.end, a.paras[p.lastPara].End)
	for k := range rest {
		if sentenceEnd(rest, k) && k < len(rest)-1 {
			return true
		}
	}
	return false
}

// fragment reports whether o is a fragment of quoted words inside the
// writer's sentence rather than a quotation of its own: one or two words,
// or words opening in lower case that do not open the sentence.
func (a *attributor) fragment(o *candidate) bool {
	if o.words < 3 {
		return true
	}
	content := a.src[o.raw.parts[0].Start:o.raw.parts[0].End]
	return !o.sentenceIn && startsLower(content)
}

// speakerOpens reports whether the sentence starting at toks[i] opens with
// p's speaker (perhaps after opening words and a comma), a pronoun
// fitting p, or a subordinate clause or adverb (What …, Since …) with no
// one named first.
func (a *attributor) speakerOpens(toks []token, i int, p *candidate) bool {
	t := toks[i]
	lw := t.lower()
	switch lw {
	case "he":
		return p.gender != 'f'
	case "she":
		return p.gender != 'm'
	}
	if !t.capitalized() {
		return false
	}
	if n, _, _, ok := parseName(a.src, toks, i); ok && a.ix.fullName(n.text(a.src)) == p.speaker {
		return true
	}
	// What “go after them” means is left to voters, since Trump spoke …:
	// a word opening a clause, not a subject of its own.
	if subordinators[lw] || lw == "what" || lw == "why" || lw == "how" {
		return true
	}
	return false
}
