package discord

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// /quotes speaker:<name> [days] [about:<query>] — what a person was quoted
// saying, newest first, with links. A speaker matches by full name or by
// its last words ("Peskov" finds "Dmitry Peskov"); about: keeps the quotes
// whose words, or whose article's headline, match the query.

const (
	quotesMax     = 8
	quotesTextCap = 350
)

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
	speaker := cleanLine(o.str("speaker"))
	if speaker == "" {
		return errorReply("Give a speaker's name, e.g. Peskov.")
	}
	if utf8.RuneCountInString(speaker) > 100 {
		return errorReply("The speaker's name is too long (at most 100 characters).")
	}
	days := o.num("days", 0)
	if days < 0 || days > maxSearchDays {
		return errorReply(fmt.Sprintf("days must be between 1 and %d.", maxSearchDays))
	}
	var m *match.Matcher
	about := o.str("about")
	if about != "" {
		if r, bad := checkQueryText(about); bad {
			return r
		}
		q, err := b.cmds.cfg.Pipeline.CheckQuery(about)
		if err != nil {
			return queryErrorReply(err)
		}
		if m, err = match.Compile([]match.Watch{{Name: "about", Query: q}}); err != nil {
			return queryErrorReply(err)
		}
	}
	var since time.Time
	if days > 0 {
		since = b.cmds.now().Add(-time.Duration(days) * 24 * time.Hour)
	}
	var found []store.SpeakerQuote
	err := b.cmds.cfg.Store.QuotesBy(ctx, speaker, since, func(q store.SpeakerQuote) (bool, error) {
		if m != nil && len(m.Match(match.Document{Title: q.Article.Title, Body: q.Text})) == 0 {
			return true, nil
		}
		found = append(found, q)
		return len(found) < quotesMax, ctx.Err()
	})
	if err != nil {
		b.log.Error("bot: quotes", "error", err.Error())
		return errorReply("Reading the quotes failed; it has been logged.")
	}
	if len(found) == 0 {
		msg := "No stored quotes by " + inlineText(speaker)
		if about != "" {
			msg += " about " + inlineText(about)
		}
		return reply{content: msg + "."}
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: truncate("Quotes by "+escapeMarkdown(speaker), maxTitle)}
	var b2 strings.Builder
	for _, q := range found {
		text := truncate(escapeMarkdown(quoteText(q.Text)), quotesTextCap)
		entry := "> “" + text + "” — " + escapeMarkdown(truncate(cleanLine(q.Speaker), speakerCap)) + "\n" + articleLine(q.Article) + "\n\n"
		if runes(b2.String())+runes(entry) > maxDescription {
			break
		}
		b2.WriteString(entry)
	}
	e.Description = strings.TrimSpace(b2.String())
	if about != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(plainText("about: "+about), footerCap)}
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}
