package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	atomfeed "github.com/mmcdole/gofeed/atom"
	rssfeed "github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html/charset"
)

// MaxItems caps how many items one feed document yields: the first ones in
// document order, or the last ones when the feed lists its items oldest
// first (see oldest.go). The cap is applied to the document before the feed parser
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
	maxBadDate   = 100
	maxRawText   = 2 << 20
	maxText      = 200_000
)

// Parse reads one feed document. baseURL resolves relative links. A
// gzip-compressed document is decompressed (up to 64 MB).
func Parse(r io.Reader, baseURL string) (*Result, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("feed: read: %w", err)
	}
	if body, err = unwrapGzip(body, maxDocument); err != nil {
		return nil, err
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
	body = decodeUnicode(body)
	if label := declaredEncoding(body); label != "" && utf8.Valid(body) {
		if enc, _ := charset.Lookup(label); enc == nil {
			body = declareUTF8(body) // an encoding nobody knows, of a document that reads as UTF-8
		}
	}
	var f *gofeed.Feed
	var unread int
	var guess *charsetGuess
	k, root := sniff(body)
	if k == kindXML && root == "entry" {
		body = wrapEntry(body)
	}
	switch k {
	case kindJSON:
		body, guess = sanitize(body)
		if f, err = parseJSONFeed(body); err != nil {
			return nil, err
		}
	case kindXML:
		// Nothing may precede an XML declaration; the parser reads a
		// document that starts with a blank line as holding no items.
		trimmed := bytes.TrimLeft(body, " \t\r\n")
		lead := bytes.Count(body[:len(body)-len(trimmed)], []byte("\n"))
		body = trimmed
		body, guess = sanitize(body)
		body = cutLongText(body, maxRawText)
		if root == "rss" || root == "rdf" {
			rewriteDates(body, time.Now()) // the document is parse's own (see rewriteDates)
		}
		capped := capItems(body, MaxItems)
		if f, err = parseXML(capped, root); err != nil {
			return nil, &NotFeedError{Kind: "broken", Msg: fmt.Sprintf("feed: parse: the feed's XML cannot be read (%v): a document cut short, or broken at the source; the feed's publisher must fix it", err)}
		}
		if len(capped) < len(body) && oldestFirst(f.Items) {
			// its new items are at the end: read its last MaxItems
			if last := lastItems(body, MaxItems); last != nil {
				if g, err := parseXML(last, root); err == nil && len(g.Items) > 0 {
					f, capped = g, last
				}
			}
		}
		body = capped
		if tags, line := itemTags(body); tags > len(f.Items) {
			if len(f.Items) == 0 {
				return nil, &NotFeedError{Kind: "broken", Msg: fmt.Sprintf("feed: the document has %d <item> or <entry> elements (the first on line %d) but none could be read: its XML is malformed (an element left open before them?); the feed's publisher must fix it", tags, line+lead)}
			}
			unread = tags - len(f.Items)
		}
	default:
		return nil, notFeed(body, k, root, baseURL)
	}
	base := feedBase(f, baseURL)
	site := ""
	if base != nil && f.Link != "" {
		site = Canonical(base)
	}
	res = &Result{Title: plain(f.Title, maxRawTitle, maxTitle), Unread: unread}
	if guess != nil {
		res.Charset, res.CharsetUnsure = guess.name, !guess.sure
	}
	lang := languageTag(f.Language)
	seen := make(map[string]int, min(len(f.Items), MaxItems)) // identity → index in res.Items
	res.Items = make([]Item, 0, min(len(f.Items), MaxItems))
	var shared map[string]bool
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		if f.FeedType == "rss" && it.Image == nil {
			// gofeed's scan, which the parser leaves to us (see rssTranslator)
			if src, ok := firstImage(it.Content); ok {
				it.Image = &gofeed.Image{URL: src}
			} else if src, ok := firstImage(it.Description); ok {
				it.Image = &gofeed.Image{URL: src}
			}
		}
		item, canonical, repaired := normalise(it, base, true)
		if repaired {
			// Its mojibake repaired: keep the title and text as earlier
			// versions read them, which telling posts apart and seeing
			// corrections compare (Item.Unrepaired).
			res.Repaired++
			was, _, _ := normalise(it, base, false)
			item.Unrepaired = &Unrepaired{Title: was.Title, Text: was.Text}
		}
		item.Lang = lang
		item.Identity = identity(it, item, canonical, base, site, baseURL)
		if item.Identity == "" {
			res.Empty++
			continue
		}
		if j, ok := seen[item.Identity]; ok {
			if !shared[item.Identity] && !differentPosts(res.Items[j], item) {
				res.Repeated++
				continue
			}
			if shared == nil {
				shared = map[string]bool{}
			}
			shared[item.Identity] = true
		} else {
			seen[item.Identity] = len(res.Items)
		}
		res.Items = append(res.Items, item)
		if len(res.Items) == MaxItems {
			break
		}
	}
	if shared != nil {
		res.Items, res.Repeated = tellApart(res.Items, shared, baseURL, res.Repeated)
	}
	return res, nil
}

