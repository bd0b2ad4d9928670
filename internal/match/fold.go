package match

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Folding, shared by queries and documents so that both sides see the same words:
//
//   - letters are lower-cased and stripped of diacritics (compatibility decomposition, marks dropped;
//     a few letters without a decomposition are mapped by hand: ß→ss, ø→o, ł→l, æ→ae, œ→oe, ı→i, ς→σ …);
//   - a word is a run of letters, digits and combining marks; everything else (spaces, line breaks,
//     punctuation, quotes, hyphens and dashes) separates words, so "election-interference" is the two
//     words "election interference";
//   - an apostrophe (straight or curly, or a grave or acute accent or a prime typed for one) between
//     two letters joins them ("don't" → "dont"), except a possessive "'s" at the end of a word, which
//     is dropped ("Putin's" → "putin", "Putin´s" too), and after a French, Italian or Catalan elided
//     word, which stands apart ("l'Ukraine" → "l ukraine", "dell’Italia" → "dell italia");
//   - subscript digits are digits of their word ("CO₂" → "co2"); superscripts separate ("km²" → "km");
//   - initials are one word: single upper-case letters each with a full stop, with a space between
//     them or none, the last full stop optional without spaces ("U.S.", "U.S", "J. K." → "us", "jk");
//     a full stop after a lone letter ("Plan B.") or a lower-case one ("e.g.") separates as ever;
//   - the digit groups of a number are one word: one to three digits (not starting with 0), then
//     groups of three after a comma, a full stop, or a no-break, narrow no-break or thin space, the
//     same separator each time ("1,000", "1.000", "1 000" → "1000"); an ordinary space separates;
//   - Han, Hiragana and Katakana characters form runs of their own (CJK text has no spaces between
//     words); a query word from such a run matches any document run that contains it; half-width
//     katakana are their full-width forms, a sound mark after one composed with it ("ｶﾞｲﾄﾞ" → "ガイド"),
//     as full-width Latin letters and digits are ASCII ("ＮＡＴＯ １０００" → "nato 1000"); Traditional
//     Chinese characters are their Simplified forms ("習近平" → "习近平"; the 2,850 pairs of ICU's
//     Hant-Hans transform, t2s_table.go), so that Japanese kanji with a Simplified form fold too
//     ("東京" → "东京": both sides alike);
//   - invisible format characters (Unicode category Cf: soft hyphen U+00AD, zero-width space,
//     zero-width joiner and non-joiner, word joiner U+2060, a byte-order mark inside the text,
//     direction marks…) are ignored: inside a word they neither end it nor appear in its folded form
//     ("Mittel\u00adalter" → "mittelalter"), between words they separate nothing themselves; so is the
//     Arabic tatweel (U+0640), which only stretches a word ("مـحـمـد" → "محمد");
//   - a word that mixes Latin letters with Cyrillic or Greek look-alikes is written in the script of
//     most of its letters ("Рutin" with a Cyrillic Р → "putin"; see lookAlike);
//   - Arabic yeh and kaf are one letter however written: alef maksura, Persian and Pashto yeh fold to
//     yeh ("مصطفى" = "مصطفي"), keheh to kaf; alef wasla to alef, teh marbuta to heh ("القاهرة" =
//     "القاهره"); Arabic presentation forms (text from PDFs) are the letters they stand for;
//   - the decimal digits of every script are ASCII digits ("٢٠٢٤", "۱۴۰۳", "२०२४" → "2024");
//   - Thai, Lao, Khmer and Myanmar letters and marks form runs as CJK characters do (no spaces
//     between words); a match inside a run never ends between a letter and its vowel sign or tone
//     mark (see markAt).

// foldTableSize is the number of runes folded through the precomputed table; above it only CJK,
// Hangul, full-width forms and ligatures need special treatment.
const foldTableSize = 0x3000

// foldTable holds the folded form of every rune below foldTableSize that is part of a word. It is
// computed on first use (12,000 strings: not at the start of a command that folds nothing) and never
// written afterwards.
var foldTable = sync.OnceValue(buildFoldTable)

// charClass says what a rune is to the tokenizer.
type charClass uint8

const (
	classSep    charClass = iota // separates words
	classWord                    // letter, digit or mark
	classApos                    // apostrophe: joins letters, or starts a possessive
	classCJK                     // Han, Hiragana, Katakana
	classIgnore                  // invisible format character: skipped, inside a word or not
)

type foldEntry struct {
	class charClass
	fold  string // folded form (may be empty for a mark)
}

// manualFold folds the letters that have no decomposition to a base letter.
func manualFold(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ı':
		return "i", true
	case 'ŧ', 'Ŧ':
		return "t", true
	case 'þ', 'Þ':
		return "th", true
	case 'ς':
		return "σ", true
	case 'ى', 'ی', 'ې', 'ۍ': // alef maksura and the Persian, Pashto yeh, written for yeh and for each other
		return "ي", true
	case 'ک': // the Persian keheh, for kaf
		return "ك", true
	case 'ٱ': // alef wasla, the alef of Quranic and vocalised spelling (ٱلله), for alef
		return "ا", true
	case 'ة': // teh marbuta, written as heh in much informal and some news text (القاهره), and heh
		return "ه", true // for each other by search engines (as Lucene's Arabic normaliser)
	}
	return "", false
}

// isApostrophe reports whether r is written for an apostrophe: the straight and curly ones, the
// modifier letters (ʼ, ʹ, and the ʻokina of "Hawaiʻi", which is "Hawai'i"), the full-width one, and
// the grave and acute accents and the prime that are typed for one on many keyboards ("gibt´s",
// "don`t", "Putin′s"), and the Hebrew geresh, which an apostrophe is typed for as often
// (ג׳ורג׳ = ג'ורג', George).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u02b9', '\u02bb', '\uff07', '`', '\u00b4', '\u2032', '\u05f3':
		return true
	}
	return false
}

