package feed

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newshound/newshound/internal/entity"
	"github.com/newshound/newshound/internal/mojibake"
)

// PlainText turns feed HTML (or plain text with entities) into readable plain
// text: tags dropped, entities decoded, scripts and styles removed, block
// elements separated by blank lines, runs of spaces collapsed. Character
// references left in the text by one escaping too many ("Putin&amp;#8217;s"
// in the feed, "Putin&#8217;s" after decoding) are decoded once more (see
// package entity), and UTF-8 decoded once too many ("Putinâ€™s" for
// "Putin’s", "FranÃ§ois" for "François": see package mojibake) is
// repaired.
//
// Markup escaped once too many ("&amp;lt;p&amp;gt;The &amp;lt;b&amp;gt;…"
// in the feed: an item with no tag whose text, once decoded, is HTML — an
// end tag or a line break of an element that holds text) is read as the
// HTML it is, not shown as "<p>The <b>…": its tags would be words to the
// watches, and the phrase around them would never match.
func PlainText(s string) string {
	t, _ := plainText(s, true)
	return t
}

// plainText is PlainText, with its mojibake repaired only when repair is
// set; repaired says whether that changed the text.
func plainText(s string, repair bool) (t string, repaired bool) {
	t = s
	if strings.ContainsAny(s, "<&") {
		t = markupText(s)
		if strings.IndexByte(s, '<') < 0 && escapedMarkup(t) {
			t = markupText(t)
		}
		t = entity.Decode(t)
	}
	return repairCollapse(t, repair)
}

// repairCollapse is collapse of t with its mojibake repaired first (when
// repair is set: a no-break space repaired from "Â\u00a0" is then
// collapsed as any other); repaired says whether the repair changed t.
func repairCollapse(t string, repair bool) (string, bool) {
	if !repair {
		return collapse(t), false
	}
	r := mojibake.Repair(t)
	return collapse(r), r != t // Repair returns t itself when it changes nothing: one pointer comparison
}

// textOf is PlainText of a field meant as plain text (JSON Feed's
// content_text): its "<" and ">" are characters, not tags ("a<b and c>d"
// loses nothing), its character references are decoded as a careless
// publisher's ("AT&amp;T" reads "AT&T", "AT&T" stays), its mojibake is
// repaired (when repair is set), and its white space is collapsed as
// PlainText's. Only a text that holds HTML — an end tag of
// an element that holds text, or a <br>, as escapedMarkup reads it — is
// read as the HTML it is.
func textOf(s string, repair bool) (string, bool) {
	if strings.IndexByte(s, '<') >= 0 && escapedMarkup(s) {
		return plainText(s, repair)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = entity.Decode(s)
	}
	return repairCollapse(s, repair)
}

// escapedMarkup reports whether the text t, decoded from an item without
// tags, holds HTML: an end tag of an element that holds text (</p>, </b>,
// </a>, </li>…) or a <br>. A text that talks about a tag ("the <b> tag")
// has no end tag to close it.
func escapedMarkup(t string) bool {
	for i := strings.IndexByte(t, '<'); i >= 0 && i+1 < len(t); {
		rest := t[i+1:]
		end := strings.HasPrefix(rest, "/")
		if end {
			rest = rest[1:]
		}
		n := 0
		for n < len(rest) && n < 10 && ('a' <= rest[n] && rest[n] <= 'z' || 'A' <= rest[n] && rest[n] <= 'Z' || n > 0 && '1' <= rest[n] && rest[n] <= '6') {
			n++
		}
		if n > 0 && n < len(rest) {
			a := atom.Lookup([]byte(strings.ToLower(rest[:n])))
			closed := rest[n] == '>' || rest[n] == ' ' || rest[n] == '/'
			if end && rest[n] == '>' && textElements[a] || !end && a == atom.Br && closed {
				return true
			}
		}
		j := strings.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		i = len(t) - len(rest) + j
	}
	return false
}

// textElements hold text in a feed item's HTML: their end tags mark
// escaped markup (escapedMarkup).
var textElements = map[atom.Atom]bool{atom.P: true, atom.B: true, atom.I: true, atom.Em: true, atom.Strong: true,
	atom.A: true, atom.Span: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.U: true,
	atom.Small: true, atom.Sup: true, atom.Sub: true, atom.Figcaption: true, atom.Td: true, atom.Tr: true, atom.Table: true}

