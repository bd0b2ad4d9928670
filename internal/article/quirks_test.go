package article

import (
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/match"
)

// TestTextQuirksReachTheMatcher extracts a page with the markup and escaping quirks of real pages and
// checks that the words a reader sees, and only those, are the words the matcher sees.
func TestTextQuirksReachTheMatcher(t *testing.T) {
	filler := strings.Repeat("The minister spoke to reporters in the capital about the budget and the coming winter. ", 3)
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Talks | Site</title>
<meta property="og:title" content="Putin&amp;amp;#8217;s war"></head><body><article><h1>Talks</h1>
<p>` + filler + `The long word Konstantinopel<wbr>straße was split. After it the sentence goes on to Warsaw.</p>
<p>` + filler + `Zelensky&amp;#39;s aides met Biden&amp;rsquo;s team.</p>
<p>` + filler + `Nothing else happened.<span hidden>Hidden Macron</span><span hidden="until-found">Folded Meloni</span></p>
<div hidden><p>` + filler + `Secret Orban paragraph.</p></div>
<template><p>` + filler + `Template Musk paragraph.</p></template>
<p>` + filler + `</p>
</article></body></html>`
	a, err := Extract(strings.NewReader(page), "http://x/a")
	if err != nil {
		t.Fatal(err)
	}
	title := " " + match.Fold(a.Title) + " "
	text := " " + match.Fold(a.Text) + " "
	for _, w := range []string{"putin war"} {
		if !strings.Contains(title, " "+w+" ") {
			t.Errorf("title %q (folded %q) lacks %q", a.Title, title, w)
		}
	}
	for _, w := range []string{"konstantinopelstrasse was split", "goes on to warsaw", "zelensky aides", "biden team", "folded meloni"} {
		if !strings.Contains(text, " "+w+" ") {
			t.Errorf("text lacks %q: %q", w, a.Text)
		}
	}
	for _, w := range []string{"macron", "orban", "musk"} {
		if strings.Contains(text, " "+w+" ") {
			t.Errorf("text has hidden %q: %q", w, a.Text)
		}
	}
}
