package config

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// slackHookPathRE is the path of a Slack incoming webhook URL:
// …/services/T…/B…/<secret>.
var slackHookPathRE = regexp.MustCompile(`^(.*)/services/([A-Z0-9]+)/([A-Z0-9]+)/([A-Za-z0-9]+)/?$`)

// checkSlackWebhook checks a Slack incoming webhook URL. The URL's last
// part is the secret: messages describe it, never quote it.
func checkSlackWebhook(raw string) error {
	const form = "https://hooks.slack.com/services/T…/B…/…"
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("not an http(s) URL (the form is %s)", form)
	}
	if u.RawQuery != "" || !slackHookPathRE.MatchString(u.Path) {
		return fmt.Errorf("not a Slack incoming webhook URL of the form %s (Slack app → Incoming Webhooks)", form)
	}
	return nil
}

// validateSlack checks the slack: section against the channels that use it.
// No message quotes the token or the signing secret.
func (c *Config) validateSlack(add func(*Error)) {
	s := c.Slack
	where, what := "", ""
	names := mapKeys(c.Channels)
	sort.Strings(names)
	for _, name := range names {
		if c.Channels[name].Slack != "" {
			where, what = "channels."+name+".slack", "channels."+name+".slack: a channel posted by the Slack app"
			break
		}
	}
	token := strings.TrimSpace(s.Token)
	if where != "" && token == "" {
		add(c.errAt(where, "%s needs slack.token (the app's bot token, xoxb-…, e.g. token: ${SLACK_BOT_TOKEN})", what))
	}
	if hasControl(token) {
		add(c.errAt("slack.token", "slack.token: holds a control character (a line break?), which no HTTP header may: every request to Slack would fail"))
	}
	if s.APIBase != "" {
		if u, err := url.Parse(s.APIBase); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
			u.RawQuery != "" || u.Fragment != "" {
			add(c.errAt("slack.api_base", "slack.api_base: not an http(s) URL without query (e.g. \"http://127.0.0.1:8098\")"))
		}
	}
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f })
}
