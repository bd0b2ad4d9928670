package article

import (
	"unicode"
	"unicode/utf8"

	"encoding/json"
	"github.com/RadhiFadlillah/whatlanggo"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page declares about itself in <html lang>, <meta> tags,
// JSON-LD and its first figure. It overrides or completes what the extractor
// finds (see fill).
type pageMeta struct {
	lang        string
	title       string
	titleRank   int // lower is better: JSON-LD, Dublin Core, Open Graph, Twitter
	byline      string
	bylineRank  int // lower is better: JSON-LD, Dublin Core, author
	siteName    string
	published   time.Time
	publishedLD bool // published comes from JSON-LD
	image       string
	figure      string   // first <figure> image or first image in <article>
	docTitle    string   // the <title> element
	ldTitles    []string // JSON-LD headline and name when both are given
	descs       []string // description, og:description, twitter:description, dc.description
	locked      bool     // the page marks its article as for subscribers (see paywall.go)
	ldBodies    []string // JSON-LD articleBody of the page's articles, as given (see ldbody.go)
}

// readMeta walks doc once and collects its declared metadata.
func readMeta(doc *html.Node, base *url.URL) pageMeta {
	var m pageMeta
	var inArticle int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
				if m.lang == "" {
					m.lang = attr(n, "xml:lang")
				}
			case atom.Meta:
				m.meta(n)
			case atom.Title:
				if m.docTitle == "" && n.FirstChild != nil {
					m.docTitle = clean(n.FirstChild.Data)
				}
			case atom.Svg:
				return
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					m.jsonLD(n.FirstChild.Data)
				}
				return
			case atom.Img:
				if m.figure == "" && inArticle > 0 {
					m.figure = absolute(base, imgSrc(n))
				}
			case atom.Figure, atom.Article:
				inArticle++
				defer func() { inArticle-- }()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// meta records one <meta> tag. Its property attribute may name several
// properties separated by spaces.
func (m *pageMeta) meta(n *html.Node) {
	content := clean(attr(n, "content"))
	if content == "" {
		return
	}
	for _, key := range strings.Fields(strings.ToLower(attr(n, "property"))) {
		m.metaValue(key, content, true)
	}
	for _, a := range []string{"name", "itemprop"} {
		if key := strings.ToLower(strings.TrimSpace(attr(n, a))); key != "" {
			m.metaValue(key, content, false)
		}
	}
	if strings.EqualFold(attr(n, "http-equiv"), "content-language") {
		m.metaValue("content-language", content, false)
	}
}

// metaValue records one property of a <meta> tag; property tells whether it
// came from a property attribute, which ranks above the name attribute.
func (m *pageMeta) metaValue(key, content string, property bool) {
	for _, p := range []string{"dc:", "dcterm:", "dcterms:"} {
		if strings.HasPrefix(key, p) {
			key = strings.TrimSuffix(p, ":") + "." + key[len(p):]
		}
	}
	attrRank := 1
	if property {
		attrRank = 0
	}
	switch key {
	case "dc.title", "dcterm.title", "dcterms.title":
		m.setTitle(content, 1+attrRank)
	case "og:title":
		m.setTitle(content, 3+attrRank)
	case "twitter:title", "parsely-title", "sailthru.title", "title":
		m.setTitle(content, 5+attrRank)
	case "description", "og:description", "twitter:description", "dc.description", "dcterm.description", "dcterms.description":
		if c := clean(content); c != "" && len(m.descs) < 4 {
			m.descs = append(m.descs, c)
		}
	case "article:content_tier":
		if strings.EqualFold(content, "locked") {
			m.locked = true
		}
	case "og:site_name", "application-name":
		setOnce(&m.siteName, content)
	case "dc.creator", "dcterm.creator", "dcterms.creator":
		m.setByline(content, 1+attrRank)
	case "author", "article:author", "byl", "sailthru.author", "parsely-author":
		m.setByline(content, 3+attrRank)
	case "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src":
		setOnce(&m.image, content)
	case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.created",
		"pubdate", "publishdate", "sailthru.date", "parsely-pub-date", "og:published_time":
		if m.published.IsZero() && !m.publishedLD {
			m.published = parseDate(content)
		}
	case "og:locale", "content-language", "language", "dc.language":
		if m.lang == "" {
			m.lang = content
		}
	}
}

// setByline keeps the byline of the best-ranked source seen so far; a URL
// (some sites put the author's page there) is no byline.
func (m *pageMeta) setByline(byline string, rank int) {
	byline = strings.TrimSpace(strings.TrimPrefix(byline, "By "))
	if byline == "" || strings.HasPrefix(byline, "http://") || strings.HasPrefix(byline, "https://") {
		return
	}
	if m.byline == "" || rank < m.bylineRank {
		m.byline, m.bylineRank = byline, rank
	}
}

// setTitle keeps the title of the best-ranked source seen so far.
func (m *pageMeta) setTitle(title string, rank int) {
	if title != "" && (m.title == "" || rank < m.titleRank) {
		m.title, m.titleRank = title, rank
	}
}

// jsonLD records what a JSON-LD block says about the article it describes.
// Wrappers such as <![CDATA[ … ]]> around the JSON are ignored.
func (m *pageMeta) jsonLD(src string) {
	if i := strings.Index(src, "<![CDATA["); i >= 0 {
		src = src[i+len("<![CDATA["):]
		if j := strings.LastIndex(src, "]]>"); j >= 0 {
			src = src[:j]
		}
	}
	i := strings.IndexAny(src, "{[")
	j := strings.LastIndexAny(src, "}]")
	if i < 0 || j < i {
		return
	}
	var v any
	if json.Unmarshal([]byte(src[i:j+1]), &v) != nil {
		return
	}
	m.ldValue(v, 0)
}

func (m *pageMeta) ldValue(v any, depth int) {
	if depth > 4 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			m.ldValue(e, depth+1)
		}
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			m.ldValue(g, depth+1)
		}
		if !isArticleType(v["@type"]) {
			return
		}
		headline, _ := v["headline"].(string)
		name, _ := v["name"].(string)
		if headline != "" && name != "" {
			m.ldTitles = append(m.ldTitles, clean(headline), clean(name))
		} else if headline != "" {
			m.setTitle(clean(headline), 0)
		}
		if s, ok := v["datePublished"].(string); ok && !m.publishedLD {
			if t := parseDate(s); !t.IsZero() {
				m.published, m.publishedLD = t, true // JSON-LD ranks above meta tags
			}
		}
		m.setByline(ldNames(v["author"]), 0)
		if m.image == "" {
			m.image = ldURL(v["image"])
		}
		if p, ok := v["publisher"].(map[string]any); ok {
			if s, ok := p["name"].(string); ok {
				setOnce(&m.siteName, clean(s))
			}
		}
		switch free := v["isAccessibleForFree"].(type) {
		case bool:
			m.locked = m.locked || !free
		case string:
			m.locked = m.locked || strings.EqualFold(strings.TrimSpace(free), "false")
		}
		if s, ok := v["inLanguage"].(string); ok && m.lang == "" {
			m.lang = s
		}
		if s, ok := v["articleBody"].(string); ok && s != "" && len(m.ldBodies) < 4 {
			m.ldBodies = append(m.ldBodies, s)
		}
	}
}

