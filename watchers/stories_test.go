package watchers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/story"
)

// A made-up event reported as one wire copy by several outlets.
const wireCopy = `Moscow said on Monday that President Vladimir Putin would travel to the port city of Valmora next
week for talks on a grain corridor across the Sella estuary, the first such visit in eleven years. The
Kremlin spokesman told reporters the two sides would sign an agreement on shipping tariffs and on the
inspection of cargo, and that a separate meeting on energy prices was planned for the second day. Officials
in Valmora confirmed the dates but declined to say whether the opposition would be invited to the dinner.`

// pollLines runs one round and returns the standard-output lines, alerts and
// updates, each with its kind ("" for an alert).
func pollLines(t *testing.T, h *harness) (alerts []alert.Alert, updates []alert.Update) {
	t.Helper()
	h.w.PollAll(context.Background(), false)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(h.out.String()), "\n") {
		if line == "" {
			continue
		}
		var kind struct{ Kind string }
		json.Unmarshal([]byte(line), &kind)
		switch kind.Kind {
		case "":
			var a alert.Alert
			if err := json.Unmarshal([]byte(line), &a); err != nil {
				t.Fatalf("alert %q: %v", line, err)
			}
			alerts = append(alerts, a)
		case "update":
			var u alert.Update
			if err := json.Unmarshal([]byte(line), &u); err != nil {
				t.Fatalf("update %q: %v", line, err)
			}
			updates = append(updates, u)
		default:
			t.Fatalf("line of kind %q: %s", kind.Kind, line)
		}
	}
	h.out.Reset()
	return alerts, updates
}

func TestStoriesAcrossFeedsAndRestart(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: World, url: "%[1]s/world.rss" }
  - { name: Politics, url: "%[1]s/politics.rss" }
  - { name: Wire, url: "%[1]s/wire.rss" }
watches:
  - name: russia-watch
    keywords: ["Putin"]
