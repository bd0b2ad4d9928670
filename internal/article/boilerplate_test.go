package article

import (
	"slices"
	"strings"
	"testing"
)

func TestCutAtEndMarker(t *testing.T) {
	story := []string{
		strings.Repeat("The harbour board met on Monday to decide the future of the ferry. ", 4),
		strings.Repeat("Most members spoke in favour of keeping the service for another decade. ", 4),
		"The decision will be reviewed in the spring.",
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"related stories after the story", append(slices.Clone(story), "You may also like…", "Council rejects new marina", "Tide tables for the week"), story},
		{"German heading with a colon", append(slices.Clone(story), "Mehr zum Thema:", "Fähre fährt weiter"), story},
		{"Spanish, capitalised", append(slices.Clone(story), "Noticias relacionadas", "El puerto cierra"), story},
		{"teaser line inside the story", []string{story[0], "Read more: Council rejects new marina", story[1], story[2]}, story},
		{"inline teaser marker alone", []string{story[0], "À lire aussi", story[1], story[2]}, story},
		{"inline teaser marker does not end the story", []string{story[0], story[1], "Lesen Sie auch", story[2]}, story},
		{"a marker before most of the story is kept", append([]string{"Related", strings.Repeat("x ", 10)}, story...), append([]string{"Related", strings.Repeat("x ", 10)}, story...)},
		{"a longer paragraph is not a marker", append(slices.Clone(story), "Related stories were published by other papers, which also covered the vote at length."),
			append(slices.Clone(story), "Related stories were published by other papers, which also covered the vote at length.")},
		{"nothing but a marker", []string{"Comments"}, []string{"Comments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cutAtEndMarker(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("cutAtEndMarker:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Teasers below a story inside the article element do not reach the text.
func TestExtractStopsAtRelatedStories(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html lang="en"><head><title>Ferry to keep running</title></head><body><article><h1>Ferry to keep running</h1>`)
	for i := 0; i < 5; i++ {
		b.WriteString("<p>The harbour board met on Monday and decided, after a long debate, that the old ferry will keep running for another decade. ")
		b.WriteString("Members said the service mattered to the island's schools and shops.</p>")
	}
	b.WriteString(`<h2>Related stories</h2><p>Island school wins regional chess title after a season of hard work and early mornings for its young players.</p>`)
	b.WriteString(`<p>Storm warning lifted for the coast as the wind drops overnight and fishing boats prepare to leave harbour again.</p>`)
	b.WriteString(`</article></body></html>`)
	a, err := Extract(strings.NewReader(b.String()), "https://island.example/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "schools and shops") {
		t.Fatalf("story missing: %q", a.Text)
	}
	for _, bad := range []string{"Related stories", "chess", "Storm warning"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q from the related stories:\n%s", bad, a.Text)
		}
	}
}
