package quote

import "testing"

// A title or a nickname in quotation marks inside an attribution does not
// cut the attribution short.
func TestAttributionAcrossEmbeddedTitle(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "nickname inside the name after the quotation",
			text:  "\"We are taking this county back!\" council member Dana \"Dee\" Wills told the crowd. \"Nobody thought we could.\"",
			quote: "We are taking this county back!",
			ok:    []string{"Dana \"Dee\" Wills", "Dana Wills"},
		},
		{
			name:  "book title in the apposition before the quotation",
			text:  "As Carla Mendes, a historian at Rice and author of \"The Long Border,\" put it, \"Nobody in the valley believed the dam would hold.\"",
			quote: "Nobody in the valley believed the dam would hold.",
			ok:    []string{"Carla Mendes"},
		},
		{
			name:  "campaign name in a participle phrase after the name",
			text:  "“This was the loudest night of the week,” Ohio delegate Ron Pryce, wearing a “Kasich 2016” hat, said as the lights went down.",
			quote: "This was the loudest night of the week,",
			ok:    []string{"Ron Pryce"},
		},
		{
			name:  "a show's title before the subject",
			text:  "On Monday's episode of “The Late Hour,” the senator said she wanted to speak “directly to the parents” and tell them that “we will not give up.”",
			quote: "directly to the parents",
			ok:    []string{"the senator"},
		},
	})
}
