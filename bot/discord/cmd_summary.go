package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
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
	if chattext.SafeURL(o.str("url")) == "" {
		return errorReply("That is not an http(s) link.")
	}
	ctx, cancel := context.WithTimeout(ctx, b.cmds.fetchTimeout)
	defer cancel()
	al, p := commands.Summarize(ctx, b.cmds.cfg.ArticleFetcher, b.cmds.cfg.AllowPrivate, o.str("url"))
	if p != nil {
		return problemReply(p)
	}
	return summaryReply(al)
}

// summaryReply renders /summary's answer, laid out like an alert.
func summaryReply(al alert.Alert) reply {
	msg := AlertMessage(al, Style{})
	if al.Summary == "" && len(al.Quotes) == 0 {
		msg.Embeds[0].Description = "The page has no text to summarise."
	}
	return reply{embeds: msg.Embeds}
}
