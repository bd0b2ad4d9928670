package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// /latest [watch] [count] — the most recent alerts, newest first.

const (
	latestDefault = 5
	latestMax     = 10
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
			watch := strings.TrimSpace(o.str("watch"))
			count := o.num("count", latestDefault)
			if count < 1 || count > latestMax {
				return errorReply(fmt.Sprintf("count must be between 1 and %d.", latestMax))
			}
			if watch != "" && !b.cmds.look.WatchExists(watch) {
				return errorReply("There is no watch named " + inlineText(watch) + ". /watches lists them.")
			}
			ms, err := b.cmds.cfg.Store.LatestMatches(ctx, watch, count)
			if err != nil {
				b.log.Error("bot: latest", "error", err.Error())
				return errorReply("Reading the latest alerts failed; it has been logged.")
			}
			if len(ms) == 0 {
				if watch != "" {
					return reply{content: "No alerts yet for " + inlineText(watch) + "."}
				}
				return reply{content: "No alerts yet."}
			}
			e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: "Latest alerts"}
			if watch != "" {
				e.Title = truncate("Latest alerts of "+escapeMarkdown(cleanLine(watch)), maxTitle)
			}
			for i, m := range ms {
				title := cleanLine(m.Article.Title)
				if title == "" {
					title = "Untitled article"
				}
				value := articleLine(m.Article)
				if watch == "" {
					value = "*" + escapeMarkdown(truncate(cleanLine(m.Watch), 100)) + "* · " + value
				}
				if value == "" {
					value = "—"
				}
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
					Name:  truncate(fmt.Sprintf("%d. %s", i+1, escapeMarkdown(title)), maxFieldName),
					Value: truncate(value, maxFieldValue),
				})
			}
			return reply{embeds: []*discordgo.MessageEmbed{e}}
		},
	}
}
