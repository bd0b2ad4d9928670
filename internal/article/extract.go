package article

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
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

	opts := trafilatura.Options{
		OriginalURL:  base,
		Focus:        trafilatura.FavorRecall,
		HtmlDateMode: trafilatura.Fast,
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
	meta.fill(a)
	paras := renderText(res.ContentNode)
	paras = rejoinChunks(doc, paras)
	paras = tidy(paras, a.Title, res.Metadata.Title, meta.docTitle)
	a.Text = strings.Join(paras, "\n\n")
	a.Image = absolute(base, a.Image)
	return a, nil
}

// clean collapses runs of white space into single spaces and trims the ends.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

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
