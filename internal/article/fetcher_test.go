package article

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/testutil"
)

// site serves the fixtures and the misbehaving pages the tests need.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	serve := func(path, fixture, contentType string) {
		page := readFixture(t, fixture)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(page)
		})
	}
	serve("/story", "story.html", "text/html; charset=utf-8")
	serve("/paywall", "paywall.html", "text/html; charset=utf-8")
	serve("/latin", "windows-1252.html", "text/html; charset=windows-1252")
	serve("/story-untyped", "story.html", "")
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/ja-brief", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html lang="ja"><head><title>県内で記録的な大雨</title></head><body><article><h1>県内で記録的な大雨</h1>`+
			`<p>気象台によりますと、県の南部では昨夜から雨が強まり、一時間に百ミリを超える猛烈な雨が観測されました。</p>`+
			`<p>この影響で、各地の川が増水し、一部の地域では避難指示が出されています。鉄道は始発から運転を見合わせています。</p>`+
			`<p>気象台は、土砂災害や低い土地の浸水に厳重に警戒するよう呼びかけています。</p></article></body></html>`)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	// An endless PDF: Fetch must give up after the first bytes.
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		testutil.Endless(w, r, "%PDF-1.7\n", "0 0 obj << /Length 4 >> stream\nxxxx\nendstream\n")
	})
	mux.HandleFunc("/pdf-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	// An endless HTML page: Fetch must cut it at MaxBody.
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body><article>")
		for i := 0; r.Context().Err() == nil; i++ {
			_, err := fmt.Fprintf(w, "<p>On evening %d the harbour master counted the boats again and found one more than in the morning.</p>\n", i)
			if err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	})
	return httptest.NewServer(mux)
}

func TestFetch(t *testing.T) {
	srv := site(t)
	defer srv.Close()
	f := NewFetcher(&http.Client{Timeout: 5 * time.Second}, Options{HostDelay: -1})

	t.Run("story", func(t *testing.T) {
		a, err := f.Fetch(context.Background(), srv.URL+"/story")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "Residents of Port Aldery voted") || strings.Contains(a.Text, "COMMENTTEXT") {
			t.Errorf("text:\n%s", a.Text)
		}
		if a.Image != srv.URL+"/img/ferry-lead.jpg" {
			t.Errorf("Image = %q", a.Image)
		}
	})
	t.Run("redirect gives the final URL", func(t *testing.T) {
		a, err := f.Fetch(context.Background(), srv.URL+"/moved")
		if err != nil {
			t.Fatal(err)
		}
		if a.URL != srv.URL+"/story" {
			t.Errorf("URL = %q, want %q", a.URL, srv.URL+"/story")
		}
	})
	t.Run("untyped HTML is sniffed", func(t *testing.T) {
		if _, err := f.Fetch(context.Background(), srv.URL+"/story-untyped"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("windows-1252 in header and meta", func(t *testing.T) {
		a, err := f.Fetch(context.Background(), srv.URL+"/latin")
		if err != nil {
			t.Fatal(err)
		}
		want := "le café de la jetée a rouvert samedi matin"
		if !strings.Contains(a.Text, want) || a.Title != "Le café du port rouvre ses portes" {
			t.Errorf("Title %q, text lacks %q:\n%s", a.Title, want, a.Text)
		}
	})
	t.Run("paywall stub is too short", func(t *testing.T) {
		a, err := f.Fetch(context.Background(), srv.URL+"/paywall")
		if !errors.Is(err, ErrTooShort) {
			t.Fatalf("err = %v, want ErrTooShort", err)
		}
		if a == nil || a.Title != "Council budget row deepens" {
			t.Errorf("the article's metadata should come with ErrTooShort, got %+v", a)
		}
	})
	t.Run("a Japanese brief is not too short", func(t *testing.T) {
		a, err := f.Fetch(context.Background(), srv.URL+"/ja-brief")
		if err != nil {
			t.Fatalf("err = %v; a normal Japanese news brief (about 130 characters) is long enough", err)
		}
		if !strings.Contains(a.Text, "避難指示") {
			t.Errorf("text %q", a.Text)
		}
	})
	for _, path := range []string{"/missing", "/broken"} {
		t.Run("status "+path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), srv.URL+path)
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *StatusError", err)
			}
			want := map[string]int{"/missing": 404, "/broken": 503}[path]
			if se.Code != want || se.URL != srv.URL+path {
				t.Errorf("StatusError = %+v, want code %d for %s", se, want, srv.URL+path)
			}
		})
	}
	for _, path := range []string{"/report.pdf", "/pdf-as-html", "/image"} {
		t.Run("not HTML "+path, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, err := f.Fetch(ctx, srv.URL+path)
			if !errors.Is(err, ErrNotHTML) {
				t.Fatalf("err = %v, want ErrNotHTML", err)
			}
		})
	}
	t.Run("not http", func(t *testing.T) {
		if _, err := f.Fetch(context.Background(), "file:///etc/passwd"); err == nil {
			t.Fatal("want an error")
		}
	})
	t.Run("redirect loop", func(t *testing.T) {
		done := make(chan error, 1)
		go func() {
			_, err := f.Fetch(context.Background(), srv.URL+"/loop")
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "redirect") {
				t.Fatalf("err = %v, want a redirect error", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("redirect loop hangs")
		}
	})
}

