package feed

import (
	"strconv"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/match"
)

// TestTextQuirksReachTheMatcher parses feeds with the markup and escaping quirks of real feeds and
// checks that the words a reader sees are the words the matcher sees.
func TestTextQuirksReachTheMatcher(t *testing.T) {
	const rssDoc = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>Putin&amp;amp;#8217;s war &amp;amp;amp; peace</title><link>http://x/1</link>
<description><![CDATA[<p>Zelensky&amp;#39;s aides met Biden&amp;rsquo;s team.</p>]]></description></item>
<item><title>Blocks</title><link>http://x/2</link>
<description><![CDATA[<p>Talks</p><aside>Related</aside><aside>Biden</aside><nav>Home</nav><nav>Scholz</nav><address>Berlin</address><address>Kyiv</address><dl><dt>When</dt><dd>Monday</dd></dl><details><summary>More</summary>Macron</details><table><caption>Votes</caption><tr><td>Kyiv<td>Moscow<th>Total</table><main>Sunak</main><main>Meloni</main><center>Orban</center>]]></description></item>
</channel></rss>`
	res, err := Parse(strings.NewReader(rssDoc), "http://x/")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		item  int
		field string
		want  []string // phrases, folded, that must be found in the field
	}{
		{0, "title", []string{"putin war", "war peace"}},
		{0, "text", []string{"zelensky aides", "biden team"}},
		{1, "text", []string{"related", "biden", "home", "scholz", "berlin", "kyiv", "when", "monday", "more",
			"macron", "votes", "kyiv", "moscow", "total", "sunak", "meloni", "orban"}},
	}
	for _, tt := range tests {
		it := res.Items[tt.item]
		got := it.Text
		if tt.field == "title" {
			got = it.Title
		}
		folded := " " + match.Fold(got) + " "
		for _, w := range tt.want {
			if !strings.Contains(folded, " "+w+" ") {
				t.Errorf("item %d %s %q (folded %q) lacks %q", tt.item, tt.field, got, folded, w)
			}
		}
	}
}

// TestHiddenFeedTextIsNotText: boxes a feed's HTML hides (the hidden attribute, aria-hidden="true",
// display:none, visibility:hidden) are not the item's text, in RSS and JSON Feed alike — a watch for
// a sponsor's name matched a story that never showed it.
func TestHiddenFeedTextIsNotText(t *testing.T) {
	const body = `<p>Il ministro ha parlato.</p><span style="display: none !important">Kardashian</span>` +
		`<div hidden><div>Musk</div><p>promo</div><span aria-hidden="true">Swift</span>` +
		`<p style="visibility:hidden">Beyonce</p><img hidden src="x.png">Visible ` +
		`<div hidden="until-found">Found</div><span aria-hidden="false">Shown</span><p>End</p>`
	rssDoc := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>` +
		`<item><title>A</title><link>http://x/1</link><description><![CDATA[` + body + `]]></description></item>` +
		`</channel></rss>`
	jsonDoc := `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"http://x/1",` +
		`"content_html":` + strconv.Quote(body) + `}]}`
	for name, doc := range map[string]string{"rss": rssDoc, "json": jsonDoc} {
		res, err := Parse(strings.NewReader(doc), "http://x/")
		if err != nil {
			t.Fatal(name, err)
		}
		got := res.Items[0].Text
		want := "Il ministro ha parlato.\n\nVisible\n\nFound\n\nShown\n\nEnd"
		if got != want {
			t.Errorf("%s: text %q, want %q", name, got, want)
		}
	}
}

// TestDoublyEscapedMarkup: a description or summary whose HTML was escaped
// once too many (&amp;lt;p&amp;gt; in RSS, the same in an Atom summary of
// type html) is read as the HTML it is — its tags are no words, and a
// phrase across them matches — while a text that only talks about a tag,
// or one in real markup showing an escaped tag, keeps its words.
func TestDoublyEscapedMarkup(t *testing.T) {
	const rssDoc = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>Tariffs &amp;amp; trade</title><link>http://x/1</link>
<description>&amp;lt;p&amp;gt;The &amp;lt;b&amp;gt;European Commission&amp;lt;/b&amp;gt; said on Monday it would respond.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Talks go on.&amp;lt;/p&amp;gt;</description></item>
<item><title>Line breaks</title><link>http://x/2</link>
<description>Kyiv under fire&amp;lt;br /&amp;gt;Power cut in three districts</description></item>
<item><title>Talks about a tag</title><link>http://x/3</link>
<description>Use the &amp;lt;b&amp;gt; element sparingly, says the style guide.</description></item>
<item><title>Code in markup</title><link>http://x/4</link>
<description>&lt;p&gt;Write &amp;lt;/p&amp;gt; to close a paragraph.&lt;/p&gt;</description></item>
</channel></rss>`
	const atomDoc = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>
<entry><title>A</title><id>urn:a</id><link href="http://x/a"/><updated>2026-12-06T06:00:00Z</updated>
<summary type="html">&amp;lt;p&amp;gt;Le président de la République a répondu mardi.&amp;lt;/p&amp;gt;</summary></entry>
</feed>`
	rss, err := Parse(strings.NewReader(rssDoc), "http://x/")
	if err != nil {
		t.Fatal(err)
	}
	atomRes, err := Parse(strings.NewReader(atomDoc), "http://x/")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		got, want string
	}{
		{rss.Items[0].Text, "The European Commission said on Monday it would respond.\n\nTalks go on."},
		{rss.Items[1].Text, PlainText("Kyiv under fire<br />Power cut in three districts")}, // as the markup reads
		{rss.Items[2].Text, "Use the <b> element sparingly, says the style guide."},
		{rss.Items[3].Text, "Write </p> to close a paragraph."},
		{atomRes.Items[0].Text, "Le président de la République a répondu mardi."},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("item %d: text %q, want %q", i, tt.got, tt.want)
		}
	}
	doc := match.Document{Body: rss.Items[0].Text}
	q, err := match.Parse(`"The European Commission said"`, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.Compile([]match.Watch{{Name: "ec", Query: q}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Match(doc)) == 0 {
		t.Errorf("the phrase does not match %q", doc.Body)
	}
}
