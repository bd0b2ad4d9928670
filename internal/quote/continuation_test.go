package quote

import "testing"

// "he added" continues someone's words: a man named since who never speaks
// is not whom it stands for; one who spoke (had warned that …) may be.
func TestContinuationAfterAnotherMan(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "the man between never speaks",
			text: "“The plant will stay open through the winter,” said Mark Feller, the company's chief executive.\n\n" +
				"Feller's predecessor, Joe Danvers, closed two plants in 2015 and moved to Ohio.\n\n" +
				"“We are pleased with the outcome,” he added.",
			quote: "We are pleased with the outcome,",
			ok:    []string{"Mark Feller", ""},
		},
		{
			name: "the man between has spoken",
			text: "“The plant will stay open through the winter,” said Mark Feller, the company's chief executive.\n\n" +
				"The union's president, Joe Danvers, had warned that 300 jobs were at risk.\n\n" +
				"“We are pleased with the outcome,” he added.",
			quote: "We are pleased with the outcome,",
			ok:    []string{"Joe Danvers", ""},
		},
		{
			name: "said is no continuation",
			text: "“The plant will stay open through the winter,” said Mark Feller, the company's chief executive.\n\n" +
				"His predecessor, Joe Danvers, closed two plants in 2015 and moved to Ohio.\n\n" +
				"“I never wanted to close them,” he said.",
			quote: "I never wanted to close them,",
			ok:    []string{"Joe Danvers", ""},
		},
	})
}

// "she said" after a reporting clause whose verb has "her" as its object
// (the president told her) is whom it was said to, not the subject.
func TestPronounAfterToldHer(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "the president told her",
			text: "The call came on a Sunday.\n\nHer husband was free and would soon be coming home, the president told her. " +
				"“I could see his compassion as he spoke,” she said.",
			quote: "I could see his compassion as he spoke,",
			ok:    []string{""},
		},
		{
			name: "the president told reporters",
			text: "The call came on a Sunday.\n\nThe talks had failed, the president told reporters. " +
				"“We will try again next week,” he said.",
			quote: "We will try again next week,",
			ok:    []string{"the president"},
		},
	})
}
