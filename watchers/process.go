package watchers

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/story"
	"github.com/newshound/newshound/internal/summary"
)

// articlesPerPoll bounds how many articles of one poll are processed at once;
// the article fetcher bounds page fetches overall and per host.
const articlesPerPoll = 4

// ProcessPending processes articles recorded but never processed — those a
// crash or a shutdown interrupted, or whose processing failed — that were
// recorded at or before the given time. It returns how many it processed and
// how many deliveries it queued.
func (w *Watcher) ProcessPending(ctx context.Context, before time.Time) (processed, queued int, err error) {
	if w.cluster != nil {
		// Several instances: each processes its own feeds' articles.
		return w.processPendingOf(ctx, before, w.cluster.heldFeeds())
	}
	return w.processPendingOf(ctx, before, nil)
}

// pendingFeedsAtOnce bounds the feeds named in one look-up of pending articles.
const pendingFeedsAtOnce = 1000

// processPendingOf is ProcessPending for the articles of feeds only (nil:
// of every feed).
func (w *Watcher) processPendingOf(ctx context.Context, before time.Time, feeds []string) (processed, queued int, err error) {
	if len(feeds) > pendingFeedsAtOnce {
		// A statement names a bounded number of feeds.
		for i := 0; i < len(feeds); i += pendingFeedsAtOnce {
			n, q, err := w.processPendingOf(ctx, before, feeds[i:min(i+pendingFeedsAtOnce, len(feeds))])
			processed, queued = processed+n, queued+q
			if err != nil {
				return processed, queued, err
			}
		}
		return processed, queued, nil
	}
	if feeds != nil && len(feeds) == 0 {
		return 0, 0, nil
	}
	for {
		pending, err := w.store.PendingArticlesOf(ctx, before, 100, feeds)
		err = w.storeResult(ctx, "pending_articles", false, err)
		if err != nil || len(pending) == 0 {
			return processed, queued, err
		}
		n, q := w.processAll(ctx, pending, true)
		processed, queued = processed+n, queued+q
		if n == 0 || ctx.Err() != nil {
			return processed, queued, ctx.Err()
		}
	}
}

// rebuildIndex writes the full-text entries a crash lost (the articles the
// store's index queue names), and every entry again when the matcher's
// folding changed since the index was written (match.FoldVersion): an entry
// folded by older rules would hide its article from searches that the
// matcher now finds in it ("l'Ukraine" was one word before version 2).
func (w *Watcher) rebuildIndex(ctx context.Context) {
	n, err := w.store.QueueReindex(ctx, match.FoldVersion)
	if w.storeResult(ctx, "rebuild_index", false, err) != nil {
		return
	}
	if n > 0 {
		w.log.Info("the matcher's folding changed: rebuilding the full-text index", "articles", n, "fold_version", match.FoldVersion)
	}
	var after int64
	for ctx.Err() == nil {
		as, err := w.store.UnindexedArticles(ctx, after, 500)
		if w.storeResult(ctx, "rebuild_index", false, err) != nil || len(as) == 0 {
			return
		}
		entries := make([]store.IndexEntry, len(as))
		for i, a := range as {
			doc := Document(a)
			entries[i] = store.IndexEntry{ID: a.ID, Title: match.Fold(doc.Title), Body: match.Fold(doc.Body)}
			after = a.ID
		}
		if w.storeResult(ctx, "rebuild_index", true, w.store.Index(ctx, entries)) != nil {
			return
		}
		w.log.Info("full-text entries rebuilt", "articles", len(as))
	}
}

