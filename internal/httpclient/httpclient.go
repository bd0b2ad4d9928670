// Package httpclient builds the HTTP clients newshound fetches with: bounded
// time, bounded redirects, and — for URLs that come from outside (links in
// feeds, URLs typed in chat) — refusal of loopback, private, link-local and
// other non-public addresses. The address check runs after DNS resolution, at
// connect time, so a public name that resolves to 10.0.0.1 is refused too;
// literal forms (localhost., 2130706433, 0x7f000001, 0177.0.0.1) are refused
// before any lookup.
//
// A client may allow private addresses for the URLs it is given (a feed the
// operator listed) and still refuse them for redirects to another host,
// which the remote side chose.
package httpclient

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MaxRedirects is how many redirects a request may follow.
const MaxRedirects = 10

// ErrPrivateAddress is returned (wrapped) when a request would connect to a
// non-public address and private networks are not allowed.
var ErrPrivateAddress = errors.New("refusing to connect to a private or local network address")

// ErrTooManyRedirects is returned (wrapped) when a request would follow more
// than MaxRedirects redirects.
var ErrTooManyRedirects = errors.New("stopped after too many redirects")

// Options configure a client.
type Options struct {
	Timeout      time.Duration // whole request, including the body read
	AllowPrivate bool          // permit loopback and private addresses
	// AllowPrivateRedirects, with AllowPrivate, permits them for redirects
	// too. Without it a redirect to another host (another host name, or
	// another port than the original's or the scheme's default) is held to
	// the public-address rule; redirects within the original host are not.
	AllowPrivateRedirects bool
}

// New returns a client with the given limits.
func New(opts Options) *http.Client {
	public := publicOnly{newTransport(opts.Timeout, refusePrivate)}
	var transport http.RoundTripper = public
	if opts.AllowPrivate {
		open := newTransport(opts.Timeout, nil)
		if opts.AllowPrivateRedirects {
			transport = open
		} else {
			transport = redirectsPublic{open: open, public: public}
		}
	}
	return &http.Client{
		Timeout:   opts.Timeout,
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects { // via holds the original request and the redirects followed so far
				return fmt.Errorf("%w (%d)", ErrTooManyRedirects, MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
}

func newTransport(timeout time.Duration, control func(network, address string, c syscall.RawConn) error) *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: control}
	return &http.Transport{
		Proxy:                 nil, // a proxy would defeat the address check; none is reachable here anyway
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		ExpectContinueTimeout: time.Second,
	}
}

// publicOnly refuses hosts that are non-public literally (CheckHost) before
// its transport, whose dialer refuses non-public addresses after resolution.
type publicOnly struct{ t *http.Transport }

func (p publicOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := CheckHost(req.URL.Hostname()); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	return p.t.RoundTrip(req)
}

// redirectsPublic sends the requests it is given, and redirects within their
// host, through open; redirects to other hosts through public.
type redirectsPublic struct {
	open   *http.Transport
	public publicOnly
}

func (r redirectsPublic) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Response == nil { // not a redirect: the URL the caller chose
		return r.open.RoundTrip(req)
	}
	first := req
	for first.Response != nil && first.Response.Request != nil {
		first = first.Response.Request
	}
	if sameHost(first.URL, req.URL) {
		return r.open.RoundTrip(req)
	}
	return r.public.RoundTrip(req)
}

// sameHost reports whether to is on the host of from: the same name, and the
// same port or the default port of to's scheme (http to https is an upgrade).
func sameHost(from, to *url.URL) bool {
	if !strings.EqualFold(strings.TrimSuffix(from.Hostname(), "."), strings.TrimSuffix(to.Hostname(), ".")) {
		return false
	}
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if u.Scheme == "https" {
			return "443"
		}
		return "80"
	}
	return port(from) == port(to) || to.Port() == ""
}

func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
	}
	if !IsPublic(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
	}
	return nil
}

// IsPublic reports whether addr is a globally routable unicast address.
func IsPublic(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsUnspecified() || addr.IsLoopback() || addr.IsPrivate() ||
		addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() ||
		addr.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	if sixToFour.Contains(addr) { // 2002:AABB:CCDD::/48 carries the IPv4 address AA.BB.CC.DD
		b := addr.As16()
		return IsPublic(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return true
}

var sixToFour = netip.MustParsePrefix("2002::/16")

// nonPublic lists special-purpose ranges that the netip predicates above do
// not cover (RFC 6890 and successors).
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 can reach private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64 (RFC 8215), likewise
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated): ::127.0.0.1
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated, still routed in places)
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001:db8::/32"),
}

// CheckHost refuses, without a DNS lookup, a host that is non-public as
// written: "localhost" and its subdomains (with or without the final dot), and
// IP addresses in any form a resolver accepts — dotted, bracketed IPv6,
// IPv4-mapped IPv6, and the inet_aton forms 2130706433, 0x7f000001,
// 0177.0.0.1 and 127.1. Requests of a client that refuses private addresses
// run it first; the connect-time check after resolution stays authoritative.
func CheckHost(host string) error {
	h := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	addr, err := netip.ParseAddr(h)
	if err != nil {
		addr, err = parseLooseIPv4(h)
	}
	if err == nil && !IsPublic(addr) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	return nil
}

// parseLooseIPv4 parses the IPv4 forms of inet_aton, which resolvers accept
// where a name is expected: one to four parts, each decimal, octal (leading
// 0) or hexadecimal (0x), the last filling the remaining bytes.
func parseLooseIPv4(s string) (netip.Addr, error) {
	bad := fmt.Errorf("not an IPv4 address: %q", s)
	parts := strings.Split(s, ".")
	if len(parts) > 4 || s == "" {
		return netip.Addr{}, bad
	}
	var vals []uint64
	for _, p := range parts {
		base := 10
		switch {
		case len(p) > 2 && (p[:2] == "0x" || p[:2] == "0X"):
			p, base = p[2:], 16
		case len(p) > 1 && p[0] == '0':
			p, base = p[1:], 8
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, bad
		}
		vals = append(vals, v)
	}
	var ip uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return netip.Addr{}, bad
		}
		ip |= v << (24 - 8*i)
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*(5-len(vals))) {
		return netip.Addr{}, bad
	}
	ip |= last
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}), nil
}
