package match

import (
	"math/rand/v2"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case", "PUTIN Putin putin", "putin putin putin"},
		{"diacritics", "Erdoğan Müller café naïve Ångström", "erdogan muller cafe naive angstrom"},
		{"letters without decomposition", "Straße Søren Łódź Æsir œuvre", "strasse soren lodz aesir oeuvre"},
		{"hyphen", "election-interference", "election interference"},
		{"dashes", "a–b—c―d", "a b c d"},
		{"straight possessive", "Putin's plan", "putin plan"},
		{"curly possessive", "Putin’s plan", "putin plan"},
		{"apostrophe joins", "don't O’Brien", "dont obrien"},
		{"plural possessive", "the Smiths' house", "the smiths house"},
		{"quotes", "“Hello,” she said \"bye\" «x»", "hello she said bye x"},
		{"line breaks", "election\r\n\tinterference", "election interference"},
		{"cyrillic", "Путин Ёлка", "путин елка"},
		{"greek final sigma", "ΟΔΥΣΣΕΥΣ Ὀδυσσεύς", "οδυσσευσ οδυσσευσ"},
		{"cjk runs", "東京タワーはiPhone手机", "東京タワーは iphone 手机"},
		{"full width", "ＡＢＣ１２", "abc12"},
		{"ligature", "ﬁnance", "finance"},
		{"digits", "G7 2024-11-26", "g7 2024 11 26"},
		{"empty", " -- ", ""},
		{"combining mark", "e\u0301te\u0301", "ete"},
		{"lone mark", "\u0301abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Putin’s “Election-Interference” in 東京, Erdoğan"
	var tz tokenizer
	tz.tokenize(text)
	want := []string{"Putin", "Election", "Interference", "in", "東京", "Erdoğan"}
	if len(tz.toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(tz.toks), len(want))
	}
	for i, tk := range tz.toks {
		if got := text[tk.start:tk.end]; got != want[i] {
			t.Errorf("token %d = %q, want %q", i, got, want[i])
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Putin’s “Election-Interference”", "don't O'Brien's", "東京タワーはiPhone手机", "ΟΔΥΣΣΕΥΣ Straße ǅ İ ﬁ", "e\u0301\u0301x", "a'b'c 's '"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, folded, again)
		}
		var tz tokenizer
		tz.tokenize(s)
		prevEnd := int32(0)
		for i, tk := range tz.toks {
			if tk.start < prevEnd || tk.end <= tk.start || int(tk.end) > len(s) {
				t.Fatalf("token %d [%d,%d) out of order or range in %q", i, tk.start, tk.end, s)
			}
			prevEnd = tk.end
			if w := tz.word(i); Fold(s[tk.start:tk.end]) != w {
				t.Fatalf("token %d: Fold(%q) = %q, want the token's word %q", i, s[tk.start:tk.end], Fold(s[tk.start:tk.end]), w)
			}
		}
	})
}

// TestRuns checks the eight-bytes-at-a-time run scanners against byte-by-byte loops.
func TestRuns(t *testing.T) {
	alphabet := []byte("azAZ09mM_ '-\x7f@[`{/:\xc3\xa9\x80\xff")
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		b := make([]byte, n%40)
		for k := range b {
			b[k] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		for i := range len(s) + 1 {
			wantLower, wantWord := i, i
			for wantLower < len(s) && asciiClass[s[wantLower]&0x7f] == aLower && s[wantLower] < 0x80 {
				wantLower++
			}
			for wantWord < len(s) && s[wantWord] < 0x80 && (asciiClass[s[wantWord]] == aLower || asciiClass[s[wantWord]] == aUpper) {
				wantWord++
			}
			if got := lowerRun(s, i); got != wantLower {
				t.Fatalf("lowerRun(%q, %d) = %d, want %d", s, i, got, wantLower)
			}
			if got := wordRun(s, i); got != wantWord {
				t.Fatalf("wordRun(%q, %d) = %d, want %d", s, i, got, wantWord)
			}
		}
	}
}
