package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"github.com/newshound/newshound/internal/suggest"
)

// Options adjust Load.
type Options struct {
	Version string                      // the program's version, for the default User-Agent
	Getenv  func(string) (string, bool) // default os.LookupEnv
	// Check, when set, runs after the built-in validation — even when that
	// found problems — so that checks this package cannot make (queries)
	// are reported in the same run. Its Errors are merged in file order.
	Check func(*Config) error
	// MaxSize bounds the file's size in bytes (0: DefaultMaxSize): a larger
	// file is refused before it is read whole.
	MaxSize int64
	// NamesOnly is for a command that reads no more of the configuration
	// than its names (feeds, watches, channels) and where the store is
	// (status). The file is decoded as strictly — an unknown key or an
	// ill-typed value is still an error — but no position is kept for later
	// messages (Position and ValuePosition answer 0, 0), the values are not
	// validated (check does that) and Check does not run. Over 1,000 feeds
	// that is 0.6 MB and ~2 ms of CPU less than a full Load.
	NamesOnly bool
}

// DefaultMaxSize is the largest configuration file read unless
// Options.MaxSize says otherwise: ample for thousands of feeds and watches,
// small enough that decoding it cannot take the process's memory.
const DefaultMaxSize = 4 << 20

// ErrTooLarge is returned for a configuration over the size limit.
var ErrTooLarge = errors.New("configuration file too large")

// Load reads, decodes, defaults and validates the file at path. On failure
// the error is an Errors listing every problem with its position.
func Load(path string, opts Options) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Size() <= opts.maxSize() {
		buf.Grow(int(fi.Size()) + bytes.MinRead) // read once, not grown by doubling
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, opts.maxSize()+1)); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, buf.Bytes(), opts)
}

func (o Options) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("config: %s: %w: larger than the limit of %s (%d bytes); a configuration needs far less — is it the right file?",
		path, ErrTooLarge, formatSize(limit), limit)
}

// formatSize writes n bytes as the configuration writes sizes.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// countNodes counts the nodes under n, n included.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

