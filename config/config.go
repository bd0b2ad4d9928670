// Package config owns newshound's YAML schema: the one file that lists the
// feeds, the watches and the channels.
//
// Load is strict. Every problem is reported, not just the first, each as
// FILE:LINE:COL: message — unknown keys (with a "did you mean" where one is
// close), values of the wrong type, unset ${VAR} references, bad durations,
// cron specs and URLs, duplicate names, watches with nothing to match, and
// references to channels that are not defined. ${NAME} anywhere in a value
// expands from the environment, so secrets stay out of the file; "$$" is a
// literal "$".
//
// The package imports nothing else of newshound's but the leaf
// internal/suggest (the one "did you mean"). Queries are checked by the
// caller (package match) using Position to point into this file.
package config

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration file.
type Config struct {
	Storage  Storage             `yaml:"storage"`
	Schedule string              `yaml:"schedule"` // default poll schedule: 5-field cron or @every
	MaxAge   Duration            `yaml:"max_age"`  // older items are recorded, never alerted
	HTTP     HTTP                `yaml:"http"`
	Articles Articles            `yaml:"articles"`
	Aliases  map[string][]string `yaml:"aliases"`
	Feeds    []Feed              `yaml:"feeds"`
	Watches  []Watch             `yaml:"watches"`
	Channels map[string]Channel  `yaml:"channels"`
	Discord  Discord             `yaml:"discord"`
	Slack    Slack               `yaml:"slack"`
	Server   Server              `yaml:"server"`
	// OpsChannel receives feed failures and recoveries and refused
	// deliveries. Empty: they are only logged.
	OpsChannel string `yaml:"ops_channel"`
	// FeedFailures is how many consecutive failed polls of a feed are
	// announced in the ops channel (once, and its recovery too).
	FeedFailures int `yaml:"feed_failures"`
	// StoryWindow is how long a story stays open after its latest article:
	// a later article of the same event joins it (and updates its alerts)
	// within this time, else it starts a new story.
	StoryWindow Duration `yaml:"story_window"`

	// Path is the file the configuration was loaded from.
	Path  string `yaml:"-"`
	pos   map[string]nodePos
	lines []string // the file's lines, to place errors inside block scalars
}

// Storage locates the database: the embedded SQLite file (Path), or a
// PostgreSQL database shared by several instances (Postgres); one of them.
type Storage struct {
	Path      string   `yaml:"path"`      // relative paths are relative to the config file
	Postgres  string   `yaml:"postgres"`  // postgres://user@host/db?sslmode=…, usually "${DATABASE_URL}"
	Retention Duration `yaml:"retention"` // prune article text and matches older than this (0: keep everything)
}

// Name is how messages name the database: the file's path, or the
// PostgreSQL URL without its password.
func (s Storage) Name() string {
	if s.Postgres == "" {
		return s.Path
	}
	u, err := url.Parse(s.Postgres)
	if err != nil {
		return "postgres (unparsable URL)"
	}
	return u.Redacted()
}

// HTTP configures every outbound request.
type HTTP struct {
	Timeout              Duration `yaml:"timeout"`
	UserAgent            string   `yaml:"user_agent"`
	MaxBody              Size     `yaml:"max_body"`
	AllowPrivateNetworks bool     `yaml:"allow_private_networks"`
	Concurrency          int      `yaml:"concurrency"` // feeds polled at once
}

// Articles configures reading each new item's page.
type Articles struct {
	Fetch       *bool    `yaml:"fetch"`       // default true; per feed fetch_articles overrides
	Concurrency int      `yaml:"concurrency"` // pages fetched at once, overall
	PerHost     int      `yaml:"per_host"`    // pages fetched at once from one host
	HostDelay   Duration `yaml:"host_delay"`  // pause between two requests to one host
	MinText     int      `yaml:"min_text"`    // less extracted text than this falls back to the feed's (article.TextLength: a CJK character counts 3, Korean 2)
}

// Feed is one polled feed.
type Feed struct {
	Name          string `yaml:"name"`
	URL           string `yaml:"url"`            // http(s)://, file:///abs/path or file:relative/path
	Schedule      string `yaml:"schedule"`       // optional override of the top-level schedule
	FetchArticles *bool  `yaml:"fetch_articles"` // optional override of articles.fetch
}

