package commands

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
)

// page is a news page written for this test.
const page = `<!doctype html><html lang="en"><head><title>Bridge closed for repairs | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier"><meta property="og:title" content="Bridge closed for repairs">
<meta property="article:published_time" content="2026-10-02T07:30:00Z"></head><body><article>
<h1>Bridge closed for repairs</h1>
<p>The old river bridge in Marrow closed on Monday for six weeks of repairs to its deck, the council said.</p>
<p>"The deck has reached the end of its life," said council engineer Ada Moss. Buses will use the northern bypass until November.</p>
<p>Shop owners on the east bank said they feared losing customers during the closure. "Half our trade comes over that bridge," said baker Ian Roe.</p>
<p>The council said the work would cost about three hundred thousand pounds and be paid from its roads budget.</p>
</article></body></html>`

func TestSummarize(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bridge" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	f := article.NewFetcher(httpclient.New(httpclient.Options{Timeout: 5 * time.Second, AllowPrivate: true}), article.Options{HostDelay: -1})
	ctx := context.Background()

	al, p := Summarize(ctx, f, true, " "+srv.URL+"/bridge ")
	if p != nil {
		t.Fatal(p)
	}
	if al.Title != "Bridge closed for repairs" || al.Feed != "Valley Courier" || al.Published == nil || al.URL == "" {
		t.Errorf("alert %+v: want the page's title, outlet, date and link", al)
	}
	if al.Summary == "" || !strings.Contains(page, strings.SplitN(al.Summary, ". ", 2)[0]) {
		t.Errorf("summary %q is not the page's own words", al.Summary)
	}
	if len(al.Quotes) == 0 || len(al.Quotes) > SummaryQuotes {
		t.Errorf("quotes %+v: want 1..%d", al.Quotes, SummaryQuotes)
	}
	for _, q := range al.Quotes {
		if !strings.Contains(page, q.Text) {
			t.Errorf("quote %q is not verbatim in the page", q.Text)
		}
	}

	_, p = Summarize(ctx, f, true, srv.URL+"/gone")
	wantProblem(t, "404", p, Failed, "404")
	_, p = Summarize(ctx, f, false, srv.URL+"/bridge")
	wantProblem(t, "private", p, Forbidden, "private or local network")
	if p.Msg[1] != (Span{Kind: Escaped, S: "127.0.0.1", Max: 100}) {
		t.Errorf("the host is not kept apart: %#v", p.Msg)
	}
	_, p = Summarize(ctx, f, true, "ftp://example.org/x")
	wantProblem(t, "ftp", p, BadInput, "not an http(s) link")
	_, p = Summarize(ctx, nil, true, srv.URL+"/bridge")
	wantProblem(t, "no fetcher", p, Failed, "not available")
}
