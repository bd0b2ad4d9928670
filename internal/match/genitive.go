package match

import "strings"

// German, Dutch, Luxembourgish and the Scandinavian languages write a name's genitive with an s and no
// apostrophe: Putins Krieg, Chinas Wirtschaft, Wladimir Putins Rede, Natos toppmöte. In a document in
// one of them (Document.Lang), a token that is not a word of any query but is one with an s added
// stands for that word: "Putins" is "Putin" — in one-word terms, phrases and NEAR pairs alike, and the
// hit is the word as written. Only whole words of three letters or more that do not end in s, x or z
// (whose genitive takes an apostrophe, "Merz’"), in ASCII letters once folded, and not acronyms:
// "NATOs" is left alone, "EUs" too. In other languages, and when the language is not known, the s is
// another word: "Williams" is not "William". Wildcards are unchanged (Putin* finds Putinsche anyway).
// (The full-text index for /search does not do this: it finds "Putins" for Putins or Putin*.)

// genitiveLang reports whether the language whose tag is lang writes genitives with a bare s.
func genitiveLang(lang string) bool {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch strings.ToLower(lang) {
	case "de", "nl", "lb", "sv", "da", "no", "nb", "nn":
		return true
	}
	return false
}

// genitiveWord reports whether a folded word of a query has a genitive with a bare s.
func genitiveWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	switch w[len(w)-1] {
	case 's', 'x', 'z':
		return false
	}
	return true
}

// genitives returns which words (by id) have a genitive with a bare s, and a filter that passes those
// genitives too, for the tokenizer of a document in such a language; nil when no word has one.
func genitives(words, prefixes []string, all, cjk bool) ([]bool, wordFilter) {
	var gen []bool
	var forms []string
	for id, w := range words {
		if genitiveWord(w) {
			if gen == nil {
				gen = make([]bool, len(words))
				forms = append(forms, words...)
			}
			gen[id] = true
			forms = append(forms, w+"s")
		}
	}
	if gen == nil {
		return nil, wordFilter{}
	}
	return gen, newWordFilter(forms, prefixes, all, cjk)
}

// genitiveAt looks at token i of the field being scanned, whose folded form is w: when w is a word's
// genitive with a bare s, it records the occurrences of the word's one-word terms (not its acronyms,
// and not its wildcards, which match w as written), the phrases the token may start as that word, and
// the word's id in gids for the phrases it may go on — whether or not w is a word of some query too,
// so that a watch for Putin finds "Putins" as well when another watches "Putins".
func (s *scratch) genitiveAt(field uint8, i int32, w string) {
	m := s.m
	n := len(w)
	if n < 4 || w[n-1] != 's' {
		return
	}
	base := w[:n-1]
	if !m.filter.pass(base, false) {
		return
	}
	sl := m.words.slot(hashString(base), base)
	if sl == nil || !m.genWord[sl.id-1] {
		return
	}
	tk := &s.tz.toks[i]
	rec := m.wordData[sl.data:]
	for _, t := range rec[2 : 2+rec[0]] {
		if t < 0 || m.terms[t].elems[0].kind == elemPrefix {
			continue
		}
		s.addOcc(occ{term: t, field: field, tokStart: i, tokEnd: i, start: tk.start, end: tk.end})
	}
	if rec[1] > 0 {
		s.starts = append(s.starts, i)
		s.startRec = append(s.startRec, int32(sl.data))
	}
	s.gids[i] = sl.id - 1
}
