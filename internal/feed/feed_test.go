package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://site.example/</link>
<item><title>One &amp; only</title><link>/a/1?utm_source=x&amp;id=7#top</link><guid>g1</guid>
<pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
<item><title>No link</title><guid>g2</guid></item>
</channel></rss>`

func TestConditionalGet(t *testing.T) {
	var gets, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 02 Jan 2006 15:04:05 GMT" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "newshound-test") {
			t.Errorf("User-Agent %q", r.Header.Get("User-Agent"))
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, rss)
	}))
	defer srv.Close()
	f := NewFetcher(srv.Client(), "newshound-test/1", 1<<20)
	res, err := f.Fetch(context.Background(), srv.URL+"/feed", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || len(res.Items) != 2 {
		t.Fatalf("first fetch: %+v", res)
	}
	it := res.Items[0]
	if it.Identity != "https://site.example/a/1?id=7" || it.URL != "https://site.example/a/1?utm_source=x&id=7" {
		t.Errorf("identity %q, url %q", it.Identity, it.URL)
	}
	if it.Title != "One & only" || it.Text != "Hello world.\n\nSecond." {
		t.Errorf("title %q, text %q", it.Title, it.Text)
	}
	if !it.Published.Equal(time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)) {
		t.Errorf("published %v", it.Published)
	}
	if res.Items[1].Identity != "guid:g2 @"+srv.URL+"/feed" { // a GUID that is not a URI is unique within its feed only
		t.Errorf("linkless item identity %q", res.Items[1].Identity)
	}
	res2, err := f.Fetch(context.Background(), srv.URL+"/feed", res.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !res2.NotModified || len(res2.Items) != 0 || conditional.Load() != 1 {
		t.Errorf("second fetch: NotModified=%v items=%d conditional=%d", res2.NotModified, len(res2.Items), conditional.Load())
	}
	if res2.Validators != res.Validators {
		t.Errorf("validators lost on 304: %+v", res2.Validators)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/429":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/503":
			w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/500":
			w.WriteHeader(http.StatusInternalServerError)
		case "/huge":
			w.Write([]byte("<rss><channel>"))
			for range 3000 {
				w.Write([]byte(strings.Repeat("x", 1024)))
			}
		case "/broken":
			fmt.Fprint(w, "<html><body>not a feed</body></html>")
		case "/gzip-bomb":
			// The transport decompresses: the limit applies to what comes out.
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<rss><channel><item><title>"+strings.Repeat("A", 2<<20)+"</title></item></channel></rss>")
		}
	}))
	defer srv.Close()
	f := NewFetcher(srv.Client(), "t", 1<<20)
	ctx := context.Background()

	var se *StatusError
	if _, err := f.Fetch(ctx, srv.URL+"/429", Validators{}); !errors.As(err, &se) || se.Code != 429 || se.RetryAfter != 2*time.Minute {
		t.Errorf("429: %v", err)
	}
	if _, err := f.Fetch(ctx, srv.URL+"/503", Validators{}); !errors.As(err, &se) || se.Code != 503 || se.RetryAfter < 59*time.Minute {
		t.Errorf("503 with date: %v", err)
	}
	if _, err := f.Fetch(ctx, srv.URL+"/500", Validators{}); !errors.As(err, &se) || se.Code != 500 || se.RetryAfter != 0 {
		t.Errorf("500: %v", err)
	}
	for _, p := range []string{"/huge", "/gzip-bomb"} {
		if _, err := f.Fetch(ctx, srv.URL+p, Validators{}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", p, err)
		}
	}
	var nf *NotFeedError
	if _, err := f.Fetch(ctx, srv.URL+"/broken", Validators{}); !errors.As(err, &nf) || nf.Kind != "html" || !strings.Contains(err.Error(), "web page") {
		t.Errorf("broken: %v", err)
	}
}

func TestHeaderCharset(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Новости</title><item><title>Путин</title><link>https://ru.example/1</link></item></channel></rss>`
	body, err := charmap.Windows1251.NewEncoder().String(doc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=windows-1251")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	res, err := NewFetcher(srv.Client(), "t", 1<<20).Fetch(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Новости" || res.Items[0].Title != "Путин" {
		t.Errorf("decoded %q / %q", res.Title, res.Items[0].Title)
	}
}

func TestDeclaredCharset(t *testing.T) {
	doc := `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf` + "\xe9" + `</title><item><title>Erdo` + "\xf0" + `an</title><link>https://x.example/1</link></item></channel></rss>`
	res, err := Parse(strings.NewReader(doc), "https://x.example/")
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Café" || res.Items[0].Title != "Erdoðan" {
		t.Errorf("decoded %q / %q", res.Title, res.Items[0].Title)
	}
}

