package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pages mark the boxes that advertise their other stories as teasers
// (class "teaser", "modTeaser", "teaserpadding", id "teaser-…"). The
// extractor, asked to favour recall, keeps them when they stand inside or
// beside the story (in its balanced mode it drops them before it looks for
// the text, but then it loses story text elsewhere); their headlines and
// blurbs are other stories' words, and a watch matches them. dropTeasers
// removes the paragraphs the page writes only inside such boxes. A lead set
// in a box marked as a teaser between the headline and the body is put back
// by addLead, which runs after it.

// teaserBox reports whether n is a box of teasers: an element of the kinds
// the extractor's own teaser rule names whose class or id holds "teaser".
func teaserBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Dd, atom.Dt, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.P, atom.Section, atom.Span:
	default:
		return false
	}
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && containsFold(a.Val, "teaser") {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// dropTeasers removes from paras the paragraphs whose text the page holds
// inside teaser boxes and nowhere else, but for the description the page
// declares of itself (descs): that is the story's own teaser, its lead
// ("<div class="teaser-text">" under the headline). It keeps paras whole when the
// teasers would take half the text or more: then the story itself is in a
// box so named.
func dropTeasers(doc *html.Node, paras []string, descs []string) []string {
	if !hasTeaserBox(doc) {
		return paras
	}
	var in, out strings.Builder
	found := false
	var visit func(n *html.Node, inTeaser bool) bool
	visit = func(n *html.Node, inTeaser bool) (hasBlock bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			t := inTeaser || teaserBox(c)
			found = found || t
			if visit(c, t) || isBlock(c.DataAtom) || t != inTeaser {
				hasBlock = true
				if t != inTeaser && !hasBlockChild(c) {
					// A teaser box that is a leaf itself (<p class="teaser">).
					in.WriteString(textOf(c))
					in.WriteByte('\n')
				}
			}
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) && !hasBlock {
			b := &out
			if inTeaser {
				b = &in
			}
			b.WriteString(textOf(n))
			b.WriteByte('\n')
		}
		return hasBlock
	}
	visit(doc, false)
	if !found {
		return paras
	}
	teasers, rest := in.String(), out.String()
	kept := paras[:0:0]
	all, dropped := 0, 0
	for _, p := range paras {
		all += len(p)
		t := clean(strings.ReplaceAll(p, "\n", " "))
		if strings.Contains(teasers, t) && !strings.Contains(rest, t) && !isDescription(t, descs) {
			dropped += len(p)
			continue
		}
		kept = append(kept, p)
	}
	if 2*dropped >= all {
		return paras
	}
	return kept
}

// hasTeaserBox reports whether there is a teaser box under n.
func hasTeaserBox(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (teaserBox(c) || hasTeaserBox(c)) {
			return true
		}
	}
	return false
}
