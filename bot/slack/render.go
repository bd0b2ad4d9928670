package slack

import (
	"fmt"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

// Layout choices within Slack's limits. An alert is at most six blocks
// and some 5,000 characters, far inside 50 blocks and 40,000.
const (
	headlineCap   = 300
	metaCap       = 300
	summaryCap    = maxSectionText
	maxQuotes     = 3
	quoteCap      = 300
	speakerCap    = 80
	termsCap      = 300
	snippetCap    = 300
	maxSnippets   = 3
	fallbackCap   = 3000
	digestLine    = 400 // a headline line of a digest, link included
	digestReserve = 200
)

// Style is how one watch's alerts look in Slack.
type Style struct {
	// Mention is a user group ID (S…) pinged with each alert; anything
	// else pings nobody.
	Mention string
}

// Message is a rendered Slack message: the plain-text fallback Slack shows
// in notifications and where blocks cannot be shown, and the blocks.
type Message struct {
	Text   string
	Blocks []slackgo.Block
}

// Length is what the message counts towards Slack's 40,000 characters: its
// text and every text of its blocks.
func (m Message) Length() int {
	n := chattext.Runes(m.Text)
	for _, b := range m.Blocks {
		switch b := b.(type) {
		case *slackgo.SectionBlock:
			if b.Text != nil {
				n += chattext.Runes(b.Text.Text)
			}
		case *slackgo.HeaderBlock:
			n += chattext.Runes(b.Text.Text)
		case *slackgo.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if t, ok := e.(*slackgo.TextBlockObject); ok {
					n += chattext.Runes(t.Text)
				}
			}
		}
	}
	return n
}

func mrkdwn(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.MarkdownType, s, false, false)
}

func section(text string) *slackgo.SectionBlock {
	return slackgo.NewSectionBlock(mrkdwn(text), nil, nil)
}

// AlertMessage builds the channel message for an alert: the headline
// linked (with the watch's user group pinged before it, when configured,
// and the lead image beside it), the outlet, byline and time, the summary,
// the quotes as “…” — Speaker lines, and why it matched with the terms in
// bold. Feed text is escaped so it cannot link or mention. It is pure: no
// network.
func AlertMessage(a alert.Alert, style Style) Message {
	title := fit(a.Title, headlineCap)
	if title == "" {
		title = "Untitled article"
	}
	head := "*" + link(a.URL, title) + "*"
	if isUserGroupID(style.Mention) {
		head = "<!subteam^" + style.Mention + "> " + head
	}
	headline := section(head)
	if img := safeURL(a.Image); img != "" && chattext.Runes(img) <= 3000 {
		alt := fit(a.Title, maxAltText)
		if alt == "" {
			alt = "Lead image"
		}
		headline.Accessory = slackgo.NewAccessory(slackgo.NewImageBlockElement(img, alt))
	}
	blocks := []slackgo.Block{headline}
	if meta := metaLine(a); meta != "" {
		blocks = append(blocks, slackgo.NewContextBlock("meta", mrkdwn(meta)))
	}
	if s := summaryText(a.Summary); s != "" {
		blocks = append(blocks, section(s))
	}
	quotes := chattext.ShownQuotes(a, maxQuotes)
	if q := quoteLines(quotes); q != "" {
		blocks = append(blocks, section(q))
	}
	said := chattext.Said(a.Summary, quotes)
	if why := whyText(a, said); why != "" {
		blocks = append(blocks, section(why))
	}
	fallback := chattext.Line(a.Title)
	if feed := chattext.Line(a.Feed); feed != "" {
		fallback += " — " + feed
	}
	return Message{Text: chattext.Fit(fallback, fallbackCap, escape), Blocks: blocks}
}

