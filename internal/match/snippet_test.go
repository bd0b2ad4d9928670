package match

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// snippetReference is the snippet by its definition: the words of the span joined by single spaces,
// with "…" where the text goes on.
func snippetReference(text string, start, end int) string {
	from, to := snippetSpan(text, start, end)
	s := strings.Join(strings.Fields(text[from:to]), " ")
	if from > 0 {
		s = ellipsis + s
	}
	if to < len(text) {
		s += ellipsis
	}
	return s
}

func TestSnippetWhiteSpace(t *testing.T) {
	long := strings.Repeat("word ", 40)
	tests := []struct{ name, text string }{
		{"plain", long + "NEEDLE " + long},
		{"line breaks and tabs", strings.ReplaceAll(long, " ", "\r\n\t") + "NEEDLE" + strings.ReplaceAll(long, " ", "  ")},
		{"no-break and ideographic spaces", strings.ReplaceAll(long, " ", "\u00a0") + " NEEDLE\u3000" + strings.ReplaceAll(long, " ", "\u2009")},
		{"next line and line separator", "a\u0085b\u2028NEEDLE\u2029c\u1680d\u205fe\u202ff"},
		{"control characters are not space", "a\x01 b\x7f NEEDLE \x00c"},
		{"invalid UTF-8", "a\xe2\x80 b\xc2 NEEDLE \xe3\x80\xff c"},
		{"non-Latin", strings.Repeat("Путин заявил ", 10) + "NEEDLE " + strings.Repeat("東京タワー ", 20)},
		{"only the needle", "NEEDLE"},
		{"space around", "  \n NEEDLE \t "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := strings.Index(tt.text, "NEEDLE")
			got, want := snippet(tt.text, start, start+6), snippetReference(tt.text, start, start+6)
			if got != want {
				t.Errorf("snippet = %q, want %q", got, want)
			}
		})
	}
}

// TestMayBeSpace checks the shortcut of the snippet code: every non-ASCII white space character
// starts with a byte mayBeSpace accepts.
func TestMayBeSpace(t *testing.T) {
	var b [utf8.UTFMax]byte
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			utf8.EncodeRune(b[:], r)
			if !mayBeSpace(b[0]) {
				t.Errorf("%U is white space but mayBeSpace(%#x) is false", r, b[0])
			}
		}
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("a\n\nNEEDLE  b", 3, 9)
	f.Add(strings.Repeat("x\u00a0y ", 60), 100, 104)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start >= end {
			return
		}
		if got, want := snippet(text, start, end), snippetReference(text, start, end); got != want {
			t.Errorf("snippet(%q, %d, %d) = %q, want %q", text, start, end, got, want)
		}
	})
}

// TestAppendWords checks the eight-bytes-at-a-time copying of appendWords against strings.Fields on
// texts with every kind of white space, in runs and alone, at every offset of the eight bytes.
func TestAppendWords(t *testing.T) {
	alphabet := []string{"a", "Zz", "word", "é", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0085", "\x7f", "!", "\xe2\x80", "\xc2"}
	r := rand.New(rand.NewPCG(8, 9))
	for n := range 5000 {
		var b strings.Builder
		for b.Len() < n%90 {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := string(appendWords(nil, s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("appendWords(%q) = %q, want %q", s, got, want)
		}
	}
}
