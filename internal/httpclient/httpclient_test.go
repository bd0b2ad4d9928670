package httpclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestIsPublic(t *testing.T) {
	tests := map[string]bool{
		"8.8.8.8":                true,
		"2a00:1450:4001::200e":   true,
		"127.0.0.1":              false,
		"127.8.9.10":             false,
		"::1":                    false,
		"10.1.2.3":               false,
		"172.16.0.1":             false,
		"192.168.1.1":            false,
		"169.254.169.254":        false, // cloud metadata
		"fe80::1":                false,
		"fc00::1":                false,
		"0.0.0.0":                false,
		"::":                     false,
		"100.64.0.1":             false,
		"::ffff:127.0.0.1":       false, // IPv4-mapped loopback
		"::ffff:169.254.169.254": false,
		"64:ff9b::a00:1":         false, // NAT64 of 10.0.0.1
		"64:ff9b:1::a00:1":       false, // local-use NAT64 (RFC 8215) of 10.0.0.1
		"::127.0.0.1":            false, // IPv4-compatible (deprecated) loopback
		"::a00:1":                false, // IPv4-compatible 10.0.0.1
		"fec0::1":                false, // site-local (deprecated, still routed in places)
		"100::1":                 false, // discard-only
		"2002:7f00:1::1":         false, // 6to4 of 127.0.0.1
		"2002:a00:1::1":          false, // 6to4 of 10.0.0.1
		"2002:808:808::1":        true,  // 6to4 of 8.8.8.8
		"224.0.0.1":              false,
		"255.255.255.255":        false,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := IsPublic(netip.MustParseAddr(in)); got != want {
				t.Errorf("IsPublic(%s) = %v, want %v", in, got, want)
			}
		})
	}
}

func TestCheckHost(t *testing.T) {
	tests := map[string]bool{ // host: refused
		"localhost":         true,
		"api.localhost":     true,
		"127.0.0.1":         true,
		"169.254.169.254":   true,
		"10.0.0.7":          true,
		"::1":               true,
		"news.example.org":  false,
		"93.184.216.34":     false,
		"localhost.example": false,
		// literal forms a resolver would take for loopback, without DNS
		"localhost.":         true,
		"LOCALHOST":          true,
		"api.localhost.":     true,
		"0x7f000001":         true,
		"0X7F000001":         true,
		"2130706433":         true,
		"0177.0.0.1":         true,
		"0177.0000.0000.01":  true,
		"127.1":              true,
		"127.0.1":            true,
		"0x7f.1":             true,
		"[::ffff:127.0.0.1]": true,
		"::ffff:127.0.0.1":   true,
		"[::1]":              true,
		"0":                  true,
		"167772161":          true, // 10.0.0.1
		"0xa9fea9fe":         true, // 169.254.169.254
		"127.0.0.1.":         true,
		"1572395042":         false, // 93.184.216.34
		"0x5db8d822":         false,
		"4294967296":         false, // too large to be an address: a name
		"0x7f.example":       false,
		"08.0.0.1":           false, // not octal: a name
	}
	for host, refused := range tests {
		t.Run(host, func(t *testing.T) {
			err := CheckHost(host)
			if (err != nil) != refused || err != nil && !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("CheckHost(%q) = %v, refused want %v", host, err, refused)
			}
		})
	}
}

// TestPrivateAddressesRefusedAtConnect dials real local listeners: a URL
// naming a private address literally, and names that resolve to one. The
// request must fail with ErrPrivateAddress before the server sees it.
func TestPrivateAddressesRefusedAtConnect(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "secret")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	urls := []string{
		srv.URL,                                   // 127.0.0.1 literal
		"http://localhost:" + port + "/",          // a name resolving to loopback (the hosts file; no DNS needed)
		"http://127.1.2.3:" + port + "/",          // all of 127/8 is loopback
		"http://[::ffff:127.0.0.1]:" + port + "/", // IPv4-mapped
		"http://169.254.169.254/latest/meta-data", // refused before any packet leaves
		"http://10.0.0.1/",
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
	}
	c := New(Options{Timeout: 3 * time.Second})
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			resp, err := c.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("GET %s succeeded", u)
			}
			if !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("err = %v, want ErrPrivateAddress", err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the private server was reached %d times", n)
	}

	t.Run("allowed when configured", func(t *testing.T) {
		c := New(Options{Timeout: 3 * time.Second, AllowPrivate: true})
		for _, u := range []string{srv.URL, "http://localhost:" + port + "/"} {
			resp, err := c.Get(u)
			if err != nil {
				t.Fatalf("GET %s: %v", u, err)
			}
			resp.Body.Close()
		}
		if hits.Load() != 2 {
			t.Errorf("%d hits, want 2", hits.Load())
		}
	})
}

