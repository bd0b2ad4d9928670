package main

import (
	"testing"

	"github.com/newshound/newshound/internal/slackfake"
)

func TestFormatMessage(t *testing.T) {
	m := slackfake.Message{Channel: "C0NEWS", TS: "1700000000.000001", Text: "Headline — Outlet",
		Metadata: &slackfake.Metadata{EventType: "newshound_delivery", EventPayload: map[string]any{"ref": "abc"}},
		Blocks: []slackfake.Block{
			{Type: "section", Text: &slackfake.TextObject{Type: "mrkdwn", Text: "*<https://x.example/a|Headline>*"},
				Accessory: &slackfake.Element{Type: "image", ImageURL: "https://x.example/i.jpg", AltText: "Headline"}},
			{Type: "context", Elements: []slackfake.Element{{Type: "mrkdwn", Text: "Outlet · watch w"}}},
		},
		Mentions: []string{"subteam:S0DESK"},
	}
	want := `━━ #C0NEWS · ts 1700000000.000001 · bot · newshound_delivery abc ━━
text: Headline — Outlet
┃ *<https://x.example/a|Headline>*
┃ [image https://x.example/i.jpg]
┃ Outlet · watch w
pings: subteam:S0DESK

`
	if got := formatMessage(m); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
