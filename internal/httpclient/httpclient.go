// Package httpclient builds the HTTP clients newshound fetches with: bounded
// time, bounded redirects, and — for URLs that come from outside (links in
// feeds, URLs typed in chat) — refusal of loopback, private, link-local and
// other non-public addresses. The address check runs after DNS resolution, at
// connect time, so a public name that resolves to 10.0.0.1 is refused too.
package httpclient

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// MaxRedirects is how many redirects a request may follow.
const MaxRedirects = 10

// ErrPrivateAddress is returned (wrapped) when a request would connect to a
// non-public address and private networks are not allowed.
var ErrPrivateAddress = errors.New("refusing to connect to a private or local network address")

// Options configure a client.
type Options struct {
	Timeout      time.Duration // whole request, including the body read
	AllowPrivate bool          // permit loopback and private addresses
}

// New returns a client with the given limits.
func New(opts Options) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would defeat the address check; none is reachable here anyway
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{
		Timeout:   opts.Timeout,
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects { // via holds the original request and the redirects followed so far
				return fmt.Errorf("stopped after %d redirects", MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
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
	return true
}

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
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach private IPv4
	netip.MustParsePrefix("2001:db8::/32"),
}

// CheckHost is a fast pre-check for a URL typed by a user: it refuses
// literal non-public IP hosts and "localhost" before any request is made, so
// the user gets a clear message. The connect-time check stays authoritative.
func CheckHost(host string) error {
	if host == "localhost" || len(host) > 10 && host[len(host)-10:] == ".localhost" {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	if addr, err := netip.ParseAddr(host); err == nil && !IsPublic(addr) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	return nil
}
