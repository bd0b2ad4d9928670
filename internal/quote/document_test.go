package quote

import "testing"

// A writing the text ties to a named author (a statement from …, a
// document filed by …, a letter signed by …, a report by …) is that
// author's words; one with no named author, or one someone else only
// obtained, stays as it was.
func TestDocumentAuthor(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "according to a statement from",
			text:  "The company denied wrongdoing.\n\n“We have always complied with every regulation,” according to a statement from chief executive Laura Pines.",
			quote: "We have always complied with every regulation,",
			ok:    []string{"Laura Pines"},
		},
		{
			name:  "filed by, state role",
			text:  "Prosecutors dropped the case.\n\n“The evidence is insufficient to support a criminal prosecution,” according to a court document filed by state attorney Dana Whitfield.",
			quote: "The evidence is insufficient to support a criminal prosecution,",
			ok:    []string{"Dana Whitfield"},
		},
		{
			name:  "signed by",
			text:  "The school will stay shut.\n\nAccording to a letter signed by Gov. Ray Donnelly, “Safety is our highest priority this winter.”",
			quote: "Safety is our highest priority this winter.",
			ok:    []string{"Ray Donnelly"},
		},
		{
			name:  "a report by an organisation",
			text:  "Wages are rising slowly.\n\nA projection by the consulting firm Oxford Economics predicted that workers would “see their hourly rates decreased by an equal amount.”",
			quote: "see their hourly rates decreased by an equal amount.",
			ok:    []string{"Oxford Economics"},
		},
		{
			name:  "said state attorney",
			text:  "Prosecutors dropped the case.\n\n“The evidence is insufficient to support a prosecution,” said state attorney Dana Whitfield.",
			quote: "The evidence is insufficient to support a prosecution,",
			ok:    []string{"Dana Whitfield"},
		},
		{
			name:  "obtained by is not the author",
			text:  "The plan leaked on Monday.\n\n“We will cut the staff by a third before June,” according to a memo obtained by The Washington Post.",
			quote: "We will cut the staff by a third before June,",
			ok:    []string{"a memo"},
		},
		{
			name:  "issued by an unnamed owner",
			text:  "The plan leaked on Monday.\n\n“We will cut the staff by a third before June,” said a statement issued by the company.",
			quote: "We will cut the staff by a third before June,",
			ok:    []string{"a statement"},
		},
		{
			name: "a name read in part is no author",
			text: "The developers were sued in April.\n\nAccording to a civil complaint by the Securities and Exchange Commission, the developers ran a “massive eight-year fraudulent scheme.”\n\n" +
				"“The program has become plagued by fraud and abuse,” they wrote.",
			quote: "The program has become plagued by fraud and abuse,",
			ok:    []string{""},
		},
	})
}