// TestRedirectToPrivateRefused: a public-looking first hop that redirects
// into the private network is refused at the second connect. The first hop
// is simulated by a transport wrapper, because no public server is
// reachable from a test; the redirect target is dialled for real.
func TestRedirectToPrivateRefused(t *testing.T) {
	var hits atomic.Int32
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer private.Close()
	c := New(Options{Timeout: 3 * time.Second})
	inner := c.Transport
	c.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "public.example" {
			return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {private.URL + "/admin"}},
				Body: http.NoBody, Request: r}, nil
		}
		return inner.RoundTrip(r)
	})
	_, err := c.Get("http://public.example/story")
	if !errors.Is(err, ErrPrivateAddress) || hits.Load() != 0 {
		t.Errorf("err = %v, hits %d", err, hits.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestRefusePrivateAfterResolution exercises the connect-time check as the
// dialer calls it: with the address a resolver returned. A public name
// resolving to a private address reaches Control with that address, so the
// check cannot be bypassed by DNS.
func TestRefusePrivateAfterResolution(t *testing.T) {
	tests := map[string]bool{ // resolved address: refused
		"10.0.0.1:443":           true,
		"169.254.169.254:80":     true,
		"[::1]:443":              true,
		"[fd12:3456::1]:443":     true,
		"[::ffff:10.1.1.1]:80":   true,
		"93.184.216.34:443":      false,
		"[2606:2800:220:1::]:80": false,
		"not-an-address":         true,
	}
	for addr, refused := range tests {
		t.Run(addr, func(t *testing.T) {
			err := refusePrivate("tcp", addr, nil)
			if (err != nil) != refused || err != nil && !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("refusePrivate(%s) = %v", addr, err)
			}
		})
	}
}

func TestRedirectLimits(t *testing.T) {
	var n atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &i)
		if i < MaxRedirects { // /chain/0 → … → /chain/10: exactly MaxRedirects redirects
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", i+1), http.StatusFound)
			return
		}
		io.WriteString(w, "arrived")
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{Timeout: 3 * time.Second, AllowPrivate: true})

	if _, err := c.Get(srv.URL + "/loop"); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("loop: err = %v", err)
	}
	if got := n.Load(); got != MaxRedirects+1 {
		t.Errorf("loop requested %d times, want the first request and %d redirects", got, MaxRedirects)
	}
	resp, err := c.Get(srv.URL + "/chain/0")
	if err != nil {
		t.Fatalf("a chain of exactly %d redirects: %v", MaxRedirects, err)
	}
	resp.Body.Close()
	if _, err := c.Get(srv.URL + "/to-file"); err == nil || !strings.Contains(err.Error(), "scheme") {
		t.Errorf("redirect to file: err = %v", err)
	}
}

func TestTimeouts(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/no-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(time.Minute):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slowloris", func(w http.ResponseWriter, r *http.Request) {
		for r.Context().Err() == nil { // a byte a second, forever
			if _, err := io.WriteString(w, "x"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A listener that accepts and never answers the TLS handshake.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	c := New(Options{Timeout: 2 * time.Second, AllowPrivate: true})
	for _, u := range []string{srv.URL + "/no-headers", srv.URL + "/slowloris", "https://" + ln.Addr().String() + "/"} {
		t.Run(u, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			start := time.Now()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			resp, err := c.Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			var te interface{ Timeout() bool }
			if !errors.As(err, &te) || !te.Timeout() || ctx.Err() != nil {
				t.Errorf("err = %v after %v; want the client's own timeout", err, time.Since(start))
			}
			t.Logf("ended after %v", time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestLiteralLoopbackRefusedWithoutDNS: a URL whose host is loopback in an
// inet_aton form is refused before any lookup, and never reaches the listener.
func TestLiteralLoopbackRefusedWithoutDNS(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	c := New(Options{Timeout: 3 * time.Second})
	for _, host := range []string{"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "localhost.", "[::ffff:127.0.0.1]"} {
		_, err := c.Get("http://" + host + ":" + port + "/")
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: %v, want ErrPrivateAddress", host, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the listener was reached %d times", hits.Load())
	}
}

// TestRedirectsOfAllowedURLsHeldToPublic: a client that may fetch a private
// URL it was given (a feed the operator listed) does not follow that URL's
// redirect to another private listener, unless private redirects are
// allowed; a redirect within the same host is followed.
func TestRedirectsOfAllowedURLsHeldToPublic(t *testing.T) {
	var internal atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internal.Add(1)
		fmt.Fprint(w, "internal")
	}))
	defer target.Close()
	_, targetPort, _ := net.SplitHostPort(target.Listener.Addr().String())
	listed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
		case "/feed":
			fmt.Fprint(w, "feed")
		case "/away":
			http.Redirect(w, r, target.URL+"/admin", http.StatusFound)
		case "/away-literal":
			http.Redirect(w, r, "http://2130706433:"+targetPort+"/admin", http.StatusFound)
		}
	}))
	defer listed.Close()
	get := func(c *http.Client, path string) (string, error) {
		resp, err := c.Get(listed.URL + path)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	c := New(Options{Timeout: 3 * time.Second, AllowPrivate: true})
	if body, err := get(c, "/moved"); err != nil || body != "feed" {
		t.Errorf("redirect within the listed host: %q %v", body, err)
	}
	for _, path := range []string{"/away", "/away-literal"} {
		if _, err := get(c, path); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: redirect to another private listener: %v, want ErrPrivateAddress", path, err)
		}
	}
	if internal.Load() != 0 {
		t.Fatalf("the internal listener was reached %d times", internal.Load())
	}
	c = New(Options{Timeout: 3 * time.Second, AllowPrivate: true, AllowPrivateRedirects: true})
	if body, err := get(c, "/away"); err != nil || body != "internal" {
		t.Errorf("private redirects allowed: %q %v", body, err)
	}
}

// FuzzCheckHost: hosts from links are untrusted. CheckHost never panics, and
// a host read as an inet_aton address is judged as its dotted form is.
func FuzzCheckHost(f *testing.F) {
	for _, s := range []string{"localhost.", "0x7f000001", "2130706433", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "news.example.org", "0x", "1..2", "4294967295"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		err := CheckHost(host)
		if err != nil && !errors.Is(err, ErrPrivateAddress) {
			t.Fatalf("CheckHost(%q) = %v", host, err)
		}
		if addr, perr := parseLooseIPv4(host); perr == nil {
			if derr := CheckHost(addr.String()); (derr == nil) != (err == nil) {
				t.Fatalf("CheckHost(%q) = %v but CheckHost(%s) = %v", host, err, addr, derr)
			}
		}
	})
}
