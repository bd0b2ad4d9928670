package feed

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// MaxItems caps how many items one feed document yields; the newest first
// when the feed is dated, else document order.
const MaxItems = 1000

// Parse reads one feed document. baseURL resolves relative links.
func Parse(r io.Reader, baseURL string) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil { // a parser bug must not take the poller down
			res, err = nil, fmt.Errorf("feed: parse: parser failure: %v", p)
		}
	}()
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("feed: parse: %w", err)
	}
	base, _ := url.Parse(baseURL)
	if l, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && (l.Scheme == "http" || l.Scheme == "https") && l.Host != "" {
		base = l // relative item links are relative to the site the feed describes
	}
	res = &Result{Title: PlainText(f.Title)}
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
		Title: truncate(PlainText(it.Title), 1000),
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
	content := it.Content
	if len(PlainText(content)) < len(PlainText(it.Description)) {
		content = it.Description
	}
	item.Text = truncate(PlainText(content), 200_000)
	var authors []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			authors = append(authors, strings.TrimSpace(a.Name))
		}
	}
	item.Author = truncate(PlainText(strings.Join(authors, ", ")), 300)
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
