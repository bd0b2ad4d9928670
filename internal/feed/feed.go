// Package feed fetches one feed and parses it into Items.
//
// Fetching is polite and bounded: conditional GET with the validators of the
// previous poll (a 304 costs no parsing), a body limit applied after gzip
// decoding, the HTTP client's timeout and redirect limit, and Retry-After
// read from 429 and 503 answers. Parsing goes through gofeed (RSS 0.9x, 1.0,
// 2.0, Atom, JSON Feed); the charset named in the Content-Type header is
// honoured when the document itself declares none. A broken feed is an error
// for that feed only: Parse never panics.
//
// A document is made safe before the parser sees it (sanitize.go): stray
// control bytes are dropped and invalid UTF-8 replaced (an undeclared legacy
// document is read as windows-1252), text runs longer than 2 MB are cut, and
// items past MaxItems are cut off, because the parser's cost grows with
// every item and every copy of a text it makes. Fields are plain text and
// bounded: titles 1,000 bytes, authors 300, text 200,000.
//
// An Item's Identity is its canonical URL (see Canonical), or its GUID when
// it has no link: the same story linked from two feeds is one article.
package feed

import (
	"time"
)

// Item is one entry of a feed, normalised.
type Item struct {
	Identity  string    // canonical URL, else "guid:" + GUID
	URL       string    // the link, absolute, as the feed gives it (fragment removed)
	GUID      string    // the feed's own id for the item
	Title     string    // plain text
	Text      string    // plain text of the content (or description), paragraphs separated by "\n\n"
	Author    string    // names, comma-separated
	Published time.Time // zero when the feed gives no date
	Image     string    // absolute URL of the item's image, if the feed names one
}

// Validators are what a server said about the last version it sent.
type Validators struct {
	ETag         string
	LastModified string
}

// Result is one fetch of a feed.
type Result struct {
	NotModified bool       // 304: nothing changed, nothing parsed
	Validators  Validators // to send next time
	Title       string     // the feed's own title
	Items       []Item
	Bytes       int // body size read
}