// wrapEntry makes an Atom Entry Document a feed of that one entry.
func wrapEntry(doc []byte) []byte {
	trimmed := bytes.TrimLeft(doc, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<?xml")) {
		if end := bytes.Index(trimmed, []byte("?>")); end >= 0 {
			decl := trimmed[:end+2]
			return slices.Concat(decl, []byte(`<feed xmlns="http://www.w3.org/2005/Atom">`), trimmed[end+2:], []byte("</feed>"))
		}
	}
	return slices.Concat([]byte(`<feed xmlns="http://www.w3.org/2005/Atom">`), trimmed, []byte("</feed>"))
}

// itemTags counts the <item> and <entry> start tags of an XML document,
// with any namespace prefix, outside comments and CDATA sections, and
// gives the line of the first.
func itemTags(doc []byte) (n, firstLine int) {
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 {
				return n, firstLine
			}
			i += end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return n, firstLine
			}
			i += end + 3
			continue
		}
		name := rest[1:]
		k := 0
		for k < len(name) && (name[k] == ':' || name[k] == '_' || name[k] == '-' || name[k] == '.' ||
			name[k] >= 'a' && name[k] <= 'z' || name[k] >= 'A' && name[k] <= 'Z' || name[k] >= '0' && name[k] <= '9') {
			k++
		}
		local := name[:k]
		if c := bytes.LastIndexByte(local, ':'); c >= 0 {
			local = local[c+1:]
		}
		if (string(local) == "item" || string(local) == "entry") && k < len(name) && (name[k] == '>' || name[k] == '/' || name[k] == ' ' || name[k] == '\t' || name[k] == '\n' || name[k] == '\r') {
			if n++; n == 1 {
				firstLine = 1 + bytes.Count(doc[:i], []byte("\n"))
			}
		}
		i++
	}
	return n, firstLine
}

// feedBase is the base of a feed's relative item links: the site the feed
// describes (its link), resolved against the address it was fetched from.
// A feed read from a file (or given no address) takes its own address from
// its self link (atom:link rel="self", JSON Feed's feed_url), when that is
// an absolute http(s) URL.
func feedBase(f *gofeed.Feed, baseURL string) *url.URL {
	base, _ := url.Parse(baseURL)
	if base == nil || !isWeb(base) {
		if self, err := url.Parse(strings.TrimSpace(f.FeedLink)); err == nil && isWeb(self) {
			base = self
		}
	}
	if l, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && f.Link != "" {
		if base != nil {
			l = base.ResolveReference(l)
		}
		if isWeb(l) {
			base = l // relative item links are relative to the site the feed describes
		}
	}
	return base
}

// rssTranslator is gofeed's translation of RSS without its scan of an
// item's HTML for an image: it parses every item's content and description
// into a document (a fifth of the memory a poll allocated), while
// firstImage finds the same <img> with a tokenizer, and only in HTML that
// has one. The translators keep no state: one of each serves every parse.
var (
	rssTranslator  = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	atomTranslator = &gofeed.DefaultAtomTranslator{}
)

