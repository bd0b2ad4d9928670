package feed

import (
	"strings"
	"testing"
)

// Each item carries the language its feed declares, in the three formats;
// a <language> that is not a language tag is not taken for one.
func TestItemLanguage(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"rss", `<rss version="2.0"><channel><title>T</title><language>es-ES</language><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`, "es-ES"},
		{"rss dc", `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><dc:language>fr</dc:language><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`, "fr"},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>T</title><entry><title>a</title><id>urn:a</id><link href="https://x.example/a"/></entry></feed>`, "de"},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"T","language":"ja","items":[{"id":"a","url":"https://x.example/a","title":"a"}]}`, "ja"},
		{"none", `<rss version="2.0"><channel><title>T</title><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`, ""},
		{"a name", `<rss version="2.0"><channel><title>T</title><language>English</language><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`, ""},
		{"template", `<rss version="2.0"><channel><title>T</title><language>{{ lang }}</language><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`, ""},
	} {
		res, err := Parse(strings.NewReader(c.doc), "https://x.example/feed")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(res.Items) != 1 || res.Items[0].Lang != c.want {
			t.Errorf("%s: items %+v, want one with Lang %q", c.name, res.Items, c.want)
		}
	}
}

func TestLanguageTag(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", " en-us ": "en-us", "zh_CN": "zh_CN", "de-DE-1996": "de-DE-1996", "sr-Latn-RS": "sr-Latn-RS",
		"English": "", "e": "", "12": "", "en-": "", "-en": "", "en us": "", "en-verylongpart": "", "": "",
	} {
		if got := languageTag(in); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", in, got, want)
		}
	}
}

// A feed's title and text read as a page's do: no soft hyphens or other
// invisible format characters (written or as references), and no ruby
// readings — the alert shows "Mittelalterfest" and "子どもへの体罰", and a
// phrase watch finds the latter.
func TestItemTextAsRead(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>T</title><item><title>Mittel&#173;alter&#x200B;-Festival</title><link>https://x.example/a</link>` +
		`<description><![CDATA[<p>Das Mittel&shy;alter` + "\u00ad" + `fest beginnt.</p><p>政府は５日、<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>体罰<rt>たいばつ</ruby>を禁止する。</p>` +
		`<p><ruby>東京<rt>とうきょう</rt></ruby>で。</p>]]></description></item>` +
		`<item><title>b</title><link>https://x.example/b</link><description>plain &lt;b&gt; &lt;ruby&gt;漢&lt;rt&gt;かん&lt;/rt&gt;&lt;/ruby&gt;字</description></item></channel></rss>`
	res, err := Parse(strings.NewReader(doc), "https://x.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 {
		t.Fatalf("%d items", len(res.Items))
	}
	it := res.Items[0]
	if it.Title != "Mittelalter-Festival" {
		t.Errorf("title %q", it.Title)
	}
	if want := "Das Mittelalterfest beginnt.\n\n政府は５日、子どもへの体罰を禁止する。\n\n東京で。"; it.Text != want {
		t.Errorf("text %q, want %q", it.Text, want)
	}
	if want := "plain 漢字"; res.Items[1].Text != want {
		t.Errorf("text %q, want %q", res.Items[1].Text, want)
	}
}
