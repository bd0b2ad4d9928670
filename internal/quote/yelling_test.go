package quote

import "testing"

// "yelling" and "screaming" report like "yelled" and "screamed".
func TestYellingReports(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "with X reportedly yelling",
			text:  "At a rally in Ohio on Saturday, some supporters pushed a protester, with Reyes reportedly yelling: “Get him out of here!”",
			quote: "Get him out of here!",
			ok:    []string{"Reyes"},
		},
		{
			name:  "screaming",
			text:  "Senator Ann Ruiz left the hall at once, screaming: “This vote is a fraud!”",
			quote: "This vote is a fraud!",
			ok:    []string{"Ann Ruiz"},
		},
	})
}
