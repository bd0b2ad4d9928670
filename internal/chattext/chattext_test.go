package chattext

import (
	"strings"
	"testing"
)

func TestLineAndParagraphs(t *testing.T) {
	if got := Line("  a\u202e b\n\tc\x00 "); got != "a b c" {
		t.Errorf("Line %q", got)
	}
	if got := Paragraphs("one\ntwo\n\n \n\nthree"); strings.Join(got, "|") != "one two|three" {
		t.Errorf("Paragraphs %q", got)
	}
}

func TestTruncateKeepsClusters(t *testing.T) {
	s := strings.Repeat("👩‍👩‍👧", 10)
	got := Truncate(s, 12)
	if Runes(got) > 12 || strings.Count(got, "👩‍👩‍👧")*5+1 != Runes(got) {
		t.Errorf("Truncate split a cluster: %q", got)
	}
	if got := Truncate("short", 10); got != "short" {
		t.Errorf("Truncate %q", got)
	}
}

func TestFitCountsEscapedText(t *testing.T) {
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }
	for _, max := range []int{1, 5, 11, 40} {
		got := Fit(strings.Repeat("a&", 30), max, esc)
		if Runes(got) > max || strings.Contains(strings.ReplaceAll(got, "&amp;", ""), "&") {
			t.Errorf("Fit(%d) = %q", max, got)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for raw, ok := range map[string]bool{"https://a.example/x": true, "javascript:alert(1)": false,
		"https://a.example/x|<!here>": false, "https://u:p@a.example/": false, "/relative": false} {
		if (SafeURL(raw) != "") != ok {
			t.Errorf("SafeURL(%q)", raw)
		}
	}
}
