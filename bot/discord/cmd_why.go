package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/feed"
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
	raw := strings.TrimSpace(o.str("url"))
	if safeURL(raw) == "" {
		return errorReply("That is not an http(s) link.")
	}
	st := b.cmds.cfg.Store
	a, err := st.ArticleByIdentity(ctx, feed.CanonicalString(raw))
	if err == nil && a == nil {
		a, err = st.ArticleByIdentity(ctx, raw)
	}
	if err != nil {
		b.log.Error("bot: why", "error", err.Error())
		return errorReply("Reading the article failed; it has been logged.")
	}
	if a == nil {
		return errorReply("newshound has not seen that article. /summary reads any link.")
	}
	ms, err := st.ArticleMatches(ctx, a.ID)
	if err != nil {
		b.log.Error("bot: why", "error", err.Error())
		return errorReply("Reading the matches failed; it has been logged.")
	}
	title := cleanLine(a.Title)
	if title == "" {
		title = "Untitled article"
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: truncate(escapeMarkdown(title), maxTitle), URL: articleURL(*a)}
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
		var why []alert.Why
		_ = json.Unmarshal([]byte(m.Explanation), &why)
		value := whyValue(alert.Alert{Why: why}, nil)
		if value == "" {
			value = "(no explanation recorded)"
		}
		if !addField(e, truncate(escapeMarkdown(cleanLine(m.Watch)), maxFieldName), value) {
			break
		}
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d watches matched", len(ms))}
	if len(ms) == 1 {
		e.Footer.Text = "1 watch matched"
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}
