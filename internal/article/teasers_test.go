package article

import (
	"os"
	"strings"
	"testing"
)

// A box the page marks as a teaser, inside the story, advertises another
// story: its headline and blurb are not the story's text. The story's own
// teaser (the lead, the page's description) is.
func TestExtractDropsTeaserBoxes(t *testing.T) {
	page, err := os.ReadFile("testdata/teasers.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(strings.NewReader(string(page)), "https://inselbote.example/faehre")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Nach zwei Jahren Streit hat der Kreistag",
		"Die alte Fähre ist seit mehr als vierzig Jahren",
		"Die Kosten von rund zwanzig Millionen Euro",
		"Bürgermeisterin Anna Petersen",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lost %q:\n%s", want, a.Text)
		}
	}
	for _, unwanted := range []string{"Was Sie über den neuen Hafen wissen müssen", "Regelmäßig beantworten Fachleute"} {
		if strings.Contains(a.Text, unwanted) {
			t.Errorf("text holds the teaser %q:\n%s", unwanted, a.Text)
		}
	}
}

func TestDropTeasersKeepsAStoryInATeaserBox(t *testing.T) {
	// A page that puts its whole story in a box named "teaser" keeps it.
	doc, err := parseHTML([]byte(`<html><body><div class="article-teaser"><p>`+strings.Repeat("Die Fähre fährt. ", 10)+`</p><p>Sie fährt weiter.</p></div></body></html>`), "")
	if err != nil {
		t.Fatal(err)
	}
	paras := []string{strings.TrimSpace(strings.Repeat("Die Fähre fährt. ", 10)), "Sie fährt weiter."}
	if got := dropTeasers(doc, paras, nil); len(got) != 2 {
		t.Errorf("dropTeasers = %q, want both paragraphs", got)
	}
}
