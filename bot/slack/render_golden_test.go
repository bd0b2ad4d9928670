package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/bot/internal/rendertest"
)

// replyView is what a command's reply sends.
type replyView struct {
	Message
	Ephemeral bool `json:",omitempty"`
	Replace   bool `json:",omitempty"`
}

func view(r reply) replyView { return replyView{r.Message, r.ephemeral, r.replace} }

// TestRenderGolden holds what Slack is sent for the corpus of alerts,
// story edits, follow-ups, digests and notices, and every command's
// answers over a seeded archive, byte for byte (testdata/render.golden;
// -update rewrites it).
func TestRenderGolden(t *testing.T) {
	var g rendertest.Golden
	for _, a := range rendertest.Alerts() {
		for _, s := range rendertest.Styles {
			g.Add(t, "alert/"+a.Name+"/"+s.Name, AlertMessage(a.V, Style{Mention: s.V}))
		}
		g.Add(t, "followup/"+a.Name, FollowUpMessage(a.V))
		for _, o := range rendertest.Outlets() {
			g.Add(t, "story/"+a.Name+"/"+o.Name, StoryMessage(a.V, o.V, Style{Mention: "S0EDITORS1"}))
		}
	}
	for _, d := range rendertest.Digests() {
		g.Add(t, "digest/"+d.Name, DigestMessage(d.V.Title, d.V.Alerts))
	}
	for _, n := range rendertest.Notices() {
		g.Add(t, "notice/"+n.Name, NoticeMessage(n.V.Title, n.V.Text))
	}
	for i, p := range []*commands.Problem{
		{Kind: commands.BadInput, Msg: commands.Text{{S: "Plain words /search "}, {Kind: commands.Value, S: rendertest.Markdown}, {S: " and "},
			{Kind: commands.Escaped, S: rendertest.Markdown, Max: 40}, {Kind: commands.Code, S: "putin AND (election\n          ^ ```here```"}}},
		{Kind: commands.Failed, Msg: commands.Text{{Kind: commands.Escaped, S: strings.Repeat("é&", 1000)}, {Kind: commands.Value, S: strings.Repeat("v", 300)}}},
	} {
		g.Add(t, "problem/"+string(rune('0'+i)), view(problemReply(p)))
	}

	n := renderNotifier(t)
	ctx := context.Background()
	const admin = "U0ADMIN001"
	for _, c := range []struct{ name, text string }{
		{"help", "help"},
		{"unknown", "frobnicate *x*"},
		{"search", "search election"},
		{"search-putin", "search election AND @putin"},
		{"search-days-watch", "search golf OR election days:5 watch:golf"},
		{"search-story", "search valmora"},
		{"search-unicode", "search kyiv OR café"},
		{"search-markdown", "search golf OR breaking"},
		{"search-long", "search headline AND election"},
		{"search-long-query", "search election OR " + strings.Repeat("nothing OR ", 40) + "golf"},
		{"search-nothing", "search cricket **x** <@123>"},
		{"search-bad", "search putin AND (election `x`"},
		{"search-no-watch", "search putin watch:nope*x*"},
		{"search-bad-days", "search putin days:100000"},
		{"latest", "latest"},
		{"latest-3", "latest 3"},
		{"latest-golf", "latest golf 10"},
		{"latest-empty", "latest kyiv"},
		{"latest-bad-count", "latest 1000"},
		{"quotes-peskov", "quotes peskov"},
		{"quotes-quoted", "quotes “Dmitry Peskov”"},
		{"quotes-about", "quotes Dmitry Peskov about: sanctions"},
		{"quotes-days", "quotes Peskov days:5"},
		{"quotes-markdown", "quotes @here"},
		{"quotes-unicode", "quotes Песков"},
		{"quotes-long", "quotes long name"},
		{"quotes-nobody", "quotes Nobody **At** all about: x AND **y**"},
		{"quotes-empty", `quotes ""`},
		{"why", "why https://news.example.org/world/election-03?utm_source=x"},
		{"why-markdown", "why https://md.example.org/canonical_(b)"},
		{"why-unicode", "why https://news.example.com/ü/Київ"},
		{"why-long", "why https://long.example.org/" + strings.Repeat("p", 300)},
		{"why-unmatched", "why https://news.example.org/world/kremlin"},
		{"why-unknown", "why https://elsewhere.example.com/x"},
		{"why-not-a-link", "why javascript:alert(1)"},
		{"story", "story https://story2.example/valmora"},
		{"story-none", "story https://news.example.org/world/kremlin"},
		{"story-markdown", "story https://md.example.org/canonical_(b)"},
		{"story-unknown", "story https://elsewhere.example.com/x"},
		{"summary-not-a-link", "summary ftp://x"},
		{"watches", "watches"},
		{"feeds", "feeds"},
		{"watch-add-bad", "watch add bad!name newsroom x"},
		{"watch-add-bad-query", "watch add new newsroom x AND (y"},
		{"watch-add-channel", "watch add new nowhere*x* x"},
		{"watch-remove-file", "watch remove golf"},
		{"watch-add", `watch add chat-watch newsroom "election interference" OR **x**`},
		{"watch-pause", "watch pause chat-watch"},
		{"watches-after", "watches"},
		{"watch-remove", "watch remove chat-watch"},
	} {
		r := n.runCommand(ctx, slackgo.SlashCommand{Text: c.text, UserID: admin})
		g.Add(t, "command/"+c.name, view(r))
		if c.name == "search" || c.name == "search-long-query" {
			var value string
			for _, b := range r.Blocks {
				if a, ok := b.(*slackgo.ActionBlock); ok {
					value = a.Elements.ElementSet[0].(*slackgo.ButtonBlockElement).Value
				}
			}
			g.Add(t, "command/"+c.name+"/next", view(n.handleAction(ctx, actionNext, value)))
		}
	}
	g.Add(t, "command/watch-refused", view(n.runCommand(ctx, slackgo.SlashCommand{Text: "watch pause golf", UserID: "U0SOMEONE1"})))
	g.Check(t, "render.golden")
}

// renderNotifier is a notifier with commands over the rendering corpus's
// world.
func renderNotifier(t *testing.T) *Notifier {
	t.Helper()
	w := rendertest.NewWorld(t, `
channels:
  newsroom: { slack: C0NEWSROOM }
slack: { token: xoxb-fake-token }
`)
	n, err := New(Options{Token: "xoxb-fake-token", APIBase: "http://127.0.0.1:9", Channels: map[string]Channel{"newsroom": {ID: "C0NEWSROOM"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.EnableCommands(&Commands{Store: w.Store, Pipeline: w.Pipeline, Listen: "127.0.0.1:0", SigningSecret: "s",
		Admins: []string{"U0ADMIN001"}, Now: func() time.Time { return w.Now }}); err != nil {
		t.Fatal(err)
	}
	return n
}
