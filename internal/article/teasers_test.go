package article

import (
	"bytes"
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

// Cards for other stories after the story — "More from …" with headlines
// and blurbs, a video rail with its clips' titles and blurbs — do not
// reach the text; a story whose last section is headed by a link keeps it.
func TestExtractDropsTrailingCards(t *testing.T) {
	page, err := os.ReadFile("testdata/cards.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(bytes.NewReader(page), "https://metro.example/news/bike-lanes")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "federal transportation grant") || !strings.Contains(a.Text, "Ana Ruiz") {
		t.Fatalf("story missing:\n%s", a.Text)
	}
	for _, bad := range []string{"More from", "Mayor Thompson", "40 officers", "Stadium", "Watch", "Senator", "Mark Blake", "warehouse", "six hours"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q from the cards after the story:\n%s", bad, a.Text)
		}
	}

	// Cards that are links around their blocks (kicker, headline, blurb).
	page, err = os.ReadFile("testdata/cards-links.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err = Extract(bytes.NewReader(page), "https://kurier.example/radweg")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Karin Vogt") || !strings.Contains(a.Text, "Ende des kommenden Jahres") {
		t.Fatalf("story missing:\n%s", a.Text)
	}
	for _, bad := range []string{"Polizei", "Einbruch", "Bäckerei", "TSV", "Eintracht", "Lauterbach", "Stationen"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q from the cards after the story:\n%s", bad, a.Text)
		}
	}

	var b strings.Builder
	b.WriteString(`<html><head><title>Five walks</title></head><body><article><h1>Five walks</h1>`)
	for i := 0; i < 4; i++ {
		b.WriteString("<p>The coast path is at its best in the spring, when the gorse is out and the paths are dry enough to walk in ordinary shoes all the way to the lighthouse.</p>")
	}
	b.WriteString(`<h2><a href="/walks/cliff">The cliff walk</a></h2><p>` + strings.Repeat("The cliff walk starts at the harbour and climbs to the old signal station, with views over the whole bay. ", 4) + `</p>`)
	b.WriteString(`</article></body></html>`)
	a, err = Extract(strings.NewReader(b.String()), "https://walks.example/five")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The cliff walk\n\nThe cliff walk starts") {
		t.Errorf("the story's last section is gone:\n%s", a.Text)
	}
}
