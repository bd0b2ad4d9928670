package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
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
		{"french elision", "L'Ukraine, l’OTAN, d'Israël, qu'il, jusqu’à, aujourd'hui", "l ukraine l otan d israel qu il jusqu a aujourdhui"},
		{"italian elision", "dell'Italia nell’Ucraina all'ONU un'altra quest'anno Sant'Egidio", "dell italia nell ucraina all onu un altra quest anno sant egidio"},
		{"turkish suffixes", "Erdoğan'ın Türkiye’de İstanbul'da NATO'nun 2024'te Merkel'e Ankara'ya ERDOĞAN'IN", "erdogan turkiye istanbul nato 2024 merkel ankara erdogan"},
		{"no turkish suffix", "Sana'a Shi'a Hawai'i Qur'an don't Can't", "sanaa shia hawaii quran dont cant"},
		{"no elision", "O'Brien O’Neill-free isn't y'all", "obrien oneill free isnt yall"},
		{"plural possessive", "the Smiths' house", "the smiths house"},
		{"quotes", "“Hello,” she said \"bye\" «x»", "hello she said bye x"},
		{"line breaks", "election\r\n\tinterference", "election interference"},
		{"cyrillic", "Путин Ёлка", "путин елка"},
		{"greek final sigma", "ΟΔΥΣΣΕΥΣ Ὀδυσσεύς", "οδυσσευσ οδυσσευσ"},
		{"cjk runs", "東京タワーはiPhone手机", "东京タワーは iphone 手机"},
		{"full width", "ＡＢＣ１２", "abc12"},
		{"cyrillic look-alikes in latin words", "Рutin Рresident Оbama", "putin president obama"},
		{"latin look-alikes in cyrillic words", "Пyтин Mосква Kиев", "путин москва киев"},
		{"greek look-alikes", "ΑΘΗΝA Αthens", "αθηνα athens"},
		{"no majority or no look-alike", "Рu пutin Яndex", "рu пutin яndex"},
		{"words glued together", "FreeОписание EnglishСостояние kAISTЯзык", "freeописание englishсостояние kaistязык"},
		{"typos", "Сolumn Pусский Cкачать", "column русскии скачать"},
		{"one script", "Путин Putin Αθήνα", "путин putin αθηνα"},
		{"traditional chinese", "習近平在臺灣問題上發表講話", "习近平在台湾问题上发表讲话"},
		{"simplified chinese", "习近平在台湾问题上发表讲话", "习近平在台湾问题上发表讲话"},
		{"traditional after a character of its own", "中國", "中国"},
		{"half-width katakana", "ｶﾀｶﾅ ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟﾝ ｳﾞｨｰｶﾞﾝ ﾃﾞｰﾀを", "カタカナ ガイドライン パン ヴィーガン データを"},
		{"half-width sound marks alone", "ｱﾞ ﾞﾊﾟﾟ", "ア パ"},
		{"ligature", "ﬁnance", "finance"},
		{"digits", "G7 2024-11-26", "g7 2024 11 26"},
		{"empty", " -- ", ""},
		{"combining mark", "e\u0301te\u0301", "ete"},
		{"lone mark", "\u0301abc", "abc"},
		{"soft hyphen", "Mittel\u00adalter Ver\u00adwal\u00adtung", "mittelalter verwaltung"},
		{"zero-width space, word joiner, BOM", "Zu\u200bsammen\u2060arbeit \ufeffBund", "zusammenarbeit bund"},
		{"joiners", "می\u200cخواهم a\u200db", "ميخواهم ab"}, // Persian yeh is yeh
		{"arabic tatweel", "مـحـمـد الـعـراق", "محمد العراق"},
		{"arabic yeh and kaf", "مصطفى مصطفي یک", "مصطفي مصطفي يك"},
		{"format characters alone", "\u00ad \u200b", ""},
		{"format character at word edges", "\u200bword\u00ad next", "word next"},
		{"format character in cjk run", "東\u00ad京タワー", "东京タワー"},
		{"apostrophes typed as accents and primes", "gibt´s don`t Putin′s Putin´s O`Brien", "gibt dont putin putin obrien"},
		{"okina", "Hawaiʻi Hawai'i", "hawaii hawaii"},
		{"grave and acute quotes outside words", "`quoted´ ``x''", "quoted x"},
		{"subscript digits", "CO₂ H₂O", "co2 h2o"},
		{"initials", "U.S. sanctions, the U.S-led bloc, U.S.A. and the U.K.", "us sanctions the us led bloc usa and the uk"},
		{"spaced initials", "J. K. Rowling, J.D. Vance, В. В. Путин, Washington D.C.", "jk rowling jd vance вв путин washington dc"},
		{"not initials", "Plan B. A new deal. George W. Bush. e.g. U.Sanctions a.m.", "plan b a new deal george w bush e g u sanctions a m"},
		{"digit groups", "1,000 troops, 1.000 Soldaten, 1\u202f000 soldats, 1\u00a0000, 2,500,000 and 10.000.000", "1000 troops 1000 soldaten 1000 soldats 1000 2500000 and 10000000"},
		{"not digit groups", "3.5 0,001 1,0000 2019 100 people, 1 000 km, 1,000.50 12.03.2024", "3 5 0 001 1 0000 2019 100 people 1 000 km 1000 50 12 03 2024"},
		{"digit groups before letters", "1,000km", "1000km"},
		{"digits of other scripts", "٢٠٢٤ ۱۴۰۳ २०२४ ๒๕๖๗ F-٣٥", "2024 1403 2024 2567 f 35"},
		{"arabic presentation forms", "ﻣﺤﻤﺪ ﷲ ﻻ", "محمد الله لا"},
		{"alef wasla and teh marbuta", "ٱلقاهرة القاهره", "القاهره القاهره"},
		{"hebrew geresh", "ג׳ורג׳ בוש ג'ורג' בוש", "גורג בוש גורג בוש"},
		{"thai run after latin", "iPhoneของ", "iphone ของ"},
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
	for _, s := range []string{"Putin’s “Election-Interference”", "don't O'Brien's", "東京タワーはiPhone手机", "ΟΔΥΣΣΕΥΣ Straße ǅ İ ﬁ", "e\u0301\u0301x", "a'b'c 's '", "Mittel\u00adalter \u200b東\u2060京 don\u00ad't", "L'Ukraine dell’Italia Erdoğan'ın NATO'nun 2024'te Sana'a مـحـمـد", "U.S. J. K. U.S 1,000 1.000.000 1\u202f000 1,00", "ｶﾞｲﾄﾞﾞﾟ ﾞｱ東ｶ", "習近平 中國\u00ad國", "Рutin Пyтин Рu ΑΘΗΝA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, folded, again)
		}
		// the block scanner and the general tokenizer agree (the text made long enough for blocks)
		long := s + " " + strings.Repeat("Plain words ", 8) + s + strings.Repeat(" x", 40)
		var fast, slow tokenizer
		slow.noBlocks = true
		fast.tokenize(long)
		slow.tokenize(long)
		if !sameTokens(&fast, &slow) {
			t.Fatalf("block scanner and general tokenizer differ on %q", long)
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

// sameTokens reports whether two tokenizers split their text alike: the same words at the same
// places, folded alike (where in its buffer each keeps a folded word is its own affair).
func sameTokens(a, b *tokenizer) bool {
	if len(a.toks) != len(b.toks) {
		return false
	}
	for i, x := range a.toks {
		y := b.toks[i]
		if x.start != y.start || x.end != y.end || x.cjk != y.cjk || a.word(i) != b.word(i) {
			return false
		}
	}
	return true
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

// TestBlockScanner checks that the block scanner splits text exactly as the general tokenizer does,
// tokens and folded words alike, and that it filters its tokens as the general tokenizer's are.
func TestBlockScanner(t *testing.T) {
	f := newWordFilter([]string{"putin", "election", "interference", "a", "b2b", "über"}, []string{"medd", "hack"}, false, true)
	alphabet := []string{"a", "z", "Q", "P", "utin", "Putin", "election", "INTERFERENCE", "meddling", "hacker", "9",
		" ", " ", " ", "  ", ", ", ".\n", "-", "'", "’", "'s", "é", "Ü", "ber", "東京", "\u0301", "\x7f", "\xff", "_",
		"\u00a0", ".", ",", "U", "S", "J", "1", "000", "25", "0001", "X.509", ". K", ". k", "1.5", "\u202f", "\u2009", ". ", "—", "–", "“", "”", "„", "«", "»", "…", "‘", "\u2018", "\u2099", "\xc2", "\xe2\x80", "\xe2\x80\x80",
		"€", "•", "Р", "у", "Α", "習", "国", "ｶ", "ﾞ", "ﾟ", "ｰ", "😀", "\u02bc", "ＡＢ", "\ufeff", "\u200b", "\x80", "ß", "\u0640", "\u00ad", "\u2060", "\u200d", "\u200c"}
	r := rand.New(rand.NewPCG(5, 6))
	var fast, slow tokenizer
	slow.noBlocks = true
	fast.filter = &f
	for n := range 3000 {
		var b strings.Builder
		for b.Len() < n%400 {
			w := alphabet[r.IntN(len(alphabet))]
			if r.IntN(3) > 0 { // mostly plain words and spaces, so that whole blocks are plain
				w = alphabet[r.IntN(10)]
				if r.IntN(2) == 0 {
					w = " "
				}
			}
			if r.IntN(200) == 0 {
				w = strings.Repeat("x", 60+r.IntN(20)) // a word as long as a block
			}
			b.WriteString(w)
		}
		text := b.String()
		fast.tokenize(text)
		slow.tokenize(text)
		if !sameTokens(&fast, &slow) {
			t.Fatalf("tokens of %q differ:\nblocks  %v\ngeneral %v", text, fast.toks, slow.toks)
		}
		var want []int32
		for i, tk := range slow.toks {
			if f.pass(slow.word(i), tk.cjk) {
				want = append(want, int32(i))
			}
			if fast.word(i) != slow.word(i) {
				t.Fatalf("word %d of %q: %q, want %q", i, text, fast.word(i), slow.word(i))
			}
		}
		if !slices.Equal(fast.cands, want) {
			t.Fatalf("filtered tokens of %q: %v, want %v", text, fast.cands, want)
		}
	}
}

// TestFoldsToItself checks the shortcut of classify against foldRuneSlow for every rune above the
// table.
func TestFoldsToItself(t *testing.T) {
	for r := rune(foldTableSize); r <= unicode.MaxRune; r++ {
		if !isWordRune(r) || isCJK(r) || isApostrophe(r) {
			continue
		}
		if foldsToItself(r) && foldRuneSlow(r) != string(r) {
			t.Fatalf("foldsToItself(%U) but foldRuneSlow gives %q", r, foldRuneSlow(r))
		}
	}
}

// TestBMPClass checks the table of classify against classifySlow for every rune it covers.
func TestBMPClass(t *testing.T) {
	for r := rune(foldTableSize); r < 0x10000; r++ {
		src := string(r)
		c, f := classify(r, src)
		wc, wf := classifySlow(r, src)
		if c != wc || f != wf {
			t.Fatalf("classify(%U) = %d %q, want %d %q", r, c, f, wc, wf)
		}
	}
}

func TestWordsAgreeWithFold(t *testing.T) {
	for _, s := range []string{
		"Putin's Élection-Interference don't 13.8 Größe",
		"東京で会議 Tokyo",
		"",
		"  ... — ",
	} {
		ws := Words(s)
		folded := make([]string, len(ws))
		for i, w := range ws {
			folded[i] = w.Fold
			if w.Start < 0 || w.End > len(s) || w.Start >= w.End {
				t.Errorf("Words(%q)[%d] = %+v: offsets outside the text", s, i, w)
				continue
			}
			if got := Fold(s[w.Start:w.End]); got != w.Fold {
				t.Errorf("Words(%q)[%d]: Fold(%q) = %q, want %q", s, i, s[w.Start:w.End], got, w.Fold)
			}
		}
		if got := strings.Join(folded, " "); got != Fold(s) {
			t.Errorf("Words(%q) = %q, Fold = %q", s, got, Fold(s))
		}
	}
}

// Words reuses its buffers from call to call: what it returned stays as it was, whatever is asked
// next, from any goroutine.
func TestWordsReuse(t *testing.T) {
	texts := []string{"Größe Straße", "Officials MET on Tuesday", "Le ministre a dit : « non »", "東京で会見した", "naïve café"}
	want := make([][]Word, len(texts))
	for i, s := range texts {
		want[i] = Words(s)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 200 {
				i := (g + k) % len(texts)
				if got := Words(texts[i]); !slices.Equal(got, want[i]) {
					t.Errorf("Words(%q) = %v, want %v", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, s := range texts {
		if again := Words(s); !slices.Equal(again, want[i]) || want[i][0].Fold != again[0].Fold {
			t.Errorf("the words of %q changed after other calls: %v, then %v", s, want[i], again)
		}
	}
}

// TestFoldAllocations: folding reuses the tokenizer's buffers from one call
// to the next (a poll folds every new article's title and text for the
// full-text index); the folded string is its one allocation.
func TestFoldAllocations(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's sync.Pool drops buffers")
	}
	text := strings.Repeat("Officials met on Tuesday to discuss the budget. The Minister said growth would return next year. ", 20)
	Fold(text)
	if n := testing.AllocsPerRun(50, func() { Fold(text) }); n > 1 {
		t.Errorf("Fold made %.1f allocations a call, want 1", n)
	}
}
