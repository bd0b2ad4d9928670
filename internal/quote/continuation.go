package quote

import "strings"

// "…," he added: a verb that continues (added, continued, went on) says
// that its subject has spoken before. When the pronoun's nearest fitting
// antecedent is someone the article never has speak — “…,” said Mark
// Feller. Feller's predecessor, Joe Danvers, closed two plants. “…,” he
// added — the pronoun stands for the last speaker of that gender instead.

// continuationCues are the cues that continue the subject's own words.
var continuationCues = wordSet("added adds continued continues")

// continuedSpeaker returns who a he/she with a continuing cue at pos stands
// for, given got, the antecedent found for it: got when got has spoken
// (a quotation's speaker or a reporting clause's subject before pos), else
// the last speaker of gender g before pos, else got.
func (a *attributor) continuedSpeaker(cue string, pos int, g byte, got string) string {
	if _, ok := continuationCues[cue]; !ok || got == "" {
		return got
	}
	last := ""
	for k := len(a.speakers) - 1; k >= 0; k-- {
		s := a.speakers[k]
		if s.pos >= pos {
			continue
		}
		if s.name == got {
			return got
		}
		sg := s.gender
		if sg == 0 {
			sg = a.ix.genderOf(s.name)
		}
		if !s.person || s.plural || sg != g || s.pos < a.sectionStart(pos) {
			return got // the last speaker is no one "he" or "she" fits for sure
		}
		last = s.name
		break
	}
	for _, sub := range a.subjects {
		if sub.pos < pos && sub.name == got {
			return got // Joe Danvers had warned that …: he has spoken
		}
	}
	if last == "" || a.spokeInParticiple(got, pos) {
		return got
	}
	return last
}

// objectPronounAfter reports whether the reporting verb at pos takes an
// object pronoun of gender g (told her, asked him): a later "she"/"he" is
// then rather whom it was said to than the verb's subject.
func objectPronounAfter(src string, pos int, g byte) bool {
	rest := src[pos:min(len(src), pos+30)]
	sp := strings.IndexByte(rest, ' ')
	if sp < 0 {
		return false
	}
	obj := "him"
	if g == 'f' {
		obj = "her"
	}
	after := rest[sp+1:]
	return strings.HasPrefix(after, obj) && (len(after) == len(obj) || !isWordRune(rune(after[len(obj)])))
}
