package feed

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// textPieces are what the random fragments of TestPlainTagsText are made
// of: plain tags of every kind markupText treats apart, tags the fast path
// leaves to the tokenizer, character references whole and cut, line ends,
// white space of all kinds, control characters and invalid UTF-8.
var textPieces = []string{
	"<p>", "</p>", "<P class=x>", "<br>", "<BR/>", "</br>", "<td>", "</td>", "<th>", "<tr>", "</tr>", "<img src=x>",
	"</img>", "<a href=x>", "</a>", "<li>", "<div id=a/>", "<span>", "</span>", "<strong>", "<blockquote>",
	"<unknownelementwithalongname>", "<h2\n>", "</p\tx>",
	"<script>", "</script>", "<style>", "<title>", "</title>", "<textarea>", "<template>", "<noscript>", "<xmp>",
	"<a href='x>y'>", `<a title="q">`, "<!--", "-->", "<!DOCTYPE html>", "<?xml?>", "< p>", "</ p>", "</>", "<1>",
	"<p", "<", ">", "</", "<a <b>",
	"<span hidden>", "<div aria-hidden=true>", "<p style=display:none>", "<div style=visibility:hidden>",
	"<div hidden=until-found>", "<SPAN ARIA-HIDDEN=TRUE>", "<b style=display&#58;none>", "</div>", "<div>", "<p title=x>",
	"&amp;", "&nbsp;", "&#8217;", "&#x2019;", "&am", "p;", "&", "&lt;p&gt;", "&amp;#8217;", "&unknown;",
	"\r\n", "\r", "\n", "\n\n", " ", "  ", "\t", "\f", "\v", "\u00a0", "\u2003", "\u0085", "\u3000",
	"text", "Putin's", "é", "日本", "\x00", "\x01", "\x7f", "\xff", "\xe2\x80", "1", "000", "\u202f", "\u2009", "&#8239;", "-", "Mittel", "alter", "und", "Stream", "-\n", "-\r\n ",
}

func randomMarkup(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return b.String()
}

// TestPlainTagsText: the text of markup made of plain tags is the
// tokenizer's, and collapse is its rules' (collapseSplit), on random
// fragments and on the descriptions and contents of the shared corpus of
// real-world feeds (when present).
func TestPlainTagsText(t *testing.T) {
	check := func(s string) bool {
		if got, want := collapse(s), collapseSplit(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		got, ok := plainTagsText(s)
		if !ok {
			return false
		}
		if want := tokenizedText(s); got != want {
			t.Errorf("plainTagsText(%q) = %q, the tokenizer's text is %q", s, got, want)
		}
		return true
	}
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	const n = 200_000
	for range n {
		if check(randomMarkup(r)) {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	if fast < n/20 {
		t.Errorf("only %d of %d random fragments took the fast path", fast, n)
	}
	if _, err := os.Stat(realWorld); err != nil {
		t.Logf("no real-world corpus: %v", err)
		return
	}
	texts, fast := 0, 0
	for _, file := range corpusFiles(t, realWorld) {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := gofeed.NewParser().Parse(f)
		f.Close()
		if err != nil {
			continue
		}
		for _, it := range doc.Items {
			for _, s := range []string{it.Title, it.Description, it.Content} {
				if s == "" {
					continue
				}
				texts++
				if check(s) {
					fast++
				}
			}
		}
	}
	t.Logf("real-world corpus: %d of %d texts by the fast path", fast, texts)
}

// TestPlainTextAllocations: a description of plain tags is turned into
// text without the HTML tokenizer (4 KB of buffer a call): the markup's
// text, a decoded reference, entity's pass and the collapsed result.
func TestPlainTextAllocations(t *testing.T) {
	s := "<p>Officials met on Tuesday to discuss the budget. The minister said growth would return next year.</p><p>Analysts were less sure &amp; pointed to <b>weak exports</b>.</p>"
	if n := testing.AllocsPerRun(50, func() { PlainText(s) }); n > 4 {
		t.Errorf("PlainText made %.1f allocations a call, want at most 4", n)
	}
}

// FuzzCollapse: collapse, shortcut for text already collapsed included, is
// its rules' (collapseSplit).
func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", " ", "Story f0001-7-3 about the economy", "  padded  ", "\n\nOfficials met.\n\n", "two  spaces",
		"a\tb", "Mittel-\nalter", "end-", "-start", "x\u00a0y", "1\u00a0000", "tab\t", "\x7f", "a -\n b", "\vv\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse(s), collapseSplit(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
