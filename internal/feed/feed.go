// Package feed fetches one feed and parses it into Items.
//
// Fetching is polite and bounded: conditional GET with the validators of the
// previous poll (a 304 costs no parsing), a body limit applied after gzip
// decoding (also of a body gzipped without a Content-Encoding header, known
// by its magic bytes), the HTTP client's timeout and redirect limit, and
// Retry-After read from 429 and 503 answers.
//
// Parsing reads RSS 0.9x, 1.0 and 2.0 and Atom through gofeed, and JSON
// Feed itself, leniently: a field of the wrong type is coerced or dropped,
// the item stays (jsonfeed.go). UTF-16 and UTF-32 documents are decoded by
// their byte-order mark; the charset named in the Content-Type header is
// honoured when the document itself declares none; an undeclared legacy
// charset (KOI8-R, windows-1251, …) is guessed from the text, windows-1252
// when unsure. A document that is no feed is a *NotFeedError that says what
// it is and what to do: an HTML page (naming the feeds it advertises, see
// Discover), an OPML list (import it), RSS written as JSON, JSON without a
// JSON Feed version, other XML; JSON syntax errors give line and column. A
// broken feed is an error for that feed only: Parse never panics.
//
// A document is made safe before the parser sees it (sanitize.go): stray
// control bytes are dropped and invalid UTF-8 replaced, text runs longer
// than 2 MB are cut, and items past MaxItems are cut off, because the
// parser's cost grows with every item and every copy of a text it makes —
// the items before the last MaxItems when the feed lists its items oldest
// first (oldest.go), since its new items are at the end.
// Fields are plain text and bounded: titles 1,000 bytes, authors 300, text
// 200,000. Mojibake in them — UTF-8 read as Windows-1252 and encoded again
// at the source, "Putinâ€™s" — is repaired (package mojibake; counted in
// Result.Repaired); the item keeps its title and text as the feed gave them
// (Item.Unrepaired), which telling posts apart compares (see Identity). Relative links resolve against xml:base (nested per RFC 3986),
// then the feed's site link, then the address the feed came from — for a
// file: feed, its own self link.
//
// # Identity
//
// An Item's Identity says which article it is, across polls and feeds; an
// item whose identity is already stored is not new. It is, in order:
//
//   - the canonical link (see Canonical: tracking parameters and tracking
//     fragments removed, fragments that name a post kept), so the same
//     story linked from two feeds is one article; but not when the link is
//     the feed's own site or a site's root page, which names no item
//     (podcasts whose episodes all link to the show's home page);
//   - else "guid:" + the GUID, when the GUID is a URI (https:, tag:,
//     urn:uuid:…) and so unique everywhere by construction;
//   - else "guid:" + GUID + " @" + the feed's address: a GUID like "42" is
//     unique only within its feed, and the same "42" in another feed is
//     another item;
//   - else, for an item with neither link nor GUID, "text:" + a digest of
//     its title and text + " @" + the feed's address.
//
// A JSON Feed item with both url and external_url (a link post) is
// identified by its external_url, which is what Atom and RSS give as such a
// post's link: one post offered by a site as Atom (linking elsewhere) and as
// JSON Feed (url its permalink, external_url elsewhere) is one article.
//
// Items of one document with the same identity are one item (counted in
// Result.Repeated), unless they are different posts (apart.go): items that
// share a link but carry GUIDs of their own and other titles or text (a
// live blog's entries, all linking to its page) are identified by their
// GUIDs (without GUIDs, by their titles: press releases that all link to
// the index page), items that share a link-less GUID but not their title
// and text by a digest of those (their title and text as the feed gives
// them, before any mojibake repair, as versions before the repair read
// them: a repair makes no old item new) — all the items of such an identity, so that a new
// item put first does not take the old one's identity. An item with nothing at all to identify or read is
// skipped (Result.Empty); item elements the XML parser could not read are
// counted in Result.Unread, and a document whose items are all unreadable
// is an error. The link comes first so that identities stay those of
// earlier versions and one story linked from two feeds is one article; the
// GUID is used only where the link does not tell items apart.
//
// The GUID also joins one post offered by two feeds under different links
// (an Atom entry linking elsewhere, a JSON Feed item linking to the post's
// permalink, both with the permalink as id): an item whose identity is not
// stored but whose GUID is shared (SharedGUID: an http:, https:, tag: or
// urn: URI, not a site's root page) is the article another feed already
// recorded with that GUID — not recorded or alerted again. The poller
// applies this (watchers, with the store's look-up by GUID), and only
// across feeds: within one feed items are never merged by GUID, and a GUID
// that two items of one document, two stored articles or an article of the
// item's own feed carry merges nothing, so a feed that reuses one id for
// different links loses none of them.
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
	TextCut   bool      // Text is the start of a longer text (200,000 bytes of it): the poller reports it
	Author    string    // names, comma-separated
	Published time.Time // zero when the feed gives no date, or one it cannot be
	BadDate   string    // the date the feed gave when it is unreadable or nonsense (before 1990, over 48 hours ahead), as written: Published is zero
	Image     string    // absolute URL of the item's image, if the feed names one
	Lang      string    // the language the feed declares (RSS <language>, Atom xml:lang, JSON Feed "language"), as written; "" when none or not a language tag

	// Unrepaired is the title and text as versions before the mojibake
	// repair read them, when the repair changed the item's title, text or
	// author (nil otherwise):
	// what telling posts apart and seeing corrections compare, so that an
	// item recorded before the repair existed is neither new nor changed.
	Unrepaired *Unrepaired
}

// Unrepaired is an item's title and text with their mojibake as the feed
// gave it ("Putinâ€™s"; see package mojibake).
type Unrepaired struct {
	Title, Text string
}

// AsGiven is the item's title and text as versions before the mojibake
// repair read them: Unrepaired's, else Title and Text.
func (it *Item) AsGiven() (title, text string) {
	if it.Unrepaired != nil {
		return it.Unrepaired.Title, it.Unrepaired.Text
	}
	return it.Title, it.Text
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
	Empty       int // items skipped for holding no link, id, title or text: nothing to identify or read
	Repeated    int // items skipped because an earlier item of the document has the same identity
	Unread      int // <item>/<entry> elements the parser could not read (malformed XML)
	Repaired    int // items whose title, text or author held mojibake, repaired (package mojibake): the poller counts them
	// Charset is the charset guessed for a document that is not UTF-8 and
	// declares none ("" for any other); CharsetUnsure says the text did not
	// confirm the guess (too short, or fitting no script clearly): its
	// non-ASCII text may be mojibake.
	Charset       string
	CharsetUnsure bool
}
