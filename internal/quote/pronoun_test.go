package quote

import "testing"

// A pronoun stands for the subject of the reporting clause it follows,
// and a definite role for the person the article names in it.
func TestPronounFollowsReportingClause(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "role subject introduced with a name",
			text: "Kremlin spokesman Dmitry Peskov spoke to ABC's George Stephanopoulos on Sunday.\n\n" +
				"Stephanopoulos asked whether Moscow had tried to influence the vote. To this, the Kremlin spokesman assured that Russia never interferes.\n\n" +
				"“For more than a year, American audience have been a target for severe anti-Russian propaganda,” he said.",
			want: []want{{parts: []string{"For more than a year, American audience have been a target for severe anti-Russian propaganda,"}, speaker: "Dmitry Peskov"}},
		},
		{
			name: "role subject never named stays the role",
			text: "In an interview with George Stephanopoulos, the questions turned to the election.\n\n" +
				"To this, the Kremlin spokesman assured that Russia never interferes.\n\n" +
				"“For more than a year, American audience have been a target for severe anti-Russian propaganda,” he said.",
			want: []want{{parts: []string{"For more than a year, American audience have been a target for severe anti-Russian propaganda,"}, speaker: "the Kremlin spokesman"}},
		},
		{
			name: "two men named just before: empty rather than a guess",
			text: "John Miller met Robert Brown on Monday. Miller and Brown talked for an hour.\n\n" +
				"“We agreed on nothing at all today,” he said.",
			want: []want{{parts: []string{"We agreed on nothing at all today,"}, speaker: ""}},
		},
		{
			name: "short fragment carried by a reporting verb",
			text: "Asked about Trump and Putin, South Carolina Gov. Nikki Haley, blurted that \"there's no love\" in the relationship.",
			want: []want{{parts: []string{"there's no love"}, speaker: "Nikki Haley"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}
