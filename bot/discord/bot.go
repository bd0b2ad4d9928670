// Package discord is newshound's Discord side: it turns alerts into embeds and
// delivers them, through the bot's REST API or through incoming webhooks,
// and it holds the gateway connection slash commands arrive on.
//
// The message builders (AlertMessage, WebhookMessage, DigestMessage,
// NoticeMessage) are pure; Deliver (the alert.Notifier) and Post send.
// REST goes to https://discord.com unless Options.APIBase names another
// Discord-compatible server, such as internal/discordfake: the session's
// HTTP transport rewrites the host, discordgo's endpoint variables are
// left alone.
//
// Delivery is one attempt per call: the outbox in package watchers owns
// retries. Deliver therefore classifies every failure — a 401 pauses the
// credentials (alert.Unauthorized), another 4xx other than 429 is
// permanent (alert.Permanent, with Discord's code and message), a 429 is
// retryable after Discord's retry_after, 5xx and network errors are
// retryable — and discordgo's own retries and rate-limit sleeps are not used
// (request.go), so a failing or rate-limiting Discord never stalls the
// outbox. Each channel message carries the delivery's nonce with
// enforce_nonce, and every message a reference in its footer by which a
// retry that may repeat a post looks for it first (see Deliver).
//
// Everything shown from feeds is escaped (embed.go): it cannot format, link
// or mention, and allowed_mentions lets at most the watch's role notify.
// The bot token and webhook tokens never appear in logs or errors.
//
// With EnableCommands the bot also answers slash commands (/search,
// /latest, /quotes, /summary, /why, /story, /watches, /feeds, /watch): one table in
// commands.go defines, registers and dispatches them, one file per command
// holds its definition and handler. They arrive over the gateway (Open) or
// the HTTP interactions endpoint (interactions_http.go, Ed25519-verified),
// through the same handler. Answers ping nobody; errors and admin answers
// are ephemeral; slow answers are deferred, then edited in.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Bot delivers alerts to Discord and holds the gateway session.
type Bot struct {
	session  *discordgo.Session
	token    string // without "Bot "
	channels map[string]target
	styles   map[string]Style
	log      *slog.Logger
	secrets  []string // redacted from errors: the bot token, webhook tokens

	cmds *commandSet // nil: no slash commands

	mu        sync.Mutex
	opened    bool
	report    func(problem string) // the gateway's state for /healthz (Connect's)
	watching  bool                 // Connect is done: report hears of the gateway's losses
	lost      bool                 // the gateway was lost and has not reconnected
	watchOnce sync.Once            // watchGateway's handlers added

	connectBase time.Duration // Connect's first backoff (0: connectBase)

	lookMu       sync.Mutex        // guards the maps below
	hookChannels map[string]string // webhook ID → the channel it posts to
	channelTypes map[string]int    // channel ID → Discord channel type (story.go)
	warned       map[string]bool   // warnOnce keys
}

// Open connects to the gateway and returns once Discord (or the fake) has
// sent READY. Delivery does not need it; slash commands over the gateway do.
func (b *Bot) Open(ctx context.Context) error {
	if b.token == "" {
		return errors.New("bot: open gateway: no bot token configured")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.opened {
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- b.session.Open() }()
	select {
	case err := <-done:
		if err != nil {
			return b.redact(fmt.Errorf("bot: open gateway: %w", err))
		}
	case <-ctx.Done():
		go func() {
			if <-done == nil {
				_ = b.session.Close()
			}
		}()
		return fmt.Errorf("bot: open gateway: %w", ctx.Err())
	}
	b.opened = true
	b.log.Info("bot: gateway connected")
	return nil
}

// watchGateway sends report what becomes of the gateway after Open:
// discordgo's Disconnect (a connection lost, whatever the cause — a
// revoked token's reconnects then fail with close 4004, logged by
// discordgo) reports a problem, its Connect (a reconnect) clears it. The
// handlers are added once; report is the latest Connect's. A Close of ours
// reports nothing: the handlers, which discordgo runs in goroutines, wait
// for b.mu and see the gateway closed.
func (b *Bot) watchGateway(report func(problem string)) {
	b.mu.Lock()
	b.report, b.watching = report, false // Connect reports until it is done
	b.mu.Unlock()
	b.watchOnce.Do(func() {
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			b.mu.Lock()
			opened, report := b.opened && b.watching, b.report
			b.lost = opened
			b.mu.Unlock()
			if opened && report != nil {
				report(fmt.Sprintf("discord: gateway connection lost at %s, reconnecting (slash commands over the gateway are unavailable meanwhile)",
					time.Now().UTC().Format(time.RFC3339)))
			}
		})
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) {
			b.mu.Lock()
			opened, report := b.opened && b.watching, b.report
			b.lost = false
			b.mu.Unlock()
			if opened && report != nil {
				report("")
			}
		})
	})
}

