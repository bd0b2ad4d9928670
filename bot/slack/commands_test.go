package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

const cmdConfig = `
aliases:
  putin: ["Vladimir Putin", "Putin"]
feeds:
  - { name: World Desk, url: "https://news.example.org/world.rss" }
watches:
  - { name: russia-watch, query: '@putin AND election', channels: [newsroom] }
channels:
  newsroom: { slack: C0NEWSROOM }
slack: { token: xoxb-fake-token }
`

// cmdHarness is the Slack side with /newshound on a real store and
// watcher, receiving signed requests from the fake Slack.
type cmdHarness struct {
	t        *testing.T
	fake     *slackfake.Server
	n        *Notifier
	st       *store.Store
	endpoint *httptest.Server
	now      time.Time
}

func newCmdHarness(t *testing.T, ackAfter time.Duration, mods ...func(*Commands)) *cmdHarness {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(cmdConfig), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w, err := watchers.New(watchers.Options{Config: cfg, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	t.Cleanup(fake.Close)
	fake.SetUserGroup("S0EDITORS", "U0EDITOR01")
	n, err := New(Options{Token: fake.Token(), APIBase: fake.URL(), Channels: map[string]Channel{"newsroom": {ID: "C0NEWSROOM"}}})
	if err != nil {
		t.Fatal(err)
	}
	h := &cmdHarness{t: t, fake: fake, n: n, st: st, now: time.Now().UTC()}
	fetcher := article.NewFetcher(httpclient.New(httpclient.Options{Timeout: 5 * time.Second, AllowPrivate: true}), article.Options{HostDelay: -1})
	c := &Commands{Store: st, Pipeline: w, ArticleFetcher: fetcher, AllowPrivate: true, Listen: "127.0.0.1:0",
		SigningSecret: fake.SigningSecret(), Admins: []string{"U0ADMIN001", "S0EDITORS"}, AckAfter: ackAfter,
		Now: func() time.Time { return h.now }}
	for _, m := range mods {
		m(c)
	}
	err = n.EnableCommands(c)
	if err != nil {
		t.Fatal(err)
	}
	h.endpoint = httptest.NewServer(n.Handler())
	t.Cleanup(h.endpoint.Close)
	return h
}

// seed stores one processed article the way the pipeline does.
func (h *cmdHarness) seed(a store.Article, quotes []store.Quote, watches ...string) {
	h.t.Helper()
	ctx := context.Background()
	a.SeenAt, a.Status = h.now, store.StatusPending
	if a.Identity == "" {
		a.Identity = a.URL
	}
	added, err := h.st.AddArticles(ctx, []store.Article{a})
	if err != nil || len(added) != 1 {
		h.t.Fatalf("add article: %v", err)
	}
	a = added[0]
	a.TextSource = "page"
	var ms []store.Match
	for _, w := range watches {
		ms = append(ms, store.Match{Watch: w, Explanation: `[{"term":"election","field":"title","snippet":"` + a.Title + `"}]`})
	}
	c := store.Completion{Article: a, Matches: ms, Quotes: quotes, FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(watchers.Document(a).Body)}
	if _, err := h.st.CompleteArticles(ctx, []store.Completion{c}, h.now); err != nil {
		h.t.Fatal(err)
	}
}

// run sends /newshound text as user and returns the answers it got
// (waiting for n of them).
func (h *cmdHarness) run(user, text string, n int) []slackfake.ResponseMessage {
	h.t.Helper()
	sent, err := h.fake.SendSlashCommand(context.Background(), h.endpoint.URL, slackfake.SlashCommand{Command: "/newshound", Text: text, UserID: user})
	if err != nil || sent.Status != http.StatusOK {
		h.t.Fatalf("/newshound %s: %+v %v", text, sent, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rs, err := h.fake.AwaitResponses(ctx, sent.ResponseID, n)
	if err != nil {
		h.t.Fatalf("/newshound %s: %v", text, err)
	}
	return rs
}

func TestSignatureChecked(t *testing.T) {
	h := newCmdHarness(t, time.Second)
	ctx := context.Background()
	for name, c := range map[string]slackfake.SlashCommand{
		"wrong secret":    {Command: "/newshound", Text: "feeds", Secret: "not-the-secret"},
		"six minutes old": {Command: "/newshound", Text: "feeds", At: time.Now().Add(-6 * time.Minute)},
	} {
		sent, err := h.fake.SendSlashCommand(ctx, h.endpoint.URL, c)
		if err != nil || sent.Status != http.StatusUnauthorized {
			t.Errorf("%s: HTTP %d %v", name, sent.Status, err)
		}
		if rs := h.fake.Responses(sent.ResponseID); len(rs) != 0 {
			t.Errorf("%s: answered %+v", name, rs)
		}
	}
	// Unsigned requests are refused too.
	resp, err := http.Post(h.endpoint.URL, "application/x-www-form-urlencoded", strings.NewReader("command=%2Fnewshound&text=feeds"))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned: %v %v", resp.Status, err)
	}
}

func TestLookupsAnswered(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	h.seed(store.Article{URL: "https://news.example.org/a1", Feed: "World Desk", Title: "Putin & <!channel> election claims",
		Text: "Vladimir Putin spoke about the election. \"We will win,\" Putin said.", Published: h.now.Add(-time.Hour)},
		[]store.Quote{{Text: "We will win,", Speaker: "Vladimir Putin"}}, "russia-watch")

	rs := h.run("U0READER01", "search putin AND election days:7", 1)
	got := rs[0]
	if got.ResponseType != "in_channel" || !strings.Contains(got.AllText(), "<https://news.example.org/a1|Putin &amp; &lt;!channel&gt; election claims>") {
		t.Errorf("search: %+v\n%s", got, got.AllText())
	}
	if !strings.Contains(got.AllText(), "*Putin*") {
		t.Errorf("search: terms not in bold: %s", got.AllText())
	}
	for text, want := range map[string]string{
		"latest":                            "russia-watch",
		"quotes Putin":                      "> “We will win” — Vladimir Putin",
		"why https://news.example.org/a1":   "*russia-watch*",
		"story https://news.example.org/a1": "*Story:* <https://news.example.org/a1|Putin &amp; &lt;!channel&gt; election claims>",
		"watches":                           "`@putin AND election`",
		"feeds":                             "*World Desk*",
		"help":                              "/newshound search &lt;query&gt;",
	} {
		rs := h.run("U0READER01", text, 1)
		if !strings.Contains(rs[0].AllText(), want) {
			t.Errorf("%s: %q not in\n%s", text, want, rs[0].AllText())
		}
	}
	// Errors answer the caller only.
	for text, want := range map[string]string{
		"search putin AND (":          "does not parse",
		"search putin days:0":         "days must be",
		"latest nosuch":               "There is no watch named “nosuch”",
		"why not-a-link":              "Give an http(s) link",
		"frobnicate":                  "Unknown subcommand “frobnicate”",
		"watch add w newsroom putin":  "Only the admins",
		"watch remove russia-watch x": "Use /newshound watch remove &lt;name&gt;",
	} {
		rs := h.run("U0READER01", text, 1)
		if rs[0].ResponseType != "ephemeral" || !strings.Contains(rs[0].AllText(), want) {
			t.Errorf("%s: %+v\n%s", text, rs[0], rs[0].AllText())
		}
	}
}

func TestSearchPagesWithButtons(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	for i := range 7 {
		h.seed(store.Article{URL: fmt.Sprintf("https://news.example.org/p%d", i), Feed: "World Desk", Title: fmt.Sprintf("Putin election story %d", i),
			Text: "Putin and the election.", Published: h.now.Add(-time.Duration(i) * time.Hour)}, nil, "russia-watch")
	}
	first := h.run("U0READER01", "search putin", 1)[0]
	if n := strings.Count(first.AllText(), "Putin election story"); n != 5 {
		t.Fatalf("first page shows %d hits", n)
	}
	next := buttonValue(t, first, actionNext)
	sent, err := h.fake.SendBlockAction(context.Background(), h.endpoint.URL, slackfake.BlockAction{ActionID: actionNext, Value: next, MessageTS: "1.2"})
	if err != nil || sent.Status != http.StatusOK {
		t.Fatal(sent, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rs, err := h.fake.AwaitResponses(ctx, sent.ResponseID, 1)
	if err != nil {
		t.Fatal(err)
	}
	page2 := rs[0]
	if !page2.ReplaceOriginal || strings.Count(page2.AllText(), "Putin election story") != 2 || !strings.Contains(page2.AllText(), "page 2") {
		t.Errorf("page 2: %+v\n%s", page2, page2.AllText())
	}
	if buttonValue(t, page2, actionPrev) == "" {
		t.Error("page 2 has no Previous button")
	}
	for _, b := range page2.Blocks {
		for _, e := range b.Elements {
			if e.ActionID == actionNext {
				t.Error("the last page has a Next button")
			}
		}
	}
}

func buttonValue(t *testing.T, m slackfake.ResponseMessage, action string) string {
	t.Helper()
	for _, b := range m.Blocks {
		for _, e := range b.Elements {
			if e.ActionID == action {
				return e.Value
			}
		}
	}
	t.Fatalf("no %s button in %+v", action, m.Blocks)
	return ""
}

func TestLongSearchRemembered(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	// U+2028 is written \u2028 in JSON: 400 of them pass 2,000 characters.
	q := "putin AND \"" + strings.Repeat("\u2028", 400) + "\""
	v := h.n.searchButtonValue(searchArgs(q), 1)
	if len([]rune(v)) > maxButtonValue || !strings.Contains(v, `"k":`) {
		t.Fatalf("value %d characters: %s", len([]rune(v)), v)
	}
	args, page, ok := h.n.parseSearchValue(v)
	if !ok || page != 1 || args.Query != q {
		t.Errorf("round trip: %+v %d %v", args, page, ok)
	}
}

func TestWatchChangesForAdmins(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	rs := h.run("U0ADMIN001", "watch add floods newsroom flood* AND river", 1)
	if rs[0].ResponseType != "ephemeral" || !strings.Contains(rs[0].AllText(), "Watch “floods” added") {
		t.Fatalf("add: %+v", rs[0])
	}
	// A member of an admin user group (asked of Slack) may too.
	rs = h.run("U0EDITOR01", "watch pause floods", 1)
	if !strings.Contains(rs[0].AllText(), "paused") {
		t.Errorf("pause by a group member: %s", rs[0].AllText())
	}
	rs = h.run("U0ADMIN001", "watch add bad nowhere putin", 1)
	if !strings.Contains(rs[0].AllText(), "There is no channel named “nowhere”") {
		t.Errorf("bad channel: %s", rs[0].AllText())
	}
	rs = h.run("U0ADMIN001", "watches", 1)
	if !strings.Contains(rs[0].AllText(), "*floods* (chat, paused)") {
		t.Errorf("watches: %s", rs[0].AllText())
	}
}

func TestSlowCommandAcknowledgedThenAnswered(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(600 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Floods close roads</title></head><body><article><h1>Floods close roads</h1>`+
			`<p>Heavy rain closed roads across the region on Monday, officials said, and more rain is expected.</p>`+
			`<p>"We have not seen water this high in years," said Mayor Ana Ruiz, who urged residents to stay home.</p>`+
			`<p>Schools in three towns stayed closed, and the regional rail operator cancelled services on two lines until Wednesday.</p>`+
			`<p>Forecasters said the river would crest on Tuesday night, a metre above its usual spring level.</p></article></body></html>`)
	}))
	defer page.Close()
	h := newCmdHarness(t, 100*time.Millisecond)
	start := time.Now()
	sent, err := h.fake.SendSlashCommand(context.Background(), h.endpoint.URL, slackfake.SlashCommand{Command: "/newshound", Text: "summary " + page.URL + "/a"})
	if err != nil || sent.Status != http.StatusOK || sent.Body != "" {
		t.Fatalf("ack: %+v %v", sent, err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("the acknowledgement took %s", took)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rs, err := h.fake.AwaitResponses(ctx, sent.ResponseID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Immediate || !strings.Contains(rs[0].AllText(), "Floods close roads") || !strings.Contains(rs[0].AllText(), "Ana Ruiz") {
		t.Errorf("answer through response_url: %+v\n%s", rs[0], rs[0].AllText())
	}
}

func searchArgs(q string) commands.SearchArgs { return commands.SearchArgs{Query: q} }

// TestSearchShowsSameStory: /newshound search groups a story's matching
// articles into one result, and names the others under it ("Same story:",
// each outlet linked), as Discord's /search does — they were left out
// without a word.
func TestSearchShowsSameStory(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	ctx := context.Background()
	as := []store.Article{
		{URL: "https://agency.example/valmora", Feed: "Agency", Title: "Putin to visit Valmora", Published: h.now.Add(-3 * time.Hour), Text: "Putin will visit Valmora."},
		{URL: "https://daily.example/trip", Feed: "Daily <!channel>", Title: "Kremlin confirms Putin's Valmora trip", Published: h.now.Add(-2 * time.Hour), Text: "The Kremlin confirmed Putin's Valmora trip."},
		{URL: "https://herald.example/grain", Feed: "Herald", Title: "Putin's grain deal in Valmora expected", Published: h.now.Add(-time.Hour), Text: "A grain deal is expected when Putin visits Valmora."},
	}
	for i := range as {
		as[i].Identity, as[i].Status, as[i].SeenAt = as[i].URL, store.StatusPending, h.now
	}
	added, err := h.st.AddArticles(ctx, as)
	if err != nil || len(added) != len(as) {
		t.Fatalf("add: %v", err)
	}
	for i, a := range added {
		a.TextSource = "page"
		st := &store.Story{ID: 7, First: h.now, Last: h.now, Articles: i + 1, State: []byte(`{}`)}
		c := store.Completion{Article: a, Story: st, FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(a.Text)}
		if _, err := h.st.CompleteArticles(ctx, []store.Completion{c}, h.now); err != nil {
			t.Fatal(err)
		}
	}
	got := h.run("U0READER01", "search putin", 1)[0].AllText()
	want := "Same story: <https://daily.example/trip|Daily &lt;!channel&gt;>, <https://agency.example/valmora|Agency>"
	if !strings.Contains(got, "*1. <https://herald.example/grain|") || !strings.Contains(got, want) {
		t.Errorf("search lacks %q:\n%s", want, got)
	}
	if strings.Contains(got, "*2. ") {
		t.Errorf("a story's article shown as a result of its own:\n%s", got)
	}
}

// TestAnswersNameSlackCommands: the shared answers' words point at Discord's
// commands ("/summary reads any link"); on Slack they name the subcommand
// people can type (/newshound summary), since /summary is no Slack command.
func TestAnswersNameSlackCommands(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	for _, text := range []string{"why https://nowhere.example/x", "story https://nowhere.example/x"} {
		got := h.run("U0READER01", text, 1)[0].AllText()
		if !strings.Contains(got, "/newshound summary reads any link") || strings.Contains(got, " /summary") {
			t.Errorf("%s: %s", text, got)
		}
	}
}

// TestQuotesSpeakerInQuotationMarks: a speaker typed in quotation marks
// (straight or curly, as a name with spaces is often typed) is the name.
func TestQuotesSpeakerInQuotationMarks(t *testing.T) {
	h := newCmdHarness(t, 2*time.Second)
	h.seed(store.Article{URL: "https://news.example.org/q1", Feed: "World Desk", Title: "Putin on the election",
		Text: "\"We will win,\" Vladimir Putin said.", Published: h.now.Add(-time.Hour)},
		[]store.Quote{{Text: "We will win,", Speaker: "Vladimir Putin"}}, "russia-watch")
	for _, text := range []string{`quotes "Vladimir Putin"`, "quotes “Vladimir Putin” days:7", `quotes 'Putin'`} {
		if got := h.run("U0READER01", text, 1)[0].AllText(); !strings.Contains(got, "> “We will win” — Vladimir Putin") {
			t.Errorf("%s: %s", text, got)
		}
	}
	if got := h.run("U0READER01", `quotes ""`, 1)[0]; got.ResponseType != "ephemeral" {
		t.Errorf(`quotes "": %+v %s`, got, got.AllText())
	}
}

// A search of one day is "in the last day", as on Discord (it was "in the
// last 1 day").
func TestSearchScopeOfOneDay(t *testing.T) {
	n := &Notifier{}
	for days, want := range map[int]string{1: "in the last day.", 7: "in the last 7 days."} {
		m := n.searchMessage(commands.SearchPage{Args: commands.SearchArgs{Query: "x", Days: days}})
		if !strings.HasSuffix(m.Text, want) {
			t.Errorf("%d days: %q", days, m.Text)
		}
	}
}
