package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/newshound/newshound/bot/discord"
	"github.com/newshound/newshound/bot/slack"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/metrics"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "newshound.yaml", "the configuration `file`")
}

// loadConfig loads and fully checks a configuration, queries included. Its
// error lists every problem as FILE:LINE:COL: message, with exit code 2.
func loadConfig(path string) (*config.Config, error) {
	cfg, err := config.Load(path, config.Options{Version: version, Check: func(c *config.Config) error {
		_, err := watchers.CompileWatches(c)
		return err
	}})
	if err != nil {
		return nil, configError(err)
	}
	return cfg, nil
}

// configError is the exit (status 2) for a configuration that does not
// load: its problems counted and listed, each with its place.
func configError(err error) error {
	var errs config.Errors
	if errors.As(err, &errs) {
		return &exitError{code: 2, err: fmt.Errorf("%d problem%s in the configuration:\n%w", len(errs), plural(len(errs)), err)}
	}
	return &exitError{code: 2, err: err}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func cmdCheck(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "--config FILE", `
Validate a configuration file without polling anything. A valid file prints
one line ("ok: 3 feeds, 2 watches, 1 channel") and exits 0; an invalid one
prints every problem as FILE:LINE:COL: message and exits 2.`)
	path := configFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: %s\n", cfg.Summary())
	return nil
}

// services is what once and run share.
type services struct {
	cfg     *config.Config
	store   *store.Store
	watcher *watchers.Watcher
	bot     *discord.Bot    // nil without Discord
	slack   *slack.Notifier // nil without Slack channels
}

// newBot builds the Discord side from the configuration.
func newBot(cfg *config.Config, log *slog.Logger) (*discord.Bot, error) {
	opts := discord.Options{
		Token:    cfg.Discord.Token,
		APIBase:  cfg.Discord.APIBase,
		Channels: map[string]discord.Channel{},
		Styles:   map[string]discord.Style{},
		Logger:   log,
	}
	for name, ch := range cfg.Channels {
		if !ch.IsSlack() {
			opts.Channels[name] = discord.Channel{DiscordID: ch.Discord, WebhookURL: ch.Webhook}
		}
	}
	for _, w := range cfg.Watches {
		opts.Styles[w.Name] = discord.Style{Color: w.ColorValue(), Mention: w.DiscordMention()}
	}
	b, err := discord.New(opts)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	return b, nil
}

// newSlack builds the Slack side from the configuration; nil when no
// channel is a Slack one and the /newshound command is not received.
func newSlack(cfg *config.Config, log *slog.Logger) (*slack.Notifier, error) {
	opts := slack.Options{Token: cfg.Slack.Token, APIBase: cfg.Slack.APIBase, Channels: map[string]slack.Channel{},
		Styles: map[string]slack.Style{}, Logger: log}
	for name, ch := range cfg.Channels {
		if ch.IsSlack() {
			opts.Channels[name] = slack.Channel{ID: ch.Slack, WebhookURL: ch.SlackWebhook}
		}
	}
	if len(opts.Channels) == 0 && cfg.Slack.Listen == "" && cfg.Slack.AppToken == "" {
		return nil, nil
	}
	for _, w := range cfg.Watches {
		opts.Styles[w.Name] = slack.Style{Mention: w.SlackMention()}
	}
	n, err := slack.New(opts)
	if err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	return n, nil
}

// hasDiscord reports whether the configuration uses Discord: a Discord
// channel, or a bot token (the slash commands) with chat channels.
func hasDiscord(cfg *config.Config) bool {
	for _, ch := range cfg.Channels {
		if !ch.IsSlack() {
			return true
		}
	}
	return cfg.Discord.Token != "" && len(cfg.Channels) > 0
}

// notifiers builds the chat side: the Discord bot (nil without Discord),
// the Slack notifier (nil without Slack channels), and the Notifier the
// watcher delivers through — one of them, or a Router by channel when the
// configuration posts to both; nil without chat channels.
func notifiers(cfg *config.Config, log *slog.Logger) (*discord.Bot, *slack.Notifier, alert.Notifier, error) {
	var bot *discord.Bot
	if hasDiscord(cfg) {
		b, err := newBot(cfg, log)
		if err != nil {
			return nil, nil, nil, err
		}
		bot = b
	}
	sl, err := newSlack(cfg, log)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(cfg.Channels) == 0 {
		return bot, sl, nil, nil
	}
	router := alert.Router{}
	kinds := map[bool]bool{}
	for name, ch := range cfg.Channels {
		kinds[ch.IsSlack()] = true
		if ch.IsSlack() {
			router[name] = sl
		} else {
			router[name] = bot
		}
	}
	switch {
	case len(kinds) == 2:
		return bot, sl, router, nil
	case kinds[true]:
		return bot, sl, sl, nil
	default:
		return bot, sl, bot, nil
	}
}

