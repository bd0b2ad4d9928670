package config

import (
	"strings"
	"testing"
)

func TestSlackChannelsAndMentions(t *testing.T) {
	src := `
feeds: [{ name: Wire, url: "https://wire.example/rss" }]
slack:
  token: ${SLACK_BOT_TOKEN}
  signing_secret: ${SLACK_SIGNING_SECRET}
  listen: "127.0.0.1:8081"
  admins: [U0123ABCD, S0DESK123]
discord: { token: tok }
channels:
  desk: { slack: C0123456789 }
  partners: { slack_webhook: "${HOOK}" }
  discord-news: { discord: "123456789012345678" }
watches:
  - { name: both, keywords: [Putin], channels: [desk, discord-news], mention: ["123456789012345678", S0DESK123] }
  - { name: slack-only, keywords: [Putin], channels: [desk], mention: S0DESK123 }
`
	c, err := Parse("n.yaml", []byte(src), Options{Getenv: env(map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-1-secret", "SLACK_SIGNING_SECRET": "abc123", "HOOK": "https://hooks.slack.com/services/T0001/B0001/XyZsecret"})})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Channels["desk"].IsSlack() || !c.Channels["partners"].IsSlack() || c.Channels["discord-news"].IsSlack() {
		t.Errorf("channel kinds %+v", c.Channels)
	}
	w := c.Watches[0]
	if w.DiscordMention() != "123456789012345678" || w.SlackMention() != "S0DESK123" || c.Watches[1].SlackMention() != "S0DESK123" || c.Watches[1].DiscordMention() != "" {
		t.Errorf("mentions %v %v", w.Mention, c.Watches[1].Mention)
	}
}

func TestSlackErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"bad channel ID", `channels: { desk: { slack: "#newsroom" } }`, `5:28: channels.desk.slack: "#newsroom" is not a Slack channel ID`},
		{"no token", `channels: { desk: { slack: C0123456789 } }`, "5:28: channels.desk.slack: a channel posted by the Slack app needs slack.token"},
		{"two places", `channels: { desk: { slack: C0123456789, discord: "123456789012345678" } }`, "set only one of discord, webhook, slack and slack_webhook"},
		{"bad webhook", "channels: { desk: { slack_webhook: \"https://hooks.slack.com/services/oops\" } }", "not a Slack incoming webhook URL"},
		{"listen without secret", "slack: { token: xoxb-secret-token, listen: \"127.0.0.1:8081\" }", "slack.listen needs slack.signing_secret"},
		{"app token without bot token", "slack: { app_token: xapp-1-secret }", "slack.app_token: the /newshound command over Socket Mode needs slack.token"},
		{"bot token as app token", "slack: { token: xoxb-secret-token, app_token: xoxb-secret-token }", "an app-level token starts with xapp-"},
		{"bad admin", "slack: { token: xoxb-secret-token, admins: [\"@bob\"] }", `slack.admins[0]: "@bob" is not a Slack user ID`},
		{"bad mention", `channels: { desk: { slack: C0123456789 } }
slack: { token: xoxb-secret-token }
watches: [{ name: w, keywords: [x], channels: [desk], mention: "@desk" }]`, `"@desk" is neither a Discord role ID`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "feeds: [{ name: Wire, url: \"https://wire.example/rss\" }]\n\n\n\n" + tc.src
			_, err := Parse("n.yaml", []byte(src), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "xoxb-secret-token") {
				t.Errorf("an error quotes the token: %v", err)
			}
		})
	}
}
