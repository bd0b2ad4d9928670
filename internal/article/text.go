package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderText turns an extracted content tree into plain-text paragraphs: one
// per block element (paragraph, heading, list item, quotation, table row…),
// white space inside each collapsed, line breaks kept.
func renderText(root *html.Node) []string {
	if root == nil {
		return nil
	}
	var r textRenderer
	r.walk(root)
	r.flush()
	return r.paras
}

// tidy removes a leading headline (any of titles) from the extracted
// paragraphs: the title is the Article's Title, not its text.
func tidy(paras []string, titles ...string) []string {
	if len(paras) > 0 && matchesAny(paras[0], titles) {
		return paras[1:]
	}
	return paras
}

// matchesAny reports whether p is one of titles, ignoring case and white
// space.
func matchesAny(p string, titles []string) bool {
	for _, t := range titles {
		if t != "" && strings.EqualFold(clean(p), clean(t)) {
			return true
		}
	}
	return false
}

type textRenderer struct {
	paras []string
	cur   strings.Builder
	skip  func(*html.Node) bool // elements left out with their content (nil: none)
}

// flush ends the current paragraph.
func (r *textRenderer) flush() {
	p := strings.TrimSpace(r.cur.String())
	r.cur.Reset()
	if p == "" {
		return
	}
	lines := strings.Split(p, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = clean(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) > 0 {
		r.paras = append(r.paras, strings.Join(out, "\n"))
	}
}

func (r *textRenderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if unseen(tagAtom(n)) || r.skip != nil && r.skip(n) {
			return
		}
		switch tagAtom(n) {
		case atom.Br, atom.Hr:
			r.cur.WriteByte('\n')
			return
		case atom.Td, atom.Th:
			r.cur.WriteByte(' ')
		}
	}
	block := n.Type == html.ElementNode && isBlock(tagAtom(n))
	if block {
		r.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.flush()
	} else if n.Type == html.ElementNode && (tagAtom(n) == atom.Td || tagAtom(n) == atom.Th) {
		r.cur.WriteByte(' ')
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption,
		atom.Figure, atom.Figcaption, atom.Body, atom.Html, atom.Details, atom.Summary, atom.Address:
		return true
	}
	return false
}

// tagAtom returns n's tag as an atom; nodes built by the extractor carry
// only their tag name.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// dropRepeats removes a paragraph that repeats the one before it when the
// page holds it only once: the extractor sometimes emits a block twice (a
// list item and the paragraph inside it), and a reader sees it once. A page
// that repeats a paragraph itself keeps its repeats.
func dropRepeats(doc *html.Node, paras []string) []string {
	var counts map[string]int
	out := paras[:0:0]
	for i, p := range paras {
		if i > 0 && p == paras[i-1] {
			if counts == nil {
				counts = leafCounts(doc)
			}
			if counts[clean(strings.ReplaceAll(p, "\n", " "))] < 2 {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// leafCounts maps the text of each leaf block of doc (as linkShares
// finds them) to the number of blocks that hold it.
func leafCounts(doc *html.Node) map[string]int {
	m := make(map[string]int)
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
			if t := textOf(n); t != "" {
				m[t]++
			}
		}
		return hasBlock
	}
	visit(doc)
	return m
}

// unseen reports an element whose content a reader never sees as text:
// scripts, styles, noscript fallbacks, templates and drawings. Every walk of
// the page skips them, so an element added here is skipped by all of them.
func unseen(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
		return true
	}
	return false
}