func (s *services) Close() { s.store.Close() }

func openServices(ctx context.Context, e *env, path string, log *slog.Logger, metrics *watchers.Metrics) (*services, error) {
	cfg, err := loadConfig(path)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, cfg.Storage)
	if err != nil {
		return nil, err
	}
	// A listed feed's URL is the operator's choice, its redirects the remote
	// side's: those are held to allow_private_networks like links.
	feedClient := httpclient.New(httpclient.Options{Timeout: cfg.HTTP.Timeout.D(), AllowPrivate: true,
		AllowPrivateRedirects: cfg.HTTP.AllowPrivateNetworks})
	opts := watchers.Options{
		Config:        cfg,
		Store:         st,
		Logger:        log,
		FeedClient:    feedClient,
		ArticleClient: httpclient.New(httpclient.Options{Timeout: cfg.HTTP.Timeout.D(), AllowPrivate: cfg.HTTP.AllowPrivateNetworks}),
		Stdout:        e.stdout,
		Metrics:       metrics,
	}
	svc := &services{cfg: cfg, store: st}
	b, sl, notifier, err := notifiers(cfg, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	svc.bot, svc.slack, opts.Notifier = b, sl, notifier
	if b != nil {
		b.RouteDiscordgoLogs()
	}
	w, err := watchers.New(opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	svc.watcher = w
	if svc.slack != nil && (cfg.Slack.Listen != "" || cfg.Slack.AppToken != "") {
		client := httpclient.New(httpclient.Options{Timeout: cfg.HTTP.Timeout.D(), AllowPrivate: cfg.HTTP.AllowPrivateNetworks})
		err := svc.slack.EnableCommands(&slack.Commands{
			Store:          st,
			Pipeline:       w,
			ArticleFetcher: article.NewFetcher(client, watchers.ArticleOptions(cfg)),
			AllowPrivate:   cfg.HTTP.AllowPrivateNetworks,
			SigningSecret:  cfg.Slack.SigningSecret,
			Listen:         cfg.Slack.Listen,
			AppToken:       cfg.Slack.AppToken,
			Admins:         cfg.Slack.Admins,
		})
		if err != nil {
			st.Close()
			return nil, err
		}
	}
	if svc.bot != nil && cfg.Discord.Token != "" {
		client := httpclient.New(httpclient.Options{Timeout: cfg.HTTP.Timeout.D(), AllowPrivate: cfg.HTTP.AllowPrivateNetworks})
		err := svc.bot.EnableCommands(&discord.Commands{
			Store:          st,
			Pipeline:       w,
			ArticleFetcher: article.NewFetcher(client, watchers.ArticleOptions(cfg)),
			AllowPrivate:   cfg.HTTP.AllowPrivateNetworks,
			GuildID:        cfg.Discord.GuildID,
			Interactions:   discord.Interactions{Listen: cfg.Discord.Interactions.Listen, PublicKey: cfg.Discord.Interactions.PublicKey},
		})
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("discord: %w", err)
		}
	}
	return svc, nil
}

// onceGCPercent is once's garbage-collection target (the runtime's GOGC):
// the heap may grow half over what is live before a collection, not all of
// it. once is a burst run beside other things (from cron, say), where its
// peak is what the machine sees: over 1,000 changed feeds it peaks near
// 58 MB of RSS instead of 64-66, for 5-8% more CPU. A GOGC or GOMEMLIMIT in
// the environment is the user's choice and wins.
const onceGCPercent = 50

func onceGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(onceGCPercent)
	}
}

// runGCPercent is run's garbage-collection target (the runtime's GOGC;
// the runtime's own default is 100). A cycle of changed feeds allocates
// some 300 MB per 1,000 feeds × 20 items against a live heap of some
// 15 MB, so at 100 it collects over a dozen times a cycle; at 150 the poll cycle
// (watchers' BenchmarkPollCycle/changed, which runs at the runtime's
// default) took 9% less CPU (1,255 against 1,379 cpu-ms, medians of five
// interleaved runs at load 7-10; 200: 1,241), for a peak heap 6 MB higher
// (35 against 29 MB; 200: 43). Idle, where issue 16's bound is, run with
// 2,000 feeds stays at 30-31 MB either way (29.5-32.5 at 100). A GOGC or
// GOMEMLIMIT in the environment is the user's choice and wins.
const runGCPercent = 150

