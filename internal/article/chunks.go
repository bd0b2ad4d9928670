package article

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Some sites cut the story body into several sibling containers of one
// class, with advertisements between them; the extractor then keeps only
// the first. rejoinChunks finds the container that holds the extracted
// text in the original page and adds the paragraphs of its like-classed
// siblings, in page order.

// minChunkPara is the length of a paragraph that marks a container as story
// text rather than a caption or a link list.
const minChunkPara = 80

// rejoinChunks returns paras completed with the paragraphs of the story's
// sibling containers in doc, or paras unchanged when there are none.
func rejoinChunks(doc *html.Node, paras []string) []string {
	anchor := ""
	for _, p := range paras {
		if len(p) >= minChunkPara {
			anchor = p
			break
		}
	}
	if anchor == "" {
		return paras
	}
	p := findParagraph(doc, anchor)
	if p == nil {
		return paras
	}
	have := make(map[string]bool, len(paras))
	for _, p := range paras {
		have[p] = true
	}
	texts := make(pTexts) // each level's box holds the one below: its paragraphs read once
	for box, depth := p.Parent, 0; box != nil && box.Type == html.ElementNode && depth < 6; box, depth = box.Parent, depth+1 {
		if box.DataAtom == atom.Body || box.DataAtom == atom.Html || !covered(box, have, texts) {
			// Above the story: its siblings are other parts of the page.
			break
		}
		class := attr(box, "class")
		if class == "" || box.Parent == nil {
			continue
		}
		chunks := likeChunks(box, class, texts)
		if len(chunks) < 2 {
			continue
		}
		return dropBetween(mergeChunks(paras, box, chunks, texts), box.Parent, chunks, texts)
	}
	return paras
}

// likeChunks returns box and the containers like it among its siblings
// that hold story text, in page order: elements of box's kind (a <div>
// and a <section> are one kind here) with box's class. (Looking further,
// into the siblings' descendants or at elements sharing only some of the
// classes, takes in the next stories of pages that load them below the
// first, and cards of other stories.)
func likeChunks(box *html.Node, class string, texts pTexts) []*html.Node {
	var chunks []*html.Node
	for c := box.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == box || c.Type == html.ElementNode && likeKind(c.DataAtom, box.DataAtom) && attr(c, "class") == class && hasStoryParagraph(c, texts) {
			chunks = append(chunks, c)
		}
	}
	return chunks
}

// likeKind reports whether elements a and b are of one kind for
// likeChunks.
func likeKind(a, b atom.Atom) bool { return a == b || blockBox(a) && blockBox(b) }

// blockBox reports whether a is an element a site cuts a story body into.
func blockBox(a atom.Atom) bool { return a == atom.Div || a == atom.Section }

// dropBetween removes from paras the paragraphs that the page holds only
// between the story's chunks, inside a sibling container under parent
// whose class or id names it an advertisement (adBox): the extractor keeps
// such a slot when it takes the chunks' common container whole. Other
// boxes between the chunks (a pull quote, a step of a recipe, a quotation
// set apart) are often the story's own text and stay.
func dropBetween(paras []string, parent *html.Node, chunks []*html.Node, texts pTexts) []string {
	inChunk := make(map[string]bool)
	for _, c := range chunks {
		for _, p := range texts.chunkParagraphs(c) {
			inChunk[p] = true
		}
	}
	between := make(map[string]bool)
	var pending []string
	seen := 0 // chunks passed
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) {
				continue
			}
			if slices.Contains(chunks, c) {
				seen++
				for _, p := range pending {
					between[p] = true
				}
				pending = pending[:0]
				continue
			}
			if depth == 0 && !adBox(c) {
				continue
			}
			if c.DataAtom == atom.P {
				if seen > 0 && depth > 0 {
					if t := textOf(c); t != "" && !inChunk[t] {
						pending = append(pending, t)
					}
				}
				continue
			}
			walk(c, depth+1)
		}
	}
	walk(parent, 0)
	if len(between) == 0 {
		return paras
	}
	kept := paras[:0:0]
	for _, p := range paras {
		if !between[p] {
			kept = append(kept, p)
		}
	}
	return kept
}

// adBox reports whether the class or id of n names it an advertisement:
// a word of it (split at anything not a letter or digit) is "ad", "ads",
// "advert…", "anzeige", "werbung", "sponsor…" or "promo…".
func adBox(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
		}) {
			switch {
			case w == "ad", w == "ads", w == "anzeige", w == "werbung",
				strings.HasPrefix(w, "advert"), strings.HasPrefix(w, "sponsor"), strings.HasPrefix(w, "promo"):
				return true
			}
		}
	}
	return false
}

// mergeChunks puts the paragraphs of the chunks before box ahead of paras
// and those of the chunks after it behind, skipping any paras already hold.
func mergeChunks(paras []string, box *html.Node, chunks []*html.Node, texts pTexts) []string {
	have := make(map[string]bool, len(paras))
	for _, p := range paras {
		have[p] = true
	}
	var before, after []string
	seenBox := false
	for _, c := range chunks {
		if c == box {
			seenBox = true
			continue
		}
		for _, p := range texts.chunkParagraphs(c) {
			if have[p] {
				continue
			}
			have[p] = true
			if seenBox {
				after = append(after, p)
			} else {
				before = append(before, p)
			}
		}
	}
	if len(before) == 0 && len(after) == 0 {
		return paras
	}
	return slices.Concat(before, paras, after)
}

// covered reports whether the extracted paragraphs (have) hold nearly all
// the paragraph text of box, that is, whether box is part of the story.
func covered(box *html.Node, have map[string]bool, texts pTexts) bool {
	var in, all int
	for _, p := range texts.chunkParagraphs(box) {
		all += len(p)
		if have[p] {
			in += len(p)
		}
	}
	return all > 0 && in*10 >= all*9
}

// findParagraph returns the <p> element of doc whose text is text.
func findParagraph(doc *html.Node, text string) *html.Node {
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if unseen(c.DataAtom) {
				continue
			}
			switch c.DataAtom {
			case atom.P:
				if textOf(c) == text {
					found = c
					return
				}
			}
			walk(c)
		}
	}
	walk(doc)
	return found
}

// hasStoryParagraph reports whether n holds a <p> long enough to be story
// text.
func hasStoryParagraph(n *html.Node, texts pTexts) bool {
	for _, p := range texts.chunkParagraphs(n) {
		if len(p) >= minChunkPara {
			return true
		}
	}
	return false
}

// pTexts holds the textOf of the <p> elements read so far.
type pTexts map[*html.Node]string

// chunkParagraphs returns the texts of the <p> elements under n.
func (texts pTexts) chunkParagraphs(n *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if unseen(c.DataAtom) {
				continue
			}
			switch c.DataAtom {
			case atom.Aside, atom.Nav, atom.Footer, atom.Form:
				continue
			case atom.P:
				t, ok := texts[c]
				if !ok {
					t = textOf(c)
					texts[c] = t
				}
				if t != "" {
					out = append(out, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// textOf is the white-space-collapsed text of n.
func textOf(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return clean(c.Data) // one text: no copy to gather it
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.DataAtom != atom.Script && c.DataAtom != atom.Style:
				walk(c)
			}
		}
	}
	walk(n)
	return clean(b.String())
}
