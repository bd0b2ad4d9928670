package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/newshound/newshound/internal/httpclient"
)

// ErrTooLarge is matched (errors.Is) when a feed's body exceeds the limit;
// it is httpclient's, shared by every fetcher.
var ErrTooLarge = httpclient.ErrTooLarge

// StatusError is a non-success HTTP answer: httpclient's, which carries the
// URL (secrets masked) and the Retry-After delay.
type StatusError = httpclient.StatusError

// Fetcher fetches feeds.
type Fetcher struct {
	client    *http.Client
	userAgent string
	maxBody   int64
}

// NewFetcher returns a Fetcher that uses client, sends userAgent and reads at
// most maxBody bytes of a feed (after decompression).
func NewFetcher(client *http.Client, userAgent string, maxBody int64) *Fetcher {
	return &Fetcher{client: client, userAgent: userAgent, maxBody: maxBody}
}

// Fetch gets the feed at rawURL. It sends v as conditional-request headers;
// a 304 answer gives a Result with NotModified set. file: URLs read a local
// file, with its modification time as Last-Modified.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, v Validators) (*Result, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if u.Scheme == "file" {
		return f.fetchFile(u, v)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", httpclient.RedactError(err))
	}
	defer resp.Body.Close()
	next := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		if next == (Validators{}) {
			next = v
		}
		return &Result{NotModified: true, Validators: next}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, httpclient.NewStatusError(resp, time.Now())
	}
	buf := getBodyBuffer()
	defer putBodyBuffer(buf)
	body, err := readLimited(buf, resp, resp.Body, f.maxBody)
	if err != nil {
		return nil, err
	}
	return parseResult(body, resp.Header.Get("Content-Type"), resp.Request.URL.String(), next, f.maxBody)
}

func (f *Fetcher) fetchFile(u *url.URL, v Validators) (*Result, error) {
	path := u.Path
	if u.Opaque != "" {
		path = u.Opaque
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	next := Validators{LastModified: st.ModTime().UTC().Format(http.TimeFormat) + " " + strconv.FormatInt(st.Size(), 10)}
	if v.LastModified == next.LastModified {
		return &Result{NotModified: true, Validators: next}, nil
	}
	buf := getBodyBuffer()
	defer putBodyBuffer(buf)
	body, err := readLimited(buf, nil, file, f.maxBody)
	if err != nil {
		return nil, err
	}
	return parseResult(body, "", u.String(), next, f.maxBody)
}

// readLimited reads a feed's body into buf (httpclient.ReadBodyTo).
func readLimited(buf *bytes.Buffer, resp *http.Response, r io.Reader, limit int64) ([]byte, error) {
	body, err := httpclient.ReadBodyTo(buf, resp, r, limit)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return body, nil
}

// bodyBuffers hold the bodies of feeds being parsed, reused from one fetch
// to the next: a body is read (io.ReadAll grew a new one a few times per
// fetch), parsed and dropped, as nothing parsed keeps a part of it — the
// parser's strings are copies. A buffer grown past maxPooledBody by a large
// feed is left to the collector, not kept.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBody = 1 << 20

func getBodyBuffer() *bytes.Buffer { return bodyBuffers.Get().(*bytes.Buffer) }

func putBodyBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBody {
		b.Reset()
		bodyBuffers.Put(b)
	}
}

func parseResult(body []byte, contentType, baseURL string, next Validators, limit int64) (*Result, error) {
	doc, err := unwrapGzip(body, limit)
	if err != nil {
		return nil, err
	}
	res, err := parse(transcode(doc, contentType), baseURL)
	if err != nil {
		return nil, err
	}
	res.Validators = next
	res.Bytes = len(body)
	return res, nil
}

// transcode converts body to UTF-8 when the Content-Type header names another
// charset and the document does not declare its own (an XML declaration's
// encoding wins, and gofeed honours it; so does a byte-order mark).
func transcode(body []byte, contentType string) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	label := strings.ToLower(params["charset"])
	if err != nil || label == "" || label == "utf-8" || label == "utf8" {
		return body
	}
	for _, bom := range [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}, {0xEF, 0xBB, 0xBF}} {
		if bytes.HasPrefix(body, bom) {
			return body
		}
	}
	head := body[:min(len(body), 200)]
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) && bytes.Contains(head, []byte("encoding=")) {
		return body
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
