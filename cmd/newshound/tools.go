package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/summary"
	"github.com/newshound/newshound/watchers"
)

// maxInput bounds what match and read accept from a file or standard input.
const maxInput = 20 << 20

func readInput(e *env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("%s: larger than %d MB", name, maxInput>>20)
	}
	return data, nil
}

func looksLikeHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) ||
		bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<p>")) || bytes.Contains(head, []byte("<div"))
}

func cmdMatch(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "match", "--query 'QUERY' FILE|-", `
Match a query against a text or HTML file (or standard input with -) and
print whether it hit and why: each term, where it matched and the text around
it. An HTML page is reduced to its article text first; a text's language (for
lang: and German or Scandinavian genitives) is the one its text clearly says.
Exits 0 on a hit and 1 when nothing matched. Aliases can be given with --config (its aliases: block).`)
	q := fs.String("query", "", "the query (required), e.g. '@putin AND (\"election interference\" OR meddl*)'")
	cfgPath := fs.String("config", "", "optional configuration `file` whose aliases the query may use")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *q == "" || fs.NArg() != 1 {
		fs.Usage()
		return usageError("match needs --query and one FILE (or -)")
	}
	var aliases map[string][]string
	if *cfgPath != "" {
		cfg, err := loadConfig(*cfgPath)
		if err != nil {
			return err
		}
		aliases = cfg.Aliases
	}
	query, err := match.Parse(*q, aliases)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--query: %w", err)}
	}
	m, err := match.Compile([]match.Watch{{Name: "query", Query: query}})
	if err != nil {
		return err
	}
	data, err := readInput(e, fs.Arg(0))
	if err != nil {
		return err
	}
	text := feed.PlainText(string(data))
	// the language its text clearly says (200 letters or more), as for a story read from a feed's text
	doc := match.Document{Body: text, Lang: article.TextLanguage("", text)}
	if looksLikeHTML(data) {
		if a, err := article.Extract(bytes.NewReader(data), ""); err == nil && a.Text != "" {
			doc = match.Document{Title: a.Title, Body: a.Text, Author: a.Byline, Lang: a.Lang}
		}
	}
	results := m.Match(doc)
	if len(results) == 0 {
		fmt.Fprintf(e.stdout, "no hit: %s\n", query)
		if acr := query.Acronyms(); len(acr) > 0 {
			fmt.Fprintf(e.stdout, "note: acronyms match only where the text writes them in capitals: %s (in lower case a word matches any case)\n",
				strings.Join(acr, ", "))
		}
		return &exitError{code: 1, err: errors.New("")}
	}
	fmt.Fprintf(e.stdout, "hit: %s\n", query)
	printHits(e.stdout, results[0], "  ")
	return nil
}

func printHits(w io.Writer, r match.Result, indent string) {
	for _, h := range r.Hits {
		fmt.Fprintf(w, "%s%s matched %q in %s [%d:%d]: %s\n", indent, h.Term, h.Text, h.Field, h.Start, h.End, h.Snippet())
	}
}

