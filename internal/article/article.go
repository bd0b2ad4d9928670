// Package article reads one article page: it fetches the page politely
// (bounded concurrency overall and per host, a delay between requests to the
// same host, a body limit) and extracts its main text and metadata.
//
// Extract is the pure core and never touches the network. A page that is a
// script's empty shell around a story given in <noscript> is read from the
// <noscript>; on other pages <noscript> content is never read (noscript.go).
// A page for subscribers is flagged (Article.Paywalled) and the paragraphs
// of its paywall box are left out of the text (paywall.go).
// Main-text
// extraction is go-trafilatura's (recall-favouring, no fallback extractors:
// measured best on the ScrapingHub benchmark). Around it this package
// decodes the page, turns the extracted tree into plain paragraphs (one
// the extractor gives twice in a row is kept once unless the page repeats
// it; words the extractor glued across a block boundary of the page, a
// list item, a block, a table cell or a <br>, are set apart again, and its
// last-resort dump of a near-empty page, <title> first, is replaced by the
// body's paragraphs, and its rescue of a short story, the whole text of
// the page's <article> run together, by that element's paragraphs: joins.go), drops the paragraphs the page writes only
// in boxes it marks as teasers (teasers.go), adds back the rest of a story cut into like-classed sibling
// containers (the extractor keeps only the first; a <div> and a <section>
// of one class are alike) and drops an advertising slot between them (the
// extractor keeps it when it takes their common container: chunks.go), puts back a lead set
// apart between the headline and the body in a container marked as one
// or repeating the page's meta description (lead.go), drops the headline and the short lines a page sets above
// it in the story's container (a section name, a date, a search prompt)
// and the headings at its start that head nothing, and a date standing
// alone above the story (preamble.go), ends the text at a heading that
// opens related stories, most-read lists, more of the site's columns,
// comments or a press release's contact block after the story, drops
// footer lines, the headlines of links to other pages and the cards of
// other stories (a linked headline with its kicker, blurb or date, and the
// headings above a run of them: teasers.go) after it, and
// short boilerplate lines anywhere (picture
// credits, calls to subscribe, dates of update standing alone, the page's
// print and permanent-link tools, category
// labels, comment counts and prompts, calls for letters; boilerplate.go)
// and runs of short link-only paragraphs (linklists.go). Each of these is
// kept because it helps on pages of sites in both halves of the evaluation
// data, split by site (see internal/evaluate/extraction); the rest of the
// text is the extractor's, but for two readings of the page's own: a word
// it hyphenates at a line end is one word, and a number whose digit groups
// it sets apart with no-break or thin spaces keeps them (reading.go), as in
// feed text. Metadata that the page declares in
// machine-readable form (JSON-LD, then Dublin Core, Open Graph, Twitter and
// author meta tags, <html lang>) wins over what the extractor infers from
// the visible page.
//
// The charset of a page is taken from a byte-order mark; else the page is
// UTF-8 if it is non-ASCII UTF-8 but for at most one stray byte in twenty
// characters (legacy-encoded text never is; mislabelled UTF-8 and UTF-8
// with a broken byte are common; the stray bytes become U+FFFD); else from
// the HTTP Content-Type header (Fetch only), then a <meta charset> or <meta
// http-equiv> in the head (never another element's charset attribute);
// else UTF-8 if it has at least three UTF-8 characters and twice as many
// as stray bytes; else windows-1252.
package article

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/newshound/newshound/internal/mojibake"
)

// Article is the text and metadata extracted from one page.
type Article struct {
	URL       string    // final URL after redirects
	Title     string    // headline
	Byline    string    // author(s) as the page states them
	SiteName  string    // publication name; the host name when none is declared
	Published time.Time // zero when unknown
	Lang      string    // e.g. "en"
	Image     string    // lead image (og:image, twitter:image or first figure), absolute URL
	Text      string    // main text, paragraphs separated by "\n\n"

	// Paywalled: the page marks its story as for subscribers, or shows a
	// paywall box (removed from Text; see paywall.go). Text is then only
	// what the page shows, often the first paragraphs.
	Paywalled bool

	// TextSource says where Text comes from: "" for the page's visible
	// text, TextFromJSONLD for the articleBody the page declares in its
	// JSON-LD, taken when the visible text is far short of it (ldbody.go).
	TextSource string

	// Repaired: the page held mojibake — UTF-8 decoded as Windows-1252
	// and encoded again, "Putinâ€™s" — which was repaired before its text
	// and metadata were read (package mojibake), or in its title, byline
	// or text once read (mojibake written with character references).
	Repaired bool
}

// TextFromJSONLD is the TextSource of a text taken from the page's JSON-LD
// articleBody.
const TextFromJSONLD = "json-ld"

// Extract reads an HTML page from r and extracts its main text and metadata.
// pageURL is the page's address, used to resolve relative links; it may be
// empty. Extract does no I/O beyond reading r; the caller bounds r's size.
// The page is UTF-8 unless a byte-order mark or a <meta> charset says
// otherwise. A page with no recognisable main text yields an Article with
// its metadata and an empty Text, not an error.
func Extract(r io.Reader, pageURL string) (*Article, error) {
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok {
		// A bytes or strings reader says its length: the page is read
		// into one allocation rather than a doubling series of them.
		buf.Grow(l.Len() + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("article: read: %w", err)
	}
	return extract(buf.Bytes(), "", pageURL)
}

// extract decodes body (contentType is the HTTP header, if any) and extracts
// the article from it.
func extract(body []byte, contentType, pageURL string) (*Article, error) {
	doc, repaired, err := parseDocument(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("article: parse %s: %w", pageURL, err)
	}
	a, err := extractDocument(doc, pageURL)
	if a != nil {
		// Mojibake written with character references in the source
		// ("Putin&acirc;&#128;&#153;s") is text only once parsed.
		title, byline, text := mojibake.Repair(a.Title), mojibake.Repair(a.Byline), mojibake.Repair(a.Text)
		repaired = repaired || len(title) != len(a.Title) || len(byline) != len(a.Byline) || len(text) != len(a.Text)
		a.Title, a.Byline, a.Text, a.Repaired = title, byline, text, repaired
	}
	return a, err
}
