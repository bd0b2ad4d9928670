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

// A story's page often ends in cards for other stories: a headline that is
// a link (a heading inside a link, or a heading that is all link text),
// perhaps with a kicker, a blurb, a date or a video's length beside it, in
// a small box of its own; a run of them under a heading of the section
// ("More from …", "Watch", "Mehr zum Thema"). The extractor keeps them when
// they sit in the story's container: another story's headline and blurb,
// which a watch matches. dropTrailingCards removes them from the end of the
// text.

// cardMax is the text (bytes) of a card at most: a headline, a kicker, a
// short blurb and a date.
const cardMax = 400

// cardTexts returns the texts of the leaf blocks of doc that belong to a
// card: the largest element around a link headline (a heading inside a
// link or all link text, or a link around two blocks of text or more: a
// kicker, a headline, a blurb) that holds no other link headline and at
// most cardMax bytes of text. nil when doc has no link headline.
func cardTexts(doc *html.Node, shares map[string]float64) map[string]bool {
	var heads []*html.Node
	var find func(n *html.Node, inLink bool)
	find = func(n *html.Node, inLink bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			switch c.DataAtom {
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if t := textOf(c); t != "" && (inLink || shares[t] >= navShare) {
					heads = append(heads, c)
				}
				continue
			}
			if c.DataAtom == atom.A && !inLink && attr(c, "href") != "" && linkCard(c) {
				// A link around a card's blocks: the whole box is the link.
				heads = append(heads, c)
				continue
			}
			find(c, inLink || c.DataAtom == atom.A && attr(c, "href") != "")
		}
	}
	find(doc, false)
	if len(heads) == 0 {
		return nil
	}
	isHead := make(map[*html.Node]bool, len(heads))
	for _, h := range heads {
		isHead[h] = true
	}
	var countHeads func(n *html.Node, limit int) int
	countHeads = func(n *html.Node, limit int) int {
		if isHead[n] {
			return 1
		}
		k := 0
		for c := n.FirstChild; c != nil && k < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				k += countHeads(c, limit-k)
			}
		}
		return k
	}
	m := make(map[string]bool)
	for _, h := range heads {
		card := h
		for p := h.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
			if p.DataAtom == atom.Body || p.DataAtom == atom.Main || p.DataAtom == atom.Html ||
				textLenOver(p, cardMax) || countHeads(p, 2) > 1 {
				break
			}
			card = p
		}
		addLeafTexts(card, m)
	}
	return m
}

// linkCard reports whether the link a is a card: it holds two blocks of
// text or more (a kicker and a headline, a headline and a blurb) and at
// most cardMax bytes of text.
func linkCard(a *html.Node) bool {
	if !hasBlockChild(a) || textLenOver(a, cardMax) {
		return false
	}
	m := make(map[string]bool)
	addLeafTexts(a, m)
	return len(m) >= 2
}

// textLenOver reports whether the text under n is longer than limit bytes,
// reading no more of it than it needs.
func textLenOver(n *html.Node, limit int) bool {
	var walk func(n *html.Node) int
	walk = func(n *html.Node) int {
		if n.Type == html.TextNode {
			return len(n.Data)
		}
		l := 0
		for c := n.FirstChild; c != nil && l <= limit; c = c.NextSibling {
			l += walk(c)
		}
		return l
	}
	return walk(n) > limit
}

// addLeafTexts adds the texts of the leaf blocks under n (n itself when it
// holds no block) to m.
func addLeafTexts(n *html.Node, m map[string]bool) {
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) (hasBlock bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) {
				continue
			}
			if visit(c) || isBlock(c.DataAtom) {
				hasBlock = true
			}
		}
		if !hasBlock {
			if t := textOf(n); t != "" {
				m[t] = true
			}
		}
		return hasBlock
	}
	visit(n)
}

// cardHeadingMax is the longest heading (bytes) taken for the heading of a
// section of cards.
const cardHeadingMax = 80

// dropTrailingCards removes from the end of the text the paragraphs that
// are cards' texts (cardTexts) or link headlines (linkHeadline), and the
// headings of the page between them ("More from …" above a run of cards).
// It keeps the first paragraph.
func dropTrailingCards(doc *html.Node, paras []string, shares map[string]float64) []string {
	if len(paras) < 2 || len(paras[len(paras)-1]) > cardMax {
		return paras // no card's text ends the text: spare the page's walk
	}
	cards := cardTexts(doc, shares)
	if cards == nil {
		return paras
	}
	var heads map[string]bool
	end, dropped := len(paras), 0
	for end > 1 {
		p := paras[end-1]
		t := clean(strings.ReplaceAll(p, "\n", " "))
		if cards[t] || linkHeadline(p, shares) {
			end--
			dropped++
			continue
		}
		if dropped > 0 && len(p) <= cardHeadingMax && !strings.Contains(p, "\n") {
			if heads == nil {
				heads = headingTexts(doc)
			}
			if heads[t] {
				end--
				continue
			}
		}
		break
	}
	if dropped == 0 {
		return paras
	}
	return paras[:end]
}