// runGC sets run's garbage-collection target, and returns the function
// that puts the previous one back (tests run run in their own process).
func runGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(runGCPercent)
	return func() { debug.SetGCPercent(old) }
}

func cmdOnce(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "once", "--config FILE", `
Poll every feed once (backoff is ignored), read and match what is new,
deliver the alerts, and exit. Alerts of watches without channels are printed
on standard output as JSON lines; a later article of a story that already
alerted the watch prints an update line ("kind":"update") instead of a second
alert; in a chat channel it edits the story's alert message to list its
outlet (and posts a follow-up under it when it adds a quote or sentence).
A failing feed is reported on
standard error with its name, URL and cause, and the others go on. Exits 0
when at least one feed was polled. On PostgreSQL it refuses to start while
instances of run share the database, or another once runs on it (it would
deliver beside them).`)
	path := configFlag(fs)
	newLogger := logFlags(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	onceGC()
	log := newLogger()
	svc, err := openServices(ctx, e, *path, log, nil)
	if err != nil {
		return err
	}
	defer svc.Close()
	if svc.store.Postgres() {
		// One once at a time (two cron hosts, one database): it holds no
		// heartbeat, so instances cannot see it, but a second once can.
		release, held, err := store.TryLock(ctx, svc.cfg.Storage.Postgres, store.LockOnce)
		if err != nil {
			return err
		}
		if !held {
			return errors.New("another newshound once runs on this database: it polls every feed and delivers every channel, and two would deliver side by side — let it finish")
		}
		defer release()
	}
	if err := refuseBesideInstances(ctx, svc.store); err != nil {
		return err
	}
	rep := svc.watcher.PollAll(ctx, true)
	delivered, derr := svc.watcher.DeliverDue(ctx)
	for _, fe := range rep.Failed {
		fmt.Fprintf(e.stderr, "newshound: feed %q (%s): %v\n", fe.Feed, fe.URL, fe.Err)
	}
	fmt.Fprintf(e.stderr, "newshound: polled %d of %d feeds, %d new items, %d articles read, %d alerts queued, %d delivered\n",
		rep.Polled, len(svc.cfg.Feeds), rep.New, rep.Articles, rep.Alerted, delivered)
	if derr != nil {
		return derr
	}
	if rep.Polled == 0 {
		return errors.New("no feed could be polled")
	}
	return nil
}

