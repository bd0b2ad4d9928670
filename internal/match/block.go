package match

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// The tokenizer's block scanner: plain text (ASCII letters and digits, separators of any kind, and
// the apostrophes that skipHandled can decide about) is split into words 64 bytes at a time. Two bit
// masks of the block (one bit a byte: word bytes, and bytes that may need the general tokenizer) are
// built eight bytes at a time, and each word is then found with two bit scans, without
// a branch on every byte. The general tokenizer takes over at the first byte that needs it (a letter
// above 0x7f, an apostrophe inside a word), and hands back between words.

const (
	blockSize = 64
	// the block scanner reads sixteen bytes from a word's first: it needs this many bytes from a
	// block's start
	blockNeed = blockSize + 16
	// movemask gathers the high bits of the eight bytes of a word into one byte
	movemaskMul = 0x0102040810204080
	swarApos    = '\'' * swarOnes
	swarGrave   = '`' * swarOnes
	swarPoint   = '.' * swarOnes
	swarLow7    = 0x7f * swarOnes
)

// movemask returns the high bits of the eight bytes of x (x has no other bits set) as a byte, lowest
// byte first.
func movemask(x uint64) uint64 {
	return (x >> 7) * movemaskMul >> 56
}

// blockMasks returns, for the 64 bytes of text at i, one bit per byte: ASCII letters and digits, and
// bytes the block scanner does not handle (above 0x7f, apostrophes). The second is only worked out
// when there are any.
func blockMasks(text string, i int) (word, hard uint64) {
	b := text[i : i+blockSize] // one bounds check for the unrolled loads below
	w0, a0 := wordBits8(load64(b, 0))
	w1, a1 := wordBits8(load64(b, 8))
	w2, a2 := wordBits8(load64(b, 16))
	w3, a3 := wordBits8(load64(b, 24))
	w4, a4 := wordBits8(load64(b, 32))
	w5, a5 := wordBits8(load64(b, 40))
	w6, a6 := wordBits8(load64(b, 48))
	w7, a7 := wordBits8(load64(b, 56))
	word = movemask(w0) | movemask(w1)<<8 | movemask(w2)<<16 | movemask(w3)<<24 |
		movemask(w4)<<32 | movemask(w5)<<40 | movemask(w6)<<48 | movemask(w7)<<56
	if (a0|a1|a2|a3|a4|a5|a6|a7)&swarHigh == 0 {
		return word, 0
	}
	return word, movemask(a0&swarHigh) | movemask(a1&swarHigh)<<8 | movemask(a2&swarHigh)<<16 |
		movemask(a3&swarHigh)<<24 | movemask(a4&swarHigh)<<32 | movemask(a5&swarHigh)<<40 |
		movemask(a6&swarHigh)<<48 | movemask(a7&swarHigh)<<56
}

// wordBits8 returns the high bits of the bytes of x that are ASCII letters and digits, and (among
// others) those of the bytes above 0x7f and apostrophes.
func wordBits8(x uint64) (word, hard uint64) {
	y := x &^ swarHigh
	z := y | 0x20*swarOnes // upper case to lower case
	word = ((z+swarGEa)&^(z+swarGTz) | (y+swarGE0)&^(y+swarGT9)) &^ x & swarHigh
	hard = x | ^((y ^ swarApos) + swarLow7) | ^((y ^ swarGrave) + swarLow7) // '\'' and '`' exactly: no carries
	return word, hard
}

// pointMask returns, for the 64 bytes of text at i, one bit per byte: full stops and commas.
func pointMask(text string, i int) uint64 {
	b := text[i : i+blockSize]
	return movemask(pointBits8(load64(b, 0))) | movemask(pointBits8(load64(b, 8)))<<8 |
		movemask(pointBits8(load64(b, 16)))<<16 | movemask(pointBits8(load64(b, 24)))<<24 |
		movemask(pointBits8(load64(b, 32)))<<32 | movemask(pointBits8(load64(b, 40)))<<40 |
		movemask(pointBits8(load64(b, 48)))<<48 | movemask(pointBits8(load64(b, 56)))<<56
}