// markupText is the text of the HTML s: tags dropped, entities decoded,
// blocks set apart by blank lines, table cells by spaces. An element the
// page hides (hiddenTag) is left out with its content.
func markupText(s string) string {
	if t, ok := plainTagsText(s); ok {
		return t
	}
	return tokenizedText(s)
}

// plainTagsText is markupText of HTML made of text and plain tags only — a
// letter after "<" or "</", no quotes and no "<" inside the tag, a ">" to
// end it, no element whose content the tokenizer reads raw (script,
// style, title…) and no start tag whose attributes may hide it (hiddenTag:
// any naming "hidden" or "display", or with a character reference) — as
// most feeds' descriptions are: the same text as
// tokenizedText gives, without a tokenizer (whose read buffer alone is 4 KB
// a call). ok is false for anything else, left to tokenizedText.
func plainTagsText(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			writeMarkupText(&b, s)
			break
		}
		writeMarkupText(&b, s[:i])
		s = s[i+1:]
		end := strings.HasPrefix(s, "/")
		if end {
			s = s[1:]
		}
		if s == "" || !('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z') {
			return "", false // text, a comment, a doctype, a bogus comment: the tokenizer's rules
		}
		j := strings.IndexByte(s, '>')
		if j < 0 || strings.ContainsAny(s[:j], "\"'<") {
			return "", false
		}
		tag := s[:j]
		s = s[j+1:]
		n := strings.IndexAny(tag, " \t\n\r\f/")
		if n < 0 {
			n = len(tag)
		}
		if attrs := tag[n:]; !end && (containsFold(attrs, "hidden") || containsFold(attrs, "display") || strings.Contains(attrs, "&")) {
			return "", false // an element that may be hidden (hiddenTag)
		}
		var lower [16]byte
		a := atom.Atom(0)
		if n <= len(lower) {
			for k := range n {
				c := tag[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				lower[k] = c
			}
			a = atom.Lookup(lower[:n])
		}
		switch a {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Textarea, atom.Title, atom.Xmp,
			atom.Iframe, atom.Noembed, atom.Noframes, atom.Plaintext, atom.Rt, atom.Rp:
			return "", false // read raw, or skipped with its content
		}
		switch {
		case a == atom.Br && !end:
			b.WriteString("\n")
		case blocks[a]:
			b.WriteString("\n\n")
		case a == atom.Td || a == atom.Th || a == atom.Img && !end:
			b.WriteString(" ")
		}
	}
	return b.String(), true
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// writeMarkupText writes the text between two tags as the tokenizer gives
// it: line ends made "\n", character references decoded.
func writeMarkupText(b *strings.Builder, s string) {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	b.WriteString(s)
}

// tokenizedText is markupText by the HTML tokenizer.
func tokenizedText(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	// annotation: inside a ruby annotation (<rt>, or the <rp> parentheses
	// shown where ruby is not supported): the reading of 子供 given above
	// it is not part of the sentence, as pages' ruby is not (its end tags
	// may be left out: the next annotation or </ruby> ends it).
	annotation := false
	var hidden []byte // the name of the hidden element being skipped
	depth := 0        // elements of that name open inside it
	for {
		tt := z.Next()
		if hidden != nil {
			switch tt {
			case html.ErrorToken:
				return b.String()
			case html.StartTagToken:
				if name, _ := z.TagName(); string(name) == string(hidden) {
					depth++
				}
			case html.EndTagToken:
				if name, _ := z.TagName(); string(name) == string(hidden) {
					if depth--; depth < 0 {
						hidden = nil
					}
				}
			}
			continue
		}
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 && !annotation {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			a := atom.Lookup(name)
			if more && tt == html.StartTagToken && !voids[a] && hiddenTag(z) {
				hidden, depth = append([]byte(nil), name...), 0
				continue
			}
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Template:
				skip++
			case a == atom.Rt || a == atom.Rp:
				annotation = tt == html.StartTagToken
			case a == atom.Br:
				b.WriteString("\n")
			case blocks[a]:
				annotation = false
				b.WriteString("\n\n")
			case a == atom.Img || a == atom.Td || a == atom.Th:
				// a cell's end tag may be left out: "<td>Kyiv<td>Moscow"
				b.WriteString(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Template:
				if skip > 0 {
					skip--
				}
			case a == atom.Rt || a == atom.Rp || a == atom.Ruby:
				annotation = false
			case blocks[a]:
				annotation = false
				b.WriteString("\n\n")
			case a == atom.Td || a == atom.Th:
				b.WriteString(" ")
			}
		}
	}
}