// processAll processes the pending articles among as, a few at a time, and
// records the outcomes in one transaction. An article whose processing was
// interrupted stays pending for the next round.
func (w *Watcher) processAll(ctx context.Context, as []store.Article, fetch bool) (processed, queued int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var done []store.Completion
	sem := make(chan struct{}, articlesPerPoll)
	for _, a := range as {
		if a.Status != store.StatusPending {
			continue
		}
		fetchThis := fetch && w.feedFetches(a.Feed)
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			c, err := w.process(ctx, a, fetchThis)
			if err != nil {
				if ctx.Err() == nil {
					w.log.Error("processing article", "feed", a.Feed, "article_url", a.URL, "error", err)
				}
				return
			}
			mu.Lock()
			done = append(done, c)
			mu.Unlock()
		}()
	}
	wg.Wait()
	// The outbox delivers in the order rows are written: write them in
	// publication order, oldest first, whatever order the reads finished in.
	sortByPublication(done)
	queued, err := w.store.CompleteArticles(context.WithoutCancel(ctx), done, w.now())
	if w.storeResult(ctx, "record_articles", true, err) != nil {
		return 0, 0 // logged; the articles stay pending and are retried
	}
	w.logMatches(done)
	return len(done), queued
}

// logMatches logs the matches of recorded completions.
func (w *Watcher) logMatches(done []store.Completion) {
	for _, c := range done {
		for _, m := range c.Matches {
			w.log.Info("match", "watch", m.Watch, "feed", c.Article.Feed, "article_url", c.Article.URL)
		}
	}
}

// sortByPublication orders completed articles oldest first by publication
// time (an undated article by the time it was recorded, so after the dated
// ones of its poll). Ties keep feed order reversed: a poll records a feed's
// items in the feed's order, newest first, so the higher ID is the older.
func sortByPublication(cs []store.Completion) {
	slices.SortStableFunc(cs, func(a, b store.Completion) int {
		if c := articleTime(a.Article).Compare(articleTime(b.Article)); c != 0 {
			return c
		}
		return cmp.Compare(b.Article.ID, a.Article.ID)
	})
}

func articleTime(a store.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.SeenAt
}

// feedFetches reports whether articles of the named feed have their page
// read; a feed no longer configured falls back to the global setting.
func (w *Watcher) feedFetches(name string) bool {
	for _, f := range w.conf().Feeds {
		if f.Name == name {
			return w.conf().FetchArticles(f)
		}
	}
	return w.conf().Articles.Fetch == nil || *w.conf().Articles.Fetch
}

// process reads one article, matches it, and builds its alerts.
func (w *Watcher) process(ctx context.Context, a store.Article, fetch bool) (store.Completion, error) {
	p := &processing{}
	if err := w.begin(ctx, p, a, fetch); err != nil {
		return store.Completion{}, err
	}
	w.assignStories(ctx, []*processing{p})
	return w.complete(ctx, p)
}

// processing is an article being processed: read and matched (begin), put
// into its story (assignStories), then given its alerts (complete). The
// steps are apart so that the articles of one poll are put into their
// stories together, in one turn of the clusterer's lock, while reading and
// matching them runs beside the other polls.
type processing struct {
	set     *watchSet
	a       store.Article
	results []match.Result
	quotes  []quote.Quote
	// foldedTitle and foldedBody are the title and body matched
	// (Document), folded (match.Fold)
	foldedTitle, foldedBody string
	prep                    *story.Prepared // the article as the clusterer reads it; released and nil once assignStories put it into its story
	st                      *store.Story    // its story as it stands with it (its State: after all the articles of the call to assignStories that joined it); nil when the stories cannot be read
}

// begin reads an article and matches it, and prepares it for its story,
// into p (which a poll allocates for all its articles at once).
func (w *Watcher) begin(ctx context.Context, p *processing, a store.Article, fetch bool) error {
	set := w.set.Load()
	w.read(ctx, &a, fetch)
	if ctx.Err() != nil {
		return ctx.Err() // an interrupted read is retried, not recorded as a failure
	}
	if !store.FromPage(a.TextSource) {
		// The feed's text has the language the feed declares, unless the
		// text clearly says otherwise, as a page's has; identifying it costs
		// more than reading the item, so it is done only when a watch asks
		// (lang:) — else the declaration stands.
		if set.lang {
			a.Lang = article.TextLanguage(a.Lang, a.Title+"\n\n"+a.FeedText)
		} else {
			a.Lang = article.TextLanguage(a.Lang, "")
		}
	}
	*p = processing{set: set, a: a}
	// the folds for the full-text index come from the words the match read
	p.results, p.foldedTitle, p.foldedBody = set.matcher.MatchFolded(Document(a))
	source := a.TextSource
	if strings.HasPrefix(source, "feed") {
		source = "feed"
	} else if store.FromPage(source) {
		source = "page"
	}
	w.metrics.ArticlesRead.WithLabelValues(source).Inc()
	p.quotes = quote.Extract(a.Text)
	p.prep = prepareStory(a)
	return nil
}

