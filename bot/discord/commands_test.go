package discord

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

const (
	guildID   = "567890123456789012"
	userID    = "678901234567890123"
	manageYes = "32"
	manageNo  = "2048" // Send Messages only
)

// cmdHarness is a bot with slash commands on a real store and watcher,
// talking to the fake Discord.
type cmdHarness struct {
	t        *testing.T
	srv      *discordfake.Server
	bot      *Bot
	st       *store.Store
	w        *watchers.Watcher
	key      ed25519.PrivateKey
	endpoint *httptest.Server
	now      time.Time
}

type harnessOptions struct {
	allowPrivate bool
	noGateway    bool
}

const harnessConfig = `
aliases:
  putin: ["Vladimir Putin", "Putin"]
feeds:
  - { name: World Desk, url: "https://news.example.org/world.rss" }
  - { name: Wire, url: "https://wire.example.org/all.rss", schedule: "@every 10m" }
watches:
  - { name: russia-watch, query: '@putin AND election', channels: [newsroom] }
  - { name: golf, keywords: [golf] }
channels:
  newsroom: { discord: "123456789012345678" }
  desk: { discord: "123456789012345679" }
discord: { token: T }
`

func newCmdHarness(t *testing.T, ho harnessOptions) *cmdHarness {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "n.yaml"), []byte(harnessConfig), config.Options{})
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
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	srv := discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom}})
	t.Cleanup(srv.Close)
	h := &cmdHarness{t: t, srv: srv, st: st, w: w, key: priv, now: time.Now().UTC()}
	fetcher := article.NewFetcher(httpclient.New(httpclient.Options{Timeout: 5 * time.Second, AllowPrivate: ho.allowPrivate}),
		article.Options{HostDelay: -1})
	b, err := New(Options{
		Token:   srv.Token(),
		APIBase: srv.URL(),
		Channels: map[string]Channel{
			"newsroom": {DiscordID: newsroom},
			"desk":     {DiscordID: "123456789012345679"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	err = b.EnableCommands(&Commands{
		Store: st, Pipeline: w, ArticleFetcher: fetcher, AllowPrivate: ho.allowPrivate,
		GuildID:      guildID,
		Interactions: Interactions{PublicKey: hex.EncodeToString(pub)},
		Now:          func() time.Time { return h.now },
	})
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b
	h.endpoint = httptest.NewServer(b.InteractionsHandler())
	t.Cleanup(h.endpoint.Close)
	if !ho.noGateway {
		octx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := b.Open(octx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
	}
	return h
}

// seed stores one processed article the way the pipeline does: recorded,
// then completed with its folded text indexed, its quotes and its matches.
func (h *cmdHarness) seed(a store.Article, quotes []store.Quote, watches ...string) store.Article {
	h.t.Helper()
	return seedArticle(h.t, h.st, a, quotes, h.now, watches...)
}

func seedArticle(tb testing.TB, st *store.Store, a store.Article, quotes []store.Quote, now time.Time, watches ...string) store.Article {
	tb.Helper()
	ctx := context.Background()
	if a.SeenAt.IsZero() {
		a.SeenAt = now
	}
	a.Status = store.StatusPending
	if a.Identity == "" {
		a.Identity = a.URL
	}
	added, err := st.AddArticles(ctx, []store.Article{a})
	if err != nil || len(added) != 1 {
		tb.Fatalf("add article: %v (%d added)", err, len(added))
	}
	a = added[0]
	a.TextSource = "page"
	var ms []store.Match
	for _, w := range watches {
		ms = append(ms, store.Match{Watch: w, Explanation: `[{"term":"election","field":"title","snippet":"` + a.Title + `"}]`})
	}
	c := store.Completion{Article: a, Matches: ms, Quotes: quotes,
		FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(watchers.Document(a).Body)}
	matched := now
	if !a.Published.IsZero() {
		matched = a.Published // as if alerted when published
	}
	if _, err := st.CompleteArticles(ctx, []store.Completion{c}, matched); err != nil {
		tb.Fatal(err)
	}
	a.Status = store.StatusDone
	return a
}

// slash builds an application-command interaction.
func slash(name string, perms string, opts ...discordfake.InteractionOption) discordfake.Interaction {
	return discordfake.Interaction{
		Type:      discordfake.InteractionApplicationCommand,
		Data:      &discordfake.InteractionData{Name: name, Type: 1, Options: opts},
		GuildID:   guildID,
		ChannelID: newsroom,
		Member:    &discordfake.Member{User: discordfake.User{ID: userID, Username: "ann", Discriminator: "0"}, Permissions: perms},
	}
}

func str(name, v string) discordfake.InteractionOption {
	return discordfake.InteractionOption{Name: name, Type: 3, Value: v}
}

func num(name string, v int) discordfake.InteractionOption {
	return discordfake.InteractionOption{Name: name, Type: 4, Value: v}
}

func subcommand(name string, opts ...discordfake.InteractionOption) discordfake.InteractionOption {
	return discordfake.InteractionOption{Name: name, Type: 1, Options: opts}
}

// viaGateway injects the interaction as INTERACTION_CREATE and waits for
// the bot's finished answer.
func (h *cmdHarness) viaGateway(in discordfake.Interaction) discordfake.InteractionState {
	h.t.Helper()
	in, err := h.srv.InjectInteraction(in)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.await(in.ID)
}

// viaHTTP posts the interaction, signed, to the HTTP endpoint and waits for
// the bot's finished answer.
func (h *cmdHarness) viaHTTP(in discordfake.Interaction) discordfake.InteractionState {
	h.t.Helper()
	in, status, err := h.srv.PostInteraction(context.Background(), h.endpoint.URL, h.key, in)
	if err != nil || status != 200 {
		h.t.Fatalf("post interaction: HTTP %d, %v", status, err)
	}
	return h.await(in.ID)
}

// await waits until the interaction has an answer that is not a
// "thinking…" placeholder (or an ephemeral followup).
func (h *cmdHarness) await(id string) discordfake.InteractionState {
	h.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		st, ok := h.srv.InteractionState(id)
		if ok && len(st.Followups) > 0 {
			return st
		}
		if ok && len(st.Responses) > 0 {
			typ := st.Responses[0].Type
			loading := st.Original != nil && st.Original.Flags&(1<<7) != 0
			switch {
			case typ == discordfake.CallbackChannelMessage || typ == discordfake.CallbackUpdateMessage:
				return st
			case typ == discordfake.CallbackDeferredUpdateMessage && st.Original != nil && st.Original.Edited != nil:
				return st
			case typ == discordfake.CallbackDeferredChannelMessage && st.Original != nil && !loading:
				return st
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatalf("interaction %s: no answer within 15 s", id)
	return discordfake.InteractionState{}
}

// answer is the visible answer: the final message and whether only the
// invoker sees it.
func answer(st discordfake.InteractionState) (discordfake.Message, bool) {
	if len(st.Followups) > 0 {
		m := st.Followups[len(st.Followups)-1]
		return m, m.Flags&64 != 0
	}
	if st.Original == nil {
		return discordfake.Message{}, false
	}
	return *st.Original, st.Original.Flags&64 != 0
}

// text is everything a reader sees in a message.
func text(m discordfake.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

// mustBeSafe checks that a message can ping nobody.
func mustBeSafe(t *testing.T, m discordfake.Message) {
	t.Helper()
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 || len(m.AllowedMentions.Roles) != 0 || len(m.AllowedMentions.Users) != 0 {
		t.Errorf("allowed_mentions %+v: want parse [] and nothing allowed", m.AllowedMentions)
	}
	if m.MentionEveryone || len(m.MentionRoles) > 0 || len(m.MentionUsers) > 0 {
		t.Errorf("the answer pings: everyone=%v roles=%v users=%v", m.MentionEveryone, m.MentionRoles, m.MentionUsers)
	}
}

func body(words ...string) string {
	return strings.Join(words, " ") + " " + strings.Repeat("Officials gave no further details on the matter today. ", 6)
}

func TestRegisterCommands(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	if err := h.bot.RegisterCommands(context.Background()); err != nil {
		t.Fatal(err)
	}
	cmds := h.srv.Commands()
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
		if c.GuildID != guildID {
			t.Errorf("%s registered to guild %q, want %q", c.Name, c.GuildID, guildID)
		}
		if c.DMPermission != nil || len(c.Contexts) != 1 || c.Contexts[0] != 0 {
			t.Errorf("%s: dm_permission %v, contexts %v; want contexts [0] (guilds only) and no deprecated dm_permission", c.Name, c.DMPermission, c.Contexts)
		}
	}
	if got := strings.Join(names, " "); got != "search latest quotes summary why story watches feeds watch" {
		t.Fatalf("registered %q", got)
	}
	for _, c := range cmds {
		switch c.Name {
		case "watch":
			if c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != "32" {
				t.Errorf("/watch default_member_permissions = %v, want \"32\" (Manage Server)", c.DefaultMemberPermissions)
			}
			var subs []string
			for _, o := range c.Options {
				subs = append(subs, o.Name)
				if o.Name == "add" {
					ch := o.Options[2]
					if len(ch.Choices) != 2 || ch.Choices[0].Value != "desk" {
						t.Errorf("/watch add channel choices = %+v, want the configured channels", ch.Choices)
					}
				}
			}
			if strings.Join(subs, " ") != "add remove pause resume" {
				t.Errorf("/watch subcommands %v", subs)
			}
		case "search":
			if len(c.Options) != 3 || c.Options[0].Name != "query" || !c.Options[0].Required || c.Options[0].MaxLength == nil {
				t.Errorf("/search options %+v", c.Options)
			}
		}
	}
	// Again: a bulk overwrite replaces, it does not add.
	if err := h.bot.RegisterCommands(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.srv.Commands()); n != 9 {
		t.Fatalf("after a second registration %d commands, want 9", n)
	}
}

func TestRegisterCommandsGlobally(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	h.bot.cmds.cfg.GuildID = ""
	if err := h.bot.RegisterCommands(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, c := range h.srv.Commands() {
		if c.GuildID != "" {
			t.Fatalf("%s registered to guild %q, want global", c.Name, c.GuildID)
		}
	}
}

// seedNews stores a small archive: twelve election articles (newest last),
// one golf article, and quotes.
func (h *cmdHarness) seedNews() {
	for i := range 12 {
		h.seed(store.Article{
			URL:       fmt.Sprintf("https://news.example.org/world/election-%02d", i),
			Feed:      "World Desk",
			Title:     fmt.Sprintf("Election update %02d", i),
			Published: h.now.Add(-time.Duration(12-i) * time.Hour),
			Text:      body("Putin spoke about the election in Moldova."),
		}, nil, "russia-watch")
	}
	h.seed(store.Article{
		URL: "https://wire.example.org/golf", Feed: "Wire", Title: "Golf open @everyone <@&345678901234567890> wins",
		Published: h.now.Add(-30 * 24 * time.Hour), Text: body("The golf open ended in a playoff."),
	}, []store.Quote{{Speaker: "Jane Doe", Text: "It was the best round of my life."}}, "golf")
	h.seed(store.Article{
		URL: "https://news.example.org/world/kremlin", Feed: "World Desk", Title: "Kremlin denies claims",
		Published: h.now.Add(-2 * 24 * time.Hour), Text: body(`"These claims are fabricated," said Dmitry Peskov.`),
	}, []store.Quote{{Speaker: "Dmitry Peskov", Text: "These claims are fabricated,"}, {Speaker: "Anna Petrova", Text: "We will see."}})
	h.seed(store.Article{
		URL: "https://news.example.org/world/sanctions", Feed: "World Desk", Title: "Sanctions widen",
		Published: h.now.Add(-10 * 24 * time.Hour), Text: body(`"Sanctions will not work," Peskov told reporters.`),
	}, []store.Quote{{Speaker: "Dmitry Peskov", Text: "Sanctions will not work,"}})
}

func TestCommandsOverGateway(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	if p, ok := h.srv.IdentifyPresence(); !ok || p.Status != "online" {
		t.Errorf("IDENTIFY presence %+v (set: %v), want status online", p, ok)
	}
	h.seedNews()
	runCommandCases(t, h, false, h.viaGateway)
}

// TestCommandsDeferred answers every command as if it were slow: deferred
// first, then edited in — errors too, which after a public deferral are
// public (Discord shows the first answer in the deferred message's place);
// /watch defers ephemerally, so its errors stay private.
func TestCommandsDeferred(t *testing.T) {
	for _, transport := range []string{"gateway", "http"} {
		t.Run(transport, func(t *testing.T) {
			h := newCmdHarness(t, harnessOptions{noGateway: transport == "http"})
			h.seedNews()
			h.bot.cmds.deferAfter = 0
			send := h.viaGateway
			if transport == "http" {
				send = h.viaHTTP
			}
			runCommandCases(t, h, true, func(in discordfake.Interaction) discordfake.InteractionState {
				st := send(in)
				if typ := st.Responses[0].Type; typ != discordfake.CallbackDeferredChannelMessage {
					t.Errorf("first answer type %d, want a deferral", typ)
				}
				return st
			})
		})
	}
}

func TestCommandsOverHTTP(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	h.seedNews()
	runCommandCases(t, h, false, h.viaHTTP)
}

// runCommandCases runs every command once through send (the gateway or the
// HTTP endpoint) and checks what a user would see; deferred says every
// answer comes after a deferral.
func runCommandCases(t *testing.T, h *cmdHarness, deferred bool, send func(discordfake.Interaction) discordfake.InteractionState) {
	cases := []struct {
		name      string
		in        discordfake.Interaction
		ephemeral bool
		want      []string // substrings of the visible answer
		not       []string
	}{
		{"search", slash("search", manageNo, str("query", "election AND @putin")), false,
			[]string{"Search: election AND @putin", "1. Election update 11", "5. Election update 07", "https://news.example.org/world/election-11", "World Desk", "**Putin**", "Page 1"},
			[]string{"Election update 06"}},
		{"search days", slash("search", manageNo, str("query", "claims OR sanctions"), num("days", 5)), false,
			[]string{"Kremlin denies claims", "last 5 days"}, []string{"Sanctions widen"}},
		{"search watch", slash("search", manageNo, str("query", "golf OR election"), str("watch", "golf")), false,
			[]string{"Golf open"}, []string{"Election update"}},
		{"search nothing", slash("search", manageNo, str("query", "cricket")), false, []string{"No stored article matches"}, nil},
		{"search bad query", slash("search", manageNo, str("query", "putin AND (election")), true, []string{"does not parse", "```", "^"}, nil},
		{"search unknown watch", slash("search", manageNo, str("query", "putin"), str("watch", "nope")), true, []string{"no watch named"}, nil},
		{"latest", slash("latest", manageNo, num("count", 3)), false,
			[]string{"Latest alerts", "1. Election update 11", "3. Election update 09", "russia-watch"}, []string{"4. "}},
		{"latest watch", slash("latest", manageNo, str("watch", "golf")), false, []string{"Golf open"}, []string{"Election"}},
		{"quotes surname", slash("quotes", manageNo, str("speaker", "peskov")), false,
			[]string{"Quotes by peskov", "These claims are fabricated", "Sanctions will not work", "Dmitry Peskov", "https://news.example.org/world/kremlin"}, []string{"We will see"}},
		{"quotes about", slash("quotes", manageNo, str("speaker", "Dmitry Peskov"), str("about", "sanctions")), false,
			[]string{"Sanctions will not work"}, []string{"fabricated"}},
		{"quotes days", slash("quotes", manageNo, str("speaker", "Peskov"), num("days", 5)), false,
			[]string{"fabricated"}, []string{"Sanctions will not work"}},
		{"quotes nobody", slash("quotes", manageNo, str("speaker", "Nobody Atall")), false, []string{"No stored quotes"}, nil},
		{"why", slash("why", manageNo, str("url", "https://news.example.org/world/election-03?utm_source=x")), false,
			[]string{"Election update 03", "russia-watch", "election"}, nil},
		{"why unmatched", slash("why", manageNo, str("url", "https://news.example.org/world/kremlin")), false,
			[]string{"no watch matched"}, nil},
		{"why unknown", slash("why", manageNo, str("url", "https://elsewhere.example.com/x")), true, []string{"has not seen"}, nil},
		{"watches", slash("watches", manageNo), false, []string{"russia-watch", "@putin AND election", "newsroom", "golf", "standard output"}, nil},
		{"feeds", slash("feeds", manageNo), false, []string{"World Desk", "Wire", "Last success: never", "Consecutive failures: 0", "Next poll: <t:"}, nil},
		{"watch refused", slash("watch", manageNo, subcommand("add", str("name", "x"), str("query", "x"), str("channel", "desk"))), true,
			[]string{"Manage Server"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := send(c.in)
			m, eph := answer(st)
			if deferred && c.in.Data.Name != "watch" {
				c.ephemeral = false
			}
			if deferred && (st.Deleted || len(st.Followups) > 0) {
				t.Errorf("deferred answer: original deleted %v, %d followups; want an edit of the original", st.Deleted, len(st.Followups))
			}
			if eph != c.ephemeral {
				t.Errorf("ephemeral = %v, want %v", eph, c.ephemeral)
			}
			got := text(m)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %q:\n%s", w, got)
				}
			}
			for _, w := range c.not {
				if strings.Contains(got, w) {
					t.Errorf("answer has %q:\n%s", w, got)
				}
			}
			mustBeSafe(t, m)
		})
	}
}

func TestSearchPagination(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	h.seedNews()
	for _, q := range []string{
		"election",
		// Too long for a custom_id: paged through the LRU.
		`election AND ("Election update" OR "Moldova" OR "Putin spoke about the election") AND NOT "nothing of the sort at all"`,
	} {
		t.Run(fmt.Sprintf("%d chars", len(q)), func(t *testing.T) {
			st := h.viaGateway(slash("search", manageNo, str("query", q)))
			var pages [][]string
			for range 4 {
				m, _ := answer(st)
				if len(m.Embeds) != 1 {
					t.Fatalf("page %d: %d embeds: %s", len(pages)+1, len(m.Embeds), text(m))
				}
				var titles []string
				for _, f := range m.Embeds[0].Fields {
					titles = append(titles, f.Name)
				}
				pages = append(pages, titles)
				prev, next := buttons(t, m)
				if prev.Disabled != (len(pages) == 1) {
					t.Errorf("page %d: Previous disabled = %v", len(pages), prev.Disabled)
				}
				for _, b := range []discordfake.Component{prev, next} {
					if n := len(b.CustomID); n > 100 {
						t.Fatalf("custom_id of %d characters", n)
					}
				}
				if next.Disabled {
					break
				}
				st = h.viaGateway(discordfake.Interaction{
					Type: discordfake.InteractionMessageComponent, GuildID: guildID, ChannelID: newsroom,
					Member:  &discordfake.Member{User: discordfake.User{ID: userID, Username: "ann"}, Permissions: manageNo},
					Data:    &discordfake.InteractionData{CustomID: next.CustomID, ComponentType: 2},
					Message: h.srv.MessageJSON(m),
				})
				if st.Responses[0].Type != discordfake.CallbackUpdateMessage && st.Responses[0].Type != discordfake.CallbackDeferredUpdateMessage {
					t.Fatalf("a button answered with callback type %d, want an update of the message", st.Responses[0].Type)
				}
			}
			if len(pages) != 3 || len(pages[0]) != 5 || len(pages[1]) != 5 || len(pages[2]) != 2 {
				t.Fatalf("pages %v, want 5+5+2 results", pages)
			}
			if pages[1][0] != "6. Election update 06" || pages[2][1] != "12. Election update 00" {
				t.Fatalf("pages out of order: %v", pages)
			}
		})
	}
	t.Run("expired", func(t *testing.T) {
		st := h.viaGateway(discordfake.Interaction{
			Type: discordfake.InteractionMessageComponent, GuildID: guildID, ChannelID: newsroom,
			Member: &discordfake.Member{User: discordfake.User{ID: userID, Username: "ann"}, Permissions: manageNo},
			Data:   &discordfake.InteractionData{CustomID: "s:n:1:h:0123456789abcdef", ComponentType: 2},
		})
		m, eph := answer(st)
		if !eph || !strings.Contains(m.Content, "expired") {
			t.Fatalf("forgotten search: ephemeral=%v %q", eph, m.Content)
		}
	})
}

func buttons(t *testing.T, m discordfake.Message) (prev, next discordfake.Component) {
	t.Helper()
	if len(m.Components) != 1 || len(m.Components[0].Components) != 2 {
		t.Fatalf("components %+v, want one row of two buttons", m.Components)
	}
	return m.Components[0].Components[0], m.Components[0].Components[1]
}

func TestWatchCommands(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	add := func(perms, name, query, channel string) (discordfake.Message, bool) {
		return answer(h.viaGateway(slash("watch", perms, subcommand("add", str("name", name), str("query", query), str("channel", channel)))))
	}
	active := func(name string) (watchers.WatchInfo, bool) {
		for _, w := range h.w.Watches() {
			if w.Name == name {
				return w, true
			}
		}
		return watchers.WatchInfo{}, false
	}

	if m, eph := add(manageNo, "moldova", "moldova", "desk"); !eph || !strings.Contains(m.Content, "Manage Server") {
		t.Fatalf("without Manage Server: ephemeral=%v %q", eph, m.Content)
	}
	if _, ok := active("moldova"); ok {
		t.Fatal("a watch was added without Manage Server")
	}
	m, eph := add(manageYes, "moldova", `moldova AND "election`, "desk")
	if !eph || !strings.Contains(m.Content, "```") || !strings.Contains(m.Content, "^") {
		t.Fatalf("bad query: ephemeral=%v %q, want the parser's message with a caret in a code block", eph, m.Content)
	}
	if m, eph := add(manageYes, "moldova", "moldova", "nowhere"); !eph || !strings.Contains(m.Content, "no channel named") {
		t.Fatalf("unknown channel: %v %q", eph, m.Content)
	}
	if m, eph := add(manageYes, "moldova", "moldova OR chisinau", "desk"); !eph || !strings.Contains(m.Content, "added") {
		t.Fatalf("add: %v %q", eph, m.Content)
	}
	if w, ok := active("moldova"); !ok || !w.FromChat || w.Channels[0] != "desk" || w.Paused {
		t.Fatalf("after add the watcher has %+v %v", w, ok)
	}
	if m, _ := add(manageYes, "moldova", "moldova", "desk"); !strings.Contains(m.Content, "already exists") {
		t.Fatalf("second add: %q", m.Content)
	}
	if m, _ := add(manageYes, "russia-watch", "moldova", "desk"); !strings.Contains(m.Content, "read-only") {
		t.Fatalf("add over a YAML watch: %q", m.Content)
	}
	m, eph = answer(h.viaGateway(slash("watch", manageYes, subcommand("pause", str("name", "moldova")))))
	if w, _ := active("moldova"); !eph || !w.Paused {
		t.Fatalf("pause: %q, watch %+v", m.Content, w)
	}
	answer(h.viaGateway(slash("watch", manageYes, subcommand("resume", str("name", "moldova")))))
	if w, _ := active("moldova"); w.Paused {
		t.Fatal("resume left the watch paused")
	}
	if m, _ := answer(h.viaGateway(slash("watch", manageYes, subcommand("remove", str("name", "golf"))))); !strings.Contains(m.Content, "read-only") {
		t.Fatalf("remove a YAML watch: %q", m.Content)
	}
	// Administrator implies Manage Server.
	if m, _ := answer(h.viaGateway(slash("watch", "8", subcommand("remove", str("name", "moldova"))))); !strings.Contains(m.Content, "removed") {
		t.Fatalf("remove: %q", m.Content)
	}
	if _, ok := active("moldova"); ok {
		t.Fatal("the removed watch is still active")
	}
	if m, _ := answer(h.viaGateway(slash("watch", manageYes, subcommand("remove", str("name", "moldova"))))); !strings.Contains(m.Content, "no chat-managed watch") {
		t.Fatalf("remove twice: %q", m.Content)
	}
	// In a DM there is no member, hence no permission.
	in := slash("watch", manageYes, subcommand("remove", str("name", "x")))
	in.Member, in.GuildID, in.User = nil, "", &discordfake.User{ID: userID, Username: "ann"}
	if m, eph := answer(h.viaGateway(in)); !eph || !strings.Contains(m.Content, "Manage Server") {
		t.Fatalf("DM: %q", m.Content)
	}
}

// TestSearchAndLatestNewestFirst: a poll records a feed's items in the
// feed's order, newest first; /search and /latest still list them newest
// first by publication (an undated one by when it was recorded), with the
// time of day.
func TestSearchAndLatestNewestFirst(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	base := h.now.Add(-6 * time.Hour).Truncate(time.Minute)
	// Recorded in this order, as one poll of a feed listing newest first.
	h.seed(store.Article{URL: "https://news.example.org/world/vote-c", Feed: "World Desk", Title: "Vote count C",
		Published: base.Add(3 * time.Hour), Text: body("Putin and the election count.")}, nil, "russia-watch")
	h.seed(store.Article{URL: "https://news.example.org/world/vote-b", Feed: "World Desk", Title: "Vote count B",
		Published: base.Add(2 * time.Hour), Text: body("Putin and the election count.")}, nil, "russia-watch")
	h.seed(store.Article{URL: "https://news.example.org/world/vote-a", Feed: "World Desk", Title: "Vote count A",
		Published: base.Add(1 * time.Hour), Text: body("Putin and the election count.")}, nil, "russia-watch")
	// Undated, recorded between B and C.
	h.seed(store.Article{URL: "https://news.example.org/world/vote-u", Feed: "World Desk", Title: "Vote count U",
		SeenAt: base.Add(150 * time.Minute), Text: body("Putin and the election count.")}, nil, "russia-watch")
	order := func(got string) string {
		var out []string
		for _, l := range strings.Split(got, "\n") {
			if i := strings.Index(l, "Vote count "); i >= 0 && strings.Contains(l[:i], ". ") {
				out = append(out, l[i+len("Vote count "):])
			}
		}
		return strings.Join(out, "")
	}
	search, _ := answer(h.viaGateway(slash("search", manageNo, str("query", "vote AND count"))))
	latest, _ := answer(h.viaGateway(slash("latest", manageNo, num("count", 4))))
	for name, m := range map[string]discordfake.Message{"search": search, "latest": latest} {
		got := text(m)
		if o := order(got); o != "CUBA" {
			t.Errorf("/%s lists %q, want CUBA (newest first):\n%s", name, o, got)
		}
		if stamp := fmt.Sprintf("<t:%d:f>", base.Add(3*time.Hour).Unix()); !strings.Contains(got, stamp) {
			t.Errorf("/%s does not show the time of day (%s):\n%s", name, stamp, got)
		}
	}
}

// TestFeedsShowsTheSchedulersNextPoll: /feeds shows when the pipeline will
// poll each feed (its spread start-up poll, here), not the schedule's next
// time from now.
func TestFeedsShowsTheSchedulersNextPoll(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	m, _ := answer(h.viaGateway(slash("feeds", manageNo)))
	var got string
	for _, f := range m.Embeds[0].Fields {
		if strings.Contains(f.Name, "Wire") {
			got = f.Value
		}
	}
	re := regexp.MustCompile(`Next poll: <t:(\d+):R>`)
	sub := re.FindStringSubmatch(got)
	if sub == nil {
		t.Fatalf("Wire's field %q has no next poll", got)
	}
	shown, _ := strconv.ParseInt(sub[1], 10, 64)
	want := h.w.NextPoll("Wire", time.Time{}).Unix()
	if d := shown - want; d < -2 || d > 2 {
		t.Errorf("/feeds says Wire is polled at %d, the pipeline at %d (%+ds)", shown, want, d)
	}
}
