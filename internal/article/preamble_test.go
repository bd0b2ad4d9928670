package article

import (
	"bytes"
	"strings"
	"testing"
)

// What a page sets above the headline in the story's container (a section
// name, a date, a search prompt, other stories' headlines) is not the
// story; a lead it sets there is.
func TestDropPreamble(t *testing.T) {
	const body = "The ferry between the two islands will run twice a day from March, the operator said on Monday, after a winter in which it ran only on weekdays."
	const title = "Island ferry to run twice a day"
	tests := []struct {
		name  string
		page  string
		paras []string
		want  []string
	}{
		{
			name:  "section and date above a headline the extractor left out",
			page:  `<div class="story"><div class="tags">Transport</div><div class="date">02 Feb. 2024</div><h1>` + title + `</h1><div class="text"><p>` + body + `</p></div></div>`,
			paras: []string{"Transport", "02 Feb. 2024", body},
			want:  []string{body},
		},
		{
			name:  "navigation and headlines above the headline it kept",
			page:  `<table><tr><td><p>Login</p><p>Most read</p><p>Harbour fees to rise?</p></td><td><h1>` + title + `</h1><p>` + body + `</p></td></tr></table>`,
			paras: []string{"Login", "Most read", "Harbour fees to rise?", title, body},
			want:  []string{body},
		},
		{
			name:  "a lead sentence above the headline is story",
			page:  `<div><p>Islanders have waited years for this, and the council says it is only a start.</p><h1>` + title + `</h1><p>` + body + `</p></div>`,
			paras: []string{"Islanders have waited years for this, and the council says it is only a start.", title, body},
			want:  []string{"Islanders have waited years for this, and the council says it is only a start.", title, body},
		},
		{
			name:  "no headline on the page",
			page:  `<div><div class="tags">Transport</div><h1>Other news</h1><p>` + body + `</p></div>`,
			paras: []string{"Transport", body},
			want:  []string{"Transport", body},
		},
		{
			name:  "a line the page also shows below the headline",
			page:  `<div><div class="tags">Transport</div><h1>` + title + `</h1><p>` + body + `</p><div class="tags">Transport</div></div>`,
			paras: []string{"Transport", body, "Transport"},
			want:  []string{"Transport", body, "Transport"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseHTML([]byte("<html><head><title>x</title></head><body>"+tt.page+"</body></html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			got := dropPreamble(doc, tt.paras, title)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("dropPreamble = %q, want %q", got, tt.want)
			}
		})
	}
}

// The whole way through Extract: a category label and a date above the
// headline stay out of the text.
func TestExtractDropsPreamble(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "preamble.html")), "https://sport.example/news/ski-jumping-hill")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The new hill above the village") {
		t.Fatalf("story missing: %q", a.Text)
	}
	for _, bad := range []string{"Winter Games", "14 Jan. 2024"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q kept in %q", bad, a.Text)
		}
	}
}

// Headings at the start of the text with nothing under them (the titles of
// a search box and a logo slide show in a side column) are dropped; the
// heading the text follows is kept.
func TestDropLeadingHeadings(t *testing.T) {
	const body = "The ferry between the two islands will run twice a day from March, the operator said on Monday, after a winter in which it ran only on weekdays."
	page := `<div class="side"><h2>Club finder</h2><form><input name="zip"></form><h2>Coming events</h2><div><a href="/e"><img src="/logo.png"></a></div></div>
<div class="main"><h2>Ferry to run twice a day</h2><p><b>Transport</b></p><p>` + body + `</p></div>`
	doc, err := parseHTML([]byte("<html><body>"+page+"</body></html>"), "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in, want []string
	}{
		{"empty headings before the story's", []string{"Club finder", "Coming events", "Ferry to run twice a day", "Transport", body}, []string{"Ferry to run twice a day", "Transport", body}},
		{"a heading with text under it", []string{"Ferry to run twice a day", body, "Club finder"}, []string{"Ferry to run twice a day", body, "Club finder"}},
		{"a line that is not a heading", []string{"Transport", "Coming events", "Ferry to run twice a day", body}, []string{"Transport", "Coming events", "Ferry to run twice a day", body}},
		{"nothing but headings", []string{"Club finder", "Coming events", "Ferry to run twice a day"}, []string{"Club finder", "Coming events", "Ferry to run twice a day"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropLeadingHeadings(doc, tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("dropLeadingHeadings = %q, want %q", got, tt.want)
			}
		})
	}
}

// A date standing alone above the story, with a section name before it, is
// not the story; a date that opens a sentence of the story is.
func TestDropDateLine(t *testing.T) {
	const body = "The ferry between the two islands will run twice a day from March, the operator said on Monday, after a winter in which it ran only on weekdays."
	tests := []struct {
		name     string
		in, want []string
	}{
		{"ISO date and section", []string{"News and press releases", "2021-10-16 | Message", body}, []string{body}},
		{"day and month name", []string{"02 Feb. 2022", body}, []string{body}},
		{"German date with a time", []string{"16. Oktober 2021, 14:05 Uhr", body}, []string{body}},
		{"English month first", []string{"October 16, 2021", body}, []string{body}},
		{"numeric date", []string{"Transport", "16.10.2021", body}, []string{body}},
		{"a date that opens the story", []string{"16.10.2021 – The ferry between the two islands will run twice a day from March, the operator said.", body},
			[]string{"16.10.2021 – The ferry between the two islands will run twice a day from March, the operator said.", body}},
		{"a date after the story has begun", []string{body, "16.10.2021", body}, []string{body, "16.10.2021", body}},
		{"a year is not a date", []string{"2021 in review", body}, []string{"2021 in review", body}},
		{"nothing but a date", []string{"02 Feb. 2022"}, []string{"02 Feb. 2022"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropDateLine(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("dropDateLine = %q, want %q", got, tt.want)
			}
		})
	}
}
