package watchers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/discordfake"
)

// A made-up event: one wire copy, republished, and rewrites of it.
const valmoraWire = `Moscow said on Monday that President Vladimir Putin would travel to the port city of Valmora next
week for talks on a grain corridor across the Sella estuary, the first such visit in eleven years. The
Kremlin spokesman told reporters the two sides would sign an agreement on shipping tariffs and on the
inspection of cargo, and that a separate meeting on energy prices was planned for the second day. Officials
in Valmora confirmed the dates but declined to say whether the opposition would be invited to the dinner.`

type storyItem struct{ title, link, text string }

// storyFeeds serves one RSS document per feed name, set by the test.
type storyFeeds struct {
	*httptest.Server
	mu   sync.Mutex
	docs map[string][]storyItem
	at   map[string]time.Time
}

func newStoryFeeds(t *testing.T) *storyFeeds {
	fs := &storyFeeds{docs: map[string][]storyItem{}, at: map[string]time.Time{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".rss")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + name + `</title>`)
		for i, it := range fs.docs[name] {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><description><![CDATA[%s]]></description><pubDate>%s</pubDate></item>",
				it.title, it.link, it.text, fs.at[name].Add(time.Duration(-i)*time.Minute).Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *storyFeeds) set(feed string, at time.Time, items ...storyItem) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.docs[feed], fs.at[feed] = items, at
}

var storyOutlets = []string{"agency", "daily", "herald", "courier", "tribune"}