// Watch is one thing the team monitors.
type Watch struct {
	Name     string   `yaml:"name"`
	Keywords []string `yaml:"keywords"` // any of them, whole words or phrases
	Exclude  []string `yaml:"exclude"`  // none of them
	Query    string   `yaml:"query"`    // the query language; combined with keywords by AND when both are set
	Channels []string `yaml:"channels"` // none: alerts go to standard output
	Summary  Summary  `yaml:"summary"`
	Quotes   *int     `yaml:"quotes"`  // how many quotes an alert carries (default 2)
	Mention  []string `yaml:"mention"` // pinged with each alert: a Discord role ID and/or a Slack user group ID (S…)
	Color    string   `yaml:"color"`   // embed colour, "#rrggbb"
	Digest   string   `yaml:"digest"`  // a schedule: collect alerts and post one digest on it instead
	// Thread: a story's follow-ups (a later article that adds a quote or a
	// sentence) go into a thread under its alert instead of replying to it.
	// Also settable per channel; either one set is enough.
	Thread bool `yaml:"thread"`
}

// DiscordMention is the Discord role the watch's alerts ping ("" for none).
func (w Watch) DiscordMention() string {
	for _, m := range w.Mention {
		if isSnowflake(m) {
			return m
		}
	}
	return ""
}

// SlackMention is the Slack user group the watch's alerts ping ("" for none).
func (w Watch) SlackMention() string {
	for _, m := range w.Mention {
		if isSlackGroup(m) {
			return m
		}
	}
	return ""
}

// ColorValue is the watch's colour as a number (0 when unset).
func (w Watch) ColorValue() int {
	v, _ := strconv.ParseUint(strings.TrimPrefix(w.Color, "#"), 16, 32)
	return int(v)
}

// Summary shapes the summary of an alert.
type Summary struct {
	Sentences int `yaml:"sentences"` // default 3
	MaxChars  int `yaml:"max_chars"` // default 600
}

// Channel is a chat destination.
type Channel struct {
	Discord      string `yaml:"discord"`       // a Discord channel ID, posted by the bot
	Webhook      string `yaml:"webhook"`       // a Discord webhook URL
	Slack        string `yaml:"slack"`         // a Slack channel ID (C…), posted by the Slack app's bot
	SlackWebhook string `yaml:"slack_webhook"` // a Slack incoming webhook URL
	MaxPerHour   int    `yaml:"max_per_hour"`  // messages an hour at most; beyond, alerts fold into one digest (default 30)
	Thread       bool   `yaml:"thread"`        // story follow-ups in a thread under the alert (else a reply); see Watch.Thread
}

// Server is the operations endpoint: /healthz and /metrics.
type Server struct {
	Listen string `yaml:"listen"` // e.g. "127.0.0.1:9090"; empty: no server
}

// IsSlack reports whether the channel is a Slack one (by the app's bot or
// an incoming webhook).
func (ch Channel) IsSlack() bool { return ch.Slack != "" || ch.SlackWebhook != "" }

// Slack configures the Slack app: its bot token posts to slack: channels
// and answers the /newshound command, received over HTTP (listen, checked
// with signing_secret) or Socket Mode (app_token).
type Slack struct {
	Token         string `yaml:"token"`          // bot token (xoxb-…): write ${SLACK_BOT_TOKEN}; never logged
	SigningSecret string `yaml:"signing_secret"` // the app's signing secret: write ${SLACK_SIGNING_SECRET}; never logged
	APIBase       string `yaml:"api_base"`       // root URL of a Slack-compatible server (default https://slack.com)
	// Listen is where the /newshound slash command and its buttons'
	// interactivity requests are received (the app's Request URL points
	// here, behind TLS).
	Listen string `yaml:"listen"`
	// AppToken (xapp-…) receives the command over Socket Mode instead: a
	// websocket newshound opens to Slack, for a newshound Slack cannot
	// reach. Never logged.
	AppToken string `yaml:"app_token"`
	// Admins may add, remove, pause and resume watches from Slack: user
	// IDs (U…, W…) and user group IDs (S…). Empty: nobody may.
	Admins []string `yaml:"admins"`
}

