package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page that builds its story with scripts may give the story itself in a
// <noscript> element, for readers without them. The HTML parser reads a
// page as a browser with scripts does, so a <noscript>'s content is one
// run of raw text, markup and all ("<p>The board met…</p>"), which no walk
// of the page must read as text.

// noscriptMin is the visible text (bytes, outside <noscript>, scripts and
// styles) below which a page is taken for a script's empty shell, and its
// <noscript> content is read as the page.
const noscriptMin = 500

// readNoscript makes the <noscript> elements of doc safe to read. On a page
// with less visible text than noscriptMin elsewhere, each <noscript> in the
// body is replaced by its content parsed as HTML, which the extractor then
// reads like the rest of the page; on any other page, <noscript> elements
// are removed: a reader with scripts never sees them.
func readNoscript(doc *html.Node) {
	var found []*html.Node
	visible := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				visible += len(strings.TrimSpace(c.Data))
			case c.Type == html.ElementNode && c.DataAtom == atom.Noscript:
				found = append(found, c)
			case c.Type == html.ElementNode && !unseen(c.DataAtom) && c.DataAtom != atom.Head:
				walk(c)
			}
		}
	}
	walk(doc)
	if len(found) == 0 {
		return
	}
	for _, ns := range found {
		parent := ns.Parent
		if visible < noscriptMin && inBody(ns) {
			var raw strings.Builder
			for c := ns.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					raw.WriteString(c.Data)
				}
			}
			// Parsed as if scripts were off, as the browser that shows
			// it does; inside the element that holds the <noscript>.
			nodes, err := html.ParseFragmentWithOptions(strings.NewReader(raw.String()), parent,
				html.ParseOptionEnableScripting(false))
			if err == nil {
				for _, n := range nodes {
					parent.InsertBefore(n, ns)
				}
			}
		}
		parent.RemoveChild(ns)
	}
}

// inBody reports whether n is inside the page's <body>.
func inBody(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Body {
			return true
		}
	}
	return false
}
