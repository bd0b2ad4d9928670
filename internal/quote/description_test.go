package quote

import "testing"

// A definite description ("the Ohio governor", "the former secretary of
// state") as the subject of a reporting clause, or as the antecedent of a
// pronoun, stands for the person the article names in that role, else for
// the role itself — never for another name.
func TestDescriptionSpeaker(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a place-qualified description after a title before the name",
			text: "Ohio Gov. John Kasich finished second in New Hampshire, ahead of Jeb Bush.\n\n" +
				"Mr. Bush said he would stay in the race through South Carolina.\n\n" +
				"The Ohio governor was more cautious. “We will see what the voters in Michigan think,” he said.",
			want: []want{{parts: []string{"We will see what the voters in Michigan think,"}, speaker: "John Kasich"}},
		},
		{
			name: "a description as the subject of the reporting clause",
			text: "John Kasich, the governor of Ohio, finished second in New Hampshire.\n\n" +
				"Jeb Bush spent the night in Columbia.\n\n" +
				"“We will see what the voters in Michigan think,” the Ohio governor said.",
			want: []want{{parts: []string{"We will see what the voters in Michigan think,"}, speaker: "John Kasich"}},
		},
		{
			name: "a place in the description ties no governor of another state",
			text: "Former Florida Gov. Jeb Bush spent the night in Columbia.\n\n" +
				"John Kasich said Saturday that he would not deport families.\n\n" +
				"The Ohio governor said the country needs a guest-worker program. “I couldn't even imagine taking a mom out of her house,” he said.",
			want: []want{{parts: []string{"I couldn't even imagine taking a mom out of her house,"}, speaker: "the Ohio governor"}},
		},
		{
			name: "a name in apposition to a description opening the sentence",
			text: "The secretary of state, John Kerry, met Sergei Lavrov in Geneva. Gov. Jerry Brown was there too.\n\n" +
				"“We made progress,” the secretary said.",
			want: []want{{parts: []string{"We made progress,"}, speaker: "John Kerry"}},
		},
		{
			name: "a description after an opening word and comma",
			text: "Hillary Clinton spoke in Iowa on Sunday.\n\n" +
				"Instead, the Vermont senator is sticking to his message. “We have come a long way,” he told supporters.",
			want: []want{{parts: []string{"We have come a long way,"}, speaker: "the Vermont senator"}},
		},
		{
			name: "a description no name is tied to stays the role",
			text: "Jeb Bush spent the night in Columbia, where he met donors.\n\n" +
				"“We will see what the voters in Michigan think,” the Ohio governor said.",
			want: []want{{parts: []string{"We will see what the voters in Michigan think,"}, speaker: "the Ohio governor"}},
		},
		{
			name: "a description as a pronoun's antecedent with no name tied to it",
			text: "Jeb Bush spent the night in Columbia, where he met donors.\n\n" +
				"The former secretary of state took questions in Des Moines. “I am not going anywhere,” she said.",
			want: []want{{parts: []string{"I am not going anywhere,"}, speaker: "the former secretary of state"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkQuotes(t, tt.text, tt.want) })
	}
}
