package feed

import (
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// An RSS item's image from its HTML is the one gofeed's own scan (a full
// parse of the HTML, which the parser no longer runs) would pick.
func TestImageFromItemHTML(t *testing.T) {
	for _, tc := range []struct {
		name, item, want string
	}{
		{"description", `<description>&lt;p&gt;Text &lt;img src="/a.jpg"&gt; more&lt;/p&gt;</description>`, "https://x.example/a.jpg"},
		{"upper case", `<description><![CDATA[<P><IMG ALT="x" SRC="https://cdn.example/b.png"></P>]]></description>`, "https://cdn.example/b.png"},
		{"content first", `<description><![CDATA[<img src="/d.jpg">]]></description><content:encoded><![CDATA[<img src="/c.jpg">]]></content:encoded>`, "https://x.example/c.jpg"},
		{"first with a src", `<description><![CDATA[<img alt="none"><img src="/second.jpg">]]></description>`, "https://x.example/second.jpg"},
		{"entities", `<description><![CDATA[<img src="/e.jpg?a=1&amp;b=2">]]></description>`, "https://x.example/e.jpg?a=1&b=2"},
		{"in a script", `<description><![CDATA[<script>var s = '<img src="/no.jpg">';</script><img src="/yes.jpg">]]></description>`, "https://x.example/yes.jpg"},
		{"in noscript", `<description><![CDATA[<noscript><img src="/no.jpg"></noscript>]]></description>`, ""},
		{"empty src", `<description><![CDATA[<img src=""><img src="/late.jpg">]]></description>`, ""},
		{"enclosure wins", `<enclosure url="https://x.example/enc.jpg" type="image/jpeg" length="1"/><description><![CDATA[<img src="/d.jpg">]]></description>`, "https://x.example/enc.jpg"},
		{"no image", `<description>Plain text, a &lt; b and imgs</description>`, ""},
		{"not an img tag", `<description><![CDATA[<imgx src="/no.jpg"> <svg><image src="/svg.jpg"/></svg>]]></description>`, ""},
		{"image is img", `<description><![CDATA[<image src="/i.jpg">]]></description>`, "https://x.example/i.jpg"},
		{"img in svg", `<description><![CDATA[<svg><img src="/out.jpg"></svg>]]></description>`, "https://x.example/out.jpg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><link>https://x.example/</link>` +
				`<item><title>One</title><link>https://x.example/1</link>` + tc.item + `</item></channel></rss>`
			res, err := Parse(strings.NewReader(doc), "https://x.example/feed")
			if err != nil || len(res.Items) != 1 {
				t.Fatalf("Parse: %v, %+v", err, res)
			}
			if got := res.Items[0].Image; got != tc.want {
				t.Errorf("image %q, want %q", got, tc.want)
			}
			// gofeed's scan agrees
			f, err := gofeed.NewParser().Parse(strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			gofeedImage := ""
			if img := f.Items[0].Image; img != nil && img.URL != "" {
				u, _, err := resolve(feedBase(f, "https://x.example/feed"), img.URL)
				if err != nil {
					t.Fatal(err)
				}
				gofeedImage = u.String()
			}
			if res.Items[0].Image != gofeedImage {
				t.Errorf("image %q, gofeed's scan %q", res.Items[0].Image, gofeedImage)
			}
		})
	}
}
