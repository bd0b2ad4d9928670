package discord

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/summary"
)

// /summary url:<url> — fetch any link, extract its article, and answer with
// the summary and quotes, laid out like an alert. Like every command it is
// deferred when it takes longer than deferAfter, so a link that fails at
// once (a bad link, a 404, a name that does not resolve) is answered at
// once, ephemerally; a failure after the public deferral edits the
// "thinking…" message and is seen by all, like the answer would. Links to
// loopback and private networks are refused unless allowed (a literal
// address or "localhost" at once, with a clear message; any name that
// resolves to one at connect time, by the fetcher's client).

const (
	summaryTimeout = 30 * time.Second
	summaryQuotes  = 3
)

func summaryCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "summary",
			Description: "Summarise any article and list its quotes",
			Options:     []*discordgo.ApplicationCommandOption{strOption("url", "The article's link", true, 2048)},
		},
		handle: handleSummary,
	}
}

func handleSummary(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
	raw := strings.TrimSpace(o.str("url"))
	u, err := url.Parse(raw)
	if err != nil || safeURL(raw) == "" || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return errorReply("That is not an http(s) link.")
	}
	if !b.cmds.cfg.AllowPrivate {
		if err := httpclient.CheckHost(u.Hostname()); err != nil {
			return errorReply("I do not fetch links to private or local network addresses (" + escapeMarkdown(truncate(u.Hostname(), 100)) + ").")
		}
	}
	f := b.cmds.cfg.ArticleFetcher
	if f == nil {
		return errorReply("/summary is not available: no article fetcher is configured.")
	}
	ctx, cancel := context.WithTimeout(ctx, b.cmds.fetchTimeout)
	defer cancel()
	a, err := f.Fetch(ctx, raw)
	if err != nil {
		return errorReply(fetchProblem(err))
	}
	quotes := quote.Rank(a.Text, quote.Extract(a.Text), quote.RankOptions{Max: summaryQuotes})
	al := alert.Alert{
		Feed:    a.SiteName,
		Title:   a.Title,
		URL:     a.URL,
		Summary: strings.Join(summary.Summarize(a.Text, summary.Options{Title: a.Title}), " "),
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
	msg := AlertMessage(al, Style{})
	if al.Summary == "" && len(al.Quotes) == 0 {
		msg.Embeds[0].Description = "The page has no text to summarise."
	}
	return reply{embeds: msg.Embeds}
}

// fetchProblem says in plain words why a page could not be read: the
// article reader's own refusals here, every failure of the fetch itself as
// httpclient describes it for feeds and pages alike.
func fetchProblem(err error) string {
	switch {
	case errors.Is(err, article.ErrTooShort):
		return "The page has too little text to summarise — probably a paywall or a consent wall."
	case errors.Is(err, article.ErrNotHTML):
		return "That link is not a web page (HTML), so there is nothing to summarise."
	}
	return httpclient.Describe(err)
}
