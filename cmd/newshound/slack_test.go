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

	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/internal/testutil"
)

// `run` with Slack: the alert posted to the Slack channel, and /newshound
// answered at slack.listen, signed by the fake Slack.
func TestRunWithSlack(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	feeds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire</title><item><title>Putin speaks</title><link>https://wire.example/1</link>`+
			`<pubDate>%s</pubDate><description>Putin said something.</description></item></channel></rss>`, time.Now().Format(time.RFC1123Z))
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
schedule: "@every 1h"
articles: { fetch: false }
feeds:
  - { name: Wire, url: "%s/feed" }
watches:
  - { name: russia, keywords: [Putin], channels: [desk] }
channels:
  desk: { slack: C0NEWSROOM }
slack: { token: %s, api_base: "%s", signing_secret: %s, listen: "%s" }
`, filepath.Join(dir, "n.db"), feeds.URL, fake.Token(), fake.URL(), fake.SigningSecret(), addr)), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stderr testutil.LogBuffer
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, strings.NewReader(""), io.Discard, &stderr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		if strings.Contains(stderr.String(), fake.Token()) || strings.Contains(stderr.String(), fake.SigningSecret()) {
			t.Error("a secret is in the log")
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	var sent slackfake.Sent
	for {
		sent, err = fake.SendSlashCommand(ctx, "http://"+addr+"/slack/commands", slackfake.SlashCommand{Command: "/newshound", Text: "feeds"})
		if err == nil && sent.Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the command endpoint did not answer: %+v %v\n%s", sent, err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	defer acancel()
	rs, err := fake.AwaitResponses(actx, sent.ResponseID, 1)
	if err != nil || !strings.Contains(rs[0].AllText(), "*Wire*") {
		t.Fatalf("/newshound feeds: %+v %v", rs, err)
	}
	for len(fake.Messages("C0NEWSROOM")) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no alert in Slack\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if m := fake.Messages("C0NEWSROOM")[0]; !strings.Contains(m.AllText(), "Putin speaks") {
		t.Errorf("alert %+v", m)
	}
}

// `run` with Slack's Socket Mode: no endpoint, /newshound answered over
// the websocket the daemon opens.
func TestRunWithSlackSocketMode(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "n.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
storage: { path: %s }
schedule: "@every 1h"
feeds:
  - { name: Wire, url: "file:///nonexistent/feed.xml" }
watches:
  - { name: russia, keywords: [Putin], channels: [desk] }
channels:
  desk: { slack: C0NEWSROOM }
slack: { token: %s, api_base: "%s", app_token: %s }
`, filepath.Join(dir, "n.db"), fake.Token(), fake.URL(), fake.AppToken())), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stderr testutil.LogBuffer
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, strings.NewReader(""), io.Discard, &stderr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		if strings.Contains(stderr.String(), fake.AppToken()) {
			t.Error("the app token is in the log")
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for fake.SocketConnections() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no Socket Mode connection\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	sent, err := fake.SendSlashCommandSocket(ctx, slackfake.SlashCommand{Command: "/newshound", Text: "watches"})
	if err != nil {
		t.Fatal(err)
	}
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	defer acancel()
	rs, err := fake.AwaitResponses(actx, sent.ResponseID, 1)
	if err != nil || !strings.Contains(rs[0].AllText(), "*russia*") {
		t.Fatalf("/newshound watches: %+v %v", rs, err)
	}
}
