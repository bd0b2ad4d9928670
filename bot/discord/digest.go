package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

// Digest layout.
const (
	digestHeadlineCap = 150 // characters of a headline in a digest line
	digestMoreReserve = 50  // room kept for an "…and N more" line
)

// DigestMessage builds one digest message: a field per watch (in order of
// first appearance) listing its alerts as linked headlines with their feed,
// one line per story (alert.DigestLines: "+2 outlets" for its others).
// What does not fit Discord's limits (1024 per field, 25 fields, 6000 in
// all) is summed up as "…and N more". The colour is the first watch's;
// digests ping nobody. It is pure: no network.
func DigestMessage(title string, alerts []alert.Alert, styles map[string]Style) *discordgo.MessageSend {
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: chattext.TruncateEscaped(escapeMarkdown(chattext.Line(title)), maxTitle),
	}
	if e.Title == "" {
		e.Title = "Digest"
	}
	order, groups := chattext.ByWatch(alerts)
	if len(order) > 0 {
		e.Color = styles[order[0]].Color & 0xFFFFFF
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: chattext.Count(len(alerts), "alert") + " · " + chattext.Count(len(order), "watch")}

	room := maxEmbedTotal - embedLength(e)
	accounted, watchesShown := 0, 0
	for _, watch := range order {
		if len(e.Fields) == maxFields || room < 2*digestMoreReserve {
			break
		}
		name := chattext.TruncateEscaped(escapeMarkdown(chattext.Line(watch)), maxFieldName)
		if name == "" {
			name = "(no watch)"
		}
		budget := min(maxFieldValue-digestMoreReserve, room-chattext.Runes(name)-2*digestMoreReserve)
		var lines []string
		used := 0
		stories := alert.DigestLines(groups[watch])
		for _, l := range stories {
			line := digestLine(l.Alert)
			if more := l.More(); more != "" {
				line += " " + more
			}
			if used+chattext.Runes(line)+1 > budget {
				break
			}
			lines = append(lines, line)
			used += chattext.Runes(line) + 1
		}
		if hidden := len(stories) - len(lines); hidden > 0 {
			lines = append(lines, fmt.Sprintf("…and %d more", hidden))
		}
		value := strings.Join(lines, "\n")
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
		room -= chattext.Runes(name) + chattext.Runes(value)
		accounted += len(groups[watch])
		watchesShown++
	}
	if rest := len(alerts) - accounted; rest > 0 {
		more := len(order) - watchesShown
		e.Description = fmt.Sprintf("…and %d more %s from %d more %s.", rest, chattext.Noun(rest, "alert"), more, chattext.Noun(more, "watch"))
	}
	if len(alerts) == 0 {
		e.Description = "No alerts."
	}
	return &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}
}

// digestLine is "• [Headline](url) — Feed": our own masked link around an
// escaped headline, the URL made safe inside the link's parentheses.
func digestLine(a alert.Alert) string {
	headline := chattext.TruncateEscaped(escapeMarkdown(chattext.Line(a.Title)), digestHeadlineCap)
	if headline == "" {
		headline = "Untitled article"
	}
	line := "• " + headline
	if u := linkURL(a.URL); u != "" {
		line = "• [" + headline + "](" + u + ")"
	}
	if feed := plainText(a.Feed); feed != "" {
		line += " — " + escapeMarkdown(chattext.Truncate(feed, 60))
	}
	return line
}

// NoticeMessage builds an operational notice for the ops channel (a feed
// failing or recovering, a delivery refused): an embed with the title and
// text escaped, pinging nobody.
func NoticeMessage(title, text string, color int) *discordgo.MessageSend {
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       chattext.TruncateEscaped(escapeMarkdown(chattext.Line(title)), maxTitle),
		Description: chattext.TruncateEscaped(escapeMarkdown(chattext.Text(text)), maxDescription),
		Color:       color & 0xFFFFFF,
	}
	if e.Title == "" {
		e.Title = "newshound"
	}
	return &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}
}
