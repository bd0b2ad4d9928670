package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Many pages set the story's lead (standfirst, teaser, intro) apart from
// its body, between the headline and the first paragraph, in a container
// of its own; the extractor keeps the body and loses the lead. addLead
// finds the blocks between the page's headline and the first extracted
// paragraph that are marked as a lead (by their container's class or id) or
// repeat the description the page declares of itself in its <meta> tags,
// and puts them back at the start.

// leadClass matches the class or id of a container of a story's lead.
var leadClass = lazyRegexp(`(?i)(lead|intro|teaser|excerpt|chapo|chapeau|standfirst|summary|subtitle|sub-title|description|dek\b|deck|abstract|vorspann|anriss|entradilla|bajada|sumario|kicker)`)

// leadMin is the length (bytes) of a lead block at least: shorter ones
// are labels, dates and bylines.
const leadMin = 60

// addLead returns paras with the lead blocks of doc put before them; descs
// are the page's declared descriptions.
func addLead(doc *html.Node, paras []string, shares map[string]float64, descs []string) []string {
	var anchor *html.Node
	for _, p := range paras {
		if len(p) < minChunkPara {
			continue
		}
		anchor = findParagraph(doc, clean(strings.ReplaceAll(p, "\n", " ")))
		break
	}
	if anchor == nil {
		return paras
	}
	have := make(map[string]bool, len(paras))
	for _, p := range paras {
		have[clean(strings.ReplaceAll(p, "\n", " "))] = true
	}
	// The blocks after the last <h1> before the anchor, in page order.
	var blocks []*html.Node
	seenH1, done := false, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !done; c = c.NextSibling {
			if c == anchor {
				done = true
				return
			}
			if c.Type != html.ElementNode {
				continue
			}
			if unseen(c.DataAtom) {
				continue
			}
			switch c.DataAtom {
			case atom.Iframe, atom.Nav, atom.Form, atom.Figure, atom.Aside, atom.Footer:
				continue
			case atom.H1:
				seenH1 = true
				blocks = blocks[:0]
				continue
			}
			if seenH1 && isBlock(c.DataAtom) && !hasBlockChild(c) {
				blocks = append(blocks, c)
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	if !done || !seenH1 {
		return paras
	}
	var lead []string
	for _, b := range blocks {
		t := textOf(b)
		if len(t) < leadMin || have[t] || shares[t] >= 0.5 || strings.HasPrefix(t, "<") {
			continue
		}
		if !leadMarked(b) && !isDescription(t, descs) {
			continue
		}
		lead = append(lead, t)
		have[t] = true
	}
	if len(lead) == 0 {
		return paras
	}
	return append(lead, paras...)
}

// leadMarked reports whether n or one of its near ancestors has the class
// or id of a lead container.
func leadMarked(n *html.Node) bool {
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; n, d = n.Parent, d+1 {
		if n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			return false
		}
		if leadClass().MatchString(attr(n, "class") + " " + attr(n, "id")) {
			return true
		}
	}
	return false
}

// hasBlockChild reports whether n holds a block element.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlock(c.DataAtom) || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// isDescription reports whether t is the description the page declares of
// itself (a <meta> description), or that description cut short with an
// ellipsis, or t begins with it.
func isDescription(t string, descs []string) bool {
	for _, d := range descs {
		d = strings.TrimRight(strings.TrimSpace(d), ".…")
		if len(d) < leadMin {
			continue
		}
		if strings.HasPrefix(t, d) || strings.HasPrefix(d, strings.TrimRight(t, ".…")) {
			return true
		}
	}
	return false
}
