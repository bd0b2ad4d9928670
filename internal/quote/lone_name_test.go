package quote

import "testing"

// A one-word name opening the sentence before "…," he said, followed by
// its verb, is whom the pronoun stands for even when the article shows no
// gender for it; a plural opening the sentence is no one "he" stands for.
func TestLoneNameOpener(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "a surname and a verb in the past",
			text: "Each candidate was asked to pick a winner of the final.\n\n" +
				"Halvorsen dodged the question, and didn't make a choice. “It will be one of the two teams,” he said.",
			quote: "It will be one of the two teams,",
			ok:    []string{"Halvorsen"},
		},
		{
			name:  "a surname, an adverb and a verb",
			text:  "Halvorsen also addressed the concerns on Thursday.\n\n“We take the count seriously,” he added.",
			quote: "We take the count seriously,",
			ok:    []string{"Halvorsen"},
		},
		{
			name:  "a plural",
			text:  "Delegates questioned how the senator could go back on his pledge.\n\n“That was the day it became personal,” he said.",
			quote: "That was the day it became personal,",
			ok:    []string{"", "the senator"},
		},
	})
}
