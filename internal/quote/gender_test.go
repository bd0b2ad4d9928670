package quote

import "testing"

// A pronoun never stands for a person whose given name or role gives the
// other gender: the speaker is then empty rather than the wrong name.
func TestPronounAcrossGender(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "en: she after a man's given name missing from the short list",
			text: "Mayor Declan Whitcombe opened the new bridge on Monday. \"It took nine years to get here,\" she said.",
			want: []want{{parts: []string{"It took nine years to get here,"}, speaker: ""}},
		},
		{
			name: "en: he after a woman's given name missing from the short list",
			text: "Senator Ingeborg Halvorsen visited the plant on Friday. \"The jobs are staying here,\" he said.",
			want: []want{{parts: []string{"The jobs are staying here,"}, speaker: ""}},
		},
		{
			name: "en: he after a man in an earlier paragraph, another man named in the quotation's",
			text: "Governor Declan Whitcombe signed the budget on Tuesday.\n\n" +
				"The union's president, Ingeborg Halvorsen, spoke after Liam Okafor, the state treasurer. \"We need the money now,\" he said.",
			want: []want{{parts: []string{"We need the money now,"}, speaker: ""}},
		},
		{
			name: "de: sie after a man's given name",
			text: "Landrat Jörg Albrecht sagte am Abend: „Die Straße bleibt bis Montag gesperrt.“\n\n" +
				"„Wir müssen schneller werden“, sagte sie. Die Bürgermeisterin hatte zuvor einen Brief geschrieben.",
			want: []want{
				{parts: []string{"Die Straße bleibt bis Montag gesperrt."}, speaker: "Jörg Albrecht"},
				{parts: []string{"Wir müssen schneller werden"}, speaker: ""},
			},
		},
		{
			name: "de: sie after a masculine role noun, the given name telling nothing",
			text: "Pressesprecher Eike Brandhorst sagte am Abend: „Die Straße bleibt bis Montag gesperrt.“\n\n" +
				"„Wir müssen schneller werden“, sagte sie. Die Bürgermeisterin hatte zuvor einen Brief geschrieben.",
			want: []want{
				{parts: []string{"Die Straße bleibt bis Montag gesperrt."}, speaker: "Pressesprecher Eike Brandhorst"},
				{parts: []string{"Wir müssen schneller werden"}, speaker: ""},
			},
		},
		{
			name: "de: er after a feminine role noun",
			text: "Pressesprecherin Eike Brandhorst sagte am Abend: „Die Straße bleibt bis Montag gesperrt.“\n\n" +
				"„Wir müssen schneller werden“, sagte er. Der Bürgermeister hatte zuvor einen Brief geschrieben.",
			want: []want{
				{parts: []string{"Die Straße bleibt bis Montag gesperrt."}, speaker: "Pressesprecherin Eike Brandhorst"},
				{parts: []string{"Wir müssen schneller werden"}, speaker: ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// A compound of given names has their gender; a hyphenated group whose
// first part is also a short given name (Al) has none.
func TestCompoundGivenName(t *testing.T) {
	for w, g := range map[string]byte{"Hans-Peter": 'm', "Karl-Heinz": 'm', "Marie-Agnes": 'f', "Jean-Marie": 'm', "Al-Shabaab": 0, "Al-Qaeda": 0} {
		if got := givenNameGender([]string{w}); got != g {
			t.Errorf("givenNameGender(%s) = %q, want %q", w, got, g)
		}
	}
}

// The article before a French, Spanish or Italian role noun gives the
// person's gender when the given name does not (Claude, Andrea).
func TestRoleArticleGender(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		speaker string
	}{
		{"fr: il after la ministre", "« Le site restera ouvert », a déclaré la ministre Claude Dufresne lundi.\n\n« Nous allons investir », a-t-il ajouté.", ""},
		{"fr: elle after la ministre", "« Le site restera ouvert », a déclaré la ministre Claude Dufresne lundi.\n\n« Nous allons investir », a-t-elle ajouté.", "Claude Dufresne"},
		{"es: él after la ministra", "«El sitio seguirá abierto», dijo la ministra Guadalupe Ortega.\n\n«Vamos a invertir», dijo él.", ""},
		{"es: ella after el presidente", "«El sitio seguirá abierto», dijo el presidente Guadalupe Ortega.\n\n«Vamos a invertir», dijo ella.", ""},
		{"it: lei after il ministro", "«Il sito resterà aperto», ha detto il ministro Andrea Costa.\n\n«Investiremo», ha detto lei.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text)
			if len(qs) != 2 {
				t.Fatalf("got %d quotations %s, want 2", len(qs), describe(tt.text, qs))
			}
			if qs[1].Speaker != tt.speaker {
				t.Errorf("second speaker %q, want %q", qs[1].Speaker, tt.speaker)
			}
		})
	}
}
