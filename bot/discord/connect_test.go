package discord

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// Discord refusing (or down) when newshound starts: Connect keeps trying
// with backoff, reports the problem meanwhile, and connects and registers
// the commands once Discord answers (issue 13.5).
func TestConnectRetriesUntilDiscordAnswers(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	h.bot.connectBase = 20 * time.Millisecond
	good := h.srv.Token()
	h.srv.SetToken("not-yet") // every call fails, as with Discord down
	var mu sync.Mutex
	var reports []string
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- h.bot.Connect(ctx, func(p string) {
			mu.Lock()
			reports = append(reports, p)
			mu.Unlock()
		})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := len(reports)
		mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(h.srv.Commands()) != 0 {
		t.Fatal("commands registered with a refused token")
	}
	h.srv.SetToken(good)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.bot.Close() })
	if h.srv.Sessions() != 1 || len(h.srv.Commands()) == 0 {
		t.Fatalf("after Connect: %d sessions, %d commands", h.srv.Sessions(), len(h.srv.Commands()))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reports) < 3 || !strings.Contains(reports[0], "gateway") || reports[len(reports)-1] != "" {
		t.Fatalf("reports %q: want problems, then \"\"", reports)
	}
	for _, r := range reports {
		if strings.Contains(r, good) {
			t.Errorf("report %q holds the token", r)
		}
	}
}
