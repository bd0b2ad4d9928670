package config

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// slackHookPathRE is the path of a Slack incoming webhook URL:
// …/services/T…/B…/<secret>.
var slackHookPathRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*)/services/([A-Z0-9]+)/([A-Z0-9]+)/([A-Za-z0-9]+)/?$`)
})

// checkSlackWebhook checks a Slack incoming webhook URL. The URL's last
// part is the secret: messages describe it, never quote it.
func checkSlackWebhook(raw string) error {
	const form = "https://hooks.slack.com/services/T…/B…/…"
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("not an http(s) URL (the form is %s)", form)
	}
	if u.RawQuery != "" || !slackHookPathRE().MatchString(u.Path) {
		return fmt.Errorf("not a Slack incoming webhook URL of the form %s (Slack app → Incoming Webhooks)", form)
	}
	return nil
}

// validateSlack checks the slack: section against the channels that use it.
// No message quotes the token or the signing secret.
func (c *Config) validateSlack(add func(*Error)) {
	s := c.Slack
	where, what := "", ""
	if s.Listen != "" {
		where, what = "slack.listen", "slack.listen: the /newshound command"
	}
	if s.AppToken != "" {
		where, what = "slack.app_token", "slack.app_token: the /newshound command over Socket Mode"
	}
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
	if s.Listen != "" {
		switch err := checkListen(s.Listen); {
		case err != nil:
			add(c.errAt("slack.listen", "slack.listen: %q is not host:port (e.g. \":8081\"): %v", s.Listen, err))
		case c.Server.Listen != "" && sameListen(s.Listen, c.Server.Listen):
			add(c.errAt("slack.listen", "slack.listen: %q is server.listen's address too (%q): give each its own port", s.Listen, c.Server.Listen))
		case c.Discord.Interactions.Listen != "" && sameListen(s.Listen, c.Discord.Interactions.Listen):
			add(c.errAt("slack.listen", "slack.listen: %q is discord.interactions.listen's address too: give each its own port", s.Listen))
		}
		if strings.TrimSpace(s.SigningSecret) == "" {
			add(c.errAt("slack.listen", "slack.listen needs slack.signing_secret (Slack app → Basic Information → Signing Secret, e.g. signing_secret: ${SLACK_SIGNING_SECRET}): requests are not accepted unsigned"))
		}
	}
	if hasControl(s.AppToken) {
		add(c.errAt("slack.app_token", "slack.app_token: holds a control character (a line break?)"))
	} else if t := strings.TrimSpace(s.AppToken); t != "" && !strings.HasPrefix(t, "xapp-") {
		add(c.errAt("slack.app_token", "slack.app_token: an app-level token starts with xapp- (Basic Information → App-Level Tokens, scope connections:write); the bot token (xoxb-) goes in slack.token"))
	}
	if hasControl(s.SigningSecret) {
		add(c.errAt("slack.signing_secret", "slack.signing_secret: holds a control character (a line break?)"))
	}
	for i, id := range s.Admins {
		if !isSlackUser(id) && !isSlackGroup(id) {
			add(c.errAt(fmt.Sprintf("slack.admins[%d]", i), "slack.admins[%d]: %q is not a Slack user ID (U…, W…) or user group ID (S…)", i, id))
		}
	}
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f })
}
