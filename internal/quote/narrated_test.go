package quote

import "testing"

// A paragraph that is all quotation, after a paragraph of narration about
// the speaker of the quotation before, is that speaker's; narration about
// someone else, or another reporting clause, leaves it empty.
func TestNarrationAboutTheSpeaker(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "narration with the speaker as subject",
			text: "“The mill will reopen by spring,” Hal Brenner said.\n\n" +
				"Brenner is confident about the town's prospects, in part because he sees Mayor Ruiz as an ally.\n\n" +
				"“Nobody is leaving this valley, not this year.”",
			quote: "Nobody is leaving this valley, not this year.",
			ok:    []string{"Hal Brenner"},
		},
		{
			name: "narration with the speaker in a clause and a fragment",
			text: "Instead, Brenner told the council, the plan would merely “fix the roads” if he is re-elected.\n\n" +
				"What “fix the roads” means is left to the voters, since Brenner spoke only in generalities.\n\n" +
				"“We have to do something about it.”\n\n" +
				"“We are not moving fast enough.”",
			quote: "We are not moving fast enough.",
			ok:    []string{"Brenner"},
		},
		{
			name: "narration about another person",
			text: "“The mill will reopen by spring,” Hal Brenner said.\n\n" +
				"Mayor Ana Ruiz is less sure about the town's prospects.\n\n" +
				"“Nobody is leaving this valley, not this year.”",
			quote: "Nobody is leaving this valley, not this year.",
			ok:    []string{""},
		},
		{
			name: "a reporting clause of someone else",
			text: "“The mill will reopen by spring,” Hal Brenner said.\n\n" +
				"Brenner's spokesman later disputed the date in an email.\n\n" +
				"“Nobody is leaving this valley, not this year.”",
			quote: "Nobody is leaving this valley, not this year.",
			ok:    []string{""},
		},
	})
}
