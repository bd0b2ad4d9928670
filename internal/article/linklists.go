package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The extractor keeps no links in its output, so a list of links it lets
// through (a category menu, tag or share links, a list of other stories'
// headlines) looks like short paragraphs. linkShares measures, on the
// page itself, how much of each block's text is link text; dropNavRuns
// removes the runs of short paragraphs that are links through and through.

// linkShares maps the text of each leaf block of doc (a block element with
// text but no block element inside) to the share of that text that is link
// text.
func linkShares(doc *html.Node) map[string]float64 {
	m := make(map[string]float64)
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) (hasBlock bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			if visit(c) || isBlock(c.DataAtom) {
				hasBlock = true
			}
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) && !hasBlock {
			var all, link strings.Builder
			leafText(n, &all, &link, false)
			if text := clean(all.String()); text != "" {
				m[text] = float64(len(clean(link.String()))) / float64(len(text))
			}
		}
		return hasBlock
	}
	visit(doc)
	return m
}

// leafText writes the text under n to all, and the part inside links also
// to link.
func leafText(n *html.Node, all, link *strings.Builder, inLink bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			all.WriteString(c.Data)
			if inLink {
				link.WriteString(c.Data)
			}
		case c.Type == html.ElementNode:
			if unseen(c.DataAtom) {
				continue
			}
			switch c.DataAtom {
			case atom.Br:
				all.WriteByte(' ')
				continue
			}
			a := c.DataAtom == atom.A
			all.WriteByte(' ')
			if a {
				link.WriteByte(' ')
			}
			leafText(c, all, link, inLink || a)
			all.WriteByte(' ')
			if a {
				link.WriteByte(' ')
			}
		}
	}
}

// Thresholds of dropNavRuns, chosen on one half of the evaluation data
// (split by site) and confirmed on the other.
const (
	navMaxLen = 80  // bytes: a longer paragraph is text, whatever its links
	navShare  = 0.9 // share of link text of a navigation paragraph
	navRun    = 3   // navigation paragraphs in a row that make a list
)

// dropNavRuns drops the runs of navRun or more short paragraphs that are
// link text through and through (shares from linkShares), wherever they
// are. It keeps the text whole when nothing else would remain.
func dropNavRuns(paras []string, shares map[string]float64) []string {
	isNav := func(p string) bool {
		return len(p) <= navMaxLen && shares[clean(strings.ReplaceAll(p, "\n", " "))] >= navShare
	}
	out := paras[:0:0]
	for i := 0; i < len(paras); {
		j := i
		for j < len(paras) && isNav(paras[j]) {
			j++
		}
		if j-i >= navRun {
			i = j
			continue
		}
		if j == i {
			j++
		}
		out = append(out, paras[i:j]...)
		i = j
	}
	if len(out) == 0 {
		return paras
	}
	return out
}
