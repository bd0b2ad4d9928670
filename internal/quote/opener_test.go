package quote

import "testing"

// A word capitalised only because it opens a sentence is not part of the
// speaker's name, and alone it names no one.
func TestSentenceOpenerNotName(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "a role noun opening the sentence",
			text: "Trump said on Friday that rival Hillary Clinton had shown bad judgment.\n\n" +
				"Rival Hillary Clinton had mocked the complaint, saying anybody who complains “is not having a good night.”",
			quote: "is not having a good night.",
			ok:    []string{"Hillary Clinton"},
		},
		{
			name: "neither … nor",
			text: "Donald J. Trump spoke first in Miami.\n\n" +
				"Neither Donald J. Trump nor his rivals raised their voices. Mr. Trump said of the brawl, “I don't like it at all.”",
			quote: "I don't like it at all.",
			ok:    []string{"Donald J. Trump"},
		},
		{
			name:  "inverted verb opening the sentence",
			text:  "Roger Stone spoke on the radio on Monday.\n\nStated Stone: “The stakes are so high this time around.”",
			quote: "The stakes are so high this time around.",
			ok:    []string{"Roger Stone", "Stone"},
		},
		{
			name: "a participle opening the sentence",
			text: "It was a stark contrast to her rival's speech.\n\n" +
				"Reprising one of her favorite lines, the former secretary of state praised the “progress we had under President Obama” and more.",
			quote: "progress we had under President Obama",
			ok:    []string{"", "the former secretary of state"},
		},
		{
			name: "a common noun opening the sentence",
			text: "The race is tightening in Virginia.\n\n" +
				"Pressure is building on the governor, who was greeted with chants of “Bobby, Bobby!” at a labor conference, and pressure will grow.",
			quote: "Bobby, Bobby!",
			ok:    []string{""},
		},
		{
			name:  "a surname seen only at sentence starts stays",
			text:  "The band is recording again.\n\nKeidis said the songs were new. “We wrote all of them this winter,” Keidis said.",
			quote: "We wrote all of them this winter,",
			ok:    []string{"Keidis"},
		},
	})
}

// A name and its own past-tense verb before a reporting verb (Ruiz denied
// calling …, Carson defied the question …) are not one description.
func TestNameThenVerbIsNoDescription(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "denied calling",
			text:  "The meeting was closed.\n\nRuiz denied calling Lee “a liar and a cheat” during the meeting.",
			quote: "a liar and a cheat",
			ok:    []string{"Ruiz", ""},
		},
		{
			name:  "a description without a determiner stays",
			text:  "The case is open.\n\nRichmond police said: “We have made an arrest in the case.”",
			quote: "We have made an arrest in the case.",
			ok:    []string{"Richmond police"},
		},
	})
}