// Discord configures the bot.
type Discord struct {
	Token        string       `yaml:"token"`        // bot token: write ${DISCORD_TOKEN}; never logged
	APIBase      string       `yaml:"api_base"`     // root URL of a Discord-compatible server (default https://discord.com)
	GuildID      string       `yaml:"guild_id"`     // register slash commands to this server only (instant); else globally
	Interactions Interactions `yaml:"interactions"` // optional HTTP interactions endpoint
}

// Interactions configures receiving slash commands over HTTP instead of (as
// well as) the gateway.
type Interactions struct {
	Listen    string `yaml:"listen"`     // e.g. ":8080"
	PublicKey string `yaml:"public_key"` // the application's Ed25519 public key, hex
}

// Defaults applied by Load to anything the file leaves unset.
const (
	DefaultSchedule    = "*/5 * * * *"
	DefaultMaxAge      = 48 * time.Hour
	DefaultStoryWindow = 36 * time.Hour
	DefaultTimeout     = 20 * time.Second
	DefaultMaxBody     = 5 << 20
	DefaultConcurrency = 16
	DefaultStorage     = "newshound.db"
	DefaultSentences   = 3
	DefaultMaxChars    = 600
	DefaultQuotes      = 2
	DefaultArticleConc = 8
	DefaultPerHost     = 2
	DefaultHostDelay   = 250 * time.Millisecond
	DefaultMinText     = 250
	DefaultMaxPerHour  = 30
	DefaultFeedFails   = 5
)

// DefaultUserAgent is the User-Agent sent when http.user_agent is unset, and
// by the commands that fetch without a configuration (discover, extract).
func DefaultUserAgent(version string) string {
	return "newshound/" + version + " (+https://github.com/newshound/newshound)"
}

// FetchArticles reports whether new items of feed f have their pages read.
func (c *Config) FetchArticles(f Feed) bool {
	if f.FetchArticles != nil {
		return *f.FetchArticles
	}
	return c.Articles.Fetch == nil || *c.Articles.Fetch
}

// FeedSchedule is the schedule feed f is polled on.
func (c *Config) FeedSchedule(f Feed) string {
	if f.Schedule != "" {
		return f.Schedule
	}
	return c.Schedule
}

// QuoteCount is how many quotes an alert of w carries.
func (w Watch) QuoteCount() int {
	if w.Quotes == nil {
		return DefaultQuotes
	}
	return *w.Quotes
}

func (c *Config) applyDefaults(version string) {
	if c.Storage.Path == "" && c.Storage.Postgres == "" {
		c.Storage.Path = DefaultStorage
	}
	if c.Schedule == "" {
		c.Schedule = DefaultSchedule
	}
	if c.MaxAge == 0 {
		c.MaxAge = Duration(DefaultMaxAge)
	}
	if c.StoryWindow == 0 {
		c.StoryWindow = Duration(DefaultStoryWindow)
	}
	if c.HTTP.Timeout == 0 {
		c.HTTP.Timeout = Duration(DefaultTimeout)
	}
	if c.HTTP.MaxBody == 0 {
		c.HTTP.MaxBody = DefaultMaxBody
	}
	if c.HTTP.UserAgent == "" {
		c.HTTP.UserAgent = DefaultUserAgent(version)
	}
	if c.HTTP.Concurrency == 0 {
		c.HTTP.Concurrency = DefaultConcurrency
	}
	if c.Articles.Concurrency == 0 {
		c.Articles.Concurrency = DefaultArticleConc
	}
	if c.Articles.PerHost == 0 {
		c.Articles.PerHost = DefaultPerHost
	}
	if c.Articles.HostDelay == 0 {
		c.Articles.HostDelay = Duration(DefaultHostDelay)
	}
	if c.Articles.MinText == 0 {
		c.Articles.MinText = DefaultMinText
	}
	if c.FeedFailures == 0 {
		c.FeedFailures = DefaultFeedFails
	}
	for name, ch := range c.Channels {
		if ch.MaxPerHour == 0 {
			ch.MaxPerHour = DefaultMaxPerHour
			c.Channels[name] = ch
		}
	}
	for i := range c.Watches {
		w := &c.Watches[i]
		if w.Summary.Sentences == 0 {
			w.Summary.Sentences = DefaultSentences
		}
		if w.Summary.MaxChars == 0 {
			w.Summary.MaxChars = DefaultMaxChars
		}
	}
}