`, fs.URL))
	fs.set("/world.rss", rss())
	fs.set("/politics.rss", rss())
	fs.set("/wire.rss", rss())
	h.poll()

	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Putin to visit Valmora for grain talks", "https://world.example/putin-valmora", wireCopy, now.Add(-2 * time.Hour)},
		item{"Putin opens new rail bridge over the Volga", "https://world.example/bridge",
			"Vladimir Putin opened a rail bridge across the Volga on Monday, saying freight trains would cross it from spring.", now.Add(-time.Hour)},
	))
	fs.set("/politics.rss", rss(
		item{"Kremlin confirms trip", "https://politics.example/kremlin-trip",
			"MOSCOW (Agency) - " + strings.Replace(wireCopy, "next\nweek", "on Tuesday next week", 1), now.Add(-90 * time.Minute)},
	))
	alerts, updates := pollLines(t, h)
	if len(alerts) != 2 || len(updates) != 1 {
		t.Fatalf("%d alerts and %d updates, want 2 and 1: %+v %+v", len(alerts), len(updates), alerts, updates)
	}
	byURL := map[string]int64{}
	for _, a := range alerts {
		if a.Story <= 0 {
			t.Errorf("alert %q has no story", a.Title)
		}
		byURL[a.URL] = a.Story
	}
	for _, u := range updates {
		if u.Watch != "russia-watch" || u.Title == "" || u.Feed == "" || u.Published == nil {
			t.Errorf("update %+v", u)
		}
		byURL[u.URL] = u.Story
	}
	wire := byURL["https://world.example/putin-valmora"]
	if byURL["https://politics.example/kremlin-trip"] != wire {
		t.Errorf("the two copies of the wire story are in stories %d and %d", wire, byURL["https://politics.example/kremlin-trip"])
	}
	if byURL["https://world.example/bridge"] == wire {
		t.Errorf("an unrelated article joined the wire story %d", wire)
	}
	if got, err := h.store.ArticleStory(context.Background(), "https://politics.example/kremlin-trip"); err != nil || got != wire {
		t.Errorf("stored story of the copy: %d, %v; want %d", got, err, wire)
	}

	// After a restart the story is still open: a third copy joins it, and a
	// new event gets an id no earlier story had.
	h.restart()
	fs.set("/wire.rss", rss(
		item{"Valmora visit set", "https://wire.example/valmora", wireCopy, now.Add(-30 * time.Minute)},
		item{"Putin names new envoy to Ostrava", "https://wire.example/envoy", "Putin named a career diplomat as envoy to Ostrava on Monday.", now.Add(-20 * time.Minute)},
	))
	alerts, updates = pollLines(t, h)
	if len(alerts) != 1 || len(updates) != 1 {
		t.Fatalf("after the restart: %d alerts and %d updates, want 1 and 1: %+v %+v", len(alerts), len(updates), alerts, updates)
	}
	if u := updates[0]; u.URL != "https://wire.example/valmora" || u.Story != wire {
		t.Errorf("after a restart the third copy updates story %d (%s), want %d", u.Story, u.URL, wire)
	}
	if a := alerts[0]; a.URL != "https://wire.example/envoy" {
		t.Errorf("alert %s, want the new event", a.URL)
	} else {
		for _, old := range byURL {
			if a.Story == old || a.Story <= 0 {
				t.Errorf("the new event got story %d, already used or invalid", a.Story)
			}
		}
	}
}

// Five feeds carry one story — two copies of the wire text and three
// outlets' own reports — and one carries an unrelated story: two alerts, and
// an update for each other article of the story, with a restart between
// the polls that repeats nothing.
func TestOneStoryFiveFeeds(t *testing.T) {
	fs := newFeedServer(t)
	var feeds strings.Builder
	for _, f := range []string{"agency", "daily", "herald", "courier", "tribune"} {
		fmt.Fprintf(&feeds, "  - { name: %s, url: \"%s/%s.rss\" }\n", f, fs.URL, f)
		fs.set("/"+f+".rss", rss())
	}
	h := newHarness(t, fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
%swatches:
  - name: russia-watch
    keywords: ["Putin"]
`, feeds.String()))
	h.poll()

	now := time.Now()
	fs.set("/agency.rss", rss(item{"Putin to visit Valmora for grain talks", "https://agency.example/valmora", wireCopy, now.Add(-3 * time.Hour)}))
	fs.set("/daily.rss", rss(
		item{"Kremlin confirms Valmora trip", "https://daily.example/trip", "MOSCOW - " + wireCopy, now.Add(-150 * time.Minute)},
		item{"Putin opens new rail bridge over the Volga", "https://daily.example/bridge",
			"Vladimir Putin opened a rail bridge across the Volga on Monday, saying freight trains would cross it from spring.", now.Add(-140 * time.Minute)},
	))
	alerts, updates := pollLines(t, h)
	if len(alerts) != 2 || len(updates) != 1 {
		t.Fatalf("first round: %d alerts, %d updates, want 2 and 1", len(alerts), len(updates))
	}
	// The two feeds are polled side by side: either copy may come first.
	story := updates[0].Story
	wire := map[string]bool{"https://agency.example/valmora": true, "https://daily.example/trip": true}
	for _, a := range alerts {
		if (a.Story == story) != wire[a.URL] || a.Story <= 0 {
			t.Errorf("alert %s in story %d; the update is for story %d", a.URL, a.Story, story)
		}
	}
	if !wire[updates[0].URL] {
		t.Errorf("update for %s, want a wire copy", updates[0].URL)
	}

	h.restart()
	fs.set("/herald.rss", rss(item{"Putin heads to Valmora to sign grain corridor deal",
		"https://herald.example/putin-valmora-grain", "Vladimir Putin will visit Valmora next week to sign a grain corridor agreement across the Sella estuary, the Kremlin said.", now.Add(-2 * time.Hour)}))
	fs.set("/courier.rss", rss(item{"Valmora grain corridor: Putin visit confirmed",
		"https://courier.example/corridor", "The Kremlin confirmed that Putin will travel to Valmora for talks on the Sella grain corridor and shipping tariffs.", now.Add(-100 * time.Minute)}))
	fs.set("/tribune.rss", rss(item{"Putin's Valmora trip: what the grain deal means",
		"https://tribune.example/grain-deal", "Putin's visit to Valmora is expected to seal a grain corridor deal on shipping tariffs across the Sella estuary.", now.Add(-90 * time.Minute)}))
	alerts, updates = pollLines(t, h)
	if len(alerts) != 0 || len(updates) != 3 {
		t.Fatalf("after the restart: %d alerts (%+v), %d updates, want 0 and 3", len(alerts), alerts, len(updates))
	}
	for _, u := range updates {
		if u.Story != story {
			t.Errorf("%s updates story %d, want %d", u.URL, u.Story, story)
		}
	}
	// Nothing is printed twice.
	if alerts, updates = pollLines(t, h); len(alerts)+len(updates) != 0 {
		t.Errorf("a quiet poll printed %d alerts and %d updates", len(alerts), len(updates))
	}
}