// parseXML parses an RSS or Atom document with gofeed's parser of the kind
// sniff found by its root element (rss or rdf: RSS; feed: Atom), as
// gofeed.Parser does once it has detected the kind itself — without that
// second detection, which copies the document's first 4 KB into a buffer
// and reads them with another XML parser (and gives up on a root element
// past them).
func parseXML(body []byte, root string) (*gofeed.Feed, error) {
	if root == "feed" || root == "entry" { // an entry is wrapped in a feed by now
		af, err := (&atomfeed.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return atomTranslator.Translate(af)
	}
	rf, err := (&rssfeed.Parser{}).Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return rssTranslator.Translate(rf)
}

// languageTag returns a feed's declared language when it looks like a
// language tag (en, en-us, zh_CN, de-DE-1996: letters and digits in parts
// of up to 8, the first of 2 or 3 letters), "" for anything else (a
// language's name, "English", or text a template left there).
func languageTag(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > 35 {
		return ""
	}
	for i, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' }) {
		if len(part) > 8 || (i == 0 && (len(part) > 3 || strings.IndexFunc(part, func(r rune) bool { return (r|0x20) < 'a' || (r|0x20) > 'z' }) >= 0)) {
			return ""
		}
		if strings.IndexFunc(part, func(r rune) bool { return !(r >= '0' && r <= '9' || (r|0x20) >= 'a' && (r|0x20) <= 'z') }) >= 0 {
			return ""
		}
	}
	if s[0] == '-' || s[0] == '_' || s[len(s)-1] == '-' || s[len(s)-1] == '_' {
		return ""
	}
	return s
}

// isWeb reports whether u is an absolute http(s) URL with a host.
func isWeb(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// An item's date before earliestYear or more than maxAhead from now is
// nonsense: no date (the item keeps it as written, Item.BadDate).
const (
	earliestYear = 1990
	maxAhead     = 48 * time.Hour
)

// normalise is an item as newshound keeps it, but for its language and
// identity; canonical is Canonical(url.Parse(item.URL)) when the link was
// absolute and is written back as it came (plainLink, or resolving the
// link parsed it), else "" (identity parses item.URL).
//
// Mojibake in the item's fields is repaired when repair is set; repaired
// says whether that changed any of them (see Item.Unrepaired).
func normalise(it *gofeed.Item, base *url.URL, repair bool) (item Item, canonical string, repaired bool) {
	f := fields{repair: repair}
	item = Item{
		GUID:  strings.TrimSpace(it.GUID),
		Title: f.plain(it.Title, maxRawTitle, maxTitle),
	}
	// The link: the item's own, else (a tag: URI, an empty or broken
	// link) its GUID when that is a URL (RSS isPermaLink), else another
	// of its links.
	try := func(s string) bool {
		if s = strings.TrimSpace(s); s == "" {
			return false
		}
		if plainLink(s) {
			item.URL, canonical = s, s
			return true
		}
		u, parsed, err := resolve(base, s)
		if err != nil {
			return false
		}
		item.URL = u.String()
		if parsed && item.URL == s {
			canonical = Canonical(u)
		}
		return true
	}
	if !try(it.Link) && !(isURL(item.GUID) && try(item.GUID)) {
		for _, s := range it.Links {
			if try(s) {
				break
			}
		}
	}
	item.Text = f.plain(it.Content, maxRawText, maxText)
	if desc := f.plain(it.Description, maxRawText, maxText); len(item.Text) < len(desc) {
		item.Text = desc
	}
	// cut to maxText (at a rune boundary), or its raw text to maxRawText
	item.TextCut = len(item.Text) > maxText-utf8.UTFMax || len(it.Content) >= maxRawText || len(it.Description) >= maxRawText
	if item.Text == "" {
		// a video's text: YouTube's Atom feeds, Media RSS (not when the item
		// has text: a news item's media:description is its image's caption)
		item.Text = f.plain(mediaDescription(it), maxRawText, maxText)
	}
	if t := it.Custom[contentText]; t != "" {
		item.TextCut = item.TextCut || len(t) >= maxRawText
		if t = truncate(f.textOf(truncate(t, maxRawText)), maxText); printing(item.Text) < printing(t) {
			item.Text = t
		}
	}
	var authors []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			authors = append(authors, strings.TrimSpace(a.Name))
		}
	}
	item.Author = f.plain(strings.Join(authors, ", "), maxRawAuthor, maxAuthor)
	raw := it.Published
	switch {
	case it.PublishedParsed != nil:
		item.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		item.Published, raw = it.UpdatedParsed.UTC(), it.Updated
	case strings.TrimSpace(it.Published) == "":
		raw = it.Updated
	}
	if item.Published.IsZero() && strings.TrimSpace(raw) != "" {
		if t, ok := readDate(raw); ok {
			item.Published = t // a date in another language or a near miss of the formats
		}
	}
	if !item.Published.IsZero() && (item.Published.Year() < earliestYear || item.Published.After(time.Now().Add(maxAhead))) {
		item.Published = time.Time{} // a nonsense date is no date
	}
	if item.Published.IsZero() {
		item.BadDate = plain(raw, maxRawAuthor, maxBadDate) // a date given but not taken: the poller reports it
	}
	if it.Image != nil && it.Image.URL != "" {
		if u, _, err := resolve(base, it.Image.URL); err == nil {
			item.Image = u.String()
		}
	} else {
		for _, e := range it.Enclosures {
			if e != nil && strings.HasPrefix(e.Type, "image/") {
				if u, _, err := resolve(base, e.URL); err == nil {
					item.Image = u.String()
					break
				}
			}
		}
	}
	return item, canonical, f.repaired
}

