package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
)

// /latest [watch] [count] — the most recent alerts, newest first.

const (
	latestDefault = commands.LatestDefault
	latestMax     = commands.LatestMax
)

func latestCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "latest",
			Description: "The most recent alerts",
			Options: []*discordgo.ApplicationCommandOption{
				strOption("watch", "Only this watch's alerts", false, 100),
				intOption("count", fmt.Sprintf("How many (default %d, at most %d)", latestDefault, latestMax), 1, latestMax),
			},
		},
		handle: func(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
			ans, p := b.cmds.look.Latest(ctx, o.str("watch"), o.num("count", latestDefault))
			if p != nil {
				return problemReply(p)
			}
			return latestReply(ans)
		},
	}
}

// latestReply renders /latest's answer: one field an alert.
func latestReply(ans commands.Latest) reply {
	watch, ms := ans.Watch, ans.Alerts
	if len(ms) == 0 {
		if watch != "" {
			return reply{content: "No alerts yet for " + inlineText(watch) + "."}
		}
		return reply{content: "No alerts yet."}
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: "Latest alerts"}
	if watch != "" {
		e.Title = chattext.TruncateEscaped("Latest alerts of "+escapeMarkdown(chattext.Line(watch)), maxTitle)
	}
	for i, m := range ms {
		title := chattext.Line(m.Article.Title)
		if title == "" {
			title = "Untitled article"
		}
		value := articleLine(m.Article)
		if watch == "" {
			value = "*" + escapeMarkdown(chattext.Truncate(chattext.Line(m.Watch), 100)) + "* · " + value
		}
		if value == "" {
			value = "—"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  chattext.TruncateEscaped(fmt.Sprintf("%d. %s", i+1, escapeMarkdown(title)), maxFieldName),
			Value: chattext.TruncateEscaped(value, maxFieldValue),
		})
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}
