package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/store"
)

// /story url:<link> — the story a stored article belongs to: its articles
// oldest first (outlet, time, title, link) and its quotes by speaker.

const (
	storyQuoteCap    = 200 // characters of one quote shown
	storyQuotesShown = 3   // quotes shown per speaker
	storySpeakers    = 10  // speakers shown
)

func storyCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "story",
			Description: "All the coverage of an article's story, and who was quoted",
			Options:     []*discordgo.ApplicationCommandOption{strOption("url", "The link of an article of the story", true, 2048)},
		},
		handle: handleStory,
	}
}

func handleStory(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
	if chattext.SafeURL(o.str("url")) == "" {
		return errorReply("That is not an http(s) link.")
	}
	ans, p := b.cmds.look.Story(ctx, o.str("url"))
	if p != nil {
		return problemReply(p)
	}
	return storyReply(ans)
}

// storyReply renders /story's answer: one line an article in the
// description, one field a speaker (the footer counts those not shown, as
// Slack's answer does).
func storyReply(ans commands.Story) reply {
	first := ans.Articles[0]
	title := chattext.Line(first.Title)
	if title == "" {
		title = "Untitled article"
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: chattext.TruncateEscaped("Story: "+escapeMarkdown(title), maxTitle)}
	var desc strings.Builder
	shown := 0
	for _, a := range ans.Articles {
		line := storyArticleLine(a) + "\n"
		if chattext.Runes(desc.String())+chattext.Runes(line) > maxDescription-40 {
			break
		}
		desc.WriteString(line)
		shown++
	}
	if more := ans.Total - shown; more > 0 {
		desc.WriteString(fmt.Sprintf("… and %s more", chattext.Count(more, "article")))
	}
	e.Description = strings.TrimSpace(desc.String())
	speakers := 0
	for _, sp := range ans.Speakers {
		if speakers == storySpeakers {
			break
		}
		name := chattext.TruncateEscaped(escapeMarkdown(chattext.Line(sp.Speaker)), speakerCap)
		if sp.Speaker == "" {
			name = "Not attributed"
		}
		var v strings.Builder
		for j, q := range sp.Quotes {
			if j == storyQuotesShown {
				v.WriteString(fmt.Sprintf("… and %d more", len(sp.Quotes)-j))
				break
			}
			entry := "> “" + chattext.TruncateEscaped(escapeMarkdown(chattext.QuoteText(q.Text)), storyQuoteCap) + "”"
			if f := chattext.Line(q.Article.Feed); f != "" {
				entry += " — " + escapeMarkdown(chattext.Truncate(f, 60))
			}
			entry += "\n"
			if chattext.Runes(v.String())+chattext.Runes(entry) > maxFieldValue-20 {
				break
			}
			v.WriteString(entry)
		}
		if !addField(e, name, strings.TrimSpace(v.String())) {
			break
		}
		speakers++
	}
	footer := chattext.Count(ans.Total, "article")
	if ans.ID != 0 {
		footer = fmt.Sprintf("story %d · %s", ans.ID, footer)
	} else {
		footer += " · no story recorded"
	}
	if more := len(ans.Speakers) - speakers; more > 0 {
		footer += " · " + chattext.Count(more, "more speaker") + " not shown"
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}

// storyArticleLine is "<date> **Outlet** — [Title](link)", the date a Discord
// timestamp (each reader sees it in their zone).
func storyArticleLine(a store.Article) string {
	var b strings.Builder
	if d := articleDate(a); d != "" {
		b.WriteString(d + " ")
	}
	if f := chattext.Line(a.Feed); f != "" {
		b.WriteString("**" + escapeMarkdown(chattext.Truncate(f, 60)) + "** — ")
	}
	t := chattext.TruncateEscaped(escapeMarkdown(chattext.Line(a.Title)), 150)
	if t == "" {
		t = "Untitled article"
	}
	if u := linkURL(articleURL(a)); u != "" {
		t = "[" + t + "](" + u + ")"
	}
	b.WriteString(t)
	return b.String()
}