// Parse is Load on bytes already read; path names them in messages and
// anchors relative paths.
func Parse(path string, data []byte, opts Options) (*Config, error) {
	if opts.Getenv == nil {
		opts.Getenv = lookupEnv
	}
	if int64(len(data)) > opts.maxSize() {
		return nil, tooLarge(path, opts.maxSize())
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Errors{syntaxError(path, err)}
	}
	c := &Config{Path: path}
	d := &decoder{file: path, getenv: opts.Getenv}
	if !opts.NamesOnly {
		// Every node and mapping key gets a position: sized once, the table
		// is not built again and again as it grows (a 1,000-feed file has
		// ~9,000).
		d.pos = make(map[string]nodePos, countNodes(&root))
	}
	if len(root.Content) == 0 {
		return nil, Errors{{File: path, Msg: "the file is empty: it needs at least feeds"}}
	}
	d.decode(root.Content[0], reflect.ValueOf(c).Elem(), "")
	c.applyDefaults(opts.Version)
	errs := d.errs
	if opts.NamesOnly {
		if len(errs) > 0 {
			errs.sort()
			return nil, errs
		}
		c.resolvePaths()
		return c, nil
	}
	c.pos = d.pos
	c.lines = strings.Split(string(data), "\n")
	decoded := map[int]bool{}
	for _, e := range d.errs {
		decoded[e.Line] = true
	}
	for _, e := range c.validate() {
		if !decoded[e.Line] { // one problem a line: a value that did not decode is not also "missing"
			errs = append(errs, e)
		}
	}
	if opts.Check != nil {
		var more Errors
		if err := opts.Check(c); errors.As(err, &more) {
			errs = append(errs, more...)
		} else if err != nil {
			errs = append(errs, &Error{File: path, Msg: err.Error()})
		}
	}
	if len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	c.resolvePaths()
	return c, nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

func syntaxError(path string, err error) *Error {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return &Error{File: path, Line: line, Col: 1, Msg: "YAML syntax: " + m[2]}
	}
	return &Error{File: path, Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

// Position returns the line and column of the value at path ("feeds[2].url",
// "watches[0].query"), or of its key when path ends in "#key". Unknown paths
// give 0, 0.
func (c *Config) Position(path string) (line, col int) {
	p := c.pos[path]
	return p.line, p.col
}

// ValuePosition maps a byte offset within the (unexpanded) string value at
// path to a line and column in the file, for errors that point inside a value
// such as a query. Plain and quoted one-line values are exact; block scalars
// (| and >) are mapped line by line.
func (c *Config) ValuePosition(path, value string, offset int) (line, col int) {
	p, ok := c.pos[path]
	if !ok {
		return 0, 0
	}
	if offset > len(value) {
		offset = len(value)
	}
	switch p.style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// The block's content starts on the line after the indicator; each
		// line carries the block's indentation, read from the file.
		before := value[:offset]
		line = p.line + 1 + strings.Count(before, "\n")
		indent := 0
		if line-1 < len(c.lines) {
			l := c.lines[line-1]
			indent = len(l) - len(strings.TrimLeft(l, " "))
		}
		return line, indent + 1 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		return p.line, p.col + 1 + utf8.RuneCountInString(value[:offset])
	default:
		return p.line, p.col + utf8.RuneCountInString(value[:offset])
	}
}

// Errorf builds an Error at path, for problems found outside this package
// (such as an invalid query).
func (c *Config) Errorf(path string, format string, args ...any) *Error {
	line, col := c.Position(path)
	return &Error{File: c.Path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

func (c *Config) errAt(path, format string, args ...any) *Error {
	return c.Errorf(path, format, args...)
}

// validName reports whether name is at most 100 letters, digits, spaces,
// dots, dashes and underscores, starting with a letter or digit. (As a
// regular expression, `[…]{0,99}` over Unicode classes compiles to 4 MB at
// start-up; the loop costs nothing.)
func validName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		switch {
		case n > 100:
			return false
		case unicode.IsLetter(r) || unicode.IsNumber(r):
		case n > 1 && (r == ' ' || r == '.' || r == '_' || r == '-'):
		default:
			return false
		}
	}
	return n > 0
}

// ParseSchedule parses a 5-field cron spec or a descriptor such as
// "@every 10m" or "@hourly".
func ParseSchedule(spec string) (cron.Schedule, error) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("invalid schedule %q: %v (use 5 cron fields such as \"*/5 * * * *\", or \"@every 10m\")", spec, err)
	}
	// The cron library looks five years ahead and gives up: a day that
	// never comes (30 February, 31 April) would leave the feed or digest
	// waiting for ever with nothing said.
	if s.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("schedule %q never fires: no date matches its day and month fields", spec)
	}
	return s, nil
}

