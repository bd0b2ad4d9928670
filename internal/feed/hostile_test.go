package feed

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/testutil"
)

// memLimit is the most the heap may grow during a single hostile fetch or
// parse: generous headroom over the body limit, far below what the attacks
// would cost unbounded (gigabytes).
const memLimit = 100 << 20

func TestFetchHostileServers(t *testing.T) {
	bomb := testutil.GzipBomb(`<?xml version="1.0"?><rss version="2.0"><channel><title>`, ' ', 16) // 1 GiB inflated
	mux := http.NewServeMux()
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<rss version="2.0"><channel><title>Endless</title>`)
		chunk := strings.Repeat(`<item><title>Again</title><link>https://e.example/again</link></item>`, 200)
		for r.Context().Err() == nil {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/gigabyte", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(1<<30))
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<rss version="2.0"><channel>`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/slowloris", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		testutil.Trickle(w, r, rssDoc(3), time.Second)
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select { // headers never come
		case <-time.After(time.Minute):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?again="+r.URL.Query().Get("again")+"x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	const maxBody = 4 << 20
	// The client as the feed fetcher gets it: an overall timeout and a
	// redirect limit (httpclient.New's policy, spelled out here because
	// internal packages do not import each other).
	client := &http.Client{
		Timeout: 2 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			return nil
		},
	}
	f := NewFetcher(client, "newshound-test", maxBody)
	tests := []struct {
		name string
		path string
		want func(error) bool
	}{
		{"gzip bomb stops at max_body after decompression", "/gzip-bomb", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"endless body stops at max_body", "/endless", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"1 GB Content-Length refused before reading", "/gigabyte", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"slowloris ended by the client timeout", "/slowloris", isTimeout},
		{"headers never sent: client timeout", "/slow-headers", isTimeout},
		{"redirect loop stops", "/loop", func(err error) bool { return err != nil && strings.Contains(err.Error(), "redirects") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var err error
			_, took := testutil.MeasureHeap(t, memLimit, func() {
				_, err = f.Fetch(ctx, srv.URL+tt.path, Validators{})
			})
			if !tt.want(err) {
				t.Errorf("err = %v", err)
			}
			if ctx.Err() != nil {
				t.Errorf("only the test's own deadline ended the fetch (%v)", took)
			}
		})
	}
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// rssDoc is a small valid feed of n items.
func rssDoc(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://site.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://site.example/s/%d</link><guid>g%d</guid><description>Text of story %d.</description></item>`, i, i, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func TestParseBillionLaughs(t *testing.T) {
	var dtd strings.Builder
	dtd.WriteString(`<!ENTITY lol "lol">`)
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		fmt.Fprintf(&dtd, `<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
	}
	doc := `<?xml version="1.0"?><!DOCTYPE rss [` + dtd.String() + `]>` +
		`<rss version="2.0"><channel><title>&lol9;</title>` +
		`<item><title>Laugh &lol9;</title><link>https://site.example/lol</link><description>&lol9; &lol8;</description></item>` +
		`</channel></rss>`
	var res *Result
	var err error
	testutil.MeasureHeap(t, memLimit, func() { res, err = Parse(strings.NewReader(doc), "https://site.example/") })
	if err != nil {
		return // refusing the document is bounded too
	}
	for _, it := range res.Items {
		if len(it.Title)+len(it.Text) > 10_000 {
			t.Errorf("entities expanded: title %d bytes, text %d bytes", len(it.Title), len(it.Text))
		}
	}
	if len(res.Title) > 10_000 {
		t.Errorf("entities expanded in the feed title: %d bytes", len(res.Title))
	}
}

func TestParseInvalidUTF8AndNUL(t *testing.T) {
	bad := "Bad\x00 by\xfftes\x01 and \xc3\x28 NUL\x00"
	tests := []struct {
		name string
		doc  string
	}{
		{"rss", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + bad + `</title><item>` +
			`<title>` + bad + `</title><link>https://site.example/a` + "\x00\xff" + `b</link><guid>g` + bad + `</guid>` +
			`<author>` + bad + `</author><description>` + bad + `</description><pubDate>` + bad + `</pubDate></item>` +
			`<item><title>Clean story</title><link>https://site.example/clean</link></item></channel></rss>`},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>` + bad + `</title><entry><title>` + bad + `</title>` +
			`<link href="https://site.example/a` + "\x00" + `"/><id>` + bad + `</id><author><name>` + bad + `</name></author>` +
			`<content type="html">` + bad + `</content></entry>` +
			`<entry><title>Clean story</title><link href="https://site.example/clean"/><id>c</id></entry></feed>`},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"` + bad + `","items":[` +
			`{"id":"` + bad + `","url":"https://site.example/a` + "\x00" + `","title":"` + bad + `","content_html":"` + bad + `","authors":[{"name":"` + bad + `"}]},` +
			`{"id":"c","url":"https://site.example/clean","title":"Clean story"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.doc), "https://site.example/")
			if err != nil {
				t.Fatalf("a feed with stray bytes is lost whole: %v", err)
			}
			if !utf8.ValidString(res.Title) || strings.ContainsRune(res.Title, 0) {
				t.Errorf("feed title %q", res.Title)
			}
			var clean bool
			for _, it := range res.Items {
				for name, v := range map[string]string{"identity": it.Identity, "url": it.URL, "guid": it.GUID, "title": it.Title, "text": it.Text, "author": it.Author} {
					if !utf8.ValidString(v) || strings.ContainsAny(v, "\x00\x01") {
						t.Errorf("%s %q", name, v)
					}
				}
				clean = clean || it.Title == "Clean story"
			}
			if !clean {
				t.Errorf("the clean item is missing: %+v", res.Items)
			}
		})
	}
}

func TestParseHundredThousandItems(t *testing.T) {
	var js strings.Builder
	js.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[`)
	for i := range 100_000 {
		if i > 0 {
			js.WriteString(",")
		}
		fmt.Fprintf(&js, `{"id":"g%d","url":"https://site.example/s/%d","title":"Story %d","content_text":"Text of story %d."}`, i, i, i, i)
	}
	js.WriteString(`]}`)
	var atom strings.Builder
	atom.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>`)
	for i := range 100_000 {
		fmt.Fprintf(&atom, `<entry><id>g%d</id><title>Story %d</title><link href="https://site.example/s/%d"/></entry>`, i, i, i)
	}
	atom.WriteString(`</feed>`)
	tests := []struct{ name, doc string }{
		{"rss", rssDoc(100_000)},
		{"atom", atom.String()},
		{"json", js.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Logf("document of %.1f MB", float64(len(tt.doc))/(1<<20))
			var res *Result
			var err error
			testutil.MeasureHeap(t, memLimit, func() { res, err = Parse(strings.NewReader(tt.doc), "https://site.example/") })
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != MaxItems || res.Items[0].Title != "Story 0" || res.Items[MaxItems-1].Title != fmt.Sprint("Story ", MaxItems-1) {
				t.Errorf("%d items, want the first %d", len(res.Items), MaxItems)
			}
		})
	}
}

func TestParseHugeFields(t *testing.T) {
	huge := strings.Repeat("Enormous <b>headline</b> words ", 10<<20/31) // 10 MB
	esc := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(huge)
	item := func(title, author, desc string) string {
		return `<rss version="2.0"><channel><title>T</title><item><title>` + title + `</title>` +
			`<link>https://site.example/huge</link><author>` + author + `</author><description>` + desc + `</description></item></channel></rss>`
	}
	tests := []struct{ name, doc string }{
		{"item title", item(esc, "Jo", "Text.")},
		{"feed title", strings.Replace(item("Title", "Jo", "Text."), "<title>T</title>", "<title>"+esc+"</title>", 1)},
		{"author", item("Title", esc, "Text.")},
		{"description", item("Title", "Jo", esc)},
		{"description in CDATA", item("Title", "Jo", "<![CDATA["+huge+"]]>")},
		{"json title", `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://site.example/huge","title":"` + huge + `"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *Result
			var err error
			testutil.MeasureHeap(t, memLimit, func() { res, err = Parse(strings.NewReader(tt.doc), "https://site.example/") })
			if err != nil {
				t.Fatal(err)
			}
			it := res.Items[0]
			if len(res.Title) > 1000 || len(it.Title) > 1000 || len(it.Author) > 300 || len(it.Text) > 200_000 {
				t.Errorf("feed title %d bytes, title %d, author %d, text %d", len(res.Title), len(it.Title), len(it.Author), len(it.Text))
			}
			for _, v := range []string{res.Title, it.Title, it.Author, it.Text} {
				if strings.Contains(v, "<") || !utf8.ValidString(v) {
					t.Errorf("field not plain text: %.80q", v)
				}
			}
			if !strings.HasPrefix(it.Title+it.Author+it.Text+res.Title, "Enormous headline words") &&
				!strings.Contains(it.Title+it.Author+it.Text+res.Title, "Enormous headline words") {
				t.Errorf("the huge field lost its text")
			}
		})
	}
}

func TestParseHTMLInEveryField(t *testing.T) {
	const evil = `<script>alert(1)</script><b onmouseover="x()">Bold</b> <img src=x onerror=alert(2)><style>p{}</style><a href="javascript:alert(3)">link</a>`
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(evil)
	doc := `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>` + esc + `</title><link>https://site.example/</link><item>` +
		`<title>` + esc + `</title><link>javascript:alert(4)</link><guid isPermaLink="false">g1</guid>` +
		`<dc:creator>` + esc + `</dc:creator><description><![CDATA[` + evil + `]]></description>` +
		`<enclosure url="javascript:alert(5)" type="image/png"/></item></channel></rss>`
	res, err := Parse(strings.NewReader(doc), "https://site.example/")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 {
		t.Fatalf("%d items", len(res.Items))
	}
	it := res.Items[0]
	fields := map[string]string{"feed title": res.Title, "title": it.Title, "text": it.Text, "author": it.Author}
	for name, v := range fields {
		if strings.ContainsAny(v, "<>") || strings.Contains(v, "alert") || strings.Contains(v, "p{}") {
			t.Errorf("%s is not plain text: %q", name, v)
		}
		if name != "author" && !strings.Contains(v, "Bold") { // gofeed reads "email (name)" and trips on the parentheses of alert(1)
			t.Errorf("%s lost its text: %q", name, v)
		}
	}
	if it.URL != "" || it.Image != "" || it.Identity != "guid:g1 @https://site.example/" {
		t.Errorf("javascript: links kept: url %q image %q identity %q", it.URL, it.Image, it.Identity)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<p>A&nbsp;b</p><script>evil()</script>", "Tom &amp; Jerry", "a\x00b\xffc", "<ul><li>x</li></ul>\n\n\n y", "&lt;b&gt;", "<style>p{}</style>z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := PlainText(s)
		if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' || r == 0x7F }) {
			t.Errorf("control character in %q", out)
		}
		if strings.Contains(out, "\n\n\n") || strings.Contains(out, "  ") || out != strings.TrimSpace(out) {
			t.Errorf("whitespace not collapsed: %q", out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("valid input, invalid output %q", out)
		}
	})
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"HTTPS://News.Example.ORG:443/a/b?x=1#frag", "https://e.org/p?utm_source=a&b=2&fbclid=z", "http://[::1]:80/%7Euser/", "https://user:pw@e.org/p?&&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return
		}
		c := Canonical(u)
		cu, err := url.Parse(c)
		if err != nil {
			t.Fatalf("Canonical(%q) = %q does not parse: %v", raw, c, err)
		}
		if again := Canonical(cu); again != c {
			t.Errorf("not idempotent: %q → %q → %q", raw, c, again)
		}
		if (cu.Fragment != "" && !keepFragment(cu.Fragment)) || cu.User != nil {
			t.Errorf("Canonical(%q) = %q keeps a tracking fragment or credentials", raw, c)
		}
		for _, p := range strings.Split(cu.RawQuery, "&") {
			key, _, _ := strings.Cut(p, "=")
			if k, err := url.QueryUnescape(key); err == nil {
				key = k
			}
			if key = strings.ToLower(key); strings.HasPrefix(key, "utm_") || trackingParams[key] {
				t.Errorf("Canonical(%q) = %q keeps the tracking parameter %q", raw, c, key)
			}
		}
	})
}

