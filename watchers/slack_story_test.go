package watchers_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/slackfake"
)

// newSlackStoryChat is a Slack harness over the five story feeds.
func newSlackStoryChat(t *testing.T, fs *storyFeeds, watchYAML string) *slackHarness {
	h := &slackHarness{t: t, now: time.Now()}
	h.slack = slackfake.New(slackfake.Options{Channels: []string{slackNewsroom, slackOps}})
	t.Cleanup(h.slack.Close)
	h.discord = discordfake.New(discordfake.Options{Token: "tok"})
	t.Cleanup(h.discord.Close)
	var feeds strings.Builder
	for _, f := range storyOutlets {
		fmt.Fprintf(&feeds, "  - { name: %s, url: \"%s/%s.rss\" }\n", f, fs.URL, f)
	}
	yaml := fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
%sslack:
  token: %s
  api_base: %s
channels:
  newsroom: { slack: %s }
  ops: { slack: %s }
ops_channel: ops
watches:
%s
`, feeds.String(), h.slack.Token(), h.slack.URL(), slackNewsroom, slackOps, watchYAML)
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(yaml), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg, h.dbPath = cfg, filepath.Join(dir, "n.db")
	h.start()
	return h
}

func countMethod(methods []string, m string) int {
	n := 0
	for _, x := range methods {
		if x == m {
			n++
		}
	}
	return n
}

// A story alerts a Slack channel once; its other outlets edit the message
// (chat.update) to list them.
func TestSlackStoryEditsTheAlert(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newSlackStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`)
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	fs.set("herald", now.Add(-2*time.Hour), storyItem{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said."})
	h.advance(2 * time.Minute)
	h.cycle()
	h.cycle()
	msgs := h.slack.Messages(slackNewsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want the story's one", len(msgs))
	}
	if !msgs[0].Edited || !strings.Contains(msgs[0].AllText(), "*Also:* <https://herald.example/putin-valmora-grain|herald>") {
		t.Fatalf("story message not edited to list the other outlet:\n%s", msgs[0].AllText())
	}
	if n := countMethod(h.slack.Methods(), "chat.update"); n != 1 {
		t.Errorf("%d chat.update calls, want 1", n)
	}
}

// A follow-up goes into the alert's thread, once, across a lost response
// and a restart.
func TestSlackStoryFollowUpInThreadAcrossLostResponse(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newSlackStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom], thread: true }`)
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	alertMsg := h.slack.Messages(slackNewsroom)[0]
	followUpItems(fs, now)
	h.advance(2 * time.Minute)
	h.slack.DropResponseNext(slackNewsroom) // the follow-up is stored, its answer lost
	h.cycle()
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	msgs := h.slack.Messages(slackNewsroom)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want the alert and one follow-up", len(msgs))
	}
	fu := msgs[1]
	if fu.ThreadTS != alertMsg.TS || !strings.Contains(fu.AllText(), "winter storms") || !strings.Contains(fu.AllText(), "New in this story") {
		t.Errorf("follow-up in thread %q (alert %s):\n%s", fu.ThreadTS, alertMsg.TS, fu.AllText())
	}
	if countMethod(h.slack.Methods(), "conversations.replies") == 0 {
		t.Error("the retry did not look in the thread")
	}
	if strings.Contains(fu.AllText(), "grain corridor across the Sella estuary") {
		t.Errorf("the follow-up repeats what the story said")
	}
}
