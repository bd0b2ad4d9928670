package article

import (
	"bytes"
	"strings"
	"testing"
)

// A page whose story is only in <noscript> (a script's empty shell around
// it) is read as text, not as the markup the parser keeps there.
func TestExtractReadsStoryInNoscript(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "noscript.html")), "https://courier.example/harbour/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The harbour board met on Monday") || !strings.Contains(a.Text, "reviewed in the spring") {
		t.Errorf("story missing from %q", a.Text)
	}
	if strings.ContainsAny(a.Text, "<>") {
		t.Errorf("markup in the text: %q", a.Text)
	}
	if !strings.Contains(a.Text, "\n\n") {
		t.Errorf("want the story's paragraphs apart, got %q", a.Text)
	}
}

// On a page with its story in plain sight, what <noscript> says to readers
// without scripts is not read.
func TestExtractSkipsNoscriptBesideAStory(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html lang="en"><head><title>Ferry to keep running</title></head><body><noscript><div class="warn"><p>Please enable JavaScript to see the comments and the live tide tables on this page.</p></div></noscript><article><h1>Ferry to keep running</h1>`)
	for i := 0; i < 4; i++ {
		b.WriteString("<p>The harbour board met on Monday and decided, after a long debate, that the old ferry will keep running for another decade. ")
		b.WriteString("Members said the service mattered to the island's schools and shops.</p>")
	}
	b.WriteString(`<noscript><p>Comments need JavaScript.</p></noscript></article></body></html>`)
	a, err := Extract(strings.NewReader(b.String()), "https://courier.example/harbour/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The harbour board met on Monday") {
		t.Fatalf("story missing from %q", a.Text)
	}
	for _, bad := range []string{"JavaScript", "<p>"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q in the text: %q", bad, a.Text)
		}
	}
}
