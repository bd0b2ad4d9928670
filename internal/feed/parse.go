package feed

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// MaxItems caps how many items one feed document yields: the first ones in
// document order. The cap is applied to the document before the feed parser
// sees it (see capItems), so a feed of 100,000 items costs no more than one
// of MaxItems.
const MaxItems = 1000

// Limits on what one item field may hold: the raw (HTML) text handed to
// PlainText, and the plain text kept.
const (
	maxRawTitle  = 64 << 10
	maxTitle     = 1000
	maxRawAuthor = 16 << 10
	maxAuthor    = 300
	maxRawText   = 2 << 20
	maxText      = 200_000
)

// Parse reads one feed document. baseURL resolves relative links.
func Parse(r io.Reader, baseURL string) (*Result, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("feed: read: %w", err)
	}
	return parse(body, baseURL)
}

// parse is Parse of a document in memory.
func parse(body []byte, baseURL string) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil { // a parser bug must not take the poller down
			res, err = nil, fmt.Errorf("feed: parse: parser failure: %v", p)
		}
	}()
	body = capItems(cutLongText(sanitize(body), maxRawText), MaxItems)
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: parse: %w", err)
	}
	base, _ := url.Parse(baseURL)
	if l, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && (l.Scheme == "http" || l.Scheme == "https") && l.Host != "" {
		base = l // relative item links are relative to the site the feed describes
	}
	res = &Result{Title: plain(f.Title, maxRawTitle, maxTitle)}
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := normalise(it, base)
		if item.Identity == "" || seen[item.Identity] {
			continue
		}
		seen[item.Identity] = true
		res.Items = append(res.Items, item)
		if len(res.Items) == MaxItems {
			break
		}
	}
	return res, nil
}

func normalise(it *gofeed.Item, base *url.URL) Item {
	item := Item{
		GUID:  strings.TrimSpace(it.GUID),
		Title: plain(it.Title, maxRawTitle, maxTitle),
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	if link == "" && isURL(item.GUID) {
		link = item.GUID // RSS guid isPermaLink
	}
	if link != "" {
		if u, err := resolve(base, link); err == nil {
			item.URL = u.String()
			item.Identity = Canonical(u)
		}
	}
	if item.Identity == "" && item.GUID != "" {
		item.Identity = "guid:" + item.GUID
	}
	item.Text = plain(it.Content, maxRawText, maxText)
	if desc := plain(it.Description, maxRawText, maxText); len(item.Text) < len(desc) {
		item.Text = desc
	}
	var authors []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			authors = append(authors, strings.TrimSpace(a.Name))
		}
	}
	item.Author = plain(strings.Join(authors, ", "), maxRawAuthor, maxAuthor)
	switch {
	case it.PublishedParsed != nil:
		item.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		item.Published = it.UpdatedParsed.UTC()
	}
	if !item.Published.IsZero() && (item.Published.Year() < 1990 || item.Published.After(time.Now().Add(48*time.Hour))) {
		item.Published = time.Time{} // a nonsense date is no date
	}
	if it.Image != nil && it.Image.URL != "" {
		if u, err := resolve(base, it.Image.URL); err == nil {
			item.Image = u.String()
		}
	} else {
		for _, e := range it.Enclosures {
			if e != nil && strings.HasPrefix(e.Type, "image/") {
				if u, err := resolve(base, e.URL); err == nil {
					item.Image = u.String()
					break
				}
			}
		}
	}
	return item
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func resolve(base *url.URL, ref string) (*url.URL, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("unsupported link scheme %q", u.Scheme)
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// plain is PlainText of at most the first maxRaw bytes of s, cut to at most
// max bytes: an enormous field costs no more than a large one.
func plain(s string, maxRaw, max int) string {
	return truncate(PlainText(truncate(s, maxRaw)), max)
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