// isCJK reports whether r is matched by character runs: Chinese and Japanese, which write no spaces,
// and Korean syllables — Korean writes its particles on the noun (대통령은, 윤석열이, 기준금리를), so
// that as whole space-separated words 대통령 found none of them — and the letters and marks of Thai,
// Lao, Khmer and Myanmar, which write no spaces between words either (spaces end phrases or
// sentences): นายกรัฐมนตรีเศรษฐา is "Prime Minister Srettha", and a watch for เศรษฐา is found in it.
func isCJK(r rune) bool {
	switch r {
	case 0x3005, 0x3006, 0x30FC, 0x309D, 0x309E, 0x30FD, 0x30FE, 0xFF70: // iteration and length marks
		return true
	}
	if r >= 0x0E00 && r < 0x1800 {
		return isSpacelessLetter(r)
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) && !unicode.IsPunct(r) ||
		r >= 0xAC00 && r <= 0xD7A3 // Hangul syllables
}

// isSpacelessLetter reports whether r is a letter or mark of Thai, Lao, Myanmar or Khmer: their
// digits stay digits (folded as digits are) and their punctuation separates.
func isSpacelessLetter(r rune) bool {
	switch {
	case r >= 0x0E00 && r <= 0x0EFF, r >= 0x1000 && r <= 0x109F, r >= 0x1780 && r <= 0x17FF:
		return unicode.IsLetter(r) || unicode.IsMark(r)
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.IsMark(r)
}

// brahmicVowelSign reports whether the mark r is a vowel sign or virama of an Indic script
// (Devanagari to Sinhala), Thai, Lao, Tibetan, Myanmar or Khmer: part of the word's spelling, not a
// diacritic — मोदी (Modi) and मादा (female) differ only in them. The nukta and the nasal signs
// (candrabindu, anusvara: गाँधी = गांधी), written either way, are still dropped.
func brahmicVowelSign(r rune) bool {
	switch {
	case r >= 0x0900 && r <= 0x0DFF:
		switch r & 0x7F {
		case 0x00, 0x01, 0x02, 0x3C: // candrabindu, anusvara (and the inverted candrabindu), nukta
			return false
		}
		return true
	case r >= 0x0E00 && r <= 0x0FFF, r >= 0x1000 && r <= 0x109F, r >= 0x1780 && r <= 0x17FF:
		return true
	}
	return false
}

// isPresentationForm reports whether r is a Latin, Armenian or Hebrew ligature or an Arabic
// presentation form (ﬁ, שׁ, ﻣﺤﻤﺪ as text extracted from PDFs has them): its compatibility
// decomposition is the letters it stands for.
func isPresentationForm(r rune) bool {
	return r >= 0xFB00 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// digitValue returns the value of the decimal digit r: its distance from the zero of its block of
// ten (the decimal digits of Unicode come in blocks of ten, zero first).
func digitValue(r rune) int {
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10
}

// foldRuneSlow folds one word rune without the table.
func foldRuneSlow(r rune) string {
	if s, ok := manualFold(r); ok {
		return s
	}
	if unicode.IsMark(r) {
		if brahmicVowelSign(r) {
			return string(r)
		}
		return ""
	}
	if unicode.Is(unicode.Nd, r) && r > '9' {
		return string(rune('0' + digitValue(r))) // Arabic-Indic ٢٠٢٤, Persian ۱۴۰۳, Devanagari २०२४ …
	}
	if r >= 0x3000 {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			return foldRuneSlow(r - 0xFEE0)
		case isPresentationForm(r): // ligatures and presentation forms
		case r >= 0x1D400 && r <= 0x1D7FF: // mathematical alphanumerics
		default:
			return string(unicode.ToLower(r))
		}
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(unicode.ToLower(r))) {
		if unicode.IsMark(d) || d == 0x0640 {
			continue // a mark, or the tatweel a presentation form carries its mark on (ﹽ is ـّ)
		}
		if s, ok := manualFold(d); ok {
			b.WriteString(s)
			continue
		}
		if isWordRune(d) && !isApostrophe(d) && !isCJK(d) {
			b.WriteRune(unicode.ToLower(d))
		}
	}
	return b.String()
}

func buildFoldTable() []foldEntry {
	t := make([]foldEntry, foldTableSize)
	for r := rune(0); r < foldTableSize; r++ {
		switch {
		case isApostrophe(r):
			t[r].class = classApos
		case unicode.Is(unicode.Cf, r), r == 0x0640:
			// and the Arabic tatweel, which draws a word out for justification ("مـحـمـد")
			t[r].class = classIgnore
		case isCJK(r):
			t[r] = foldEntry{class: classCJK} // each its own form: the run's bytes are its folded form
		case r >= 0x2080 && r <= 0x2089:
			// subscript digits belong to their word, as a chemist writes it: "CO₂" is "CO2"
			// (superscripts stay separators: "km²" is "km")
			t[r] = foldEntry{class: classWord, fold: string('0' + r - 0x2080)}
		case isWordRune(r):
			t[r] = foldEntry{class: classWord, fold: foldRuneSlow(r)}
		}
	}
	return t
}

// classify returns the class and folded form of r, whose bytes in the text are src.
func classify(r rune, src string) (charClass, string) {
	if r < foldTableSize {
		e := &foldTable()[r]
		return e.class, e.fold
	}
	if r < 0x10000 {
		switch c := bmpClass()[r-foldTableSize]; c {
		case bmpSelf:
			return classWord, src
		case bmpSlow:
			return classWord, foldRuneSlow(r)
		case bmpCJKFold:
			return classCJK, cjkFold(r)
		default:
			return charClass(c), ""
		}
	}
	return classifySlow(r, src)
}

// bmpClass returns the class of every rune of the Basic Multilingual Plane from foldTableSize on
// (Hangul, kana, Han and the rest), worked out once, when first needed: a charClass, or bmpSelf for
// a word rune that folds to itself, or bmpSlow for one that needs foldRuneSlow.
var bmpClass = sync.OnceValue(func() []uint8 {
	t := make([]uint8, 0x10000-foldTableSize)
	for k := range t {
		r := rune(k + foldTableSize)
		switch c, f := classifySlow(r, "\x00"); {
		case c == classWord && f == "\x00":
			t[k] = bmpSelf
		case c == classWord:
			t[k] = bmpSlow
		case c == classCJK && f != "":
			t[k] = bmpCJKFold
		default:
			t[k] = uint8(c)
		}
	}
	return t
})

const (
	bmpSelf = 0x80 + iota
	bmpSlow
	bmpCJKFold // a CJK character written for another (cjkFold)
)

// The half-width katakana (U+FF66–U+FF9D) and their voiced and semi-voiced sound marks.
const (
	halfKanaFirst  = 0xFF66
	halfVoiced     = 0xFF9E
	halfSemiVoiced = 0xFF9F
)

// halfKana holds the full-width forms of the half-width katakana (ｶﾀｶﾅ is カタカナ, as NFKC has it),
// alone and composed with a voiced and a semi-voiced sound mark after them ("" where the two do
// not compose: ｶﾞ is ガ, ﾊﾟ is パ). Built on first use.
var halfKana = sync.OnceValue(func() *[halfVoiced - halfKanaFirst][3]string {
	var t [halfVoiced - halfKanaFirst][3]string
	for k := range t {
		full := norm.NFKC.String(string(rune(halfKanaFirst + k)))
		t[k][0] = full
		for m, mark := range []string{"\u3099", "\u309a"} {
			if c := norm.NFC.String(full + mark); utf8.RuneCountInString(c) == 1 {
				t[k][m+1] = c
			}
		}
	}
	return &t
})

// cjkFold returns the form a CJK character is matched in, "" when it is its own: a half-width
// katakana its full-width form, a Traditional Chinese character its Simplified form.
func cjkFold(r rune) string {
	if r >= halfKanaFirst && r < halfVoiced {
		return halfKana()[r-halfKanaFirst][0]
	}
	if r >= t2sFirst && r <= t2sLast {
		if k := t2sIndex()[r-t2sFirst]; k != 0 {
			p := 6*int(k-1) + 3
			return t2sPairs[p : p+3]
		}
	}
	return ""
}

// The Traditional characters of t2sPairs are in CJK Unified Ideographs Extension A and the main
// block.
const (
	t2sFirst = 0x3400
	t2sLast  = 0x9FFF
)

//go:generate go run gen_t2s.go

// t2sIndex holds, for each character from t2sFirst to t2sLast, 1 + the number of its pair in
// t2sPairs, or 0. Built on first use (55 KB), from the pairs in the binary's read-only data.
var t2sIndex = sync.OnceValue(func() []uint16 {
	t := make([]uint16, t2sLast-t2sFirst+1)
	for k := 0; k < len(t2sPairs); k += 6 {
		r, _ := utf8.DecodeRuneInString(t2sPairs[k:])
		t[r-t2sFirst] = uint16(k/6 + 1)
	}
	return t
})

// composeKana returns the folded form of the half-width katakana of size bytes at text[i], whose
// folded form alone is f, and its size: with the sound mark after it when the two compose.
func composeKana(text string, i, size int, f string) (string, int) {
	r, _ := utf8.DecodeRuneInString(text[i:])
	if r < halfKanaFirst || r >= halfVoiced {
		return f, size
	}
	m, msize := utf8.DecodeRuneInString(text[i+size:])
	if m != halfVoiced && m != halfSemiVoiced {
		return f, size
	}
	if c := halfKana()[r-halfKanaFirst][m-halfVoiced+1]; c != "" {
		return c, size + msize
	}
	return f, size
}

// classifySlow is classify without the tables, for runes from foldTableSize on.
func classifySlow(r rune, src string) (charClass, string) {
	switch {
	case isApostrophe(r):
		return classApos, ""
	case unicode.Is(unicode.Cf, r), r == halfVoiced, r == halfSemiVoiced:
		// the half-width sound marks are composed with the kana before them (see halfKana); alone,
		// they are nothing
		return classIgnore, ""
	case isCJK(r):
		return classCJK, cjkFold(r) // "": identity, the caller copies the original bytes
	case isWordRune(r):
		if foldsToItself(r) {
			return classWord, src // Hangul and other scripts without case: no allocation
		}
		return classWord, foldRuneSlow(r)
	}
	return classSep, ""
}

// foldsToItself reports whether foldRuneSlow(r) is r itself, for a word rune r >= foldTableSize.
func foldsToItself(r rune) bool {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E, isPresentationForm(r), r >= 0x1D400 && r <= 0x1D7FF:
		return false
	case unicode.Is(unicode.Nd, r):
		return false // a digit of another script is an ASCII digit
	case unicode.IsMark(r):
		return false
	}
	_, manual := manualFold(r)
	return !manual && unicode.ToLower(r) == r
}

