package match

import "testing"

// Indic vowel signs spell the word: dropped as if they were diacritics,
// मोदी (Modi) matched मादा (female) and भारत (India) matched भरत (a name).
// The nukta and the nasal signs, which writers use either way, still fold away.
func TestFoldKeepsIndicVowelSigns(t *testing.T) {
	differ := [][2]string{{"मोदी", "मादा"}, {"भारत", "भरत"}, {"काम", "कम"}, {"कि", "को"}, {"বাংলাদেশ", "বংলদশ"}}
	for _, p := range differ {
		if Fold(p[0]) == Fold(p[1]) {
			t.Errorf("Fold(%q) = Fold(%q) = %q", p[0], p[1], Fold(p[0]))
		}
	}
	same := [][2]string{{"गांधी", "गाँधी"}, {"ज़मीन", "जमीन"}, {"मोदी", "मोदी"}}
	for _, p := range same {
		if Fold(p[0]) != Fold(p[1]) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q, want equal", p[0], Fold(p[0]), p[1], Fold(p[1]))
		}
	}
}
