package feed

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Link is a feed that a web page advertises.
type Link struct {
	URL   string // absolute
	Title string // the link's title attribute, if any
	Type  string // "RSS", "Atom" or "JSON Feed"
}

// feedTypes are the media types of <link rel="alternate"> that name a feed.
var feedTypes = map[string]string{
	"application/rss+xml":   "RSS",
	"application/atom+xml":  "Atom",
	"application/feed+json": "JSON Feed",
	"application/rdf+xml":   "RSS",
}

// genericTypes are media types that name a feed only when the address says
// so (…/feed, …/rss, …/atom.xml).
var genericTypes = map[string]string{"application/json": "JSON Feed", "application/xml": "RSS", "text/xml": "RSS"}

// Discover returns the feeds an HTML page advertises with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">
// (and the generic JSON and XML types when the address says feed, rss or atom), in page order,
// without duplicates, resolved against pageURL and the page's <base href>.
// It reads the head only, up to <body> or the first 1 MB.
func Discover(page []byte, pageURL string) []Link {
	base, _ := url.Parse(pageURL)
	z := html.NewTokenizer(bytes.NewReader(page[:min(len(page), 1<<20)]))
	var links []Link
	seen := map[string]bool{}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		switch atom.Lookup(name) {
		case atom.Body:
			return links
		case atom.Base, atom.Link:
		default:
			continue
		}
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = strings.TrimSpace(string(v))
		}
		if atom.Lookup(name) == atom.Base {
			if u, err := url.Parse(attrs["href"]); err == nil && attrs["href"] != "" {
				if base != nil {
					u = base.ResolveReference(u)
				}
				base = u
			}
			continue
		}
		if !hasToken(attrs["rel"], "alternate") && !hasToken(attrs["rel"], "feed") {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(strings.SplitN(attrs["type"], ";", 2)[0]))
		label, ok := feedTypes[typ]
		if g, generic := genericTypes[typ]; generic {
			href := strings.ToLower(attrs["href"])
			if strings.Contains(href, "feed") || strings.Contains(href, "rss") || strings.Contains(href, "atom") {
				label, ok = g, true
			}
		}
		if !ok || attrs["href"] == "" {
			continue
		}
		u, err := url.Parse(attrs["href"])
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file" || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		links = append(links, Link{URL: u.String(), Title: strings.Join(strings.Fields(attrs["title"]), " "), Type: label})
	}
}

// hasToken reports whether a space-separated attribute holds tok (any case).
func hasToken(attr, tok string) bool {
	for _, f := range strings.Fields(attr) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