// ASCII classes for the tokenizer's fast path.
const (
	aSep   = iota // separator
	aLower        // lower-case letter or digit: folds to itself
	aUpper        // upper-case letter
	aApos         // apostrophe
	aPoint        // full stop or comma: a separator, except inside initials ("U.S.") and numbers ("1,000")
)

var asciiClass = buildASCIIClass()

// isLowerASCII[c]: c is a lower-case ASCII letter or digit; isSepASCII[c]: c is an ASCII separator
// (the tokenizer's innermost loops).
var isLowerASCII, isSepASCII = func() (lower, sep [256]bool) {
	for c := range 128 {
		lower[c] = asciiClass[c] == aLower
		sep[c] = asciiClass[c] == aSep
	}
	return lower, sep
}()

// isWordASCII[c]: c is an ASCII letter or digit; lowerASCII[c] is its lower case.
var isWordASCII, lowerASCII = func() (word [256]bool, lower [256]byte) {
	for c := range 256 {
		lower[c] = byte(c)
		if c < 128 {
			word[c] = asciiClass[c] == aLower || asciiClass[c] == aUpper
			if asciiClass[c] == aUpper {
				lower[c] = byte(c) + 'a' - 'A'
			}
		}
	}
	return word, lower
}()

// The runs of letters and digits are found eight bytes at a time: a word of bytes x is tested for
// bytes in a range with additions that cannot carry from one byte into the next (the bytes are below
// 0x80 once their high bit is masked off, which non-ASCII bytes have set).
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// load64 returns the eight bytes of s at i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Addends that test the bytes (below 0x80) of a word for the ranges a-z and 0-9: y+swarGEa has the
// high bit of each byte >= 'a' set, y+swarGTz that of each byte > 'z', and so on.
const (
	swarGEa = (0x80 - 'a') * swarOnes
	swarGTz = (0x7f - 'z') * swarOnes
	swarGEA = (0x80 - 'A') * swarOnes
	swarGTZ = (0x7f - 'Z') * swarOnes
	swarGE0 = (0x80 - '0') * swarOnes
	swarGT9 = (0x7f - '9') * swarOnes
)

