package config

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

func TestParseValid(t *testing.T) {
	src := `
storage:
  path: data/news.db
schedule: "*/10 * * * *"
max_age: 2d
http:
  timeout: 5s
  max_body: 2MB
feeds:
  - name: World Desk
    url: https://example.org/world.rss
    schedule: "@every 2m"
  - name: Local
    url: file:feeds/local.xml
    fetch_articles: false
  - name: Shouted
    url: FILE:feeds/loud.xml
watches:
  - name: russia-watch
    keywords: ["Putin", "election interference"]
    channels: [newsroom]
  - name: stdout-only
    keywords: Putin
channels:
  newsroom: { discord: "123456789012345678", max_per_hour: 10 }
  partners: { webhook: "${HOOK}" }
discord:
  token: ${TOKEN}
ops_channel: newsroom
`
	c, err := Parse("/etc/newshound/n.yaml", []byte(src), Options{Version: "1.2.3", Getenv: env(map[string]string{"HOOK": "https://discord.com/api/webhooks/1/abc", "TOKEN": "secret"})})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Summary(), "3 feeds, 2 watches, 2 channels"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	if c.StoryWindow.D() != DefaultStoryWindow {
		t.Errorf("story window %v, want the default", c.StoryWindow)
	}
	if c.MaxAge.D() != 48*time.Hour || c.HTTP.Timeout.D() != 5*time.Second || c.HTTP.MaxBody != 2<<20 {
		t.Errorf("durations/sizes: %v %v %v", c.MaxAge, c.HTTP.Timeout, c.HTTP.MaxBody)
	}
	if c.Storage.Path != "/etc/newshound/data/news.db" {
		t.Errorf("storage path %q not resolved against the config's directory", c.Storage.Path)
	}
	if c.Feeds[1].URL != "file:///etc/newshound/feeds/local.xml" || c.Feeds[2].URL != "file:///etc/newshound/feeds/loud.xml" {
		t.Errorf("file URLs = %q, %q", c.Feeds[1].URL, c.Feeds[2].URL)
	}
	if c.FetchArticles(c.Feeds[1]) || !c.FetchArticles(c.Feeds[0]) {
		t.Error("fetch_articles override not applied")
	}
	if c.FeedSchedule(c.Feeds[0]) != "@every 2m" || c.FeedSchedule(c.Feeds[1]) != "*/10 * * * *" {
		t.Error("schedule override not applied")
	}
	if got := c.Watches[1].Keywords; len(got) != 1 || got[0] != "Putin" {
		t.Errorf("a single keyword is a list of one: %q", got)
	}
	if c.Channels["partners"].Webhook != "https://discord.com/api/webhooks/1/abc" {
		t.Errorf("${HOOK} not expanded: %q", c.Channels["partners"].Webhook)
	}
	if !strings.Contains(c.HTTP.UserAgent, "newshound/1.2.3") {
		t.Errorf("default user agent %q", c.HTTP.UserAgent)
	}
	if c.Channels["newsroom"].MaxPerHour != 10 || c.Channels["partners"].MaxPerHour != 30 || c.FeedFailures != 5 || c.Discord.Token != "secret" {
		t.Errorf("channel/ops settings: %+v %d", c.Channels, c.FeedFailures)
	}
	if c.Watches[0].Summary.Sentences != 3 || c.Watches[0].QuoteCount() != 2 {
		t.Error("watch defaults not applied")
	}
}

