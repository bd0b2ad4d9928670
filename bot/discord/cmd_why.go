package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

// /why url:<url> — which watches matched a stored article, with the terms
// highlighted in their snippets.

func whyCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "why",
			Description: "Which watches matched an article, and why",
			Options:     []*discordgo.ApplicationCommandOption{strOption("url", "The article's link", true, 2048)},
		},
		handle: handleWhy,
	}
}

func handleWhy(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
	if chattext.SafeURL(o.str("url")) == "" {
		return errorReply("That is not an http(s) link.")
	}
	ans, p := b.cmds.look.Why(ctx, o.str("url"))
	if p != nil {
		return problemReply(p)
	}
	return whyReply(ans)
}

// whyReply renders /why's answer: the article's title and link, one field
// a watch with its terms highlighted in their snippets.
func whyReply(ans commands.Why) reply {
	a, ms := &ans.Article, ans.Matches
	title := chattext.Line(a.Title)
	if title == "" {
		title = "Untitled article"
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: chattext.TruncateEscaped(escapeMarkdown(title), maxTitle), URL: articleURL(*a)}
	if len(ms) == 0 {
		e.Description = "Stored, but no watch matched it."
		if a.Status != "done" {
			e.Description = "Stored, but not read or matched (it was too old when first seen)."
		}
		return reply{embeds: []*discordgo.MessageEmbed{e}}
	}
	for _, m := range ms {
		if len(e.Fields) == maxFields {
			break
		}
		value := whyValue(alert.Alert{Why: m.Why}, nil)
		if value == "" {
			value = "(no explanation recorded)"
		}
		if !addField(e, chattext.TruncateEscaped(escapeMarkdown(chattext.Line(m.Watch)), maxFieldName), value) {
			break
		}
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: chattext.Count(len(ms), "watch") + " matched"}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}