// fields reads an item's fields as plain text, with their mojibake
// repaired when repair is set, and notes whether a repair changed one.
type fields struct{ repair, repaired bool }

// plain is the package's plain, repairing as f says.
func (f *fields) plain(s string, maxRaw, max int) string {
	t, r := plainText(truncate(s, maxRaw), f.repair)
	f.repaired = f.repaired || r
	return truncate(t, max)
}

// textOf is the package's textOf, repairing as f says.
func (f *fields) textOf(s string) string {
	t, r := textOf(s, f.repair)
	f.repaired = f.repaired || r
	return t
}

// identity is an item's identity (see the package documentation): its
// canonical link, unless the link is the feed's own site or the root of a
// site (podcast episodes that all link to the show's home page); else its
// GUID, as it is when it looks globally unique (a URI: tag:, urn:, http:…),
// else qualified by the feed's address; else, for an item with neither, a
// digest of its title and text, qualified by the feed's address. canonical
// is Canonical(url.Parse(item.URL)) when normalise had it, else "".
func identity(it *gofeed.Item, item Item, canonical string, base *url.URL, site, feedAddress string) string {
	link := item.URL
	if ext := it.Custom[externalURL]; ext != "" {
		// A JSON Feed link post: url is the post, external_url the thing
		// it is about — what Atom and RSS give as the item's link. The
		// thing is the identity, so the post read as Atom and as JSON
		// Feed is one article.
		if u, _, err := resolve(base, ext); err == nil {
			link, canonical = u.String(), ""
		}
	}
	if link != "" {
		c := canonical
		if c == "" {
			if u, _ := url.Parse(link); u != nil {
				c = Canonical(u)
			}
		}
		if c != "" && c != site && !rootURL(c) {
			return c
		}
	}
	if item.GUID != "" {
		if globalID(item.GUID) {
			return "guid:" + item.GUID
		}
		return "guid:" + item.GUID + " @" + feedAddress
	}
	if it.Title == "" && it.Description == "" && it.Content == "" {
		if item.URL != "" {
			u, _ := url.Parse(item.URL)
			return Canonical(u) // a bare link, even to a site's root, is all there is
		}
		return ""
	}
	h := sha256.Sum256([]byte(feedAddress + "\n" + it.Title + "\n" + it.Description + "\n" + it.Content))
	return "text:" + hex.EncodeToString(h[:16]) + " @" + feedAddress
}

// printing counts the bytes of s other than spaces and line breaks: which
// of two forms of one text says more.
func printing(s string) int {
	return len(s) - strings.Count(s, " ") - strings.Count(s, "\n")
}