// lowerIn8 returns how many of the bytes of x, from the lowest, are lower-case ASCII letters or
// digits.
func lowerIn8(x uint64) int {
	y := x &^ swarHigh
	in := (y+swarGEa)&^(y+swarGTz) | (y+swarGE0)&^(y+swarGT9)
	return bits.TrailingZeros64((^in|x)&swarHigh) >> 3
}

// wordIn8 returns how many of the bytes of x, from the lowest, are ASCII letters or digits.
func wordIn8(x uint64) int {
	y := x &^ swarHigh
	z := y | 0x20*swarOnes // upper case to lower case
	in := (z+swarGEa)&^(z+swarGTz) | (y+swarGE0)&^(y+swarGT9)
	return bits.TrailingZeros64((^in|x)&swarHigh) >> 3
}

// lower8 returns x with its bytes A-Z in lower case.
func lower8(x uint64) uint64 {
	y := x &^ swarHigh
	upper := (y + swarGEA) &^ (y + swarGTZ) &^ x & swarHigh
	return x | upper>>2 // 0x80>>2 is 'a'-'A'
}

// lowerRun returns the end of the run of lower-case ASCII letters and digits in text starting at i.
func lowerRun(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		if n := lowerIn8(load64(text, i)); n < 8 {
			return i + n
		}
	}
	for i < len(text) && isLowerASCII[text[i]] {
		i++
	}
	return i
}

// wordRun returns the end of the run of ASCII letters and digits in text starting at i.
func wordRun(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		if n := wordIn8(load64(text, i)); n < 8 {
			return i + n
		}
	}
	for i < len(text) && isWordASCII[text[i]] {
		i++
	}
	return i
}

func buildASCIIClass() (class [128]byte) {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			class[c] = aLower
		case c >= 'A' && c <= 'Z':
			class[c] = aUpper
		case c == '\'' || c == '`':
			class[c] = aApos
		case c == '.' || c == ',':
			class[c] = aPoint
		}
	}
	return class
}

// token is one word of a text. start and end are byte offsets in the original text. The folded form
// is text[start:end] itself when inText (lower-case ASCII, CJK and other text folding does not change),
// else buf[fstart:fend] of the tokenizer; fstart and fend are start and end when inText, so that the
// folded form is sources()[src()][fstart:fend] either way.
type token struct {
	start, end   int32
	fstart, fend int32
	cjk, inText  bool
}

// tokenizer folds a text into tokens, reusing its buffers from one text to the next.
type tokenizer struct {
	text     string
	buf      []byte
	toks     []token
	noBlocks bool // without the block scanner (tests compare the two)
	// with a filter, cands lists the tokens it passes; tokens before checked have been filtered
	filter  *wordFilter
	cands   []int32
	checked int
	// tokens before mixedChecked have been looked at for letters of two scripts (mixedScripts)
	mixedChecked int
	uniHyphen    bool // the text has a hyphen U+2010 or U+2011 (see hyphenJoins)
}

// word returns the folded form of token i. A word in the buffer is returned without copying: it is
// valid until the next call of tokenize.
func (t *tokenizer) word(i int) string {
	tk := &t.toks[i]
	if tk.inText {
		return t.text[tk.start:tk.end]
	}
	return unsafe.String(&t.buf[tk.fstart], int(tk.fend-tk.fstart))
}

// appendWord appends a finished word unless it folded to nothing.
func appendWord(toks []token, start, end, fstart, fend int, inText, cjk bool) []token {
	if inText {
		fstart, fend = start, end
	} else if fend == fstart {
		return toks
	}
	// fields are stored one by one into the slice: building the struct on the stack and copying it
	// stalls on store forwarding
	n := len(toks)
	if n < cap(toks) {
		toks = toks[:n+1]
	} else {
		toks = append(toks, token{})
	}
	tk := &toks[n]
	tk.start, tk.end, tk.fstart, tk.fend, tk.cjk, tk.inText = int32(start), int32(end), int32(fstart), int32(fend), cjk, inText
	return toks
}

