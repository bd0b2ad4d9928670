package httpclient

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const password = "s3cretPW"

// withSecrets puts a user and password and secret query values into base.
func withSecrets(t *testing.T, base, path string) string {
	t.Helper()
	u, err := url.Parse(base + path)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("reader", password)
	u.RawQuery = "q=news&api_key=K3Y&token=T0K&Signature=S1G"
	return u.String()
}

func noSecrets(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range []string{password, "K3Y", "T0K", "S1G"} {
		if strings.Contains(s, secret) {
			t.Errorf("%s shows the secret %q: %s", what, secret, s)
		}
	}
}

func TestStatusError(t *testing.T) {
	now := time.Now()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/429":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/503":
			w.Header().Set("Retry-After", now.Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/moved":
			http.Redirect(w, r, "/gone?session=S1G", http.StatusFound)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/599":
			w.WriteHeader(599)
		default:
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, strings.Repeat("x", 1<<20)) // a body to read away
		}
	}))
	defer srv.Close()
	c := New(Options{Timeout: 5 * time.Second, AllowPrivate: true})
	tests := []struct {
		path       string
		code       int
		retryAfter time.Duration // at least, within a minute
		text       string
	}{
		{"/429", 429, 2 * time.Minute, "HTTP 429 Too Many Requests (retry after 2m0s)"},
		{"/503", 503, 59 * time.Minute, "HTTP 503 Service Unavailable (retry after "},
		{"/500", 500, 0, "HTTP 500 Internal Server Error"},
		{"/599", 599, 0, "/599?"},
		{"/moved", 410, 0, "/gone?session=xxxxx: HTTP 410 Gone"},
	}
	for _, tt := range tests {
		raw := withSecrets(t, srv.URL, tt.path)
		resp, err := c.Get(raw)
		if err != nil {
			t.Fatal(err)
		}
		se := NewStatusError(resp, now)
		resp.Body.Close()
		if se.Code != tt.code || se.RetryAfter < tt.retryAfter || se.RetryAfter > tt.retryAfter+time.Minute {
			t.Errorf("%s: %+v, want code %d, retry after %v", tt.path, se, tt.code, tt.retryAfter)
		}
		if !strings.Contains(se.Error(), tt.text) || !strings.HasPrefix(se.Error(), "GET http://reader:xxxxx@") {
			t.Errorf("%s: %q, want it to start with GET and the masked URL and hold %q", tt.path, se.Error(), tt.text)
		}
		noSecrets(t, tt.path+"'s error", se.Error())
		noSecrets(t, tt.path+"'s description", Describe(fmt.Errorf("wrapped: %w", se)))
		if got, want := Describe(se), "The site answered "+statusLine(tt.code)+"."; got != want {
			t.Errorf("Describe(%s) = %q, want %q", tt.path, got, want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := map[string]time.Duration{
		"":               0,
		"120":            2 * time.Minute,
		" 7 ":            7 * time.Second,
		"-5":             0,
		"soon":           0,
		"99999999999999": 24 * time.Hour, // capped, no overflow
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
		now.Add(72 * time.Hour).Format(http.TimeFormat):   24 * time.Hour,
		"Friday, 02-Jan-26 03:05:05 GMT":                  time.Minute, // RFC 850, which HTTP dates may still be
	}
	for in, want := range tests {
		if got := RetryAfter(in, now); got != want {
			t.Errorf("RetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestReadBody: ReadBodyTo into a new buffer each time.
func TestReadBody(t *testing.T) {
	readBody := func(resp *http.Response, r io.Reader, limit int64) ([]byte, error) {
		return ReadBodyTo(new(bytes.Buffer), resp, r, limit)
	}
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/announced":
			w.Header().Set("Content-Length", "1000000000")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "abc") // then hang up: nothing more is read
		case "/exact":
			io.WriteString(w, strings.Repeat("a", 1000))
		case "/endless": // chunked, no length: read until the limit is passed
			chunk := []byte(strings.Repeat("e", 4096))
			for i := 0; i < 1<<14; i++ {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	get := func(path string) *http.Response {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	resp := get("/exact")
	body, err := readBody(resp, resp.Body, 1000)
	resp.Body.Close()
	if err != nil || len(body) != 1000 {
		t.Errorf("a body of exactly the limit: %d bytes, %v", len(body), err)
	}

	resp = get("/announced")
	_, err = readBody(resp, resp.Body, 1000)
	resp.Body.Close()
	var tl *TooLargeError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &tl) || tl.Announced != 1e9 || tl.Limit != 1000 {
		t.Errorf("a 1 GB Content-Length: %v, want a TooLargeError announcing 1e9", err)
	}

	resp = get("/endless")
	_, err = readBody(nil, resp.Body, 1<<16)
	resp.Body.Close()
	if !errors.As(err, &tl) || tl.Announced != 0 || tl.Limit != 1<<16 || err.Error() != "body exceeds the size limit of 65536 bytes" {
		t.Errorf("an endless body: %v, want a TooLargeError at 65536 bytes", err)
	}
	if got, want := Describe(fmt.Errorf("feed: %w", err)), "The page is larger than the limit of 64 KiB."; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	// The server stops once the client hangs up; it never writes the 64 MiB
	// it would have.
	time.Sleep(50 * time.Millisecond)
	if n := written.Load(); n >= 32<<20 {
		t.Errorf("the server wrote %d bytes of an endless body, want the reading stopped near the limit", n)
	}
}

func TestRedactURL(t *testing.T) {
	tests := map[string]string{
		"https://example.com/feed.xml":                                    "https://example.com/feed.xml",
		"https://user:pw@example.com/feed":                                "https://user:xxxxx@example.com/feed",
		"https://user@example.com/feed":                                   "https://user@example.com/feed",
		"https://example.com/rss?category=world&page=2":                   "https://example.com/rss?category=world&page=2",
		"https://example.com/rss?apikey=abc&category=world":               "https://example.com/rss?apikey=xxxxx&category=world",
		"https://example.com/rss?access_token=a&X-Amz-Signature=b&auth=c": "https://example.com/rss?X-Amz-Signature=xxxxx&access_token=xxxxx&auth=xxxxx",
		"https://example.com/rss?password=p&password=q":                   "https://example.com/rss?password=xxxxx&password=xxxxx",
		"https://example.com/rss?a=%zz&token=t":                           "https://example.com/rss?xxxxx",
		"http://[::1:bad":                                                 "(unparsable URL)",
	}
	for in, want := range tests {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDescribe makes each kind of failure happen for real over loopback and
// checks its sentence, and that neither the error nor the sentence shows the
// URL's password or secret query values.
func TestDescribe(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
	}))
	defer loop.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer tlsSrv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now

	open := New(Options{Timeout: 300 * time.Millisecond, AllowPrivate: true, AllowPrivateRedirects: true})
	public := New(Options{Timeout: 5 * time.Second})
	tests := []struct {
		name   string
		client *http.Client
		url    string
		want   string
	}{
		{"timeout", open, withSecrets(t, slow.URL, "/"), "The site took too long to answer."},
		{"redirect loop", open, withSecrets(t, loop.URL, "/"), "The link redirects too many times."},
		{"untrusted certificate", open, withSecrets(t, tlsSrv.URL, "/"), "The site's TLS certificate is not valid."},
		{"https to a plain HTTP server", open, withSecrets(t, strings.Replace(loop.URL, "http:", "https:", 1), "/"), "The site does not speak TLS (HTTPS) properly."},
		{"refused connection", open, withSecrets(t, closed, "/"), "The site refused the connection."},
		{"private address", public, withSecrets(t, slow.URL, "/"), "I do not fetch links to private or local network addresses."},
		{"name that does not resolve", open, withSecrets(t, "http://no-such-host.invalid", "/"), "That site's name does not resolve."},
	}
	for _, tt := range tests {
		resp, err := tt.client.Get(tt.url)
		err = RedactError(err)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if got := Describe(err); got != tt.want {
			t.Errorf("%s: Describe(%v) = %q, want %q", tt.name, err, got, tt.want)
		}
		noSecrets(t, tt.name+"'s error", err.Error())
		noSecrets(t, tt.name+"'s description", Describe(err))
	}
	if got := Describe(errors.New("something else")); got != "The page could not be fetched." {
		t.Errorf("Describe(another error) = %q", got)
	}
	if got := Describe(nil); got != "" {
		t.Errorf("Describe(nil) = %q", got)
	}
}

// TestReadBodyTo: ReadBodyTo into a buffer reused from an
// earlier body — none of whose bytes stay — with the same limits.
func TestReadBodyTo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/announced":
			w.Header().Set("Content-Length", "1000000000")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "abc")
		case "/sized": // with a Content-Length
			io.WriteString(w, strings.Repeat("s", 700))
		case "/chunked":
			w.(http.Flusher).Flush()
			io.WriteString(w, strings.Repeat("c", 1000))
		case "/over":
			w.(http.Flusher).Flush()
			io.WriteString(w, strings.Repeat("o", 1001))
		}
	}))
	defer srv.Close()
	var buf bytes.Buffer
	buf.WriteString(strings.Repeat("old ", 1000))
	for _, tt := range []struct {
		path string
		want string
		err  bool
	}{
		{"/sized", strings.Repeat("s", 700), false},
		{"/chunked", strings.Repeat("c", 1000), false},
		{"/sized", strings.Repeat("s", 700), false},
		{"/over", "", true},
		{"/announced", "", true},
	} {
		resp, err := srv.Client().Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := ReadBodyTo(&buf, resp, resp.Body, 1000)
		resp.Body.Close()
		var tl *TooLargeError
		switch {
		case tt.err && (!errors.As(err, &tl) || tl.Limit != 1000 || (tt.path == "/announced") != (tl.Announced == 1e9)):
			t.Errorf("%s: %v, want a TooLargeError", tt.path, err)
		case !tt.err && (err != nil || string(body) != tt.want):
			t.Errorf("%s: %d bytes %.20q…, %v; want %d bytes", tt.path, len(body), body, err, len(tt.want))
		}
	}
}
