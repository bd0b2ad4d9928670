package quote

import "testing"

// An adverb between a speaker and the verb before a colon is no part of the
// speaker (always said: gave "always" and "Mirtha Sanchez always"), and a
// month that is a surname after a given name is part of the name (Theresa
// May said was empty: May read as the month and as the modal "may"); a
// month after anything else stays a month.
func TestAdverbsAndMonthSurnames(t *testing.T) {
	tests := []speakerWant{
		{"", "Adriana Quevedo recalled that her mother, Mirtha Sanchez, always said: “Never forget where you came from.”", "Never forget where you came from.", "Mirtha Sanchez"},
		{"", "Mirtha Sanchez usually said: “Never forget where you came from.”", "Never forget where you came from.", "Mirtha Sanchez"},
		{"", "“We will leave the European Union,” Theresa May said on Tuesday.", "We will leave the European Union,", "Theresa May"},
		{"", "“We will leave the European Union,” said Theresa May, the prime minister.", "We will leave the European Union,", "Theresa May"},
		{"", "In May, the minister spoke in Brussels. “We will leave,” he said.", "We will leave,", ""},
		{"", "“The vote is on May 5,” said Tom Ruiz.", "The vote is on May 5,", "Tom Ruiz"},
	}
	checkSpeakers(t, tests)
}

// A month that is also a given name opens a name when a surname follows and
// nothing before it makes a date ("Minnesota delegate April Gunderson, …,
// said" gave "Minnesota"; "June Halvorsen told" gave "Halvorsen"); after a
// preposition or a time word it stays a month. A foreign function word after
// a given name is a surname (German "hier": "Rabbi Samuel Hier" gave "Rabbi
// Samuel"); rabbi, imam, pastor and prosecutor are titles, not names'
// first words.
func TestMonthGivenNames(t *testing.T) {
	tests := []speakerWant{
		{"", "Minnesota delegate April Gunderson, in a red cape, said the vote could be a “failure for the party in the fall.”", "failure for the party in the fall.", "April Gunderson"},
		{"", "The band played for hours. Later June Halvorsen told the crowd: “This is our last show in the city.”", "This is our last show in the city.", "June Halvorsen"},
		{"", "In June Halvorsen told the crowd: “This is our last show in the city.”", "This is our last show in the city.", "Halvorsen"},
		{"", "Since August Mayor Pia Lind has said: “The budget will not balance itself.”", "The budget will not balance itself.", "Pia Lind"},
		{"", "Rabbi Samuel Hier, who leads the congregation, said he had “never seen anything like this since the war.”", "never seen anything like this since the war.", "Samuel Hier"},
		{"", "Prosecutor Dana Ross disagreed. “The warrant was valid in every respect,” she said.", "The warrant was valid in every respect,", "Dana Ross"},
	}
	checkSpeakers(t, tests)
}
