// Command fakediscord runs the in-repo fake Discord (internal/discordfake)
// on a local port and prints every message it receives, so anyone can watch
// newshound deliver without a Discord account:
//
//	go run ./cmd/fakediscord --listen 127.0.0.1:8099 --channels 123,456 --token T
//
// then point newshound at it with discord.api_base: http://127.0.0.1:8099
// and discord.token: T. Messages go to standard output, one block each;
// the banner and shutdown notes go to standard error.
package main

import (
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

	"github.com/newshound/newshound/internal/discordfake"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "fakediscord:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakediscord", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8099", "address to serve the fake Discord on")
	channels := fs.String("channels", "", "comma-separated channel IDs that exist")
	forbidden := fs.String("forbidden", "", "comma-separated channel IDs the bot may not post in (403 50013)")
	forums := fs.String("forums", "", "comma-separated forum channel IDs (posts, not messages: a story becomes one post)")
	webhooks := fs.String("webhooks", "", "comma-separated incoming webhooks as id:token")
	token := fs.String("token", "fake-token", "bot token to accept (without \"Bot \")")
	appID := fs.String("app-id", "", "application (and bot user) ID; default a fixed snowflake")
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
	srv := discordfake.New(discordfake.Options{
		Token:         *token,
		ApplicationID: *appID,
		Channels:      splitList(*channels),
		Listener:      ln,
		OnMessage:     p.print,
	})
	defer srv.Close()
	for _, id := range splitList(*forbidden) {
		srv.ForbidChannel(id)
	}
	for _, id := range splitList(*forums) {
		srv.AddForum(id)
	}
	fmt.Fprintf(stderr, "fake Discord at %s (REST under /api/v9/, gateway %s)\n", srv.URL(), srv.GatewayURL())
	fmt.Fprintf(stderr, "  discord.api_base: %s   discord.token: %s\n", srv.URL(), *token)
	for _, id := range splitList(*channels) {
		fmt.Fprintf(stderr, "  channel %s\n", id)
	}
	for _, id := range splitList(*forums) {
		fmt.Fprintf(stderr, "  forum %s\n", id)
	}
	for _, h := range splitList(*webhooks) {
		id, tok, ok := strings.Cut(h, ":")
		if !ok || id == "" || tok == "" {
			return fmt.Errorf("--webhooks: %q is not id:token", h)
		}
		fmt.Fprintf(stderr, "  webhook %s\n", srv.AddWebhook(id, tok))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintf(stderr, "shutting down after %d requests\n", srv.Requests())
	return nil
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

func (p *printer) print(m discordfake.Message) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.w, formatMessage(m))
}
