package article

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/newshound/newshound/internal/httpclient"
)

// Sentinel errors of Fetch; they are wrapped, so test with errors.Is.
var (
	// ErrNotHTML: the page is not an HTML document (a PDF, an image…).
	ErrNotHTML = errors.New("article: not an HTML page")
	// ErrTooShort: the page yielded less text than Options.MinText, as
	// paywall stubs and consent walls do.
	ErrTooShort = errors.New("article: too little text")
)

// StatusError is an HTTP response outside 2xx: httpclient's, shared by
// every fetcher (the URL that answered, secrets masked, and Retry-After).
type StatusError = httpclient.StatusError

// Options are the Fetcher's limits. Callers pass the configuration's values
// (watchers.ArticleOptions); a zero field takes the default below.
type Options struct {
	MaxBody       int64         // bytes read at most; a larger page is cut, not loaded whole
	UserAgent     string        // User-Agent header
	MaxConcurrent int           // concurrent fetches overall
	PerHost       int           // concurrent fetches per host
	HostDelay     time.Duration // least time between the starts of two requests to one host (negative: none)
	MinText       int           // text shorter than this (in TextLength) is ErrTooShort (negative: no minimum)
}

// The defaults of Options' zero fields. They are config's defaults
// (config.DefaultMaxBody, DefaultArticleConc, DefaultPerHost,
// DefaultHostDelay, DefaultMinText), which this leaf package cannot import;
// watchers' TestDefaultsAgree checks that they are equal. DefaultUserAgent is
// the bare name: the configuration's (config.DefaultUserAgent) carries the
// version, which only the caller knows.
const (
	DefaultMaxBody       = 5 << 20
	DefaultUserAgent     = "newshound"
	DefaultMaxConcurrent = 8
	DefaultPerHost       = 2
	DefaultHostDelay     = 250 * time.Millisecond
	DefaultMinText       = 250
)

func (o Options) withDefaults() Options {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	switch {
	case o.HostDelay == 0:
		o.HostDelay = DefaultHostDelay
	case o.HostDelay < 0:
		o.HostDelay = 0
	}
	switch {
	case o.MinText == 0:
		o.MinText = DefaultMinText
	case o.MinText < 0:
		o.MinText = 0
	}
	return o
}

// Fetcher fetches article pages politely and extracts them. It is safe for
// concurrent use; its limits hold across all callers.
type Fetcher struct {
	client *http.Client
	opts   Options
	slots  chan struct{} // one token per fetch in flight
	hosts  *hostGates
}

// NewFetcher returns a Fetcher that sends its requests through client, which
// supplies the timeout, the redirect policy and any refusal of private
// addresses. A nil client is http.DefaultClient.
func NewFetcher(client *http.Client, opts Options) *Fetcher {
	if client == nil {
		client = http.DefaultClient
	}
	opts = opts.withDefaults()
	return &Fetcher{
		client: client,
		opts:   opts,
		slots:  make(chan struct{}, opts.MaxConcurrent),
		hosts:  newHostGates(opts.PerHost, opts.HostDelay),
	}
}

// Fetch downloads the page at rawURL and extracts its article. It waits for
// a free slot (overall and for the page's host) and for the host's polite
// delay, all bounded by ctx. Errors: *StatusError for a non-2xx answer,
// ErrNotHTML, ErrTooShort (returned together with the article, whose
// metadata may still be of use), or the client's error (timeout, redirect
// loop, refused address), all wrapped.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("article: fetch %s: %w", httpclient.RedactURL(rawURL), err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("article: fetch %s: not an http(s) URL", httpclient.RedactURL(rawURL))
	}
	body, contentType, finalURL, err := f.download(ctx, u)
	if err != nil {
		return nil, err
	}
	a, err := extract(body, contentType, finalURL)
	if err != nil {
		return nil, err
	}
	if n := TextLength(a.Text); f.opts.MinText > 0 && n < f.opts.MinText {
		return a, fmt.Errorf("%w: %s has text of length %d (of %d wanted)", ErrTooShort, httpclient.RedactURL(finalURL), n, f.opts.MinText)
	}
	return a, nil
}

// download GETs u within the concurrency limits and returns at most
// MaxBody bytes of its body, its Content-Type and the URL it finally came
// from after redirects.
func (f *Fetcher) download(ctx context.Context, u *url.URL) (body []byte, contentType, finalURL string, err error) {
	host := strings.ToLower(u.Hostname())
	release, err := f.hosts.acquire(ctx, host)
	if err != nil {
		return nil, "", "", fmt.Errorf("article: fetch %s: %w", httpclient.RedactURL(u.String()), err)
	}
	defer release()
	select {
	case f.slots <- struct{}{}:
		defer func() { <-f.slots }()
	case <-ctx.Done():
		return nil, "", "", fmt.Errorf("article: fetch %s: %w", httpclient.RedactURL(u.String()), ctx.Err())
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", "", fmt.Errorf("article: fetch %s: %w", httpclient.RedactURL(u.String()), err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	start := time.Now()
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, "", "", fmt.Errorf("article: %w", httpclient.RedactError(err))
	}
	defer resp.Body.Close()
	finalURL = resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", "", fmt.Errorf("article: %w", httpclient.NewStatusError(resp, time.Now()))
	}

	contentType = resp.Header.Get("Content-Type")
	br := bufio.NewReaderSize(io.LimitReader(resp.Body, f.opts.MaxBody), 4096)
	head, _ := br.Peek(512)
	if !isHTML(contentType, head) {
		return nil, "", "", fmt.Errorf("%w: %s is %s", ErrNotHTML, httpclient.RedactURL(finalURL), mediaType(contentType, head))
	}
	body, err = io.ReadAll(br)
	if err != nil {
		if t := f.client.Timeout; t > 0 && time.Since(start) >= t {
			// The client's deadline closed the connection under the read;
			// depending on timing net/http reports that as a closed
			// connection rather than a timeout. Say what happened.
			err = &timeoutError{after: t, err: err}
		}
		return nil, "", "", fmt.Errorf("article: read %s: %w", httpclient.RedactURL(finalURL), err)
	}
	return body, contentType, finalURL, nil
}

// isHTML reports whether a response is an HTML page, judged by its declared
// media type and, when that is missing or generic, by its first bytes.
func isHTML(contentType string, head []byte) bool {
	mt := mediaType(contentType, head)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// mediaType is the response's media type: the declared one, or one sniffed
// from head when none or a generic one is declared. A declared HTML type
// whose body plainly starts as a PDF counts as a PDF.
func mediaType(contentType string, head []byte) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt == "" || mt == "application/octet-stream" || mt == "text/plain" || mt == "binary/octet-stream" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(head))
	}
	if strings.HasPrefix(string(head), "%PDF-") {
		return "application/pdf"
	}
	return mt
}

// TextLength measures text in Latin-script characters, so that one length
// means about as much story in every script: a Chinese or Japanese
// character (Han, hiragana, katakana) counts as three, a Korean syllable as
// two, every other character (spaces included) as one. A news sentence
// takes about three times as many characters in English as in Chinese or
// Japanese, which write no spaces; Korean spaces its words.
func TextLength(text string) int {
	n := 0
	for _, r := range text {
		switch {
		case r < 0x1100:
			n++
		case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			n += 3
		case unicode.Is(unicode.Hangul, r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// timeoutError is a body read ended by the client's timeout.
type timeoutError struct {
	after time.Duration
	err   error
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("timed out after %v: %v", e.after, e.err)
}
func (e *timeoutError) Timeout() bool { return true }
func (e *timeoutError) Unwrap() error { return e.err }