// pointBits8 returns the high bits of the bytes of x that are full stops and commas (',' is '.' but
// for the bit 2).
func pointBits8(x uint64) uint64 {
	y := x&^swarHigh | 2*swarOnes
	return ^((y ^ swarPoint) + swarLow7) &^ x & swarHigh
}

// pointsInWords returns the full stops and commas (point) of a block that the general tokenizer must
// decide about, given the block's word bytes and whether the byte after the block is a word byte:
// those between two word bytes ("U.S", "1,000") and those after a word of one byte ("J. K.").
func pointsInWords(word, point uint64, wordAfter bool) uint64 {
	next := word >> 1
	if wordAfter {
		next |= 1 << 63
	}
	return point & (word << 1) & (next | ^(word << 2))
}

// scanBlocks tokenizes text from i, which is between words, while the block scanner can, and returns
// where it stopped (between words, or at the start of a word it left to the general tokenizer) with
// the extended buffer and tokens. It stops at a byte it does not handle, at a word as long as a block,
// and where fewer than blockNeed bytes remain. With a filter, the indexes of the tokens it passes are
// appended to cands.
func scanBlocks(text string, i int, buf []byte, toks []token, f *wordFilter, cands []int32) (int, []byte, []token, []int32) {
	var fbits []uint64
	var fshift uint
	var pmask uint64
	if f != nil {
		fbits, fshift, pmask = f.bits, f.shift, f.pmask
	}
	for i+blockNeed <= len(text) {
		word, hard := blockMasks(text, i)
		limit := blockSize // words must end (at a separator) before limit
		if hard != 0 {
			hard, word = skipHandled(text, i, hard, word)
		}
		if point := pointMask(text, i); point != 0 {
			// initials and digit groups are the general tokenizer's
			if c := pointsInWords(word, point, isWordASCII[text[i+blockSize]]); c != 0 {
				hard |= pointsToDecide(text, i, c)
			}
		}
		if hard != 0 {
			limit = bits.TrailingZeros64(hard)
			word &= 1<<limit - 1
		}
		// room for a block's words: the lowered words (with eight bytes of slack and sixteen
		// written for every word), tokens and candidates are written into the spare capacity
		if cap(buf)-len(buf) < blockSize+16 {
			buf = append(buf, make([]byte, blockSize+16)...)[:len(buf)]
		}
		if cap(toks)-len(toks) < blockSize/2 {
			toks = append(toks, make([]token, blockSize/2)...)[:len(toks)]
		}
		if cap(cands)-len(cands) < blockSize/2 {
			cands = append(cands, make([]int32, blockSize/2)...)[:len(cands)]
		}
		bb, nb := buf[:cap(buf)], len(buf)
		tb, nt := toks[:cap(toks)], len(toks)
		cb, nc := cands[:cap(cands)], len(cands)
		next := i + limit // where to go on: moved back to the start of an unfinished word
		for word != 0 {
			s := bits.TrailingZeros64(word)
			e := s + bits.TrailingZeros64(^(word >> s)) // 64 - s when the run reaches bit 63
			if e >= limit {
				next = i + s
				break
			}
			word &^= 1<<e - 1
			start, n := i+s, e-s
			// The word's first sixteen bytes lowered, written to the buffer whether or not they are
			// kept there (they are if the word has upper-case letters); m1 and m2 pick the bytes of
			// each eight that are the word's. No branch on the word's length or case, up to 16
			// bytes.
			x, x2 := load64(text, start), load64(text, start+8)
			low, low2 := lower8(x), lower8(x2)
			m1, m2 := wordMasks[n][0], wordMasks[n][1]
			diff := (low^x)&m1 | (low2^x2)&m2
			binary.LittleEndian.PutUint64(bb[nb:nb+8], low)
			binary.LittleEndian.PutUint64(bb[nb+8:nb+16], low2)
			for k := 16; k < n; k += 8 {
				y := load64(text, start+k)
				ly := lower8(y)
				diff |= (ly ^ y) & ^(^uint64(0) << (8 * (n - k)))
				binary.LittleEndian.PutUint64(bb[nb+k:nb+k+8], ly)
			}
			u := 0 // 1 if the word has upper-case letters: its folded form is in the buffer
			if diff != 0 {
				u = 1
			}
			fstart := start + u*(nb-start)
			nb += u * n
			tk := &tb[nt]
			tk.start, tk.end, tk.fstart, tk.fend, tk.cjk, tk.inText = int32(start), int32(start+n), int32(fstart), int32(fstart+n), false, u == 0
			if f != nil {
				// appended without a branch: written, and counted if the filter passes it
				v := low & m1
				k1 := (v ^ (uint64(8-n)>>63)*filterLongTag) * filterMul >> (fshift & 63) // as in keys
				k3 := (v&pmask ^ filterPrefixTag) * filterMul >> (fshift & 63)
				cb[nc] = int32(nt)
				nc += int((fbits[k1/64]>>(k1%64) | fbits[k3/64]>>(k3%64)) & 1)
			}
			nt++
		}
		buf, toks, cands = bb[:nb], tb[:nt], cb[:nc]
		if next == i || limit < blockSize {
			// a word as long as the block, or a byte for the general tokenizer
			return next, buf, toks, cands
		}
		i = next
	}
	return i, buf, toks, cands
}