// SharedGUID reports whether an item's GUID may name the same post in
// another feed: an absolute http:, https:, tag: or urn: URI that is not a
// site's root page. Such a GUID makes an item new to one feed the article
// another feed already recorded under that GUID, whatever its link (see
// the package documentation, § Identity); a GUID like "42", or a site's
// home page given as every item's GUID, never does.
func SharedGUID(guid string) bool {
	if guid == "" || strings.TrimSpace(guid) != guid {
		return false
	}
	scheme, rest, ok := strings.Cut(guid, ":")
	if !ok || rest == "" {
		return false
	}
	switch strings.ToLower(scheme) {
	case "tag", "urn":
		return strings.Contains(rest, ":") || strings.Contains(rest, ",")
	case "http", "https":
		u, err := url.Parse(guid)
		if err != nil || u.Host == "" {
			return false
		}
		return !((u.Path == "/" || u.Path == "") && u.RawQuery == "" && u.Fragment == "")
	}
	return false
}

// globalID reports whether a GUID looks globally unique: a URI with a
// scheme (http:, tag:, urn:uuid:…), rather than a number or a slug that is
// unique only within its feed.
func globalID(guid string) bool {
	scheme, rest, ok := strings.Cut(guid, ":")
	if !ok || scheme == "" || rest == "" {
		return false
	}
	for i, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// resolve resolves the link ref against base: an absolute http(s) URL
// without a fragment that names no part of the page (keepFragment).
// parsed says that u is url.Parse(ref) as it is, neither resolved nor cut.
func resolve(base *url.URL, ref string) (u *url.URL, parsed bool, err error) {
	u, err = url.Parse(ref)
	if err != nil {
		return nil, false, err
	}
	parsed = true
	if base != nil && !u.IsAbs() {
		u, parsed = base.ResolveReference(u), false
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false, fmt.Errorf("unsupported link scheme %q", u.Scheme)
	}
	if !keepFragment(u.Fragment) && (u.Fragment != "" || u.RawFragment != "") {
		u.Fragment, u.RawFragment, parsed = "", "", false
	}
	return u, parsed, nil
}

// plainLink reports whether s is an absolute http(s) link that url.Parse
// reads as written, that url.URL.String writes back as it came, and that
// Canonical leaves as it is, so that s is its own canonical form without
// parsing it: a lower-case scheme and host (letters, digits, dots and
// dashes: no port, no credentials), a path, and in the path only the
// characters a URL path keeps unescaped (no escape, query or fragment).
// Most feeds' links are such; normalise and identity take them as they
// are (FuzzLinkShortcuts holds this to what parsing gives).
func plainLink(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' {
			continue
		}
		if i < slash || !pathByte(c) {
			return false
		}
	}
	return true
}

// pathByte reports whether a URL path keeps c as it is (url.shouldEscape's
// encodePath), for c other than a lower-case letter, a digit, a dot or a
// dash: an upper-case letter, "_", "~", "/", or one of the reserved "$&+,:;=@".
func pathByte(c byte) bool {
	switch c {
	case '_', '~', '/', '$', '&', '+', ',', ':', ';', '=', '@':
		return true
	}
	return 'A' <= c && c <= 'Z'
}

// rootURL reports whether the canonical URL c names a site's root page, as
// url.Parse reads it: a path of "/" or none, no query, no fragment (a URL
// that does not parse is none). A path longer than "/" is seen without
// parsing: whatever its escapes decode to, it stays longer.
func rootURL(c string) bool {
	rest, _, _ := strings.Cut(c, "#")
	rest, _, _ = strings.Cut(rest, "?")
	for _, scheme := range []string{"http://", "https://"} {
		if after, ok := strings.CutPrefix(rest, scheme); ok {
			if i := strings.IndexByte(after, '/'); i >= 0 && len(after)-i >= 2 {
				return false
			}
		}
	}
	cu, err := url.Parse(c)
	return err == nil && (cu.Path == "/" || cu.Path == "") && cu.RawQuery == "" && cu.Fragment == ""
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
