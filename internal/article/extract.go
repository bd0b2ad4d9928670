package article

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newshound/newshound/internal/entity"
)

// extractDocument runs the main-text extractor over doc and completes the
// metadata from the page's own tags.
func extractDocument(doc *html.Node, pageURL string) (a *Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("article: extract %s: extractor failed: %v", pageURL, p)
		}
	}()
	base, _ := url.Parse(pageURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	meta := readMeta(doc, base)
	readNoscript(doc)
	limitParagraphs(doc)
	dropRuby(doc)
	dropHidden(doc)
	dropWordBreaks(doc)
	joinBrokenWords(doc)
	groups := digitGroups(doc)
	shares := linkShares(doc)

	opts := trafilatura.Options{
		OriginalURL:  base,
		Focus:        trafilatura.FavorRecall,
		HtmlDateMode: trafilatura.Fast,
		SkipCatTags:  true, // unused: categories, tags and license are scans of the whole page
	}

	if d := scriptDensity(doc); d > 1.2 {
		// Chinese, Japanese and Korean say as much in fewer characters:
		// the library's rescue threshold, counted in characters, would
		// flatten a short story of theirs whole (headline glued to the
		// lead, no paragraphs).
		cfg := trafilatura.DefaultConfig()
		cfg.MinExtractedSize = int(minExtracted / d)
		opts.Config = cfg
	}
	if !meta.published.IsZero() {
		// The page states its date; spare the extractor's scan for one.
		opts.HtmlDateOverride = &htmldate.Result{DateTime: meta.published, HasTime: true, HasTimezone: true}
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		// The extractor found no main text; the page's metadata remains.
		res = &trafilatura.ExtractResult{}
	}
	a = &Article{
		URL:       pageURL,
		Title:     clean(res.Metadata.Title),
		Byline:    clean(res.Metadata.Author),
		SiteName:  clean(res.Metadata.Sitename),
		Published: res.Metadata.Date,
		Lang:      res.Metadata.Language,
		Image:     res.Metadata.Image,
	}
	// The extractor's language of the text it found (the page's declaration
	// when it reads none).
	textLang := primaryLang(res.Metadata.Language)
	meta.fill(a)
	a.Title, a.Byline, a.SiteName = plainField(a.Title), plainField(a.Byline), plainField(a.SiteName)
	paras := replaceArticleDump(doc, replaceDump(doc, renderText(res.ContentNode)))
	paras = dropRepeats(doc, findSeams(doc).mend(paras))
	paras = dropTeasers(doc, paras, meta.descs)
	paras, cut := dropPaywallText(doc, paras)
	a.Paywalled = cut || meta.locked
	paras = rejoinChunks(doc, paras)
	paras = addLead(doc, paras, shares, meta.descs)
	paras = dropPreamble(doc, paras, a.Title, res.Metadata.Title, meta.docTitle)
	paras = dropLeadingHeadings(doc, paras)
	paras = dropDateLine(paras)
	paras = tidy(paras, a.Title, res.Metadata.Title, meta.docTitle)
	paras = cutAtEndMarker(paras)
	paras = dropNavRuns(paras, shares)
	paras = dropFooter(paras)
	paras = dropTrailingLinks(paras, shares)
	paras = dropTrailingCards(doc, paras, shares)
	paras = dropBoilerLines(paras)
	if body := ldBody(meta.ldBodies, paras); body != nil && !a.Paywalled {
		paras, a.TextSource = body, TextFromJSONLD
	}
	a.Text = strings.Join(paras, "\n\n")
	if groups != nil {
		a.Text = keepDigitGroups(a.Text, groups)
	}
	if a.Lang != textLang {
		// The extractor's reading of the whole text differs from the
		// declaration: see whether the text clearly says otherwise.
		a.Lang = textLanguage(a.Lang, a.Text)
	}
	a.Image = absolute(base, a.Image)
	return a, nil
}

// clean removes invisible format characters, decodes the character
// references a double escape left in the text ("Zelensky&#39;s" on the page
// from "Zelensky&amp;#39;s" in its source; see package entity), collapses
// runs of white space into single spaces and trims the ends.
func clean(s string) string { return collapseSpace(dropFormat(entity.Decode(s))) }

// collapseSpace is strings.Join(strings.Fields(s), " "): runs of white
// space (as unicode.IsSpace sees it) made single spaces, the ends trimmed.
// Most text it is given is so already and comes back as it is, without
// the copies Fields and Join make. ASCII is read byte by byte, without
// decoding.
func collapseSpace(s string) string {
	space := true // before the start: a leading space is to be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return collapseSlow(s)
				}
				space = true
			case asciiSpace(c):
				return collapseSlow(s)
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return collapseSlow(s)
		}
		space = false
		i += size
	}
	if space && s != "" {
		return collapseSlow(s)
	}
	return s
}

// asciiSpace reports whether c, an ASCII byte, is white space to
// unicode.IsSpace other than ' '.
func asciiSpace(c byte) bool { return '\t' <= c && c <= '\r' }

