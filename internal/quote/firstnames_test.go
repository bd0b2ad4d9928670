package quote

import "testing"

// A common given name tells the speaker's gender when the article does
// not: a pronoun after a voter introduced by name, age and town, who is
// said to back one politician and vote for another, is the voter.
func TestGivenNameGender(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "Carole",
			text: "Carole Dunn, 68, a nurse in Ames, Iowa, backed Sen. Bernie Sanders in the primary, but now plans to vote for Mr. Trump. " +
				"“I will vote for him, but I will not like it,” she said.",
			want: []want{{parts: []string{"I will vote for him, but I will not like it,"}, speaker: "Carole Dunn"}},
		},
		{
			name: "Len",
			text: "Len Dorsey, 52, a machinist in Dayton, Ohio, backed Hillary Clinton in the primary, but now plans to vote for Mrs. Stein. " +
				"“I will vote for her, but I will not like it,” he said.",
			want: []want{{parts: []string{"I will vote for her, but I will not like it,"}, speaker: "Len Dorsey"}},
		},
		{
			name: "Andy",
			text: "Andy Ruiz, 52, a machinist in Dayton, Ohio, backed Hillary Clinton in the primary, but now plans to vote for Mrs. Stein. " +
				"“I will vote for her, but I will not like it,” he said.",
			want: []want{{parts: []string{"I will vote for her, but I will not like it,"}, speaker: "Andy Ruiz"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkQuotes(t, tt.text, tt.want) })
	}
	// A name that is as often a surname gives no gender: "Graham" alone
	// may be Lindsey Graham or a woman named Graham.
	for _, w := range []string{"Graham", "Morgan", "Clinton", "Robin", "Jordan"} {
		if g := givenNameGender([]string{w}); g != 0 {
			t.Errorf("givenNameGender(%s) = %c, want none", w, g)
		}
	}
}