// pointsToDecide returns those of the full stops and commas c (bits of the block at text[i], after
// a word byte) that may be in initials or between digit groups, for the general tokenizer: a full
// stop after a single upper-case letter and before another letter that may be one, after a space or
// not ("U.S.", "J. K."; not "X.509"), and a full stop or comma between a digit and three digits
// ("1,000"; not "12.5"). (The text goes on for at least 16 bytes after the block.)
func pointsToDecide(text string, i int, c uint64) uint64 {
	keep := uint64(0)
	for m := c; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		j := i + p
		before, after := text[j-1], text[j+1]
		switch {
		case isDigit(before):
			if !isDigit(after) || !isDigit(text[j+2]) || !isDigit(text[j+3]) || isDigit(text[j+4]) {
				continue
			}
		case text[j] == '.' && asciiClass[before] == aUpper && (p == 1 || !isWordASCII[text[j-2]]):
			if after == ' ' {
				after = text[j+2]
			}
			if after < utf8.RuneSelf && asciiClass[after] != aUpper {
				continue
			}
		default:
			continue
		}
		keep |= 1 << p
	}
	return keep
}

// skipHandled clears from hard the bytes before the first one the block scanner cannot handle that
// it can after all, and returns hard and word updated:
//   - characters above 0x7f that separate words (no-break spaces, dashes, quotes, symbols; classify
//     says so): they separate words as ASCII separators do;
//   - apostrophes that separate: outside a word, or at its end before a non-letter;
//   - possessives ('s, ’s at the end of a word): the apostrophe ends the word, and the s is dropped.
//
// Letters above 0x7f, apostrophes between two letters (they join them), and any case that depends on
// a byte outside the block or above 0x7f after an apostrophe stay for the general tokenizer.
func skipHandled(text string, i int, hard, word uint64) (uint64, uint64) {
	for hard != 0 {
		p := bits.TrailingZeros64(hard)
		size, class, r := 1, classApos, rune('\'')
		if c := text[i+p]; c >= 0xC3 && c <= 0xE1 {
			// the letters of most scripts (U+00C0–U+1FFF) start with these bytes: no decoding to
			// know that they stop the block (the few symbols among them are the general
			// tokenizer's, which is always right)
			return hard, word
		} else if c != '\'' {
			r, size = utf8.DecodeRuneInString(text[i+p:])
			if p+size > blockSize {
				return hard, word
			}
			class, _ = classify(r, "")
		}
		n := 0 // the bytes from p on that are handled
		switch class {
		case classSep:
			if p > 0 && isDigit(text[i+p-1]) && isGroupSpace(r) && isDigit(text[i+p+size]) {
				return hard, word // perhaps a space between digit groups ("1 000"): for groupedNumber
			}
			n = size
		case classApos:
			// as apostrophe() decides, on the bits of the block
			j := p + size // the byte after the apostrophe
			switch {
			case p == 0 || word&(1<<(p-1)) == 0: // not in a word: separates
				n = size
			case j+1 >= blockSize || hard&(3<<j) != 0:
				// the bytes after it are outside the block, or need decoding
			case text[i+j]|0x20 == 's' && word&(1<<(j+1)) == 0: // a possessive: the s is dropped
				n = size + 1
				word &^= 1 << j
			case word&(1<<j) == 0: // before a non-letter: ends the word
				n = size
			}
		}
		if n == 0 {
			return hard, word
		}
		hard &^= (1<<n - 1) << p
	}
	return 0, word
}