// FuzzCutLongText checks that shortening long text never breaks a
// well-formed document: what encoding/xml reads whole, it reads cut.
func FuzzCutLongText(f *testing.F) {
	f.Add([]byte(rssDoc(2)), 8)
	f.Add([]byte(`<a><![CDATA[<b>long &amp; cdata text]]><!-- a comment > with < marks --><?pi x?>Tom &amp; Jerry &#233;t&#xE9; caf`+"\u00e9"+`</a>`), 5)
	f.Fuzz(func(t *testing.T, doc []byte, limit int) {
		limit = 1 + abs(limit)%64
		if !wellFormed(doc) {
			return
		}
		cut := cutLongText(doc, limit)
		if !wellFormed(cut) {
			t.Errorf("cutLongText(%q, %d) = %q is not well-formed", doc, limit, cut)
		}
		if len(cut) > len(doc) {
			t.Errorf("cut document is longer")
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func wellFormed(doc []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// FuzzCapItems checks that cutting a document after its n-th item keeps a
// well-formed document well-formed and leaves at most n items.
func FuzzCapItems(f *testing.F) {
	f.Add([]byte(rssDoc(5)), 2)
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><x:entry/><entry><entry/></entry><entry>t</entry></feed>`), 1)
	f.Add([]byte(`<rdf:RDF xmlns:rdf="urn:r"><item/><item/><item/></rdf:RDF>`), 2)
	f.Fuzz(func(t *testing.T, doc []byte, n int) {
		n = 1 + abs(n)%8
		if !wellFormed(doc) {
			return
		}
		capped := capXMLItems(doc, n)
		if !wellFormed(capped) {
			t.Fatalf("capXMLItems(%q, %d) = %q is not well-formed", doc, n, capped)
		}
		d := xml.NewDecoder(bytes.NewReader(capped))
		items, depth := 0, 0
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch t := tok.(type) {
			case xml.StartElement:
				if isItem(t.Name) {
					if depth == 0 {
						items++
					}
					depth++
				}
			case xml.EndElement:
				if isItem(t.Name) {
					depth--
				}
			}
		}
		if items > n {
			t.Errorf("capXMLItems(%q, %d) = %q keeps %d items", doc, n, capped, items)
		}
	})
}

func TestParseUndeclaredLatin1(t *testing.T) {
	tests := []struct{ name, doc, title string }{
		{"legacy bytes only: windows-1252", "<rss version=\"2.0\"><channel><item><title>Caf\xe9 \x93cr\xe8me\x94</title><link>https://site.example/a</link></item></channel></rss>", "Café “crème”"},
		{"UTF-8 with a stray byte: replaced", "<rss version=\"2.0\"><channel><item><title>Café \xff crème</title><link>https://site.example/a</link></item></channel></rss>", "Café \uFFFD crème"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.doc), "https://site.example/")
			if err != nil {
				t.Fatal(err)
			}
			if res.Items[0].Title != tt.title {
				t.Errorf("title %q, want %q", res.Items[0].Title, tt.title)
			}
		})
	}
}

// TestHasControl: hasControl finds every control character but tab, line
// feed and carriage return, at every place of an eight-byte word, among
// text of every other byte.
func TestHasControl(t *testing.T) {
	for c := range 256 {
		for at := range 19 {
			for _, fill := range []byte{' ', 'a', 0x7f, 0x80, 0xc3, 0xff, '\n', '\t'} {
				b := bytes.Repeat([]byte{fill}, 19)
				b[at] = byte(c)
				want := c < 0x20 && c != '\t' && c != '\n' && c != '\r'
				if got := hasControl(b[at%3:]); got != want {
					t.Fatalf("hasControl(%q) = %v", b[at%3:], got)
				}
			}
		}
	}
}
