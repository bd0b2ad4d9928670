package chattext

import (
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/alert"
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
		"https://a.example/x|<!here>": false, "https://a.example/x|y": true, "https://u:p@a.example/": false, "/relative": false} {
		if (SafeURL(raw) != "") != ok {
			t.Errorf("SafeURL(%q)", raw)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		max       int
		want, esc string // Truncate's, TruncateEscaped's (when it differs)
	}{
		{"fits", "short", 10, "short", ""},
		{"word boundary", "the quick brown fox jumps", 16, "the quick brown…", ""},
		{"no spaces (CJK)", "漢字漢字漢字漢字", 5, "漢字漢字…", ""},
		{"emoji counted as one", strings.Repeat("😀", 5), 5, strings.Repeat("😀", 5), ""},
		{"emoji cut", strings.Repeat("😀", 6), 5, "😀😀😀😀…", ""},
		{"combining mark kept with its letter", "e\u0301e\u0301e\u0301", 4, "e\u0301…", ""},
		{"family emoji not split", "ab👨‍👩‍👧", 6, "ab…", ""},
		// An escape cut in half would escape the ellipsis; a backslash of
		// plain text is the text's own, escaped after the cut.
		{"backslash at the cut", `abc\*def`, 5, `abc\…`, "abc…"},
		{"escaped backslash kept", `ab\\cdef`, 5, `ab\\…`, `ab\\…`},
		{"zero", "abc", 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.esc == "" {
				tt.esc = tt.want
			}
			if got := Truncate(tt.in, tt.max); got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if got := TruncateEscaped(tt.in, tt.max); got != tt.esc {
				t.Errorf("TruncateEscaped(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.esc)
			}
		})
	}
}

func TestCutLinesAndJoinLines(t *testing.T) {
	if got := CutLines("one\ntwo\nthree", 8, Truncate); got != "one\ntwo" {
		t.Errorf("CutLines %q", got)
	}
	if got := CutLines("a long single line", 8, Truncate); got != "a long…" {
		t.Errorf("CutLines %q", got)
	}
	if got := JoinLines([]string{"12345", "123", "1"}, 9); got != "12345\n123" {
		t.Errorf("JoinLines %q", got)
	}
	if got := JoinLines([]string{"1234567890"}, 10); got != "1234567890" {
		t.Errorf("JoinLines: a first line of exactly max left out: %q", got)
	}
}

// The quotes shown are the first max with text that the summary does not
// show; what the message says already is those quotes, not the first max
// of the alert's (an empty quote took a place, and the snippet of the
// last quote shown was repeated under "Why it matched").
func TestShownQuotesAndSaid(t *testing.T) {
	a := alert.Alert{
		Summary: "We will win this vote, she said.",
		Quotes: []alert.Quote{
			{Text: "We will win this vote,"}, {Text: "“”"}, {Text: "  "},
			{Text: "“One,”", Speaker: "A"}, {Text: "Two."}, {Text: "The third quote shown,"}, {Text: "Four."},
		},
	}
	got := ShownQuotes(a, 3)
	var texts []string
	for _, q := range got {
		texts = append(texts, q.Text)
	}
	if strings.Join(texts, "|") != "One|Two.|The third quote shown" || got[0].Speaker != "A" {
		t.Fatalf("ShownQuotes %+v", got)
	}
	said := Said(a.Summary, got)
	if !Repeats("… the third quote shown …", said) {
		t.Errorf("a snippet of the third quote shown is not a repeat: %q", said)
	}
	if Repeats("Four and more words here", said) {
		t.Errorf("a quote not shown counts as said: %q", said)
	}
}

func TestOtherOutlets(t *testing.T) {
	names := func(os []alert.Outlet) string {
		var out []string
		for _, o := range os {
			out = append(out, OutletName(o.Feed))
		}
		return strings.Join(out, "|")
	}
	also := []alert.Outlet{{Feed: "Example Times"}, {Feed: "Le Monde"}, {Feed: "Le  Monde"}, {Feed: "le monde\u200b"},
		{Feed: ""}, {Feed: " "}, {Feed: "BBC"}}
	if got := names(OtherOutlets("example times ", also)); got != "Le Monde|another outlet|BBC" {
		t.Errorf("OtherOutlets: %s", got)
	}
	if got := names(OtherOutlets("", also)); got != "Example Times|Le Monde|another outlet|BBC" {
		t.Errorf("OtherOutlets of an alert without an outlet name: %s", got)
	}
}

func TestCountsInGoodEnglish(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Count(1, "alert") + " · " + Count(1, "watch"), "1 alert · 1 watch"},
		{Count(2, "alert") + " · " + Count(3, "watch"), "2 alerts · 3 watches"},
		{LastDays(1), "last day"},
		{LastDays(7), "last 7 days"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}