func (c *Config) validate() Errors {
	var errs Errors
	add := func(e *Error) { errs = append(errs, e) }

	if _, err := ParseSchedule(c.Schedule); err != nil {
		add(c.errAt("schedule", "schedule: %v", err))
	}
	if strings.ContainsFunc(c.HTTP.UserAgent, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }) {
		add(c.errAt("http.user_agent", "http.user_agent: holds a control character (a line break?), which no HTTP header may: every request would fail"))
	}
	if c.Storage.Postgres != "" {
		if line, _ := c.Position("storage.path"); line > 0 {
			add(c.errAt("storage.postgres", "storage.postgres: give either path (SQLite, line %d) or postgres, not both", line))
		} else if err := checkPostgresURL(c.Storage.Postgres); err != nil {
			add(c.errAt("storage.postgres", "storage.postgres: %v", err))
		}
	}
	if r, w := c.Storage.Retention, c.StoryWindow; r != 0 && r < w {
		// Pruning would delete the earlier match an open story's later
		// article is checked against: it would alert again, not update.
		where := "the default"
		if line, _ := c.Position("story_window"); line > 0 {
			where = fmt.Sprintf("line %d", line)
		}
		add(c.errAt("storage.retention", "storage.retention: %s is shorter than story_window (%s, %s): pruning would forget an open story's earlier alert and its next article would alert again; set retention to at least story_window, or leave it unset to keep everything",
			FormatDuration(r.D()), FormatDuration(w.D()), where))
	}
	if c.HTTP.Concurrency > 1000 {
		add(c.errAt("http.concurrency", "http.concurrency: at most 1000"))
	}
	if len(c.Feeds) == 0 {
		add(c.errAt("feeds#key", "no feeds: list at least one under feeds:"))
	}
	feedNames := make(map[string]string, len(c.Feeds))
	for i, f := range c.Feeds {
		p := fmt.Sprintf("feeds[%d]", i)
		if e := c.checkName("feed", p, f.Name, feedNames); e != nil {
			add(e)
		}
		if f.URL == "" {
			add(c.errAt(p, "%s: feed %q needs a url", p, f.Name))
		} else if err := checkFeedURL(f.URL); err != nil {
			add(c.errAt(p+".url", "%s.url: %v", p, err))
		}
		if f.Schedule != "" {
			if _, err := ParseSchedule(f.Schedule); err != nil {
				add(c.errAt(p+".schedule", "%s.schedule: %v", p, err))
			}
		}
	}
	for name, ch := range c.Channels {
		p := "channels." + name
		set := 0
		for _, v := range []string{ch.Discord, ch.Webhook, ch.Slack, ch.SlackWebhook} {
			if v != "" {
				set++
			}
		}
		switch {
		case set == 0:
			add(c.errAt(p, "%s: set one of discord (a Discord channel ID), webhook (a Discord webhook URL), slack (a Slack channel ID) or slack_webhook (a Slack incoming webhook URL)", p))
		case set > 1:
			add(c.errAt(p, "%s: set only one of discord, webhook, slack and slack_webhook (a channel posts to one place)", p))
		case ch.Discord != "" && !isSnowflake(ch.Discord):
			add(c.errAt(p+".discord", "%s.discord: %q is not a Discord channel ID (17–20 digits; quote it in YAML)", p, ch.Discord))
		case ch.Slack != "" && !isSlackChannel(ch.Slack):
			add(c.errAt(p+".slack", "%s.slack: %q is not a Slack channel ID (C or G and 8 or more capitals and digits, e.g. C0123456789: the channel's details show it)", p, ch.Slack))
		case ch.MaxPerHour < 0 || ch.MaxPerHour > 1000:
			add(c.errAt(p+".max_per_hour", "%s.max_per_hour: between 1 and 1000", p))
		case ch.Webhook != "":
			if err := checkWebhook(ch.Webhook); err != nil {
				add(c.errAt(p+".webhook", "%s.webhook: %v", p, err))
			}
		case ch.SlackWebhook != "":
			if err := checkSlackWebhook(ch.SlackWebhook); err != nil {
				add(c.errAt(p+".slack_webhook", "%s.slack_webhook: %v", p, err))
			}
		}
	}
	c.validateSlack(add)
	needToken := false
	for _, ch := range c.Channels {
		needToken = needToken || ch.Discord != ""
	}
	// The bot reads the token as this does: spaces and a "Bot " prefix are
	// not part of it.
	token := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.Discord.Token), "Bot "))
	if needToken && token == "" {
		add(c.errAt("channels#key", "channels: a channel with a discord ID needs discord.token (the bot token, e.g. token: ${DISCORD_TOKEN})"))
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		// (the token itself is never quoted)
		add(c.errAt("discord.token", "discord.token: holds a control character (a line break?), which no HTTP header may: every request to Discord would fail"))
	}
	if c.Discord.APIBase != "" {
		if u, err := url.Parse(c.Discord.APIBase); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
			u.RawQuery != "" || u.Fragment != "" {
			add(c.errAt("discord.api_base", "discord.api_base: not an http(s) URL without query (e.g. \"http://127.0.0.1:8099\")"))
		}
	}
	if c.Discord.GuildID != "" && !isSnowflake(c.Discord.GuildID) {
		add(c.errAt("discord.guild_id", "discord.guild_id: %q is not a Discord server ID (17–20 digits; quote it in YAML)", c.Discord.GuildID))
	}
	if it := c.Discord.Interactions; it.Listen != "" || it.PublicKey != "" {
		if err := checkListen(it.Listen); err != nil {
			add(c.errAt("discord.interactions.listen", "discord.interactions.listen: %q is not host:port (e.g. \":8080\"): %v", it.Listen, err))
		} else if c.Server.Listen != "" && sameListen(it.Listen, c.Server.Listen) {
			add(c.errAt("discord.interactions.listen", "discord.interactions.listen: %q is server.listen's address too (%q): give each its own port", it.Listen, c.Server.Listen))
		}
		if !isPublicKey(it.PublicKey) {
			add(c.errAt("discord.interactions.public_key", "discord.interactions.public_key: the application's public key, 64 hex digits (Developer Portal → General Information)"))
		}
		if token == "" {
			add(c.errAt("discord.interactions", "discord.interactions: needs discord.token too (to register the commands)"))
		}
	}
	if c.Server.Listen != "" {
		if err := checkListen(c.Server.Listen); err != nil {
			add(c.errAt("server.listen", "server.listen: %q is not host:port (e.g. \"127.0.0.1:9090\"): %v", c.Server.Listen, err))
		}
	}
	if c.OpsChannel != "" {
		if _, ok := c.Channels[c.OpsChannel]; !ok {
			add(c.errAt("ops_channel", "ops_channel: channel %q is not defined under channels:", c.OpsChannel))
		}
	}
	for name, terms := range c.Aliases {
		if len(terms) == 0 {
			add(c.errAt("aliases."+name, "aliases.%s: an alias needs at least one term", name))
		}
	}
	watchNames := make(map[string]string, len(c.Watches))
	for i, w := range c.Watches {
		p := fmt.Sprintf("watches[%d]", i)
		if e := c.checkName("watch", p, w.Name, watchNames); e != nil {
			add(e)
		}
		if len(w.Keywords) == 0 && strings.TrimSpace(w.Query) == "" {
			add(c.errAt(p, "%s: watch %q has nothing to match: give it keywords or a query", p, w.Name))
		}
		for k, kw := range w.Keywords {
			if strings.TrimSpace(kw) == "" {
				add(c.errAt(fmt.Sprintf("%s.keywords[%d]", p, k), "%s.keywords[%d]: empty keyword", p, k))
			}
		}
		for k, ch := range w.Channels {
			if _, ok := c.Channels[ch]; !ok {
				msg := fmt.Sprintf("%s.channels[%d]: channel %q is not defined under channels:", p, k, ch)
				if s := suggest.Closest(ch, mapKeys(c.Channels)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				add(c.errAt(fmt.Sprintf("%s.channels[%d]", p, k), "%s", msg))
			}
		}
		if w.Summary.Sentences < 0 || w.Summary.Sentences > 10 {
			add(c.errAt(p+".summary.sentences", "%s.summary.sentences: between 1 and 10", p))
		}
		if w.Summary.MaxChars != 0 && w.Summary.MaxChars < 80 {
			add(c.errAt(p+".summary.max_chars", "%s.summary.max_chars: at least 80", p))
		}
		discordRoles, slackGroups := 0, 0
		for k, m := range w.Mention {
			mp := fmt.Sprintf("%s.mention", p)
			if len(w.Mention) > 1 {
				mp = fmt.Sprintf("%s.mention[%d]", p, k)
			}
			switch {
			case isSnowflake(m):
				discordRoles++
			case isSlackGroup(m):
				slackGroups++
			default:
				add(c.errAt(mp, "%s: %q is neither a Discord role ID (17–20 digits; quote it in YAML) nor a Slack user group ID (S…, e.g. S0123ABCD)", mp, m))
			}
		}
		if discordRoles > 1 || slackGroups > 1 {
			add(c.errAt(p+".mention", "%s.mention: at most one Discord role and one Slack user group", p))
		}
		if w.Color != "" && !isColor(w.Color) {
			add(c.errAt(p+".color", "%s.color: %q is not a colour such as \"#c0392b\"", p, w.Color))
		}
		if w.Digest != "" {
			if _, err := ParseSchedule(w.Digest); err != nil {
				add(c.errAt(p+".digest", "%s.digest: %v", p, err))
			}
			if len(w.Channels) == 0 {
				add(c.errAt(p+".digest", "%s.digest: a digest needs channels to post to", p))
			}
		}
		if w.Quotes != nil && (*w.Quotes < 0 || *w.Quotes > 10) {
			add(c.errAt(p+".quotes", "%s.quotes: between 0 and 10", p))
		}
	}
	return errs
}

