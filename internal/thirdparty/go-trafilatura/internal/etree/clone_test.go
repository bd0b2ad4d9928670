package etree

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// Clone makes the tree dom.Clone makes, node for node, and shares nothing
// with the original.
func TestClone(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>
<div class="a" id="b"><p>one <b>two</b> three</p><!-- c --><svg><circle r="1"/></svg><br><p></p></div>tail</body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []*html.Node{doc, dom.QuerySelector(doc, "div"), dom.QuerySelector(doc, "br")} {
		want, got := dom.Clone(src, true), Clone(src)
		var walk func(w, g *html.Node, path string)
		walk = func(w, g *html.Node, path string) {
			if w.Type != g.Type || w.DataAtom != g.DataAtom || w.Data != g.Data || w.Namespace != g.Namespace ||
				!reflect.DeepEqual(w.Attr, g.Attr) || (w.Attr == nil) != (g.Attr == nil) {
				t.Errorf("%s: got %+v, want %+v", path, *g, *w)
			}
			if (w.Parent == nil) != (g.Parent == nil) || (w.PrevSibling == nil) != (g.PrevSibling == nil) ||
				(w.NextSibling == nil) != (g.NextSibling == nil) || (w.LastChild == nil) != (g.LastChild == nil) {
				t.Errorf("%s: links differ", path)
			}
			wc, gc := w.FirstChild, g.FirstChild
			for ; wc != nil && gc != nil; wc, gc = wc.NextSibling, gc.NextSibling {
				if gc.Parent != g {
					t.Errorf("%s: child's parent is not the copy", path)
				}
				walk(wc, gc, path+"/"+wc.Data)
			}
			if wc != nil || gc != nil {
				t.Errorf("%s: child counts differ", path)
			}
		}
		walk(want, got, src.Data)
		if got.Parent != nil || got.NextSibling != nil || got.PrevSibling != nil {
			t.Errorf("copy of %s is attached", src.Data)
		}
	}
	// Nothing shared: changing the copy's attributes leaves the original.
	div := dom.QuerySelector(doc, "div")
	c := Clone(div)
	c.Attr[0].Val = "changed"
	c.Attr = append(c.Attr, html.Attribute{Key: "x"})
	c.FirstChild.Attr = append(c.FirstChild.Attr, html.Attribute{Key: "y"})
	if div.Attr[0].Val != "a" || len(div.Attr) != 2 || len(div.FirstChild.Attr) != 0 || len(c.FirstChild.NextSibling.Attr) != 0 {
		t.Errorf("the original changed with its copy: %+v", div.Attr)
	}
}