// tokenize splits text into folded tokens, replacing the tokenizer's previous contents. It is the hot
// path of matching: runs of lower-case ASCII are neither decoded nor copied, and the state lives in
// local variables.
func (t *tokenizer) tokenize(text string) {
	t.text = text
	buf, toks := t.buf[:0], t.toks[:0]
	t.cands, t.checked, t.mixedChecked, t.uniHyphen = t.cands[:0], 0, 0, false
	greekCyrillic := false // a Greek or Cyrillic letter has been seen: words may mix scripts
	var (
		wstart = -1 // start of the current word, -1 between words
		fstart int  // start of its folded form in buf, when !inText
		inText bool // its folded form is text[wstart:i]
		cjk    bool // it is a CJK run
	)
	fastFrom := 0 // the block scanner is tried between words from here on
	for i := 0; i < len(text); {
		if wstart < 0 && i >= fastFrom && !t.noBlocks {
			switch {
			case i+blockNeed > len(text):
				fastFrom = len(text)
			case load64(text, i)&swarHigh != 0:
				// text in another script ahead, most likely: not worth a try before the next word
				fastFrom = i + 1
			default:
				if greekCyrillic {
					buf = t.unmix(text, buf, toks)
				}
				if t.filter != nil {
					t.cands = t.filterTokens(text, buf, toks, t.cands)
				}
				var j int
				j, buf, toks, t.cands = scanBlocks(text, i, buf, toks, t.filter, t.cands)
				t.checked = len(toks)
				// it stopped at a byte for the general tokenizer, or at a long word: try again after
				// that
				fastFrom = j + 1
				if j > i {
					i = j
					continue
				}
			}
		}
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case aLower:
				if wstart < 0 || cjk {
					if wstart >= 0 {
						toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					}
					wstart, inText, cjk = i, true, false
				}
				j := i + 1
				if j+8 <= len(text) { // the first eight bytes inline: most words end there
					if n := lowerIn8(load64(text, j)); n < 8 {
						j += n
					} else {
						j = lowerRun(text, j+8)
					}
				} else {
					j = lowerRun(text, j)
				}
				if !inText {
					buf = append(buf, text[i:j]...)
				}
				i = j
				if i < len(text) && isSepASCII[text[i]] {
					// the word ends at an ASCII separator (the common case): as below, without
					// going round the loop for it
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, false)
					wstart = -1
					for i++; i < len(text) && isSepASCII[text[i]]; i++ {
					}
				}
				continue
			case aUpper:
				if wstart < 0 || cjk {
					if wstart >= 0 {
						toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					}
					wstart, fstart, inText, cjk = i, len(buf), false, false
				} else if inText {
					fstart, inText = len(buf), false
					buf = append(buf, text[wstart:i]...)
				}
				// the ASCII part of the word, lowered: eight bytes at a time if it is shorter
				if i+8 <= len(text) {
					x := load64(text, i)
					if k := wordIn8(x); k < 8 {
						n := len(buf)
						if cap(buf)-n < 8 {
							buf = slices.Grow(buf, 8)
						}
						binary.LittleEndian.PutUint64(buf[n:n+8], lower8(x))
						buf = buf[:n+k]
						i += k
						if i < len(text) && isSepASCII[text[i]] { // as below
							toks = appendWord(toks, wstart, i, fstart, len(buf), inText, false)
							wstart = -1
							for i++; i < len(text) && isSepASCII[text[i]]; i++ {
							}
						}
						continue
					}
				}
				j := i + 1
				if j+8 <= len(text) {
					if n := wordIn8(load64(text, j)); n < 8 {
						j += n
					} else {
						j = wordRun(text, j+8)
					}
				} else {
					j = wordRun(text, j)
				}
				n := len(buf)
				buf = append(buf, text[i:j]...)
				low := buf[n:]
				for k, b := range low {
					low[k] = lowerASCII[b]
				}
				i = j
				if i < len(text) && isSepASCII[text[i]] {
					// the word ends at an ASCII separator (the common case): as below, without
					// going round the loop for it
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, false)
					wstart = -1
					for i++; i < len(text) && isSepASCII[text[i]]; i++ {
					}
				}
				continue
			case aApos:
				next, joins := apostrophe(text, wstart, i, 1, wstart >= 0 && !cjk)
				if joins {
					if inText {
						fstart, inText = len(buf), false
						buf = append(buf, text[wstart:i]...)
					}
				} else if wstart >= 0 {
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					wstart = -1
				}
				i = next
				continue
			case aPoint:
				if wstart >= 0 && !cjk {
					if end := i; c == '.' {
						if end = initials(text, wstart, i); end > i {
							// the initials are one word of their letters ("U.S." is "us")
							fstart = len(buf)
							buf = appendInitials(buf, text[wstart:end])
							toks = appendWord(toks, wstart, end, fstart, len(buf), false, false)
							wstart, i = -1, end
							continue
						}
					}
					if end := groupedNumber(text, wstart, i); end > i {
						// the word goes on with the digits of the groups ("1,000" is "1000")
						buf, fstart, inText = appendGroups(buf, text, wstart, i, end, fstart, inText)
						i = end
						continue
					}
				}
				if wstart >= 0 {
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					wstart = -1
				}
				for i++; i < len(text) && isSepASCII[text[i]]; i++ {
				}
				continue
			default:
				if wstart >= 0 {
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					wstart = -1
				}
				for i++; i < len(text) && isSepASCII[text[i]]; i++ {
				}
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		class, f := classify(r, text[i:i+size])
		switch class {
		case classWord:
			greekCyrillic = greekCyrillic || r >= 0x0370 && r < 0x0530
			same := f == text[i:i+size]
			if wstart < 0 || cjk {
				if wstart >= 0 {
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					wstart = -1
				}
				if f == "" { // a mark before any letter is not part of a word
					i += size
					continue
				}
				wstart, fstart, inText, cjk = i, len(buf), same, false
			} else if inText && !same {
				fstart, inText = len(buf), false
				buf = append(buf, text[wstart:i]...)
			}
			if !inText {
				buf = append(buf, f...)
			}
		case classCJK:
			if f != "" { // a character written for another
				f, size = composeKana(text, i, size, f)
				if wstart < 0 || !cjk {
					if wstart >= 0 {
						toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
					}
					wstart, fstart, inText, cjk = i, len(buf), false, true
				} else if inText {
					fstart, inText = len(buf), false
					buf = append(buf, text[wstart:i]...)
				}
				buf = append(buf, f...)
				break
			}
			if wstart < 0 || !cjk {
				if wstart >= 0 {
					toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
				}
				wstart, inText, cjk = i, true, true
			} else if !inText { // the run had an ignored character, or a character written for another
				buf = append(buf, text[i:i+size]...)
			}
		case classIgnore:
			if wstart >= 0 && inText {
				// the word goes on without it: its folded form is no longer a slice of the text
				fstart, inText = len(buf), false
				buf = append(buf, text[wstart:i]...)
			}
		case classApos:
			next, joins := apostrophe(text, wstart, i, size, wstart >= 0 && !cjk)
			if joins {
				if inText {
					fstart, inText = len(buf), false
					buf = append(buf, text[wstart:i]...)
				}
			} else if wstart >= 0 {
				toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
				wstart = -1
			}
			i = next
			continue
		default:
			if r == '\u2010' || r == '\u2011' {
				t.uniHyphen = true
			}
			if wstart >= 0 && !cjk && isGroupSpace(r) {
				if end := groupedNumber(text, wstart, i); end > i { // "1 000" with a no-break space
					buf, fstart, inText = appendGroups(buf, text, wstart, i, end, fstart, inText)
					i = end
					continue
				}
			}
			if wstart >= 0 {
				toks = appendWord(toks, wstart, i, fstart, len(buf), inText, cjk)
				wstart = -1
			}
		}
		i += size
	}
	if wstart >= 0 {
		toks = appendWord(toks, wstart, len(text), fstart, len(buf), inText, cjk)
	}
	if greekCyrillic {
		buf = t.unmix(text, buf, toks)
	}
	// eight bytes of padding after the folded words, so that a word of up to eight bytes in buf can
	// be loaded whole (see sources)
	buf = append(buf, make([]byte, 8)...)
	t.buf, t.toks = buf[:len(buf)-8], toks
	if t.filter != nil {
		t.cands = t.filterTokens(text, buf, toks, t.cands)
	}
}