// isArticleType reports whether a JSON-LD @type names a kind of article.
func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report" || t == "WebPage"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldNames joins the names of a JSON-LD author value (string, object or list).
func ldNames(v any) string {
	switch v := v.(type) {
	case string:
		return clean(v)
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			return clean(s)
		}
	case []any:
		var names []string
		for _, e := range v {
			if s := ldNames(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// ldURL returns the address in a JSON-LD image value (string, object or list).
func ldURL(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if s, ok := v["url"].(string); ok {
			return s
		}
	case []any:
		for _, e := range v {
			if s := ldURL(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// fill merges m into a, which holds the extractor's findings. What the
// page declares in machine-readable form (meta tags, JSON-LD) wins over what
// the extractor inferred from the visible page: the title, byline, date and
// language; site name and image fill gaps only.
func (m pageMeta) fill(a *Article) {
	if lang := primaryLang(m.lang); lang != "" {
		a.Lang = lang
	} else {
		a.Lang = primaryLang(a.Lang)
	}
	setOnce(&a.SiteName, m.siteName)
	if len(m.ldTitles) >= 2 && (m.title == "" || m.titleRank > 0) {
		// A JSON-LD headline is sometimes a description and the name
		// the title; the one the <title> element contains is the title.
		m.setTitle(m.ldTitles[0], 0)
		if strings.Contains(strings.ToLower(m.docTitle), strings.ToLower(m.ldTitles[1])) &&
			!strings.Contains(strings.ToLower(m.docTitle), strings.ToLower(m.ldTitles[0])) {
			m.title = m.ldTitles[1]
		}
	}
	switch {
	case m.title != "":
		a.Title = m.title
	case m.docTitle != "":
		a.Title = headline(withoutSite(m.docTitle, a.SiteName))
	}
	if m.byline != "" {
		a.Byline = m.byline
	}
	a.Byline = strings.ReplaceAll(a.Byline, "; ", ", ")
	if !m.published.IsZero() {
		a.Published = m.published
	}
	setOnce(&a.Image, m.image)
	setOnce(&a.Image, m.figure)
}

// titleSeparators split a document title into headline and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " :: "}

// withoutSite removes the site's name from the end of a title ("Story |
// Site").
func withoutSite(title, site string) string {
	site = strings.ToLower(clean(site))
	if site == "" {
		return title
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		tail := strings.ToLower(strings.TrimSpace(title[i+len(sep):]))
		if tail != "" && (strings.Contains(tail, site) || strings.Contains(site, tail)) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// headline removes a trailing site name from a document title ("Story –
// Site"), unless what remains is too short to be a headline.
func headline(title string) string {
	cut := -1
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > cut {
			cut = i
		}
	}
	if cut < 0 {
		return title
	}
	if h := strings.TrimSpace(title[:cut]); len(strings.Fields(h)) >= 4 {
		return h
	}
	return title
}

// primaryLang reduces a language tag such as "en-US" or "en_GB" to its
// lower-case primary subtag.
func primaryLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_ ,;"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}

// dateLayouts are the forms of publication dates seen in meta tags.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"20060102",
}

// parseDate parses a machine-readable date; it returns the zero time when it
// cannot.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// imgSrc returns an image's address, preferring lazy-loading attributes
// that hold the real image over a placeholder src.
func imgSrc(n *html.Node) string {
	for _, k := range []string{"data-src", "data-original", "data-lazy-src", "src"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	return ""
}

// minLangText is the number of letters of text that textLanguage needs
// before it trusts the text over the page's declaration, counted as
// TextLength counts (a Chinese or Japanese letter as three, a Korean
// syllable as two: a short wire story in those scripts has fewer than 200
// letters), and langSample how much of the text it reads.
const (
	minLangText = 200
	langSample  = 3000
)

// TextLanguage returns the language of a text that does not come from a
// page, such as a feed item's title and description, on the terms pages
// are held to: declared (a language tag, "zh-CN", or empty) unless the
// text clearly says otherwise (see textLanguage); empty when nothing is
// declared and the text is too short to tell.
func TextLanguage(declared, text string) string {
	return textLanguage(primaryLang(declared), text)
}

// textLanguage returns the language of the article: the declared one
// unless the text clearly says otherwise, that is when the identifier
// (whatlanggo, trigram profiles) is confident on at least minLangText
// letters and names another language; then the text wins (a German story
// under <html lang="en">, a site template's default). A page without a
// declaration gets the text's language on the same terms. Han text alone
// does not tell Japanese from Chinese, so it does not overrule "ja".
func textLanguage(declared, text string) string {
	sample := text
	if len(sample) > langSample {
		cut := langSample
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	letters := 0
	for _, r := range sample {
		switch {
		case r < 0x1100:
			if unicode.IsLetter(r) {
				letters++
			}
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			letters += 3
		case unicode.Is(unicode.Hangul, r):
			letters += 2
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters < minLangText {
		return declared
	}
	info := whatlanggo.Detect(sample)
	found := info.Lang.Iso6391()
	if found == "" || found == declared {
		return declared
	}
	if info.Confidence < 0.9 && !otherScript(declared, info.Script) {
		return declared
	}
	if declared == "ja" && info.Script == unicode.Han {
		return declared
	}
	return found
}

// otherScript reports whether declared is a language written in another
// script than the text's: then the declaration is wrong whatever the
// identifier's confidence in its pick among the script's languages (a
// Russian story under lang="en" is not English even when Russian and
// Bulgarian are close). Languages written in more than one script, and
// those not listed, are never taken as wrong.
func otherScript(declared string, script *unicode.RangeTable) bool {
	want, ok := langScripts[declared]
	if !ok || script == nil {
		return false
	}
	if declared == "ja" {
		return script != unicode.Han && script != unicode.Hiragana && script != unicode.Katakana
	}
	return script != want
}

// langScripts maps common languages of the news to their one script.
var langScripts = map[string]*unicode.RangeTable{
	"en": unicode.Latin, "de": unicode.Latin, "fr": unicode.Latin, "es": unicode.Latin, "it": unicode.Latin,
	"pt": unicode.Latin, "nl": unicode.Latin, "pl": unicode.Latin, "cs": unicode.Latin, "sv": unicode.Latin,
	"da": unicode.Latin, "no": unicode.Latin, "fi": unicode.Latin, "hu": unicode.Latin, "ro": unicode.Latin,
	"tr": unicode.Latin, "id": unicode.Latin, "vi": unicode.Latin,
	"ru": unicode.Cyrillic, "uk": unicode.Cyrillic, "bg": unicode.Cyrillic, "be": unicode.Cyrillic,
	"ar": unicode.Arabic, "fa": unicode.Arabic, "ur": unicode.Arabic, "he": unicode.Hebrew, "el": unicode.Greek,
	"hi": unicode.Devanagari, "th": unicode.Thai, "ko": unicode.Hangul, "zh": unicode.Han, "ja": unicode.Han,
}
