package trafilatura

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"github.com/markusmobius/go-trafilatura/internal/etree"
	"github.com/markusmobius/go-trafilatura/internal/selector"
	"golang.org/x/net/html"
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

// trimmedTextLen counts what utf8.RuneCountInString(trim(dom.TextContent(n)))
// counts, for every element of a page with white space of every kind,
// words cut across elements, non-Latin text and bytes that are not UTF-8.
func TestTrimmedTextLen(t *testing.T) {
	for _, page := range []string{
		"<div> <p>one  two\t<b>thr</b>ee </p>\n<p>\u00a0four\u2003five\u3000六七 </p><ul><li><a href=x> link </a></li><li></li></ul></div>",
		"<div><p>caf\xc3<b>\xa9</b> bytes \xff that are not UTF-8</p><p>and   more</p></div>",
		"<div><p>   </p><span>\u0085</span></div><p>x</p>",
		"<div>a<b></b>b<i> </i>c<u>d </u> e<s> f</s>g<!-- c -->h<em></em></div>",
		"<div><span>  lead</span><span>trail  </span><span></span><span>x</span><span>  </span><span>y</span></div>",
		"<div>ab<p>\xff</p>cd</div><div><p>one</p><p>two three</p></div>",
	} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		lens := textLens{} // one memo for the page, as deleteByLinkDensity uses it
		for _, n := range dom.GetElementsByTagName(doc, "*") {
			want := utf8.RuneCountInString(trim(dom.TextContent(n)))
			if got := trimmedTextLen(n); got != want {
				t.Errorf("%s in %q: %d, want %d", n.Data, page, got, want)
			}
			if got := lens.len(n); got != want {
				t.Errorf("%s in %q: memo %d, want %d", n.Data, page, got, want)
			}
		}
	}
}

// paragraphOutside tells whether removing the elements of the given tags
// leaves a <p>.
func TestParagraphOutside(t *testing.T) {
	tags := map[string]struct{}{"aside": {}, "form": {}}
	for page, want := range map[string]bool{
		"<div><p>kept</p></div>":                                      true,
		"<aside><p>gone</p></aside><form><p>gone</p></form>":          false,
		"<aside><p>gone</p></aside><div><div><p>kept</p></div></div>": true,
		"<div>no paragraph</div>":                                     false,
	} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		if got := paragraphOutside(doc, tags); got != want {
			t.Errorf("%q: %v, want %v", page, got, want)
		}
		etree.StripElements(doc, false, "aside", "form")
		if left := len(dom.GetElementsByTagName(doc, "p")) > 0; left != want {
			t.Errorf("%q: a paragraph left after stripping: %v, want %v", page, left, want)
		}
	}
}

