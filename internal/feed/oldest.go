package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"time"

	"github.com/mmcdole/gofeed"
)

// A document of more than MaxItems items is read in part (capItems). Most
// feeds list their newest items first, and the first MaxItems are the ones
// to read; a feed that lists them oldest first (an archive, a podcast with
// its every episode) adds its new items at the end, past the cut, where
// they would never be seen. Such a feed — most of its items read dated
// before the next one — is read again from its last MaxItems.

// oldestFirst reports whether the dated items run from oldest to newest:
// more of them are older than the dated item after them than newer (an
// old post pinned at the top of a feed listed newest first does not turn
// it).
func oldestFirst(items []*gofeed.Item) bool {
	var prev time.Time
	up, down := 0, 0
	for _, it := range items {
		t := itemDate(it)
		if t.IsZero() {
			continue
		}
		switch {
		case prev.IsZero():
		case prev.Before(t):
			up++
		case t.Before(prev):
			down++
		}
		prev = t
	}
	return up > down
}

func itemDate(it *gofeed.Item) time.Time {
	switch {
	case it == nil:
	case it.PublishedParsed != nil:
		return *it.PublishedParsed
	case it.UpdatedParsed != nil:
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// lastItems cuts the top-level items or entries before the last n out of an
// XML document of more than n; nil when it has no more than n or cannot be
// read so.
func lastItems(body []byte, n int) []byte {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // only the markup matters here
	// where each top-level item starts, and how many item or entry
	// elements are open
	var starts []int64
	items := 0
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if isItem(t.Name) {
				if items == 0 {
					starts = append(starts, off)
				}
				items++
			}
		case xml.EndElement:
			if isItem(t.Name) && items > 0 {
				items--
			}
		}
	}
	if len(starts) <= n {
		return nil
	}
	first, keep := starts[0], starts[len(starts)-n]
	return append(body[:first:first], body[keep:]...)
}
