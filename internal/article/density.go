package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minExtracted is go-trafilatura's default MinExtractedSize: main text of
// fewer characters is replaced by the page's flattened text (its
// "baseline"), headline, captions and all, with no paragraph breaks.
const minExtracted = 250

// scriptDensity is how many Latin-script characters one character of the
// page's visible text is worth (see TextLength): about 1 for alphabetic
// scripts, up to 3 for Chinese and Japanese. It reads the text of the first
// text nodes only, up to densitySample bytes.
func scriptDensity(doc *html.Node) float64 {
	const densitySample = 4096
	var b strings.Builder
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if t := strings.TrimSpace(c.Data); t != "" {
					b.WriteString(t)
					if b.Len() >= densitySample {
						return false
					}
				}
			case html.ElementNode:
				if unseen(c.DataAtom) {
					continue
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	if body := findElement(doc, atom.Html); body != nil {
		if b := findElement(body, atom.Body); b != nil {
			doc = b
		}
	}
	walk(doc)
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, b.String())
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return 1
	}
	return float64(TextLength(s)) / float64(n)
}
