package discord

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/summary"
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
		Title: truncate(escapeMarkdown(cleanLine(a.Title)), maxTitle),
		URL:   safeURL(a.URL),
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
	if img := safeURL(a.Image); img != "" {
		e.Thumbnail = &discordgo.MessageEmbedThumbnail{URL: img}
	}
	// A sentence appears once: a quote the summary already shows is not
	// repeated as a quote line, and a snippet of what the summary or the
	// quote lines show is not repeated under "Why it matched".
	var said []string // sameText of each sentence shown
	whole := sameText(a.Summary)
	for _, sp := range summary.Split(a.Summary) {
		said = append(said, sameText(a.Summary[sp.Start:sp.End]))
	}
	var quotes []alert.Quote
	for _, q := range a.Quotes {
		if k := sameText(quoteText(q.Text)); k == "" || !strings.Contains(whole, k) {
			quotes = append(quotes, q)
		}
	}
	for _, q := range quotes[:min(len(quotes), maxQuotes)] {
		said = append(said, sameText(quoteText(q.Text)))
	}
	if why := whyValue(a, said); why != "" {
		e.Fields = []*discordgo.MessageEmbedField{{Name: whyFieldName, Value: why}}
	}
	e.Fields = append(e.Fields, extra...)
	e.Description = description(a.Summary, quotes, maxEmbedTotal-embedLength(e))
	return e
}

// sameText is text reduced for "is this said already" comparisons: cleaned,
// lower case, without quotation marks and ellipses, single spaces.
func sameText(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(quotationMarks+"…", r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, cleanLine(s))
	return strings.Join(strings.Fields(s), " ")
}

// minRepeatWords is how many words of a snippet's sentence, found in what
// the embed already shows, make it a repeat.
const minRepeatWords = 4

// repeats reports whether a snippet shows a sentence, or a piece of one,
// of said (sameTexts of the sentences shown): it lies within one, holds
// one, or a sentence of it (or the piece of one it starts or ends with)
// lies within one.
func repeats(snippet string, said []string) bool {
	core := strings.TrimSpace(strings.Trim(strings.TrimSpace(snippet), "…"))
	whole := sameText(core)
	if whole == "" {
		return false
	}
	var pieces []string
	for _, sp := range summary.Split(core) {
		if k := sameText(core[sp.Start:sp.End]); len(strings.Fields(k)) >= minRepeatWords {
			pieces = append(pieces, k)
		}
	}
	for _, s := range said {
		if s == "" {
			continue
		}
		if (len(strings.Fields(whole)) >= minRepeatWords && strings.Contains(s, whole)) ||
			(len(strings.Fields(s)) >= minRepeatWords && strings.Contains(whole, s)) {
			return true
		}
		for _, p := range pieces {
			if strings.Contains(s, p) {
				return true
			}
		}
	}
	return false
}

// authorLine is the outlet (the feed), with the byline when known. Discord
// renders author names as plain text, so they are cleaned, not escaped.
func authorLine(a alert.Alert) string {
	feed, byline := plainText(a.Feed), plainText(a.Byline)
	switch {
	case feed != "" && byline != "":
		return truncate(feed+" · "+byline, maxAuthor)
	default:
		return truncate(feed+byline, maxAuthor)
	}
}

// plainText prepares text for the parts Discord shows without markdown
// (author, footer): cleaned, and @everyone/@here broken so that they cannot
// even look like pings. Escaping would show its backslashes there.
func plainText(s string) string {
	s = cleanLine(s)
	s = strings.ReplaceAll(s, "@everyone", "@\u200beveryone")
	return strings.ReplaceAll(s, "@here", "@\u200bhere")
}