// hiddenTag reports whether the start tag z is at (its name read, its
// attributes not) is one a browser does not show, as readability judges
// it: the hidden attribute, aria-hidden="true", or a style of display:none
// or visibility:hidden. A feed's HTML carries such boxes for trackers,
// sponsors and duplicate text; they are not the item's text, and a watch
// must not match them.
func hiddenTag(z *html.Tokenizer) bool {
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch string(key) {
		case "hidden":
			if !strings.EqualFold(string(val), "until-found") {
				return true
			}
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(string(val)), "true") {
				return true
			}
		case "style":
			st := strings.ToLower(strings.Join(strings.Fields(string(val)), ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// voids are the elements that have no end tag: hidden, they hide nothing
// after them.
var voids = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true,
	atom.Wbr: true,
}

// firstImage returns the src of the first <img> of s that has a src
// attribute, as gofeed's translator picks an RSS item's image from its HTML
// (a full parse, which reads <image> as <img> outside SVG and MathML); ok is
// set with an empty src too (then no image is taken, as before), false when
// there is none.
func firstImage(s string) (src string, ok bool) {
	if !hasImgTag(s) {
		return "", false
	}
	z := html.NewTokenizer(strings.NewReader(s))
	foreign := 0 // inside <svg> or <math>
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return "", false
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "svg" || string(name) == "math") && foreign > 0 {
				foreign--
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "svg", "math":
				if tt == html.StartTagToken {
					foreign++
				}
				continue
			case "img":
			case "image":
				if foreign > 0 {
					continue
				}
			default:
				continue
			}
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				if string(key) == "src" {
					return string(val), true
				}
			}
		}
	}
}

// hasImgTag reports whether s has "<img" (or "<image") in any case.
func hasImgTag(s string) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || len(s)-i < 4 {
			return false
		}
		if strings.EqualFold(s[i+1:i+4], "img") || len(s)-i >= 6 && strings.EqualFold(s[i+1:i+6], "image") {
			return true
		}
		s = s[i+1:]
	}
}

// blocks are the elements a browser shows as blocks of their own (HTML's
// rendering rules): their text is never run into the text around them.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Table: true, atom.Ul: true,
	atom.Ol: true, atom.Section: true, atom.Article: true, atom.Figure: true, atom.Figcaption: true,
	atom.Pre: true, atom.Hr: true, atom.Header: true, atom.Footer: true, atom.Dd: true, atom.Dt: true,
	atom.Dl: true, atom.Aside: true, atom.Nav: true, atom.Main: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Center: true, atom.Hgroup: true, atom.Dialog: true,
	atom.Fieldset: true, atom.Legend: true, atom.Form: true, atom.Menu: true, atom.Dir: true,
	atom.Listing: true, atom.Xmp: true, atom.Plaintext: true, atom.Search: true,
}

