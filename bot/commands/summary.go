package commands

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/summary"
)

// SummaryQuotes is how many quotes /summary shows.
const SummaryQuotes = 3

// Summarize is /summary: fetch any link, extract its article, and answer
// with an alert as the pipeline would build it — summary, the best quotes,
// outlet, byline, date — so a platform lays it out like an alert. An alert
// with neither summary nor quotes means the page had no text to summarise.
// Links to loopback and private networks are refused unless allowPrivate (a
// literal address or "localhost" here, with a clear message; any name that
// resolves to one at connect time, by the fetcher's client). f nil:
// /summary is unavailable. ctx bounds the fetch.
func Summarize(ctx context.Context, f *article.Fetcher, allowPrivate bool, link string) (alert.Alert, *Problem) {
	raw := strings.TrimSpace(link)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return alert.Alert{}, problem(BadInput, plain("That is not an http(s) link."))
	}
	if !allowPrivate {
		if err := httpclient.CheckHost(u.Hostname()); err != nil {
			return alert.Alert{}, problem(Forbidden, plain("I do not fetch links to private or local network addresses ("),
				escaped(u.Hostname(), 100), plain(")."))
		}
	}
	if f == nil {
		return alert.Alert{}, problem(Failed, plain("/summary is not available: no article fetcher is configured."))
	}
	a, err := f.Fetch(ctx, raw)
	if err != nil {
		return alert.Alert{}, problem(Failed, plain(FetchProblem(err)))
	}
	quotes := quote.Rank(a.Text, quote.Extract(a.Text), quote.RankOptions{Max: SummaryQuotes})
	al := alert.Alert{
		Feed:    a.SiteName,
		Title:   a.Title,
		URL:     a.URL,
		Summary: summary.Join(summary.Summarize(a.Text, summary.Options{Title: a.Title})),
		Image:   a.Image,
		Byline:  a.Byline,
	}
	if al.URL == "" {
		al.URL = raw
	}
	if !a.Published.IsZero() {
		p := a.Published.UTC()
		al.Published = &p
	}
	for _, q := range quotes {
		al.Quotes = append(al.Quotes, alert.Quote{Text: q.Text, Speaker: q.Speaker})
	}
	return al, nil
}

// FetchProblem says in plain words why a page could not be read: the
// article reader's own refusals here, every failure of the fetch itself as
// httpclient describes it for feeds and pages alike.
func FetchProblem(err error) string {
	switch {
	case errors.Is(err, article.ErrTooShort):
		return "The page has too little text to summarise — probably a paywall or a consent wall."
	case errors.Is(err, article.ErrNotHTML):
		return "That link is not a web page (HTML), so there is nothing to summarise."
	}
	return httpclient.Describe(err)
}