// Pruning a copy in place gives what pruning the original gives, and a
// backup, when pruning takes most of the text, is a copy of the original.
func TestPruneOwnedNodes(t *testing.T) {
	page := `<html><body><div id="main"><p>Story text long enough to keep, and more of it here.</p>
<div class="share-buttons">Share this story <a href="/x">now</a></div> tail text
<figure><img src="a.jpg"><figcaption>caption</figcaption></figure><p>End.</p></div>
<div id="all-share"><div class="footer">footer words everywhere</div><div class="share">all of it</div></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"main", "all-share"} {
		sub := dom.GetElementByID(doc, id)
		before := etree.ToString(sub)
		want := etree.ToString(pruneUnwantedNodes(pruneUnwantedNodes(sub, selector.OverallDiscardedContent, true), selector.DiscardedImage))
		first := pruneUnwantedNodes(sub, selector.OverallDiscardedContent, true)
		got := etree.ToString(pruneOwnedNodes(first, first, selector.DiscardedImage))
		if got != want {
			t.Errorf("%s: pruned in place\n%s\nwant\n%s", id, got, want)
		}
		if etree.ToString(sub) != before {
			t.Errorf("%s: the original changed", id)
		}
	}
}

// stripTagsOnce and removeElementsOnce leave the tree etree.StripTags and
// etree.StripElements leave, tag by tag in any order: nested elements of
// the same and of different tags, tails with comments in them, elements
// in a foreign namespace.
func TestOneWalkCleaning(t *testing.T) {
	page := `<html><head><title>t</title><meta name=a content=b></head> between <body>
<div><font><small>one <font>two</font></small> three</font> tail<!-- c --> more <form><p>f</p><aside>x</aside></form> after form <!-- c2 --> text
<p><abbr>a<abbr>b</abbr></abbr> <nav>n</nav>t1<aside>a2</aside>t2<span>s</span></p>
<svg><font>in svg</font><g><title>svg title</title></g></svg> after svg <math><mi>x</mi></math>
<table><thead><tr><td>h</td></tr></thead><tbody><tr><td><img src=i> c<input> tail</td></tr></tbody></table></div></body></html>`
	strip := map[string]struct{}{"font": {}, "small": {}, "abbr": {}, "thead": {}, "tbody": {}, "img": {}, "g": {}}
	remove := map[string]struct{}{"form": {}, "aside": {}, "nav": {}, "head": {}, "math": {}, "input": {}, "title": {}}
	render := func(n *html.Node) string {
		var b strings.Builder
		var walk func(n *html.Node, depth int)
		walk = func(n *html.Node, depth int) {
			b.WriteString(strings.Repeat(" ", depth) + n.Namespace + ":" + n.Data + "\n")
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, depth+1)
			}
		}
		walk(n, 0)
		return b.String()
	}
	for range 5 { // the originals go through the tags in map order
		want, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := html.Parse(strings.NewReader(page))
		for tag := range strip {
			etree.StripTags(want, tag)
		}
		stripTagsOnce(got, strip)
		if w, g := render(want), render(got); w != g {
			t.Fatalf("stripTagsOnce:\n%s\nwant\n%s", g, w)
		}
		for tag := range remove {
			etree.StripElements(want, false, tag)
		}
		removeElementsOnce(got, remove)
		if w, g := render(want), render(got); w != g {
			t.Fatalf("removeElementsOnce:\n%s\nwant\n%s", g, w)
		}
	}
}

// extractDomAuthor reads the page in place when it can: the author it finds
// is the one of upstream's search in a pruned copy, on pages with discarded
// elements around, inside, before and after the author's.
func TestDomAuthorInPlace(t *testing.T) {
	long := strings.Repeat("word ", 30)
	for _, page := range []string{
		`<div><span class="author">Jane Roe</span></div>`,
		`<div class="sidebar"><span class="author">Side Bar</span></div><p><a rel="author">Jane Roe</a></p>`,
		`<p><span class="byline">By <time>today</time> Jane Roe</span></p>`,
		`<p><span class="byline">By Jane Roe</span><time>today</time> tail text</p><div class="author-name">John Doe</div>`,
		`<div class="author">` + long + `</div><p><span id="author">Jane <figure>pic</figure>Roe</span></p>`,
		`<div class="author"><span class="date">May 1</span> after the date</div>`,
		`<p>no author here</p>`,
		`<section id="comments"><div class="author">Commenter</div></section><address class="writer">Jane Roe</address>`,
		`<div class="author">J</div><div class="AuthorName">  Jane
		Roe </div>`,
	} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		clone := etree.Clone(doc)
		clone = pruneOwnedNodes(clone, clone, selector.MetaAuthorDiscard)
		want := extractDomMetaSelectors(clone, 120, selector.MetaAuthor)
		if got, ok := domAuthorInPlace(doc); ok && got != want {
			t.Errorf("%s: in place %q, in the pruned copy %q", page, got, want)
		}
		if want != "" {
			want = normalizeAuthors("", want)
		}
		if got := extractDomAuthor(doc); got != want {
			t.Errorf("%s: extractDomAuthor %q, want %q", page, got, want)
		}
	}
}

func FuzzTextLens(f *testing.F) {
	f.Add("<div>a<b></b>b<i> </i>c<u>d </u> e<s> f</s>g<!-- c -->h<em></em></div>")
	f.Add("<div>ab<p>\xff</p>cd</div><div><p>one</p><p>two\u00a0three</p></div>")
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		lens := textLens{}
		for _, n := range dom.GetElementsByTagName(doc, "*") {
			if got, want := lens.len(n), trimmedTextLen(n); got != want {
				t.Errorf("%s in %q: memo %d, want %d", n.Data, page, got, want)
			}
		}
	})
}
