package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The extractor keeps text as trimmed strings and joins them without a
// separator when it strips an element from its result (every <div>, so
// "<li><div>ten years.</div><div>Mooring fees…</div></li>" gives
// "years.Mooring") and when its rescue for short pages takes the plain
// text of <article> or of the whole document: a word no watch matches.
// White space put at those boundaries would not survive its trimming, and
// anything else put in the text would change the lengths its decisions
// are made on. So the page's block boundaries are read beside it: each
// place where a block, a <br> or a table cell separates two pieces of text
// is a seam, the word before it and the word after it. Where the
// extracted text holds the two words glued, the seam is put back: a new
// paragraph, a new line or a space. White space at the edge of an inline
// element ("<li><strong>Dr. Agnes Jurati</strong> Theoretische…") is
// trimmed by the extractor too and is a seam as well, put back as a space.
// A seam is not put back where the page itself writes the glued form (a
// "10" in a text whose table has the cells "1" and "0"). Inline elements
// without white space make no seam (<span>Pu</span>tin is one word).

// Seam kinds, weakest first: the strongest between two texts wins.
const (
	noSeam = iota
	spaceSeam
	cellSeam
	lineSeam
	paraSeam
)

// seamOf is the seam the start or end of an element makes in the text.
func seamOf(a atom.Atom) int {
	switch a {
	case atom.Br:
		return lineSeam
	case atom.Td, atom.Th:
		return cellSeam
	case atom.Hr, atom.Nav, atom.Form, atom.Fieldset, atom.Legend, atom.Menu, atom.Center, atom.Hgroup,
		atom.Dialog, atom.Option, atom.Select, atom.Textarea, atom.Button, atom.Iframe:
		return paraSeam
	}
	if isBlock(a) {
		return paraSeam
	}
	return noSeam
}

// seam is a block boundary of the page: the word that ends the text before
// it and the word that starts the text after it.
type seam struct {
	left, right string
	kind        int
}

// seams indexes a page's seams by the last rune of their left word and the
// first rune of their right word.
type seams struct {
	by    map[[2]rune][]seam
	ascii [128][2]uint64  // bit r of ascii[l]: a seam between l and r, both ASCII
	text  string          // the page's text, a space at each seam
	glued map[string]bool // whether text holds a pair of words glued (memo)
}

// findSeams reads the seams of doc's body.
func findSeams(doc *html.Node) *seams {
	s := &seams{by: make(map[[2]rune][]seam)}
	var (
		tail     strings.Builder // the word the text so far ends with
		broken   bool            // white space since tail last grew
		pending  = noSeam        // boundary since the last text
		left     string          // tail when the pending boundary came
		open     bool            // right word being read
		right    strings.Builder
		openKind int
		openLeft string
	)
	closeRight := func() {
		if open && right.Len() > 0 {
			s.add(seam{openLeft, right.String(), openKind})
		}
		open = false
		right.Reset()
	}
	var all strings.Builder
	boundary := func(kind int) {
		all.WriteByte(' ')
		closeRight()
		if pending == noSeam {
			left = tail.String()
		}
		pending = max(pending, kind)
		tail.Reset()
		broken = false
	}
	text := func(d string) {
		all.WriteString(d)
		t := trimLeftSpace(d)
		if t == "" {
			closeRight()
			broken = true
			return
		}
		lead := t
		if i := indexSpace(t); i >= 0 {
			lead = t[:i]
		}
		switch {
		case pending != noSeam:
			if left != "" {
				open, openLeft, openKind = true, left, pending
				right.WriteString(lead)
			}
			pending = noSeam
		case broken || len(t) < len(d):
			// White space at an element's edge: the extractor trims it.
			closeRight()
			if tail.Len() > 0 {
				open, openLeft, openKind = true, tail.String(), spaceSeam
				right.WriteString(lead)
			}
		case open:
			right.WriteString(lead)
		}
		if len(lead) < len(t) {
			closeRight()
		}
		trimmed := trimRightSpace(t)
		last := trimmed
		if i := lastIndexSpace(trimmed); i >= 0 {
			_, n := utf8.DecodeRuneInString(trimmed[i:])
			last = trimmed[i+n:]
		}
		if broken || len(t) < len(d) || len(last) < len(trimmed) {
			tail.Reset()
		}
		tail.WriteString(last)
		broken = len(trimmed) < len(t)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				text(c.Data)
			case html.ElementNode:
				if unseen(c.DataAtom) || c.DataAtom == atom.Math || c.DataAtom == atom.Head {
					continue
				}
				k := seamOf(c.DataAtom)
				if k != noSeam {
					boundary(k)
				}
				walk(c)
				if k != noSeam {
					boundary(k)
				}
			}
		}
	}
	walk(doc)
	closeRight()
	s.text = all.String()
	return s
}

// mayJoin reports whether a seam may lie between l and r: for two ASCII
// characters without a look in the map.
func (s *seams) mayJoin(l, r rune) bool {
	if l < 128 && r < 128 {
		return s.ascii[l][r/64]&(1<<(r%64)) != 0
	}
	return true
}

// writesGlued reports whether the page's text holds w, two words glued
// across a seam: the same pair is often found more than once, and each
// look reads the whole page's text.
func (s *seams) writesGlued(w string) bool {
	if g, ok := s.glued[w]; ok {
		return g
	}
	if s.glued == nil {
		s.glued = make(map[string]bool)
	}
	g := strings.Contains(s.text, w)
	s.glued[w] = g
	return g
}

