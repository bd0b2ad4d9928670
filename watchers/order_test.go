package watchers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestAlertsOfOnePollPostedInPublicationOrder: a feed lists its items newest
// first and the pipeline reads several at once, yet a channel receives the
// alerts of one poll oldest first, as the stories happened.
func TestAlertsOfOnePollPostedInPublicationOrder(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [ops] }`, "")
	h.prime()
	const n = 12
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	h.mu.Lock()
	h.feedDoc = func() string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
		for i := n - 1; i >= 0; i-- { // newest first, as feeds do
			fmt.Fprintf(&b, `<item><title>Putin story %02d %s</title><link>https://wire.example/o/%d</link><pubDate>%s</pubDate><description>Putin: %s.</description></item>`,
				i, ownTitle("o", i), i, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), ownEvent("o", i))
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	h.mu.Unlock()
	h.cycle()
	msgs := h.discord.Messages(ops)
	if len(msgs) != n {
		t.Fatalf("%d messages, want %d", len(msgs), n)
	}
	var got []string
	for _, m := range msgs {
		got = append(got, strings.Fields(strings.TrimPrefix(m.Embeds[0].Title, "Putin story "))[0])
	}
	want := "00 01 02 03 04 05 06 07 08 09 10 11"
	if strings.Join(got, " ") != want {
		t.Fatalf("posted in the order %v, want publication order %s", got, want)
	}
}