// Reconnect opens a lost gateway again now, instead of at discordgo's next
// try (its waits double to 10 min): a reload's nudge, as a reload probes
// paused deliveries at once. Nothing happens when the gateway is up, or was
// never opened here (another instance leads). discordgo's own loop then
// finds it open and stops.
func (b *Bot) Reconnect() {
	b.mu.Lock()
	lost := b.opened && b.watching && b.lost
	b.mu.Unlock()
	if !lost {
		return
	}
	go func() {
		if err := b.session.Open(); err != nil && !errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			b.log.Warn("bot: reconnecting the gateway after the reload failed; discordgo keeps trying", "error", b.redact(err))
		}
	}()
}

// Close closes the gateway connection, if open. discordgo waits about a
// second for the close handshake.
func (b *Bot) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.opened {
		return nil
	}
	b.opened = false
	if err := b.session.Close(); err != nil {
		return b.redact(fmt.Errorf("bot: close gateway: %w", err))
	}
	return nil
}

func init() {
	// The gateway URL's version (discordgo reads this when it connects; its
	// REST endpoints were built from it at its init, and the transport moves
	// those to v10). newshound is discordgo's only user in the process.
	discordgo.APIVersion = strings.TrimPrefix(apiVersion, "v")
}

// newSession builds a discordgo session whose REST requests go through
// client (which rewrites discord.com to the configured API base) and which
// never retries by itself.
func newSession(token string, client *http.Client) *discordgo.Session {
	auth := ""
	if token != "" {
		auth = "Bot " + token
	}
	s, _ := discordgo.New(auth) // cannot fail: it only fills in a struct
	s.Client = client
	s.MaxRestRetries = 0
	s.ShouldRetryOnRateLimit = false
	s.Identify.Intents = discordgo.IntentsNone
	s.Identify.Presence.Status = string(discordgo.StatusOnline) // discordgo leaves it empty, which Discord cannot decode
	s.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: gatewayHandshake}
	return s
}

// RouteDiscordgoLogs sends discordgo's own log lines — which it would
// write with the standard logger as "[DG0] …", outside the structured log —
// to the Bot's logger, at the matching level, with the bot's secrets
// redacted. discordgo has one process-wide, unsynchronised hook
// (discordgo.Logger): it is set once, and must be before any session opens
// (main calls this at start); a later call only changes the Bot whose
// logger the lines go to.
func (b *Bot) RouteDiscordgoLogs() {
	libLog.Store(b)
	installLibLog.Do(func() { discordgo.Logger = logDiscordgo })
}

// libLog is the Bot discordgo's lines go to; discordgo's hook being global,
// so is this.
var (
	libLog        atomic.Pointer[Bot]
	installLibLog sync.Once
)

func logDiscordgo(msgL, _ int, format string, a ...any) {
	b := libLog.Load()
	if b == nil {
		return
	}
	level := slog.LevelDebug
	switch msgL {
	case discordgo.LogError:
		level = slog.LevelError
	case discordgo.LogWarning:
		level = slog.LevelWarn
	case discordgo.LogInformational:
		level = slog.LevelInfo
	}
	msg := b.redact(fmt.Errorf(format, a...)).Error()
	b.log.Log(context.Background(), level, "discordgo: "+msg)
}

// Connect opens the gateway and registers the slash commands, retrying
// each with backoff (2 s doubling to 5 min) until it succeeds or ctx ends:
// Discord down when newshound starts must not leave commands dead until a
// restart. report is called with a description of what is not working yet
// (for /healthz), and with "" once both are done. It returns when both are
// done (nil) or ctx has ended (its error). Afterwards report keeps hearing
// of the gateway: a connection lost (discordgo reconnects by itself, with
// waits doubling to 10 min) is reported until it is back.
func (b *Bot) Connect(ctx context.Context, report func(problem string)) error {
	b.watchGateway(report)
	wait := b.connectBase
	if wait <= 0 {
		wait = connectBase
	}
	step := func(what string, f func(context.Context) error) error {
		delay := wait
		for failures := 0; ; failures++ {
			err := f(ctx)
			if err == nil {
				if failures > 0 {
					b.log.Info("bot: "+what+" succeeded after failures", "failures", failures)
				}
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			report(fmt.Sprintf("discord: %s failed (%d attempts, retrying in %s): %v", what, failures+1, delay, err))
			if failures == 0 {
				b.log.Error("bot: "+what+" failed; retrying with backoff (slash commands are unavailable meanwhile; delivery does not depend on it)",
					"retry_in", delay, "error", err)
			} else {
				b.log.Warn("bot: "+what+" failed again", "attempts", failures+1, "retry_in", delay, "error", err)
			}
			if err := sleep(ctx, delay); err != nil {
				return err
			}
			delay = min(2*delay, connectMax)
		}
	}
	if err := step("gateway connection", b.Open); err != nil {
		return err
	}
	if err := step("registering slash commands", b.RegisterCommands); err != nil {
		return err
	}
	report("")
	b.mu.Lock()
	b.watching = true // from here on the handlers report
	b.mu.Unlock()
	return nil
}
