package discord

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

func sampleAlert() alert.Alert {
	published := time.Date(2026, 11, 26, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	return alert.Alert{
		Watch:     "russia-watch",
		Feed:      "Example Times",
		Title:     "Kremlin denies election interference claims",
		URL:       "https://news.example.com/world/kremlin-denies?id=7",
		Published: &published,
		Summary:   "Officials rejected the report on Tuesday.\n\nThe ministry called it baseless.",
		Quotes: []alert.Quote{
			{Text: "“We have never interfered in any election.”", Speaker: "Dmitry Peskov"},
			{Text: "The evidence is overwhelming.", Speaker: ""},
		},
		Matched: []string{"Kremlin", "election interference"},
		Why: []alert.Why{
			{Term: "kremlin", Field: "title", Snippet: "Kremlin denies election interference claims"},
			{Term: `"election interference"`, Field: "body", Snippet: "accused of election interference in 2024"},
		},
		Image:  "https://news.example.com/img/lead.jpg",
		Byline: "Jane Doe",
	}
}

func TestAlertMessage(t *testing.T) {
	msg := AlertMessage(sampleAlert(), Style{Color: 0xc0392b, Mention: "345678901234567890"})
	if msg.Content != "<@&345678901234567890>" {
		t.Errorf("content = %q", msg.Content)
	}
	am := msg.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Roles) != 1 || am.Roles[0] != "345678901234567890" || len(am.Users) != 0 {
		t.Errorf("allowed mentions = %+v", am)
	}
	if len(msg.Embeds) != 1 {
		t.Fatalf("%d embeds", len(msg.Embeds))
	}
	e := msg.Embeds[0]
	want := map[string]string{
		"title":     "Kremlin denies election interference claims",
		"url":       "https://news.example.com/world/kremlin-denies?id=7",
		"author":    "Example Times · Jane Doe",
		"authorURL": "https://news.example.com/",
		"footer":    "russia-watch · Example Times",
		"timestamp": "2026-11-26T08:30:00Z",
		"thumbnail": "https://news.example.com/img/lead.jpg",
		"description": "Officials rejected the report on Tuesday.\n\nThe ministry called it baseless.\n\n" +
			"> “We have never interfered in any election.” — Dmitry Peskov\n" +
			"> “The evidence is overwhelming.”",
		"field": "**Terms:** Kremlin, election interference\n" +
			"• *title:* **Kremlin** denies **election interference** claims\n" +
			"• *body:* accused of **election interference** in 2024",
	}
	got := map[string]string{
		"title": e.Title, "url": e.URL, "author": e.Author.Name, "authorURL": e.Author.URL, "footer": e.Footer.Text,
		"timestamp": e.Timestamp, "thumbnail": e.Thumbnail.URL, "description": e.Description,
	}
	if len(e.Fields) == 1 && e.Fields[0].Name == "Why it matched" {
		got["field"] = e.Fields[0].Value
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], w)
		}
	}
	if e.Color != 0xc0392b {
		t.Errorf("color = %#x", e.Color)
	}

	hook := WebhookMessage(sampleAlert(), Style{})
	if hook.Content != "" || hook.AllowedMentions == nil || len(hook.AllowedMentions.Roles) != 0 || hook.Embeds[0].Title != e.Title {
		t.Errorf("webhook message = %+v", hook)
	}
}

