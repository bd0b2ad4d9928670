package discord

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// discordHost is where discordgo's endpoints (package variables we never
// modify) point.
const discordHost = "discord.com"

// rewriteTransport sends requests for https://discord.com/… to a
// Discord-compatible server at base instead (a fake, a proxy), keeping the
// path, and moves discordgo's REST calls (its endpoints say /api/v9/) to
// the current API version: https://discord.com/api/v9/x →
// <base>/api/v10/x. Every 429, whatever host sent it, is made one that
// discordgo reads (normalize429).
type rewriteTransport struct {
	base *url.URL // nil: the real Discord
	next http.RoundTripper
}

// discordgoPrefix is the API path discordgo's endpoints are built on.
const discordgoPrefix = "/api/v9/"

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	if isDiscordHost(req.URL.Host) {
		resp, err = t.rewrite(req)
	} else {
		resp, err = t.next.RoundTrip(req) // a webhook on its own host (a proxy), or a redirect's target
	}
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		normalize429(resp)
	}
	return resp, err
}

func (t *rewriteTransport) rewrite(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	path := req.URL.Path
	if rest, ok := strings.CutPrefix(path, discordgoPrefix); ok {
		path = "/api/" + apiVersion + "/" + rest
	}
	r.URL.Path = path
	r.URL.RawPath = ""
	if t.base != nil {
		r.URL.Scheme = t.base.Scheme
		r.URL.Host = t.base.Host
		r.URL.Path = strings.TrimSuffix(t.base.Path, "/") + path
		r.Host = ""
	}
	return t.next.RoundTrip(r)
}

// isDiscordHost reports Discord's API hosts, including the older and
// client-channel names webhook URLs are copied with.
func isDiscordHost(h string) bool {
	switch strings.ToLower(h) {
	case "discord.com", "discordapp.com", "canary.discord.com", "ptb.discord.com",
		"www.discord.com", "canary.discordapp.com", "ptb.discordapp.com":
		return true
	}
	return false
}

// parseAPIBase validates discord.api_base. "" and https://discord.com mean
// the real Discord (nil: no rewriting).
func parseAPIBase(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("bot: api base %q is not an http(s) URL without query", raw)
	}
	if u.Host == discordHost && strings.Trim(u.Path, "/") == "" {
		return nil, nil
	}
	return u, nil
}
