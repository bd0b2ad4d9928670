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
