package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A story starts at its headline. What a page sets above the headline in
// the same container — a kicker or section name, a date, a breadcrumb, a
// search box's prompt, a list of most-read headlines when the page is laid
// out as one table — is not the story, but an extractor that keeps the
// container keeps it too. dropPreamble finds the headline (a paragraph, or
// a heading of the page, that is one of the titles) and drops the short
// paragraphs before it.

// preambleMax is the length (bytes) of a paragraph above which it is text,
// not a preamble line, and ends the search for one.
const preambleMax = 160

// dropPreamble removes the short paragraphs (≤ preambleMax) at the start
// of the text that come before the headline, with the headline itself:
// either a paragraph that is one of titles, or — when the extractor left
// the headline out — paragraphs that the page shows only above a heading
// (<h1>–<h3>) that is one of titles. A text that opens with a long
// paragraph, or whose headline cannot be found, is kept as it is; so is
// one that would be left empty.
func dropPreamble(doc *html.Node, paras []string, titles ...string) []string {
	if len(paras) < 2 || !preambleLine(paras[0]) {
		return paras
	}
	for i, p := range paras {
		if !preambleLine(p) {
			break
		}
		if i > 0 && matchesAny(p, titles) {
			if i+1 == len(paras) {
				return paras
			}
			return paras[i+1:]
		}
	}
	above := textsAboveHeadline(doc, titles)
	if len(above) == 0 {
		return paras
	}
	i := 0
	for i < len(paras) && preambleLine(paras[i]) && above[clean(paras[i])] {
		i++
	}
	if i == len(paras) {
		return paras
	}
	return paras[i:]
}

// textsAboveHeadline returns the texts of the leaf blocks of doc (block
// elements with text and no block inside) that come before its headline,
// the first <h1>–<h3> whose text is one of titles, and not after it; nil
// when doc has no such heading.
func textsAboveHeadline(doc *html.Node, titles []string) map[string]bool {
	above := make(map[string]bool)
	found := false
	var after []string
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) (hasBlock bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			if !found && (c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || c.DataAtom == atom.H3) &&
				matchesAny(textOf(c), titles) {
				found = true
				hasBlock = true
				continue
			}
			if visit(c) || isBlock(c.DataAtom) {
				hasBlock = true
			}
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) && !hasBlock {
			if t := textOf(n); t != "" {
				if found {
					after = append(after, t)
				} else {
					above[t] = true
				}
			}
		}
		return hasBlock
	}
	visit(doc)
	if !found {
		return nil
	}
	for _, t := range after {
		delete(above, t)
	}
	return above
}

// preambleLine reports whether p may be a line of a preamble: short, and
// not a sentence of several words closed by a full stop (a lead the page
// sets above its headline is story).
func preambleLine(p string) bool {
	if len(p) > preambleMax {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return !(r == '.' || r == '!' || r == '。') || strings.Count(p, " ") < 5
}

// dropLeadingHeadings removes the headings at the start of the text that
// head nothing: a heading followed at once by another heading is the title
// of a box whose content is not text (a search form, a slide show of logos,
// a calendar widget) or a kicker above the headline. The last heading of
// such a run is kept, and so is the text when nothing else would remain.
func dropLeadingHeadings(doc *html.Node, paras []string) []string {
	if len(paras) < 3 || !preambleLine(paras[0]) || !preambleLine(paras[1]) {
		return paras
	}
	heads := headingTexts(doc)
	i := 0
	for i+1 < len(paras) && preambleLine(paras[i]) && heads[clean(paras[i])] && heads[clean(paras[i+1])] {
		i++
	}
	if i+1 >= len(paras) {
		return paras
	}
	return paras[i:]
}

// headingTexts returns the texts of the <h1>–<h6> elements of doc's body.
func headingTexts(doc *html.Node) map[string]bool {
	m := make(map[string]bool)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if t := textOf(c); t != "" {
					m[t] = true
				}
			default:
				walk(c)
			}
		}
	}
	walk(doc)
	return m
}

// dateLine matches a line that opens with a date, numeric ("2021-10-16",
// "16.10.2021", "10/16/2021") or with a month's name ("02 Feb. 2022", "16.
// Oktober 2021", "October 16, 2021").
var dateLine = lazyRegexp(`(?i)^(\d{4}-\d\d-\d\d|\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{1,2}\.?\s+(jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|févr|avr|juil|déc|ene|abr|ago|dic|sty|lut|kwi|maj|cze|lip|sie|wrz|paź|lis|gru)\w*\.?\s+\d{4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?\s+\d{4})\b`)

// dateLineMax is the longest line (bytes) dropDateLine takes for a date
// line: a date, perhaps with a time, a place or a section name.
const dateLineMax = 60

// dropDateLine removes a short line opening with a date among the first
// three paragraphs, with the short lines before it (a section name): the
// date of the page stands alone above the story, and the story starts
// after it. It keeps the text when nothing else would remain.
func dropDateLine(paras []string) []string {
	for i := 0; i < len(paras) && i < 3; i++ {
		p := paras[i]
		if len(p) <= dateLineMax && dateLine().MatchString(p) {
			if i+1 == len(paras) {
				return paras
			}
			return paras[i+1:]
		}
		if !preambleLine(p) {
			break
		}
	}
	return paras
}