// complete builds the alerts of an article put into its story.
func (w *Watcher) complete(ctx context.Context, p *processing) (store.Completion, error) {
	set, a, results, quotes, st := p.set, p.a, p.results, p.quotes, p.st
	matches := make([]store.Match, 0, len(results))
	var earlier *storyText // the story's earlier articles, read once when needed
	readEarlier := false
	for _, r := range results {
		wc, ok := set.watches[r.Watch]
		if !ok {
			continue
		}
		al := buildAlert(a, wc, set.terms[wc.Name], r, quotes)
		if st != nil {
			al.Story = st.ID
		}
		payload, err := encodeAlert(al)
		if err != nil {
			return store.Completion{}, err
		}
		explanation, _ := json.Marshal(al.Why)
		m := store.Match{Watch: r.Watch, Explanation: string(explanation)}
		if len(wc.Channels) == 0 {
			d := store.Delivery{Channel: "", Payload: payload}
			if st != nil {
				if d.Update, err = encodeUpdate(al); err != nil {
					return store.Completion{}, err
				}
			}
			m.Deliveries = append(m.Deliveries, d)
		}
		// In chat a story alerts once: the later articles of a story whose
		// alert is queued edit it (their outlet) and, when they add
		// something new, follow it up.
		var edit, follow []byte
		if st != nil && wc.Digest == "" && len(wc.Channels) > 0 {
			if edit, err = encodeJSON(alert.Outlet{Feed: al.Feed, Title: al.Title, URL: al.URL, Published: al.Published}); err != nil {
				return store.Completion{}, err
			}
			if st.Articles > 1 {
				if !readEarlier {
					earlier, readEarlier = w.earlierText(ctx, a, st.ID), true
				}
				if fu, ok := followUp(al, a.Text, quotes, earlier); ok {
					if follow, err = encodeAlert(fu); err != nil {
						return store.Completion{}, err
					}
				}
			}
		}
		for _, ch := range wc.Channels {
			m.Deliveries = append(m.Deliveries, store.Delivery{Channel: ch, Payload: payload, Held: wc.Digest != "", Edit: edit, FollowUp: follow})
		}
		matches = append(matches, m)
		w.metrics.Matches.WithLabelValues(r.Watch).Inc()
	}
	c := store.Completion{Article: a, Matches: matches, FoldedTitle: p.foldedTitle, FoldedBody: p.foldedBody, Story: st}
	if len(quotes) > 0 {
		c.Quotes = make([]store.Quote, len(quotes))
		for i, q := range quotes {
			c.Quotes[i] = store.Quote{Speaker: q.Speaker, Text: q.Text}
		}
	}
	return c, nil
}

// read fills a.Text (and what else the page tells) from the article's page,
// or from the feed's own text when the page cannot be used; a page problem
// never drops an alert.
func (w *Watcher) read(ctx context.Context, a *store.Article, fetch bool) {
	a.Text, a.TextSource = a.FeedText, "feed"
	if !fetch {
		a.TextSource = "feed: page reading is off for this feed"
		return
	}
	if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		a.TextSource = "feed: no web link"
		return
	}
	start := time.Now()
	page, err := w.articles.Fetch(ctx, a.URL)
	w.metrics.FetchSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		reason := pageProblem(err)
		if page != nil && page.Paywalled && errors.Is(err, article.ErrTooShort) {
			reason = "the page is paywalled and shows too little of the story"
		}
		a.TextSource = "feed: " + reason
		if ctx.Err() == nil {
			w.log.Info("using the feed's text", "feed", a.Feed, "article_url", a.URL, "reason", reason)
		}
		return
	}
	a.Text, a.TextSource = page.Text, "page"
	if page.Repaired {
		w.metrics.Repaired.WithLabelValues("page").Inc()
		w.log.Debug("mojibake repaired", "feed", a.Feed, "article_url", a.URL, "source", "page")
	}
	if page.Paywalled {
		a.TextSource = sourcePaywalled
	} else if page.TextSource == article.TextFromJSONLD {
		a.TextSource = sourceJSONLD
	}
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Author == "" {
		a.Author = page.Byline
	}
	if a.Image == "" {
		a.Image = page.Image
	}
	if page.Lang != "" {
		a.Lang = page.Lang
	} else {
		a.Lang = article.TextLanguage(a.Lang, "") // the feed's declaration
	}
}

