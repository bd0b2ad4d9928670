package htmldate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// cloneTree makes the tree dom.Clone makes and shares nothing with the
// original.
func TestCloneTree(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html lang="en"><head><title>T</title></head><body>
<div class="a" id="b"><p>one <b>two</b></p><!-- c --><svg><circle r="1"/></svg><br></div>tail</body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(w, g *html.Node)
	walk = func(w, g *html.Node) {
		if w.Type != g.Type || w.DataAtom != g.DataAtom || w.Data != g.Data || w.Namespace != g.Namespace ||
			!reflect.DeepEqual(w.Attr, g.Attr) || (w.Attr == nil) != (g.Attr == nil) {
			t.Errorf("got %+v, want %+v", *g, *w)
		}
		wc, gc := w.FirstChild, g.FirstChild
		for ; wc != nil && gc != nil; wc, gc = wc.NextSibling, gc.NextSibling {
			if gc.Parent != g {
				t.Errorf("%s: child's parent is not the copy", g.Data)
			}
			walk(wc, gc)
		}
		if wc != nil || gc != nil {
			t.Errorf("%s: child counts differ", w.Data)
		}
	}
	walk(dom.Clone(doc, true), cloneTree(doc))
	div := dom.QuerySelector(doc, "div")
	c := cloneTree(div)
	c.Attr[0].Val = "changed"
	c.Attr = append(c.Attr, html.Attribute{Key: "x"})
	if div.Attr[0].Val != "a" || len(div.Attr) != 2 || c.Parent != nil || c.NextSibling != nil {
		t.Errorf("the copy is attached or shares its attributes: %+v", div.Attr)
	}
}

// FromDocument leaves the page as it was (it no longer copies it first),
// whichever of its searches finds the date.
func TestFromDocumentLeavesPage(t *testing.T) {
	for _, page := range []string{
		`<html><head><meta property="article:published_time" content="2021-03-04"></head><body><p>x</p></body></html>`,
		`<html><head><script type="application/ld+json">{"datePublished": "2021-03-04"}</script></head><body></body></html>`,
		`<html><body><abbr class="published" title="2021-03-04">March 4</abbr><iframe src="x"></iframe></body></html>`,
		`<html><body><footer>2021-03-04</footer><svg></svg><div class="date">March 4, 2021</div><p>text</p></body></html>`,
		`<html><body><p>no date at all</p><video></video><label>x</label></body></html>`,
	} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var before, after strings.Builder
		html.Render(&before, doc)
		FromDocument(doc, Options{SkipExtensiveSearch: true})
		html.Render(&after, doc)
		if before.String() != after.String() {
			t.Errorf("page changed:\n%s\n%s", before.String(), after.String())
		}
	}
}
