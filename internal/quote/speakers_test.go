package quote

import "testing"

// Outside English a speaker is a name, an organisation, a role or empty:
// never a pronoun, a conjunction or a fragment.
func TestSpeakersOtherLanguages(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "de pronoun after the same speaker resolves",
			text: "„Wir haben lange gewartet“, sagte Bürgermeisterin Anna Krüger.\n„Jetzt muss gehandelt werden“, sagte sie.",
			want: []want{
				{parts: []string{"Wir haben lange gewartet"}, speaker: "Anna Krüger"},
				{parts: []string{"Jetzt muss gehandelt werden"}, speaker: "Anna Krüger"},
			},
		},
		{
			name: "de pronoun after another name stays empty",
			text: "„Wir haben lange gewartet“, sagte Anna Krüger. Auch Peter Lang kam zur Sitzung.\n„Jetzt muss gehandelt werden“, sagte er.",
			want: []want{
				{parts: []string{"Wir haben lange gewartet"}, speaker: "Anna Krüger"},
				{parts: []string{"Jetzt muss gehandelt werden"}, speaker: ""},
			},
		},
		{
			name: "de conjunction opening the sentence is not a name",
			text: "Die Halle war voll. Und Yücel setzte nach: „Ich lasse mich nicht mundtot machen.“",
			want: []want{{parts: []string{"Ich lasse mich nicht mundtot machen."}, speaker: "Yücel"}},
		},
		{
			name: "de the newspaper told is not the speaker",
			text: "„Die Lage ist ernst“, sagte der MOPO ein Sprecher der Polizei.",
			want: []want{{parts: []string{"Die Lage ist ernst"}, speaker: "Sprecher der Polizei"}},
		},
		{
			name: "fr someone close to a person is not that person",
			text: "« Il est redoutable en négociation », selon un proche d'Edouard Philippe.",
			want: []want{{parts: []string{"Il est redoutable en négociation"}, speaker: "un proche"}},
		},
		{
			name: "fr inverted pronoun after the same speaker",
			text: "« Nous allons gagner », a déclaré Marie Dubois.\n« Rien n'est perdu », a-t-elle ajouté.",
			want: []want{
				{parts: []string{"Nous allons gagner"}, speaker: "Marie Dubois"},
				{parts: []string{"Rien n'est perdu"}, speaker: "Marie Dubois"},
			},
		},
		{
			name: "es conjunction is not a speaker",
			text: "El ministro habló durante una hora. Y remató: \"Si el gobierno es nuestro, la decisión también es nuestra.\"",
			want: []want{{parts: []string{"Si el gobierno es nuestro, la decisión también es nuestra."}, speaker: ""}},
		},
		{
			name: "es a prepositional phrase after the verb is not a speaker",
			text: "\"Tenemos que unir al centro del país\", dijo en una de sus respuestas.",
			want: []want{{parts: []string{"Tenemos que unir al centro del país"}, speaker: ""}},
		},
		{
			name: "es role with a complement stays the role",
			text: "«Uno lo hace para que se valide, pero no lo sé», dijo el instructor del caso Noos.",
			want: []want{{parts: []string{"Uno lo hace para que se valide, pero no lo sé"}, speaker: "el instructor"}},
		},
		{
			name: "pl conjunction opening the sentence is not a name",
			text: "Jak mówi rzecznik: „Nie mamy jeszcze żadnych informacji o przyczynach pożaru.”",
			want: []want{{parts: []string{"Nie mamy jeszcze żadnych informacji o przyczynach pożaru."}, speaker: ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

func TestValidSpeaker(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "Dmitry Peskov": true, "the Kremlin spokesman": true, "la ministre": true,
		"Ursula von der Leyen": true, "Del. Stacey Plaskett": true, "O'Neill": true, "the ad’s narrator": true,
		"officials": true, "federal prosecutors": true, "rzecznik rządu": true, "岸田文雄": true,
		"er": false, "Sie": false, "Und": false, "Y": false, "quien": false, "he's": false, "that it’s": false,
		"en una de sus respuestas": false, "sieht": false, "un proche d'Edouard": false, "il": false, "s": false,
		"Which": false, "Y la vice": false, "Und der Sprecher": false,
	} {
		if got := validSpeaker(s); got != want {
			t.Errorf("validSpeaker(%q) = %v, want %v", s, got, want)
		}
	}
}
