package trafilatura

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLangSample(t *testing.T) {
	short := "Der Gemeinderat hat am Montag beschlossen, die Fähre weiter fahren zu lassen."
	if got := langSample(short); got != short {
		t.Errorf("langSample of a short text = %q, want it whole", got)
	}
	long := strings.Repeat("Der Gemeinderat hat am Montag beschlossen, die Fähre weiter fahren zu lassen. ", 200)
	got := langSample(long)
	if len(got) > langSampleMax || len(got) < langSampleMax-100 || !strings.HasPrefix(long, got) || strings.HasSuffix(got, " ") {
		t.Errorf("langSample of %d bytes gave %d bytes ending %q", len(long), len(got), got[max(0, len(got)-20):])
	}
	cjk := strings.Repeat("子供への体罰を禁止する法律が成立した。", 400) // no spaces: cut at a rune boundary
	if got := langSample(cjk); !utf8.ValidString(got) || len(got) > langSampleMax || len(got) < langSampleMax-3 {
		t.Errorf("langSample of CJK text: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestSkipCatTags(t *testing.T) {
	page := `<html><head><title>Ferry</title><meta property="article:tag" content="Harbour"></head><body>
<article><h1>Ferry</h1><p>The harbour board met on Monday and decided that the ferry will keep running for another decade, its chairwoman said after the meeting.</p>
<p>Members said the service mattered to the island's schools and shops, and that a new boat would cost more than the board could borrow.</p></article>
<p class="tags">Tags: <a href="/tag/harbour" rel="tag">Harbour</a> <a href="/tag/ferry" rel="tag">Ferry</a></p>
<p>Categories: <a href="/category/local" rel="category tag">Local</a></p></body></html>`
	with, err := Extract(strings.NewReader(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	without, err := Extract(strings.NewReader(page), Options{SkipCatTags: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Metadata.Tags)+len(with.Metadata.Categories) == 0 {
		t.Fatalf("the page's tags and categories were not found by default: %+v", with.Metadata)
	}
	if len(without.Metadata.Tags)+len(without.Metadata.Categories) != 0 || without.ContentText != with.ContentText {
		t.Errorf("SkipCatTags: tags %q categories %q; text the same: %v", without.Metadata.Tags, without.Metadata.Categories, without.ContentText == with.ContentText)
	}
}