func TestCanonical(t *testing.T) {
	tests := map[string]string{
		"HTTPS://News.Example.ORG:443/a/b?x=1#frag":                   "https://news.example.org/a/b?x=1#frag",
		"https://e.org/2024/05/01#a1":                                 "https://e.org/2024/05/01#a1",
		"https://e.org/p#xtor=RSS-3":                                  "https://e.org/p",
		"https://e.org/p#utm_source=feed":                             "https://e.org/p",
		"https://e.org/p#ref=rss":                                     "https://e.org/p",
		"https://e.org/p#at_medium=custom7":                           "https://e.org/p",
		"https://e.org/p#.VwX2bC5uY0k":                                "https://e.org/p",
		"https://e.org/p#more-1234":                                   "https://e.org/p",
		"https://e.org/p#comments":                                    "https://e.org/p",
		"https://e.org/p#comments-7":                                  "https://e.org/p#comments-7",
		"https://e.org/p#":                                            "https://e.org/p",
		"http://example.org:80":                                       "http://example.org/",
		"http://example.org:8080/p":                                   "http://example.org:8080/p",
		"https://e.org/p?utm_source=a&b=2&fbclid=z&a=1&gclid=q&ref=t": "https://e.org/p?b=2&a=1",
		"https://e.org/p?mc_cid=1&mc_eid=2":                           "https://e.org/p",
		"https://e.org/p?z=1&a=2":                                     "https://e.org/p?z=1&a=2",
		"https://user:pw@e.org/p":                                     "https://e.org/p",
		"https://e.org/%7Euser/":                                      "https://e.org/~user/",
	}
	for in, want := range tests {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Canonical(u); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := map[string]string{
		"<p>A&nbsp;b</p><script>evil()</script><p>c<br>d</p>": "A b\n\nc d",
		"Tom &amp; Jerry":                   "Tom & Jerry",
		"plain\n\n\n\ntext  with   space":   "plain\n\ntext with space",
		"<ul><li>one</li><li>two</li></ul>": "one\n\ntwo",
		"nul\x00byte":                       "nulbyte",
		// a word hyphenated at a line end is one word; a compound or a suspended hyphen is not
		"Burgen im Mittel-\nalter und Ver- \r\n  waltung":           "Burgen im Mittelalter und Verwaltung",
		"<p>Die Pipeline Nord-\nStream 2</p>":                       "Die Pipeline Nord- Stream 2",
		"Ein-\nund Ausfuhr, well -\nknown, Mittel-\n\nalter, x-\n1": "Ein- und Ausfuhr, well - known, Mittel-\n\nalter, x- 1",
		"Präsi-\ndentin Über-\nblick":                               "Präsidentin Überblick",
	}
	for in, want := range tests {
		if got := PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(rss))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","url":"/x"}]}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="x"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":2,"url":"/a#b","external_url":"https://e.org/x","tags":"a,b","authors":{"name":"n"},"date_published":"2024-01-01"}]}`))
	f.Add([]byte(`<!DOCTYPE html><html><head><base href="/b/"><link rel="alternate feed" type="application/rss+xml" href="f.xml"></head></html>`))
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"))
	f.Add([]byte(`<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><id>tag:x,1:1</id></entry>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(strings.NewReader(string(data)), "https://example.org/feed")
		if err != nil {
			if strings.Contains(err.Error(), "parser failure") {
				t.Fatalf("parser panicked: %v", err)
			}
			return
		}
		for _, it := range res.Items {
			if it.Identity == "" {
				t.Fatal("item without identity")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	benchParse(b, "Story %d about things", strings.Repeat("Some words of the story. ", 20))
}

// benchParse parses a feed of 20 items titled title (with the item's
// number) whose description is the paragraph para.
func benchParse(b *testing.B, title, para string) {
	var sb strings.Builder
	sb.WriteString(`<rss version="2.0"><channel><title>T</title>`)
	for i := range 20 {
		fmt.Fprintf(&sb, `<item><title>`+title+`</title><link>https://e.org/s/%d?utm_source=rss</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;%s&lt;/p&gt;</description></item>`, i, i, para)
	}
	sb.WriteString(`</channel></rss>`)
	doc := sb.String()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(strings.NewReader(doc), "https://e.org/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetch is one poll's fetch of a changed feed as watchers'
// BenchmarkPollCycle serves it: 20 items with RFC 1123 dates (numeric
// zone) and escaped HTML, sent chunked (no Content-Length), parsed and
// normalised. Its allocations are the poll cycle's per-feed share.
func BenchmarkFetch(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
	now := time.Now().UTC().Format(time.RFC1123Z)
	for i := range 20 {
		fmt.Fprintf(&sb, `<item><title>Story f0001-7-%d about the economy and the weather</title><link>https://bench.example/f0001/7/%d</link><pubDate>%s</pubDate><description>&lt;p&gt;Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed f0001.&lt;/p&gt;</description></item>`, i, i, now, i)
	}
	sb.WriteString(`</channel></rss>`)
	doc := sb.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"g7"`)
		w.(http.Flusher).Flush() // chunked, as the poll benchmark's server sends it
		io.WriteString(w, doc)
	}))
	defer srv.Close()
	f := NewFetcher(srv.Client(), "bench", 8<<20)
	ctx := context.Background()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := f.Fetch(ctx, srv.URL+"/f0001", Validators{})
		if err != nil || len(res.Items) != 20 {
			b.Fatal(err)
		}
	}
}

// TestFetchErrorsHideSecrets: a feed URL's password and secret query values
// (private feeds carry them) appear in no error, whether the server answers
// with an error status or cannot be reached.
func TestFetchErrorsHideSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	defer srv.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	f := NewFetcher(srv.Client(), "t", 1<<20)
	for _, base := range []string{srv.URL, down.URL} {
		u, _ := url.Parse(base + "/private.xml?token=T0K3N&q=x")
		u.User = url.UserPassword("me", "PASSW0RD")
		_, err := f.Fetch(context.Background(), u.String(), Validators{})
		if err == nil || strings.Contains(err.Error(), "PASSW0RD") || strings.Contains(err.Error(), "T0K3N") || !strings.Contains(err.Error(), "/private.xml") {
			t.Errorf("%s: %v, want an error naming the feed without its secrets", base, err)
		}
	}
}

// TestRootAfterLongProlog: a feed whose root element comes after more than
// 4 KB of prolog (a licence in a comment, a stylesheet's processing
// instructions) is read, RSS and Atom alike — gofeed's own detection looks
// at the first 4 KB only and gave up on it.
func TestRootAfterLongProlog(t *testing.T) {
	prolog := `<?xml version="1.0" encoding="utf-8"?>` + "\n<!-- " + strings.Repeat("Licence text, at length. ", 300) + "-->\n"
	for _, doc := range []string{
		prolog + `<rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://site.example/1</link></item></channel></rss>`,
		prolog + `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>One</title><link href="https://site.example/1"/><id>tag:site.example,2024:1</id></entry></feed>`,
	} {
		res, err := Parse(strings.NewReader(doc), "https://site.example/feed")
		if err != nil {
			t.Fatalf("%.60s…: %v", doc[len(prolog):], err)
		}
		if len(res.Items) != 1 || res.Items[0].URL != "https://site.example/1" || res.Items[0].Title != "One" {
			t.Errorf("%.60s…: items %+v", doc[len(prolog):], res.Items)
		}
	}
}

// TestFetchResultsOutliveTheirBody: the buffer a body is read into is
// reused by the next fetch (bodyBuffers); nothing of a result may be a view
// of it. Results of RSS, Atom and JSON Feed documents stay as they were
// while later fetches overwrite the buffer.
func TestFetchResultsOutliveTheirBody(t *testing.T) {
	docs := map[string]string{
		"/rss":  `<rss version="2.0"><channel><title>R</title><item><title>Rss one</title><link>https://r.example/1</link><guid>r-1</guid><author>Ann</author><description>First &lt;b&gt;text&lt;/b&gt;</description></item></channel></rss>`,
		"/atom": `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>Atom one</title><link href="https://a.example/1"/><id>tag:a.example,2024:1</id><summary>Second text</summary></entry></feed>`,
		"/json": `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"j-1","url":"https://j.example/1","title":"Json one","content_text":"Third text"}]}`,
		"/xxxx": strings.Repeat("x", 4000),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, docs[r.URL.Path])
	}))
	defer srv.Close()
	f := NewFetcher(srv.Client(), "t", 1<<20)
	kept := map[string]*Result{}
	copies := map[string]string{}
	for round := range 3 {
		for _, path := range []string{"/rss", "/atom", "/json", "/xxxx"} {
			res, err := f.Fetch(context.Background(), srv.URL+path, Validators{})
			if path == "/xxxx" {
				continue // not a feed: it only overwrites the buffer
			}
			if err != nil || len(res.Items) != 1 {
				t.Fatalf("%s: %v", path, err)
			}
			if round == 0 {
				kept[path], copies[path] = res, fmt.Sprintf("%q %+v", res.Title, res.Items)
			}
		}
	}
	for path, res := range kept {
		if got := fmt.Sprintf("%q %+v", res.Title, res.Items); got != copies[path] {
			t.Errorf("%s: the result changed after later fetches:\n%s\nwas\n%s", path, got, copies[path])
		}
	}
}
