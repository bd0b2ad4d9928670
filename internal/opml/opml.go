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
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
// category attribute, not folders).
func Write(w io.Writer, title string, feeds []Feed, now time.Time) error {
	type out struct {
		Type     string `xml:"type,attr"`
		Text     string `xml:"text,attr"`
		Title    string `xml:"title,attr"`
		XMLURL   string `xml:"xmlUrl,attr"`
		HTMLURL  string `xml:"htmlUrl,attr,omitempty"`
		Category string `xml:"category,attr,omitempty"`
	}
	type head struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated"`
	}
	type doc struct {
		XMLName  xml.Name `xml:"opml"`
		Version  string   `xml:"version,attr"`
		Head     head     `xml:"head"`
		Outlines []out    `xml:"body>outline"`
	}
	d := doc{Version: "2.0", Head: head{Title: title, DateCreated: now.UTC().Format(time.RFC1123Z)}}
	for _, f := range feeds {
		var cats []string
		for _, c := range f.Categories {
			cats = append(cats, "/"+strings.Trim(c, "/"))
		}
		d.Outlines = append(d.Outlines, out{Type: "rss", Text: f.Title, Title: f.Title, XMLURL: f.URL, HTMLURL: f.Site, Category: strings.Join(cats, ",")})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