func (s *seams) add(m seam) {
	l, _ := utf8.DecodeLastRuneInString(m.left)
	r, _ := utf8.DecodeRuneInString(m.right)
	if l < 128 && r < 128 {
		s.ascii[l][r/64] |= 1 << (r % 64)
	}
	k := [2]rune{l, r}
	s.by[k] = append(s.by[k], m)
}

// split is a place in a paragraph where a seam goes back.
type split struct {
	at, from, to int // byte offset; start of the left word, end of the right word
	kind         int
}

// mend puts the seams of the page back into paragraphs: a glued pair of
// words either side of a block boundary gets its space, line break or
// paragraph break again.
func (s *seams) mend(paras []string) []string {
	if len(s.by) == 0 {
		return paras
	}
	var out []string
	for _, p := range paras {
		out = append(out, s.mendOne(p)...)
	}
	return out
}

func (s *seams) mendOne(p string) []string {
	var cands []split
	prev := rune(-1)
	for i, r := range p {
		if prev >= 0 && !unicode.IsSpace(prev) && !unicode.IsSpace(r) && s.mayJoin(prev, r) {
			for _, m := range s.by[[2]rune{prev, r}] {
				if strings.HasSuffix(p[:i], m.left) && strings.HasPrefix(p[i:], m.right) {
					cands = append(cands, split{i, i - len(m.left), i + len(m.right), m.kind})
					break
				}
			}
		}
		prev = r
	}
	if len(cands) == 0 {
		return []string{p}
	}
	isCut := func(at int) bool {
		for _, c := range cands {
			if c.at == at {
				return true
			}
		}
		return false
	}
	wordEdge := func(at int) bool {
		if at <= 0 || at >= len(p) {
			return true
		}
		b, _ := utf8.DecodeLastRuneInString(p[:at])
		a, _ := utf8.DecodeRuneInString(p[at:])
		return unicode.IsSpace(b) || unicode.IsSpace(a)
	}
	var b strings.Builder
	last := 0
	for _, c := range cands {
		if !(wordEdge(c.from) || isCut(c.from)) || !(wordEdge(c.to) || isCut(c.to)) {
			continue
		}
		if s.writesGlued(p[c.from:c.to]) {
			// The page itself writes the two words as one ("10" beside
			// table cells "1" and "0").
			continue
		}
		b.WriteString(p[last:c.at])
		switch c.kind {
		case paraSeam:
			b.WriteString("\n\n")
		case lineSeam:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		last = c.at
	}
	if last == 0 {
		return []string{p}
	}
	b.WriteString(p[last:])
	var out []string
	for _, q := range strings.Split(b.String(), "\n\n") {
		if q = strings.TrimSpace(q); q != "" {
			out = append(out, q)
		}
	}
	return out
}

// maxDumpText bounds the extracted text checked for the rescue's dump of
// the whole document: the extractor dumps it only when the page's body
// has under a hundred characters of text.
const maxDumpText = 2000

// replaceDump replaces the extractor's last-resort text of a page with
// almost no body text — every text node of the document run together,
// the <title> in <head> first, after the paragraphs it found before —
// with the body's own paragraphs: the title is not story text and the
// paragraphs came out twice ("The vote was held on Monday." then
// "CorrectionsThe vote was held on Monday.").
func replaceDump(doc *html.Node, paras []string) []string {
	if len(paras) == 0 {
		return paras
	}
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	if n > maxDumpText {
		return paras
	}
	body := findElement(doc, atom.Body)
	if body == nil {
		return paras
	}
	dump := strings.Join(strings.Fields(dumpText(doc)), " ")
	if dump == "" {
		return paras
	}
	for _, p := range paras {
		if strings.Join(strings.Fields(p), " ") == dump {
			return renderText(body)
		}
	}
	return paras
}

// dumpText is the extractor's last-resort text of doc: the text of every
// node outside <aside>, <footer>, footer <div>s, scripts and styles, run
// together.
func dumpText(doc *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if dumpSkips(c) {
					continue
				}
				walk(c)
			}
		}
	}
	walk(doc)
	return b.String()
}

// dumpSkips reports whether the extractor's last resorts leave n out:
// <aside>, <footer>, footer <div>s, scripts and styles.
func dumpSkips(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Aside, atom.Footer, atom.Script, atom.Style:
		return true
	case atom.Div:
		return strings.Contains(attr(n, "id"), "footer") || strings.Contains(attr(n, "class"), "footer")
	}
	return false
}

// replaceArticleDump replaces the extractor's rescue of a page with little
// text — the whole text of its first <article> run together into one
// paragraph, navigation, headline and footer lines included ("Home › News ›
// Local Bridge repairs to start Monday Repairs to the…") — with that
// element's own paragraphs, which the rules after it can tell apart.
func replaceArticleDump(doc *html.Node, paras []string) []string {
	if len(paras) != 1 {
		return paras
	}
	art := findElement(doc, atom.Article)
	if art == nil {
		return paras
	}
	dump := strings.Join(strings.Fields(dumpText(art)), " ")
	if dump == "" || strings.Join(strings.Fields(paras[0]), " ") != dump {
		return paras
	}
	var r textRenderer
	r.skip = dumpSkips
	r.walk(art)
	r.flush()
	if len(r.paras) < 2 {
		return paras
	}
	return r.paras
}

// findElement returns the first element of kind a under n.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}
