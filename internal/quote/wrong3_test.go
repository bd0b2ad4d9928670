package quote

import (
	"strconv"
	"testing"
)

// speakerOf returns the speaker of the quotation whose text is quote, and
// whether Extract found it.
func speakerOf(text, quote string) (string, bool) {
	for _, q := range Extract(text) {
		if q.Text == quote {
			return q.Speaker, true
		}
	}
	return "", false
}

// speakerWant is a sentence of a speaker table: Extract must find the
// quotation quote in text and give it the speaker want ("" for none);
// failures name the case by name, or by its text when name is "".
type speakerWant struct{ name, text, quote, want string }

// checkSpeakers checks a speaker table.
func checkSpeakers(t *testing.T, tests []speakerWant) {
	t.Helper()
	for _, tc := range tests {
		name := tc.name
		if name == "" {
			name = strconv.Quote(tc.text)
		}
		got, found := speakerOf(tc.text, tc.quote)
		if !found {
			t.Errorf("%s: quotation %q not found", name, tc.quote)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: speaker %q, want %q", name, got, tc.want)
		}
	}
}

// Wrong names and fragments given as speakers: an adverb after the name
// (Ramos however), "reports" read as the verb after words that make it the
// noun (Multiple news reports reveal …; calling the two investigative
// reports "…"), and a participle after a name set off as an object's
// apposition (wrote to the dean, Ann Lee, calling …), whose subject is the
// sentence's.
func TestWrongNamesSession10(t *testing.T) {
	tests := []struct {
		name, text, quote, want string
		mayDrop                 bool // the quotation may go (a fragment no verb reports)
	}{
		{"adverb after the name", "Ramos however said he would welcome Peru's role in a “principled regional security network” for trade.", "principled regional security network", "Ramos", false},
		{"news reports", "The poll arrives a day after rival polls. Multiple news reports reveal there was more than “one or two instances.”", "one or two instances.", "", true},
		{"investigative reports", "Late last week the company wrote a long letter to the dean, calling the two lengthy investigative reports “false and deliberately misleading.”", "false and deliberately misleading.", "the company", false},
		{"reports the verb", "The agency reports “a sharp rise in cases across the north this month.”", "a sharp rise in cases across the north this month.", "The agency", false},
		{"object's apposition, earlier verb", "Last week, the company wrote a long letter to the university's president, Ann Lee, calling the articles “false and deliberately misleading.”", "false and deliberately misleading.", "the company", false},
		{"object's apposition, named subject", "Sen. Ruth Alvarez went on a morning show to discuss her remarks about her rival, Tom Ruiz, saying “on his worst day” he would still be better.", "on his worst day", "Ruth Alvarez", false},
		{"object's apposition, unnamed subject", "The mayor met the new police chief, Dana Ross, praising her as “the best choice we could have made.”", "the best choice we could have made.", "", false},
		{"subject's apposition", "Tom Ruiz, the chairman, met reporters on Monday, saying the bill was “dead on arrival in this chamber.”", "dead on arrival in this chamber.", "Tom Ruiz", false},
	}
	for _, tc := range tests {
		got, found := speakerOf(tc.text, tc.quote)
		if !found {
			if !tc.mayDrop {
				t.Errorf("%s: quotation %q not found", tc.name, tc.quote)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s: speaker %q, want %q", tc.name, got, tc.want)
		}
	}
}
