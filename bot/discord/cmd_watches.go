package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
)

// /watches — every watch with its query and channels; chat-managed and
// paused ones marked.

func watchesCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{Name: "watches", Description: "The watches, their queries and channels"},
		handle: func(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
			ws := b.cmds.look.Watches()
			if len(ws) == 0 {
				return reply{content: "No watches are configured. /watch add creates one."}
			}
			e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: fmt.Sprintf("Watches (%d)", len(ws))}
			shown := 0
			for _, w := range ws {
				name := escapeMarkdown(chattext.Line(w.Name))
				if tags := commands.WatchTags(w); len(tags) > 0 {
					name += " (" + escapeMarkdown(chattext.Line(strings.Join(tags, ", "))) + ")"
				}
				dest := "standard output"
				if len(w.Channels) > 0 {
					dest = escapeMarkdown(chattext.Line(strings.Join(w.Channels, ", ")))
				}
				value := chattext.TruncateEscaped(escapeMarkdown(chattext.Line(w.Query)), 700) + "\n→ " + chattext.TruncateEscaped(dest, 200)
				if !addField(e, chattext.TruncateEscaped(name, maxFieldName), value) {
					break
				}
				shown++
			}
			if shown < len(ws) {
				e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("and %d more not shown", len(ws)-shown)}
			}
			return reply{embeds: []*discordgo.MessageEmbed{e}}
		},
	}
}
