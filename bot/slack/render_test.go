package slack

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/slackfake"
)

const testChannel = "C0NEWSROOM"

// postToFake posts m through slack-go to a fresh fake Slack, which refuses
// anything over Slack's limits, and returns the stored message.
func postToFake(t *testing.T, m Message) slackfake.Message {
	t.Helper()
	fake := slackfake.New(slackfake.Options{Channels: []string{testChannel}})
	t.Cleanup(fake.Close)
	api := slackgo.New(fake.Token(), slackgo.OptionAPIURL(fake.URL()+"/api/"))
	if _, _, err := api.PostMessageContext(context.Background(), testChannel, slackgo.MsgOptionText(m.Text, false), slackgo.MsgOptionBlocks(m.Blocks...)); err != nil {
		t.Fatalf("Slack refused the message: %v", err)
	}
	msgs := fake.Messages(testChannel)
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	if m.Length() > maxMessageText {
		t.Errorf("message of %d characters", m.Length())
	}
	return msgs[0]
}

func sampleAlert() alert.Alert {
	pub := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	return alert.Alert{
		Watch: "russia", Feed: "Wire", Title: "Putin meets envoy", URL: "https://wire.example/a/1", Published: &pub,
		Summary: "Putin met the envoy on Monday. Talks lasted three hours.",
		Quotes:  []alert.Quote{{Text: "“We will see,”", Speaker: "Dmitry Peskov"}},
		Matched: []string{"Putin"},
		Why:     []alert.Why{{Term: "Putin", Field: "body", Snippet: "Later, Putin told reporters that nothing was agreed."}},
		Image:   "https://wire.example/img/1.jpg", Byline: "Jane Doe",
	}
}

