package watchers

import (
	"log/slog"
	"strings"
	"testing"
)

// Items a feed holds that cannot become articles are logged, not dropped
// silently: item elements the XML parser could not read, and items with
// nothing to identify.
func TestSkippedFeedItemsAreLogged(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, config2(fs.URL, ""))
	logs := &lockedBuffer{}
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