// checkName checks the name of the feed or watch at path p: present, of
// plain characters, and not already in seen (name → path of its first use).
func (c *Config) checkName(kind, p, name string, seen map[string]string) *Error {
	switch {
	case name == "":
		return c.errAt(p, "%s: a %s needs a name", p, kind)
	case !validName(name):
		return c.errAt(p+".name", "%s.name: %q: use letters, digits, spaces, dots, dashes or underscores (at most 100)", p, name)
	}
	if first, dup := seen[name]; dup {
		line, _ := c.Position(first + ".name")
		return c.errAt(p+".name", "duplicate %s name %q (first defined on line %d)", kind, name, line)
	}
	seen[name] = p
	return nil
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func checkFeedURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL %q: %v", raw, errors.Unwrap(err))
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("URL %q has no host", raw)
		}
	case "file":
		if u.Path == "" && u.Opaque == "" {
			return fmt.Errorf("file URL %q names no file", raw)
		}
	default:
		return fmt.Errorf("URL %q: use http://, https:// or file:", raw)
	}
	return nil
}

// webhookPathRE is the path of a Discord webhook URL in every form Discord
// hands out (discord.com, discordapp.com, ptb. and canary., with or without
// /vN): …/api[/vN]/webhooks/<id>/<token>. The bot reads it the same way.
var webhookPathRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*)/api(?:/v\d+)?/webhooks/([^/]*)/([^/]*)/?$`) })

// checkWebhook checks a webhook URL as the bot will read it. The URL holds
// the webhook's token: messages describe it, never quote it.
func checkWebhook(raw string) error {
	const form = "https://discord.com/api/webhooks/<id>/<token>"
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("not an http(s) URL (the form is %s)", form)
	}
	m := webhookPathRE().FindStringSubmatch(u.Path)
	switch {
	case m == nil:
		return fmt.Errorf("not a webhook URL of the form %s", form)
	case !isWebhookID(m[2]):
		return fmt.Errorf("the webhook's id (after /webhooks/) is not a Discord ID of digits (the form is %s)", form)
	case m[3] == "":
		return fmt.Errorf("the webhook's token (after the id) is missing (the form is %s)", form)
	case !isWebhookToken(m[3]):
		return fmt.Errorf("the webhook's token (after the id) has characters a Discord token does not (the form is %s)", form)
	}
	return nil
}

// checkListen checks a listen address as net.Listen will read it: host:port
// with a port number (or service name) in range.
func checkListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if port == "" {
		return errors.New("no port")
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return errors.New("the port is not a number from 0 to 65535")
	}
	return nil
}

// sameListen reports whether listening on a and on b (valid host:port
// addresses) would take the same port, however written: ":9090",
// "0.0.0.0:9090" and "[::]:9090" take it on every address, "localhost" and
// 127.0.0.1 or ::1 are the loopback, "09090" is 9090, "http" is 80. Port 0
// (any free port) never clashes.
func sameListen(a, b string) bool {
	ha, pa, errA := net.SplitHostPort(a)
	hb, pb, errB := net.SplitHostPort(b)
	if errA != nil || errB != nil {
		return false
	}
	na, errA := net.LookupPort("tcp", pa)
	nb, errB := net.LookupPort("tcp", pb)
	if errA != nil || errB != nil || na != nb || na == 0 {
		return false
	}
	kind := func(h string) (string, net.IP) {
		h = strings.ToLower(strings.TrimSuffix(h, "."))
		if h == "localhost" {
			return "loopback", nil
		}
		ip := net.ParseIP(h)
		switch {
		case h == "" || ip != nil && ip.IsUnspecified():
			return "any", ip
		case ip != nil && ip.IsLoopback():
			return "loopback", ip
		}
		return h, ip
	}
	ka, ipa := kind(ha)
	kb, ipb := kind(hb)
	switch {
	case ka == "any" || kb == "any":
		return true
	case ka == "loopback" && kb == "loopback":
		return ipa == nil || ipb == nil || ipa.Equal(ipb)
	case ipa != nil && ipb != nil:
		return ipa.Equal(ipb)
	}
	return ka == kb
}

// checkPostgresURL checks a PostgreSQL connection URL's form (whether the
// server answers is the store's to find out). Its messages never quote the
// URL, which may hold a password.
func checkPostgresURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return errors.New("not a postgres:// URL (postgres://USER@HOST:PORT/DATABASE?sslmode=…)")
	}
	if strings.TrimPrefix(u.Path, "/") == "" && u.Query().Get("dbname") == "" {
		return errors.New("the URL names no database (postgres://USER@HOST/DATABASE)")
	}
	// What the store's driver will refuse (a bad sslmode, port or option):
	// its reason, without the URL pgconn quotes it with.
	if _, err := pgconn.ParseConfig(s); err != nil {
		reason := err.Error()
		if i := strings.LastIndex(reason, "`: "); i >= 0 {
			reason = reason[i+3:]
		} else {
			reason = "see the PostgreSQL connection URL documentation"
		}
		return fmt.Errorf("the URL does not parse: %s", reason)
	}
	return nil
}

