package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
)

// /quotes speaker:<name> [days] [about:<query>] — what a person was quoted
// saying, newest first, with links. A speaker matches by full name or by
// its last words ("Peskov" finds "Dmitry Peskov"); about: keeps the quotes
// whose words, or whose article's headline, match the query.

const quotesTextCap = 350

func quotesCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "quotes",
			Description: "What a person was quoted saying",
			Options: []*discordgo.ApplicationCommandOption{
				strOption("speaker", "Full name or surname, e.g. Peskov", true, 100),
				intOption("days", "Only the last N days", 1, maxSearchDays),
				strOption("about", "Only quotes matching this query", false, maxQueryChars),
			},
		},
		handle: handleQuotes,
	}
}

func handleQuotes(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
	args := commands.QuotesArgs{Speaker: o.str("speaker"), Days: o.num("days", 0), About: o.str("about")}
	ans, p := b.cmds.look.Quotes(ctx, args, chattext.Line)
	if p != nil {
		return problemReply(p)
	}
	return quotesReply(ans)
}

// quotesReply renders /quotes' answer: each quote with its speaker and
// article, as many as fit a description.
func quotesReply(ans commands.Quotes) reply {
	speaker, about, found := ans.Args.Speaker, ans.Args.About, ans.Quotes
	if len(found) == 0 {
		msg := "No stored quotes by " + inlineText(speaker)
		if about != "" {
			msg += " about " + inlineText(about)
		}
		return reply{content: msg + "."}
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: chattext.TruncateEscaped("Quotes by "+escapeMarkdown(speaker), maxTitle)}
	var b2 strings.Builder
	for _, q := range found {
		text := chattext.TruncateEscaped(escapeMarkdown(chattext.QuoteText(q.Text)), quotesTextCap)
		entry := "> “" + text + "” — " + escapeMarkdown(chattext.Truncate(chattext.Line(q.Speaker), speakerCap)) + "\n" + articleLine(q.Article) + "\n\n"
		if chattext.Runes(b2.String())+chattext.Runes(entry) > maxDescription {
			break
		}
		b2.WriteString(entry)
	}
	e.Description = strings.TrimSpace(b2.String())
	if about != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: chattext.Truncate(plainText("about: "+about), footerCap)}
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}