// collapse normalises whitespace: spaces within a line become one, single
// line breaks inside a paragraph become spaces, paragraphs are separated by
// exactly one blank line. NUL and other control characters are dropped, and
// invisible format characters (soft hyphens, zero-width spaces, direction
// marks).
// (In one pass; collapseSplit is the same in the terms of its rules.)
func collapse(s string) string {
	if t := strings.Trim(s, " \t\n\r\f\v"); collapsedASCII(t) {
		return t // white space at the ends is dropped, and there is nothing else to do
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false   // white space since the paragraph's last word
	newline := false // the last character kept was a line break not yet part of a paragraph break
	para := false    // a paragraph break since the last word
	skipTo := 0      // a word broken at a line end goes on here
	for i := 0; i < len(s); {
		if i < skipTo {
			i = skipTo
			continue
		}
		if c := s[i]; c > ' ' && c < 0x7F && c != '-' {
			// a run of printable ASCII but hyphens, as most of a text: kept as it is
			j := i + 1
			for j < len(s) && s[j] > ' ' && s[j] < 0x7F && s[j] != '-' {
				j++
			}
			if b.Len() > 0 {
				if para {
					b.WriteString("\n\n")
				} else if space {
					b.WriteByte(' ')
				}
			}
			newline, space, para = false, false, false
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		at := i // where r is
		i += size
		switch {
		case r == '-':
			if j := BrokenWord(s, at); j > at {
				skipTo = j // the hyphen and the line break are not the word's
				continue
			}
		case groupSpace(s, at, r):
			// kept: it groups the digits of a number ("1 000"), which the matcher reads as one
		case r == '\n':
			if newline {
				newline, para, space = false, true, false
				continue
			}
			newline, space = true, true
			continue
		case r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xA0:
			r = ' '
		case r < 0x20 || r == 0x7F || r >= 0xAD && unicode.Is(unicode.Cf, r):
			continue // dropped: the characters on either side meet (a soft hyphen, a zero-width space: invisible, as page text drops them)
		}
		newline = false
		if unicode.IsSpace(r) && !groupSpace(s, at, r) {
			space = true
			continue
		}
		if b.Len() > 0 {
			if para {
				b.WriteString("\n\n")
			} else if space {
				b.WriteByte(' ')
			}
		}
		space, para = false, false
		b.WriteRune(r)
	}
	return b.String()
}

// collapsedASCII reports whether collapse keeps s as it is: printable
// ASCII whose words are apart by single spaces, none at either end (its
// hyphens break no word: it has no line break).
func collapsedASCII(s string) bool {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= 0x7F || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// groupSpace reports whether r at s[i] is a no-break, narrow no-break or
// thin space between two digits: one that groups the digits of a number in
// French and other typography ("1 000 soldats").
func groupSpace(s string, i int, r rune) bool {
	if r != '\u00a0' && r != '\u202f' && r != '\u2009' || i == 0 {
		return false
	}
	j := i + utf8.RuneLen(r)
	return '0' <= s[i-1] && s[i-1] <= '9' && j < len(s) && '0' <= s[j] && s[j] <= '9'
}

// BrokenWord returns where the second half of a word hyphenated across a
// line break starts, for the hyphen at s[i], or i when it is not one: a
// hyphen right after a letter, a single line break after it (spaces and
// tabs around it aside), and a lower-case letter after that which does not
// start a conjunction ("Mittel-\nalter" is "Mittelalter"). A capital after
// the break keeps the hyphen ("Nord-\nStream" is a compound, as German
// capitalises nouns), and so does a conjunction ("Ein-\nund Ausfuhr"), as
// does a break in running text, which a browser shows as a space.
// Page text (internal/article) joins such words by the same rule.
func BrokenWord(s string, i int) int {
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsLetter(prev) {
		return i
	}
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j == len(s) || s[j] != '\n' {
		return i
	}
	for j++; j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'); j++ {
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsLower(next) {
		return i
	}
	end := j
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += size
	}
	switch s[j:end] {
	case "und", "oder", "bis", "sowie", "and", "or", "nor", "to", "et", "ou", "y", "o", "e", "i", "u", "a", "lub", "oraz", "ni":
		return i
	}
	return j
}

// collapseSplit is collapse as its rules say it: characters mapped, the text
// split into paragraphs at blank lines, each paragraph's words joined by
// single spaces, empty paragraphs dropped (the tests hold collapse to it).
func collapseSplit(s string) string {
	var m strings.Builder
	skipTo := 0
	for i, r := range s {
		if i < skipTo {
			continue
		}
		switch {
		case r == '-':
			if j := BrokenWord(s, i); j > i {
				skipTo = j
				continue
			}
		case groupSpace(s, i, r):
			// kept (no other no-break or thin space is left below)
		case r == '\n':
		case r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xA0 || r == '\u202f' || r == '\u2009':
			r = ' '
		case r < 0x20 || r == 0x7F || r >= 0xAD && unicode.Is(unicode.Cf, r):
			continue
		}
		m.WriteRune(r)
	}
	var paras []string
	for _, p := range strings.Split(m.String(), "\n\n") {
		p = strings.Join(strings.FieldsFunc(p, func(r rune) bool {
			return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2009' || r == '\n'
		}), " ")
		if p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
