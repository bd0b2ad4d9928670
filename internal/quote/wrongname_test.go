package quote

import "testing"

// Rules that keep a wrong name out: each case is a pattern of news copy
// where a name other than the speaker's stood close to the quotation.
func TestNoWrongName(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a verb before a place makes no person of it",
			text: "(Mr. Grant was referring to his rival's account of coming under fire while visiting Bosnia, later admitting she had not.)\n\n" +
				"Mr. Grant said that even if new videos surfaced, he would not change his position. “I think my words represent strength,” he said.",
			want: []want{{parts: []string{"I think my words represent strength,"}, speaker: "Grant"}},
		},
		{
			name: "a place after a verb is no person for a pronoun",
			text: "The delegation spent the week touring Bosnia, where aid workers showed them the camps.\n\n" +
				"“It was the hardest week of my career,” she said.",
			want: []want{{parts: []string{"It was the hardest week of my career,"}, speaker: ""}},
		},
		{
			name: "a middle initial keeps a name a person's",
			text: "The senator from Ohio, Robert Kane, spoke on Tuesday.\n\n" +
				"Donald J. Whitfield said he would not change his position on the tariff. “My words represent strength,” he said.",
			want: []want{{parts: []string{"My words represent strength,"}, speaker: "Donald J. Whitfield"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}