// footerLine is "watch · feed" (plain text, like the author line).
func footerLine(a alert.Alert) string {
	parts := make([]string, 0, 2)
	for _, p := range []string{plainText(a.Watch), plainText(a.Feed)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return truncate(strings.Join(parts, " · "), footerCap)
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
	return safeURL(u.Scheme + "://" + u.Host + "/")
}

// description is the summary, then the top quotes as block-quote lines,
// within Discord's 4096 characters and what the 6000 total leaves.
func description(summary string, qs []alert.Quote, room int) string {
	room = min(room, maxDescription)
	quotes := quoteLines(qs)
	for runes(quotes) > room {
		// Cannot happen with the caps above; drop quotes rather than break the limit.
		i := strings.LastIndexByte(quotes, '\n')
		if i < 0 {
			quotes = ""
			break
		}
		quotes = quotes[:i]
	}
	summary = escapeMarkdown(cleanText(summary))
	switch {
	case summary == "":
		return quotes
	case quotes == "":
		return truncate(summary, room)
	}
	summary = truncate(summary, room-runes(quotes)-2)
	if summary == "" || summary == ellipsis {
		return quotes
	}
	return summary + "\n\n" + quotes
}

// quoteLines renders up to maxQuotes quotes as `> “text” — Speaker` lines.
func quoteLines(quotes []alert.Quote) string {
	var lines []string
	for _, q := range quotes {
		if len(lines) == maxQuotes {
			break
		}
		text := quoteText(q.Text)
		if text == "" {
			continue
		}
		line := "> “" + truncate(escapeMarkdown(text), quoteCap) + "”"
		if sp := cleanLine(q.Speaker); sp != "" {
			line += " — " + truncate(escapeMarkdown(sp), speakerCap)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// quoteText is a quote as shown: cleaned, without the quotation marks
// wrapping it (the alert adds its own) and without the comma that ended it
// where the sentence went on ("…," she said). The stored quote keeps both.
func quoteText(s string) string {
	s = trimQuotationMarks(cleanLine(s))
	if t := strings.TrimRight(s, ",，،、 "); t != s {
		s = trimQuotationMarks(t)
	}
	return s
}

const quotationMarks = "\"'“”„‟‘’‚‛«»‹›「」『』"

// trimQuotationMarks removes quotation marks wrapping the whole quote, since
// the alert adds its own.
func trimQuotationMarks(s string) string {
	for {
		r, n := utf8.DecodeRuneInString(s)
		l, m := utf8.DecodeLastRuneInString(s)
		if n == 0 || len(s) <= n || !strings.ContainsRune(quotationMarks, r) || !strings.ContainsRune(quotationMarks, l) {
			return s
		}
		s = strings.TrimSpace(s[n : len(s)-m])
	}
}

// whyValue renders the "Why it matched" field: the matched terms, then up to
// three snippets with the terms in bold, within 1024 characters. A snippet
// of what the embed shows already (said: see repeats) is left out.
func whyValue(a alert.Alert, said []string) string {
	terms := matchTerms(a)
	var lines []string
	shown := make([]string, 0, len(terms))
	for _, t := range terms {
		shown = append(shown, escapeMarkdown(truncate(t, termCap)))
	}
	if list := strings.Join(shown, ", "); list != "" {
		lines = append(lines, "**Terms:** "+truncate(list, termsCap))
	}
	seen := map[string]bool{}
	for _, w := range a.Why {
		if len(seen) == maxSnippets {
			break
		}
		snippet := truncate(cleanLine(w.Snippet), snippetCap)
		if snippet == "" || seen[snippet] || repeats(snippet, said) {
			continue
		}
		seen[snippet] = true
		line := "• " + highlight(snippet, terms)
		if f := fieldLabel(w.Field); f != "" {
			line = "• *" + f + ":* " + line[len("• "):]
		}
		lines = append(lines, line)
	}
	var b strings.Builder
	for _, line := range lines {
		sep := 0
		if b.Len() > 0 {
			sep = 1
		}
		if runes(b.String())+sep+runes(line) > maxFieldValue {
			break
		}
		if sep == 1 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}

// fieldLabel keeps a hit's field name only if it is a plain word.
func fieldLabel(f string) string {
	if f == "" || len(f) > 16 {
		return ""
	}
	for _, r := range f {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	return f
}

// matchTerms are the words to show and highlight: the terms as they appear
// in the article, then the query's own terms, without query syntax.
func matchTerms(a alert.Alert) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		t = cleanLine(strings.Trim(t, "\"*?()"))
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, t)
	}
	for _, t := range a.Matched {
		add(t)
	}
	for _, w := range a.Why {
		add(w.Term)
	}
	return out
}

// highlight escapes a (cleaned, already cut) snippet and puts each
// occurrence of a term, matched case-insensitively at word boundaries, in
// bold.
func highlight(snippet string, terms []string) string {
	return chattext.Highlight(snippet, terms, escapeMarkdown, "**", "**")
}

// embedLength is what an embed counts towards Discord's 6000 total.
func embedLength(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	return n
}