// refuseBesideInstances refuses once on a PostgreSQL database that
// instances of run share: once polls every feed and delivers every channel
// whatever their leases, so it would deliver beside a channel's holder — two
// processes posting one channel's messages. (On SQLite the lock file refuses
// it beside a running writer.)
func refuseBesideInstances(ctx context.Context, st *store.Store) error {
	names, err := st.LiveInstances(ctx)
	if err != nil || len(names) == 0 {
		return err
	}
	noun := "instances run"
	if len(names) == 1 {
		noun = "instance runs"
	}
	shown := names
	if len(shown) > 5 {
		shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(names)-5))
	}
	return fmt.Errorf("%d %s on this database (%s): once polls every feed and delivers every channel whatever their leases, "+
		"beside them — leave the work to them, or stop them first (a killed instance counts until 30 s after its last heartbeat)",
		len(names), noun, strings.Join(shown, ", "))
}

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", "--config FILE", `
Run the daemon: poll each feed on its schedule (feeds sharing one are spread over
its interval; on @every each is polled once at start-up), read and match new articles,
deliver alerts, until SIGINT or SIGTERM; then finish the work in flight
(at most --grace) and exit 0. SIGHUP re-reads the configuration: a valid one
replaces the running one (new feeds polled, removed ones stopped, watches
recompiled); an invalid one is refused with its problems logged, and the
running configuration stays. With server.listen set, /healthz and /metrics
are served there; with slack.listen or slack.app_token set, Slack's
/newshound command is answered (over HTTP, or over Socket Mode). With
storage.postgres, several instances share the work: each polls and delivers
its share (leases), one holds the Discord gateway.`)
	path := configFlag(fs)
	grace := fs.Duration("grace", 30*time.Second, "how long to wait for in-flight polls and deliveries at shutdown")
	newLogger := logFlags(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer runGC()()
	log := newLogger()
	reg := metrics.NewRegistry()
	reg.MustRegister(metrics.GoCollector(), metrics.ProcessCollector())
	svc, err := openServices(ctx, e, *path, log, watchers.NewMetrics(reg))
	if err != nil {
		return err
	}
	defer svc.Close()
	reg.MustRegister(watchers.NewStoreCollector(svc.store))
	if svc.store.Postgres() {
		reg.MustRegister(metrics.NewCounterFunc(metrics.Opts{Name: "newshound_db_round_trips_total",
			Help: "Statements sent to PostgreSQL (each a round trip: queries, BEGIN/COMMIT, prepares)."},
			func() float64 { return float64(svc.store.RoundTrips()) }))
	}
	cfg := svc.cfg
	log.Info("newshound starting", "version", version, "config", *path, "feeds", len(cfg.Feeds), "watches", len(cfg.Watches),
		"channels", len(cfg.Channels), "database", cfg.Storage.Name())

	if cfg.Server.Listen != "" {
		ln, err := net.Listen("tcp", cfg.Server.Listen)
		if err != nil {
			return fmt.Errorf("server.listen: %w", err)
		}
		srv := &http.Server{Handler: svc.watcher.Handler(reg), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("serving /healthz and /metrics", "address", ln.Addr().String())
	}

	// Several instances on one PostgreSQL database share the work; the
	// gateway connection is held by one of them at a time.
	var lead func(func(context.Context)) // nil: alone, the gateway is this process's
	if svc.store.Postgres() {
		if lead, err = shareWork(ctx, svc, cfg.Storage.Postgres, log); err != nil {
			return err
		}
	}

	if svc.bot != nil && cfg.Discord.Token != "" {
		// Slash commands: the gateway, registration, and the HTTP endpoint
		// when configured. Delivery does not depend on them.
		// Discord may be down now: Connect retries with backoff, and
		// /healthz says so meanwhile.
		defer svc.bot.Close()
		report := func(problem string) { svc.watcher.SetProblem("discord-gateway", problem) }
		if lead == nil {
			go svc.bot.Connect(ctx, report)
		} else {
			lead(func(leading context.Context) {
				svc.bot.Connect(leading, report)
				<-leading.Done()
				if ctx.Err() == nil {
					// Leadership lost: another instance connects; this
					// one lets go of the gateway.
					report("")
					svc.bot.Close()
				}
			})
		}
		if cfg.Discord.Interactions.Listen != "" {
			go func() {
				if err := svc.bot.ServeInteractions(ctx); err != nil {
					log.Error("interactions endpoint", "error", err)
				}
			}()
		}
	}

	if svc.slack != nil && cfg.Slack.Listen != "" {
		// The /newshound command; delivery does not depend on it.
		go func() {
			if err := svc.slack.ServeCommands(ctx); err != nil {
				log.Error("slack command endpoint", "error", err)
				svc.watcher.SetProblem("slack-commands", "the /newshound endpoint stopped: "+err.Error())
			}
		}()
	}
	if svc.slack != nil && cfg.Slack.AppToken != "" {
		// Socket Mode: reconnects with backoff; /healthz says when it is down.
		go func() {
			if err := svc.slack.ServeSocket(ctx, func(problem string) { svc.watcher.SetProblem("slack-socket", problem) }); err != nil {
				log.Error("slack Socket Mode", "error", err)
			}
		}()
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := reload(ctx, svc, *path, log); err != nil {
					log.Error("reload refused: the running configuration stays", "config", *path, "error", err)
				}
			}
		}
	}()

	err = svc.watcher.Run(ctx, *grace)
	log.Info("newshound stopped")
	return err
}

// reload re-reads the configuration and hands a valid one to the watcher.
func reload(ctx context.Context, svc *services, path string, log *slog.Logger) error {
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	_, _, notifier, err := notifiers(cfg, log)
	if err != nil {
		return err
	}
	before := channelNames(svc.watcher.Config())
	if err := svc.watcher.Reload(ctx, cfg, notifier); err != nil {
		return err
	}
	// A lost gateway is tried again now (its own retries wait up to 10
	// min), as paused deliveries are probed now.
	if svc.bot != nil {
		svc.bot.Reconnect()
	}
	// The slash commands read the configuration in force from the watcher;
	// what they offer at registration (/watch add's channels) follows it.
	if svc.bot != nil && svc.cfg.Discord.Token != "" && !slices.Equal(before, channelNames(cfg)) {
		if err := svc.bot.RegisterCommands(ctx); err != nil {
			log.Error("registering slash commands after the reload", "error", err)
		}
	}
	log.Info("configuration reloaded", "config", path, "feeds", len(cfg.Feeds), "watches", len(cfg.Watches), "channels", len(cfg.Channels))
	return nil
}

func channelNames(cfg *config.Config) []string {
	names := make([]string, 0, len(cfg.Channels))
	for name := range cfg.Channels {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