// newStoryChat is a chat harness over five feeds and the fake Discord.
func newStoryChat(t *testing.T, fs *storyFeeds, watchYAML, channelYAML string) *chatHarness {
	h := &chatHarness{t: t, now: time.Now()}
	h.discord = discordfake.New(discordfake.Options{Token: "tok", Channels: []string{newsroom, ops}})
	t.Cleanup(h.discord.Close)
	hook := h.discord.AddChannelWebhook(hookID, hookTok, hookChan)
	var feeds strings.Builder
	for _, f := range storyOutlets {
		fmt.Fprintf(&feeds, "  - { name: %s, url: \"%s/%s.rss\" }\n", f, fs.URL, f)
	}
	yaml := fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
%sdiscord:
  token: tok
  api_base: %s
channels:
  newsroom: { discord: "%s"%s }
  ops: { discord: "%s" }
  partners: { webhook: "%s" }
ops_channel: ops
watches:
%s
`, feeds.String(), h.discord.URL(), newsroom, channelYAML, ops, hook, watchYAML)
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(yaml), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.cfg, h.dbPath = cfg, filepath.Join(dir, "n.db")
	h.start()
	return h
}

// patches counts the message edits the fake received.
func patches(d *discordfake.Server) int {
	n := 0
	for _, p := range d.Paths() {
		if strings.Contains(p, "/messages/") && !strings.HasSuffix(p, "/threads") {
			n++
		}
	}
	return n
}

// also is the "Also" field of a message's embed ("" when none).
func also(m discordfake.Message) string {
	for _, e := range m.Embeds {
		for _, f := range e.Fields {
			if f.Name == "Also" {
				return f.Value
			}
		}
	}
	return ""
}

// The pipeline: five feeds carry one story (two wire copies, three
// rewrites) and one unrelated story; the channel gets exactly two alert
// messages, the story's edited to list the other outlets, nothing twice
// across a restart in the middle, and edits at most once a minute.
func TestStoryAlertsOnceAndEditsAcrossRestart(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle() // first polls: empty feeds

	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	fs.set("daily", now.Add(-150*time.Minute),
		storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire},
		storyItem{"Putin opens new rail bridge over the Volga", "https://daily.example/bridge",
			"Vladimir Putin opened a rail bridge across the Volga on Monday, saying freight trains would cross it from spring."})
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 2 {
		t.Fatalf("after the wire copies: %d messages, want 2 (the story, the bridge)", len(msgs))
	}
	var story discordfake.Message
	for _, m := range msgs {
		if !strings.Contains(m.Embeds[0].URL, "bridge") {
			story = m
		}
	}
	if story.ID == "" {
		t.Fatalf("no story message among %d", len(msgs))
	}
	// The two wire copies come from two feeds polled side by side: either
	// may alert; the other is added by an edit.
	other := "daily"
	if strings.Contains(story.Embeds[0].URL, "daily") {
		other = "agency"
	}
	if got := also(story); !strings.Contains(got, other) {
		t.Errorf("story message's Also %q, want %s", got, other)
	}

	// The rewrites arrive; the process restarts between the poll that
	// queues their edits and the delivery.
	fs.set("herald", now.Add(-2*time.Hour), storyItem{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said."})
	fs.set("courier", now.Add(-100*time.Minute), storyItem{"Valmora grain corridor: Putin visit confirmed",
		"https://courier.example/corridor", "The Kremlin confirmed that Putin will travel to Valmora for talks on the Sella grain corridor and shipping tariffs."})
	fs.set("tribune", now.Add(-90*time.Minute), storyItem{"Putin's Valmora trip: what the grain deal means",
		"https://tribune.example/grain-deal", "Putin's visit to Valmora is expected to seal a grain corridor deal on shipping tariffs across the Sella estuary."})
	h.advance(20 * time.Second)
	h.cycle() // polled and queued; the last edit was 20 s ago: they wait
	edits := patches(h.discord)
	h.restart()
	h.advance(20 * time.Second)
	h.cycle()
	if patches(h.discord) != edits {
		t.Errorf("an edit within a minute of the last one")
	}
	h.advance(30 * time.Second)
	h.cycle()
	h.cycle()
	if got := patches(h.discord) - edits; got != 1 {
		t.Errorf("%d edits for the three rewrites, want 1 (coalesced)", got)
	}
	msgs = h.discord.Messages(newsroom)
	if len(msgs) != 2 {
		t.Fatalf("after the rewrites: %d messages, want still 2", len(msgs))
	}
	for _, m := range msgs {
		if m.ID != story.ID {
			continue
		}
		got := also(m)
		// four other outlets: three named, one counted
		if strings.Count(got, "](https://") != 3 || !strings.HasSuffix(got, "+1") || m.Edited == nil {
			t.Errorf("edited story message's Also %q, want three linked outlets and +1", got)
		}
		if strings.Contains(m.Embeds[0].URL, "bridge") {
			t.Errorf("the wrong message was edited")
		}
	}
	if th := h.discord.Threads(newsroom); len(th) != 0 {
		t.Errorf("rewrites opened threads: %+v", th)
	}
	// Quiet from here: nothing posted or edited again.
	h.restart()
	h.advance(2 * time.Minute)
	before := patches(h.discord)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 2 || patches(h.discord) != before {
		t.Errorf("a quiet cycle: %d messages, %d new edits", n, patches(h.discord)-before)
	}
}

// followUpItems are the story's first article and a later one of the same
// story that adds a quote nobody had (a follow-up), then a rewrite that
// adds nothing (none).
func followUpItems(fs *storyFeeds, now time.Time) {
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	fs.set("daily", now.Add(-2*time.Hour), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire +
		"\n\nLate on Monday Putin told Tarnovian state television: \u201cThe corridor must open before the winter storms close every harbour in Dresvany.\u201d"})
}

func TestStoryFollowUpAsReply(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	followUpItems(fs, now)
	h.advance(2 * time.Minute)
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want the alert and a follow-up", len(msgs))
	}
	alertMsg, fu := msgs[0], msgs[1]
	if fu.ReferenceID != alertMsg.ID {
		t.Errorf("follow-up replies to %q, want the alert %s", fu.ReferenceID, alertMsg.ID)
	}
	e := fu.Embeds[0]
	if !strings.HasPrefix(e.Title, "New in this story: ") || !strings.Contains(e.Description, "The corridor must open before the winter storms") ||
		strings.Contains(e.Description, "grain corridor across the Sella estuary") {
		t.Errorf("follow-up embed: title %q, description %q; want only the new quote", e.Title, e.Description)
	}
	if !strings.Contains(also(h.discord.Messages(newsroom)[0]), "daily") {
		t.Errorf("the alert does not list the follow-up's outlet")
	}
	// A rewrite adds nothing: no follow-up.
	fs.set("herald", now.Add(-time.Hour), storyItem{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said."})
	h.advance(2 * time.Minute)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 2 {
		t.Errorf("%d messages after a rewrite, want still 2", n)
	}
}

func TestStoryFollowUpInThreadAcrossLostResponse(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom], thread: true }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	alertMsg := h.discord.Messages(newsroom)[0]
	followUpItems(fs, now)
	h.advance(2 * time.Minute)
	h.discord.DropResponseNext(alertMsg.ID) // the post into the thread is stored, its answer lost
	h.cycle()
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Errorf("%d messages in the channel, want only the alert", n)
	}
	threads := h.discord.Threads(newsroom)
	if len(threads) != 1 || threads[0].ID != alertMsg.ID || !strings.Contains(threads[0].Name, "Valmora") {
		t.Fatalf("threads %+v, want one started from the alert", threads)
	}
	in := h.discord.Messages(threads[0].ID)
	if len(in) != 1 || !strings.Contains(in[0].Embeds[0].Description, "winter storms") {
		t.Fatalf("%d messages in the thread, want the follow-up once", len(in))
	}
}

func TestStoryForumPost(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.discord.AddForum(newsroom) // the configured channel is a forum
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	posts := h.discord.Threads(newsroom)
	if len(posts) != 1 || posts[0].Name != "Putin to visit Valmora for grain talks" {
		t.Fatalf("forum posts %+v, want one named by the headline", posts)
	}
	followUpItems(fs, now)
	h.advance(2 * time.Minute)
	h.restart() // the post's thread is known from the store, not from memory
	h.cycle()
	if posts = h.discord.Threads(newsroom); len(posts) != 1 {
		t.Fatalf("%d forum posts, want 1", len(posts))
	}
	in := h.discord.Messages(posts[0].ID)
	if len(in) != 2 || in[0].ID != posts[0].ID || !strings.Contains(also(in[0]), "daily") || !strings.Contains(in[1].Embeds[0].Description, "winter storms") {
		t.Fatalf("post holds %d messages (first edited: %q), want the alert listing daily and the follow-up", len(in), also(in[0]))
	}
}

// An alerted article whose title and text change in its feed edits its own
// message, keeping the story's outlets; nothing new is posted.
func TestCorrectionEditsItsMessage(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	fs.set("daily", now.Add(-2*time.Hour), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	h.cycle()
	h.advance(2 * time.Minute)
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	own := "agency"
	if strings.Contains(msgs[0].Embeds[0].URL, "daily") {
		own = "daily"
	}
	corrected := "CORRECTED: Putin postpones Valmora visit"
	fs.set(own, now.Add(-3*time.Hour), storyItem{corrected, msgs[0].Embeds[0].URL,
		"Moscow said on Tuesday that President Vladimir Putin had postponed his visit to Valmora because of a storm over the Sella estuary."})
	h.advance(2 * time.Minute)
	h.cycle()
	msgs = h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages after the correction, want still 1", len(msgs))
	}
	e := msgs[0].Embeds[0]
	if e.Title != corrected || !strings.Contains(e.Description, "postponed his visit") || also(msgs[0]) == "" {
		t.Errorf("after the correction: title %q, description %q, also %q", e.Title, e.Description, also(msgs[0]))
	}
	// The same document again changes nothing.
	before := patches(h.discord)
	h.advance(2 * time.Minute)
	h.cycle()
	if patches(h.discord) != before {
		t.Errorf("an unchanged feed edited the message again")
	}
}

// Through a webhook the story's message is edited as well (the webhook's
// message edit), and a 429 on an edit is waited out: one message, edited.
func TestStoryEditsThroughWebhookAndRateLimit(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [partners, newsroom] }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	h.discord.RateLimitEditsNext(newsroom, 1, 1200*time.Millisecond)
	fs.set("herald", now.Add(-2*time.Hour), storyItem{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said."})
	h.advance(2 * time.Minute)
	h.cycle() // the webhook's edit goes through; the bot channel's is rate-limited
	hooked := h.discord.WebhookMessages(hookID)
	if len(hooked) != 1 || !strings.Contains(also(hooked[0]), "herald") || !strings.Contains(also(h.discord.Messages(hookChan)[0]), "herald") {
		t.Fatalf("webhook: %d messages, Also %q", len(hooked), also(hooked[0]))
	}
	if got := also(h.discord.Messages(newsroom)[0]); got != "" {
		t.Fatalf("bot channel edited despite the 429: %q", got)
	}
	time.Sleep(1300 * time.Millisecond) // discordgo keeps the bucket's reset in real time
	h.advance(time.Minute)
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 || !strings.Contains(also(msgs[0]), "herald") {
		t.Fatalf("after the rate limit: %d messages, Also %q", len(msgs), also(msgs[0]))
	}
}

// TestStoryEditSkipsOutletsAlreadyListed: a later article of an outlet the
// message already names (or of the alert's own outlet) changes nothing the
// message shows: no edit is made — it was one call, and it took the
// message's one edit a minute from the next outlet.
func TestStoryEditSkipsOutletsAlreadyListed(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.cycle()
	fs.set("daily", now.Add(-150*time.Minute), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	h.advance(2 * time.Minute)
	h.cycle()
	h.cycle()
	edits := patches(h.discord)
	if edits != 1 {
		t.Fatalf("%d edits for daily's copy, want 1", edits)
	}
	// Daily and agency carry the story again, under other links.
	fs.set("daily", now.Add(-100*time.Minute),
		storyItem{"Kremlin confirms Valmora trip, dates set", "https://daily.example/trip-dates", "VALMORA - " + valmoraWire},
		storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	fs.set("agency", now.Add(-90*time.Minute),
		storyItem{"Putin to visit Valmora for grain talks (updated)", "https://agency.example/valmora-2", "UPDATED - " + valmoraWire},
		storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.advance(2 * time.Minute)
	h.cycle()
	h.advance(2 * time.Minute)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 1 {
		t.Fatalf("%d messages, want the story's one", n)
	}
	if got := patches(h.discord) - edits; got != 0 {
		t.Errorf("%d edits that list no new outlet, want none", got)
	}
	// A new outlet is still added.
	fs.set("herald", now.Add(-80*time.Minute), storyItem{"Valmora visit", "https://herald.example/v", "HERALD - " + valmoraWire})
	h.advance(2 * time.Minute)
	h.cycle()
	h.cycle()
	if got := patches(h.discord) - edits; got != 1 || !strings.Contains(also(h.discord.Messages(newsroom)[0]), "herald") {
		t.Errorf("%d edits for herald, want 1; Also %q", got, also(h.discord.Messages(newsroom)[0]))
	}
}

// A correction made while newshound is stopped (or between two runs of
// once) edits the message too: the item's title and text are compared with
// what was stored when it was read, not with this process's last document.
// The edit is made once: neither the same document again nor another
// restart edits it again.
func TestCorrectionAfterRestartEditsOnce(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	link := "https://agency.example/valmora"
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", link, valmoraWire})
	h.cycle()
	if msgs := h.discord.Messages(newsroom); len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	h.restart()
	corrected := "CORRECTED: Putin postpones Valmora visit"
	fs.set("agency", now.Add(-3*time.Hour), storyItem{corrected, link,
		"Moscow said on Tuesday that President Vladimir Putin had postponed his visit to Valmora because of a storm over the Sella estuary."})
	h.advance(2 * time.Minute)
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d messages after the correction, want still 1", len(msgs))
	}
	if e := msgs[0].Embeds[0]; e.Title != corrected || !strings.Contains(e.Description, "postponed his visit") {
		t.Fatalf("after a restart and a correction: title %q, description %q", e.Title, e.Description)
	}
	edits := patches(h.discord)
	if edits != 1 {
		t.Errorf("%d edits, want 1", edits)
	}
	h.advance(2 * time.Minute)
	h.cycle()
	h.restart()
	h.advance(2 * time.Minute)
	h.cycle()
	if got := patches(h.discord); got != edits {
		t.Errorf("%d edits after the same document again and a restart, want %d", got, edits)
	}
}

// Two different events told by one outlet, one sentence each, are both
// shown in the channel: as two alerts, or — should the stories join them —
// the second listed under the first by its title. Before, the second was
// joined to the first's story and made no edit: it was never shown.
func TestOneOutletTwoEventsBothShown(t *testing.T) {
	for _, samePoll := range []bool{false, true} {
		t.Run(fmt.Sprintf("same_poll=%v", samePoll), func(t *testing.T) {
			fs := newStoryFeeds(t)
			h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
			h.cycle()
			now := time.Now()
			paris := storyItem{"Putin visits Paris for a summit on drones", "https://agency.example/paris", "Vladimir Putin arrived in Paris on Monday for a summit on drones."}
			rome := storyItem{"Putin visits Rome for talks on grain", "https://agency.example/rome", "Vladimir Putin arrived in Rome on Monday for talks on grain."}
			if samePoll {
				fs.set("agency", now.Add(-time.Hour), rome, paris)
			} else {
				fs.set("agency", now.Add(-2*time.Hour), paris)
				h.cycle()
				fs.set("agency", now.Add(-time.Hour), rome, paris)
			}
			h.advance(2 * time.Minute)
			h.cycle()
			h.advance(2 * time.Minute)
			h.cycle()
			msgs := h.discord.Messages(newsroom)
			var shown []string
			for _, m := range msgs {
				shown = append(shown, m.Embeds[0].Title+" / also: "+also(m))
			}
			all := strings.Join(shown, "\n")
			t.Log(all)
			if !strings.Contains(all, "Paris") || !strings.Contains(all, "Rome") {
				t.Fatalf("%d messages, one event not shown:\n%s", len(msgs), all)
			}
		})
	}
}

// digestLines are the lines of a digest message's fields.
func digestLines(m discordfake.Message) []string {
	var lines []string
	for _, e := range m.Embeds {
		for _, f := range e.Fields {
			lines = append(lines, strings.Split(f.Value, "\n")...)
		}
	}
	return lines
}

// A digest watch's digest lists a story once, with its other outlets
// counted, not one line per article.
func TestDigestListsAStoryOnce(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom], digest: "0 8 * * *" }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	fs.set("daily", now.Add(-2*time.Hour), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	fs.set("herald", now.Add(-time.Hour), storyItem{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said."})
	fs.set("courier", now.Add(-time.Hour), storyItem{"Putin opens the Oskarsfjord ferry line", "https://courier.example/ferry",
		"Vladimir Putin opened a ferry line across the Oskarsfjord on Sunday, with a ribbon and a brass band."})
	h.cycle()
	n, err := h.w.DeliverDigests(context.Background(), []string{"russia"})
	if err != nil || n != 4 {
		t.Fatalf("digest delivered %d alerts, %v; want 4", n, err)
	}
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 1 {
		t.Fatalf("%d digest messages, want 1", len(msgs))
	}
	lines := digestLines(msgs[0])
	if len(lines) != 2 || !strings.Contains(strings.Join(lines, "\n"), "+2 outlets") {
		t.Fatalf("digest lines, want the story once (+2 outlets) and the ferry:\n%s", strings.Join(lines, "\n"))
	}
}

// A story alert folded into a flood-control digest is not lost to its
// story: a later outlet edits the digest, whose line for the story counts
// it ("+1 outlet"); nothing new is posted. Before, the edit was refused.
func TestFoldedStoryAlertEditsItsDigest(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, ", max_per_hour: 2")
	h.cycle()
	now := time.Now()
	fs.set("courier", now.Add(-4*time.Hour), storyItem{"Putin opens the Oskarsfjord ferry line", "https://courier.example/ferry",
		"Vladimir Putin opened a ferry line across the Oskarsfjord on Sunday, with a ribbon and a brass band."})
	h.cycle() // one post of the hour's two
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	fs.set("tribune", now.Add(-170*time.Minute), storyItem{"Putin names an envoy for the Ostrava water dispute", "https://tribune.example/envoy",
		"Vladimir Putin named a former diplomat as his envoy to the dispute over the Ostrava dams, his office said."})
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 2 || len(digestLines(msgs[1])) != 2 {
		t.Fatalf("%d messages, want an alert and a digest of two", len(msgs))
	}
	fs.set("daily", now.Add(-2*time.Hour), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	h.advance(2 * time.Minute)
	h.cycle()
	msgs = h.discord.Messages(newsroom)
	if len(msgs) != 2 {
		t.Fatalf("%d messages after a later outlet, want still 2", len(msgs))
	}
	lines := digestLines(msgs[1])
	if len(lines) != 2 || !strings.Contains(strings.Join(lines, "\n"), "Valmora for grain talks](https://agency.example/valmora) — agency +1 outlet") {
		t.Fatalf("digest after the edit:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(msgs[1].Embeds[0].Title, "2 more alerts") {
		t.Errorf("digest retitled %q", msgs[1].Embeds[0].Title)
	}
	// The same again edits nothing.
	edits := patches(h.discord)
	h.advance(2 * time.Minute)
	h.cycle()
	if patches(h.discord) != edits {
		t.Errorf("the digest was edited again with nothing new")
	}
}

// A forum post whose answer was lost is looked for (by the reference in its
// first message) before it is posted again, after a restart too: one post
// per story, as a channel gets one message.
func TestForumPostAcrossLostResponse(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.discord.AddForum(newsroom)
	h.cycle()
	now := time.Now()
	fs.set("courier", now.Add(-4*time.Hour), storyItem{"Putin opens the Oskarsfjord ferry line", "https://courier.example/ferry",
		"Vladimir Putin opened a ferry line across the Oskarsfjord on Sunday, with a ribbon and a brass band."})
	h.cycle()
	fs.set("agency", now.Add(-3*time.Hour), storyItem{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", valmoraWire})
	h.discord.DropResponseNext(newsroom) // the post is made, its answer lost
	h.cycle()
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	h.advance(time.Minute)
	h.cycle()
	posts := h.discord.Threads(newsroom)
	var names []string
	for _, p := range posts {
		names = append(names, p.Name)
	}
	if len(posts) != 2 {
		t.Fatalf("%d forum posts %q, want 2", len(posts), names)
	}
	// The post found is the story's: a later outlet edits it.
	fs.set("daily", now.Add(-2*time.Hour), storyItem{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + valmoraWire})
	h.advance(2 * time.Minute)
	h.cycle()
	in := h.discord.Messages(posts[1].ID)
	if len(in) != 1 || !strings.Contains(also(in[0]), "daily") {
		t.Fatalf("the found post holds %d messages, Also %q; want its alert, edited", len(in), also(in[0]))
	}
}

// Two different events told by one feed, one sentence each, are two
// stories: two alert messages, neither listing the other (cluster's rule
// for short texts of one outlet).
func TestOneFeedTwoEventsTwoAlerts(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	fs.set("agency", now.Add(-time.Hour),
		storyItem{"Putin visits Rome for talks on grain", "https://agency.example/rome", "Vladimir Putin arrived in Rome on Monday for talks on grain."},
		storyItem{"Putin visits Paris for a summit on drones", "https://agency.example/paris", "Vladimir Putin arrived in Paris on Monday for a summit on drones."})
	h.cycle()
	h.advance(2 * time.Minute)
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want one per event", len(msgs))
	}
	for _, m := range msgs {
		if also(m) != "" {
			t.Errorf("%q lists %q", m.Embeds[0].Title, also(m))
		}
	}
}

// Once another outlet has joined an outlet's story, that outlet's next
// article may join it on words though it tells of another event; the edit
// then lists it by its title ("agency: Putin visits Rome…"), never leaving
// it unshown; an updated copy of the alert's own article lists nothing.
func TestOutletsLaterArticleListedByTitle(t *testing.T) {
	fs := newStoryFeeds(t)
	h := newStoryChat(t, fs, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.cycle()
	now := time.Now()
	paris := storyItem{"Putin visits Paris for a summit on drones", "https://agency.example/paris", "Vladimir Putin arrived in Paris on Monday for a summit on drones."}
	fs.set("agency", now.Add(-3*time.Hour), paris)
	fs.set("daily", now.Add(-170*time.Minute), storyItem{"Putin in Paris for drone summit", "https://daily.example/paris", "Vladimir Putin arrived in Paris on Monday for a summit on drones, his office said."})
	h.cycle()
	h.advance(2 * time.Minute)
	h.cycle()
	fs.set("agency", now.Add(-time.Hour),
		storyItem{"Putin visits Rome for talks on grain", "https://agency.example/rome", "Vladimir Putin arrived in Rome on Monday for talks on grain."},
		storyItem{"Putin visits Paris for a summit on drones (updated)", "https://agency.example/paris-2", "UPDATED - Vladimir Putin arrived in Paris on Monday for a summit on drones."},
		paris)
	h.advance(2 * time.Minute)
	h.cycle()
	h.advance(2 * time.Minute)
	h.cycle()
	var shown []string
	for _, m := range h.discord.Messages(newsroom) {
		shown = append(shown, m.Embeds[0].Title+" / also: "+also(m))
	}
	all := strings.Join(shown, "\n")
	t.Log(all)
	if !strings.Contains(all, "Rome") || strings.Contains(all, "(updated)") {
		t.Errorf("messages, want Rome shown and the updated copy not listed:\n%s", all)
	}
}
