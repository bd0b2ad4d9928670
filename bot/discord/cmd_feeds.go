package discord

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
)

// /feeds — each configured feed's health: last success, last error,
// consecutive failures, next poll (the feed's next run in the watcher's
// scheduler, spread included, or later when the feed is backing off).

func feedsCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{Name: "feeds", Description: "Each feed's health: last success, last error, failures, next poll"},
		handle: func(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
			ans, p := b.cmds.look.Feeds(ctx)
			if p != nil {
				return problemReply(p)
			}
			return feedsReply(ans)
		},
	}
}

// feedsReply renders /feeds' answer: one field a feed, failing ones marked.
func feedsReply(ans commands.Feeds) reply {
	feeds, failing := ans.Feeds, ans.Failing
	if len(feeds) == 0 {
		return reply{content: "No feeds are configured."}
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: fmt.Sprintf("Feeds (%d)", len(feeds))}
	shown := 0
	for _, f := range feeds {
		st := f.State
		lines := []string{"Last success: " + when(st.LastSuccess, "never")}
		if st.LastError != "" {
			lines = append(lines, "Last error: "+escapeMarkdown(chattext.Truncate(chattext.Line(st.LastError), 300))+" ("+when(st.LastErrorAt, "?")+")")
		}
		lines = append(lines, "Consecutive failures: "+strconv.Itoa(st.Failures))
		lines = append(lines, "Next poll: "+when(f.NextPoll, "unknown"))
		name := escapeMarkdown(chattext.Line(f.Name))
		if st.Failures > 0 {
			name = "⚠️ " + name
		}
		if !addField(e, chattext.TruncateEscaped(name, maxFieldName), chattext.CutLines(strings.Join(lines, "\n"), maxFieldValue, chattext.TruncateEscaped)) {
			break
		}
		shown++
	}
	footer := fmt.Sprintf("%d failing", failing)
	if shown < len(feeds) {
		footer += fmt.Sprintf(" · %d more not shown", len(feeds)-shown)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}

// when is a Discord timestamp ("3 minutes ago", in each reader's time zone).
func when(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return fmt.Sprintf("<t:%d:R>", t.Unix())
}