func cmdPreview(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "preview", "--config FILE --watch NAME [--days 7]", `
Run one watch of the configuration — as edited, before it is deployed — or
one added from chat (/watch add) over the articles already in the store, and
list what it would have alerted, with why each matched, grouped by story (a
story alerts a channel once; its other articles are listed under it).
Nothing is recorded or delivered.`)
	path := configFlag(fs)
	name := fs.String("watch", "", "the watch to try (required)")
	days := fs.Int("days", 7, "how many days of stored articles to search")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *name == "" {
		fs.Usage()
		return usageError("preview needs --watch NAME")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	st, err := openStoreReadOnly(ctx, cfg.Storage)
	if err != nil {
		return err
	}
	defer st.Close()
	var wc *config.Watch
	for i := range cfg.Watches {
		if cfg.Watches[i].Name == *name {
			wc = &cfg.Watches[i]
		}
	}
	if wc == nil {
		// A watch added from chat (/watch add) lives in the store.
		chat, err := st.ChatWatches(ctx)
		if err != nil {
			return err
		}
		for _, c := range chat {
			if c.Name == *name {
				wc = &config.Watch{Name: c.Name, Query: c.Query, Channels: []string{c.Channel}}
			}
		}
	}
	if wc == nil {
		return usageError("no watch named %q in %s or among the watches added from chat", *name, *path)
	}
	q, err := watchers.WatchQuery(*wc, match.NewAliases(cfg.Aliases))
	if err != nil {
		return err
	}
	m, err := match.Compile([]match.Watch{{Name: wc.Name, Query: q}})
	if err != nil {
		return err
	}
	since := time.Now().AddDate(0, 0, -*days)
	total, err := st.CountArticles(ctx, since)
	if err != nil {
		return err
	}
	// The full-text index narrows the candidates (never losing a match);
	// the matcher decides. Hits are grouped by story, as a channel gets
	// them: a story alerts once (its newest hit here, with why), its other
	// hits are listed under it (they would edit the alert).
	type group struct {
		first store.Article
		res   match.Result
		more  []store.Article
	}
	var groups []*group
	byStory := map[int64]*group{}
	hits := 0
	err = st.SearchArticles(ctx, store.ArticleSearch{Match: q.FTS(), Since: since}, func(a store.Article) (bool, error) {
		rs := m.Match(watchers.Document(a))
		if len(rs) == 0 {
			return true, nil
		}
		hits++
		if g := byStory[a.StoryID]; g != nil && a.StoryID != 0 {
			g.more = append(g.more, a)
			return true, nil
		}
		g := &group{first: a, res: rs[0]}
		groups = append(groups, g)
		if a.StoryID != 0 {
			byStory[a.StoryID] = g
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	for _, g := range groups {
		fmt.Fprintf(e.stdout, "%s  %s — %s\n  %s\n", previewTime(g.first), g.first.Feed, g.first.Title, g.first.URL)
		printHits(e.stdout, g.res, "    ")
		for _, a := range g.more {
			fmt.Fprintf(e.stdout, "    + same story: %s  %s — %s  %s\n", previewTime(a), a.Feed, a.Title, a.URL)
		}
	}
	fmt.Fprintf(e.stdout, "%d of %d articles from the last %d days would have alerted %q, in %d %s (a story alerts a channel once)\n",
		hits, total, *days, wc.Name, len(groups), map[bool]string{true: "story", false: "stories"}[len(groups) == 1])
	return nil
}

// previewTime is when an article was published (recorded, when undated).
func previewTime(a store.Article) string {
	when := a.Published
	if when.IsZero() {
		when = a.SeenAt
	}
	return when.Format("2006-01-02 15:04")
}

func cmdRead(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "read", "[--format text|json] [--query Q] URL|FILE|-", `
Fetch an article page (or read a saved HTML file, or standard input with -)
and print what newshound extracts from it: title, byline, date, language, lead
image and main text, then the summary and the direct quotes with their
speakers. With --query the summary and quotes favour the query's terms.`)
	format := fs.String("format", "text", "output format: text or json")
	q := fs.String("query", "", "a query whose terms the summary and quotes should favour")
	timeout := fs.Duration("timeout", config.DefaultTimeout, "fetch timeout")
	// Flags may follow the page too, as README writes it: read URL --format json.
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (*format != "text" && *format != "json") {
		fs.Usage()
		return usageError("read needs one URL or FILE, and --format text or json")
	}
	var terms []string
	if *q != "" {
		query, err := match.Parse(*q, nil)
		if err != nil {
			return &exitError{code: 2, err: fmt.Errorf("--query: %w", err)}
		}
		terms = query.Terms()
	}
	src := pos[0]
	var a *article.Article
	if u, err := url.Parse(src); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		client := httpclient.New(httpclient.Options{Timeout: *timeout, AllowPrivate: true})
		f := article.NewFetcher(client, article.Options{UserAgent: config.DefaultUserAgent(version), MinText: 1})
		if a, err = f.Fetch(ctx, src); err != nil {
			return fetchFailed("read", src, *timeout, err)
		}
	} else {
		data, err := readInput(e, src)
		if err != nil {
			return err
		}
		if a, err = article.Extract(bytes.NewReader(data), ""); err != nil {
			return fmt.Errorf("read %s: %w", src, err)
		}
	}
	sum := summary.Summarize(a.Text, summary.Options{Terms: terms, Title: a.Title})
	qs := quote.Extract(a.Text)
	if len(terms) > 0 {
		qs = quote.Rank(a.Text, qs, quote.RankOptions{Terms: terms, Max: len(qs)})
	}
	out := readOutput{Title: a.Title, Byline: a.Byline, Site: a.SiteName, Lang: a.Lang, Image: a.Image, URL: a.URL,
		Text: a.Text, TextSource: a.TextSource, Summary: sum, Quotes: []alert.Quote{}}
	if !a.Published.IsZero() {
		p := a.Published.UTC()
		out.Published = &p
	}
	for _, q := range qs {
		out.Quotes = append(out.Quotes, alert.Quote{Text: q.Text, Speaker: q.Speaker})
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "Title:     %s\nByline:    %s\nSite:      %s\n", out.Title, out.Byline, out.Site)
	if out.Published != nil {
		fmt.Fprintf(e.stdout, "Published: %s\n", out.Published.Format(time.RFC3339))
	}
	fmt.Fprintf(e.stdout, "Language:  %s\nImage:     %s\n\nSummary:\n", out.Lang, out.Image)
	for _, s := range out.Summary {
		fmt.Fprintf(e.stdout, "  %s\n", s)
	}
	fmt.Fprintf(e.stdout, "\nQuotes:\n")
	for _, q := range out.Quotes {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(speaker unknown)"
		}
		fmt.Fprintf(e.stdout, "  “%s” — %s\n", q.Text, speaker)
	}
	if out.TextSource == article.TextFromJSONLD {
		fmt.Fprintf(e.stdout, "\nText (the page's JSON-LD articleBody: its visible text is far shorter):\n%s\n", strings.TrimSpace(out.Text))
		return nil
	}
	fmt.Fprintf(e.stdout, "\nText:\n%s\n", strings.TrimSpace(out.Text))
	return nil
}

type readOutput struct {
	URL       string        `json:"url,omitempty"`
	Title     string        `json:"title"`
	Byline    string        `json:"byline"`
	Site      string        `json:"site"`
	Published *time.Time    `json:"published"`
	Lang      string        `json:"lang"`
	Image     string        `json:"image"`
	Summary   []string      `json:"summary"`
	Quotes    []alert.Quote `json:"quotes"`
	Text      string        `json:"text"`
	// TextSource is "json-ld" when the text is the articleBody the page
	// declares in its JSON-LD, its visible text being far short of it.
	TextSource string `json:"text_source,omitempty"`
}
