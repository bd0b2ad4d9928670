package article

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// A paragraph inside a list item is read once, as the page shows it (the
// extractor gave a short one-item list of a page without a head twice).
func TestExtractReadsListParagraphsOnce(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "listitems.html")), "https://courier.example/corrections")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"The ferry vote was held on Monday"} {
		if n := strings.Count(a.Text, s); n != 1 {
			t.Errorf("%q appears %d times in %q, want once", s, n, a.Text)
		}
	}
}

func TestDropRepeats(t *testing.T) {
	once := "The ferry keeps running for another ten years after the vote."
	twice := "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod."
	doc, err := parseHTML([]byte("<html><body><ol><li><p>"+once+"</p></li></ol><p>"+twice+"</p><p>"+twice+"</p></body></html>"), "")
	if err != nil {
		t.Fatal(err)
	}
	got := dropRepeats(doc, []string{once, once, twice, twice})
	if want := []string{once, twice, twice}; !slices.Equal(got, want) {
		t.Errorf("dropRepeats = %q, want %q (a repeat the page itself has is kept)", got, want)
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "\u00a0a b\u3000", "München liegt  an der Isar",
		"x \u0085 y", "Mittel alter", "  \n\t ", "ä ö ü",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