// resolvePaths makes the storage path and file: feed URLs relative to the
// config file's directory absolute, so the program can run from anywhere.
func (c *Config) resolvePaths() {
	dir := filepath.Dir(c.Path)
	if c.Storage.Path != "" && c.Storage.Path != ":memory:" && !filepath.IsAbs(c.Storage.Path) {
		c.Storage.Path = filepath.Join(dir, c.Storage.Path)
	}
	for i := range c.Feeds {
		// Only a file: URL is resolved: the others are not parsed again
		// (validate did), 140 KB of a 1,000-feed file's start-up.
		if raw := c.Feeds[i].URL; len(raw) < 5 || !strings.EqualFold(raw[:5], "file:") {
			continue
		}
		u, err := url.Parse(c.Feeds[i].URL)
		if err != nil || u.Scheme != "file" {
			continue
		}
		p := u.Path
		if u.Opaque != "" {
			p = u.Opaque
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		abs, err := filepath.Abs(p)
		if err == nil {
			p = abs
		}
		c.Feeds[i].URL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	}
}

// Summary describes the configuration in one line, as `check` prints it.
func (c *Config) Summary() string {
	return fmt.Sprintf("%s, %s, %s", plural(len(c.Feeds), "feed"), plural(len(c.Watches), "watch"), plural(len(c.Channels), "channel"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "ch") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Interval estimates the period of a schedule: the gap between its next two
// activations after now.
func Interval(s cron.Schedule, now time.Time) time.Duration {
	a := s.Next(now)
	return s.Next(a).Sub(a)
}
