package article

import (
	"bytes"
	"strings"
	"testing"
)

// Text either side of a block boundary (list items, blocks inside them,
// table cells, <br>) stays apart in the extracted text however the
// extractor assembles it, and inline elements never split a word.
func TestExtractKeepsBlockBoundaries(t *testing.T) {
	tests := []struct {
		fixture  string
		want     []string // paragraphs or lines of the text, each whole
		inText   []string // anywhere in the text
		unwanted []string
	}{
		{
			fixture: "joins.html", // long enough for the extractor's main path
			want: []string{
				"The ferry will run for another ten years.",
				"Mooring fees for visiting yachts will rise.",
				"Islanders keep their discount.",
				"Freight pays the full fare.",
				"The timetable stays",
				"as it is.",
			},
			inText:   []string{"Harbour ward", "Yes 212", "Hill ward", "No 41", "Putin's embassy", "regular visitor", "said nothing."},
			unwanted: []string{"years.Mooring", "wardYes", "212Hill", "wardNo", "staysas", "Pu tin", "reg ular", "noth ing"},
		},
		{
			fixture: "joins-short.html", // short: the extractor's rescue takes <article>'s text
			want: []string{
				"The ferry will run for another ten years.",
				"Mooring fees for visiting yachts will rise.",
				"Freight pays the full fare.",
				"Timetable unchanged",
				"Next vote in May",
			},
			inText:   []string{"Harbour ward Yes"},
			unwanted: []string{"years.Mooring", "rise.Freight", "notesThe", "fare.Harbour", "wardYes", "unchangedNext"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			a, err := Extract(bytes.NewReader(readFixture(t, tt.fixture)), "https://courier.example/ferry")
			if err != nil {
				t.Fatal(err)
			}
			lines := map[string]bool{}
			for _, l := range strings.FieldsFunc(a.Text, func(r rune) bool { return r == '\n' }) {
				lines[l] = true
			}
			for _, w := range tt.want {
				if !lines[w] {
					t.Errorf("no paragraph or line %q in %q", w, a.Text)
				}
			}
			flat := strings.Join(strings.Fields(a.Text), " ")
			for _, s := range tt.inText {
				if !strings.Contains(flat, s) {
					t.Errorf("%q not in %q", s, flat)
				}
			}
			for _, s := range tt.unwanted {
				if strings.Contains(flat, s) {
					t.Errorf("%q in %q", s, flat)
				}
			}
		})
	}
}

// A page with a <title> and a body of one short list item gives the item
// once, without the title (the extractor's rescue added the whole
// document's text, title first, after the item).
func TestExtractShortPageOnce(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "title-one-item.html")), "https://courier.example/corrections")
	if err != nil {
		t.Fatal(err)
	}
	want := "The ferry vote was held on Monday, not Tuesday as this page said last week."
	if a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	if a.Title != "Corrections" {
		t.Errorf("title %q, want Corrections", a.Title)
	}
}

func TestMendSeams(t *testing.T) {
	doc, err := parseHTML([]byte(`<html><body><ul><li>ten years.</li><li>Mooring fees</li></ul><p>a <i>b</i>c</p><table><tr><td>x1</td><td>y2</td></tr></table><p>one<br>two</p><table><tr><td>1</td><td>0</td></tr></table><p>Page 10</p><ul><li><strong>Dr. Agnes Jurati</strong> Theoretische</li></ul></body></html>`), "")
	if err != nil {
		t.Fatal(err)
	}
	got := findSeams(doc).mend([]string{"for ten years.Mooring fees", "a bc", "x1y2 and one two", "onetwo", "Moorings years.Mooringfees", "Page 10", "Dr. Agnes JuratiTheoretische"})
	want := []string{"for ten years.", "Mooring fees", "a bc", "x1 y2 and one two", "one\ntwo", "Moorings years.Mooringfees", "Page 10", "Dr. Agnes Jurati Theoretische"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("mend = %q, want %q", got, want)
	}
}

// A short story in an <article> that the extractor rescues as one run of
// text (its breadcrumb and headline glued to the story) is read in the
// article's own paragraphs: the breadcrumb and the headline go, the footer
// stays out, the story keeps its two paragraphs.
func TestExtractShortArticleParagraphs(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Bridge repairs to start Monday | The Bay Gazette</title></head><body>
<article>
<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/local">Local</a></nav>
<h1>Bridge repairs to start Monday</h1>
<p>Repairs to the Harbor Street bridge will start Monday and close one lane for three weeks, the county said.</p>
<p>Drivers are asked to use Mill Road instead.</p>
<footer><div class="filed">Filed under: <a href="/tag/roads">Roads</a>, <a href="/tag/county">County</a></div>
<address>The Bay Gazette · 45 Water Street · Port Ellis, ME 04000 · (207) 555-0147</address></footer>
</article>
<div class="site-footer"><p>The Bay Gazette is published by Ellis Media LLC.</p><p>45 Water Street, Port Ellis, ME 04000</p></div>
</body></html>`
	a, err := Extract(strings.NewReader(page), "https://bay.example/news/bridge")
	if err != nil {
		t.Fatal(err)
	}
	want := "Repairs to the Harbor Street bridge will start Monday and close one lane for three weeks, the county said.\n\nDrivers are asked to use Mill Road instead."
	if a.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", a.Text, want)
	}
}
