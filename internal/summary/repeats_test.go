package summary

import (
	"strings"
	"testing"
)

// A pull quote — a quotation set apart from the paragraph that holds it with
// its attribution — is not a second sentence of the summary: the sentence
// with the attribution is used, once.
func TestSummarizePullQuote(t *testing.T) {
	text := "Household water bills will rise by an average of 8% from April, the industry regulator said on Thursday, the steepest increase in almost two decades.\n\n" +
		"“Customers are being asked to pay more for a service that is getting worse.”\n\n" +
		"“Customers are being asked to pay more for a service that is getting worse,” said Mike Keil, head of policy at the consumer council. He urged companies to cut executive bonuses first.\n\n" +
		"The companies said the money would fund record investment in pipes and treatment works across the country.\n\n" +
		"The average annual bill will reach £573, according to the regulator."
	got := Summarize(text, Options{Sentences: 3})
	n := 0
	for _, s := range got {
		if strings.Contains(s, "getting worse") {
			n++
			if !strings.Contains(s, "Mike Keil") {
				t.Errorf("the pull quote was chosen over its attributed sentence: %q", s)
			}
		}
	}
	if n != 1 {
		t.Errorf("the quotation is in %d summary sentences, want 1: %q", n, got)
	}
}

// A sentence repeated inside a longer one is chosen at most once.
func TestSummarizeSentenceWithinAnother(t *testing.T) {
	text := "The council approved the budget on Tuesday after a long debate about road repairs.\n\n" +
		"The budget raises spending on roads by ten percent.\n\n" +
		"Officials said the budget raises spending on roads by ten percent, the largest rise in a decade, and keeps school funding flat.\n\n" +
		"The mayor called the vote a victory for drivers and cyclists alike."
	got := Summarize(text, Options{Sentences: 3, Terms: []string{"roads"}})
	n := 0
	for _, s := range got {
		if strings.Contains(s, "raises spending on roads by ten percent") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the repeated words are in %d summary sentences, want 1: %q", n, got)
	}
}
