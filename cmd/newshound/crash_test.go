package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

// TestCrashRestartDeliversExactlyOnce builds newshound, runs the daemon
// against a local feed server and the fake Discord, kills it with SIGKILL at
// random moments of its cycle many times, restarts it, and checks that every
// alert reached Discord exactly once.
func TestCrashRestartDeliversExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newshound")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const channel = "123456789012345678"
	discord := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{channel}, NonceWindow: time.Hour})
	defer discord.Close()

	// The feed grows by a few items every request, so kills land while
	// polling, reading, matching and delivering.
	var mu sync.Mutex
	total := 0
	feeds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if total < 60 {
			total += 3
		}
		n := total
		mu.Unlock()
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
		for i := n - 1; i >= 0; i-- {
			fmt.Fprintf(&b, `<item><title>Putin item %d</title><link>https://wire.example/%d</link><pubDate>%s</pubDate><description>Putin said "we will see what happens next," he told reporters. Item %d.</description></item>`,
				i, i, time.Now().UTC().Format(time.RFC1123Z), i)
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	}))
	defer feeds.Close()

	cfg := filepath.Join(dir, "n.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
storage: { path: n.db }
schedule: "@every 1s"
articles: { fetch: false }
feeds:
  - { name: Wire, url: "%s/feed" }
watches:
  - { name: russia, keywords: [Putin], channels: [newsroom] }
channels:
  newsroom: { discord: "%s", max_per_hour: 1000 }
discord: { token: tok, api_base: "%s" }
`, feeds.URL, channel, discord.URL())), 0o644)

	// The first poll of a feed records without alerting; prime it with one
	// uninterrupted `once` so every later item alerts.
	if out, err := exec.Command(bin, "once", "--config", cfg).CombinedOutput(); err != nil {
		t.Fatalf("once: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 12 {
		cmd := exec.Command(bin, "run", "--config", cfg, "--log-level", "warn")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(200+rng.IntN(2300)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("kill %d: %d messages so far", i+1, len(discord.Messages(channel)))
	}
	// A last, clean run drains everything.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "--config", cfg, "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const want = 60 // the feed stops at 60 items, all dated now: even the first poll alerts them
	for ctx.Err() == nil && len(discord.Messages(channel)) < want {
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // anything extra would arrive now
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("clean shutdown: %v", err)
	}
	seen := map[string]int{}
	for _, m := range discord.Messages(channel) {
		seen[m.Embeds[0].Title]++
	}
	for title, n := range seen {
		if n != 1 {
			t.Errorf("%q delivered %d times", title, n)
		}
	}
	if len(seen) != want {
		t.Errorf("%d distinct alerts delivered, want %d", len(seen), want)
	}
}
