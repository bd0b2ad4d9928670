package bot

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
// path: https://discord.com/api/v9/x → <base>/api/v9/x.
type rewriteTransport struct {
	base *url.URL // nil: no rewriting
	next http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.base == nil || !isDiscordHost(req.URL.Host) {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	r.URL.Path = strings.TrimSuffix(t.base.Path, "/") + req.URL.Path
	r.URL.RawPath = ""
	r.Host = ""
	return t.next.RoundTrip(r)
}

// isDiscordHost reports Discord's API hosts, including the older and
// client-channel names webhook URLs are copied with.
func isDiscordHost(h string) bool {
	switch strings.ToLower(h) {
	case "discord.com", "discordapp.com", "canary.discord.com", "ptb.discord.com":
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
