package discord

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/config"
)

// /feeds — each configured feed's health: last success, last error,
// consecutive failures, next poll (the feed's next run in the watcher's
// scheduler, spread included, or later when the feed is backing off).

func feedsCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{Name: "feeds", Description: "Each feed's health: last success, last error, failures, next poll"},
		handle: func(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
			feeds, _ := b.feedConfig()
			if len(feeds) == 0 {
				return reply{content: "No feeds are configured."}
			}
			e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: fmt.Sprintf("Feeds (%d)", len(feeds))}
			shown, failing := 0, 0
			for _, f := range feeds {
				st, err := b.cmds.cfg.Store.Feed(ctx, f.Name)
				if err != nil {
					b.log.Error("bot: feeds", "feed", f.Name, "error", err.Error())
					return errorReply("Reading the feeds' state failed; it has been logged.")
				}
				if st.Failures > 0 {
					failing++
				}
				lines := []string{"Last success: " + when(st.LastSuccess, "never")}
				if st.LastError != "" {
					lines = append(lines, "Last error: "+escapeMarkdown(truncate(cleanLine(st.LastError), 300))+" ("+when(st.LastErrorAt, "?")+")")
				}
				lines = append(lines, "Consecutive failures: "+strconv.Itoa(st.Failures))
				lines = append(lines, "Next poll: "+when(b.cmds.cfg.Pipeline.NextPoll(f.Name, st.NextPoll), "unknown"))
				name := escapeMarkdown(cleanLine(f.Name))
				if st.Failures > 0 {
					name = "⚠️ " + name
				}
				if !addField(e, truncate(name, maxFieldName), truncateLines(strings.Join(lines, "\n"), maxFieldValue)) {
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
		},
	}
}

// feedConfig is the feeds and default schedule in force (the pipeline's
// configuration, which follows reloads).
func (b *Bot) feedConfig() ([]config.Feed, string) {
	c := b.cmds.cfg.Pipeline.Config()
	return c.Feeds, c.Schedule
}

// when is a Discord timestamp ("3 minutes ago", in each reader's time zone).
func when(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return fmt.Sprintf("<t:%d:R>", t.Unix())
}