// metaLine is "Outlet · Byline · time · watch", and chattext.Paywalled
// when the page is for subscribers.
func metaLine(a alert.Alert) string {
	var parts []string
	for _, p := range []string{a.Feed, a.Byline} {
		if p = fit(p, 100); p != "" {
			parts = append(parts, p)
		}
	}
	if a.Published != nil && !a.Published.IsZero() {
		parts = append(parts, date(*a.Published))
	}
	if w := fit(a.Watch, 100); w != "" {
		parts = append(parts, "watch "+w)
	}
	if a.Paywalled {
		parts = append(parts, fit(chattext.Paywalled, 100))
	}
	return strings.Join(parts, " · ")
}

// summaryText is the summary's paragraphs, escaped, within a section.
func summaryText(s string) string {
	return chattext.Fit(chattext.Text(s), summaryCap, escape)
}

// quoteLines renders the quotes shown (chattext.ShownQuotes) as
// block-quote lines `> “text” — Speaker`.
func quoteLines(quotes []alert.Quote) string {
	var lines []string
	for _, q := range quotes {
		line := "> “" + chattext.Fit(q.Text, quoteCap, escape) + "”"
		if sp := chattext.Line(q.Speaker); sp != "" {
			line += " — " + chattext.Fit(sp, speakerCap, escape)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// whyText is "Why it matched": the terms, then up to three snippets with
// the terms in bold, leaving out snippets of what the message shows
// already (said: see chattext.Repeats).
func whyText(a alert.Alert, said []string) string {
	terms := chattext.Terms(a)
	var lines []string
	if len(terms) > 0 {
		lines = append(lines, "*Why it matched:* "+chattext.Fit(strings.Join(terms, ", "), termsCap, escape))
	}
	for _, w := range chattext.Snippets(a, said, maxSnippets, snippetCap) {
		line := "• " + chattext.Highlight(w.Snippet, terms, escape, "*", "*")
		if f := chattext.FieldLabel(w.Field); f != "" {
			line = "• _" + f + ":_ " + line[len("• "):]
		}
		lines = append(lines, line)
	}
	return chattext.JoinLines(lines, maxSectionText)
}

// DigestMessage builds one digest message: a header, a count, and a
// section per watch (in order of first appearance) listing its alerts as
// linked headlines with their outlet, one line per story (alert.DigestLines:
// "+2 outlets" for its others). What does not fit Slack's limits
// (3,000 characters a section, 50 blocks, 40,000 in all) is summed up as
// "…and N more". Digests ping nobody. It is pure: no network.
func DigestMessage(title string, alerts []alert.Alert) Message {
	if title = plain(title, maxHeaderText); title == "" {
		title = "Digest"
	}
	order, groups := chattext.ByWatch(alerts)
	count := chattext.Count(len(alerts), "alert") + " · " + chattext.Count(len(order), "watch")
	m := Message{Text: chattext.Fit(title+": "+count, fallbackCap, escape), Blocks: []slackgo.Block{
		slackgo.NewHeaderBlock(slackgo.NewTextBlockObject(slackgo.PlainTextType, title, false, false)),
		slackgo.NewContextBlock("count", mrkdwn(count)),
	}}
	used := m.Length()
	accounted, watchesShown := 0, 0
	for _, watch := range order {
		// Room for this section and the closing "…and N more" one.
		if len(m.Blocks) >= maxBlocks-1 || used > maxMessageText-2*digestReserve-maxSectionText {
			break
		}
		name := fit(watch, 100)
		if name == "" {
			name = "(no watch)"
		}
		lines := []string{"*" + name + "*"}
		size := chattext.Runes(lines[0])
		shown := 0
		stories := alert.DigestLines(groups[watch])
		for _, l := range stories {
			line := digestItem(l.Alert)
			if more := l.More(); more != "" {
				line += " " + more
			}
			if size+1+chattext.Runes(line) > maxSectionText-digestReserve {
				break
			}
			lines = append(lines, line)
			size += 1 + chattext.Runes(line)
			shown++
		}
		if hidden := len(stories) - shown; hidden > 0 {
			lines = append(lines, fmt.Sprintf("…and %d more", hidden))
		}
		text := strings.Join(lines, "\n")
		m.Blocks = append(m.Blocks, section(text))
		used += chattext.Runes(text)
		accounted += len(groups[watch])
		watchesShown++
	}
	if rest := len(alerts) - accounted; rest > 0 {
		more := len(order) - watchesShown
		m.Blocks = append(m.Blocks, section(fmt.Sprintf("…and %d more %s from %d more %s.",
			rest, chattext.Noun(rest, "alert"), more, chattext.Noun(more, "watch"))))
	}
	if len(alerts) == 0 {
		m.Blocks = append(m.Blocks, section("No alerts."))
	}
	return m
}

// digestItem is "• <url|Headline> — Outlet".
func digestItem(a alert.Alert) string {
	headline := fit(a.Title, 150)
	if headline == "" {
		headline = "Untitled article"
	}
	line := "• " + link(a.URL, headline)
	if feed := fit(a.Feed, 60); feed != "" {
		line += " — " + feed
	}
	if chattext.Runes(line) > digestLine {
		line = "• " + headline // an extraordinarily long URL: the headline alone
	}
	return line
}

// NoticeMessage builds an operations notice (a feed failing or recovering,
// a delivery refused): a header and the text, escaped, pinging nobody.
func NoticeMessage(title, text string) Message {
	if title = plain(title, maxHeaderText); title == "" {
		title = "newshound"
	}
	body := chattext.Fit(chattext.Text(text), maxSectionText, escape)
	m := Message{Text: chattext.Fit(title, fallbackCap, escape), Blocks: []slackgo.Block{
		slackgo.NewHeaderBlock(slackgo.NewTextBlockObject(slackgo.PlainTextType, title, false, false)),
	}}
	if body != "" {
		m.Blocks = append(m.Blocks, section(body))
		m.Text = chattext.Fit(chattext.Line(title)+": "+chattext.Line(text), fallbackCap, escape)
	}
	return m
}

// maxAlso is how many of a story's further outlets an edited alert names;
// the rest are counted (+N).
const maxAlso = 10

// StoryMessage is an alert whose story has further articles: the alert as
// AlertMessage lays it out, then "Also:" and the other outlets, each linked
// to its article (oldest first), "+N" for those past maxAlso. It is what
// an edit of the story's first message shows. Outlets of the alert's own
// feed and repeats of an outlet are left out (chattext.OtherOutlets).
func StoryMessage(a alert.Alert, also []alert.Outlet, style Style) Message {
	m := AlertMessage(a, style)
	if len(also) == 0 {
		return m
	}
	outlets := chattext.OtherOutlets(a.Feed, also)
	line, shown := "*Also:*", 0
	for _, o := range outlets {
		width := 60
		if o.ByTitle {
			width = 90 // the outlet and the article's title
		}
		part := link(o.URL, fit(chattext.OutletLabel(o), width))
		// Room for this outlet and a closing "+N".
		if shown == maxAlso || chattext.Runes(line)+2+chattext.Runes(part)+8 > maxContextText {
			break
		}
		if shown > 0 {
			line += ","
		}
		line += " " + part
		shown++
	}
	if shown == 0 {
		return m
	}
	if more := len(outlets) - shown; more > 0 {
		line += fmt.Sprintf(" +%d", more)
	}
	m.Blocks = append(m.Blocks, slackgo.NewContextBlock("also", mrkdwn(line)))
	return m
}

// FollowUpMessage is a story's later article posted under its first alert:
// the article as an alert (whose summary and quotes hold only what it
// adds), marked as a follow-up, pinging nobody (the first alert did).
func FollowUpMessage(a alert.Alert) Message {
	m := AlertMessage(a, Style{})
	m.Blocks = append([]slackgo.Block{slackgo.NewContextBlock("followup", mrkdwn("New in this story"))}, m.Blocks...)
	return m
}