// wordMasks[n] picks the bytes of a word of n bytes (n <= blockSize) in its first eight bytes and in
// its next eight, loaded as little-endian words.
var wordMasks = func() (t [blockSize + 1][2]uint64) {
	for n := range t {
		for k := 0; k < 16 && k < n; k++ {
			t[n][k/8] |= 0xff << (8 * (k % 8))
		}
	}
	return t
}()

// wordFilter picks the tokens a Matcher looks at, so that it does not visit the others: the words of
// its dictionary, the words that start with a wildcard prefix, and CJK runs when there are CJK
// terms; and a few others. It is a bit set indexed by a hash of the first eight bytes of the folded
// word with its length (a word of up to eight bytes is all there), and by one of its first bytes as
// many as the shortest wildcard prefix has (at most eight), for the prefixes.
type wordFilter struct {
	bits  []uint64
	shift uint
	pmask uint64 // the bytes of a word's first eight that the prefix key takes
	cjk   bool
}

const (
	filterMul       = 0x9E3779B97F4A7C15
	filterLongTag   = 0x5bd1e9955bd1e995 // marks the key of a word longer than eight bytes
	filterPrefixTag = 0xc2b2ae3d27d4eb4f // marks the key of a word's first bytes, for the prefixes
)

// newWordFilter returns a filter that passes words and the words starting with prefixes, CJK runs if
// cjk, and everything if all.
func newWordFilter(words, prefixes []string, all, cjk bool) wordFilter {
	size := 1 << 12
	for size < 32*(len(words)+len(prefixes)) {
		size <<= 1
	}
	f := wordFilter{bits: make([]uint64, size/64), shift: uint(64 - bits.TrailingZeros(uint(size))), cjk: cjk}
	plen := 8
	for _, p := range prefixes {
		plen = min(plen, len(p))
	}
	f.pmask = ^(^uint64(0) << (8 * plen))
	if all {
		for k := range f.bits {
			f.bits[k] = ^uint64(0)
		}
		return f
	}
	for _, w := range words {
		k1, _ := f.keys(first8(w), len(w))
		f.bits[k1/64] |= 1 << (k1 % 64)
	}
	for _, p := range prefixes {
		_, k3 := f.keys(first8(p), len(p))
		f.bits[k3/64] |= 1 << (k3 % 64)
	}
	return f
}

// keys returns the bits of a word of n bytes whose first (up to) eight bytes are v: its own, and that
// of its first bytes, for the prefixes.
func (f *wordFilter) keys(v uint64, n int) (k1, k3 uint64) {
	long := uint64(8-n) >> 63 // 1 if n > 8
	k1 = (v ^ long*filterLongTag) * filterMul >> f.shift
	k3 = (v&f.pmask ^ filterPrefixTag) * filterMul >> f.shift
	return k1, k3
}

// first8 returns the first eight bytes of w (fewer if it is shorter), little-endian.
func first8(w string) uint64 {
	var v uint64
	for k := 0; k < len(w) && k < 8; k++ {
		v |= uint64(w[k]) << (8 * k)
	}
	return v
}

// pass reports whether the filter passes a token whose folded form is w.
func (f *wordFilter) pass(w string, cjk bool) bool {
	if cjk {
		return f.cjk
	}
	k1, k3 := f.keys(first8(w), len(w))
	return (f.bits[k1/64]>>(k1%64)|f.bits[k3/64]>>(k3%64))&1 != 0
}
