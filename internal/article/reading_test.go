package article

import (
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/match"
)

// Page text reads as a reader reads the page: a word hyphenated at a line
// end is one word, and a number grouped with no-break or thin spaces keeps
// them, so the matcher reads it as one number (as in feed text).
func TestExtractReadsBrokenWordsAndDigitGroups(t *testing.T) {
	page := `<html lang="de"><head><title>Burgen</title></head><body><article><h1>Burgen</h1>` +
		"<p>Burgen im Mittel-\nalter wurden von 1&nbsp;000 Arbeitern gebaut, so steht es in der Chronik der Stadt, die seit Jahrhunderten im Archiv liegt.</p>" +
		"<p>Die Verwal-<br>tung der Stadt zahlte 2&#8239;500&#8239;000 Gulden. Die Straße Nord-<br>Stadt blieb, der Ein-<br>und Ausgang auch, bis 12&nbsp;345 678 Bürger kamen.</p>" +
		`<pre>Vor-
formatiert bleibt es</pre></article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://burgen.example/a")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Mittelalter", "1\u00a0000 Arbeitern", "Verwaltung", "2\u202f500\u202f000 Gulden", "Nord-\nStadt", "Ein-\nund Ausgang", "12 345 678 Bürger"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%q", want, a.Text)
		}
	}
	words := match.Words(a.Text)
	has := func(w string) bool {
		for _, x := range words {
			if x.Fold == w {
				return true
			}
		}
		return false
	}
	for _, w := range []string{"mittelalter", "1000", "verwaltung", "2500000"} {
		if !has(w) {
			t.Errorf("the matcher does not read %q in %q", w, a.Text)
		}
	}
}

func TestGroupedNumbers(t *testing.T) {
	tests := map[string][]string{
		"1\u00a0000 und 25\u00a0000\u00a0000":   {"1\u00a0000", "25\u00a0000\u00a0000"},
		"1234\u00a0567, 1\u00a000, 1\u00a00000": nil,
		"Seite 7\u00a0– 1\u2009250\u202f":       {"1\u2009250"},
	}
	for in, want := range tests {
		got := groupedNumbers(in)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("groupedNumbers(%q) = %q, want %q", in, got, want)
		}
	}
	groups := map[string]string{"1 000": "1\u00a0000"}
	for in, want := range map[string]string{
		"1 000 Mann, nicht 21 000 oder 1 0000": "1\u00a0000 Mann, nicht 21 000 oder 1 0000",
		"2 1 000 und 1 000":                    "2 1 000 und 1\u00a0000",
	} {
		if got := keepDigitGroups(in, groups); got != want {
			t.Errorf("keepDigitGroups(%q) = %q, want %q", in, got, want)
		}
	}
}
