package summary

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s and removes diacritics ("Élysée" → "elysee",
// "Straße" → "strasse"), so that terms and sentences compare as a reader
// would expect. The result is for comparison only, never for display.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			var b strings.Builder
			b.Grow(len(s))
			foldTo(&b, nil, s)
			return b.String()
		}
	}
	// Lower-case ASCII folds to itself.
	return s
}

// foldTo writes the folded s to b. scratch is a buffer for the decomposed
// form of s, which it returns so that it can be reused.
func foldTo(b *strings.Builder, scratch []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return scratch
	}
	scratch = norm.NFD.AppendString(scratch[:0], s)
	for _, r := range string(scratch) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ё' || r == 'Ё':
			b.WriteRune('е')
		case r == '’' || r == 'ʼ' || r == '‘':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return scratch
}

// wordAfter returns the bounds of the first word of folded at or after
// byte from: a run of letters and digits. start == end == len(folded) when
// no word is left.
func wordAfter(folded string, from int) (start, end int) {
	i := from
	for i < len(folded) {
		if c := folded[i]; c < utf8.RuneSelf {
			if isASCIIWordByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(folded[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	start = i
	for i < len(folded) {
		if c := folded[i]; c < utf8.RuneSelf {
			if !isASCIIWordByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(folded[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return start, i
}

func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// countWords returns how many words (runs of letters and digits) folded
// text has.
//
// Chinese and Japanese, written without spaces, count one word for every
// two of their characters, so a sentence of theirs weighs about what its
// translation would.
func countWords(folded string) int {
	n := 0
	for i := 0; ; {
		start, end := wordAfter(folded, i)
		if start == end {
			return n
		}
		i = end
		if cjk := cjkRunes(folded[start:end]); cjk > 1 {
			n += (cjk + 1) / 2
		} else {
			n++
		}
	}
}

// cjkRunes counts the Chinese and Japanese characters of a word.
func cjkRunes(w string) int {
	n := 0
	for _, r := range w {
		if r < 0x3000 {
			continue
		}
		if isCJK(r) {
			n++
		}
	}
	return n
}

// stemLen is how many runes of a word are kept as its stem. Cutting words
// to a prefix is a crude, language-neutral stemmer that joins "election"
// and "elections", "Wahl" and "Wahlen".
const stemLen = 6

// stem cuts a folded word to its first stemLen runes.
func stem(w string) string {
	n := 0
	for i := range w {
		if n == stemLen {
			return w[:i]
		}
		n++
	}
	return w
}

// appendTermIDs appends to ids the numbers in voc of the stems of the
// content words of a folded text, in text order: stop words and one-letter
// words are dropped.
func appendTermIDs(ids []int32, voc vocab, folded string) []int32 {
	stopWords := stopWords()
	for i := 0; ; {
		start, end := wordAfter(folded, i)
		if start == end {
			return ids
		}
		i = end
		w := folded[start:end]
		if cjkRunes(w) > 1 {
			ids = appendBigrams(ids, voc, w)
			continue
		}
		if len(w) >= 2 && !stopWords[w] {
			ids = append(ids, voc.id(stem(w)))
		}
	}
}

// appendBigrams appends the terms of a word holding Chinese or Japanese
// text, which has no spaces between its words: every pair of adjacent
// characters (the usual unit of retrieval for these languages), and any
// run of other letters whole.
func appendBigrams(ids []int32, voc vocab, w string) []int32 {
	stopWords := stopWords()
	prev := -1 // start of the previous CJK rune, -1 after a non-CJK one
	other := -1
	for i, r := range w {
		if !isCJK(r) {
			if other < 0 {
				other = i
			}
			prev = -1
			continue
		}
		if other >= 0 {
			if o := w[other:i]; len(o) >= 2 && !stopWords[o] {
				ids = append(ids, voc.id(stem(o)))
			}
			other = -1
		}
		if prev >= 0 {
			ids = append(ids, voc.id(w[prev:i+utf8.RuneLen(r)]))
		}
		prev = i
	}
	if other >= 0 {
		if o := w[other:]; len(o) >= 2 && !stopWords[o] {
			ids = append(ids, voc.id(stem(o)))
		}
	}
	return ids
}

// containsTerm reports whether folded text contains the folded term as
// whole words (a term may be a phrase).
func containsTerm(folded, term string) bool {
	if term == "" {
		return false
	}
	for from := 0; from < len(folded); {
		i := strings.Index(folded[from:], term)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(term)
		before, _ := utf8.DecodeLastRuneInString(folded[:i])
		after, _ := utf8.DecodeRuneInString(folded[end:])
		if (i == 0 || !isWordRune(before)) && (end == len(folded) || !isWordRune(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(folded[i:])
		from = i + size
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// stopWords are frequent function words (folded) in English, German,
// French, Spanish and Russian; they carry no topic. Built on first use, not
// before every command's main.
var stopWords = sync.OnceValue(func() map[string]bool {
	list := `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself s t d ll m re ve
said says say told according new one two would also year years last first mr mrs ms
der die das den dem des ein eine einer eines einem einen und oder aber in im ist sind war waren wird werden
hat haben hatte mit von zu zum zur auf fur an am bei aus nach vor uber unter nicht auch sich es er sie wir ich
ihr ihre sein seine als wie so dass noch nur schon mehr dieser diese dieses
le la les un une des du de et ou mais dans en au aux est sont ete a il elle ils elles on nous vous je ce cet
cette ces qui que quoi dont pour par sur pas plus ne se sa son ses leur leurs avec comme y
el los las uno una unos unas y o pero en es son fue ser al del lo que se su sus con por para como mas no este
esta estos estas ese esa le les ha han
и в во не что он она оно они на я с со как а то все так его ее но да ты к у же вы за бы по только
ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если уже или ни быть был была были
него до вас нибудь опять уж вам ведь там потом себя ничего ей может их чем это этот эта эти`
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[fold(w)] = true
	}
	return m
})