// collapseSlow is collapseSpace of a string that changes: its words are
// copied a run at a time, one space between them; a byte that is not
// UTF-8 becomes U+FFFD, as it did when the text was written rune by rune.
func collapseSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	run := -1 // start of the run of characters not yet written
	flush := func(end int) {
		if run >= 0 {
			b.WriteString(s[run:end])
			run = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		if c < utf8.RuneSelf {
			if c == ' ' || asciiSpace(c) {
				flush(i)
				space = b.Len() > 0
				i++
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				flush(i)
				space = b.Len() > 0
				i += size
				continue
			}
			if r == utf8.RuneError && size == 1 {
				flush(i)
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteString("\uFFFD")
				i++
				continue
			}
		}
		if run < 0 {
			if space {
				b.WriteByte(' ')
				space = false
			}
			run = i
		}
		i += size
	}
	flush(len(s))
	return b.String()
}

// dropFormat removes the invisible format characters (Unicode category Cf:
// soft hyphen U+00AD, zero-width space, joiners and non-joiners, word
// joiner, byte-order marks inside text, direction marks…) from s. A reader
// does not see them, but they split words for a matcher or a search:
// "Mittel\u00adalter" is "Mittelalter". Text with no character that could
// be one (see formatLead) and that is valid UTF-8 comes back as it is; other
// non-ASCII text goes through strings.Map, which also makes a byte that is
// not UTF-8 U+FFFD.
func dropFormat(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			continue
		}
		if ascii {
			if !utf8.ValidString(s[i:]) {
				return dropFormatSlow(s)
			}
			ascii = false
		}
		if formatLead(c) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); r >= 0xAD && unicode.Is(unicode.Cf, r) {
				return dropFormatSlow(s)
			}
		}
	}
	return s
}

func dropFormatSlow(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xAD && unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// formatLead reports whether c is the first byte of a format character
// (category Cf) in UTF-8: U+00AD, U+0600–U+070F, U+08xx, U+180E, U+200B–
// U+206F, U+FEFF, U+FFF9–U+FFFB, U+110BD…U+1D17A, U+E0001–U+E007F.
// TestFormatLead checks the list against the unicode package's table.
func formatLead(c byte) bool {
	switch c {
	case 0xC2, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xEF, 0xF0, 0xF3:
		return true
	}
	return false
}

// dropRuby removes the annotations of ruby text (<rt>, and the <rp>
// parentheses shown where ruby is not supported) under n: the reading of
// 子供 given above it is not part of the sentence.
func dropRuby(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (c.DataAtom == atom.Rt || c.DataAtom == atom.Rp) {
			n.RemoveChild(c)
		} else {
			dropRuby(c)
		}
		c = next
	}
}

// maxParagraphWork bounds the extractor's scan of <p> elements. The
// extractor concatenates the text of every <p> of the page one at a time,
// copying what it has gathered each time: its work grows as the number of
// paragraphs times their text (a 1 MB page of 10,000 short paragraphs cost
// 4.6 GB of allocation and seconds of CPU). Paragraphs past the point where
// count × text exceeds this bound are removed before extraction; a real
// article (hundreds of paragraphs, tens of kilobytes) stays far below it.
const maxParagraphWork = 64 << 20

// limitParagraphs removes the <p> elements of doc beyond maxParagraphWork
// and returns how many it removed.
func limitParagraphs(doc *html.Node) int {
	var ps []*html.Node
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			ps = append(ps, n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c) // last pushed first popped: document order
		}
	}
	total := 0
	for i, p := range ps {
		total += textLen(p)
		if (i+1)*total <= maxParagraphWork {
			continue
		}
		for _, q := range ps[i:] {
			if q.Parent != nil {
				q.Parent.RemoveChild(q)
			}
		}
		return len(ps) - i
	}
	return 0
}

// textLen is the length of the text under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(n.Data)
	}
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l += textLen(c)
	}
	return l
}

// plainField makes a metadata value plain text. Values from meta tags,
// JSON-LD and <title> are strings, not parsed markup, so a hostile page can
// put tags ("<b>Jane</b>", "<script>…</script>") and control characters in
// them: tags are dropped (with the content of scripts and styles), entities
// decoded, invalid UTF-8 replaced and control characters removed.
func plainField(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = tagText(s, func(string) string { return " " })
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return clean(s)
}

// tagText is the text of the markup s: its tags dropped, with the content
// of scripts and styles, character references decoded; sep gives what a
// tag (its lower-case name) leaves in the text.
func tagText(s string, sep func(tag string) string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" {
				switch {
				case tt == html.StartTagToken:
					skip++
				case tt == html.EndTagToken && skip > 0:
					skip--
				}
			}
			b.WriteString(sep(tag))
		}
	}
}

// absolute resolves ref against base; it returns ref unchanged when either
// cannot be resolved, and "" for an empty ref.
func absolute(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if base == nil && u.Scheme == "" {
			return ref
		}
		return ""
	}
	return u.String()
}