func TestAlertMessageSparse(t *testing.T) {
	msg := AlertMessage(alert.Alert{Watch: "w", URL: "javascript:alert(1)", Image: "file:///etc/passwd"}, Style{Mention: "@everyone"})
	e := msg.Embeds[0]
	if msg.Content != "" || len(msg.AllowedMentions.Roles) != 0 {
		t.Errorf("a non-ID mention was used: %q %+v", msg.Content, msg.AllowedMentions)
	}
	if e.URL != "" || e.Thumbnail != nil || e.Author != nil || e.Timestamp != "" || len(e.Fields) != 0 || e.Description != "" {
		t.Errorf("unsafe or empty parts kept: %+v", e)
	}
	if e.Title != "Untitled article" || e.Footer.Text != "w" {
		t.Errorf("title %q footer %q", e.Title, e.Footer.Text)
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"**bold** _it_ ~~s~~ ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \|\|spoiler\|\|`},
		{"```code```", "\\`\\`\\`code\\`\\`\\`"},
		{"[click](https://evil.example)", `\[click\](https://evil.example)`},
		{"hi @everyone and @here", "hi @\u200beveryone and @\u200bhere"},
		{"<@123> <@!123> <@&456> <#789> <t:1:R> </cmd:1>", `\<@123> \<@!123> \<@&456> \<#789> \<t:1:R> \</cmd:1>`},
		{"# heading\n- item\n> quote\n1. first\n-# small", "\\# heading\n\\- item\n\\> quote\n1\\. first\n\\-# small"},
		{"well-known 3.5% rise", "well-known 3.5% rise"},
		{"see https://x.example/a_b_c?q=*", "see https://x.example/a_b_c?q=*"},
		{"https://x.example/<@1>", `https://x.example/\<@1>`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := escapeMarkdown(tt.in); got != tt.want {
				t.Errorf("escapeMarkdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkMessage asserts Discord's limits and that nothing from the alert can
// ping or render as a mention.
func checkMessage(t *testing.T, msg *discordgo.MessageSend) {
	t.Helper()
	if chattext.Runes(msg.Content) > maxContent || len(msg.Embeds) > 10 {
		t.Fatalf("content %d chars, %d embeds", chattext.Runes(msg.Content), len(msg.Embeds))
	}
	if msg.AllowedMentions == nil || len(msg.AllowedMentions.Parse) != 0 {
		t.Fatalf("allowed mentions %+v", msg.AllowedMentions)
	}
	type part struct {
		what     string
		s        string
		max      int
		markdown bool // rendered as markdown (else plain text)
	}
	total := 0
	for _, e := range msg.Embeds {
		parts := []part{{"title", e.Title, maxTitle, true}, {"description", e.Description, maxDescription, true}}
		if e.Author != nil {
			parts = append(parts, part{"author", e.Author.Name, maxAuthor, false})
		}
		if e.Footer != nil {
			parts = append(parts, part{"footer", e.Footer.Text, maxFooter, false})
		}
		if len(e.Fields) > maxFields {
			t.Fatalf("%d fields", len(e.Fields))
		}
		for _, f := range e.Fields {
			if strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Value) == "" {
				t.Fatalf("empty field %+v", f)
			}
			parts = append(parts, part{"field name", f.Name, maxFieldName, true}, part{"field value", f.Value, maxFieldValue, true})
		}
		for _, p := range parts {
			if !utf8.ValidString(p.s) {
				t.Fatalf("%s is not valid UTF-8: %q", p.what, p.s)
			}
			if n := chattext.Runes(p.s); n > p.max {
				t.Fatalf("%s has %d characters, limit %d", p.what, n, p.max)
			}
			if strings.Contains(p.s, "@everyone") || strings.Contains(p.s, "@here") {
				t.Fatalf("%s holds a live @everyone/@here: %q", p.what, p.s)
			}
			if p.markdown && unescapedMention.MatchString(p.s) {
				t.Fatalf("%s holds a live mention: %q", p.what, p.s)
			}
		}
		total += embedLength(e)
	}
	if total > maxEmbedTotal {
		t.Fatalf("embeds total %d characters", total)
	}
}

// unescapedMention finds a '<' that starts a mention, channel link,
// timestamp or emoji without a backslash before it.
var unescapedMention = regexp.MustCompile(`(?:^|[^\\])<[@#/:at]`)

func TestLimitsUnderLongUnicode(t *testing.T) {
	long := func(unit string, n int) string { return strings.Repeat(unit, n) }
	a := sampleAlert()
	a.Title = long("🇺🇦 Київ ", 200)
	a.Feed = long("新闻", 300)
	a.Byline = long("e\u0301", 300)
	a.Watch = long("w", 3000)
	a.Summary = long("👨‍👩‍👧 漢字テキスト **x** @everyone <@1> ", 800)
	a.Quotes = nil
	for range 10 {
		a.Quotes = append(a.Quotes, alert.Quote{Text: long("«ce qu'il a dit» ", 100), Speaker: long("Ж", 500)})
	}
	a.Matched = []string{long("Київ", 50), "漢字", "x"}
	for range 30 {
		a.Why = append(a.Why, alert.Why{Term: "Київ", Field: "body", Snippet: long("Київ 漢字 x ", 200)})
	}
	checkMessage(t, AlertMessage(a, Style{Mention: "1"}))
}

func FuzzAlertMessage(f *testing.F) {
	f.Add("Title **x**", "Summary @everyone <@123>", "quote", "Speaker", "snippet with term", "term", "feed", "https://x.example/a")
	f.Add(strings.Repeat("😀", 260), strings.Repeat("漢", 700), strings.Repeat("e\u0301", 400), "", "\\\\\\", "\\", "\u202e", "")
	f.Add("\xff\xfe", "line\n\n\n# head\n> q", "“”", "<@&1>", "@here", "@", "[a](b)", "javascript:x")
	f.Fuzz(func(t *testing.T, title, summary, quote, speaker, snippet, term, feed, link string) {
		a := alert.Alert{
			Watch: term + feed, Feed: feed, Title: title, URL: link, Summary: summary, Byline: speaker,
			Quotes:  []alert.Quote{{Text: quote, Speaker: speaker}, {Text: summary, Speaker: title}},
			Matched: []string{term, snippet},
			Why:     []alert.Why{{Term: term, Field: feed, Snippet: snippet}, {Term: title, Field: "body", Snippet: summary}},
			Image:   link,
		}
		checkMessage(t, AlertMessage(a, Style{Mention: term, Color: len(title)}))
	})
}

func BenchmarkAlertMessage(b *testing.B) {
	a := sampleAlert()
	a.Summary = strings.Repeat(a.Summary+" ", 20)
	for b.Loop() {
		AlertMessage(a, Style{Color: 1, Mention: "1"})
	}
}

// TestEmbedSaysEachSentenceOnce: a quote the summary holds is not repeated
// as a quote line, a "why" snippet of the summary's first sentence (the
// feed's text glued before the page's repeats the lede) is left out, and a
// quote is shown without the comma that ended it in the sentence.
func TestEmbedSaysEachSentenceOnce(t *testing.T) {
	lede := "The harbour of Port Ellin reopened on Thursday after a storm closed it for four days."
	quoted := `"We worked around the clock to clear the channel," said harbour master Rosa Lind.`
	a := alert.Alert{
		Watch: "ports", Feed: "Coast Gazette", Title: "Harbour reopens", URL: "https://coast.example/harbour",
		Summary: lede + " " + quoted,
		Quotes: []alert.Quote{
			{Text: "We worked around the clock to clear the channel,", Speaker: "Rosa Lind"},
			{Text: "It was the longest closure in twenty years,", Speaker: "Tom Berg"},
		},
		Matched: []string{"harbour"},
		Why: []alert.Why{
			// from the feed's text, which is the lede again
			{Term: "harbour", Field: "body", Snippet: "The harbour of Port Ellin reopened on Thursday after a storm closed it…"},
			{Term: "harbour", Field: "title", Snippet: "Harbour reopens"},
			{Term: "breakwater", Field: "body", Snippet: "…repairs to the outer breakwater would take until spring…"},
			// the shown quote's sentence
			{Term: "closure", Field: "body", Snippet: "…It was the longest closure in twenty years,” said Tom Berg…"},
		},
	}
	e := AlertMessage(a, Style{}).Embeds[0]
	all := e.Description
	for _, f := range e.Fields {
		all += "\n" + f.Value
	}
	plain := strings.ReplaceAll(strings.ReplaceAll(all, "**", ""), "\\", "")
	for _, s := range []string{"reopened on Thursday", "clear the channel", "longest closure"} {
		if n := strings.Count(plain, s); n != 1 {
			t.Errorf("%q appears %d times, want once:\n%s", s, n, all)
		}
	}
	if !strings.Contains(plain, "> “It was the longest closure in twenty years” — Tom Berg") {
		t.Errorf("Tom Berg's quote not shown, or with its comma:\n%s", all)
	}
	if !strings.Contains(plain, "outer breakwater") {
		t.Errorf("a snippet that adds something was dropped:\n%s", all)
	}
	if a.Quotes[1].Text != "It was the longest closure in twenty years," {
		t.Error("the alert's quote was changed")
	}
}

// Plain text is cut as plain text and escaped after: a backslash of the
// feed's text where the cut falls is kept (escaped, it shows as \), where
// it was dropped as if it were half of an escape.
func TestBackslashAtACutIsKept(t *testing.T) {
	a := alert.Alert{
		Watch: "w", Title: "T", URL: "https://a.example/b", Feed: strings.Repeat("f", 58) + `\zzz`,
		Why: []alert.Why{{Term: "s", Field: "body", Snippet: strings.Repeat("w", 298) + `\snip`}},
	}
	why := AlertMessage(a, Style{}).Embeds[0].Fields[0].Value
	if !strings.HasSuffix(why, strings.Repeat("w", 298)+`\\…`) {
		t.Errorf("snippet cut at its backslash: %q", why[len(why)-20:])
	}
	digest := DigestMessage("D", []alert.Alert{a}, nil).Embeds[0].Fields[0].Value
	if !strings.HasSuffix(digest, strings.Repeat("f", 58)+`\\…`) {
		t.Errorf("digest's outlet cut at its backslash: %q", digest)
	}
}

// A later article of an outlet named already is listed by its title when
// the pipeline marks it (ByTitle); a plain repeat is left out.
func TestStoryMessageListsAnOutletsOtherArticleByTitle(t *testing.T) {
	a := sampleAlert()
	also := []alert.Outlet{
		{Feed: a.Feed, Title: "Putin visits Rome for talks on grain", URL: "https://own.example/rome", ByTitle: true},
		{Feed: a.Feed, Title: "Same story (updated)", URL: "https://own.example/updated"},
		{Feed: "Herald", Title: "Herald's take", URL: "https://herald.example/x"},
	}
	m := StoryMessage(a, also, Style{})
	var got string
	for _, f := range m.Embeds[0].Fields {
		if f.Name == "Also" {
			got = f.Value
		}
	}
	want := "[Example Times: Putin visits Rome for talks on grain](https://own.example/rome), [Herald](https://herald.example/x)"
	if got != want {
		t.Errorf("Also %q, want %q", got, want)
	}
}

// A paywalled page's alert says so in the footer, and the flag outlives a
// footer cut: a reader must know the summary is only what the page shows.
func TestAlertMessageSaysPaywalled(t *testing.T) {
	for _, watch := range []string{"budget", strings.Repeat("a very long watch name ", 20)} {
		e := AlertMessage(alert.Alert{Watch: watch, Feed: "Example Times", Title: "T", Paywalled: true}, Style{}).Embeds[0]
		if !strings.HasSuffix(e.Footer.Text, " · "+chattext.Paywalled) || chattext.Runes(e.Footer.Text) > footerCap {
			t.Errorf("footer %q (%d runes)", e.Footer.Text, chattext.Runes(e.Footer.Text))
		}
	}
	if e := AlertMessage(alert.Alert{Watch: "budget", Title: "T"}, Style{}).Embeds[0]; strings.Contains(e.Footer.Text, chattext.Paywalled) {
		t.Errorf("a free page's footer says paywalled: %q", e.Footer.Text)
	}
}