func TestStoryWindowConfigured(t *testing.T) {
	for _, tc := range []struct {
		window          string
		alerts, updates int
	}{{"", 0, 1}, {"story_window: 1h", 1, 0}} {
		fs := newFeedServer(t)
		h := newHarness(t, fmt.Sprintf(`
max_age: 48h
%s
articles: { fetch: false }
feeds:
  - { name: World, url: "%[2]s/world.rss" }
watches:
  - name: russia-watch
    keywords: ["Putin"]
`, tc.window, fs.URL))
		fs.set("/world.rss", rss())
		h.poll()
		now := time.Now()
		fs.set("/world.rss", rss(item{"Putin to visit Valmora", "https://world.example/a", wireCopy, now.Add(-4 * time.Hour)}))
		pollLines(t, h)
		fs.set("/world.rss", rss(item{"Valmora visit set", "https://world.example/b", wireCopy, now.Add(-time.Hour)}))
		if alerts, updates := pollLines(t, h); len(alerts) != tc.alerts || len(updates) != tc.updates {
			t.Errorf("%q: a copy three hours later: %d alerts, %d updates; want %d and %d", tc.window, len(alerts), len(updates), tc.alerts, tc.updates)
		}
	}
}

func TestArticleProcessedTwiceCountsOnce(t *testing.T) {
	// An article processed twice (a second feed carried it before the store
	// knew it, or its write failed and it is retried) keeps its story and is
	// counted into it once.
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	a := store.Article{Identity: "https://news.example/valmora", URL: "https://news.example/valmora", Feed: "World",
		Title: "Putin to visit Valmora", FeedText: wireCopy, Text: wireCopy, SeenAt: time.Now()}
	first := h.w.assignStory(context.Background(), a)
	a.Feed = "Politics"
	again := h.w.assignStory(context.Background(), a)
	if first == nil || again == nil {
		t.Fatal("no story")
	}
	if again.ID != first.ID || again.Articles != 1 {
		t.Fatalf("again: story %d of %d articles, want story %d of one article", again.ID, again.Articles, first.ID)
	}
	other := h.w.assignStory(context.Background(), store.Article{Identity: "https://other.example/valmora", Feed: "Politics",
		Title: "Valmora visit set", FeedText: wireCopy, Text: wireCopy, SeenAt: time.Now()})
	if other == nil || other.ID != first.ID || other.Articles != 2 {
		t.Errorf("a copy under another link: %v, want story %d with two articles", other != nil && other.ID == first.ID, first.ID)
	}
}

func TestLearnedNamesKeptAcrossRestart(t *testing.T) { engines(t, testLearnedNamesKeptAcrossRestart) }

// The names the story clusterer learned (which capitalised words are
// names) are saved and given back after a restart, not learned again.
func testLearnedNamesKeptAcrossRestart(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: World, url: "%[1]s/world.rss" }
watches:
  - name: russia-watch
    keywords: ["Putin"]
