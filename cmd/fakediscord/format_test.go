package main

import (
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

func TestFormatMessage(t *testing.T) {
	m := discordfake.Message{
		ID: "1", ChannelID: "123", Nonce: "n1", Content: "<@&9>", MentionRoles: []string{"9"},
		Timestamp: time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC),
		Embeds: []discordfake.Embed{{
			Title: "Headline", URL: "https://x.example/a", Description: "Summary.\n\n> “Quote” — Someone",
			Color: 0xc0392b, Author: &discordfake.EmbedAuthor{Name: "Outlet"}, Footer: &discordfake.EmbedFooter{Text: "watch · feed"},
			Fields: []discordfake.EmbedField{{Name: "Why it matched", Value: "**Terms:** x\n• snippet"}},
		}},
	}
	want := `━━ #123 · message 1 · 13:00:00 · nonce n1 ━━
<@&9>
┃ Outlet
┃ 【Headline】 <https://x.example/a>
┃ Summary.
┃ 
┃ > “Quote” — Someone
┃ ▸ Why it matched
┃   **Terms:** x
┃   • snippet
┃ watch · feed
┃ colour #c0392b
pings: role 9

`
	if got := formatMessage(m); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errb strings.Builder
	if err := run([]string{"--webhooks", "nocolon", "--listen", "127.0.0.1:0"}, &out, &errb); err == nil {
		t.Fatal("a malformed --webhooks was accepted")
	}
	if err := run([]string{"extra"}, &out, &errb); err == nil {
		t.Fatal("a stray argument was accepted")
	}
}
