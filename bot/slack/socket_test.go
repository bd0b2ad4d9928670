package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/internal/store"
)

// socketHarness is a cmdHarness receiving over Socket Mode.
func socketHarness(t *testing.T, ackAfter time.Duration, appToken string) *cmdHarness {
	t.Helper()
	return newCmdHarness(t, ackAfter, func(c *Commands) { c.Listen, c.AppToken = "", appToken })
}

// serveSocket runs ServeSocket until the test ends, once connected.
func (h *cmdHarness) serveSocket(ctx context.Context) {
	h.t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.n.ServeSocket(ctx, nil) }()
	h.t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("ServeSocket: %v", err)
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for h.fake.SocketConnections() == 0 {
		if time.Now().After(deadline) {
			h.t.Fatal("Socket Mode did not connect")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSocketMode(t *testing.T) {
	h := socketHarness(t, 2*time.Second, "xapp-fake-token")
	h.seed(store.Article{URL: "https://news.example.org/s1", Feed: "World Desk", Title: "Putin election story",
		Text: "Putin and the election.", Published: h.now.Add(-time.Hour)}, nil, "russia-watch")
	ctx := context.Background()
	h.serveSocket(ctx)
	// A fast command is answered in its acknowledgement.
	sent, err := h.fake.SendSlashCommandSocket(ctx, slackfake.SlashCommand{Command: "/newshound", Text: "search putin"})
	if err != nil {
		t.Fatal(err)
	}
	rs := h.fake.Responses(sent.ResponseID)
	if len(rs) != 1 || !rs[0].Immediate || !strings.Contains(rs[0].AllText(), "Putin election story") {
		t.Fatalf("answer %+v", rs)
	}
	// Errors answer the caller only.
	sent, err = h.fake.SendSlashCommandSocket(ctx, slackfake.SlashCommand{Command: "/newshound", Text: "latest nosuch"})
	if err != nil {
		t.Fatal(err)
	}
	if rs := h.fake.Responses(sent.ResponseID); len(rs) != 1 || rs[0].ResponseType != "ephemeral" {
		t.Errorf("error answer %+v", rs)
	}
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	defer acancel()
	// A button click arrives as an interaction envelope.
	sent, err = h.fake.SendBlockActionSocket(ctx, slackfake.BlockAction{ActionID: actionNext, Value: `{"q":"putin","p":1}`, MessageTS: "1.2"})
	if err != nil {
		t.Fatal(err)
	}
	rs, err = h.fake.AwaitResponses(actx, sent.ResponseID, 1)
	if err != nil || !rs[0].ReplaceOriginal || !strings.Contains(rs[0].AllText(), "No more results") {
		t.Fatalf("button answer %+v %v", rs, err)
	}
}

func TestSocketModeSlowCommand(t *testing.T) {
	// The page answers only once the command has been acknowledged, so the
	// command is slow whatever the machine's load (a quick command such as
	// "feeds" sometimes finished before a 1 ns timer was looked at).
	release := make(chan struct{})
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Floods close roads</title></head><body><article><h1>Floods close roads</h1>`+
			`<p>Heavy rain closed roads across the region on Monday, officials said, and more rain is expected.</p>`+
			`<p>"We have not seen water this high in years," said Mayor Ana Ruiz, who urged residents to stay home.</p>`+
			`<p>Schools in three towns stayed closed, and the regional rail operator cancelled services on two lines until Wednesday.</p>`+
			`<p>Forecasters said the river would crest on Tuesday night, a metre above its usual spring level.</p></article></body></html>`)
	}))
	defer page.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	h := socketHarness(t, time.Nanosecond, "xapp-fake-token")
	ctx := context.Background()
	h.serveSocket(ctx)
	// Acknowledged at once, answered through response_url.
	sent, err := h.fake.SendSlashCommandSocket(ctx, slackfake.SlashCommand{Command: "/newshound", Text: "summary " + page.URL + "/a"})
	close(release)
	if err != nil {
		t.Fatal(err)
	}
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	defer acancel()
	rs, err := h.fake.AwaitResponses(actx, sent.ResponseID, 1)
	if err != nil || rs[0].Immediate || !strings.Contains(rs[0].AllText(), "Floods close roads") {
		t.Fatalf("slow answer %+v %v", rs, err)
	}
}

func TestSocketModeRefusedToken(t *testing.T) {
	h := socketHarness(t, 2*time.Second, "xapp-wrong")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var last string
	err := h.n.ServeSocket(ctx, func(p string) { last = p })
	if err == nil || strings.Contains(err.Error(), "xapp-wrong") || !strings.Contains(last, "stopped") {
		t.Errorf("ServeSocket with a refused token: %v (problem %q)", err, last)
	}
}
