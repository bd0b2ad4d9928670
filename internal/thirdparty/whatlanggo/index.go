package whatlanggo

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// (newshound) The trigram profiles turned around, so that a text's
// trigrams are looked up once each, and the text's trigrams read as packed
// integers rather than strings. Nothing else of upstream's method changes.

// profileIndex is a list of language profiles indexed by trigram.
type profileIndex struct {
	langs   []Lang           // the list's languages, in ascending order
	ids     map[uint64]int32 // trigram (packed by trigramKey) → its index in entries
	entries [][]langWeight   // per trigram, the languages whose profile holds it
}

// langWeight is one trigram's place in one language's profile: the
// language (its index in profileIndex.langs) and maxTrigramDistance
// minus the trigram's rank in the profile.
type langWeight struct {
	lang   int32
	weight int32
}

// newProfileIndex indexes the profiles of list.
func newProfileIndex(list langProfileList) *profileIndex {
	idx := &profileIndex{ids: map[uint64]int32{}}
	for lang := range list {
		idx.langs = append(idx.langs, lang)
	}
	slices.Sort(idx.langs)
	for li, lang := range idx.langs {
		for rank, t := range list[lang] {
			key, ok := stringKey(t)
			if !ok {
				continue // not three characters: no text trigram equals it
			}
			id, ok := idx.ids[key]
			if !ok {
				id = int32(len(idx.entries))
				idx.ids[key] = id
				idx.entries = append(idx.entries, nil)
			}
			idx.entries[id] = append(idx.entries[id], langWeight{int32(li), int32(maxTrigramDistance - rank)})
		}
	}
	return idx
}

var (
	latinIndex      = sync.OnceValue(func() *profileIndex { return newProfileIndex(latinLangs()) })
	cyrillicIndex   = sync.OnceValue(func() *profileIndex { return newProfileIndex(cyrillicLangs()) })
	arabicIndex     = sync.OnceValue(func() *profileIndex { return newProfileIndex(arabicLangs()) })
	devanagariIndex = sync.OnceValue(func() *profileIndex { return newProfileIndex(devanagariLangs()) })
	ethiopicIndex   = sync.OnceValue(func() *profileIndex { return newProfileIndex(ethiopicLangs()) })
	hebrewIndex     = sync.OnceValue(func() *profileIndex { return newProfileIndex(hebrewLangs()) })
)

// distances returns the distance of text to each language of idx (in the
// order of idx.langs) and how many of its profile's trigrams text has, as
// upstream's calculateDistance counts them.
func (idx *profileIndex) distances(text string) (dist, num []int) {
	counts := make([]int32, len(idx.entries))
	seen := make([]int32, 0, 512)
	trigramsOf(text, func(t uint64) {
		id, ok := idx.ids[t]
		if !ok {
			return
		}
		if counts[id] == 0 {
			seen = append(seen, id)
		}
		counts[id]++
	})
	dist = make([]int, len(idx.langs))
	num = make([]int, len(idx.langs))
	for _, id := range seen {
		w := int(counts[id])
		for _, e := range idx.entries[id] {
			dist[e.lang] += int(e.weight) * w
			num[e.lang]++
		}
	}
	return dist, num
}

// trigramKey packs three characters into one integer (21 bits each).
func trigramKey(r1, r2, r3 rune) uint64 {
	return uint64(r1)<<42 | uint64(r2)<<21 | uint64(r3)
}

// stringKey is the key of a trigram written as a string of three
// characters; ok is false for any other string.
func stringKey(s string) (key uint64, ok bool) {
	var r [3]rune
	n := 0
	for _, c := range s {
		if n == 3 {
			return 0, false
		}
		r[n] = c
		n++
	}
	if n != 3 {
		return 0, false
	}
	return trigramKey(r[0], r[1], r[2]), true
}

// trigramsOf calls f with the key of every trigram of text, in order and
// as often as it occurs: the trigrams count counts.
func trigramsOf(text string, f func(uint64)) {
	var r1, r2 rune = ' ', 0
	first := true
	step := func(r3 rune) {
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			f(trigramKey(r1, r2, r3))
		}
		r1, r2 = r2, r3
	}
	for _, c := range text {
		c = trigramChar(c)
		if first {
			r2, first = c, false
			continue
		}
		step(c)
	}
	if !first {
		step(' ') // count's space after the last character
	}
}

// trigramChar is unicode.ToLower(toTrigramChar(r)), ASCII without the
// Unicode tables.
func trigramChar(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z':
			return r
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r < ' ' && (r < '\t' || r > '\r'), r == 0x7F:
			return r // control characters other than white space are no stop characters
		default:
			return ' ' // white space, digits, punctuation and symbols
		}
	}
	return unicode.ToLower(toTrigramChar(r))
}
