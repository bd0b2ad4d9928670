package extraction

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
)

// loadScrapinghub reads the ScrapingHub benchmark's ground truth and every
// page it names, in a stable order.
func loadScrapinghub(dir string) ([]page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.dev.json"))
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("extraction: ground truth: %w", err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("extraction: no pages in %s", dir)
	}
	pages := make([]page, 0, len(truth))
	for id, t := range truth {
		html, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		site := siteOf(t.URL)
		pages = append(pages, page{id: id, url: t.URL, site: site, fold: fold(site), html: html, truth: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

// loadTrafilatura reads trafilatura's evaluation set: evaldata.json maps
// each page's address to its file under pages/ (stored gzipped) and the
// snippets its main text must and must not hold. The language of a page is
// the language whatlanggo finds in its snippets, title and description;
// "other" when it is unsure.
func loadTrafilatura(dir string) ([]page, error) {
	path := filepath.Join(dir, "evaldata.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	var eval map[string]struct {
		File        string   `json:"file"`
		With        []string `json:"with"`
		Without     []string `json:"without"`
		Title       string   `json:"title"`
		Description string   `json:"description"`
	}
	if err := json.Unmarshal(raw, &eval); err != nil {
		return nil, fmt.Errorf("extraction: %s: %w", path, err)
	}
	if len(eval) == 0 {
		return nil, fmt.Errorf("extraction: no pages in %s", path)
	}
	pages := make([]page, 0, len(eval))
	for u, e := range eval {
		if e.File == "" {
			return nil, fmt.Errorf("extraction: %s: page %s names no file", path, u)
		}
		html, err := readGzip(filepath.Join(dir, "pages", e.File+".gz"))
		if err != nil {
			return nil, err
		}
		site := siteOf(u)
		text := strings.Join(append(append([]string{e.Title, e.Description}, e.With...), e.Without...), " ")
		pages = append(pages, page{id: e.File, url: u, site: site, fold: fold(site), html: html,
			with: e.With, without: e.Without, lang: language(text)})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

// language is the ISO 639-1 code of text's language, "other" when
// whatlanggo is unsure or the language has no such code.
func language(text string) string {
	info := whatlanggo.Detect(text)
	if code := info.Lang.Iso6391(); code != "" && info.Confidence >= 0.5 {
		return code
	}
	return "other"
}

// readabilityPages lists the page directories of mozilla/readability's test
// pages under dir (directly or under dir/pages).
func readabilityPages(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "expected.html.gz"))
	if err == nil && len(paths) == 0 {
		paths, err = filepath.Glob(filepath.Join(dir, "pages", "*", "expected.html.gz"))
	}
	if err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	for i, p := range paths {
		paths[i] = filepath.Dir(p)
	}
	sort.Strings(paths)
	return paths, nil
}

// loadReadability reads mozilla/readability's test pages: the text of
// expected.html.gz (Readability.js's curated output) is each page's truth.
// A page is named for its site, with a number when there are several.
func loadReadability(dir string) ([]page, error) {
	dirs, err := readabilityPages(dir)
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, d := range dirs {
		src, err := readGzip(filepath.Join(d, "source.html.gz"))
		if err != nil {
			return nil, err
		}
		want, err := readGzip(filepath.Join(d, "expected.html.gz"))
		if err != nil {
			return nil, err
		}
		truth, err := htmlText(string(want))
		if err != nil {
			return nil, fmt.Errorf("extraction: %s: %w", d, err)
		}
		name := filepath.Base(d)
		site := siteOfTestPage(name)
		pages = append(pages, page{id: name, url: "http://fakehost/test/page.html", site: site, fold: fold(site), html: src, truth: truth})
	}
	return pages, nil
}

// htmlText is the text of an HTML fragment, elements separated by spaces.
func htmlText(s string) (string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String(), nil
}

func urlParse(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if !u.IsAbs() {
		return nil, fmt.Errorf("not absolute: %s", s)
	}
	return u, nil
}