func TestFetchHugePageIsCut(t *testing.T) {
	srv := site(t)
	defer srv.Close()
	const limit = 256 << 10
	f := NewFetcher(&http.Client{Timeout: 10 * time.Second}, Options{MaxBody: limit, HostDelay: -1})
	a, err := f.Fetch(context.Background(), srv.URL+"/huge")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "On evening 1 the harbour master counted the boats again") {
		t.Errorf("text of the cut page lacks its paragraphs")
	}
	if len(a.Text) > limit {
		t.Errorf("text has %d bytes, more than the %d-byte body limit", len(a.Text), limit)
	}
}

func TestFetchSlowPage(t *testing.T) {
	srv := site(t)
	defer srv.Close()
	tests := []struct {
		name    string
		client  *http.Client
		timeout time.Duration
	}{
		{"client timeout", &http.Client{Timeout: 200 * time.Millisecond}, time.Minute},
		{"context deadline", &http.Client{}, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(tt.client, Options{HostDelay: -1})
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			start := time.Now()
			_, err := f.Fetch(ctx, srv.URL+"/slow")
			if err == nil {
				t.Fatal("want an error")
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("gave up after %v", d)
			}
		})
	}
}

// counting serves a small page slowly and records the most requests it saw
// in flight at once, and when each request arrived.
type counting struct {
	mu       sync.Mutex
	inFlight int
	peak     int
	starts   []time.Time
	page     []byte
	hold     time.Duration
}

func (c *counting) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.inFlight++
	c.peak = max(c.peak, c.inFlight)
	c.starts = append(c.starts, time.Now())
	c.mu.Unlock()
	time.Sleep(c.hold)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(c.page)
	c.mu.Lock()
	c.inFlight--
	c.mu.Unlock()
}

func fetchAll(t *testing.T, f *Fetcher, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			if _, err := f.Fetch(context.Background(), u); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestFetchConcurrencyLimits(t *testing.T) {
	tests := []struct {
		name         string
		perHost, max int
		wantPeak     int
		requests     int
		delay        time.Duration
		hold         time.Duration
		wantSpan     time.Duration // least time from the first Fetch call to the last request
	}{
		{name: "per host", perHost: 2, max: 8, wantPeak: 2, requests: 10, delay: -1, hold: 40 * time.Millisecond},
		{name: "overall", perHost: 6, max: 3, wantPeak: 3, requests: 12, delay: -1, hold: 40 * time.Millisecond},
		{name: "host delay", perHost: 2, max: 8, wantPeak: 1, requests: 4, delay: 60 * time.Millisecond, hold: 0, wantSpan: 3 * 60 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &counting{page: readFixture(t, "story.html"), hold: tt.hold}
			srv := httptest.NewServer(c)
			defer srv.Close()
			f := NewFetcher(srv.Client(), Options{PerHost: tt.perHost, MaxConcurrent: tt.max, HostDelay: tt.delay})
			urls := make([]string, tt.requests)
			for i := range urls {
				urls[i] = fmt.Sprintf("%s/a/%d", srv.URL, i)
			}
			start := time.Now()
			fetchAll(t, f, urls)
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.peak > tt.wantPeak {
				t.Errorf("%d requests in flight at once, limit %d", c.peak, tt.wantPeak)
			}
			if tt.wantSpan == 0 && c.peak < tt.wantPeak {
				t.Errorf("at most %d requests in flight, want the limit %d reached", c.peak, tt.wantPeak)
			}
			if span := c.starts[len(c.starts)-1].Sub(start); span < tt.wantSpan {
				t.Errorf("%d requests within %v, want them spread over at least %v", len(c.starts), span, tt.wantSpan)
			}
		})
	}
}

func TestFetchWaitHonoursContext(t *testing.T) {
	c := &counting{page: readFixture(t, "story.html"), hold: 500 * time.Millisecond}
	srv := httptest.NewServer(c)
	defer srv.Close()
	f := NewFetcher(srv.Client(), Options{PerHost: 1, HostDelay: -1})
	var first sync.WaitGroup
	defer first.Wait()                                                   // the server must outlive the first fetch
	first.Go(func() { f.Fetch(context.Background(), srv.URL+"/first") }) // holds the host's only slot
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.Fetch(ctx, srv.URL+"/second")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 300*time.Millisecond {
		t.Errorf("waited %v for a slot despite the context", d)
	}
}

func TestTextLength(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"Heavy rain", 10},
		{"Straße", 6},
		{"大雨", 6},
		{"ひらがな カタカナ", 4*3 + 1 + 4*3},
		{"폭우 경보", 2*2 + 1 + 2*2},
		{"Москва", 6},
	} {
		if got := TextLength(tc.text); got != tc.want {
			t.Errorf("TextLength(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestFetchErrorsHideSecrets: a link's password and secret query values
// appear in no error of the article reader (its errors are logged).
func TestFetchErrorsHideSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4")
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	f := NewFetcher(srv.Client(), Options{HostDelay: -1})
	for _, raw := range []string{srv.URL + "/missing", srv.URL + "/pdf", down.URL + "/story"} {
		link := strings.Replace(raw, "http://", "http://me:PASSW0RD@", 1) + "?sig=S1GNED&id=7"
		_, err := f.Fetch(context.Background(), link)
		if err == nil || strings.Contains(err.Error(), "PASSW0RD") || strings.Contains(err.Error(), "S1GNED") || !strings.Contains(err.Error(), "id=7") {
			t.Errorf("%s: %v, want an error naming the link without its secrets", raw, err)
		}
	}
}
