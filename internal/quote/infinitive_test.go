package quote

import "testing"

// A reporting verb in the infinitive before a quotation (was prompted to
// say, went on to add) reports the words of the clause's subject; a name
// right before "to" is an object (asked Tom Reyes to say) and no speaker.
func TestInfinitiveReport(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "was prompted to say",
			text:  "The hearing was so calm that Senator Ann Ruiz was prompted to say, “I have never seen this committee agree on anything.”",
			quote: "I have never seen this committee agree on anything.",
			ok:    []string{"Ann Ruiz"},
		},
		{
			name:  "took the stage to declare",
			text:  "Late on Friday, Mayor Tom Reyes took the stage to declare: “The bridge will open in May.”",
			quote: "The bridge will open in May.",
			ok:    []string{"Tom Reyes"},
		},
		{
			name:  "an object before to",
			text:  "The council asked Tom Reyes to say, “I was wrong about the bridge.”",
			quote: "I was wrong about the bridge.",
			ok:    []string{"", "The council"},
		},
	})
}
