package quote

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every mark isMark knows starts with a byte markByte accepts, so that
// scanParagraph's skip over other bytes never skips a mark.
func TestMarkByteCoversMarks(t *testing.T) {
	var buf [utf8.UTFMax]byte
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !isMark(r) {
			continue
		}
		utf8.EncodeRune(buf[:], r)
		if !markByte(buf[0]) {
			t.Errorf("mark %q (%U) starts with byte %#x, which markByte refuses", r, r, buf[0])
		}
	}
	for _, s := range []string{"''", "``", "`'"} {
		if r, _ := markAt(s, 0, len(s)); r < 0 || !markByte(s[0]) {
			t.Errorf("markAt(%q) = %q, markByte(%#x) = %v", s, r, s[0], markByte(s[0]))
		}
	}
}

// skipPlain lands where a rune-by-rune scan from the same start stops at the
// first byte that may start a mark, having read the same last rune and no
// mark on the way — over valid and broken UTF-8 alike.
func TestSkipPlainAsRuneByRune(t *testing.T) {
	pieces := []string{"a", " ", "é", "—", "\u00a0", "״", "ש", "“", "’", "«", "「", "'", "\"", "`", "\n",
		"\xe2", "\x80", "\x9c", "\xc2", "\xd7", "\xe3", "\xff", "\xf0\x9f", "😀", "中"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var text string
		for k := rng.IntN(12); k >= 0; k-- {
			text += pieces[rng.IntN(len(pieces))]
		}
		// Every rune start of a forward scan is a place the scanner may
		// be at when it skips.
		for i := 0; i < len(text); {
			_, size := utf8.DecodeRuneInString(text[i:])
			if !markByte(text[i]) {
				want, wantPrev := i, rune(-1)
				for want < len(text) && !markByte(text[want]) {
					if r, _ := markAt(text, want, len(text)); r >= 0 {
						t.Fatalf("%q at %d: mark %q at %d does not start with a markByte", text, i, r, want)
					}
					r, n := utf8.DecodeRuneInString(text[want:])
					wantPrev = r
					want += n
				}
				if got, prev := skipPlain(text, i, len(text)); got != want || prev != wantPrev {
					t.Fatalf("skipPlain(%q, %d) = %d, %q; rune by rune %d, %q", text, i, got, prev, want, wantPrev)
				}
			}
			i += size
		}
	}
}

// BenchmarkExtractNoQuotes measures Extract on text with no quotation
// mark, as most feed items' text is: PolNeAR's dev articles with their marks
// taken out.
func BenchmarkExtractNoQuotes(b *testing.B) {
	texts, size := polnearDevTexts(b, func(s string) string {
		return strings.Map(func(r rune) rune {
			if isMark(r) || r == '`' {
				return -1
			}
			return r
		}, s)
	})
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if len(Extract(t)) != 0 {
				b.Fatal("a quotation in text without marks")
			}
		}
	}
}