func TestStoragePostgres(t *testing.T) {
	src := "storage:\n  postgres: ${DATABASE_URL}\n  retention: 90d\nfeeds:\n  - {name: a, url: https://a.example/}\n"
	c, err := Parse("/etc/newshound/n.yaml", []byte(src), Options{Getenv: env(map[string]string{"DATABASE_URL": "postgres://nh:secret@db.example:5432/news?sslmode=require"})})
	if err != nil {
		t.Fatal(err)
	}
	if c.Storage.Postgres != "postgres://nh:secret@db.example:5432/news?sslmode=require" || c.Storage.Path != "" {
		t.Errorf("storage %+v: the URL expanded, no SQLite path", c.Storage)
	}
	if n := c.Storage.Name(); strings.Contains(n, "secret") || !strings.Contains(n, "db.example:5432/news") {
		t.Errorf("Name() = %s: the place, without the password", n)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each must appear, in this order, one per line
	}{
		{"unknown key with suggestion", "feeds:\n  - name: a\n    url: https://a.example/\n    shedule: \"@every 1m\"\n",
			[]string{`n.yaml:4:5: unknown key "shedule" in feeds[0] (did you mean "schedule"?)`}},
		{"unknown top-level key", "feedz: []\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:1:1: unknown key "feedz" (did you mean "feeds"?)`}},
		{"wrong type", "max_age: [1]\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:1:10: max_age: expected a single value, found a list`}},
		{"bad duration", "max_age: 2 weeks\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:1:10: max_age: invalid duration "2 weeks"`}},
		{"negative story window", "story_window: -1h\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:1:15: story_window: duration "-1h" must be positive`}},
		{"retention shorter than story window", "storage:\n  retention: 1d\nstory_window: 36h\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:14: storage.retention: 1d is shorter than story_window (36h, line 3)`}},
		{"retention shorter than the default story window", "storage:\n  retention: 12h\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:14: storage.retention: 12h is shorter than story_window (36h, the default)`}},
		{"bad cron", "schedule: \"*/5 * * *\"\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:1:11: schedule: invalid schedule "*/5 * * *"`}},
		{"bad url and duplicate", "feeds:\n  - {name: a, url: ftp://a.example/}\n  - {name: a, url: https://b.example/}\n",
			[]string{`n.yaml:2:20: feeds[0].url: URL "ftp://a.example/": use http://, https:// or file:`,
				`n.yaml:3:12: duplicate feed name "a" (first defined on line 2)`}},
		{"watch with nothing to match and unknown channel", "feeds:\n  - {name: a, url: https://a.example/}\ndiscord: {token: t}\nchannels:\n  newsroom: {discord: \"123456789012345678\"}\nwatches:\n  - name: w\n    channels: [newsrom]\n",
			[]string{`n.yaml:7:5: watches[0]: watch "w" has nothing to match`,
				`n.yaml:8:16: watches[0].channels[0]: channel "newsrom" is not defined under channels: (did you mean "newsroom"?)`}},
		{"unset env", "feeds:\n  - {name: a, url: \"${FEED_URL}\"}\n",
			[]string{`n.yaml:2:20: feeds[0].url: environment variable FEED_URL is not set`}},
		{"bad channel id", "feeds:\n  - {name: a, url: https://a.example/}\ndiscord: {token: t}\nchannels:\n  x: {discord: 12345}\n",
			[]string{`n.yaml:5:16: channels.x.discord: "12345" is not a Discord channel ID`}},
		{"bad interactions", "feeds:\n  - {name: a, url: https://a.example/}\ndiscord:\n  token: t\n  guild_id: \"12\"\n  interactions: {listen: \"8080\", public_key: abc}\n",
			[]string{`n.yaml:5:13: discord.guild_id: "12" is not a Discord server ID`,
				`n.yaml:6:26: discord.interactions.listen: "8080" is not host:port`,
				`n.yaml:6:46: discord.interactions.public_key: the application's public key, 64 hex digits`}},
		{"postgres and path", "storage:\n  path: n.db\n  postgres: postgres://u:secret@db.example/news\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:3:13: storage.postgres: give either path (SQLite, line 2) or postgres, not both`}},
		{"postgres not a URL", "storage:\n  postgres: \"host=db user=u password=secret\"\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:13: storage.postgres: not a postgres:// URL (postgres://USER@HOST:PORT/DATABASE?sslmode=…)`}},
		{"postgres without database", "storage:\n  postgres: postgres://u:secret@db.example\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:13: storage.postgres: the URL names no database (postgres://USER@HOST/DATABASE)`}},
		{"postgres bad sslmode", "storage:\n  postgres: postgres://u:s3cret@db.example/news?sslmode=bogus\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:13: storage.postgres: the URL does not parse: failed to configure TLS (sslmode is invalid)`}},
		{"postgres bad port", "storage:\n  postgres: postgres://u:s3cret@db.example:99999/news\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:13: storage.postgres: the URL does not parse: invalid port`}},
		{"postgres env unset", "storage:\n  postgres: ${DATABASE_URL}\nfeeds:\n  - {name: a, url: https://a.example/}\n",
			[]string{`n.yaml:2:13: storage.postgres: environment variable DATABASE_URL is not set`}},
		{"no feeds", "schedule: \"@every 1m\"\n", []string{`no feeds`}},
		{"syntax", "feeds:\n  - name: a\n   url: x\n", []string{"n.yaml:1:1: YAML syntax: did not find expected '-' indicator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("n.yaml", []byte(tt.src), Options{Getenv: env(nil)})
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %v is not Errors", err)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("a password in the error: %v", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, lines[i], w)
				}
			}
		})
	}
}

// TestRetentionAndStoryWindow: retention as long as story_window, or unset
// (keep everything), is accepted.
func TestRetentionAndStoryWindow(t *testing.T) {
	for _, src := range []string{
		"storage:\n  retention: 36h\nfeeds:\n  - {name: a, url: https://a.example/}\n",
		"storage:\n  retention: 2d\nstory_window: 48h\nfeeds:\n  - {name: a, url: https://a.example/}\n",
		"story_window: 90d\nfeeds:\n  - {name: a, url: https://a.example/}\n",
	} {
		if _, err := Parse("n.yaml", []byte(src), Options{Getenv: env(nil)}); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestValuePosition(t *testing.T) {
	src := "feeds:\n  - {name: a, url: https://a.example/}\nwatches:\n  - name: w\n    query: 'Putin AND (x'\n  - name: v\n    query: |\n      Putin\n      AND (\n"
	c, err := Parse("n.yaml", []byte(src), Options{Getenv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if l, col := c.ValuePosition("watches[0].query", c.Watches[0].Query, 10); l != 5 || col != 23 {
		t.Errorf("quoted: got %d:%d, want 5:23", l, col)
	}
	q := c.Watches[1].Query
	if l, col := c.ValuePosition("watches[1].query", q, strings.Index(q, "(")); l != 9 || col != 11 {
		t.Errorf("block: got %d:%d, want 9:11", l, col)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"5MB": 5 << 20, "512KB": 512 << 10, "1GiB": 1 << 30, "1000": 1000, "1.5MB": 3 << 19} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1MB", "lots", "2TB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("feeds:\n  - {name: a, url: https://a.example/}\nwatches:\n  - {name: w, keywords: [x]}\n"))
	f.Add([]byte("a: &x {b: 1}\nc: *x\n<<: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data, Options{Getenv: env(nil)})
		if err == nil && len(c.Feeds) == 0 {
			t.Fatal("a config without feeds was accepted")
		}
	})
}

// TestValidName checks the name rule against the regular expression it
// replaced, on names at and around its edges.
func TestValidName(t *testing.T) {
	re := regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$`)
	names := []string{"", "a", "7", " a", "-a", "_a", ".a", "a b.c_d-e", "Élysée", "北京", "a\tb", "a/b", "a\xffb", "٣",
		strings.Repeat("a", 100), strings.Repeat("a", 101), strings.Repeat("é", 100), strings.Repeat("é", 101), "a" + strings.Repeat(" ", 99), "a" + strings.Repeat(" ", 100)}
	for _, n := range names {
		if got, want := validName(n), re.MatchString(n); got != want {
			t.Errorf("validName(%q) = %v, want %v", n, got, want)
		}
	}
}

// TestInteractionsOnServerListen: the interactions endpoint on server.listen's
// port is refused however either is written (run could not listen on it and
// ran without slash commands over HTTP); other addresses of one port are not.
func TestInteractionsOnServerListen(t *testing.T) {
	key := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		interactions, server string
		clash                bool
	}{
		{"127.0.0.1:9090", "127.0.0.1:9090", true},
		{":9090", "127.0.0.1:9090", true},
		{"0.0.0.0:9090", "127.0.0.1:9090", true},
		{"[::]:9090", "localhost:9090", true},
		{"localhost:9090", "127.0.0.1:9090", true},
		{"LOCALHOST.:9090", "[::1]:9090", true},
		{"127.0.0.1:09090", "127.0.0.1:9090", true},
		{"127.0.0.1:http", "127.0.0.1:80", true},
		{"[::ffff:127.0.0.1]:9090", "127.0.0.1:9090", true},
		{"127.0.0.1:9091", "127.0.0.1:9090", false},
		{"127.0.0.2:9090", "127.0.0.1:9090", false},
		{"10.0.0.1:9090", "127.0.0.1:9090", false},
		{"127.0.0.1:0", "127.0.0.1:0", false},
	} {
		src := fmt.Sprintf("feeds:\n  - {name: a, url: https://a.example/}\nserver: {listen: %q}\ndiscord:\n  token: t\n  interactions: {listen: %q, public_key: %s}\n", tc.server, tc.interactions, key)
		_, err := Parse("n.yaml", []byte(src), Options{Getenv: env(nil)})
		refused := err != nil && strings.Contains(err.Error(), "n.yaml:6:26: discord.interactions.listen:")
		if refused != tc.clash {
			t.Errorf("interactions %s beside server %s: refused %v, want %v (%v)", tc.interactions, tc.server, refused, tc.clash, err)
		}
		if err != nil && !refused {
			t.Errorf("interactions %s beside server %s: other problem: %v", tc.interactions, tc.server, err)
		}
	}
}

// TestRefusedAtCheckNotAtEveryPoll: values that parse but would make every
// request fail, or a feed never polled, are refused at their place.
func TestRefusedAtCheckNotAtEveryPoll(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"http: {user_agent: \"bot\\r\\nX-Other: 1\"}\nfeeds:\n  - {name: a, url: https://a.example/}\n", `n.yaml:1:20: http.user_agent: holds a control character`},
		{"schedule: \"0 0 30 2 *\"\nfeeds:\n  - {name: a, url: https://a.example/}\n", `n.yaml:1:11: schedule: schedule "0 0 30 2 *" never fires`},
		{"feeds:\n  - {name: a, url: https://a.example/, schedule: \"5 4 31 4,6 *\"}\n", `n.yaml:2:50: feeds[0].schedule: schedule "5 4 31 4,6 *" never fires`},
		{"feeds:\n  - {name: a, url: https://a.example/}\nwatches:\n  - {name: w, keywords: [x], digest: \"0 8 30 2 *\"}\n", `watches[0].digest: schedule "0 8 30 2 *" never fires`},
		{"feeds:\n  - {name: a, url: https://a.example/}\ndiscord: {token: \" \"}\nchannels:\n  n: {discord: \"123456789012345678\"}\n", `n.yaml:4:1: channels: a channel with a discord ID needs discord.token`},
		{"feeds:\n  - {name: a, url: https://a.example/}\ndiscord: {token: \"s3cr3t\\nX: 1\"}\nchannels:\n  n: {discord: \"123456789012345678\"}\n", `n.yaml:3:18: discord.token: holds a control character`},
	} {
		_, err := Parse("n.yaml", []byte(tc.src), Options{Getenv: env(nil)})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%q: %v, want %q (and no token quoted)", tc.src, err, tc.want)
		}
	}
	// A day that comes only in leap years, and tabs in the user agent, are fine.
	src := "schedule: \"0 0 29 2 *\"\nhttp: {user_agent: \"bot\\t1\"}\nfeeds:\n  - {name: a, url: https://a.example/}\n"
	if _, err := Parse("n.yaml", []byte(src), Options{Getenv: env(nil)}); err != nil {
		t.Errorf("%q: %v", src, err)
	}
}

// TestParseNamesOnly: what status reads of a configuration — names and the
// store's place — decoded as strictly as by a full Parse (an unknown key or
// an ill-typed value is an error with its position), without validating
// the values or running Check, and without a table of positions.
func TestParseNamesOnly(t *testing.T) {
	src := `
storage: { path: data/news.db }
feeds:
  - { name: World Desk, url: "not a URL" }
  - { name: Local, url: "https://example.org/local.rss", schedule: "every now and then" }
watches:
  - { name: russia-watch, query: "Putin AND (" }
channels:
  newsroom: { discord: "123456789012345678" }
`
	checked := false
	opts := Options{NamesOnly: true, Getenv: env(nil), Check: func(*Config) error { checked = true; return errors.New("checked") }}
	c, err := Parse("/etc/newshound/n.yaml", []byte(src), opts)
	if err != nil {
		t.Fatalf("values status does not read are not validated: %v", err)
	}
	if checked {
		t.Error("Check ran")
	}
	if got := fmt.Sprint(c.Storage.Path, " ", c.Feeds[0].Name, ",", c.Feeds[1].Name, " ", c.Watches[0].Name, " ", len(c.Channels)); got != "/etc/newshound/data/news.db World Desk,Local russia-watch 1" {
		t.Errorf("decoded %q", got)
	}
	if line, col := c.Position("feeds[1].url"); line != 0 || col != 0 {
		t.Errorf("a position kept: %d:%d", line, col)
	}
	if _, err := Parse("n.yaml", []byte(src), Options{Getenv: env(nil)}); err == nil {
		t.Fatal("the full Parse found nothing wrong: the fixture tests nothing")
	}
	for _, bad := range []struct{ src, want string }{
		{"feeds:\n  - { name: A, url: \"https://a.example/rss\", colour: red }\n", `n.yaml:2:46: unknown key "colour" in feeds[0]`},
		{"feeds:\n  - { name: A, url: [1, 2] }\n", "n.yaml:2:21: feeds[0].url: expected a single value"},
		{"storage: { postgres: \"${PG}\" }\nfeeds:\n  - { name: A, url: \"https://a.example/rss\" }\n", "environment variable PG is not set"},
	} {
		_, err := Parse("n.yaml", []byte(bad.src), opts)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v, want %q", bad.src, err, bad.want)
		}
	}
}