// initials returns the end of the initials that start at text[wstart], a single upper-case letter
// followed by the full stop at text[i]: two or more single upper-case letters, each followed by a
// full stop, with a space or none between them ("U.S.", "U.S.A.", "J.D.", "J. K.", "В.В."), the
// last one's full stop optional when no space is used ("U.S"). It returns i when there are none. The
// end is after the last full stop. A lone letter with a full stop ("Plan B.") and one followed by a
// word that is not an initial ("W. Bush") are not initials.
func initials(text string, wstart, i int) int {
	if !singleUpper(text, wstart, i) {
		return i
	}
	end, n := i+1, 1 // after the last initial's full stop; the initials so far
	for j := end; ; {
		spaced := false
		if j < len(text) && text[j] == ' ' {
			j++
			spaced = true
		}
		k := j
		if k < len(text) && text[k] < utf8.RuneSelf {
			if asciiClass[text[k]] != aUpper {
				break
			}
			k++
		} else {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsUpper(r) {
				break
			}
			k += size
		}
		if k < len(text) && text[k] == '.' {
			end, n, j = k+1, n+1, k+1
			continue
		}
		if !spaced && !wordRuneAt(text, k) && !ignoredAt(text, k) {
			end, n = k, n+1 // "U.S" without its last full stop
		}
		break
	}
	if n < 2 {
		return i
	}
	return end
}

// singleUpper reports whether text[start:end] is one upper-case letter.
func singleUpper(text string, start, end int) bool {
	if c := text[start]; c < utf8.RuneSelf {
		return end == start+1 && asciiClass[c] == aUpper
	}
	r, size := utf8.DecodeRuneInString(text[start:])
	return end == start+size && unicode.IsUpper(r)
}

