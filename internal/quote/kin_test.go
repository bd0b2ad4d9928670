package quote

import "testing"

// A relative of the same last name introduced in apposition (whose father,
// Tom Lee) does not fill out the last name of the one who speaks.
func TestRelativeSharesLastName(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "whose father",
			text:  "The council met on Monday.\n\n“I love this city,” said Mr. Lee, whose father, Tom Lee, was mayor in the 1980s.",
			quote: "I love this city,",
			ok:    []string{"Lee", ""},
		},
		{
			name: "possessive owner",
			text: "The council met on Monday.\n\nMr. Lee's son, Tom Lee, runs the family store.\n\n" +
				"“I love this city and its people,” Mr. Lee said at the meeting.",
			quote: "I love this city and its people,",
			ok:    []string{"Lee", ""},
		},
		{
			name: "a wife of another last name keeps her full name",
			text: "The camp is crowded.\n\nAbdullah Zahed, 25, and his wife, Breshna Alawee, 27, spoke to reporters.\n\n" +
				"“We are refugees, not terrorists,” Ms. Alawee said.",
			quote: "We are refugees, not terrorists,",
			ok:    []string{"Breshna Alawee"},
		},
	})
}
