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

// The gateway lost after it had connected — here because the bot token was
// revoked (Discord closes the session, and every reconnect gets close 4004)
// — is reported while it lasts, as a gateway that has not connected yet is:
// /healthz said nothing of it (discordgo reconnects by itself, out of
// Connect's sight), and slash commands were dead behind a 200. It clears
// when discordgo's reconnect succeeds; a Close of ours reports nothing.
func TestLostGatewayReportedUntilReconnected(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	var mu sync.Mutex
	var reports []string
	last := func() (string, int) {
		mu.Lock()
		defer mu.Unlock()
		if len(reports) == 0 {
			return "", 0
		}
		return reports[len(reports)-1], len(reports)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.bot.Connect(ctx, func(p string) {
		mu.Lock()
		reports = append(reports, p)
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	good := h.srv.Token()
	h.srv.SetToken("revoked")
	h.srv.DisconnectGateway()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if p, _ := last(); p != "" {
			if !strings.Contains(p, "gateway") || strings.Contains(p, good) {
				t.Errorf("report %q", p)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lost gateway was never reported")
		}
	}
	h.srv.SetToken(good)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if p, n := last(); p == "" && n > 1 {
			break
		}
		if time.Now().After(deadline) {
			p, _ := last()
			t.Fatalf("still reported after the token works again: %q (%d sessions)", p, h.srv.Sessions())
		}
	}
	_, n := last()
	if err := h.bot.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // discordgo's handlers run in goroutines
	if p, m := last(); p != "" || m != n {
		t.Errorf("our own Close reported %q", p)
	}
}

// Reconnect (a reload's nudge) opens a lost gateway at once, where
// discordgo's own loop would wait out its doubled wait (here 8 s after
// its fourth failure, about 7 s in; up to 10 min in a long outage): the token fixed
// and SIGHUP sent, slash commands are back at once, as deliveries are.
func TestReconnectOpensALostGatewayAtOnce(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	var mu sync.Mutex
	lastReport := ""
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	if err := h.bot.Connect(ctx, func(p string) { mu.Lock(); lastReport = p; mu.Unlock() }); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.bot.Close() })
	h.bot.Reconnect() // up: nothing to do
	if h.srv.Sessions() != 1 {
		t.Fatalf("%d sessions after Reconnect of a live gateway", h.srv.Sessions())
	}
	good := h.srv.Token()
	h.srv.SetToken("revoked")
	h.srv.DisconnectGateway()
	time.Sleep(9500 * time.Millisecond) // discordgo fails at once, then 1, 2 and 4 s later (about 7 s): its next try is 8 s after that
	h.srv.SetToken(good)
	start := time.Now()
	h.bot.Reconnect()
	for h.srv.Sessions() != 1 {
		if time.Since(start) > 3*time.Second {
			t.Fatalf("the gateway is not back 3 s after Reconnect (%d sessions)", h.srv.Sessions())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		p := lastReport
		mu.Unlock()
		if p == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still reported after reconnecting: %q", p)
		}
	}
	time.Sleep(7 * time.Second) // discordgo's loop wakes, finds the gateway open, and stops
	if n := h.srv.Sessions(); n != 1 {
		t.Errorf("%d gateway sessions after discordgo's own try, want 1", n)
	}
}