// ignoredAt reports whether an invisible format character is at text[i].
func ignoredAt(text string, i int) bool {
	if i >= len(text) || text[i] < utf8.RuneSelf {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	class, _ := classify(r, text[i:i+size])
	return class == classIgnore
}

// appendInitials appends the folded letters of initials (the text initials found) to buf.
func appendInitials(buf []byte, s string) []byte {
	for k, r := range s {
		if r == '.' || r == ' ' {
			continue
		}
		if r < utf8.RuneSelf {
			buf = append(buf, lowerASCII[r])
			continue
		}
		_, f := classify(r, s[k:k+utf8.RuneLen(r)])
		buf = append(buf, f...)
	}
	return buf
}

// isGroupSpace reports whether r is a space that groups the digits of a number: the no-break,
// narrow no-break and thin spaces of French and other typography ("1 000"). An ordinary space does
// not, as it separates numbers as often ("on March 5 200 people").
func isGroupSpace(r rune) bool {
	return r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// groupedNumber returns the end of the digit groups of a number that starts at text[wstart] with
// one to three digits (not starting with 0) and goes on at text[i] with a group separator — a comma,
// a full stop, or a no-break, narrow no-break or thin space — followed by three digits, and so on
// with the same separator ("1,000", "1.000.000", "1 000"); the last group is followed by something
// other than a digit. It returns i when there is no such number.
func groupedNumber(text string, wstart, i int) int {
	if n := i - wstart; n < 1 || n > 3 || text[wstart] == '0' {
		return i
	}
	for k := wstart; k < i; k++ {
		if c := text[k]; c < '0' || c > '9' {
			return i
		}
	}
	sep, size := utf8.DecodeRuneInString(text[i:])
	if sep != ',' && sep != '.' && !isGroupSpace(sep) {
		return i
	}
	end := i
	for j := i; ; {
		if r, s := utf8.DecodeRuneInString(text[j:]); r != sep || s != size {
			break
		}
		d := j + size
		if d+3 > len(text) || !isDigit(text[d]) || !isDigit(text[d+1]) || !isDigit(text[d+2]) ||
			d+3 < len(text) && isDigit(text[d+3]) {
			break
		}
		end, j = d+3, d+3
	}
	return end
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// appendGroups goes on with the word that started at wstart with the digits
// of its groups, text[i:end]: the word's bytes so far are copied to buf first
// when they were still the text's own (inText), as a folded word is.
func appendGroups(buf []byte, text string, wstart, i, end, fstart int, inText bool) ([]byte, int, bool) {
	if inText {
		fstart, inText = len(buf), false
		buf = append(buf, text[wstart:i]...)
	}
	return appendDigits(buf, text[i:end]), fstart, inText
}

// appendDigits appends the digits of s (digit groups and their separators) to buf.
func appendDigits(buf []byte, s string) []byte {
	for k := 0; k < len(s); k++ {
		if isDigit(s[k]) {
			buf = append(buf, s[k])
		}
	}
	return buf
}

// unmix refolds the words from t.mixedChecked on that mix Latin letters with Greek or Cyrillic
// ones, and returns buf with their new folded forms.
func (t *tokenizer) unmix(text string, buf []byte, toks []token) []byte {
	for k := t.mixedChecked; k < len(toks); k++ {
		tk := &toks[k]
		if tk.cjk {
			continue
		}
		var w string
		if tk.inText {
			w = text[tk.fstart:tk.fend]
		} else {
			w = unsafe.String(&buf[tk.fstart], int(tk.fend-tk.fstart))
		}
		if to := mixedScripts(w); to != noScript {
			n := len(buf)
			buf = unmixWord(buf, w, to)
			tk.fstart, tk.fend, tk.inText = int32(n), int32(len(buf)), false
		}
	}
	t.mixedChecked = len(toks)
	return buf
}

// Look-alike letters: a word that mixes Latin letters with Cyrillic or Greek ones is written in the
// script most of its letters are in, the others taken for the letters of that script they look
// like ("Рutin" with a Cyrillic Р is "putin", "Пyтин" with a Latin y is "путин"); a word with as
// many of each, with Cyrillic and Greek, or with a letter of the other script that looks like none
// of this one ("FreeОписание", words glued together), is left as it is. The pairs are the folded (lower-case)
// forms of letters that look the same in upper or lower case (as in Unicode's confusables.txt,
// UTS #39).
//
// lookAlike returns the letter of script to that the folded letter r looks like, or r.
func lookAlike(r rune, to script) rune {
	var from, into string // pairs of letters at the same rune index
	switch to {
	case latinScript:
		if r >= 0x0400 {
			from, into = "авекмнорстухіјѕһԁԛԝӏ", "abekmhopctyxijshdqwl"
		} else {
			from, into = "αβεζηικμνορτυχ", "abezhikmnoptyx"
		}
	case cyrillicScript:
		from, into = "abcehikmoptxy", "авсенікмортху"
	case greekScript:
		from, into = "abezhikmnoptyx", "αβεζηικμνορτυχ"
	}
	if k := strings.IndexRune(from, r); k >= 0 {
		n := utf8.RuneCountInString(from[:k])
		for _, c := range into {
			if n == 0 {
				return c
			}
			n--
		}
	}
	return r
}

type script uint8

const (
	noScript script = iota
	latinScript
	cyrillicScript
	greekScript
)

// mixedScripts returns the script to write a folded word in that mixes Latin letters with Greek or
// Cyrillic ones, noScript for a word in one script (or without a clear majority).
func mixedScripts(w string) script {
	latin, greek, cyrillic := 0, 0, 0
	for k := 0; k < len(w); {
		c := w[k]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				latin++
			}
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[k:])
		switch {
		case r >= 0x0370 && r < 0x0400:
			greek++
		case r >= 0x0400 && r < 0x0530:
			cyrillic++
		}
		k += size
	}
	to := noScript
	switch {
	case latin == 0 || greek+cyrillic == 0 || greek > 0 && cyrillic > 0:
		return noScript
	case latin > greek+cyrillic:
		to = latinScript
	case cyrillic > latin:
		to = cyrillicScript
	case greek > latin:
		to = greekScript
	default:
		return noScript
	}
	// every letter of the other script must look like one of this one: "FreeОписание", two words
	// glued together, is not one word in disguise
	for _, r := range w {
		if r < utf8.RuneSelf && !('a' <= r && r <= 'z') || r >= 0x0530 {
			continue
		}
		if isLatin := r < utf8.RuneSelf; isLatin != (to == latinScript) && lookAlike(r, to) == r {
			return noScript
		}
	}
	return to
}

// unmixWord appends w to buf with its letters that look like letters of script to replaced by them.
func unmixWord(buf []byte, w string, to script) []byte {
	for _, r := range w {
		buf = utf8.AppendRune(buf, lookAlike(r, to))
	}
	return buf
}

// filterTokens appends to cands the tokens from t.checked on that the filter passes (those of the
// general tokenizer: the block scanner filters its own), and returns it.
func (t *tokenizer) filterTokens(text string, buf []byte, toks []token, cands []int32) []int32 {
	for k := t.checked; k < len(toks); k++ {
		tk := &toks[k]
		var w string
		if tk.inText {
			w = text[tk.fstart:tk.fend]
		} else {
			w = unsafe.String(&buf[tk.fstart], int(tk.fend-tk.fstart))
		}
		if t.filter.pass(w, tk.cjk) {
			cands = append(cands, int32(k))
		}
	}
	t.checked = len(toks)
	return cands
}

// sources returns the strings the folded words of the tokens are in: the text (inText tokens) and
// the buffer, the latter with at least eight bytes after its last word.
func (t *tokenizer) sources() [2]string {
	return [2]string{t.text, unsafe.String(unsafe.SliceData(t.buf), len(t.buf)+8)}
}

// src returns the index in sources of the string the folded form of a token is in.
func (tk *token) src() int {
	if tk.inText {
		return 0
	}
	return 1
}

// apostrophe decides about an apostrophe of size bytes at text[i], in the word that starts at
// text[wstart] if inWord: inside a word it joins the letters around it ("don't"), except a possessive
// "'s", which ends the word and is skipped, and an elision ("l'Ukraine", "dell'Italia", "qu'il"),
// whose article or preposition is a word of its own; elsewhere it separates. It returns where to
// continue.
func apostrophe(text string, wstart, i, size int, inWord bool) (next int, joins bool) {
	j := i + size
	if !inWord {
		return j, false
	}
	if j < len(text) && (text[j] == 's' || text[j] == 'S') && !wordRuneAt(text, j+1) {
		return j + 1, false
	}
	if elision(text[wstart:i]) {
		return j, false
	}
	if end := turkishSuffix(text, wstart, i, j); end > j {
		return end, false
	}
	return j, wordRuneAt(text, j)
}

// turkishSuffix returns the end of the Turkish case or other suffix that starts at text[j], after an
// apostrophe at text[i:j] that ends the name, abbreviation or number starting at text[wstart]
// ("Erdoğan'ın", "Türkiye'de", "NATO'nun", "2024'te"): the name is the word, and the suffix is dropped
// as a possessive "'s" is, so that a watch for Erdoğan finds Erdoğan'ın. It returns j when there is no
// such suffix. A one-vowel suffix follows only a consonant (Turkish puts y or n between two vowels:
// "Ankara'ya"), which keeps "Sana'a", "Shi'a" and "Hawai'i" whole.
func turkishSuffix(text string, wstart, i, j int) int {
	r, _ := utf8.DecodeRuneInString(text[wstart:])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return j
	}
	var low [8]byte // the suffix folded: ASCII letters once diacritics are gone (ı, ü, ö … fold so)
	n, end := 0, j
	for end < len(text) {
		c, size := utf8.DecodeRuneInString(text[end:])
		class, f := classify(c, text[end:end+size])
		if class == classIgnore {
			end += size
			continue
		}
		if class != classWord {
			break
		}
		if n+len(f) > len(low) {
			return j
		}
		n += copy(low[n:], f)
		end += size
	}
	switch string(low[:n]) {
	case "a", "e", "i", "u":
		if p, _ := utf8.DecodeLastRuneInString(text[wstart:i]); strings.ContainsRune("aeiouAEIOUıİöÖüÜ", p) {
			return j
		}
		return end
	case "in", "un", "nin", "nun", "ya", "ye", "na", "ne", "yi", "yu", "ni", "nu", "da", "de", "ta", "te",
		"nda", "nde", "dan", "den", "tan", "ten", "ndan", "nden", "la", "le", "yla", "yle", "lar", "ler",
		"lari", "leri", "larin", "lerin", "lara", "lere", "larda", "lerde", "lardan", "lerden", "daki",
		"deki", "taki", "teki", "ndaki", "ndeki", "iyle", "uyla", "inci", "uncu", "nci", "ncu", "li",
		"lu", "si", "su", "sini", "sinin", "sina", "sine", "dir", "tir", "dur", "tur":
		return end
	}
	return j
}

