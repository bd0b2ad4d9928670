package quote

import "testing"

// A sentence that ends on a colon after a phrase naming a message (with a
// simple message:, in an interview with CNN on Tuesday:) gives the words
// after it to its subject; a capitalised word opening the sentence is no
// subject, and a sentence with no message phrase gives nothing new.
func TestColonAfterMessage(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "with a simple message",
			text:  "Ever since she endorsed Mr. Lund last month, Ms. Ada Pike has been a loyal surrogate, visiting his offices to rally young volunteers with a simple message: “Don't give up now!”",
			quote: "Don't give up now!",
			ok:    []string{"Ada Pike"},
		},
		{
			name:  "in an interview, after an apposition",
			text:  "One early ally, Representative Lee Moss, Republican of Ohio, tried the line in an interview with CNN on Tuesday: “You can easily argue that the plan is a failure.”",
			quote: "You can easily argue that the plan is a failure.",
			ok:    []string{"Lee Moss"},
		},
		{
			name:  "no message phrase",
			text:  "Ms. Ada Pike has been a loyal surrogate, visiting the offices every week: “Don't give up now!”",
			quote: "Don't give up now!",
			ok:    []string{"", "Ada Pike"},
		},
		{
			name:  "the message is another's",
			text:  "The hall went quiet when the screens showed the mayor's message: “We will rebuild.”",
			quote: "We will rebuild.",
			ok:    []string{"", "the mayor"},
		},
	})
}
