package feed

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a document.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ref": true}

// Canonical returns the identity of an article URL: scheme and host
// lower-cased, the default port dropped, an empty path made "/", the fragment
// and tracking parameters (utm_*, fbclid, gclid, mc_cid, mc_eid, ref) removed,
// the remaining query kept in its order.
func Canonical(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	host := strings.ToLower(c.Hostname())
	port := c.Port()
	if (c.Scheme == "http" && port == "80") || (c.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	c.Host = host
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	if c.RawPath != "" && !strings.Contains(strings.ToUpper(c.RawPath), "%2F") {
		c.RawPath = "" // re-escape minimally: %7E and ~ are the same path
	}
	if c.Path == "" {
		c.Path, c.RawPath = "/", ""
	}
	if c.RawQuery != "" {
		var kept []string
		for _, p := range strings.Split(c.RawQuery, "&") {
			if p == "" {
				continue
			}
			key := p
			if i := strings.IndexByte(p, '='); i >= 0 {
				key = p[:i]
			}
			if k, err := url.QueryUnescape(key); err == nil {
				key = k
			}
			key = strings.ToLower(key)
			if trackingParams[key] || strings.HasPrefix(key, "utm_") {
				continue
			}
			kept = append(kept, p)
		}
		c.RawQuery = strings.Join(kept, "&")
	}
	c.ForceQuery = false
	return c.String()
}

// CanonicalString is Canonical for a URL in text form; it returns the input
// unchanged when it does not parse.
func CanonicalString(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() {
		return raw
	}
	return Canonical(u)
}
