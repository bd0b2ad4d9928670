package mojibake

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// mangle is what a CMS does to UTF-8 text: its bytes read as Windows-1252
// (Latin-1 for the five bytes it leaves undefined) and written as UTF-8.
func mangle(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if r, ok := cp1252[c]; ok {
			b.WriteRune(r)
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

var cp1252 = map[byte]rune{0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8A: 'Š', 0x8B: '‹', 0x8C: 'Œ', 0x8E: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
	0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9A: 'š', 0x9B: '›', 0x9C: 'œ',
	0x9E: 'ž', 0x9F: 'Ÿ'}

func TestRepair(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"apostrophe", "Putinâ€™s aides", "Putin’s aides"},
		{"cedilla", "President FranÃ§ois Hollande said", "President François Hollande said"},
		{"umlaut", "ZÃ¼rich bank", "Zürich bank"},
		{"quotes", "He said â€œnoâ€\u009d twice", "He said “no” twice"},
		{"closing quote lost its byte", "He said â€œnoâ€ twice", "He said “no” twice"},
		{"closing quote lost at the end", "â€œEnough.â€", "“Enough.”"},
		{"dash", "Kyiv â€” the capital", "Kyiv — the capital"},
		{"en dash", "2014â€“2016", "2014–2016"},
		{"ellipsis", "waitâ€¦", "wait…"},
		{"euro", "costs â‚¬5", "costs €5"},
		{"trade mark", "Appleâ„¢", "Apple™"},
		{"acute at a word's end", "cafÃ© society", "café society"},
		{"no-break space", "10Â\u00a0km", "10\u00a0km"},
		{"copyright", "Â©2024 Reuters", "©2024 Reuters"},
		{"degrees", "21Â°C", "21°C"},
		{"pound", "Â£5m", "£5m"},
		{"guillemets", "Â«Â\u00a0laÂ\u00a0Â»", "«\u00a0la\u00a0»"},
		{"più", "piÃ¹ di", "più di"},
		{"capitals inside a word", "FRANÃ‡OIS", "FRANÇOIS"},
		{"Ó inside a word", "ATENCIÃ“N", "ATENCIÓN"},
		{"Turkish", "Ä°stanbul'da Ã§alÄ±ÅŸma", "İstanbul'da çalışma"},
		{"Polish", "Å\u0081Ã³dÅº", "Łódź"},
		{"Romanian", "RomÃ¢nia È™i", "România și"},
		{"Vietnamese", "Viá»‡t Nam", "Việt Nam"},
		{"Russian", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"},
		{"Greek", "Î‘Î¸Î®Î½Î±", "Αθήνα"},
		{"Japanese", "æ—¥æœ¬", "日本"},
		{"emoji", "ðŸ˜€ great", "😀 great"},
		{"byte-order mark", "ï»¿Title", "\ufeffTitle"},
		{"zero-width space", "aâ€‹b", "a\u200bb"},
		{"encoded twice", "PutinÃ¢â‚¬â„¢s", "Putin’s"},
		{"encoded three times", mangle(mangle(mangle("François"))), "François"},
		{"arrow", "next â†’ page", "next → page"},
		{"bullet", "â€¢ one", "• one"},
		{"mixed with real text", "São Paulo, FranÃ§ois", "São Paulo, François"},

		// real text: left as it is
		{"Portuguese capitals", "SÃO PAULO", "SÃO PAULO"},
		{"Portuguese NÃO", "NÃO HÁ", "NÃO HÁ"},
		{"Portuguese word ending in Ã before a quote", "“IRMÔ", "“IRMÔ"},
		{"Portuguese word ending in Ã before a dash", "MAÇÃ— ou", "MAÇÃ— ou"},
		{"lone Ã", "a letra Ã.", "a letra Ã."},
		{"lone Ã before a no-break space", "IRMÃ\u00a0»", "IRMÃ\u00a0»"},
		{"Â alone", "Â is a letter", "Â is a letter"},
		{"French â", "le château âgé", "le château âgé"},
		{"French voilà with guillemets", "« voilà\u00a0»", "« voilà\u00a0»"},
		{"French réalité with guillemets", "« la réalité\u00a0»", "« la réalité\u00a0»"},
		{"German groß", "„groß“ und „Straße”", "„groß“ und „Straße”"},
		{"German", "Größe für Österreich", "Größe für Österreich"},
		{"Icelandic", "Þórður og Guðrún", "Þórður og Guðrún"},
		{"Icelandic ð before quotes", "„Guð“…", "„Guð“…"},
		{"Turkish real", "Çalışma ğüşıöç", "Çalışma ğüşıöç"},
		{"Vietnamese real", "Tiếng Việt có dấu", "Tiếng Việt có dấu"},
		{"copyright after a capital", "ÉDITIONS ©2024", "ÉDITIONS ©2024"},
		{"copyright plain", "©2024", "©2024"},
		{"name with © after a capital", "CAFÃ© mark", "CAFÃ© mark"},
		{"é before a closing quote and ellipsis", "“café”…", "“café”…"},
		{"ã before a closing quote and ellipsis", "“não”…", "“não”…"},
		{"Nestlé", "Nestlé® and Nestlé™", "Nestlé® and Nestlé™"},
		{"à before an en dash", "là–bas", "là–bas"},
		{"invalid UTF-8 kept", "a\xff\xc3", "a\xff\xc3"},
		{"lead at the end", "Ã", "Ã"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Repair(tt.in); got != tt.want {
				t.Errorf("Repair(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Real sentences of many languages are left as they are, and their
// mojibake is repaired to them.
func TestRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Putin’s aides said “no” — twice…",
		"São Paulo: o presidente não disse à imprensa que a situação é grave.",
		"Le président François Hollande a déclaré à l’AFP qu’il était « très inquiet ».",
		"Die Größe der Bäume in Zürich überrascht Österreicher.",
		"İstanbul'da çalışmalar sürüyor; Ağrı ve Muş'ta kar yağışı.",
		"Thủ tướng Việt Nam phát biểu tại Hà Nội về kinh tế.",
		"Þjóðin kaus í gær; Guðrún Ólafsdóttir sigraði.",
		"El niño pidió más información: ¿qué pasó en España?",
		"Łódź i Kraków świętują; żółć.",
		"Москва и Київ; Αθήνα; 東京と北京; 서울.",
		"Price: €5, £4, ¥500, 21°C, ©2024, ®, ™, ½.",
		"Emoji 😀🎉 and ❤️.",
	} {
		if got := Repair(s); got != s {
			t.Errorf("real text changed: %q → %q", s, got)
		}
		if got := Repair(mangle(s)); got != s {
			t.Errorf("Repair(mangle(%q)) = %q", s, got)
		}
		if got := Repair(mangle(mangle(s))); got != s {
			t.Errorf("Repair(mangle(mangle(%q))) = %q", s, got)
		}
	}
}

func TestFastPathAllocates(t *testing.T) {
	s := strings.Repeat("An ordinary English sentence with “quotes” — and dashes. ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Repair(s) }); n != 0 {
		t.Errorf("Repair of text without 0xC3 allocates %v times", n)
	}
	s = strings.Repeat("Le président a déclaré à l’AFP qu’il était très inquiet. ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Repair(s) }); n != 0 {
		t.Errorf("Repair of real French text allocates %v times", n)
	}
}

func FuzzRepair(f *testing.F) {
	for _, s := range []string{"Putinâ€™s", "FranÃ§ois", "SÃO PAULO", "Ã¢â‚¬â„¢", "â€", "Â©2024", "piÃ¹", "ðŸ˜€", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Repair(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Repair(%q) = %q: invalid UTF-8", s, got)
		}
		if again := Repair(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		if strings.IndexByte(s, 0xC3) < 0 && got != s {
			t.Fatalf("Repair(%q) = %q: text without a candidate byte changed", s, got)
		}
		if len(got) > len(s) {
			t.Fatalf("Repair(%q) = %q: longer", s, got)
		}
	})
}

var sink string

func BenchmarkRepair(b *testing.B) {
	texts := map[string]string{
		"english":  strings.Repeat("The minister said on Tuesday that “the talks” — held in Geneva — went well. ", 50),
		"french":   strings.Repeat("Le président a déclaré à l’AFP qu’il était « très inquiet » à São Paulo. ", 50),
		"mojibake": strings.Repeat("Le prÃ©sident a dÃ©clarÃ© Ã\u00a0 lâ€™AFP quâ€™il Ã©tait Â« trÃ¨s inquiet Â». ", 50),
	}
	for _, name := range []string{"english", "french", "mojibake"} {
		s := texts[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				sink = Repair(s)
			}
		})
	}
}
