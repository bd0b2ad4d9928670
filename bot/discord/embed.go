package discord

import (
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

// Discord's limits, in Unicode characters.
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFields      = 25
	maxFooter      = 2048
	maxAuthor      = 256
	maxEmbedTotal  = 6000
	maxContent     = 2000
)

// Layout choices within those limits. With the footer capped at 256 the
// sum of every part's cap (256+256+256+4096+14+1024 = 5902) stays under the
// 6000 total, so no part ever has to give way to another.
const (
	footerCap    = 256
	maxQuotes    = 3
	quoteCap     = 300
	speakerCap   = 80
	termsCap     = 300
	termCap      = 64
	snippetCap   = 300
	maxSnippets  = 3
	whyFieldName = "Why it matched"
)

// Style is how one watch's alerts look.
type Style struct {
	Color   int    // embed colour, 0xRRGGBB; 0 for Discord's default
	Mention string // role ID to ping; empty for none
}

// AlertMessage builds the channel message for an alert: one embed, plus the
// watch's role mention as content when configured. It is pure: no network.
// All feed text is escaped so it cannot format, link or mention, and
// allowed_mentions permits at most the configured role.
func AlertMessage(a alert.Alert, style Style) *discordgo.MessageSend {
	content, allowed := mention(style)
	return &discordgo.MessageSend{
		Content:         content,
		Embeds:          []*discordgo.MessageEmbed{alertEmbed(a, style)},
		AllowedMentions: allowed,
	}
}

// WebhookMessage is AlertMessage for posting through an incoming webhook.
func WebhookMessage(a alert.Alert, style Style) *discordgo.WebhookParams {
	return webhookParams(AlertMessage(a, style))
}

// mention returns the content pinging the style's role (if it is a valid
// role ID) and allowed_mentions that let only that role notify.
func mention(style Style) (string, *discordgo.MessageAllowedMentions) {
	allowed := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	if !isSnowflake(style.Mention) {
		return "", allowed
	}
	allowed.Roles = []string{style.Mention}
	return "<@&" + style.Mention + ">", allowed
}

func alertEmbed(a alert.Alert, style Style) *discordgo.MessageEmbed {
	return alertEmbedWith(a, style, nil)
}

// alertEmbedWith is alertEmbed with extra fields after "Why it matched"
// (a story's other outlets); the description gives way to them.
func alertEmbedWith(a alert.Alert, style Style, extra []*discordgo.MessageEmbedField) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: chattext.TruncateEscaped(escapeMarkdown(chattext.Line(a.Title)), maxTitle),
		URL:   chattext.SafeURL(a.URL),
		Color: style.Color & 0xFFFFFF,
	}
	if e.Title == "" {
		e.Title = "Untitled article"
	}
	if name := authorLine(a); name != "" {
		e.Author = &discordgo.MessageEmbedAuthor{Name: name, URL: siteURL(e.URL)}
	}
	if footer := footerLine(a); footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	if a.Published != nil && !a.Published.IsZero() {
		e.Timestamp = a.Published.UTC().Format(time.RFC3339)
	}
	if img := chattext.SafeURL(a.Image); img != "" {
		e.Thumbnail = &discordgo.MessageEmbedThumbnail{URL: img}
	}
	// A sentence appears once: a quote the summary already shows is not
	// repeated as a quote line, and a snippet of what the summary or the
	// quote lines show is not repeated under "Why it matched".
	quotes := chattext.ShownQuotes(a, maxQuotes)
	if why := whyValue(a, chattext.Said(a.Summary, quotes)); why != "" {
		e.Fields = []*discordgo.MessageEmbedField{{Name: whyFieldName, Value: why}}
	}
	e.Fields = append(e.Fields, extra...)
	e.Description = description(a.Summary, quotes, maxEmbedTotal-embedLength(e))
	return e
}

// authorLine is the outlet (the feed), with the byline when known. Discord
// renders author names as plain text, so they are cleaned, not escaped.
func authorLine(a alert.Alert) string {
	feed, byline := plainText(a.Feed), plainText(a.Byline)
	switch {
	case feed != "" && byline != "":
		return chattext.Truncate(feed+" · "+byline, maxAuthor)
	default:
		return chattext.Truncate(feed+byline, maxAuthor)
	}
}

