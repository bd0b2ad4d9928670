package quote

import "testing"

// A name set off by commas with where its bearer works after "of" is the
// subject of the verb after the commas, and a later "he" stands for it.
func TestNameOfPlaceInApposition(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "pastor of a church, he said later",
			text: "Tom Ruiz, a farmer, sat in the front row.\n\n" +
				"One pastor supporting Mr. Cole, Dale Whitney of Grace Church in Ames, said he had made 150 calls. " +
				"He has made announcements since last month, he said.\n\n" +
				"“Find your polling place and get there,” he tells parishioners.",
			quote: "Find your polling place and get there,",
			ok:    []string{"Dale Whitney", ""},
		},
		{
			name: "quotation after the apposition",
			text: "The caucuses are on Monday.\n\n" +
				"Another organizer, Ana Lee of the Iowa Faith Coalition, said: “We will bring out every church in the county.”",
			quote: "We will bring out every church in the county.",
			ok:    []string{"Ana Lee"},
		},
		{
			name: "a clause after the name is no place",
			text: "The caucuses are on Monday.\n\n" +
				"Another organizer, Ana Lee of Ames, who met Tom Ruiz, said: “We will bring out every church in the county.”",
			quote: "We will bring out every church in the county.",
			ok:    []string{"Ana Lee", ""},
		},
	})
}

// A state after a town, set off by commas inside the description before the
// verb (… of Elizabeth, Colorado, slammed), is part of a place, not a name
// in apposition that speaks.
func TestStateAfterTownIsNoSpeaker(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "who-clause with a town and its state",
			text: "The pastor has a radio show.\n\n" +
				"Kevin Swanson, who is a pastor at the Reformation Church of Elizabeth, Colorado, slammed the group for promoting “abortion and contraception for young girls.”",
			quote: "abortion and contraception for young girls.",
			ok:    []string{"Kevin Swanson", ""},
		},
		{
			name: "description with a town and its state",
			text: "The rally ended late.\n\n" +
				"Dale Ortiz, a 55-year-old salesman from Sumter, South Carolina, says the senator will “leave here with momentum.”",
			quote: "leave here with momentum.",
			ok:    []string{"Dale Ortiz", ""},
		},
	})
}

// A body named after a role noun and "of"/"at"/"for" in an apposition
// (editor at large of The Forward, president of the United Federation of
// Teachers) describes the name before it, which speaks.
func TestRoleComplementInApposition(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "two appositions",
			text: "The debate over ISIS went on.\n\n" +
				"Just last week, Dan Goldberg, editor at large of The Forward, an influential newspaper, wrote, “When we think of defeating ISIS, we should think again.”",
			quote: "When we think of defeating ISIS, we should think again.",
			ok:    []string{"Dan Goldberg"},
		},
		{
			name: "after a verb the name is its object",
			text: "The vote was close.\n\n" +
				"Voters who backed the Green Party, a small group, said they wanted “a real choice for once.”",
			quote: "a real choice for once.",
			ok:    []string{"", "Voters"},
		},
	})
}
