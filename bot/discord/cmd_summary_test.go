package discord

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

// articlePage is a news page written for these tests.
const articlePage = `<!doctype html><html lang="en"><head><title>Harbour reopens after storm | Coast Gazette</title>
<meta property="og:site_name" content="Coast Gazette"><meta property="og:title" content="Harbour reopens after storm">
<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head><body><article>
<h1>Harbour reopens after storm</h1>
<p>The harbour of Port Ellin reopened on Thursday after a storm closed it for four days, the port authority said.</p>
<p>"We worked around the clock to clear the channel," said harbour master Rosa Lind. Ferries resumed their morning crossings at six.</p>
<p>Fishermen said the closure had cost them a week of catch. "It was the longest closure in twenty years," said Tom Berg, who chairs the fishing cooperative.</p>
<p>The authority said repairs to the outer breakwater would take until spring and cost an estimated two million euros.</p>
</article></body></html>`

func pageServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articlePage)
		case "/stub":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><body><article><p>Subscribe to read this article.</p></article></body></html>`)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.7 ...")
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSummary(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{allowPrivate: true})
	pages := pageServer(t)
	cases := []struct {
		name      string
		path      string
		ephemeral bool
		want      []string
	}{
		// The summary quotes Rosa Lind: her quote is not repeated below it;
		// Tom Berg's is shown without the comma that ended it in the text.
		{"article", "/article", false, []string{"Harbour reopens after storm", "Coast Gazette", "Port Ellin reopened on Thursday",
			`"We worked around the clock to clear the channel," said harbour master Rosa Lind.`,
			"> “It was the longest closure in twenty years” — Tom Berg"}},
		{"paywall", "/stub", true, []string{"too little text", "paywall"}},
		{"not HTML", "/report.pdf", true, []string{"not a web page"}},
		{"HTTP error", "/missing", true, []string{"HTTP 404 Not Found"}},
	}
	for _, deferred := range []bool{false, true} {
		// Local pages answer within deferAfter: errors are ephemeral
		// answers, no deferral. Forced to defer, every answer — errors
		// too — edits the public "thinking…" message.
		h.bot.cmds.deferAfter = deferAfter
		if deferred {
			h.bot.cmds.deferAfter = 0
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s deferred=%v", c.name, deferred), func(t *testing.T) {
				st := h.viaGateway(slash("summary", manageNo, str("url", pages.URL+c.path)))
				wantType := discordfake.CallbackChannelMessage
				if deferred {
					wantType = discordfake.CallbackDeferredChannelMessage
				}
				if st.Responses[0].Type != wantType {
					t.Fatalf("first answer type %d, want %d", st.Responses[0].Type, wantType)
				}
				m, eph := answer(st)
				if eph != (c.ephemeral && !deferred) {
					t.Errorf("ephemeral = %v, want %v", eph, c.ephemeral && !deferred)
				}
				if st.Deleted || len(st.Followups) > 0 {
					t.Errorf("original deleted %v, %d followups: want one answer in the original's place", st.Deleted, len(st.Followups))
				}
				got := text(m)
				for _, w := range c.want {
					if !strings.Contains(got, w) {
						t.Errorf("answer lacks %q:\n%s", w, got)
					}
				}
				if n := strings.Count(got, "clear the channel"); c.name == "article" && n != 1 {
					t.Errorf("the quote appears %d times, want once:\n%s", n, got)
				}
				mustBeSafe(t, m)
			})
		}
	}
	h.bot.cmds.deferAfter = deferAfter
	t.Run("over HTTP", func(t *testing.T) {
		st := h.viaHTTP(slash("summary", manageNo, str("url", pages.URL+"/article")))
		if m, _ := answer(st); !strings.Contains(text(m), "Port Ellin") {
			t.Fatalf("answer:\n%s", text(m))
		}
	})
}

func TestSummaryTimeoutAndNoFetcher(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{allowPrivate: true, noGateway: true})
	pages := pageServer(t)
	h.bot.cmds.fetchTimeout = 300 * time.Millisecond
	st := h.viaHTTP(slash("summary", manageNo, str("url", pages.URL+"/slow")))
	if m, eph := answer(st); !eph || !strings.Contains(m.Content, "took too long") {
		t.Fatalf("slow site: %v %q", eph, m.Content)
	}
	h.bot.cmds.cfg.ArticleFetcher = nil
	st = h.viaHTTP(slash("summary", manageNo, str("url", pages.URL+"/article")))
	if m, eph := answer(st); !eph || !strings.Contains(m.Content, "not available") {
		t.Fatalf("without a fetcher: %v %q", eph, m.Content)
	}
}

func TestSummaryRefusesPrivateAddresses(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{allowPrivate: false})
	pages := pageServer(t) // on 127.0.0.1
	for _, u := range []string{
		pages.URL + "/article",
		"http://127.0.0.1/",
		"http://localhost:8080/admin",
		"http://[::1]/",
		"http://10.0.0.7/internal",
		"http://169.254.169.254/latest/meta-data/",
	} {
		t.Run(u, func(t *testing.T) {
			m, eph := answer(h.viaGateway(slash("summary", manageNo, str("url", u))))
			if !eph || !strings.Contains(m.Content, "private or local network") {
				t.Fatalf("ephemeral=%v %q", eph, m.Content)
			}
		})
	}
	for _, u := range []string{"ftp://example.org/x", "not a url", "javascript:alert(1)"} {
		t.Run(u, func(t *testing.T) {
			m, eph := answer(h.viaGateway(slash("summary", manageNo, str("url", u))))
			if !eph || !strings.Contains(m.Content, "not an http(s) link") {
				t.Fatalf("ephemeral=%v %q", eph, m.Content)
			}
		})
	}
}

func TestHostileInput(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	h.seedNews()
	long := strings.Repeat("putin OR ", 666) + "putin" // 6,000 characters
	cases := []struct {
		name string
		in   discordfake.Interaction
		want string
	}{
		{"6000-character query", slash("search", manageNo, str("query", long)), "too long"},
		{"6000-character watch query", slash("watch", manageYes, subcommand("add", str("name", "big"), str("query", long), str("channel", "desk"))), "too long"},
		{"mention in a query", slash("search", manageNo, str("query", "@everyone <@&345678901234567890> golf")), ""},
		{"mention in a speaker", slash("quotes", manageNo, str("speaker", "@everyone <@123456789012345678>")), "No stored quotes"},
		{"mentions in results", slash("search", manageNo, str("query", "golf")), "Golf open"},
		{"127.0.0.1", slash("summary", manageNo, str("url", "http://127.0.0.1:9/")), "private or local network"},
		{"backticks in a bad query", slash("search", manageNo, str("query", "```@everyone (")), "does not parse"},
		{"wrong option types", discordfake.Interaction{Type: discordfake.InteractionApplicationCommand, GuildID: guildID, ChannelID: newsroom,
			Data: &discordfake.InteractionData{Name: "search", Type: 1, Options: []discordfake.InteractionOption{{Name: "query", Type: 3, Value: 42}, {Name: "days", Type: 4, Value: "x"}}}},
			"empty"},
		{"unknown command", slash("nosuch", manageNo), "Unknown command"},
		{"command without data", discordfake.Interaction{Type: discordfake.InteractionApplicationCommand, GuildID: guildID, ChannelID: newsroom}, "could not be read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := answer(h.viaGateway(c.in))
			got := text(m)
			if !strings.Contains(got, c.want) {
				t.Errorf("answer lacks %q:\n%s", c.want, got)
			}
			if strings.Count(got, "```")%2 != 0 {
				t.Errorf("unbalanced code fences:\n%s", got)
			}
			outside := outsideCode(got) // mentions in code blocks render as text
			for _, s := range []string{"<@&345678901234567890>", "<@123456789012345678>"} {
				if strings.Contains(outside, s) && !strings.Contains(outside, `\`+s) {
					t.Errorf("an unescaped mention %s in:\n%s", s, got)
				}
			}
			mustBeSafe(t, m)
		})
	}
	// Nothing broken: the bot still answers.
	if m, _ := answer(h.viaGateway(slash("watches", manageNo))); !strings.Contains(text(m), "russia-watch") {
		t.Fatalf("after hostile input /watches answered:\n%s", text(m))
	}
}

// outsideCode drops the code blocks of a message.
func outsideCode(s string) string {
	parts := strings.Split(s, "```")
	var out []string
	for i, p := range parts {
		if i%2 == 0 {
			out = append(out, p)
		}
	}
	return strings.Join(out, "")
}