// plainText prepares text for the parts Discord shows without markdown
// (author, footer): cleaned, and @everyone/@here broken so that they cannot
// even look like pings. Escaping would show its backslashes there.
func plainText(s string) string {
	s = chattext.Line(s)
	s = strings.ReplaceAll(s, "@everyone", "@\u200beveryone")
	return strings.ReplaceAll(s, "@here", "@\u200bhere")
}

// footerLine is "watch · feed" (plain text, like the author line), and
// chattext.Paywalled when the page is for subscribers.
func footerLine(a alert.Alert) string {
	parts := make([]string, 0, 3)
	for _, p := range []string{plainText(a.Watch), plainText(a.Feed)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	line := strings.Join(parts, " · ")
	if a.Paywalled {
		// The flag outlives any cut: the names give way to it.
		room := footerCap - chattext.Runes(chattext.Paywalled)
		if line == "" {
			return chattext.Paywalled
		}
		return chattext.Truncate(line, room-3) + " · " + chattext.Paywalled
	}
	return chattext.Truncate(line, footerCap)
}

// siteURL is the home page of the article's site, for the author link.
func siteURL(article string) string {
	if article == "" {
		return ""
	}
	u, err := url.Parse(article)
	if err != nil {
		return ""
	}
	return chattext.SafeURL(u.Scheme + "://" + u.Host + "/")
}

// description is the summary, then the top quotes as block-quote lines,
// within Discord's 4096 characters and what the 6000 total leaves.
func description(summary string, qs []alert.Quote, room int) string {
	room = min(room, maxDescription)
	quotes := quoteLines(qs)
	for chattext.Runes(quotes) > room {
		// Cannot happen with the caps above; drop quotes rather than break the limit.
		i := strings.LastIndexByte(quotes, '\n')
		if i < 0 {
			quotes = ""
			break
		}
		quotes = quotes[:i]
	}
	summary = escapeMarkdown(chattext.Text(summary))
	switch {
	case summary == "":
		return quotes
	case quotes == "":
		return chattext.TruncateEscaped(summary, room)
	}
	summary = chattext.TruncateEscaped(summary, room-chattext.Runes(quotes)-2)
	if summary == "" || summary == chattext.Ellipsis {
		return quotes
	}
	return summary + "\n\n" + quotes
}

// quoteLines renders the quotes shown (chattext.ShownQuotes) as
// `> “text” — Speaker` lines.
func quoteLines(quotes []alert.Quote) string {
	var lines []string
	for _, q := range quotes {
		line := "> “" + chattext.TruncateEscaped(escapeMarkdown(q.Text), quoteCap) + "”"
		if sp := chattext.Line(q.Speaker); sp != "" {
			line += " — " + chattext.TruncateEscaped(escapeMarkdown(sp), speakerCap)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// whyValue renders the "Why it matched" field: the matched terms, then up to
// three snippets with the terms in bold, within 1024 characters. A snippet
// of what the embed shows already (said: see chattext.Repeats) is left out.
func whyValue(a alert.Alert, said []string) string {
	terms := chattext.Terms(a)
	var lines []string
	shown := make([]string, 0, len(terms))
	for _, t := range terms {
		shown = append(shown, escapeMarkdown(chattext.Truncate(t, termCap)))
	}
	if list := strings.Join(shown, ", "); list != "" {
		lines = append(lines, "**Terms:** "+chattext.TruncateEscaped(list, termsCap))
	}
	for _, w := range chattext.Snippets(a, said, maxSnippets, snippetCap) {
		line := "• " + highlight(w.Snippet, terms)
		if f := chattext.FieldLabel(w.Field); f != "" {
			line = "• *" + f + ":* " + line[len("• "):]
		}
		lines = append(lines, line)
	}
	return chattext.JoinLines(lines, maxFieldValue)
}

// highlight escapes a (cleaned, already cut) snippet and puts each
// occurrence of a term, matched case-insensitively at word boundaries, in
// bold.
func highlight(snippet string, terms []string) string {
	return chattext.Highlight(snippet, terms, escapeMarkdown, "**", "**")
}

// embedLength is what an embed counts towards Discord's 6000 total.
func embedLength(e *discordgo.MessageEmbed) int {
	n := chattext.Runes(e.Title) + chattext.Runes(e.Description)
	if e.Author != nil {
		n += chattext.Runes(e.Author.Name)
	}
	if e.Footer != nil {
		n += chattext.Runes(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += chattext.Runes(f.Name) + chattext.Runes(f.Value)
	}
	return n
}
