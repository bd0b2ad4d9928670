package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/testutil"
)

// Discord refusing when `run` starts: /healthz says the gateway is not
// connected, and once Discord answers, the gateway connects, the commands
// are registered and /healthz is ok again, without a restart (issue 13.5).
func TestRunRetriesDiscordAtStart(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the retry backoff")
	}
	const channel = "123456789012345678"
	discord := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{channel}})
	defer discord.Close()
	discord.SetToken("not-yet")
	feeds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Wire</title></channel></rss>`)
	}))
	defer feeds.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "n.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
storage: { path: %s }
feeds:
  - { name: Wire, url: "%s/feed" }
watches:
  - { name: russia, keywords: [Putin], channels: [newsroom] }
channels:
  newsroom: { discord: "%s" }
discord: { token: tok, api_base: "%s" }
server: { listen: "%s" }
`, filepath.Join(dir, "n.db"), feeds.URL, channel, discord.URL(), addr)), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stderr testutil.LogBuffer
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, strings.NewReader(""), io.Discard, &stderr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()
	health := func() (int, string) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := health()
		if code == http.StatusServiceUnavailable && strings.Contains(body, "gateway") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never reported the gateway: %d %q\n%s", code, body, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	discord.SetToken("tok")
	deadline = time.Now().Add(30 * time.Second)
	for {
		code, body := health()
		if code == http.StatusOK && len(discord.Commands()) > 0 && discord.Sessions() == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not recovered: /healthz %d %q, %d commands, %d sessions\n%s", code, body, len(discord.Commands()), discord.Sessions(), stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
