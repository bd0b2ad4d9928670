package match

import "testing"

// Thai, Lao, Khmer and Myanmar write no spaces between words: a watch must be found inside a run of
// running text, as Chinese and Japanese watches are, but not by half a letter (a consonant without
// the vowel sign or tone mark written on it).
func TestSpacelessScripts(t *testing.T) {
	thai := "นายกรัฐมนตรีเศรษฐา ทวีสิน กล่าวว่ากรุงเทพมหานครจะจัดงานใหญ่"
	tests := []struct {
		query, text string
		want        bool
	}{
		{"เศรษฐา", thai, true},          // Srettha, after "Prime Minister" with no space
		{"กรุงเทพ", thai, true},         // Bangkok, inside กรุงเทพมหานคร
		{`"เศรษฐา ทวีสิน"`, thai, true}, // across the space
		{"ทวีสิน", thai, true},
		{"นายกรัฐมนตรี", thai, true},
		{"กร", thai, false}, // in นายกรัฐ and กรุง only with a vowel sign on ร
		{"ลาว", "ນາຍົກລັດຖະມົນຕີລາວ", false},
		{"ລາວ", "ນາຍົກລັດຖະມົນຕີລາວກ່າວວ່າ", true},
		{"កម្ពុជា", "នាយករដ្ឋមន្ត្រីកម្ពុជាបាននិយាយ", true},
		{"မြန်မာ", "မြန်မာနိုင်ငံတွင်", true},
		{"Thailand", "ประเทศไทยThailand", true}, // a Latin word after Thai letters is a word of its own
	}
	for _, tt := range tests {
		q, err := Parse(tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Compile([]Watch{{Name: "w", Query: q}})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(m.Match(Document{Body: tt.text})) == 1; got != tt.want {
			t.Errorf("%s in %q: %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
}
