package slack

import (
	"context"
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
	h := socketHarness(t, time.Nanosecond, "xapp-fake-token")
	ctx := context.Background()
	h.serveSocket(ctx)
	// Acknowledged at once, answered through response_url.
	sent, err := h.fake.SendSlashCommandSocket(ctx, slackfake.SlashCommand{Command: "/newshound", Text: "feeds"})
	if err != nil {
		t.Fatal(err)
	}
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	defer acancel()
	rs, err := h.fake.AwaitResponses(actx, sent.ResponseID, 1)
	if err != nil || rs[0].Immediate || !strings.Contains(rs[0].AllText(), "*World Desk*") {
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
