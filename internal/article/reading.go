package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newshound/newshound/internal/feed"
)

// Page text as a reader reads it, where the extractor's handling of white
// space changes the words: feed text follows the same two rules
// (internal/feed's collapse).
//
// A word a page hyphenates at a line end ("Mittel-⏎alter" in its source,
// or "Verwal-<br>tung") is one word: the extractor would make it
// "Mittel- alter", which a watch for Mittelalter does not match.
// joinBrokenWords joins such words in the page before extraction.
//
// A no-break, narrow no-break or thin space between digits groups the
// digits of a number ("1 000 soldats"), and the matcher reads the number as
// one; the extractor makes every such space an ordinary one, which
// separates numbers. keepDigitGroups puts the page's own group spaces back
// into the extracted text.

// joinBrokenWords joins, in the text under n, the words hyphenated across a
// line break of the page's source or a <br> (see feed.BrokenWord).
func joinBrokenWords(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.Contains(c.Data, "-\n") || strings.Contains(c.Data, "-\r\n") || strings.Contains(c.Data, "- \n") {
				c.Data = joinHyphenated(c.Data)
			}
			// "Verwal-<br>tung": the text before a <br>, and the text after it.
			br := c.NextSibling
			if br == nil || br.Type != html.ElementNode || br.DataAtom != atom.Br {
				continue
			}
			next := br.NextSibling
			if next == nil || next.Type != html.TextNode {
				continue
			}
			left := strings.TrimRight(c.Data, " \t\r\n")
			if !strings.HasSuffix(left, "-") {
				continue
			}
			if j := feed.BrokenWord(left+"\n"+next.Data, len(left)-1); j > len(left)-1 {
				c.Data = left[:len(left)-1] + next.Data[j-len(left)-1:]
				n.RemoveChild(br)
				n.RemoveChild(next)
			}
		case html.ElementNode:
			if !unseen(c.DataAtom) && c.DataAtom != atom.Pre && c.DataAtom != atom.Textarea {
				joinBrokenWords(c)
			}
		}
	}
}

// joinHyphenated is s with the words hyphenated across its line breaks
// joined.
func joinHyphenated(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			continue
		}
		if j := feed.BrokenWord(s, i); j > i {
			b.WriteString(s[last:i])
			last = j
			i = j - 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isGroupSpace reports whether r is a space that groups digits: no-break,
// narrow no-break or thin space.
func isGroupSpace(r rune) bool { return r == '\u00a0' || r == '\u202f' || r == '\u2009' }

// digitGroups returns the numbers of doc's body written with group spaces
// ("1 000", "12 500 000"), keyed by their form with ordinary spaces; nil
// when there are none.
func digitGroups(doc *html.Node) map[string]string {
	var m map[string]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if hasGroupSpace(c.Data) {
					for _, g := range groupedNumbers(c.Data) {
						if m == nil {
							m = make(map[string]string)
						}
						m[strings.Map(func(r rune) rune {
							if isGroupSpace(r) {
								return ' '
							}
							return r
						}, g)] = g
					}
				}
			case html.ElementNode:
				if !unseen(c.DataAtom) && c.DataAtom != atom.Head {
					walk(c)
				}
			}
		}
	}
	walk(doc)
	return m
}

// hasGroupSpace is strings.ContainsAny(s, "\u00a0\u202f\u2009") read
// byte by byte: ContainsAny looks each of the text's characters up in the
// set, a cost that was 4% of extraction's CPU time on large pages. The
// three encode as C2 A0, E2 80 AF and E2 80 89; C2 and E2 begin a
// character wherever they are.
func hasGroupSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xC2:
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return true
			}
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xAF || s[i+2] == 0x89) {
				return true
			}
		}
	}
	return false
}

// groupedNumbers returns the numbers in s whose digit groups are set apart
// by group spaces: one to three digits, then groups of three, each after
// one group space, not inside a longer run of digits.
func groupedNumbers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isDigit(s, i) || i > 0 && isDigit(s, i-1) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s, j) {
			j++
		}
		end, groups := j, 0
		if j-i <= 3 {
			for {
				r, size := utf8.DecodeRuneInString(s[end:])
				k := end + size
				if !isGroupSpace(r) || k+3 > len(s) || !isDigit(s, k) || !isDigit(s, k+1) || !isDigit(s, k+2) || isDigit(s, k+3) {
					break
				}
				end, groups = k+3, groups+1
			}
		}
		if groups > 0 {
			out = append(out, s[i:end])
		}
		i = max(end, j)
	}
	return out
}

func isDigit(s string, i int) bool { return 0 <= i && i < len(s) && '0' <= s[i] && s[i] <= '9' }

// keepDigitGroups puts the group spaces of the page's numbers (groups, from
// digitGroups) back into text, where the extractor made them ordinary
// spaces: "1 000" is "1\u00a0000" again where the page writes it so. A
// number is replaced whole, never part of a longer one.
func keepDigitGroups(text string, groups map[string]string) string {
	for plain, grouped := range groups {
		var b strings.Builder
		last := 0
		for from := 0; ; {
			i := strings.Index(text[from:], plain)
			if i < 0 {
				break
			}
			at := from + i
			end := at + len(plain)
			from = end
			if isDigit(text, at-1) || isDigit(text, end) || numberGoesOn(text, at, end) {
				continue
			}
			b.WriteString(text[last:at])
			b.WriteString(grouped)
			last = end
		}
		if last > 0 {
			b.WriteString(text[last:])
			text = b.String()
		}
	}
	return text
}

// numberGoesOn reports whether the number at text[at:end] goes on with
// another group of digits before or after it, set apart by a space ("2 1 000
// 000" holds "1 000" but not as a number of its own).
func numberGoesOn(text string, at, end int) bool {
	return end+1 < len(text) && text[end] == ' ' && isDigit(text, end+1) ||
		at >= 2 && text[at-1] == ' ' && isDigit(text, at-2)
}
