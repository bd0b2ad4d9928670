package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// An item's title, text and author double-encoded in the feed ("Putinâ€™s",
// a CMS quirk) are read as written, in RSS, Atom and JSON Feed alike; the
// item keeps them as the feed gave them (Unrepaired), and the result counts
// it.
func TestItemMojibakeRepaired(t *testing.T) {
	docs := map[string]string{
		"rss": `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<item><title>Putinâ€™s aides meet FranÃ§ois Delattre</title><link>https://x.example/a</link><dc:creator>FranÃ§ois Delattre</dc:creator>
<description><![CDATA[<p>Putinâ€™s aides met him in ZÃ¼rich.Â&nbsp;â€œYes,â€ he said.</p>]]></description></item>
<item><title>SÃO PAULO: NÃO</title><link>https://x.example/b</link><description>Real text.</description></item>
</channel></rss>`,
		"atom": `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Putinâ€™s aides meet FranÃ§ois Delattre</title><link href="https://x.example/a"/><id>tag:x.example,2024:a</id><updated>2024-05-01T10:00:00Z</updated>
<author><name>FranÃ§ois Delattre</name></author><content type="html">&lt;p&gt;Putinâ€™s aides met him in ZÃ¼rich.Â&amp;nbsp;â€œYes,â€ he said.&lt;/p&gt;</content></entry>
<entry><title>SÃO PAULO: NÃO</title><link href="https://x.example/b"/><id>tag:x.example,2024:b</id><updated>2024-05-01T10:00:00Z</updated><content>Real text.</content></entry>
</feed>`,
		"json": `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
{"id":"a","url":"https://x.example/a","title":"Putinâ€™s aides meet FranÃ§ois Delattre","authors":[{"name":"FranÃ§ois Delattre"}],
 "content_text":"Putinâ€™s aides met him in ZÃ¼rich.Â\u00a0â€œYes,â€ he said."},
{"id":"b","url":"https://x.example/b","title":"SÃO PAULO: NÃO","content_text":"Real text."}]}`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(doc), "https://x.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 2 || res.Repaired != 1 {
				t.Fatalf("%d items, %d repaired; want 2 and 1", len(res.Items), res.Repaired)
			}
			a, b := res.Items[0], res.Items[1]
			if a.Title != "Putin’s aides meet François Delattre" || a.Author != "François Delattre" ||
				a.Text != "Putin’s aides met him in Zürich. “Yes,” he said." {
				t.Errorf("item: title %q, author %q, text %q", a.Title, a.Author, a.Text)
			}
			if a.Unrepaired == nil || a.Unrepaired.Title != "Putinâ€™s aides meet FranÃ§ois Delattre" || !strings.HasPrefix(a.Unrepaired.Text, "Putinâ€™s aides") {
				t.Errorf("Unrepaired %+v, want the title and text as the feed gave them", a.Unrepaired)
			}
			if b.Title != "SÃO PAULO: NÃO" || b.Unrepaired != nil {
				t.Errorf("real Portuguese changed: %q (%+v)", b.Title, b.Unrepaired)
			}
		})
	}
}

// Items told apart by a digest of their titles (press releases without
// GUIDs that all link to one page) keep the identities earlier versions
// gave them, of their titles as the feed gives them: a repaired title must
// not make an old item new.
func TestRepairKeepsIdentities(t *testing.T) {
	const feedURL = "https://x.example/feed"
	doc := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link>
<item><title>Release: grain â€” talks</title><link>https://x.example/releases</link><description>Grain.</description></item>
<item><title>Release: gas â€” talks</title><link>https://x.example/releases</link><description>Gas.</description></item>
</channel></rss>`
	res, err := Parse(strings.NewReader(doc), feedURL)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 {
		t.Fatalf("%d items, want 2", len(res.Items))
	}
	for i, title := range []string{"Release: grain â€” talks", "Release: gas â€” talks"} {
		h := sha256.Sum256([]byte(feedURL + "\n" + "https://x.example/releases" + "\n" + title))
		want := "text:" + hex.EncodeToString(h[:16]) + " @" + feedURL
		if it := res.Items[i]; it.Identity != want || strings.Contains(it.Title, "â") {
			t.Errorf("item %d (%q): identity %q, want %q (of the title as given)", i, it.Title, it.Identity, want)
		}
	}
}
