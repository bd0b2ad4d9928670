package quote

import "testing"

// An adverb between a speaker and the verb before a colon is no part of the
// speaker (always said: gave "always" and "Mirtha Sanchez always"), and a
// month that is a surname after a given name is part of the name (Theresa
// May said was empty: May read as the month and as the modal "may"); a
// month after anything else stays a month.
func TestAdverbsAndMonthSurnames(t *testing.T) {
	tests := []struct{ text, quote, want string }{
		{"Adriana Quevedo recalled that her mother, Mirtha Sanchez, always said: “Never forget where you came from.”", "Never forget where you came from.", "Mirtha Sanchez"},
		{"Mirtha Sanchez usually said: “Never forget where you came from.”", "Never forget where you came from.", "Mirtha Sanchez"},
		{"“We will leave the European Union,” Theresa May said on Tuesday.", "We will leave the European Union,", "Theresa May"},
		{"“We will leave the European Union,” said Theresa May, the prime minister.", "We will leave the European Union,", "Theresa May"},
		{"In May, the minister spoke in Brussels. “We will leave,” he said.", "We will leave,", ""},
		{"“The vote is on May 5,” said Tom Ruiz.", "The vote is on May 5,", "Tom Ruiz"},
	}
	for _, tc := range tests {
		got, found := "", false
		for _, q := range Extract(tc.text) {
			if q.Text == tc.quote {
				got, found = q.Speaker, true
			}
		}
		if !found {
			t.Errorf("%q: quotation %q not found", tc.text, tc.quote)
			continue
		}
		if got != tc.want {
			t.Errorf("%q: speaker %q, want %q", tc.text, got, tc.want)
		}
	}
}
