package slack

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/internal/alert"
)

// FuzzAlertMessage: whatever a feed says, an alert keeps Slack's limits and
// its only control sequences (<…>) are newshound's own — the headline's
// link and the date — so feed text can neither link nor mention.
func FuzzAlertMessage(f *testing.F) {
	f.Add("Putin <!channel>", "Summary & <@U1> <https://evil|x>", "Wire", "“We will see,”", "Peskov", "snippet <!here>", "Putin")
	f.Add(strings.Repeat("é👩‍👩‍👧<", 400), strings.Repeat("&<>", 2000), "", "", "", "", "")
	f.Fuzz(func(t *testing.T, title, summary, feed, quote, speaker, snippet, term string) {
		pub := time.Unix(1700000000, 0)
		a := alert.Alert{Watch: "w", Feed: feed, Title: title, URL: "https://x.example/a", Published: &pub, Summary: summary,
			Quotes: []alert.Quote{{Text: quote, Speaker: speaker}}, Matched: []string{term},
			Why: []alert.Why{{Term: term, Field: "body", Snippet: snippet}}, Byline: speaker}
		m := AlertMessage(a, Style{})
		if len(m.Blocks) > maxBlocks || m.Length() > maxMessageText || !utf8.ValidString(m.Text) {
			t.Fatalf("%d blocks, %d characters", len(m.Blocks), m.Length())
		}
		var all []string
		for _, b := range m.Blocks {
			switch b := b.(type) {
			case *slackgo.SectionBlock:
				if n := utf8.RuneCountInString(b.Text.Text); n > maxSectionText || n == 0 {
					t.Fatalf("section of %d characters", n)
				}
				all = append(all, b.Text.Text)
			case *slackgo.ContextBlock:
				for _, e := range b.ContextElements.Elements {
					all = append(all, e.(*slackgo.TextBlockObject).Text)
				}
			}
		}
		text := strings.Join(append(all, m.Text), "\n")
		if got := strings.Count(text, "<"); got != 2 || !strings.Contains(text, "<https://x.example/a|") || !strings.Contains(text, "<!date^1700000000^") {
			t.Fatalf("%d control sequences in\n%s", got, text)
		}
	})
}

// FuzzCommandText: the /newshound parser never panics, and what it leaves
// of the text is the text without the options it took.
func FuzzCommandText(f *testing.F) {
	f.Add("search putin AND title:golf days:7 watch:russia")
	f.Add("quotes Dmitry Peskov days:3 about: election")
	f.Add("why <https://x.example/a|x>")
	f.Fuzz(func(t *testing.T, text string) {
		sub, rest := firstWord(text)
		if strings.ContainsAny(sub, " \t\n") {
			t.Fatalf("subcommand %q", sub)
		}
		q, opts := trailingOptions(rest, "days", "watch")
		if !strings.HasPrefix(strings.TrimSpace(rest), q) {
			t.Fatalf("%q is not a prefix of %q", q, rest)
		}
		for k := range opts {
			if k != "days" && k != "watch" {
				t.Fatalf("option %q", k)
			}
		}
		_ = linkArg(rest)
	})
}
