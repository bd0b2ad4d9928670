package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropHidden removes the elements under n that carry the hidden attribute, and <template> elements,
// whose content is only a script's to copy: a browser does not show them (a collapsed menu, a pop-up's
// text, a teaser for another story), so their words are not the story's. Content hidden "until-found" is kept (a reader finds it with the browser's search), and so
// is a hidden element holding half the page's text or more: a page that hides its body until a script
// shows it is still read.
func dropHidden(doc *html.Node) {
	total := -1
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom != atom.Html && c.DataAtom != atom.Body && isHidden(c) {
				if total < 0 {
					total = textLen(doc)
				}
				if 2*textLen(c) < total {
					n.RemoveChild(c)
					c = next
					continue
				}
			}
			walk(c)
			c = next
		}
	}
	walk(doc)
}

// isHidden reports whether n is a <template> or has a hidden attribute other than
// hidden="until-found".
func isHidden(n *html.Node) bool {
	if n.DataAtom == atom.Template {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "hidden" {
			return !strings.EqualFold(strings.TrimSpace(a.Val), "until-found")
		}
	}
	return false
}

// dropWordBreaks removes the <wbr> elements under n, joining the text around each: "Konstantinopel
// <wbr>straße" is one word on the page (the element only says where a line may break), but the
// extractor ended the paragraph at it and lost the rest.
func dropWordBreaks(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Wbr {
			n.RemoveChild(c)
			if prev := next; prev != nil && prev.Type == html.TextNode {
				if p := prev.PrevSibling; p != nil && p.Type == html.TextNode {
					p.Data += prev.Data
					next = prev.NextSibling
					n.RemoveChild(prev)
				}
			}
		} else {
			dropWordBreaks(c)
		}
		c = next
	}
}