// sourcePaywalled is the TextSource of an article read from a page that is
// for subscribers: its text is what the page shows, often only the start
// (store.FromPage: still a page's text).
const sourcePaywalled = "page (paywalled: only what the page shows)"

// sourceJSONLD is the TextSource of an article whose text is the
// articleBody its page declares in JSON-LD, the page's visible text being
// far short of it (article.TextFromJSONLD; store.FromPage: a page's text).
const sourceJSONLD = "page (its JSON-LD articleBody)"

func pageProblem(err error) string {
	switch {
	case errors.Is(err, article.ErrNotHTML):
		return "the page is not HTML"
	case errors.Is(err, article.ErrTooShort):
		return "the page has too little text (paywall or consent wall?)"
	}
	return err.Error()
}

// Document is what an article is matched against: its title, and as body the
// feed's text followed by the page's when the page was read.
func Document(a store.Article) match.Document {
	body := a.Text
	if store.FromPage(a.TextSource) && strings.TrimSpace(a.FeedText) != "" {
		body = a.FeedText + "\n\n" + a.Text
	}
	return match.Document{Title: a.Title, Body: body, Feed: a.Feed, Author: a.Author, Lang: a.Lang}
}

func buildAlert(a store.Article, wc config.Watch, terms []string, r match.Result, quotes []quote.Quote) alert.Alert {
	matched := r.Matched()
	al := alert.Alert{
		Watch:   wc.Name,
		Feed:    a.Feed,
		Title:   a.Title,
		URL:     a.URL,
		Matched: matched,
		Image:   a.Image,
		Byline:  a.Author,
		Quotes:  []alert.Quote{},
		// The page is for subscribers: what the alert quotes is what it shows.
		Paywalled: strings.Contains(a.TextSource, "paywalled"),
		Why:       []alert.Why{},
	}
	if strings.HasPrefix(a.Identity, "http") {
		al.URL = a.Identity // the canonical link: no tracking parameters
	}
	if !a.Published.IsZero() {
		p := a.Published.UTC().Truncate(time.Second)
		al.Published = &p
	}
	al.Summary = summary.Join(summary.Summarize(a.Text, summary.Options{
		Sentences: wc.Summary.Sentences,
		MaxChars:  wc.Summary.MaxChars,
		Terms:     append(append([]string{}, matched...), terms...),
		Title:     a.Title,
	}))
	if n := wc.QuoteCount(); n > 0 && len(quotes) > 0 {
		for _, q := range quote.Rank(a.Text, quotes, quote.RankOptions{Terms: append(append([]string{}, matched...), terms...), Max: n}) {
			al.Quotes = append(al.Quotes, alert.Quote{Text: q.Text, Speaker: q.Speaker})
		}
	}
	seen := map[string]bool{}
	for _, h := range r.Hits {
		key := h.Term + "\x00" + h.Field
		if seen[key] {
			continue // one snippet per term and field is explanation enough
		}
		seen[key] = true
		al.Why = append(al.Why, alert.Why{Term: h.Term, Field: h.Field, Snippet: h.Snippet()})
	}
	return al
}

// encodeUpdate is the standard-output line that adds an alert's article to
// the alert of its story.
func encodeUpdate(a alert.Alert) ([]byte, error) {
	return encodeJSON(alert.Update{Kind: "update", Watch: a.Watch, Story: a.Story, Feed: a.Feed, Title: a.Title, URL: a.URL, Published: a.Published})
}

// encodeAlert is the alert's JSON line, without HTML escaping (links keep
// their "&").
func encodeAlert(a alert.Alert) ([]byte, error) { return encodeJSON(a) }

func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode alert: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
