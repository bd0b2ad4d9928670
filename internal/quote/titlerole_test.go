package quote

import "testing"

// A capitalised title after "the" with no name after it is a role: the
// person introduced with it, else the title as written — never the title's
// last word read as a surname.
func TestDefiniteTitle(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "the Prime Minister, introduced",
			text:  "Prime Minister Tessa Ruiz was in Brussels on Monday.\n\n“This is a good deal for Britain,” the Prime Minister said.",
			quote: "This is a good deal for Britain,",
			ok:    []string{"Tessa Ruiz", "the Prime Minister"},
		},
		{
			name:  "the Prime Minister, not introduced",
			text:  "The talks ended late.\n\n“This is a good deal for Britain,” the Prime Minister said.",
			quote: "This is a good deal for Britain,",
			ok:    []string{"the Prime Minister", ""},
		},
		{
			name:  "The Secretary of State opening the sentence",
			text:  "The talks ended late.\n\nThe Secretary of State said: “We are close to a deal here.”",
			quote: "We are close to a deal here.",
			ok:    []string{"The Secretary of State", ""},
		},
	})
}

// "the chief" right before its verb is a role like "the senator".
func TestChiefAsHead(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "the chief said",
			text:  "Police Chief Dana Kerr spoke first.\n\n“Probably by the weekend, I would say,” the chief said.",
			quote: "Probably by the weekend, I would say,",
			ok:    []string{"Dana Kerr"},
		},
		{
			name:  "the police chief said, no one named",
			text:  "The road was closed.\n\n“Probably by the weekend, I would say,” the police chief said.",
			quote: "Probably by the weekend, I would say,",
			ok:    []string{"the police chief", ""},
		},
	})
}

// A sentence reporting a question does not attribute the quotation after
// it: that is the answer.
func TestQuestionBeforeAnswer(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "a reporter asked",
			text: "Police Chief Dana Kerr took questions on Monday.\n\n" +
				"A reporter asked when the road would reopen. “Probably by the weekend, I would say.”",
			quote: "Probably by the weekend, I would say.",
			ok:    []string{"", "Dana Kerr"},
		},
		{
			name: "the answer's own attribution",
			text: "Police Chief Dana Kerr took questions on Monday.\n\n" +
				"A reporter asked when the road would reopen. “Probably by the weekend, I would say,” the chief said.",
			quote: "Probably by the weekend, I would say,",
			ok:    []string{"Dana Kerr"},
		},
	})
}

// A name between a determiner and a role noun qualifies the role (the
// Florida senator, the American ambassador): the speaker is the role or
// the person introduced in it, never the place.
func TestNameQualifyingRole(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "said the Florida senator",
			text:  "The debate turned to abortion.\n\n“It's a difficult issue,” said the Florida senator, “because it puts two rights in conflict.”",
			quote: "It's a difficult issue,",
			ok:    []string{"the Florida senator", ""},
		},
		{
			name:  "the Florida senator opening the sentence",
			text:  "The rally was loud.\n\nThe Florida senator sought to calm his supporters, saying the man would “not get beat up” at his rally.",
			quote: "not get beat up",
			ok:    []string{"The Florida senator", "the Florida senator", ""},
		},
		{
			name:  "wrote the American ambassador, named after",
			text:  "The cables were released later.\n\nThe party was “working to change its image from that of a haven for mobsters,” wrote the American ambassador at the time, John Herbst.",
			quote: "working to change its image from that of a haven for mobsters,",
			ok:    []string{"John Herbst", "the American ambassador", ""},
		},
		{
			name:  "a role with its name after stays the name",
			text:  "The talks stalled.\n\n“It's a difficult issue,” said the Kremlin spokesman Dmitry Peskov.",
			quote: "It's a difficult issue,",
			ok:    []string{"Dmitry Peskov"},
		},
	})
}

// "that" after a reporting verb opens what is reported: the name after it
// is the clause's subject, not the speaker.
func TestThatAfterVerb(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "suggests that a city",
			text:  "The city sent a letter on Thursday.\n\nCity Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” suggests that Phoenix and its officers support the campaign.",
			quote: "unmistakably and wrongfully",
			ok:    []string{"Brad Holm", ""},
		},
		{
			name:  "said with a comma, a name after",
			text:  "The talks ended.\n\n“We are done here,” said Phoenix Mayor Kate Gallego.",
			quote: "We are done here,",
			ok:    []string{"Kate Gallego"},
		},
	})
}

// Two introductions in one role, one the other's surname (Adm. Harry B.
// Harris Jr. … Admiral Harris), are one person: "the admiral" is him.
func TestOneHolderNamedTwice(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "suffixed full name and title with surname",
			text: "Adm. Harry B. Harris Jr., who leads the Pacific Command, spoke in Hawaii.\n\n" +
				"Admiral Harris makes no apologies for his candor.\n\n" +
				"“It is good that my voice is low,” the admiral said.",
			quote: "It is good that my voice is low,",
			ok:    []string{"Harris", "Harry B. Harris Jr."},
		},
		{
			name:  "two different senators",
			text:  "Senator Ann Lee and Senator Tom Ruiz met on Monday.\n\n“We agreed on nothing,” the senator said.",
			quote: "We agreed on nothing,",
			ok:    []string{"", "the senator"},
		},
	})
}
