package quote

import (
	"unicode"
	"unicode/utf8"
)

// Spanish, Portuguese and French write dialogue without quotation marks: a
// paragraph opens with a dash, and the reporting clause is set off by a
// second dash or a comma (—Esto no es así —dijo el ministro—. Y añadió …;
// – Não é verdade – disse a ministra.; — Ce n'est pas vrai, dit-il.).
// dashDialogue finds such speech. Only a paragraph whose reporting clause
// it finds is taken: a dash also opens the items of a list.

// dialogueDash reports whether r opens or interrupts dialogue.
func dialogueDash(r rune) bool { return r == '—' || r == '―' || r == '–' }

// dashDialogue returns the dialogue paragraphs of text as quotations, one
// for the words before the reporting clause and, when speech resumes after
// it (—dijo—. …), one for the words after; quoted holds the quotations the
// marks gave, whose paragraphs are left alone.
func dashDialogue(text string, paras []Span, quoted []rawQuote) []rawQuote {
	var out []rawQuote
	q := 0
	for _, p := range paras {
		r, n := utf8.DecodeRuneInString(text[p.Start:p.End])
		if !dialogueDash(r) {
			continue
		}
		for q < len(quoted) && quoted[q].end <= p.Start {
			q++
		}
		if q < len(quoted) && quoted[q].start < p.End {
			continue // quotation marks inside: the marks say what is quoted
		}
		from := p.Start + n
		for from < p.End && text[from] == ' ' {
			from++
		}
		if next, _ := utf8.DecodeRuneInString(text[from:p.End]); !unicode.IsLetter(next) && next != '¿' && next != '¡' {
			continue // – 5 kg, a list's figures
		}
		cut, resume := dialogueClause(text, from, p.End)
		if cut < 0 {
			continue
		}
		speech := trimSpan(text, Span{from, cut})
		if speech.End <= speech.Start {
			continue
		}
		out = append(out, rawQuote{start: p.Start, end: speech.End, parts: []Span{speech}, open: r})
		if resume < 0 {
			continue
		}
		rest := resume
		for rest < p.End {
			c, size := utf8.DecodeRuneInString(text[rest:p.End])
			if unicode.IsLetter(c) || c == '¿' || c == '¡' {
				break
			}
			rest += size
		}
		if more := trimSpan(text, Span{rest, p.End}); more.End > more.Start {
			out = append(out, rawQuote{start: resume, end: more.End, parts: []Span{more}, open: r})
		}
	}
	return out
}

// dialogueClause finds in text[from:end] the reporting clause of a line of
// dialogue: a dash, or a comma, followed by a reporting verb (—dijo el
// ministro, – disse ela, , dit-il). cut is where the speech ends, -1 when
// there is no such clause; resume is just after a dash closing the clause
// when speech follows it (—dijo—. Y …), else -1.
func dialogueClause(text string, from, end int) (cut, resume int) {
	toks := tokenize(text, from, end)
	for k := 0; k+1 < len(toks); k++ {
		t := toks[k]
		dash := dialogueDash(r0(t.s)) && !t.word
		if !dash && t.s != "," {
			continue
		}
		if dash && (t.start == 0 || text[t.start-1] != ' ') && k > 0 && toks[k-1].end == t.start && toks[k-1].word {
			continue // a word-joining dash: ex–ministro
		}
		if !dialogueCue(toks, k+1) {
			continue
		}
		cut = t.start
		if t.s == "," {
			return cut, -1 // , dit-il.: the clause runs to the end
		}
		// The clause ends at the next dash; speech resumes after it.
		for m := k + 2; m < len(toks); m++ {
			if sentenceEnd(toks, m) {
				return cut, -1
			}
			if dialogueDash(r0(toks[m].s)) && !toks[m].word {
				if m+1 < len(toks) {
					return cut, toks[m].end
				}
				return cut, -1
			}
		}
		return cut, -1
	}
	return -1, -1
}

// dialogueCue reports whether toks[k] opens a reporting clause: a
// reporting verb of another language than English in lower case (the
// dash opens English lists too), an auxiliary before one (ha dicho, a dit),
// or a French verb with its pronoun (dit-il, a-t-elle ajouté).
func dialogueCue(toks []token, k int) bool {
	t := toks[k]
	if !isLowerWord(t) {
		return false
	}
	lw := t.lower()
	if _, ok := foreignCueVerbs[lw]; ok {
		return true
	}
	if verb, _, ok := invertedPronoun(lw); ok {
		_, cue := foreignCueVerbs[verb]
		return cue || auxiliaries[verb] && verb != "has"
	}
	if auxiliaries[lw] && lw != "has" && lw != "had" && lw != "have" && k+1 < len(toks) && isLowerWord(toks[k+1]) {
		_, cue := foreignCueVerbs[toks[k+1].lower()]
		return cue
	}
	return false
}

// complementConnectors open the complement of a role (presidente de la
// Asamblea, secretary of state, Vorsitzende der Partei).
var complementConnectors = wordSet("de del des du d of di della dello degli delle da do dos das der von")

// complementAfter reports whether the words after end, where a role phrase
// ends, open a complement of that role.
func complementAfter(src string, end int) bool {
	i := end
	for i < len(src) && src[i] == ' ' {
		i++
	}
	j := i
	for j < len(src) {
		r, n := utf8.DecodeRuneInString(src[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	if j == i || j == end {
		return false
	}
	_, ok := complementConnectors[src[i:j]]
	return ok
}

// addresseeAfter reports whether the reporting verb toks[k], of another
// language than English, is followed by whom it was said to: dijo a El
// Faro, aseguró a la red Unitel, disse ao jornal, a déclaré à l'AFP. The
// subject is then left out of the clause, and no name after the verb is it.
func addresseeAfter(toks []token, k int) bool {
	if k+1 >= len(toks) || !isLowerWord(toks[k+1]) {
		return false
	}
	if _, foreign := foreignCueVerbs[toks[k].lower()]; !foreign {
		return false
	}
	switch toks[k+1].s {
	case "à", "ao", "aos", "al", "às", "alla", "allo", "ai":
		return true
	case "a":
		// dijo a El Faro, a la red Unitel; not disse a ministra (the article)
		if k+2 < len(toks) && toks[k+2].word {
			_, art := spanishArticles[toks[k+2].s]
			return art || toks[k+2].capitalized()
		}
	}
	return false
}

// spanishArticles open the addressee after "a" (dijo a la red Erbol).
var spanishArticles = wordSet("la el los las un una")
