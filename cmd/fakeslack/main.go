// Command fakeslack runs the in-repo fake Slack (internal/slackfake) on a
// local port and prints every message it receives, so anyone can watch
// newshound deliver to Slack without a workspace:
//
//	go run ./cmd/fakeslack --listen 127.0.0.1:8098 --channels C0NEWSROOM --token xoxb-fake-token
//
// then point newshound at it with slack.api_base: http://127.0.0.1:8098 and
// slack.token: xoxb-fake-token. Messages go to standard output, one block
// each; the banner and shutdown notes go to standard error.
//
// Each line typed on standard input ("/newshound search putin") is sent as
// a slash command to newshound — signed, to --app (newshound's slack.listen
// URL), or over Socket Mode when newshound is connected with
// slack.app_token: xapp-fake-token — and its answers are printed.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newshound/newshound/internal/slackfake"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "fakeslack:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakeslack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8098", "address to serve the fake Slack on")
	channels := fs.String("channels", "", "comma-separated channel IDs that exist, with the bot in each")
	webhooks := fs.String("webhooks", "", "comma-separated channel IDs that each get an incoming webhook (its URL is printed)")
	token := fs.String("token", "xoxb-fake-token", "bot token to accept")
	secret := fs.String("signing-secret", "fake-signing-secret", "signing secret for the requests the fake sends to the app")
	appToken := fs.String("app-token", "xapp-fake-token", "app-level token to accept for Socket Mode")
	app := fs.String("app", "", "URL of newshound's slack.listen endpoint, for slash commands typed on standard input (empty: Socket Mode)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	p := &printer{w: stdout}
	srv := slackfake.New(slackfake.Options{Token: *token, SigningSecret: *secret, AppToken: *appToken, Channels: splitList(*channels),
		Listener: ln, OnMessage: p.print})
	defer srv.Close()
	fmt.Fprintf(stderr, "fake Slack at %s (Web API under /api/)\n", srv.URL())
	fmt.Fprintf(stderr, "  slack.api_base: %s   slack.token: %s\n", srv.URL(), *token)
	for _, id := range splitList(*channels) {
		fmt.Fprintf(stderr, "  channel %s\n", id)
	}
	for i, id := range splitList(*webhooks) {
		fmt.Fprintf(stderr, "  webhook into %s: %s\n", id, srv.AddWebhook(id, fmt.Sprintf("hooksecret%d", i+1)))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go typeCommands(ctx, srv, *app, stdin, p)
	<-ctx.Done()
	fmt.Fprintf(stderr, "shutting down after %d requests\n", srv.Requests())
	return nil
}

// typeCommands sends each line of in as a slash command ("/newshound
// feeds") and prints the answers.
func typeCommands(ctx context.Context, srv *slackfake.Server, app string, in io.Reader, p *printer) {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		command, text, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(command, "/") {
			command, text = "/newshound", line
		}
		cmd := slackfake.SlashCommand{Command: command, Text: text}
		var sent slackfake.Sent
		var err error
		if app != "" {
			sent, err = srv.SendSlashCommand(ctx, app, cmd)
		} else {
			sent, err = srv.SendSlashCommandSocket(ctx, cmd)
		}
		if err == nil && sent.Status != 200 {
			err = fmt.Errorf("the app answered HTTP %d", sent.Status)
		}
		if err != nil {
			p.line(fmt.Sprintf("%s: %v\n", line, err))
			continue
		}
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		rs, err := srv.AwaitResponses(wctx, sent.ResponseID, 1)
		cancel()
		if err != nil {
			p.line(fmt.Sprintf("%s: %v\n", line, err))
			continue
		}
		for _, r := range rs {
			p.line(formatResponse(line, r))
		}
	}
}

// formatResponse lays an answer out like a message.
func formatResponse(line string, r slackfake.ResponseMessage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "━━ answer to %s · %s ━━\n", line, r.ResponseType)
	for _, t := range strings.Split(r.AllText(), "\n") {
		fmt.Fprintf(&b, "┃ %s\n", t)
	}
	b.WriteString("\n")
	return b.String()
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// printer writes one block per message; OnMessage may be called
// concurrently.
type printer struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *printer) print(m slackfake.Message) { p.line(formatMessage(m)) }

func (p *printer) line(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.w, s)
}

// formatMessage lays a message out for a terminal: a heading with the
// channel, ts, thread and how it came, the fallback text, each block's
// texts, and what it pings.
func formatMessage(m slackfake.Message) string {
	var b strings.Builder
	how := "bot"
	if m.Webhook {
		how = "webhook"
	}
	if m.Edited {
		how += ", edited"
	}
	fmt.Fprintf(&b, "━━ #%s · ts %s · %s", m.Channel, m.TS, how)
	if m.ThreadTS != "" {
		fmt.Fprintf(&b, " · in thread %s", m.ThreadTS)
	}
	if m.Metadata != nil {
		fmt.Fprintf(&b, " · %s %v", m.Metadata.EventType, m.Metadata.EventPayload["ref"])
	}
	b.WriteString(" ━━\n")
	fmt.Fprintf(&b, "text: %s\n", m.Text)
	for _, bl := range m.Blocks {
		for _, t := range bl.Texts() {
			for _, line := range strings.Split(t, "\n") {
				fmt.Fprintf(&b, "┃ %s\n", line)
			}
		}
		if bl.Accessory != nil && bl.Accessory.ImageURL != "" {
			fmt.Fprintf(&b, "┃ [image %s]\n", bl.Accessory.ImageURL)
		}
		if bl.Type == "divider" {
			b.WriteString("┃ ───\n")
		}
	}
	if len(m.Mentions) > 0 {
		fmt.Fprintf(&b, "pings: %s\n", strings.Join(m.Mentions, ", "))
	}
	b.WriteString("\n")
	return b.String()
}