`, fs.URL))
	fs.set("/world.rss", rss())
	h.poll()
	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Putin to visit Valmora for grain talks", "https://world.example/putin-valmora", wireCopy, now.Add(-2 * time.Hour)},
		item{"Putin opens new rail bridge over the Volga", "https://world.example/bridge",
			"Vladimir Putin opened a rail bridge across the Volga on Monday, saying freight trains would cross it from spring.", now.Add(-time.Hour)},
	))
	h.poll()
	before := h.w.stories.Names()
	if len(before) == 0 {
		t.Fatal("no names learned")
	}
	h.restart()
	c, err := h.w.storyClusterer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after := c.Names(); !reflect.DeepEqual(after, before) {
		t.Errorf("after a restart %d learned names, want the %d before (e.g. valmo %v, want %v)", len(after), len(before), after["valmo"], before["valmo"])
	}
}

func TestNamesEncoding(t *testing.T) {
	names := map[string][2]float64{"valmo": {2, 0}, "putin": {7.5, 0.25}, "the": {0, 12}}
	b := encodeNames(names)
	got, err := decodeNames(b)
	if err != nil || !reflect.DeepEqual(got, names) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for i := range len(b) - 1 {
		if _, err := decodeNames(b[:i]); err == nil {
			t.Errorf("cut at %d read without error", i)
		}
	}
}

func TestAssignStoriesEncodesOncePerStory(t *testing.T) {
	// The articles of one call that join a story share its state, encoded
	// after the last of them; each keeps its own count. A story that an
	// assignment of the call closes (its window ends) has its state encoded
	// before it.
	fs := newFeedServer(t)
	h := newHarness(t, "story_window: 1h\n"+config2(fs.URL, ""))
	now := time.Now()
	art := func(url, title, text string, at time.Time) *processing {
		a := store.Article{Identity: url, URL: url, Feed: "World", Title: title, FeedText: text, Text: text, Published: at, SeenAt: now}
		return &processing{a: a, prep: prepareStory(a)}
	}
	other := strings.ReplaceAll(strings.ReplaceAll(wireCopy, "Valmora", "Ostrind"), "grain", "timber")
	other = strings.ReplaceAll(strings.ReplaceAll(other, "Putin", "Lindqvist"), "Sella", "Morrow")
	ps := []*processing{
		art("https://a.example/1", "Putin to visit Valmora", wireCopy, now.Add(-3*time.Hour)),
		art("https://b.example/1", "Valmora visit set", wireCopy, now.Add(-3*time.Hour+time.Minute)),
		art("https://c.example/1", "Lindqvist to visit Ostrind", other, now),
		art("https://d.example/1", "Ostrind visit set", other, now.Add(time.Minute)),
	}
	h.w.assignStories(context.Background(), ps)
	for i, p := range ps {
		if p.st == nil || p.st.State == nil {
			t.Fatalf("article %d: no story row or no state: %+v", i, p.st)
		}
	}
	if ps[0].st.ID != ps[1].st.ID || ps[2].st.ID != ps[3].st.ID || ps[0].st.ID == ps[2].st.ID {
		t.Fatalf("stories %d %d %d %d, want two of two articles", ps[0].st.ID, ps[1].st.ID, ps[2].st.ID, ps[3].st.ID)
	}
	for i, want := range []int{1, 2, 1, 2} {
		if ps[i].st.Articles != want {
			t.Errorf("article %d: its story has %d articles, want %d", i, ps[i].st.Articles, want)
		}
	}
	c, err := h.w.storyClusterer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, open := c.StoryRow(ps[0].st.ID); open {
		t.Fatal("the story of three hours ago is still open: the test asks for it to close")
	}
	for i, p := range ps {
		ss, err := story.DecodeStory(p.st.State)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if ss.ID != p.st.ID || ss.Articles != 2 {
			t.Errorf("article %d: state of story %d with %d articles, want story %d with both", i, ss.ID, ss.Articles, p.st.ID)
		}
	}
	if enc, ok := c.EncodeStory(ps[3].st.ID, nil); !ok || !bytes.Equal(enc.State, ps[3].st.State) {
		t.Error("the open story's state is not as the clusterer encodes it")
	}
}

func TestAssignStoriesEncodesManyStories(t *testing.T) {
	// A call with articles of more stories than assignStories looks up one by one: each article
	// still gets its own story's state, encoded after the story's last article.
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	now := time.Now()
	var ps []*processing
	for copyNo := range 2 {
		for ev := range 40 {
			var words []string
			for k := range 45 {
				words = append(words, fmt.Sprintf("ev%dword%d", ev, k))
			}
			text := strings.Join(words, " ") + "."
			url := fmt.Sprintf("https://o%d.example/%d", copyNo, ev)
			a := store.Article{Identity: url, URL: url, Feed: "World", Title: fmt.Sprintf("Ev%dtitle%d", ev, copyNo), FeedText: text, Text: text, Published: now.Add(time.Duration(copyNo*40+ev) * time.Second), SeenAt: now}
			ps = append(ps, &processing{a: a, prep: prepareStory(a)})
		}
	}
	h.w.assignStories(context.Background(), ps)
	c, err := h.w.storyClusterer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]bool{}
	for i, p := range ps {
		if p.st == nil {
			t.Fatalf("article %d: no story", i)
		}
		ids[p.st.ID] = true
		if want := ps[i%40].st.ID; p.st.ID != want {
			t.Fatalf("article %d: story %d, want %d (its event's)", i, p.st.ID, want)
		}
		enc, ok := c.EncodeStory(p.st.ID, nil)
		if !ok || !bytes.Equal(enc.State, p.st.State) {
			t.Fatalf("article %d: its row's state is not its story's as it stands", i)
		}
	}
	if len(ids) != 40 {
		t.Errorf("%d stories, want 40", len(ids))
	}
}

// outletByParse is outlet as it was, by url.Parse: what outlet must give
// for every link.
func outletByParse(a store.Article) string {
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return a.Feed
}

// outletLinks are links of every shape: plain, with ports, users, IPv6 and
// IPv4 literals, zones, IDN and escaped hosts, odd schemes, bad escapes,
// control bytes, stray colons and brackets, empty hosts.
var outletLinks = []string{
	"https://www.Example.com/a/b?c=d#e", "http://example.com", "https://example.com:8443/x", "https://example.com:/x",
	"https://WWW.example.com", "https://www.", "https://www", "https://wwW.x.org/", "http://www.www.example.com/",
	"https://user:pass@www.example.com/x", "https://user@example.com:80", "https://a@b@c.example/", "https://@example.com/",
	"https://[::1]:8080/x", "https://[fe80::1%25en0]/", "http://[::ffff:1.2.3.4]/", "http://[1.2.3.4]/", "https://[::1", "https://x[::1]/",
	"https://bücher.example/", "https://xn--bcher-kva.example/", "https://b%C3%BCcher.example/", "https://ex%41mple.com/", "https://ex%2",
	"https://example.com/%zz", "https://example.com/%2F?q=%zz", "https://example.com/#%zz", "https://example.com/#ok%20", "https://example.com/%",
	"https://example.com/a\x00b", "https://exa\tmple.com/", "https://example.com/\x7f", "https://example.com/#a\nb", " https://example.com/",
	"https://example.com:80:90/", "https://a:b:c/", "https://example.com:8x/", "https://:80/", "https:///path", "https://", "http:/example.com",
	"https:example.com", "HTTPS://Example.COM/", "Https://example.com", "ftp://ftp.example.com/file", "//example.com/x", "example.com/x",
	"mailto:someone@example.com", "", "*", ":", "https://exa_mple.com/", "https://example.com?x=1", "https://example.com#frag",
	"https://example.com?", "https://ex ample.com/", "https://example.com./", "https://-x-.example/", "https://1.2.3.4:5/",
	"https://example.com\\@evil.com/", "https://evil.com#@example.com", "https://example.com?@evil.com",
}

// TestOutletAsURLParse: outlet (plainHost, else url.Parse) names every
// link's outlet as url.Parse does.
func TestOutletAsURLParse(t *testing.T) {
	for _, link := range outletLinks {
		a := store.Article{URL: link, Feed: "the feed"}
		if got, want := outlet(a), outletByParse(a); got != want {
			t.Errorf("outlet(%q) = %q, url.Parse says %q", link, got, want)
		}
	}
	for link, want := range map[string]string{
		"https://www.Example.com/a": "example.com", "http://example.com:8080": "example.com",
		"https://user@www.example.com/": "example.com", "https://[::1]:80/": "::1", "not a link": "the feed",
	} {
		if got := outlet(store.Article{URL: link, Feed: "the feed"}); got != want {
			t.Errorf("outlet(%q) = %q, want %q", link, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { outlet(store.Article{URL: "https://www.example.com/a/b"}) }); n != 0 {
		t.Errorf("outlet of a plain link allocates %v times", n)
	}
}

func FuzzOutlet(f *testing.F) {
	for _, link := range outletLinks {
		f.Add(link)
	}
	f.Fuzz(func(t *testing.T, link string) {
		a := store.Article{URL: link, Feed: "the feed"}
		if got, want := outlet(a), outletByParse(a); got != want {
			t.Errorf("outlet(%q) = %q, url.Parse says %q", link, got, want)
		}
	})
}

// TestRememberStoryForgetsOldest: the stories of the recentStories latest
// articles are remembered, the older forgotten, however many times the ring
// of identities wraps; an article remembered keeps its story.
func TestRememberStoryForgetsOldest(t *testing.T) {
	w := &Watcher{}
	total := 2*recentStories + recentStories/3
	for i := range total {
		w.rememberStory(fmt.Sprintf("a%d", i), int64(i))
		w.rememberStory(fmt.Sprintf("a%d", i), -1) // again: not counted, not changed
	}
	if len(w.storyIDs) != recentStories {
		t.Fatalf("%d stories remembered, want %d", len(w.storyIDs), recentStories)
	}
	for _, i := range []int{0, total - recentStories - 1, total - recentStories, total - 1} {
		id, ok := w.storyIDs[fmt.Sprintf("a%d", i)]
		if want := i >= total-recentStories; ok != want || ok && id != int64(i) {
			t.Errorf("article %d: story %d remembered %v, want %v", i, id, ok, want)
		}
	}
}
