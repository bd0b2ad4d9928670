package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// parseJSONFeed reads a JSON Feed (https://jsonfeed.org, versions 1 and
// 1.1) leniently: a field of the wrong type ("tags": "a,b" where a list is
// expected, a number for an id) is coerced when its meaning is plain (a
// number id becomes its text, a lone author object a list of one) and
// dropped otherwise; the item stays. An entry of "items" that is not an
// object is skipped. A document that is not JSON is an error giving the
// line and column; JSON without a JSON Feed "version" is not a feed.
func parseJSONFeed(body []byte) (*gofeed.Feed, error) {
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		return nil, jsonError(body, err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, &NotFeedError{Kind: "json", Msg: "feed: the document is JSON but not an object, so not a JSON Feed: not a feed (check the URL)"}
	}
	version := jsonString(top["version"])
	if !strings.HasPrefix(version, "https://jsonfeed.org/version/") && !strings.HasPrefix(version, "http://jsonfeed.org/version/") {
		if _, ok := top["rss"]; ok {
			return nil, &NotFeedError{Kind: "json", Msg: `feed: the document is RSS written as JSON (a top-level "rss" object), not a JSON Feed: newshound reads RSS as XML and JSON Feed; use the site's XML RSS or Atom feed`}
		}
		what := "has no"
		if version != "" {
			what = fmt.Sprintf("has the unknown %q as its", version)
		}
		return nil, &NotFeedError{Kind: "json", Msg: fmt.Sprintf(`feed: the document is JSON that %s JSON Feed "version" (https://jsonfeed.org/version/1.1): not a feed (check the URL)`, what)}
	}
	f := &gofeed.Feed{
		Title:    jsonString(top["title"]),
		Link:     jsonString(top["home_page_url"]),
		FeedLink: jsonString(top["feed_url"]),
		Language: jsonString(top["language"]),
	}
	var raw []json.RawMessage
	if len(top["items"]) > 0 && json.Unmarshal(top["items"], &raw) != nil {
		return nil, fmt.Errorf(`feed: JSON Feed: "items" is not a list (at %s)`, position(body, bytes.Index(body, top["items"])))
	}
	f.Items = jsonItems(raw)
	if len(raw) > MaxItems && oldestFirst(f.Items) {
		f.Items = jsonItems(raw[len(raw)-MaxItems:]) // its new items are at the end
	}
	return f, nil
}

// jsonItems reads the first MaxItems items of raw that are objects.
func jsonItems(raw []json.RawMessage) []*gofeed.Item {
	var items []*gofeed.Item
	for _, r := range raw {
		if len(items) == MaxItems {
			break
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(r, &m) != nil {
			continue // not an object: nothing of an item to read
		}
		items = append(items, jsonItem(m))
	}
	return items
}

func jsonItem(m map[string]json.RawMessage) *gofeed.Item {
	it := &gofeed.Item{
		GUID:  jsonString(m["id"]),
		Title: jsonString(m["title"]),
	}
	link, external := jsonText(m["url"]), jsonText(m["external_url"])
	it.Link = link
	if link == "" {
		it.Link = external
	}
	if link != "" && external != "" {
		it.Custom = map[string]string{externalURL: external}
	}
	for _, l := range []string{link, external} {
		if l != "" {
			it.Links = append(it.Links, l)
		}
	}
	it.Content = jsonString(m["content_html"])
	if text := jsonString(m["content_text"]); text != "" {
		// Plain text, not HTML ("a<b" is no tag), kept apart from
		// content_html; when both are given the HTML may be an image and
		// the text its caption, or a teaser: normalise keeps the one that
		// says more (textOf).
		if it.Custom == nil {
			it.Custom = map[string]string{}
		}
		it.Custom[contentText] = text
	}
	it.Description = jsonString(m["summary"])
	for _, key := range []string{"authors", "author"} {
		for _, name := range jsonAuthors(m[key]) {
			it.Authors = append(it.Authors, &gofeed.Person{Name: name})
		}
		if len(it.Authors) > 0 {
			break
		}
	}
	it.Published, it.Updated = jsonString(m["date_published"]), jsonString(m["date_modified"])
	it.PublishedParsed, it.UpdatedParsed = jsonDate(it.Published), jsonDate(it.Updated)
	for _, key := range []string{"image", "banner_image"} {
		if img := jsonText(m[key]); img != "" {
			it.Image = &gofeed.Image{URL: img}
			break
		}
	}
	if it.Image == nil {
		var atts []map[string]json.RawMessage
		if json.Unmarshal(m["attachments"], &atts) == nil {
			for _, a := range atts {
				if strings.HasPrefix(jsonString(a["mime_type"]), "image/") && jsonString(a["url"]) != "" {
					it.Image = &gofeed.Image{URL: jsonString(a["url"])}
					break
				}
			}
		}
	}
	return it
}

// externalURL is the key of gofeed.Item.Custom that holds a JSON Feed
// item's external_url when it also has a url.
const externalURL = "external_url"

// contentText is the key of gofeed.Item.Custom that holds a JSON Feed
// item's content_text: plain text (textOf), not the HTML of Content.
const contentText = "content_text"

// jsonString is a JSON string's value, a number's text, or "" for anything
// else.
func jsonString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// jsonText is a JSON string's value, or "" for anything else (an address
// given as a number is no address).
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return ""
}

// jsonAuthors reads authors given as a list of objects or strings, a single
// object or a single string.
func jsonAuthors(raw json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		list = []json.RawMessage{raw}
	}
	var names []string
	for _, a := range list {
		var obj map[string]json.RawMessage
		name := jsonString(a)
		if json.Unmarshal(a, &obj) == nil {
			name = jsonString(obj["name"])
		}
		if name != "" {
			names = append(names, name)
		}
	}
	return names
}

// jsonDates are the layouts a JSON Feed date is read in: RFC 3339, and the
// near misses seen in the wild.
var jsonDates = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123}

func jsonDate(s string) *time.Time {
	if s == "" {
		return nil
	}
	for _, layout := range jsonDates {
		if t, err := time.Parse(layout, s); err == nil {
			return &t
		}
	}
	return nil
}

// jsonError turns a JSON decoding error into one that gives its place.
func jsonError(body []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("feed: JSON syntax error at %s: %s", position(body, max(int(se.Offset)-1, 0)), se.Error())
	}
	return fmt.Errorf("feed: JSON: %w", err)
}

// position renders a byte offset of doc as "line L, column C" (both from
// 1; the column counts characters).
func position(doc []byte, off int) string {
	if off < 0 {
		return "an unknown place"
	}
	off = min(off, len(doc))
	line := 1 + bytes.Count(doc[:off], []byte("\n"))
	start := bytes.LastIndexByte(doc[:off], '\n') + 1
	col := 1 + utf8.RuneCount(doc[start:off])
	return fmt.Sprintf("line %d, column %d", line, col)
}
