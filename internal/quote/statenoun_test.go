package quote

import "testing"

// "state" before "and local", before a noun it qualifies or after a
// participle is the noun, not the reporting verb; a subject reporting in a
// participle clause (…, stating …) has spoken, so a later "he added"
// continues him.
func TestStateNounIsNoReportingVerb(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "stating state and local",
			text: "“The count in this county is a fraud,” Reyes told a radio host on Monday.\n\n" +
				"Campaign spokesman Dan Miller answered on Twitter, calling Reyes’s charge “reckless” and “false.”\n\n" +
				"<tweet id=\"1234\" author=\"@danmiller\" datetime=\"2016-05-02\">Even for Reyes, this is reckless. — Dan Miller (@danmiller) May 2, 2016</tweet>.\n\n" +
				"Ellison also addressed Reyes’s general concerns last Thursday, stating state and local officials – not Washington – run the count.\n\n" +
				"“We take our duty to protect every ballot seriously,” he added.",
			quote: "We take our duty to protect every ballot seriously,",
			ok:    []string{"Ellison"},
		},
		{
			name: "saying state officials",
			text: "“The count is rigged,” said Tom Reed, a county chairman.\n\n" +
				"Governor Mark Ellison answered the critics on Friday, saying state officials run the count.\n\n" +
				"“We take our duty to protect every ballot seriously,” he added.",
			quote: "We take our duty to protect every ballot seriously,",
			ok:    []string{"Mark Ellison"},
		},
		{
			name:  "state legislative candidates",
			text:  "On Tuesday, Senator Ann Ruiz went further, endorsing four state legislative candidates “who share our values.”",
			quote: "who share our values.",
			ok:    []string{"Ann Ruiz"},
		},
		{
			name:  "the verb still reports",
			text:  "“No ballot was lost,” the court filings state.",
			quote: "No ballot was lost,",
			ok:    []string{"the court filings"},
		},
	})
}

// "pledging" and "vowing" report like "pledged" and "vowed".
func TestPledgingReports(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "is pledging to",
			text:  "Tom Reyes, celebrating a victory in Ohio, is pledging to “bring the jobs back” by next spring.",
			quote: "bring the jobs back",
			ok:    []string{"Tom Reyes"},
		},
		{
			name:  "vowing to",
			text:  "Senator Ann Ruiz spoke for an hour, vowing to “fight for every family farm” in the budget talks.",
			quote: "fight for every family farm",
			ok:    []string{"Ann Ruiz"},
		},
	})
}