// elision reports whether w, the letters before an apostrophe, is a French, Italian or Catalan word
// written elided before a vowel: an article, pronoun, preposition or conjunction that stands apart
// from the word after it (l'Ukraine is "l Ukraine", so that a watch for Ukraine finds it). Irish
// and English names and contractions (O'Brien, don't) have no such part.
func elision(w string) bool {
	if len(w) > 7 {
		return false
	}
	var low [7]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[k] = c
	}
	switch string(low[:len(w)]) {
	case "l", "d", "j", "m", "n", "s", "t", "c", // l'État, d'Israël, j'ai, n'est, s'il, t'as, c'est
		"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu", "presqu", // qu'il, jusqu'à, quelqu'un
		"dell", "nell", "all", "dall", "sull", "coll", "pell", // dell'Italia, nell'Ucraina, all'ONU
		"un", "quell", "quest", "nessun", "sant", "tutt": // un'altra, quest'anno, Sant'Egidio
		return true
	}
	return false
}

func wordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c] == aLower || asciiClass[c] == aUpper
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	class, _ := classify(r, "")
	return class == classWord
}

// FoldVersion names the rules Fold and the tokenizer follow. Raise it with
// any change that makes some text fold to other words (a new separator, a
// letter folded to another, a suffix dropped): the full-text index holds
// articles as they were folded when stored, and the store rebuilds it when
// the version it was written with differs (store.QueueReindex). 2: elided
// French and Italian articles, Turkish suffixes, Arabic letter forms. 3:
// initials ("U.S." is "us"), digit groups ("1,000" is "1000"). 4: half-width
// katakana. 5: Traditional Chinese characters. 6: words mixing Latin and
// Cyrillic or Greek look-alikes. 7: only when every letter of the other
// script has a look-alike (not words glued together). 8: Indic vowel signs
// kept. 9: Korean matched by character runs. 10: decimal digits of every
// script are ASCII digits, Arabic presentation forms decomposed, alef wasla
// and teh marbuta folded, the Hebrew geresh an apostrophe, Thai, Lao, Khmer
// and Myanmar matched by character runs (split from Latin letters). 11: the
// tatweel of an Arabic presentation form of a mark dropped, as a tatweel is
// (ﹽ folded to "ـ", which folds to "": Fold was not idempotent).
const FoldVersion = 11

// Fold returns s as the matcher sees it: lower case, without diacritics, quotes, apostrophes, hyphens,
// dashes and other punctuation, possessive "'s" dropped, words separated by single spaces.
func Fold(s string) string {
	t := getTokenizer()
	defer putTokenizer(t)
	t.tokenize(s)
	return t.joined()
}

// joined is Fold's result for the text last tokenized: its words joined by spaces.
func (t *tokenizer) joined() string {
	if len(t.toks) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(t.text))
	for i := range t.toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.word(i))
	}
	return b.String()
}

// Word is one word of a text as the matcher folds it.
type Word struct {
	Fold       string // the folded form, as Fold writes it
	Start, End int    // where the word is in the original text, in bytes
	CJK        bool   // a run of Han, Hiragana or Katakana characters
}

// Words returns the words of s folded as the matcher folds them, with where each is in s, so that a
// caller can look at the original form (its capitals, say) of a folded word.
//
// The folds share memory: a word folding leaves as it is (lower-case ASCII, most words of a text) is
// a part of s, the others parts of one string holding them all, so that the words of a text cost two
// allocations, not one per word. A caller that keeps a fold long after s (a vocabulary) keeps a
// clone, not to keep all of s alive with it.
func Words(s string) []Word {
	return AppendWords(nil, s)
}

// AppendWords appends the words of s (as Words returns them) to dst and returns the extended slice,
// so that a caller can reuse one slice from one text to the next.
func AppendWords(dst []Word, s string) []Word {
	t := getTokenizer()
	defer putTokenizer(t)
	t.tokenize(s)
	dst = slices.Grow(dst, len(t.toks))
	ws := dst[len(dst) : len(dst)+len(t.toks)]
	var folded string // the folds that are not parts of s
	if len(t.buf) > 0 {
		folded = string(t.buf)
	}
	for i, tk := range t.toks {
		f := s[tk.start:tk.end]
		if !tk.inText {
			f = folded[tk.fstart:tk.fend]
		}
		ws[i] = Word{Fold: f, Start: int(tk.start), End: int(tk.end), CJK: tk.cjk}
	}
	return dst[:len(dst)+len(ws)]
}

// words returns the folded words of s and whether each is a CJK run.
func words(s string) ([]string, []bool) {
	t := getTokenizer()
	defer putTokenizer(t)
	t.tokenize(s)
	ws := make([]string, len(t.toks))
	cjk := make([]bool, len(t.toks))
	for i, tk := range t.toks {
		ws[i] = strings.Clone(t.word(i))
		cjk[i] = tk.cjk
	}
	return ws, cjk
}

// tokenizers are the buffers of Fold, Words and words, reused from one call to the next (the
// clusterer asks for the words of every article's title, lead and text; a poll folds every new
// article's title and text for the full-text index).
var tokenizers = sync.Pool{New: func() any { return new(tokenizer) }}

// pooledTokens bounds the buffers kept for reuse: a tokenizer that read a long text is dropped.
const pooledTokens = 1 << 14

func getTokenizer() *tokenizer { return tokenizers.Get().(*tokenizer) }

func putTokenizer(t *tokenizer) {
	if cap(t.toks) > pooledTokens || cap(t.buf) > 8*pooledTokens {
		return
	}
	t.text = "" // not kept alive by the pool
	tokenizers.Put(t)
}
