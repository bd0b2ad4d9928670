package quote

import (
	"strings"
	"testing"
)

func TestRank(t *testing.T) {
	text := "Mayor Lisa Chan opened the new bridge on Monday.\n\n" +
		"\"The bridge took six years to build,\" Chan said.\n\n" +
		"Critics were unimpressed. \"It is a monument to waste,\" said council member Omar Reyes.\n\n" +
		"The budget debate continues next week.\n\n" +
		"\"Election interference is a real threat to this city,\" said Paul Dunn, a city official."
	qs := Extract(text)
	if len(qs) != 3 {
		t.Fatalf("fixture has %d quotations, want 3: %s", len(qs), describe(text, qs))
	}
	tests := []struct {
		name string
		opts RankOptions
		want []string // speakers in order
	}{
		{"no watch keeps text order, default cap", RankOptions{}, []string{"Lisa Chan", "Omar Reyes"}},
		{"term inside first", RankOptions{Terms: []string{"election interference"}, Max: 3}, []string{"Paul Dunn", "Lisa Chan", "Omar Reyes"}},
		{"term case and word boundary", RankOptions{Terms: []string{"WASTE"}, Max: 1}, []string{"Omar Reyes"}},
		{"partial word does not match", RankOptions{Terms: []string{"wast"}, Max: 1}, []string{"Lisa Chan"}},
		{"watched name by last name", RankOptions{Names: []string{"Reyes"}, Max: 2}, []string{"Omar Reyes", "Lisa Chan"}},
		{"watched full name", RankOptions{Names: []string{"Paul Dunn"}, Max: 1}, []string{"Paul Dunn"}},
		{"near beats unrelated", RankOptions{Terms: []string{"budget"}, Max: -1}, []string{"Omar Reyes", "Paul Dunn", "Lisa Chan"}},
		{"all", RankOptions{Max: -1}, []string{"Lisa Chan", "Omar Reyes", "Paul Dunn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rank(text, qs, tt.opts)
			var speakers []string
			for _, q := range got {
				speakers = append(speakers, q.Speaker)
			}
			if strings.Join(speakers, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %q, want %q", speakers, tt.want)
			}
		})
	}
	if qs[0].Speaker != "Lisa Chan" {
		t.Errorf("Rank modified its input: first is %q", qs[0].Speaker)
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Vladimir Putin", "Putin", true},
		{"Vladimir Putin", "vladimir putin", true},
		{"Vladimir Putin", "President Putin", true},
		{"Hillary Clinton", "Bill Clinton", false},
		{"", "Putin", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := sameName(tt.a, tt.b); got != tt.want {
				t.Errorf("sameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// A pull quote repeats a quotation the article gives with its speaker: the
// alert shows it once, with the speaker. Two people saying the same words
// stay two quotations.
func TestRankDropsRepeatedQuotation(t *testing.T) {
	text := "Water bills will rise by 8% from April, the regulator said.\n\n" +
		"“Customers are being asked to pay more for a service that is getting worse.”\n\n" +
		"“Customers are being asked to pay more for a service that is getting worse,” said Mike Keil, head of policy at the consumer council.\n\n" +
		"“We know this is a big ask,” a spokesperson for the companies said."
	got := Rank(text, Extract(text), RankOptions{Max: 5})
	n := 0
	for _, q := range got {
		if strings.Contains(q.Text, "getting worse") {
			n++
			if q.Speaker != "Mike Keil" {
				t.Errorf("kept %q by %q, want the one by Mike Keil", q.Text, q.Speaker)
			}
		}
	}
	if n != 1 || len(got) != 2 {
		t.Errorf("got %d quotations (%d of the repeated one): %+v", len(got), n, got)
	}
	two := Rank("", []Quote{{Text: "No comment.", Speaker: "Ann Lee"}, {Text: "No comment,", Speaker: "Bo Chan"}}, RankOptions{Max: 5})
	if len(two) != 2 {
		t.Errorf("the same words by two people: %+v", two)
	}
}
