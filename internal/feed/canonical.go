package feed

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a document.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ref": true}

// Canonical returns the identity of an article URL: scheme and host
// lower-cased, the default port dropped, an empty path made "/", tracking
// parameters (utm_*, fbclid, gclid, mc_cid, mc_eid, ref) removed, the
// remaining query kept in its order. The fragment is kept — one page per day
// with an anchor per post (https://example.com/2024/05/01#a1, #a2, …) holds
// many articles — unless it is a tracking or navigation form (see
// keepFragment).
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
	if !keepFragment(c.Fragment) {
		c.Fragment, c.RawFragment = "", ""
	}
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

// trackingFragments are fragment prefixes (lower case) that say where a
// click came from rather than name a part of the page: AT Internet's xtor=,
// utm_ campaign tags, ref=, AddThis's at_, ShareThis's sthash., Tynt's ixzz,
// Echobox, comScore's ns_, ftag=; and WordPress's "read more" jump, #more-123.
var trackingFragments = []string{"xtor=", "utm_", "ref=", "at_", "sthash.", "ixzz", "echobox=", "ns_", "ftag=", "more-"}

// navigationFragments are whole fragments (lower case) that jump within the
// post's own page: the page, not a part of it, is the article.
var navigationFragments = map[string]bool{"rss": true, "comments": true, "comment-form": true, "respond": true,
	"disqus_thread": true, "top": true, "content": true, "main": true, "maincontent": true, "main-content": true}

// keepFragment reports whether a fragment identifies part of a document: it
// is not empty, not a tracking prefix (trackingFragments), not a navigation
// anchor (navigationFragments), and not an AddThis share hash ("#.VwX2bC5u").
func keepFragment(frag string) bool {
	f := strings.ToLower(strings.TrimSpace(frag))
	if f == "" || navigationFragments[f] || strings.HasPrefix(f, ".") && isShareHash(f[1:]) {
		return false
	}
	for _, t := range trackingFragments {
		if strings.HasPrefix(f, t) {
			return false
		}
	}
	return true
}

// isShareHash reports whether s is the tail of an AddThis share hash: at
// least eight letters, digits, dashes, underscores or dots.
func isShareHash(s string) bool {
	if len(s) < 8 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
