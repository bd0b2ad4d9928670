package rendertest

import (
	"fmt"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/alert"
)

// Now is the corpus's and the world's present.
var Now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// Named is one input of the corpus.
type Named[T any] struct {
	Name string
	V    T
}

// Markdown is feed text that would format, link or mention if a platform
// did not escape it.
const Markdown = "**Breaking** __news__ ~~old~~ `code` ||spoiler|| [click](https://evil.example/x) *one* _two_ " +
	"@everyone @here <@123456789012345678> <@&234567890123456789> <#345678901234567890> <!channel> <!here> " +
	"<t:1700000000:R> <:emoji:456789012345678901> <https://a.example/|label> & &amp; < > \\backslash\\ " +
	"https://example.com/a_b_c*d*?q=1&r=<2> x|y"

// sentences is n distinct sentences of plain English.
func sentences(n int, topic string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "Sentence %d about %s says something new about the talks in the capital.", i+1, topic)
	}
	return b.String()
}

// Alerts are alerts of many shapes.
func Alerts() []Named[alert.Alert] {
	published := time.Date(2026, 11, 26, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	long := strings.Repeat("Kremlin officials rejected the report again ", 12)
	emoji := strings.Repeat("👩‍👩‍👧🇺🇦é", 200) // ZWJ sequences, flags, combining marks, no spaces
	var manyQuotes []alert.Quote
	for i := range 6 {
		manyQuotes = append(manyQuotes, alert.Quote{Text: fmt.Sprintf("“Quote number %d is %s,”", i+1, strings.Repeat("long and winding ", 30)), Speaker: strings.Repeat("Speaker Name ", 10)})
	}
	var manyWhy []alert.Why
	for i := range 8 {
		manyWhy = append(manyWhy, alert.Why{Term: fmt.Sprintf("term%d", i), Field: "body", Snippet: fmt.Sprintf("… a snippet %d with term%d in it and %s …", i, i, strings.Repeat("more words ", 40))})
	}
	var manyTerms []string
	for i := range 40 {
		manyTerms = append(manyTerms, fmt.Sprintf("term-%02d-%s", i, strings.Repeat("x", i*3)))
	}
	return []Named[alert.Alert]{
		{"full", alert.Alert{
			Watch: "russia-watch", Feed: "Example Times", Title: "Kremlin denies election interference claims",
			URL: "https://news.example.com/world/kremlin-denies?id=7", Published: &published,
			Summary: "Officials rejected the report on Tuesday.\n\nThe ministry called it baseless.",
			Quotes: []alert.Quote{
				{Text: "“We have never interfered in any election.”", Speaker: "Dmitry Peskov"},
				{Text: "The evidence is overwhelming.", Speaker: ""},
			},
			Matched: []string{"Kremlin", "election interference"},
			Why: []alert.Why{
				{Term: "kremlin", Field: "title", Snippet: "Kremlin denies election interference claims"},
				{Term: `"election interference"`, Field: "body", Snippet: "accused of election interference in 2024"},
			},
			Image: "https://news.example.com/img/lead.jpg", Byline: "Jane Doe",
		}},
		{"sparse", alert.Alert{Watch: "w", Title: "Only a title", URL: "https://a.example/1"}},
		{"paywalled", alert.Alert{
			Watch: "w", Feed: "Example Times", Title: "Subscribers' story on the budget talks",
			URL: "https://news.example.com/budget", Summary: "The talks resumed on Monday.", Paywalled: true,
		}},
		{"untitled", alert.Alert{Watch: "w", Feed: "Feed", Summary: "A summary without a title."}},
		{"empty", alert.Alert{}},
		{"unicode", alert.Alert{
			Watch: "ünïcödé 🌍", Feed: "Агентство ✦ 通信社", Byline: "José Martí\u202e evil",
			Title:   "Zelensky\u200b meets 👩‍👩‍👧 in Kyiv 🇺🇦 — ‏عربي‎ עברית \u202egnp.exe\u202c café\x07 \xff bad",
			URL:     "https://news.example.com/ü/Київ?q=日本",
			Summary: "東京で会談が行われた。\n\n«Переговоры» прошли „gut“ — 「良い」。\u2066isolated\u2069 text\ufeff.",
			Quotes: []alert.Quote{
				{Text: "«Мы не вмешивались»", Speaker: "Дмитрий Песков"},
				{Text: "„Wir werden sehen“,", Speaker: "Olaf"},
				{Text: "「それは違う」", Speaker: "田中"},
			},
			Matched: []string{"Kyiv", "Київ"},
			Why:     []alert.Why{{Term: "kyiv", Field: "body", Snippet: "talks in Kyiv and Київ went on, ÉTÉ été"}},
		}},
		{"markdown", alert.Alert{
			Watch: "watch *bold* @everyone", Feed: "Feed **bold** @here", Byline: "<@123456789012345678>",
			Title: Markdown, URL: "https://news.example.com/a_b?x=(1)", Summary: "> a block quote\n- a list item\n+ plus\n1. one\n2) two\n# Heading\n## Sub\n\n" + Markdown,
			Quotes:  []alert.Quote{{Text: "*Not* bold, `not` code, @everyone,", Speaker: "**Mr** _Underscore_ @here"}},
			Matched: []string{"*news*", "(click)"},
			Why:     []alert.Why{{Term: "news", Field: "title", Snippet: "**Breaking** __news__ ~~old~~ news_news news*"}, {Term: "click", Field: "bo-dy", Snippet: "[click](https://evil.example/x) click"}},
		}},
		{"long", alert.Alert{
			Watch: strings.Repeat("watch ", 60), Feed: strings.Repeat("Outlet ", 60), Byline: strings.Repeat("Byline ", 60),
			Title: long, URL: "https://news.example.com/" + strings.Repeat("p", 1900), Published: &published,
			Summary: sentences(20, "the summit") + "\n\n" + sentences(30, "the markets") + "\n\n" + sentences(20, "the weather"),
			Quotes:  manyQuotes, Matched: manyTerms, Why: manyWhy,
			Image: "https://news.example.com/img/" + strings.Repeat("i", 3000) + ".jpg",
		}},
		{"long-unicode", alert.Alert{
			Watch: emoji[:200], Feed: emoji[:300], Title: emoji, URL: "https://a.example/e", Summary: emoji + "\n\n" + emoji,
			Quotes:  []alert.Quote{{Text: emoji, Speaker: emoji}},
			Matched: []string{"👩‍👩‍👧"}, Why: []alert.Why{{Term: "x", Field: "body", Snippet: emoji}},
		}},
		{"backslash-cuts", alert.Alert{
			Watch: "w", Feed: strings.Repeat("f", 58) + `\zzz`, Byline: strings.Repeat("b", 250) + `\yyyyyy`,
			Title:   strings.Repeat("a", 254) + `\tail`,
			URL:     "https://a.example/b",
			Summary: strings.Repeat("s", 4090) + `\\\` + " tail",
			Quotes:  []alert.Quote{{Text: strings.Repeat("q", 298) + `\\quote`, Speaker: strings.Repeat("n", 78) + `\name`}},
			Why:     []alert.Why{{Term: "s", Field: "body", Snippet: strings.Repeat("w", 298) + `\snip`}},
		}},
		{"quotes", alert.Alert{
			Watch: "w", Feed: "Wire", Title: "Quotes of every shape", URL: "https://a.example/q",
			Summary: "The minister spoke on Monday. “We will win this vote,” she said.",
			Quotes: []alert.Quote{
				{Text: "We will win this vote,", Speaker: "Ms Minister"}, // in the summary
				{Text: "“”", Speaker: "Nobody"},                          // only marks
				{Text: "   ", Speaker: "Blank"},
				{Text: "\"It is a 'good' day,\"", Speaker: ""},
				{Text: "‘Single marks’", Speaker: "Single"},
				{Text: "The fourth quote that is shown,", Speaker: "Fourth"},
				{Text: "A fifth quote.", Speaker: "Fifth"},
			},
			Matched: []string{"shown"},
			Why: []alert.Why{
				{Term: "shown", Field: "body", Snippet: "the fourth quote that is shown, said Fourth on Monday"},
				{Term: "vote", Field: "body", Snippet: "… We will win this vote …"},
			},
		}},
		{"repeats", alert.Alert{
			Watch: "w", Feed: "Wire", Title: "Snippets that repeat", URL: "https://a.example/r",
			Summary: "Putin spoke about the election in Moldova on Sunday. Turnout was high. Observers saw no fraud in the count.",
			Quotes:  []alert.Quote{{Text: "The count was clean and fair,", Speaker: "Observer"}},
			Matched: []string{"Putin", "election"},
			Why: []alert.Why{
				{Term: "putin", Field: "body", Snippet: "Putin spoke about the election in Moldova on Sunday."},
				{Term: "putin", Field: "body", Snippet: "… spoke about the election in Moldova …"},
				{Term: "election", Field: "body", Snippet: "Earlier news. Putin spoke about the election in Moldova on Sunday. More."},
				{Term: "election", Field: "body", Snippet: "the count was clean and fair, an observer said of the election"},
				{Term: "election", Field: "title", Snippet: "An election elsewhere, not said before in this message"},
				{Term: "election", Field: "title", Snippet: "An election elsewhere, not said before in this message"},
				{Term: "turnout", Field: "body", Snippet: "Turnout was high."},
			},
		}},
		{"fields", alert.Alert{
			Watch: "w", Title: "Field labels", URL: "https://a.example/f",
			Why: []alert.Why{
				{Term: "a", Field: "title", Snippet: "a in title"}, {Term: "a", Field: "", Snippet: "a with no field"},
				{Term: "a", Field: "weird-field", Snippet: "a in a weird field"}, {Term: "a", Field: "averyveryverylongfieldname", Snippet: "a in a long field"},
			},
		}},
		{"urls", alert.Alert{
			Watch: "w", Feed: "Feed", Title: "Unsafe links", URL: "javascript:alert(1)", Image: "https://u:p@a.example/i.jpg",
			Summary: "A summary.",
		}},
		{"url-pipe", alert.Alert{Watch: "w", Feed: "Feed", Title: "A link with a pipe", URL: "https://a.example/x|y", Image: "https://a.example/i|j.jpg"}},
		{"url-parens", alert.Alert{Watch: "w", Feed: "Feed", Title: "A link with parentheses", URL: "https://en.example.org/wiki/Foo_(bar)", Image: "http://a.example/i.png"}},
		{"url-space", alert.Alert{Watch: "w", Title: "A link with a space", URL: "https://a.example/x y", Image: "/relative.png"}},
		{"crlf", alert.Alert{
			Watch: "w", Title: "Line\r\nbreaks\tand\ttabs", URL: "https://a.example/c",
			Summary: "First line\r\nsame paragraph\r\n\r\nSecond\rparagraph\r\r \t \n\u200b\n\nThird\u00a0paragraph\u2028with a line separator",
		}},
	}
}

// Styles are the styles the alerts are rendered with: a platform reads
// what it knows (Discord a role and a colour, Slack a user group).
var Styles = []Named[string]{{"none", ""}, {"role", "345678901234567890"}, {"group", "S0EDITORS1"}, {"bad", "<@everyone>"}}

// Outlets are the further outlets of a story, for the edits of its alert.
func Outlets() []Named[[]alert.Outlet] {
	var many []alert.Outlet
	for i := range 15 {
		many = append(many, alert.Outlet{Feed: fmt.Sprintf("Outlet %02d", i), Title: "Title", URL: fmt.Sprintf("https://o%02d.example/story", i)})
	}
	var longURLs []alert.Outlet
	for i := range 4 {
		longURLs = append(longURLs, alert.Outlet{Feed: fmt.Sprintf("Long %d", i), URL: fmt.Sprintf("https://l%d.example/%s", i, strings.Repeat("u", 700))})
	}
	return []Named[[]alert.Outlet]{
		{"none", nil},
		{"one", []alert.Outlet{{Feed: "Reuters", Title: "Reuters' take", URL: "https://reuters.example/a"}}},
		{"repeats", []alert.Outlet{
			{Feed: "Example Times", URL: "https://own.example/b"}, // the alert's own (full's) outlet
			{Feed: "example times ", URL: "https://own.example/c"},
			{Feed: "Le Monde", URL: "https://lemonde.example/a"},
			{Feed: "Le  Monde", URL: "https://lemonde.example/b"},
			{Feed: "le monde\u200b", URL: "https://lemonde.example/c"},
			{Feed: "BBC", URL: "https://bbc.example/a"},
		}},
		{"unnamed", []alert.Outlet{{Feed: "", Title: "A headline instead", URL: "https://x.example/a"}, {Feed: "  ", Title: "", URL: "https://y.example/b"}, {Feed: "Named", URL: "https://z.example/c"}}},
		{"markdown", []alert.Outlet{{Feed: "**Bold** [x](https://evil.example) @everyone", URL: "https://a.example/(x)"}, {Feed: "Unsafe", URL: "javascript:alert(1)"}, {Feed: "Pipe", URL: "https://a.example/x|y"}}},
		{"many", many},
		{"long-urls", longURLs},
		{"long-names", []alert.Outlet{{Feed: strings.Repeat("Name ", 40), URL: "https://a.example/1"}, {Feed: strings.Repeat("👩‍👩‍👧", 40), URL: "https://a.example/2"}}},
	}
}

// Digest is a digest's title and alerts.
type Digest struct {
	Title  string
	Alerts []alert.Alert
}

// Digests are digests of many sizes.
func Digests() []Named[Digest] {
	item := func(watch string, i int) alert.Alert {
		return alert.Alert{Watch: watch, Feed: "World Desk", Title: fmt.Sprintf("Headline %d of %s", i, watch), URL: fmt.Sprintf("https://news.example.org/%s/%d", strings.ReplaceAll(watch, " ", "-"), i)}
	}
	var one, big, wide []alert.Alert
	for i := range 3 {
		one = append(one, item("russia-watch", i))
	}
	for i := range 80 {
		big = append(big, item("busy", i))
	}
	for w := range 30 {
		for i := range 2 {
			wide = append(wide, item(fmt.Sprintf("watch %02d", w), i))
		}
	}
	odd := []alert.Alert{
		{Watch: "", Feed: "", Title: "", URL: ""},
		{Watch: "markdown *w*", Feed: "Feed @everyone **b**", Title: Markdown, URL: "https://a.example/(1)"},
		{Watch: "unicode", Feed: "Агентство", Title: strings.Repeat("👩‍👩‍👧🇺🇦é", 80), URL: "https://a.example/ü"},
		{Watch: "unicode", Feed: strings.Repeat("f", 58) + `\zz`, Title: strings.Repeat("t", 148) + `\tail`, URL: "javascript:x"},
		{Watch: "unicode", Feed: "Long link", Title: "Long link", URL: "https://a.example/" + strings.Repeat("l", 1500)},
	}
	return []Named[Digest]{
		{"empty", Digest{"Morning digest", nil}},
		{"one-watch", Digest{"Morning digest", one}},
		{"big", Digest{"Busy **digest** @here", big}},
		{"wide", Digest{"", wide}},
		{"odd", Digest{strings.Repeat("Digest title ", 30), odd}},
	}
}

// Notice is an operations notice.
type Notice struct{ Title, Text string }

// Notices are notices of many shapes.
func Notices() []Named[Notice] {
	return []Named[Notice]{
		{"simple", Notice{"Feed failing", "World Desk failed 3 times: HTTP 503."}},
		{"markdown", Notice{"**Feed** @everyone", "Error: " + Markdown + "\n\nSecond paragraph\r\nwith a break.\n\n\n# not a heading"}},
		{"long", Notice{strings.Repeat("Long title ", 40), sentences(80, "the outage")}},
		{"empty", Notice{"", ""}},
	}
}
