package quote

import "testing"

// Speakers that were left empty though the text names them plainly: each
// case is a pattern of news copy whose attribution the rules did not read.
func TestRecoveredSpeakers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a question mark closes the quotation, not the sentence",
			text: "Maria Lopez, the mayor of Riverton, spoke to reporters on Friday.\n\n" +
				"“Who pays for the new bridge if the state walks away?” Lopez told the Riverton Gazette in an interview published on Sunday.",
			want: []want{{parts: []string{"Who pays for the new bridge if the state walks away?"}, speaker: "Maria Lopez"}},
		},
		{
			name: "an exclamation mark closes the quotation, not the sentence",
			text: "“The great state of Vermont is proud to cast its votes!” State Senator Paul Dufresne said as he opened the roll call.",
			want: []want{{parts: []string{"The great state of Vermont is proud to cast its votes!"}, speaker: "Paul Dufresne"}},
		},
		{
			name: "after a full stop a name and a verb with more words open a new sentence",
			text: "“The bridge will be finished next year.” Lopez said the state had promised the money twice before and paid neither time.",
			want: []want{{parts: []string{"The bridge will be finished next year."}, speaker: ""}},
		},
		{
			name: "as someone put it",
			text: "The mill closed in March.\n\nOr, as Ruth Calder, a former union steward at the plant, put it: “They took the work and left us the bills.”",
			want: []want{{parts: []string{"They took the work and left us the bills."}, speaker: "Ruth Calder", cue: "put it"}},
		},
		{
			name: "as someone put it somewhere",
			text: "As the company's chief executive, Dana Whitcomb, put it in a letter to shareholders, “We are not for sale at any price.”",
			want: []want{{parts: []string{"We are not for sale at any price."}, speaker: "Dana Whitcomb", cue: "put it"}},
		},
		{
			name: "putting a thing somewhere reports nothing",
			text: "The clerk put it on the counter and waited. Then the manager arrived, “Closing time, folks.”",
			want: []want{{parts: []string{"Closing time, folks."}, speaker: ""}},
		},
		{
			name: "two apostrophes reopen a quotation in the next paragraph",
			text: "''Voters hear a lot of promises,'' Ms. Okafor said, sounding tired. ''And how are they to judge them? Are they real?\n\n" +
				"''That is why I show what each plan costs.''\n\nThe debate is on Tuesday.",
			want: []want{
				{parts: []string{"Voters hear a lot of promises,"}, speaker: "Okafor"},
				{parts: []string{"And how are they to judge them? Are they real?", "That is why I show what each plan costs."}, speaker: "Okafor"},
			},
		},
		{
			name: "three apostrophes close an inner and an outer quotation",
			text: "''I remember the day it first aired on 'Morning Report,''' said Dan Whitby, a former aide to the governor.\n\n" +
				"''It was the start of a long quarrel,'' Mr. Whitby added.",
			want: []want{
				{parts: []string{"I remember the day it first aired on 'Morning Report,'"}, speaker: "Dan Whitby"},
				{parts: []string{"It was the start of a long quarrel,"}, speaker: "Dan Whitby"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}
