package quote

import "testing"

// Reporting constructions of Turkish, Arabic, Korean and Greek: the speaker
// is a name or a role, never a pronoun; empty when the words do not say.
func TestOtherScripts(t *testing.T) {
	tests := []struct {
		name, text, quote, speaker string
	}{
		{"Turkish dedi", "Ankara'da konuşan Bakan Ayşe Demir, \"Enflasyon yıl sonunda düşecek\" dedi.",
			"Enflasyon yıl sonunda düşecek", "Bakan Ayşe Demir"},
		{"Turkish diye konuştu", "Bakan Ayşe Demir, “Enflasyon yıl sonunda düşecek” diye konuştu.",
			"Enflasyon yıl sonunda düşecek", "Bakan Ayşe Demir"},
		{"Turkish açıklamasında bulundu", "Vali Kemal Arslan, “Yollar yarın açılacak” açıklamasında bulundu.",
			"Yollar yarın açılacak", "Vali Kemal Arslan"},
		{"Turkish, a name in the genitive is not the speaker", "Erdoğan'ın sözcüsü, “Görüşme olumlu geçti” dedi.",
			"Görüşme olumlu geçti", ""},
		{"Arabic verb, subject, colon", "وقال وزير الخارجية سامح شكري: «إن الحل السياسي هو الطريق الوحيد».",
			"إن الحل السياسي هو الطريق الوحيد", "وزير الخارجية سامح شكري"},
		{"Arabic verb and subject after the quotation", "«نحن ملتزمون بالاتفاق»، قال المتحدث باسم الوزارة.",
			"نحن ملتزمون بالاتفاق", "المتحدث باسم الوزارة"},
		{"Arabic, a statement is no speaker", "وقال في بيان: «نحن ملتزمون بالاتفاق».",
			"نحن ملتزمون بالاتفاق", ""},
		{"Korean topic before the quotation", "김민수 장관은 “경제가 회복되고 있다”라고 말했다.",
			"경제가 회복되고 있다", "김민수 장관"},
		{"Korean subject after the particle", "“경제가 회복되고 있다”고 김민수 장관은 밝혔다.",
			"경제가 회복되고 있다", "김민수 장관"},
		{"Korean pronoun", "그는 “경제가 회복되고 있다”고 말했다.", "경제가 회복되고 있다", ""},
		{"Greek verb and subject after the quotation", "«Η οικονομία ανακάμπτει», δήλωσε ο πρωθυπουργός Νίκος Παππάς.",
			"Η οικονομία ανακάμπτει", "Νίκος Παππάς"},
		{"Spanish, whom it was said to is no speaker", "El investigador habló de los autos robados. «Un 90 % está en manos de las autoridades», dijo a la red Erbol.",
			"Un 90 % está en manos de las autoridades", ""},
		{"Spanish, a newspaper it was said to is no speaker", "«No es algo garantizado», explicó a La Estrella de Panamá.",
			"No es algo garantizado", ""},
		{"Spanish, a preposition opening the sentence is no part of the name", "Para Ingrid Betancourt la solución es otra. «Tenemos la oportunidad», dijo Ingrid Betancourt.",
			"Tenemos la oportunidad", "Ingrid Betancourt"},
		{"Greek, ο ίδιος is no speaker", "«Δεν θα αυξηθούν οι φόροι», ανέφερε ο ίδιος.",
			"Δεν θα αυξηθούν οι φόροι", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Extract(tc.text) {
				if q.Text == tc.quote {
					if q.Speaker != tc.speaker {
						t.Errorf("speaker %q, want %q", q.Speaker, tc.speaker)
					}
					return
				}
			}
			t.Fatalf("quotation %q not found", tc.quote)
		})
	}
}
