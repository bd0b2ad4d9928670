package feed

import (
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// mediaDescription returns the Media RSS description of an item — a video's
// or a clip's text, and all the text a YouTube channel's Atom feed gives
// (read only for an item with no text of its own: a news item's is its
// image's caption):
// the item's own media:description, else its media:group's, else its first
// media:content's (in a group or not). "" when it has none.
func mediaDescription(it *gofeed.Item) string {
	media := it.Extensions["media"]
	if media == nil {
		return ""
	}
	if d := extText(media["description"]); d != "" {
		return d
	}
	for _, g := range media["group"] {
		if d := extText(g.Children["description"]); d != "" {
			return d
		}
	}
	contents := media["content"]
	for _, g := range media["group"] {
		contents = append(contents[:len(contents):len(contents)], g.Children["content"]...)
	}
	for _, c := range contents {
		if d := extText(c.Children["description"]); d != "" {
			return d
		}
	}
	return ""
}

// extText is the text of the first of exts that has some.
func extText(exts []ext.Extension) string {
	for _, e := range exts {
		if v := strings.TrimSpace(e.Value); v != "" {
			return v
		}
	}
	return ""
}
