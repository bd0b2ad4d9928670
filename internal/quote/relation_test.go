package quote

import "testing"

// A person described by a tie to a named person (a friend of Tom Ruiz, a
// spokesman for Gov. Ann Lee) is the speaker as written, never the name
// inside the description.
func TestRelationalDescription(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "a friend of, colon",
			text:  "The singer cancelled his tour in May.\n\nA friend of Tom Ruiz said: “He was in no state to sing.”",
			quote: "He was in no state to sing.",
			ok:    []string{"A friend of Tom Ruiz", ""},
		},
		{
			name:  "a spokesman for, verb after",
			text:  "The storm reached the coast on Sunday.\n\n“The governor is following the situation closely,” a spokesman for Gov. Ann Lee said.",
			quote: "The governor is following the situation closely,",
			ok:    []string{"a spokesman for Gov. Ann Lee", ""},
		},
		{
			name:  "an aide to",
			text:  "The vote was delayed again.\n\n“We do not have the numbers yet,” an aide to Senator Ann Lee told reporters.",
			quote: "We do not have the numbers yet,",
			ok:    []string{"an aide to Senator Ann Lee", ""},
		},
		{
			name:  "the mother of",
			text:  "The trial opened on Monday.\n\n“My son never owned a gun,” the mother of Tom Ruiz told the court.",
			quote: "My son never owned a gun,",
			ok:    []string{"the mother of Tom Ruiz", ""},
		},
		{
			name:  "plural opening the sentence",
			text:  "The rally ran late into the night.\n\nSupporters of Donald Trump chanted: “Build the wall.”",
			quote: "Build the wall.",
			ok:    []string{"Supporters of Donald Trump", ""},
		},
		{
			name: "he after the friend",
			text: "Mayor Tom Ruiz missed the meeting.\n\nA longtime friend of Ruiz said the mayor had been unwell for weeks. " +
				"“He works far too hard,” he said.",
			quote: "He works far too hard,",
			ok:    []string{"A longtime friend of Ruiz", ""},
		},
		{
			name:  "the name before of still speaks",
			text:  "The debate ended late.\n\nJeb Bush of Florida said: “We can win this state.”",
			quote: "We can win this state.",
			ok:    []string{"Jeb Bush"},
		},
		{
			name:  "a named lawyer for",
			text:  "The hearing was postponed.\n\n“My client is cooperating fully,” a lawyer for Tom Ruiz, Paul Ortega, said.",
			quote: "My client is cooperating fully,",
			ok:    []string{"Paul Ortega"},
		},
	})
}