func TestAlertLayout(t *testing.T) {
	got := postToFake(t, AlertMessage(sampleAlert(), Style{Mention: "S0DESK123"}))
	text := got.AllText()
	for _, want := range []string{"*<https://wire.example/a/1|Putin meets envoy>*", "Wire · Jane Doe · <!date^", "watch russia",
		"Putin met the envoy on Monday.", "> “We will see” — Dmitry Peskov", "*Why it matched:* Putin", "• _body:_ Later, *Putin* told reporters"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if got.Blocks[0].Accessory == nil || got.Blocks[0].Accessory.ImageURL != "https://wire.example/img/1.jpg" || got.Blocks[0].Accessory.AltText == "" {
		t.Errorf("lead image accessory %+v", got.Blocks[0].Accessory)
	}
	if strings.Join(got.Mentions, ",") != "subteam:S0DESK123" {
		t.Errorf("mentions %v", got.Mentions)
	}
	if got.Text != "Putin meets envoy — Wire" {
		t.Errorf("fallback %q", got.Text)
	}
}

func TestHostileFeedTextCannotLinkOrMention(t *testing.T) {
	a := sampleAlert()
	evil := "<!channel> <!here> <!everyone> <@U0BOSS> <!subteam^S0OTHER> <https://evil.example|click> & <#C0SECRET>"
	a.Title, a.Summary, a.Feed, a.Byline, a.Watch = evil, evil, evil, evil, "russia"
	a.Quotes = []alert.Quote{{Text: evil, Speaker: evil}}
	a.Why = []alert.Why{{Term: "<!here>", Field: "body", Snippet: evil}}
	a.Matched = []string{"<!channel>"}
	a.URL = "https://wire.example/a|<!channel>"
	for name, m := range map[string]Message{
		"alert":  AlertMessage(a, Style{Mention: "<!channel>"}),
		"digest": DigestMessage(evil, []alert.Alert{a, a}),
		"notice": NoticeMessage(evil, evil),
	} {
		t.Run(name, func(t *testing.T) {
			got := postToFake(t, m)
			if len(got.Mentions) != 0 {
				t.Errorf("mentions %v", got.Mentions)
			}
			for _, l := range got.Links() {
				if strings.Contains(l, "evil") || strings.Contains(l, "|") {
					t.Errorf("link %q", l)
				}
			}
			if !strings.Contains(got.AllText()+got.Text, "&lt;!channel&gt;") {
				t.Errorf("the text is not shown escaped: %s", got.AllText())
			}
		})
	}
}

func TestLimitsKept(t *testing.T) {
	a := sampleAlert()
	long := strings.Repeat("Ünïcödé 👩‍👩‍👧 text & <more> ", 2000)
	a.Title, a.Summary, a.Feed, a.Byline = long, long, long, long
	a.Image = "https://wire.example/" + strings.Repeat("x", 3100)
	for range 20 {
		a.Quotes = append(a.Quotes, alert.Quote{Text: long, Speaker: long})
		a.Why = append(a.Why, alert.Why{Term: "text", Field: "body", Snippet: long + fmt.Sprint(len(a.Why))})
	}
	a.Matched = []string{long}
	got := postToFake(t, AlertMessage(a, Style{}))
	if got.Blocks[0].Accessory != nil {
		t.Errorf("an image URL over 3,000 characters was kept")
	}
	if strings.Contains(got.AllText(), "\uFFFD") {
		t.Error("a grapheme or an escape was split")
	}
	postToFake(t, NoticeMessage(long, long))

	// A digest of many watches and alerts stays within 50 blocks and
	// 40,000 characters and says how many it leaves out.
	var alerts []alert.Alert
	for i := range 600 {
		b := sampleAlert()
		b.Watch = fmt.Sprintf("watch-%d", i%80)
		b.Title = fmt.Sprintf("Headline %d %s", i, strings.Repeat("long ", 20))
		b.URL = fmt.Sprintf("https://wire.example/a/%d", i)
		alerts = append(alerts, b)
	}
	m := DigestMessage(strings.Repeat("Digest title ", 30), alerts)
	got = postToFake(t, m)
	if len(got.Blocks) > slackfake.MaxBlocks {
		t.Errorf("%d blocks", len(got.Blocks))
	}
	last := got.Blocks[len(got.Blocks)-1].Text.Text
	if !strings.Contains(last, "more alerts from") {
		t.Errorf("last block %q", last)
	}
	shown := strings.Count(got.AllText(), "• <https://")
	var more, moreWatches int
	fmt.Sscanf(last, "…and %d more alerts from %d more watches", &more, &moreWatches)
	hidden := 0
	for _, b := range got.Blocks {
		if b.Text != nil {
			var n int
			for _, line := range strings.Split(b.Text.Text, "\n") {
				if _, err := fmt.Sscanf(line, "…and %d more", &n); err == nil && !strings.Contains(line, "from") {
					hidden += n
				}
			}
		}
	}
	if shown+hidden+more != 600 {
		t.Errorf("digest accounts for %d shown + %d hidden + %d more of 600", shown, hidden, more)
	}
}

func TestEscapeAndFit(t *testing.T) {
	if got := escape("a & b <c> >d"); got != "a &amp; b &lt;c&gt; &gt;d" {
		t.Errorf("escape %q", got)
	}
	// Cut on the plain text: never inside an entity.
	got := fit(strings.Repeat("&", 10), 12)
	if got != "&amp;&amp;…" {
		t.Errorf("fit %q", got)
	}
}

// BenchmarkAlertMessage renders a typical alert (every alert a Slack
// channel gets is rendered once per attempt).
func BenchmarkAlertMessage(b *testing.B) {
	a := sampleAlert()
	a.Summary = strings.Repeat("Putin met the envoy on Monday & said <nothing>. ", 12)
	for b.Loop() {
		AlertMessage(a, Style{Mention: "S0DESK123"})
	}
}

// A '|' ends the URL of a mrkdwn link: a link holding one is not made
// (chattext.SafeURL lets it through, for Discord).
func TestNoLinkWithAPipe(t *testing.T) {
	m := AlertMessage(alert.Alert{Title: "Piped", URL: "https://a.example/x|y", Image: "https://a.example/i|j.png"}, Style{})
	head := m.Blocks[0].(*slackgo.SectionBlock)
	if head.Text.Text != "*Piped*" || head.Accessory != nil {
		t.Errorf("a URL with '|' was used: %q %+v", head.Text.Text, head.Accessory)
	}
}

// A paywalled page's alert says so in its meta line, as Slack shows it.
func TestAlertSaysPaywalled(t *testing.T) {
	a := sampleAlert()
	a.Paywalled = true
	if text := postToFake(t, AlertMessage(a, Style{})).AllText(); !strings.Contains(text, "watch russia · "+chattext.Paywalled) {
		t.Errorf("no paywall flag in\n%s", text)
	}
	if text := postToFake(t, AlertMessage(sampleAlert(), Style{})).AllText(); strings.Contains(text, chattext.Paywalled) {
		t.Errorf("a free page's alert says paywalled:\n%s", text)
	}
}
