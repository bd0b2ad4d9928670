package match

import "testing"

// Ordinary quirks of news text that must not make a watch miss: each pair is a watch as a user types
// it and a text as a page or feed writes the same thing.
func TestQuirksOfText(t *testing.T) {
	tests := []struct{ name, query, text string }{
		{"curly apostrophe in a name", `O'Brien`, "said O’Brien"},
		{"straight apostrophe in a name", `O’Brien`, "said O'Brien"},
		{"hyphen U+2010", `"Rhein-Main"`, "im Rhein\u2010Main-Gebiet"},
		{"non-breaking hyphen U+2011", `"Rhein-Main"`, "im Rhein\u2011Main-Gebiet"},
		{"en dash", `"Rhein Main"`, "im Rhein–Main-Gebiet"},
		{"full-width letters and digits", `"NATO 2024"`, "ＮＡＴＯ ２０２４"},
		{"ligature", `finance`, "ﬁnance ministers"},
		{"combining accent", `café`, "cafe\u0301"},
		{"precomposed accent", "cafe\u0301", "café"},
		{"arabic tatweel", `محمد`, "مـحـمـد"},
		{"arabic harakat", `محمد`, "مُحَمَّد"},
		{"arabic presentation forms", `محمد`, "ﻣﺤﻤﺪ"},
		{"alef with hamza", `احمد`, "أحمد"},
		{"alef wasla", `الله`, "ٱلله"},
		{"teh marbuta written as heh", `القاهرة`, "في القاهره"},
		{"hebrew niqqud", `ירושלים`, "יְרוּשָׁלַיִם"},
		{"hebrew geresh typed as an apostrophe", `ג׳ורג׳`, "ג'ורג' בוש"},
		{"persian yeh and keheh", `کرمانی`, "كرماني"},
		{"zero-width joiner", `ab`, "a\u200db"},
		{"zero-width non-joiner", `میخواهم`, "می\u200cخواهم"},
		{"turkish dotted capital", `istanbul`, "İSTANBUL"},
		{"turkish dotted capital in the query", `İstanbul`, "ISTANBUL"},
		{"turkish dotless i", `Diyarbakir`, "Diyarbakır"},
		{"turkish case suffix", `Erdoğan`, "Erdoğan'ın açıklaması"},
		{"turkish locative", `Ankara`, "Ankara'da"},
		{"turkish ordinal", `15`, "15'inci madde"},
		{"turkish ordinal after a vowel sound", `3`, "3'üncü"},
		{"arabic-indic digits", `2024`, "عام ٢٠٢٤"},
		{"persian digits", `1403`, "سال ۱۴۰۳"},
		{"devanagari digits", `2024`, "वर्ष २०२४"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := matchOne(t, tt.query, Document{Body: tt.text}); !ok {
				t.Errorf("%s does not match %q", tt.query, tt.text)
			}
		})
	}
}
