package quote

import "testing"

// "Here's X in 1992:" / "Here is X on the bill:" presents X's words.
func TestHeresPerson(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "here's with a date",
			text: "Critics of the bill have long made that case.\n\n" +
				"Here’s Reyes in December 1998: “Our new direction must rest on the new realities of trade.”",
			quote: "Our new direction must rest on the new realities of trade.",
			ok:    []string{"Reyes"},
		},
		{
			name:  "here is with a topic",
			text:  "The vote was close.\n\nHere is Senator Ann Ruiz on the farm bill: “It is a disgrace.”",
			quote: "It is a disgrace.",
			ok:    []string{"Ann Ruiz"},
		},
	})
}
