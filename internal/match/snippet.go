package match

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// snippetLen is the target length of a snippet in bytes.
const snippetLen = 160

// ellipsis marks where a snippet was cut.
const ellipsis = "…"

// snippet returns about snippetLen bytes of text around text[start:end], cut at word boundaries, with
// "…" where cut, white space trimmed at both ends and runs of white space collapsed to one space.
func snippet(text string, start, end int) string {
	from, to := snippetSpan(text, start, end)
	b := appendSnippet(make([]byte, 0, to-from+2*len(ellipsis)), text, from, to)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
}

// snippetSpan returns the part text[from:to] of text that the snippet of text[start:end] shows.
func snippetSpan(text string, start, end int) (from, to int) {
	room := max(snippetLen-(end-start), 0)
	from = max(start-room/2, 0)
	to = min(end+room-(start-from), len(text))
	if to-end < room/2 { // near the end: give the rest to the left
		from = max(to-(end-start)-room, 0)
	}
	// cut at word boundaries: move inwards to the nearest space, or in Chinese, Japanese, Thai …,
	// which write no spaces, to the nearest character of such a script (not inside a letter: never
	// before a vowel sign or tone mark)
	if from > 0 {
		if i := indexSpace(text[from:start]); i >= 0 {
			from += i
		} else {
			from = firstSpacelessCut(text, from, start)
		}
	}
	if to < len(text) {
		if i := lastIndexSpace(text[end:to]); i >= 0 {
			to = end + i
		} else {
			to = lastSpacelessCut(text, end, to)
		}
	}
	return from, to
}

// firstSpacelessCut returns the first place in text[from:start] where a snippet may begin in text
// without spaces: before a CJK character or Thai, Lao, Khmer or Myanmar letter (not a mark); start
// when there is none.
func firstSpacelessCut(text string, from, start int) int {
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	for i := from; i < start; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= 0x0E00 && isCJK(r) && !unicode.IsMark(r) {
			return i
		}
		i += size
	}
	return start
}

// lastSpacelessCut returns the last place in text[end:to] where a snippet may end in text without
// spaces: after a CJK character, letter or full stop or comma (。，、！？), not before a mark; end
// when there is none.
func lastSpacelessCut(text string, end, to int) int {
	for to > end && to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	for i := to; i > end; {
		r, size := utf8.DecodeLastRuneInString(text[end:i])
		if r >= 0x0E00 && (isCJK(r) || unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF1F) {
			if next, _ := utf8.DecodeRuneInString(text[i:]); i == len(text) || !unicode.IsMark(next) {
				return i
			}
		}
		i -= size
	}
	return end
}

// appendSnippet appends the snippet showing text[from:to] to dst: "…" where the text goes on, the
// words of text[from:to] separated by single spaces.
func appendSnippet(dst []byte, text string, from, to int) []byte {
	if from > 0 {
		dst = append(dst, ellipsis...)
	}
	dst = appendWords(dst, text[from:to])
	if to < len(text) {
		dst = append(dst, ellipsis...)
	}
	return dst
}

// appendWords appends the words of s separated by single spaces to dst. Text whose words are already
// separated by single spaces is copied in long runs.
func appendWords(dst []byte, s string) []byte {
	i := skipSpace(s, 0)
	for i < len(s) {
		// s[i] is not white space: find the end of the run that needs no change
		j := i
	run:
		for j < len(s) {
			if j+8 <= len(s) {
				// skip eight bytes at a time while they need no change: ASCII above ' ', or single
				// spaces before such a byte
				if n := plainIn8(load64(s, j)); n == 8 {
					j += 8
					continue
				} else {
					j += n
				}
			}
			switch spanClass[s[j]] {
			case spanWord:
				j++
			case spanSpace:
				if j+1 < len(s) && spanClass[s[j+1]] == spanWord {
					j += 2
					continue
				}
				break run
			default:
				if s[j] < utf8.RuneSelf {
					break run
				}
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) {
					break run
				}
				j += size
			}
		}
		dst = append(dst, s[i:j]...)
		// s[j] starts white space: one space stands for all of it, unless it ends the text
		i = skipSpace(s, j)
		if i < len(s) {
			dst = append(dst, ' ')
		}
	}
	return dst
}

// plainIn8 returns how many of the eight bytes of x, from the lowest, appendWords copies as they
// are without looking at them one by one: ASCII bytes above ' ', and spaces followed by such a byte
// within x.
func plainIn8(x uint64) int {
	y := x &^ swarHigh
	bad := (^(y + swarGECtrl) | x) & swarHigh            // below ' ' (control characters) or above 0x7f
	sp := ^((y ^ swarSpaces) + swarLow7) &^ x & swarHigh // ' ' (exact: no carries)
	bad |= sp & (sp>>8 | bad>>8 | 0x80<<56)              // a space before a space, a bad byte or the end
	return bits.TrailingZeros64(bad) >> 3
}

const (
	swarGECtrl = (0x80 - ' ') * swarOnes // added to bytes below 0x80, sets the high bit of those >= ' '
	swarSpaces = ' ' * swarOnes
)

// skipSpace returns the offset of the first byte at or after i in s that does not begin white space.
func skipSpace(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isSpaceASCII[c] {
				return i
			}
			i++
			continue
		}
		if !mayBeSpace(c) {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// byte classes for appendWords
const (
	spanWord  = iota // part of a word
	spanSpace        // ' '
	spanOther        // other white space, or a byte that may start a non-ASCII white space character
)

var spanClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ':
			t[c] = spanSpace
		case c < utf8.RuneSelf && isSpaceASCII[c], mayBeSpace(byte(c)):
			t[c] = spanOther
		}
	}
	return t
}()

// isSpaceASCII[c]: c is ASCII white space (as unicode.IsSpace).
var isSpaceASCII = func() (t [256]bool) {
	for _, c := range " \t\n\v\f\r" {
		t[c] = true
	}
	return t
}()

// mayBeSpace reports whether c can be the first byte of a non-ASCII white space character (U+0085,
// U+00A0, U+1680, U+2000–U+205F, U+3000): other bytes need no decoding to know they are not space.
func mayBeSpace(c byte) bool {
	return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3
}

// indexSpace returns the offset of the first white space in s, or -1.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if isSpaceASCII[c] {
				return i
			}
			continue
		}
		if mayBeSpace(c) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i
			}
		}
	}
	return -1
}

// lastIndexSpace returns the offset of the last white space in s, or -1.
func lastIndexSpace(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < utf8.RuneSelf {
			if isSpaceASCII[c] {
				return i
			}
			continue
		}
		if mayBeSpace(c) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i
			}
		}
	}
	return -1
}
