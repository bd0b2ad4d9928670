package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// What every fetcher (feeds, article pages, /summary) shares about a failed
// fetch: the error of a non-2xx answer, the error of a body over its limit,
// the URL as it may be shown, and the sentence that tells a user what went
// wrong.

// StatusError is a non-2xx HTTP answer.
type StatusError struct {
	Code       int
	URL        string        // the URL that answered (after redirects), secrets masked (RedactURL)
	RetryAfter time.Duration // from a Retry-After header (seconds or an HTTP date, at most a day); 0 if none
}

func (e *StatusError) Error() string {
	s := statusLine(e.Code)
	if e.URL != "" {
		s = "GET " + e.URL + ": " + s
	}
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter.Round(time.Second))
	}
	return s
}

// NewStatusError describes resp, a non-2xx answer, and reads (a bounded part
// of) its body away so that the connection can be reused. now is the time
// an HTTP-date Retry-After is measured from.
func NewStatusError(resp *http.Response, now time.Time) *StatusError {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	e := &StatusError{Code: resp.StatusCode, RetryAfter: RetryAfter(resp.Header.Get("Retry-After"), now)}
	if resp.Request != nil && resp.Request.URL != nil {
		e.URL = RedactURL(resp.Request.URL.String())
	}
	return e
}

// statusLine is "HTTP 404 Not Found" (without the text for a code it does
// not know).
func statusLine(code int) string {
	s := "HTTP " + strconv.Itoa(code)
	if t := http.StatusText(code); t != "" {
		s += " " + t
	}
	return s
}

// RetryAfter parses a Retry-After value: seconds or an HTTP date. It is
// capped at a day so a hostile server cannot park a fetch forever; an
// unreadable or past value is 0.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(min(secs, 1<<30)) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return max(0, min(d, 24*time.Hour))
}

// ErrTooLarge is matched (errors.Is) by every *TooLargeError.
var ErrTooLarge = errors.New("body exceeds the size limit")

// TooLargeError is a body over its limit.
type TooLargeError struct {
	Limit     int64 // bytes allowed
	Announced int64 // the Content-Length that announced more, or 0 when the body was read up to the limit
}

func (e *TooLargeError) Error() string {
	if e.Announced > 0 {
		return fmt.Sprintf("%v (%d bytes announced, limit %d)", ErrTooLarge, e.Announced, e.Limit)
	}
	return fmt.Sprintf("%v of %d bytes", ErrTooLarge, e.Limit)
}

func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// ReadBodyTo reads r whole into buf, emptied first, up to limit bytes; a
// longer body is a *TooLargeError, read no further than one byte past the
// limit. When resp is the response r belongs to (it may be nil), a
// Content-Length over the limit is refused before anything is read, and one
// within it sizes buf at once. The body returned is buf's bytes, valid until
// buf is used again: a caller reuses buf's memory from one body to the next.
func ReadBodyTo(buf *bytes.Buffer, resp *http.Response, r io.Reader, limit int64) ([]byte, error) {
	buf.Reset()
	if resp != nil {
		if resp.ContentLength > limit {
			return nil, &TooLargeError{Limit: limit, Announced: resp.ContentLength}
		}
		if resp.ContentLength > 0 {
			buf.Grow(int(resp.ContentLength) + bytes.MinRead) // ReadFrom wants MinRead free to read on
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return buf.Bytes(), nil
}

// RedactURL returns raw with its password and the values of secret-looking
// query parameters (token, key, secret, password, signature, auth…) replaced
// by "xxxxx", for logs and error messages: feed URLs may carry credentials.
// A URL that does not parse is replaced whole.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			u.RawQuery = "xxxxx"
		} else {
			changed := false
			for k, vs := range q {
				if secretParam(k) {
					for i := range vs {
						vs[i] = "xxxxx"
					}
					changed = true
				}
			}
			if changed {
				u.RawQuery = q.Encode()
			}
		}
	}
	return u.String()
}

// RedactError returns err, the error of a client's Do or Get (a
// *url.Error), with the URL it names masked by RedactURL (net/http masks only
// the password): a feed's error is logged and stored. It unwraps as before.
// Any other error is returned as it is.
func RedactError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: RedactURL(ue.URL), Err: ue.Err}
	}
	return err
}

var secretWords = []string{"token", "key", "secret", "pass", "pwd", "auth", "sig", "session", "credential", "apikey"}

func secretParam(name string) bool {
	n := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Describe says in one short sentence, for a user, why a fetch failed:
// a refused private address, an HTTP status, a body too large, a timeout,
// a name that does not resolve, a refused connection, a TLS failure, too
// many redirects. Anything else is "The page could not be fetched." — the
// error itself, which may name internal details, is for the log.
func Describe(err error) string {
	var (
		se   *StatusError
		tl   *TooLargeError
		ne   net.Error
		dns  *net.DNSError
		cert *tls.CertificateVerificationError
		rec  tls.RecordHeaderError
		ua   x509.UnknownAuthorityError
		he   x509.HostnameError
		ci   x509.CertificateInvalidError
	)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrPrivateAddress):
		return "I do not fetch links to private or local network addresses."
	case errors.As(err, &se):
		return "The site answered " + statusLine(se.Code) + "."
	case errors.As(err, &tl):
		return fmt.Sprintf("The page is larger than the limit of %s.", formatBytes(tl.Limit))
	case errors.Is(err, ErrTooManyRedirects):
		return "The link redirects too many times."
	case errors.As(err, &dns):
		return "That site's name does not resolve."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "The site refused the connection."
	case errors.As(err, &cert), errors.As(err, &ua), errors.As(err, &he), errors.As(err, &ci):
		return "The site's TLS certificate is not valid."
	case errors.As(err, &rec), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"): // net/http's error is not exported
		return "The site does not speak TLS (HTTPS) properly."
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "The site took too long to answer."
	case errors.Is(err, context.Canceled):
		return "The request was cancelled."
	}
	return "The page could not be fetched."
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
