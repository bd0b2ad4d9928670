package htmldate

import "golang.org/x/net/html"

// cloneTree returns a deep copy of src, as dom.Clone(src, true) makes it: each
// node's type, atom, data and a copy of its attributes (not its namespace),
// the copy of src detached from any parent and siblings. Its nodes and
// their attributes are allocated in two blocks rather than one at a time
// (newshound: as go-trafilatura's etree.Clone, see its PATCHES.md; most of dom.Clone's time was
// allocation). Each node's attributes have a capacity of their length, so
// appending to them copies them as it would a slice of their own. Like
// dom.Clone, it panics on a nil src.
func cloneTree(src *html.Node) *html.Node {
	nNodes, nAttrs := 0, 0
	var count func(n *html.Node)
	count = func(n *html.Node) {
		nNodes++
		nAttrs += len(n.Attr)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			count(c)
		}
	}
	count(src)
	nodes := make([]html.Node, nNodes)
	attrs := make([]html.Attribute, nAttrs)
	var copyNode func(n *html.Node) *html.Node
	copyNode = func(n *html.Node) *html.Node {
		c := &nodes[0]
		nodes = nodes[1:]
		c.Type, c.DataAtom, c.Data = n.Type, n.DataAtom, n.Data
		k := len(n.Attr)
		c.Attr = attrs[:k:k] // never nil, as append([]html.Attribute{}, …) is not
		copy(c.Attr, n.Attr)
		attrs = attrs[k:]
		var prev *html.Node
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			cc := copyNode(ch)
			cc.Parent = c
			if prev == nil {
				c.FirstChild = cc
			} else {
				prev.NextSibling = cc
				cc.PrevSibling = prev
			}
			prev = cc
		}
		c.LastChild = prev
		return c
	}
	return copyNode(src)
}
