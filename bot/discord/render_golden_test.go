package discord

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/bot/internal/rendertest"
)

// replyView is what a command's reply sends.
type replyView struct {
	Content    string                       `json:"content,omitempty"`
	Embeds     []*discordgo.MessageEmbed    `json:"embeds,omitempty"`
	Components []discordgo.MessageComponent `json:"components,omitempty"`
	Ephemeral  bool                         `json:"ephemeral,omitempty"`
}

func view(r reply) replyView {
	return replyView{Content: r.content, Embeds: r.embeds, Components: r.components, Ephemeral: r.ephemeral}
}

// TestRenderGolden holds what Discord is sent for the corpus of alerts,
// story edits, follow-ups, digests and notices, and every command's
// answers over a seeded archive, byte for byte (testdata/render.golden;
// -update rewrites it).
func TestRenderGolden(t *testing.T) {
	var g rendertest.Golden
	for _, a := range rendertest.Alerts() {
		for _, s := range rendertest.Styles {
			g.Add(t, "alert/"+a.Name+"/"+s.Name, AlertMessage(a.V, Style{Color: 0x1abc9c, Mention: s.V}))
		}
		g.Add(t, "webhook/"+a.Name, WebhookMessage(a.V, Style{Mention: "345678901234567890"}))
		g.Add(t, "followup/"+a.Name, FollowUpMessage(a.V, Style{Color: 0xFFFFFFF}))
		g.Add(t, "thread-name/"+a.Name, threadName(a.V))
		stamped := AlertMessage(a.V, Style{})
		stamp(stamped, reference("nonce-"+a.Name))
		g.Add(t, "stamped/"+a.Name, stamped)
		g.Add(t, "summary/"+a.Name, view(summaryReply(a.V)))
		for _, o := range rendertest.Outlets() {
			g.Add(t, "story/"+a.Name+"/"+o.Name, StoryMessage(a.V, o.V, Style{Mention: "345678901234567890"}))
		}
	}
	for _, d := range rendertest.Digests() {
		g.Add(t, "digest/"+d.Name, DigestMessage(d.V.Title, d.V.Alerts, map[string]Style{"busy": {Color: 0xff0000}, "russia-watch": {Color: 0x00ff00}}))
	}
	for _, n := range rendertest.Notices() {
		g.Add(t, "notice/"+n.Name, NoticeMessage(n.V.Title, n.V.Text, 0xe67e22))
	}
	for i, p := range []*commands.Problem{
		{Kind: commands.BadInput, Msg: commands.Text{{S: "Plain words "}, {Kind: commands.Value, S: rendertest.Markdown}, {S: " and "},
			{Kind: commands.Escaped, S: rendertest.Markdown, Max: 40}, {Kind: commands.Code, S: "putin AND (election\n          ^ ```here```"}}},
		{Kind: commands.Failed, Msg: commands.Text{{Kind: commands.Escaped, S: strings.Repeat("é\\", 300)}, {Kind: commands.Value, S: strings.Repeat("v", 300)}}},
	} {
		g.Add(t, fmt.Sprintf("problem/%d", i), view(problemReply(p)))
	}

	b := renderBot(t)
	ctx := context.Background()
	in := &discordgo.Interaction{Member: &discordgo.Member{Permissions: permManageGuild, User: &discordgo.User{ID: userID}}}
	type opt = *discordgo.ApplicationCommandInteractionDataOption
	s := func(name, v string) opt {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
	}
	n := func(name string, v int) opt {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(v)}
	}
	sub := func(name string, opts ...opt) opt {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
	}
	for _, c := range []struct {
		name, cmd string
		opts      []opt
	}{
		{"search", "search", []opt{s("query", "election")}},
		{"search-putin", "search", []opt{s("query", "election AND @putin")}},
		{"search-days-watch", "search", []opt{s("query", "golf OR election"), n("days", 5), s("watch", "golf")}},
		{"search-story", "search", []opt{s("query", "valmora")}},
		{"search-unicode", "search", []opt{s("query", "kyiv OR café")}},
		{"search-markdown", "search", []opt{s("query", "golf OR breaking")}},
		{"search-long", "search", []opt{s("query", "headline AND election")}},
		{"search-long-query", "search", []opt{s("query", "election OR "+strings.Repeat("nothing OR ", 40)+"golf")}},
		{"search-nothing", "search", []opt{s("query", "cricket **x** <@123>")}},
		{"search-bad", "search", []opt{s("query", "putin AND (election `x`")}},
		{"search-no-watch", "search", []opt{s("query", "putin"), s("watch", "nope *x*")}},
		{"search-bad-days", "search", []opt{s("query", "putin"), n("days", 100000)}},
		{"latest", "latest", nil},
		{"latest-3", "latest", []opt{n("count", 3)}},
		{"latest-golf", "latest", []opt{s("watch", "golf"), n("count", 10)}},
		{"latest-empty", "latest", []opt{s("watch", "kyiv")}},
		{"latest-bad-count", "latest", []opt{n("count", 1000)}},
		{"quotes-peskov", "quotes", []opt{s("speaker", "peskov")}},
		{"quotes-quoted", "quotes", []opt{s("speaker", "“Dmitry Peskov”")}},
		{"quotes-about", "quotes", []opt{s("speaker", "Dmitry Peskov"), s("about", "sanctions")}},
		{"quotes-days", "quotes", []opt{s("speaker", "Peskov"), n("days", 5)}},
		{"quotes-markdown", "quotes", []opt{s("speaker", "@here")}},
		{"quotes-unicode", "quotes", []opt{s("speaker", "Песков")}},
		{"quotes-long", "quotes", []opt{s("speaker", "long name")}},
		{"quotes-nobody", "quotes", []opt{s("speaker", "Nobody **At** all"), s("about", "x AND **y**")}},
		{"quotes-empty", "quotes", []opt{s("speaker", "\"\"")}},
		{"why", "why", []opt{s("url", "https://news.example.org/world/election-03?utm_source=x")}},
		{"why-markdown", "why", []opt{s("url", "https://md.example.org/canonical_(b)")}},
		{"why-unicode", "why", []opt{s("url", "https://news.example.com/ü/Київ")}},
		{"why-long", "why", []opt{s("url", "https://long.example.org/"+strings.Repeat("p", 300))}},
		{"why-unmatched", "why", []opt{s("url", "https://news.example.org/world/kremlin")}},
		{"why-unknown", "why", []opt{s("url", "https://elsewhere.example.com/x")}},
		{"why-not-a-link", "why", []opt{s("url", "javascript:alert(1)")}},
		{"story", "story", []opt{s("url", "https://story2.example/valmora")}},
		{"story-none", "story", []opt{s("url", "https://news.example.org/world/kremlin")}},
		{"story-markdown", "story", []opt{s("url", "https://md.example.org/canonical_(b)")}},
		{"story-unknown", "story", []opt{s("url", "https://elsewhere.example.com/x")}},
		{"summary-not-a-link", "summary", []opt{s("url", "ftp://x")}},
		{"watches", "watches", nil},
		{"feeds", "feeds", nil},
		{"watch-add-bad", "watch", []opt{sub("add", s("name", "bad name!"), s("query", "x"), s("channel", "newsroom"))}},
		{"watch-add-bad-query", "watch", []opt{sub("add", s("name", "new"), s("query", "x AND (y"), s("channel", "newsroom"))}},
		{"watch-add-channel", "watch", []opt{sub("add", s("name", "new"), s("query", "x"), s("channel", "nowhere *x*"))}},
		{"watch-remove-file", "watch", []opt{sub("remove", s("name", "golf"))}},
		{"watch-add", "watch", []opt{sub("add", s("name", "chat-watch"), s("query", `"election interference" OR **x**`), s("channel", "newsroom"))}},
		{"watch-pause", "watch", []opt{sub("pause", s("name", "chat-watch"))}},
		{"watches-after", "watches", nil},
		{"watch-remove", "watch", []opt{sub("remove", s("name", "chat-watch"))}},
	} {
		r := b.cmds.byName[c.cmd].handle(ctx, b, in, newOptions(c.opts))
		g.Add(t, "command/"+c.name, view(r))
		if c.name == "search" || c.name == "search-long-query" {
			next := r.components[0].(discordgo.ActionsRow).Components[1].(discordgo.Button).CustomID
			g.Add(t, "command/"+c.name+"/next", view(handleSearchPage(ctx, b, in, next)))
		}
	}
	g.Add(t, "command/watch-refused", view(b.cmds.byName["watch"].handle(ctx, b, &discordgo.Interaction{Member: &discordgo.Member{}}, nil)))
	g.Check(t, "render.golden")
}

// renderBot is a bot with commands over the rendering corpus's world.
func renderBot(t *testing.T) *Bot {
	t.Helper()
	w := rendertest.NewWorld(t, `
channels:
  newsroom: { discord: "123456789012345678" }
discord: { token: T }
`)
	b, err := New(Options{Token: "T", APIBase: "http://127.0.0.1:9", Channels: map[string]Channel{"newsroom": {DiscordID: newsroom}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.EnableCommands(&Commands{Store: w.Store, Pipeline: w.Pipeline, GuildID: guildID, Now: func() time.Time { return w.Now }}); err != nil {
		t.Fatal(err)
	}
	return b
}
