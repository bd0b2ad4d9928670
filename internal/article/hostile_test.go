package article

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/httpclient"

	"github.com/newshound/newshound/internal/testutil"
)

func TestFetchHostilePages(t *testing.T) {
	bomb := testutil.GzipBomb("<html><body><article><p>", 'a', 16) // 1 GiB of markup in about 1 MiB

	para := "<p>The committee met on Tuesday and agreed, after a long debate, to publish the full report next month.</p>\n"
	mux := http.NewServeMux()
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/gigabyte", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(1<<30))
		io.WriteString(w, "<html><body><article>")
		for r.Context().Err() == nil {
			if _, err := io.WriteString(w, strings.Repeat(para, 100)); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slowloris", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for r.Context().Err() == nil {
			if _, err := io.WriteString(w, "<"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?"+r.URL.RawQuery+"x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	const maxBody = DefaultMaxBody // 5 MiB of short paragraphs: the extractor's worst case (see limitParagraphs)
	client := httpclient.New(httpclient.Options{Timeout: 2 * time.Second, AllowPrivate: true})
	f := NewFetcher(client, Options{MaxBody: maxBody, HostDelay: -1})
	tests := []struct {
		name string
		path string
		want func(*Article, error) bool
	}{
		{"gzip bomb cut at MaxBody after decompression", "/gzip-bomb", func(a *Article, err error) bool {
			return a != nil && len(a.Text) <= maxBody // too short or not: the page is cut and extracted
		}},
		{"1 GB Content-Length of short paragraphs: read up to MaxBody", "/gigabyte", func(a *Article, err error) bool {
			return err == nil && strings.Contains(a.Text, "The committee met") && len(a.Text) <= maxBody
		}},
		{"slowloris ended by the client timeout", "/slowloris", func(a *Article, err error) bool {
			var te interface{ Timeout() bool }
			return errors.As(err, &te) && te.Timeout()
		}},
		{"redirect loop", "/loop", func(a *Article, err error) bool {
			return err != nil && strings.Contains(err.Error(), "redirects")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var a *Article
			var err error
			// A 5 MiB body parsed into a DOM peaks near 90 MB of heap.
			testutil.MeasureHeap(t, 160<<20, func() { a, err = f.Fetch(ctx, srv.URL+tt.path) })
			if !tt.want(a, err) {
				t.Errorf("article %v, err = %v", a != nil, err)
			}
			if ctx.Err() != nil {
				t.Error("only the test's own deadline ended the fetch")
			}
		})
	}
}

func TestFetchPrivateLinksRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body><article><p>"+strings.Repeat("Internal secret text. ", 30)+"</p></article></body></html>")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	refusing := NewFetcher(httpclient.New(httpclient.Options{Timeout: 2 * time.Second}), Options{HostDelay: -1})
	for _, u := range []string{
		srv.URL + "/page",
		"http://localhost:" + port + "/page", // a name resolving to loopback
		"http://[::1]:" + port + "/page",
		"http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/page",
		"http://192.168.0.1/page",
	} {
		t.Run(u, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := refusing.Fetch(ctx, u)
			if !errors.Is(err, httpclient.ErrPrivateAddress) {
				t.Errorf("err = %v, want ErrPrivateAddress", err)
			}
		})
	}
	if hits.Load() != 0 {
		t.Errorf("private server reached %d times", hits.Load())
	}
	allowing := NewFetcher(httpclient.New(httpclient.Options{Timeout: 2 * time.Second, AllowPrivate: true}), Options{HostDelay: -1})
	if a, err := allowing.Fetch(context.Background(), srv.URL+"/page"); err != nil || !strings.Contains(a.Text, "Internal secret text") {
		t.Errorf("allowed fetch: %v", err)
	}
}

func TestExtractHostileMarkup(t *testing.T) {
	body := strings.Repeat("<p>The minister said the plan would go ahead, despite objections from the regional councils and the unions.</p>", 5)
	tests := []struct {
		name string
		page string
	}{
		{"script and handlers in every field", `<html lang="en"><head>
<title><script>alert(1)</script>Plan &lt;b&gt;goes&lt;/b&gt; ahead</title>
<meta property="og:title" content="<script>alert(2)</script><b>Plan goes ahead</b>">
<meta name="author" content="<img src=x onerror=alert(3)>Jane <i>Doe</i>">
<meta property="og:site_name" content="<script>alert(4)</script>Daily <b>News</b>">
<meta property="og:image" content="javascript:alert(5)">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"<script>alert(6)</script>Plan goes ahead","author":{"name":"<b onclick=alert(7)>Jane Doe</b>"}}</script>
</head><body><article><h1 onclick="alert(8)">Plan goes ahead</h1>
<script>document.write("alert(9)")</script><style>p{color:red}</style>` + body + `<iframe src="javascript:alert(10)"></iframe></article></body></html>`},
		{"invalid UTF-8 and NUL", "<html><head><title>Bad\x00 by\xfftes\x01</title><meta name=\"author\" content=\"Jo\x00e \xc3\x28\"></head><body><article>" +
			strings.ReplaceAll(body, "plan", "pl\x00an\xff") + "</article></body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), "https://news.example/plan")
			if err != nil {
				t.Fatal(err)
			}
			fields := map[string]string{"title": a.Title, "byline": a.Byline, "site": a.SiteName, "text": a.Text, "lang": a.Lang}
			for name, v := range fields {
				if strings.ContainsAny(v, "<>\x00\x01") || strings.Contains(v, "alert(") || strings.Contains(v, "color:red") || !utf8.ValidString(v) {
					t.Errorf("%s is not clean plain text: %q", name, v)
				}
			}
			if strings.HasPrefix(a.Image, "javascript:") {
				t.Errorf("image %q", a.Image)
			}
			if !strings.Contains(a.Text, "despite objections") {
				t.Errorf("text lost: %q", a.Text)
			}
		})
	}
}

func TestLimitParagraphs(t *testing.T) {
	para := func(i int) string {
		return fmt.Sprintf("<p>Paragraph %d: the council debated the budget for the harbour and the schools again tonight.</p>\n", i)
	}
	page := func(n int) string {
		var b strings.Builder
		b.WriteString("<html><body><article>")
		for i := range n {
			b.WriteString(para(i))
		}
		b.WriteString("</article></body></html>")
		return b.String()
	}
	tests := []struct {
		name    string
		n       int
		dropped bool
	}{
		{"a long read keeps every paragraph", 400, false},
		{"50,000 paragraphs are cut", 50_000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a *Article
			var err error
			testutil.MeasureHeap(t, 160<<20, func() { a, err = Extract(strings.NewReader(page(tt.n)), "https://news.example/") })
			if err != nil {
				t.Fatal(err)
			}
			paras := strings.Split(a.Text, "\n\n")
			if !strings.HasPrefix(paras[0], "Paragraph 0:") {
				t.Errorf("first paragraph %q", paras[0])
			}
			if got := len(paras) < tt.n; got != tt.dropped {
				t.Errorf("%d of %d paragraphs kept", len(paras), tt.n)
			}
		})
	}
}
