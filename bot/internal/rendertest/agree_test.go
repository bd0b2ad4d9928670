package rendertest_test

import (
	"html"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/bot/discord"
	"github.com/newshound/newshound/bot/internal/rendertest"
	"github.com/newshound/newshound/bot/slack"
	"github.com/newshound/newshound/internal/alert"
)

// discordText is what a reader sees of a Discord message, markdown read.
func discordText(m *discordgo.MessageSend) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
	}
	return strings.NewReplacer(`\`, "", "**", "", "*", "").Replace(b.String())
}

// slackText is what a reader sees of a Slack message, mrkdwn read.
func slackText(m slack.Message) string {
	var b strings.Builder
	for _, bl := range m.Blocks {
		switch bl := bl.(type) {
		case *slackgo.SectionBlock:
			b.WriteString(bl.Text.Text + "\n")
		case *slackgo.ContextBlock:
			for _, e := range bl.ContextElements.Elements {
				if t, ok := e.(*slackgo.TextBlockObject); ok {
					b.WriteString(t.Text + "\n")
				}
			}
		}
	}
	return html.UnescapeString(strings.ReplaceAll(b.String(), "*", ""))
}

func alertNamed(t *testing.T, name string) alert.Alert {
	for _, a := range rendertest.Alerts() {
		if a.Name == name {
			return a.V
		}
	}
	t.Fatalf("no alert %q in the corpus", name)
	return alert.Alert{}
}

func outletsNamed(t *testing.T, name string) []alert.Outlet {
	for _, o := range rendertest.Outlets() {
		if o.Name == name {
			return o.V
		}
	}
	t.Fatalf("no outlets %q in the corpus", name)
	return nil
}

// also is the line of a story edit that names its other outlets.
func also(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "Also:") {
			return line
		}
	}
	if _, after, ok := strings.Cut(text, "\nAlso\n"); ok {
		return after
	}
	return ""
}

// both renders a story edit on both platforms.
func both(a alert.Alert, also []alert.Outlet) map[string]string {
	return map[string]string{
		"discord": discordText(discord.StoryMessage(a, also, discord.Style{})),
		"slack":   slackText(slack.StoryMessage(a, also, slack.Style{})),
	}
}

// Each sentence is shown once on both platforms: the quotes shown are
// what the message says already, whatever empty quotes came before them
// (a snippet of the last quote shown was repeated under "Why it matched").
func TestPlatformsShowEachSentenceOnce(t *testing.T) {
	for platform, text := range both(alertNamed(t, "quotes"), nil) {
		for s, want := range map[string]int{
			"the fourth quote that is shown": 1, "we will win this vote": 1, "it is a 'good' day": 1, "single marks": 1, "a fifth quote": 0,
		} {
			if n := strings.Count(strings.ToLower(text), s); n != want {
				t.Errorf("%s: %q shown %d times, want %d:\n%s", platform, s, n, want, text)
			}
		}
	}
}

// Both platforms name a story's outlets alike: each once, told apart by the
// name as shown ("Le  Monde" is "Le Monde"), the alert's own left out, a
// nameless one as "another outlet" (not its headline), and not left out
// because the alert's own outlet has no name either.
func TestPlatformsNameOutletsAlike(t *testing.T) {
	for platform, text := range both(alertNamed(t, "full"), outletsNamed(t, "repeats")) {
		text = also(text)
		for s, want := range map[string]int{"Le Monde": 1, "le monde": 0, "BBC": 1, "Example Times": 0, "example times": 0} {
			if n := strings.Count(text, s); n != want {
				t.Errorf("%s: %q named %d times, want %d:\n%s", platform, s, n, want, text)
			}
		}
	}
	for platform, text := range both(alertNamed(t, "sparse"), outletsNamed(t, "unnamed")) {
		text = also(text)
		if strings.Count(text, "another outlet") != 1 || !strings.Contains(text, "Named") || strings.Contains(text, "A headline instead") {
			t.Errorf("%s: a nameless outlet not named \"another outlet\" once:\n%s", platform, text)
		}
	}
}
