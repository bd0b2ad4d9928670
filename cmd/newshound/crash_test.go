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
	"strconv"
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
// alert reached Discord exactly once and in the same order, both in a bot
// channel and through a slow webhook (300–400 ms a post) that now and then
// loses its response twice (Discord stores the message, the answer never
// comes).
// NEWSHOUND_CRASH_KILLS sets the number of kills (default 12).
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
	const hookChannel, hookID = "223456789012345678", "323456789012345678"
	discord := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{channel}, NonceWindow: time.Hour})
	defer discord.Close()
	hook := discord.AddChannelWebhook(hookID, "hooktok", hookChannel)
	discord.SetLatency(hookID, 300*time.Millisecond, 400*time.Millisecond)

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
			// Each item its own story (a story alerts a channel once).
			words := distinctWords(i)
			fmt.Fprintf(&b, `<item><title>Putin item %d %s %s</title><link>https://wire.example/%d</link><pubDate>%s</pubDate><description>Putin: %s.</description></item>`,
				i, words[0], words[1], i, time.Now().UTC().Format(time.RFC1123Z), strings.Join(words, " "))
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
  - { name: russia, keywords: [Putin], channels: [newsroom, partners] }
channels:
  newsroom: { discord: "%s", max_per_hour: 1000 }
  partners: { webhook: "%s", max_per_hour: 1000 }
discord: { token: tok, api_base: "%s" }
`, feeds.URL, channel, hook, discord.URL())), 0o644)

	// The first poll of a feed records without alerting; prime it with one
	// uninterrupted `once` so every later item alerts.
	if out, err := exec.Command(bin, "once", "--config", cfg).CombinedOutput(); err != nil {
		t.Fatalf("once: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	kills := 12
	if v, err := strconv.Atoi(os.Getenv("NEWSHOUND_CRASH_KILLS")); err == nil && v > 0 {
		kills = v
	}
	for i := range kills {
		if i == 1 || i == 6 {
			// Each lost response holds the webhook's queue for the first
			// retry delay (10 s), in order: two are enough to probe it.
			discord.DropResponseNext(hookID)
		}
		cmd := exec.Command(bin, "run", "--config", cfg, "--log-level", "warn")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(200+rng.IntN(2300)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("kill %d: %d bot and %d webhook messages so far", i+1, len(discord.Messages(channel)), len(discord.WebhookMessages(hookID)))
	}
	// A last, clean run drains everything.
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "--config", cfg, "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const want = 60 // the feed stops at 60 items, all dated now: even the first poll alerts them
	for ctx.Err() == nil && (len(discord.Messages(channel)) < want || len(discord.WebhookMessages(hookID)) < want) {
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // anything extra would arrive now
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("clean shutdown: %v", err)
	}
	var orders [2][]string
	for i, msgs := range [][]discordfake.Message{discord.Messages(channel), discord.WebhookMessages(hookID)} {
		name := [2]string{"bot channel", "webhook"}[i]
		seen := map[string]int{}
		for _, m := range msgs {
			title := m.Embeds[0].Title
			if seen[title] == 0 {
				orders[i] = append(orders[i], title)
			}
			seen[title]++
		}
		dups := 0
		for title, n := range seen {
			if n != 1 {
				dups += n - 1
				t.Errorf("%s: %q delivered %d times", name, title, n)
			}
		}
		t.Logf("%s: %d kills, %d messages, %d distinct alerts, %d duplicates, %d lost", name, kills, len(msgs), len(seen), dups, want-len(seen))
		if len(seen) != want {
			t.Errorf("%s: %d distinct alerts delivered, want %d", name, len(seen), want)
		}
	}
	// Both channels follow the outbox's order, so they agree.
	inversions := 0
	pos := map[string]int{}
	for i, title := range orders[0] {
		pos[title] = i
	}
	for i := 1; i < len(orders[1]); i++ {
		if a, ok := pos[orders[1][i-1]]; ok {
			if b, ok := pos[orders[1][i]]; ok && b < a {
				inversions++
			}
		}
	}
	t.Logf("order: %d adjacent webhook pairs in a different order than in the bot channel", inversions)
	if inversions > 0 {
		t.Errorf("%d pairs out of order between the bot channel and the webhook", inversions)
	}
}

// distinctWords are six words, letters only, that no other item of the test
// has: items made of them are stories of their own.
func distinctWords(i int) []string {
	words := make([]string, 6)
	for k := range words {
		n := uint32(i*6+k+1) * 2654435761
		w := []byte{byte('A' + k)}
		for range 6 {
			w = append(w, byte('a'+n%26))
			n /= 26
		}
		words[k] = string(w)
	}
	return words
}
