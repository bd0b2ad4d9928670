package watchers

import (
	"log/slog"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newshound/newshound/internal/testutil"
)

// Items a feed holds that cannot become articles are logged, not dropped
// silently: item elements the XML parser could not read, and items with
// nothing to identify.
func TestSkippedFeedItemsAreLogged(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	fs.set("/world.rss", `<rss version="2.0"><channel><title>World</title>
<item><title>Read</title><link>https://world.example/read</link></item>
<item></item>
</channel></rss>`)
	fs.set("/politics.rss", `<rss version="2.0" xmlns:x="urn:x"><channel><title>Politics</title>
<item><title>Before</title><link>https://politics.example/before</link></item>
<x:wrapper><x:open>
<item><title>Hidden</title><link>https://politics.example/hidden</link></item>
</x:wrapper></channel></rss>`)
	h.poll()
	out := logs.String()
	for _, want := range []string{`msg="feed items skipped" feed=World`, "empty=1", `msg="feed items skipped" feed=Politics`, "unreadable=1"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
}

// A feed in a legacy charset it does not declare, whose text is too short
// to tell the script, is read by a guess that is logged as one.
func TestUnsureCharsetIsLogged(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	short, _ := charmap.Windows1255.NewEncoder().String(`<rss version="2.0"><channel><title>חדשות</title>
<item><title>גן חדש</title><link>https://world.example/1</link></item></channel></rss>`)
	fs.set("/world.rss", short)
	long, _ := charmap.Windows1251.NewEncoder().String(`<rss version="2.0"><channel><title>Новости</title>
<item><title>Мэрия открыла новый парк возле порта</title><link>https://politics.example/1</link>
<description>Жители района пришли на открытие, парк будет работать до полуночи.</description></item></channel></rss>`)
	fs.set("/politics.rss", long)
	h.poll()
	out := logs.String()
	if !strings.Contains(out, `msg="feed charset guessed" feed=World`) {
		t.Errorf("the short feed's guess is not logged:\n%s", out)
	}
	if strings.Contains(out, `msg="feed charset guessed" feed=Politics`) {
		t.Errorf("a sure guess is logged as unsure:\n%s", out)
	}
}

// An item whose date cannot be read, or makes no sense, is an undated item —
// alerted (the feed was polled before), not lost — and its date is
// reported, naming the feed and the article, once: when it is new.
func TestBadItemDatesAreReported(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	fs.set("/world.rss", `<rss version="2.0"><channel><title>World</title>
<item><title>Putin in Rome</title><link>https://world.example/rome</link><pubDate>Thursday the 5th, half past ten</pubDate></item>
<item><title>Putin in Paris</title><link>https://world.example/paris</link><pubDate>Mon, 05 Dec 2044 10:00:00 GMT</pubDate></item>
</channel></rss>`)
	_, alerts := h.poll()
	if len(alerts) != 2 {
		t.Fatalf("%d alerts, want 2 (the undated items)", len(alerts))
	}
	out := logs.String()
	for _, want := range []string{
		`msg="feed item date unreadable" feed=World feed_url=` + fs.URL + `/world.rss article_url=https://world.example/rome date="Thursday the 5th, half past ten"`,
		`article_url=https://world.example/paris date="Mon, 05 Dec 2044 10:00:00 GMT"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	h.poll()
	if out := logs.String()[len(out):]; strings.Contains(out, "date unreadable") {
		t.Errorf("reported again at the next poll:\n%s", out)
	}
}

// An item whose text was cut at the feed's text limit is reported once, when
// it is new: a watch's words past the cut are not seen unless the page is read.
func TestCutItemTextIsReported(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	primeFeeds(t, h, fs)
	logs := &testutil.LogBuffer{}
	h.w.log = slog.New(slog.NewTextHandler(logs, nil))
	long := strings.Repeat("The council debated the budget again today. ", 6000)
	fs.set("/world.rss", `<rss version="2.0"><channel><title>World</title>
<item><title>Putin in Rome</title><link>https://world.example/rome</link><description>`+long+`</description></item>
</channel></rss>`)
	h.poll()
	out := logs.String()
	if want := `msg="feed item text cut" feed=World feed_url=` + fs.URL + `/world.rss article_url=https://world.example/rome`; !strings.Contains(out, want) {
		t.Errorf("logs lack %q:\n%s", want, out)
	}
	h.poll()
	if again := logs.String()[len(out):]; strings.Contains(again, "text cut") {
		t.Errorf("reported again at the next poll:\n%s", again)
	}
}
