package article

import (
	"bytes"
	"strings"
	"testing"
)

// A lead set apart from the body between the headline and the first
// paragraph is the story's opening; a teaser of another story after the
// body is not.
func TestExtractKeepsLead(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "lead.html")), "https://courier.example/local/2024/island-school")
	if err != nil {
		t.Fatal(err)
	}
	lead := "After a year of uncertainty, the county has agreed to fund a full-time post"
	body := "The decision was announced on Tuesday evening"
	i, j := strings.Index(a.Text, lead), strings.Index(a.Text, body)
	if i < 0 || j < 0 || i > j {
		t.Errorf("want the lead, then the body; got %q", a.Text)
	}
	for _, bad := range []string{"Harbour town votes", "By Maren Ostby"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q kept in %q", bad, a.Text)
		}
	}
}

func TestAddLeadNeedsHeadlineAndMarkedContainer(t *testing.T) {
	const page = `<html><body>%s<div class="%s"><p>After a year of uncertainty, the county has agreed to fund a full-time post at the school.</p></div>
<div class="body"><p>The decision was announced on Tuesday evening at a meeting in the school hall, where parents had gathered.</p></div></body></html>`
	body := "The decision was announced on Tuesday evening at a meeting in the school hall, where parents had gathered."
	tests := []struct {
		name, h1, class string
		lead            bool
	}{
		{"standfirst under the headline", "<h1>Island school keeps its teacher</h1>", "standfirst", true},
		{"no headline above it", "", "standfirst", false},
		{"a container not marked as a lead", "<h1>Island school keeps its teacher</h1>", "promo-box", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseHTML([]byte(strings.Replace(strings.Replace(page, "%s", tt.h1, 1), "%s", tt.class, 1)), "")
			if err != nil {
				t.Fatal(err)
			}
			got := addLead(doc, []string{body}, linkShares(doc), nil)
			if (len(got) == 2) != tt.lead {
				t.Errorf("addLead = %q, want lead added: %v", got, tt.lead)
			}
		})
	}
}

// A block between headline and body that repeats the description the page
// declares in its <meta> tags is the lead, whatever its class.
func TestExtractKeepsLeadMatchingDescription(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "leaddesc.html")), "https://forst.example/energie/laub-pellets")
	if err != nil {
		t.Fatal(err)
	}
	lead := "In einem Dorf in der Lausitz wird eine neue Idee ausprobiert"
	body := "Norbert Döring, Chef einer kleinen Forschungsgesellschaft"
	i, j := strings.Index(a.Text, lead), strings.Index(a.Text, body)
	if i < 0 || j < 0 || i > j {
		t.Errorf("want the lead, then the body; got %q", a.Text)
	}
}

func TestIsDescription(t *testing.T) {
	desc := "In einem Dorf in der Lausitz wird eine neue Idee ausprobiert: Aus dem Laub von Straßen und Plätzen sollen Pellets …"
	tests := []struct {
		text string
		want bool
	}{
		{"In einem Dorf in der Lausitz wird eine neue Idee ausprobiert: Aus dem Laub von Straßen und Plätzen sollen Pellets zum Heizen werden.", true},
		{"In einem Dorf in der Lausitz wird eine neue Idee ausprobiert: Aus dem Laub von Straßen und Plätzen", true},
		{"Norbert Döring, Chef einer kleinen Forschungsgesellschaft für dezentrale Energie, sucht nach Auswegen.", false},
	}
	for _, tt := range tests {
		if got := isDescription(tt.text, []string{desc}); got != tt.want {
			t.Errorf("isDescription(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if isDescription("Kurz.", []string{"Kurz."}) {
		t.Error("a description shorter than a lead matched")
	}
}
