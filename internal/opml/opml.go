// Package opml reads and writes OPML subscription lists, the format every
// feed reader imports and exports (OPML 1.0, 1.1 and 2.0).
//
// Reading is lenient where readers differ: attribute names are matched
// without regard to case (xmlUrl, xmlurl, XMLURL), a feed's name is its
// title, else its text, and outlines nest to any depth: the titles of the
// outlines that hold a feed are its categories, as is the OPML 2.0
// category attribute. An outline without xmlUrl is a folder, not a feed.
package opml

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Feed is one subscription of a list.
type Feed struct {
	Title      string   // the outline's title, else its text; may be empty
	URL        string   // xmlUrl
	Site       string   // htmlUrl, if any
	Categories []string // the folders holding it, outermost first ("Tech/Apple" for nested ones), then its category attribute's
}

// outline is an <outline> element; its attributes are read by name, any case.
type outline struct {
	Attrs    []xml.Attr `xml:",any,attr"`
	Outlines []outline  `xml:"outline"`
}

func (o outline) attr(name string) string {
	for _, a := range o.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

type document struct {
	XMLName xml.Name
	Title   string    `xml:"head>title"`
	Body    []outline `xml:"body>outline"`
}

// Parse reads an OPML document and returns its title and its feeds, in
// document order. A document that is not OPML is an error that says what
// its root element is; XML errors give their line.
func Parse(r io.Reader) (title string, feeds []Feed, err error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return "", nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Entity = xml.HTMLEntity // &nbsp; and friends, which hand-written lists use
	d.CharsetReader = charset.NewReaderLabel
	var doc document
	if err := d.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return "", nil, fmt.Errorf("not well-formed XML, line %d: %s", se.Line, se.Msg)
		}
		return "", nil, fmt.Errorf("not OPML: %v", err)
	}
	if !strings.EqualFold(doc.XMLName.Local, "opml") {
		return "", nil, fmt.Errorf("not OPML: the root element is <%s>, not <opml>", doc.XMLName.Local)
	}
	var walk func(os []outline, path []string)
	walk = func(os []outline, path []string) {
		for _, o := range os {
			name := o.attr("title")
			if name == "" {
				name = o.attr("text")
			}
			name = strings.Join(strings.Fields(name), " ")
			if u := o.attr("xmlUrl"); u != "" {
				f := Feed{Title: name, URL: u, Site: o.attr("htmlUrl")}
				if len(path) > 0 {
					f.Categories = append(f.Categories, strings.Join(path, "/"))
				}
				for _, c := range strings.Split(o.attr("category"), ",") {
					if c = strings.Trim(strings.TrimSpace(c), "/"); c != "" {
						f.Categories = append(f.Categories, c)
					}
				}
				feeds = append(feeds, f)
			}
			if len(o.Outlines) > 0 {
				sub := path
				if name != "" {
					sub = append(path[:len(path):len(path)], name)
				}
				walk(o.Outlines, sub)
			}
		}
	}
	walk(doc.Body, nil)
	return strings.TrimSpace(doc.Title), feeds, nil
}

// Write writes feeds as an OPML 2.0 document titled title: one outline of
// type rss for each, in order, at the top level (categories become the
// category attribute, not folders). The document is written as it goes,
// escaped as encoding/xml escapes (the same bytes as its Encoder with a
// two-space indent): `export opml` of 1,000 feeds built a copy of the list
// for the Encoder's reflection, 0.7 MB of a command that has 20.
func Write(w io.Writer, title string, feeds []Feed, now time.Time) error {
	b := bufio.NewWriter(w)
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n    <title>")
	escape(b, title)
	b.WriteString("</title>\n    <dateCreated>")
	escape(b, now.UTC().Format(time.RFC1123Z))
	b.WriteString("</dateCreated>\n  </head>\n  <body>")
	for _, f := range feeds {
		b.WriteString("\n    <outline type=\"rss\"")
		attr(b, "text", f.Title)
		attr(b, "title", f.Title)
		attr(b, "xmlUrl", f.URL)
		if f.Site != "" {
			attr(b, "htmlUrl", f.Site)
		}
		if len(f.Categories) > 0 {
			b.WriteString(` category="`)
			for i, c := range f.Categories {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('/')
				escape(b, strings.Trim(c, "/"))
			}
			b.WriteByte('"')
		}
		b.WriteString("></outline>")
	}
	if len(feeds) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("</body>\n</opml>\n")
	return b.Flush()
}

// attr writes ` name="value"`, the value escaped.
func attr(b *bufio.Writer, name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	escape(b, value)
	b.WriteByte('"')
}

// escape writes s as encoding/xml writes a string's text or attribute
// value: the five markup characters, tab and line ends as references, and
// what XML cannot hold (invalid UTF-8, control characters) as U+FFFD.
func escape(b *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inCharacterRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		b.WriteString(s[last : i-width])
		b.WriteString(esc)
		last = i
	}
	b.WriteString(s[last:])
}

// inCharacterRange reports whether r may appear in an XML document (the
// XML 1.0 Char production, as encoding/xml checks it).
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
