package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// parseString is Parse of a document given as text.
func parseString(t *testing.T, doc, base string) *Result {
	t.Helper()
	res, err := Parse(strings.NewReader(doc), base)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func urls(res *Result) (out []string) {
	for _, it := range res.Items {
		out = append(out, it.URL)
	}
	return out
}

// One page per day, one anchor per post: the fragment names the item.
func TestFragmentPermalinks(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Daily</title><link>https://daily.example/</link>
<item><title>First</title><link>https://daily.example/2024/05/01#a1</link></item>
<item><title>Second</title><link>https://daily.example/2024/05/01#a2</link></item>
<item><title>Third</title><link>https://daily.example/2024/05/01#a3</link></item>
<item><title>Tracked</title><link>https://daily.example/2024/05/02/post#xtor=RSS-3</link></item>
<item><title>Shared</title><link>https://daily.example/2024/05/03/post#utm_source=feed</link></item>
</channel></rss>`
	res := parseString(t, doc, "https://daily.example/rss")
	want := []string{"https://daily.example/2024/05/01#a1", "https://daily.example/2024/05/01#a2", "https://daily.example/2024/05/01#a3",
		"https://daily.example/2024/05/02/post", "https://daily.example/2024/05/03/post"}
	if got := urls(res); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("links %q, want %q", got, want)
	}
	for i, it := range res.Items {
		if it.Identity != want[i] {
			t.Errorf("identity %q, want %q", it.Identity, want[i])
		}
	}
}

// A field of the wrong type loses the field, not the items.
func TestJSONFeedWrongTypes(t *testing.T) {
	doc := `{"version": "https://jsonfeed.org/version/1.1", "title": "Lenient",
 "items": [
  {"id": "1", "url": "https://lenient.example/1", "title": "Tags as a string", "tags": "workflow,omnifocus", "content_text": "One."},
  {"id": 2, "url": "https://lenient.example/2", "title": "Numeric id", "author": "Ann Writer", "date_published": "2024-05-01T10:00:00Z"},
  {"id": "3", "url": "https://lenient.example/3", "title": ["not", "a", "string"], "authors": {"name": "Bo"}, "content_html": "<p>Three.</p>"},
  "not an item",
  {"id": "4", "url": 4, "external_url": "https://elsewhere.example/4", "title": "URL of the wrong type", "attachments": "none"}
 ]}`
	res := parseString(t, doc, "https://lenient.example/feed.json")
	if len(res.Items) != 4 {
		t.Fatalf("%d items, want 4: %+v", len(res.Items), res.Items)
	}
	if it := res.Items[1]; it.GUID != "2" || it.Author != "Ann Writer" || it.Published.IsZero() {
		t.Errorf("coerced fields: %+v", it)
	}
	if it := res.Items[2]; it.Title != "" || it.Author != "Bo" || it.Text != "Three." {
		t.Errorf("dropped title, single author: %+v", it)
	}
	if it := res.Items[3]; it.URL != "https://elsewhere.example/4" {
		t.Errorf("external_url when url is not a string: %+v", it)
	}
}

func TestNotAFeed(t *testing.T) {
	tests := []struct{ name, doc, kind, says string }{
		{"RSS as JSON", `{"rss": {"version": "2.0", "channel": {"title": "Scripting", "item": [{"title": "x"}]}}}`, "json", "RSS written as JSON"},
		{"JSON without version", `{"title": "T", "items": [{"id": "1", "url": "https://x.example/1"}]}`, "json", `no JSON Feed "version"`},
		{"JSON array", `[{"id": 1}]`, "json", "not an object"},
		{"OPML", `<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body><outline text="A" xmlUrl="https://a.example/feed"/></body></opml>`, "opml", "newshound import opml"},
		{"other XML", `<?xml version="1.0"?><catalog><book/></catalog>`, "xml", "<catalog>"},
		{"plain text", "Service unavailable, try later", "text", "neither XML nor JSON"},
		{"empty", "  \n", "text", "empty"},
		{"HTML without feeds", `<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>`, "html", "advertises no feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc), "https://x.example/feed")
			var nf *NotFeedError
			if !errors.As(err, &nf) || nf.Kind != tt.kind || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %v, want a %s NotFeedError saying %q", err, tt.kind, tt.says)
			}
		})
	}
}

func TestHTMLPageNamesItsFeeds(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head><title>A site</title><base href="https://site.example/blog/">
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="feed.xml">
<link rel="alternate" type="application/atom+xml" title="Posts  (Atom)" href="/atom.xml">
<link rel="alternate" type="application/feed+json" href="https://site.example/feed.json">
<link rel="alternate" hreflang="fr" href="https://site.example/fr/">
<link rel="alternate" type="application/rss+xml" href="feed.xml">
</head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>`
	_, err := Parse(strings.NewReader(page), "https://site.example/")
	var nf *NotFeedError
	if !errors.As(err, &nf) || nf.Kind != "html" {
		t.Fatalf("error %v, want an html NotFeedError", err)
	}
	want := []Link{{"https://site.example/blog/feed.xml", "Posts (RSS)", "RSS"}, {"https://site.example/atom.xml", "Posts (Atom)", "Atom"}, {"https://site.example/feed.json", "", "JSON Feed"}}
	if len(nf.Feeds) != len(want) {
		t.Fatalf("feeds %+v, want %+v", nf.Feeds, want)
	}
	for i := range want {
		if nf.Feeds[i] != want[i] {
			t.Errorf("feed %d: %+v, want %+v", i, nf.Feeds[i], want[i])
		}
	}
	if !strings.Contains(err.Error(), "this is a web page") || !strings.Contains(err.Error(), "https://site.example/atom.xml") || !strings.Contains(err.Error(), "use one of them") {
		t.Errorf("message %q", err)
	}
}

func TestJSONErrorPosition(t *testing.T) {
	doc := "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [\n  {\"id\": \"1\",}\n ]}"
	_, err := Parse(strings.NewReader(doc), "https://x.example/feed.json")
	if err == nil || !strings.Contains(err.Error(), "line 3, column 14") {
		t.Errorf("error %v, want line 3, column 14", err)
	}
}

func TestGzipWithoutContentEncoding(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`<rss version="2.0"><channel><title>Zipped</title><item><title>A</title><link>https://z.example/a</link></item></channel></rss>`))
	zw.Close()
	res, err := Parse(bytes.NewReader(buf.Bytes()), "https://z.example/feed.gz")
	if err != nil || res.Title != "Zipped" || len(res.Items) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	_, err = Parse(bytes.NewReader(buf.Bytes()[:20]), "https://z.example/feed.gz")
	if err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("truncated gzip: %v", err)
	}
}

func TestUTF16WithBOM(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Wide “quotes”</title><item><title>Ünïcode</title><link>https://w.example/1</link></item></channel></rss>`
	for _, e := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		body, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().String(doc)
		if err != nil {
			t.Fatal(err)
		}
		res := parseString(t, body, "https://w.example/feed")
		if res.Title != "Wide “quotes”" || len(res.Items) != 1 || res.Items[0].Title != "Ünïcode" {
			t.Errorf("endianness %v: %+v", e, res)
		}
	}
}

func TestUndeclaredLegacyCharset(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Новости дня</title>
<item><title>Президент подписал новый закон о выборах</title><link>https://ru.example/1</link>
<description>Государственная дума приняла закон во втором чтении, сообщили в пресс-службе. Документ вступит в силу после публикации.</description></item>
<item><title>Погода: в Москве ожидается сильный снегопад</title><link>https://ru.example/2</link>
<description>Синоптики предупреждают о гололедице на дорогах и просят водителей быть осторожнее в выходные дни.</description></item>
</channel></rss>`
	for _, cm := range []*charmap.Charmap{charmap.KOI8R, charmap.Windows1251} {
		body, err := cm.NewEncoder().String(doc)
		if err != nil {
			t.Fatal(err)
		}
		res := parseString(t, body, "https://ru.example/rss")
		if res.Title != "Новости дня" || len(res.Items) != 2 || res.Items[0].Title != "Президент подписал новый закон о выборах" {
			t.Errorf("%v: title %q, items %+v", cm, res.Title, res.Items)
		}
	}
	// Western text stays windows-1252.
	body, _ := charmap.Windows1252.NewEncoder().String(`<rss version="2.0"><channel><title>Café crème</title><item><title>Déjà vu à Noël</title><link>https://fr.example/1</link></item></channel></rss>`)
	if res := parseString(t, body, "https://fr.example/rss"); res.Title != "Café crème" || res.Items[0].Title != "Déjà vu à Noël" {
		t.Errorf("windows-1252: %q / %q", res.Title, res.Items[0].Title)
	}
}

func TestRelativeLinks(t *testing.T) {
	nested := `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://nest.example/blog/"><title>Nested</title>
<entry xml:base="posts/"><id>tag:nest.example,2024:1</id><title>One</title><link href="posts/post-1"/></entry></feed>`
	if got := urls(parseString(t, nested, "https://nest.example/feed.atom")); len(got) != 1 || got[0] != "https://nest.example/blog/posts/posts/post-1" {
		t.Errorf("nested xml:base: %q", got)
	}
	self := `<feed xmlns="http://www.w3.org/2005/Atom"><title>Self</title><link href="/blog/"/><link rel="self" href="https://self.example/blog/feed.xml"/>
<entry><id>urn:uuid:1</id><title>Rel</title><link href="2024/rel"/></entry><entry><id>urn:uuid:2</id><title>Abs path</title><link href="/blog/2024/abs"/></entry></feed>`
	if got := urls(parseString(t, self, "file:///srv/feeds/self.xml")); len(got) != 2 || got[0] != "https://self.example/blog/2024/rel" || got[1] != "https://self.example/blog/2024/abs" {
		t.Errorf("file: feed with a self link: %q", got)
	}
	tag := `<feed xmlns="http://www.w3.org/2005/Atom"><title>Tags</title><link href="https://tags.example/"/>
<entry><id>https://tags.example/p/1</id><title>GUID</title><link href="tag:tags.example,2024:1"/></entry>
<entry><id>tag:tags.example,2024:2</id><title>Alternate</title><link href="tag:tags.example,2024:2"/><link rel="related" href="https://tags.example/related"/><link rel="alternate" type="text/html" href="https://tags.example/p/2"/></entry></feed>`
	if got := urls(parseString(t, tag, "https://tags.example/feed")); len(got) != 2 || got[0] != "https://tags.example/p/1" || got[1] != "https://tags.example/p/2" {
		t.Errorf("tag: links: %q", got)
	}
}

func TestIdentityConsidersGUID(t *testing.T) {
	// Podcast episodes that all link to the show's home page are told
	// apart by their GUIDs.
	doc := `<rss version="2.0"><channel><title>Show</title><link>https://show.example/</link>
<item><title>Ep 2</title><link>https://show.example/</link><guid>https://show.example/ep2.mp3</guid></item>
<item><title>Ep 1</title><link>https://show.example</link><guid>https://show.example/ep1.mp3</guid></item>
<item><title>No link</title><guid isPermaLink="false">42</guid></item>
<item><description>A post with neither link nor id.</description></item>
<item><description>Another post with neither link nor id.</description></item>
<item></item>
</channel></rss>`
	res := parseString(t, doc, "https://show.example/rss")
	var ids []string
	for _, it := range res.Items {
		ids = append(ids, it.Identity)
	}
	if len(ids) != 5 || ids[0] != "guid:https://show.example/ep2.mp3" || ids[1] != "guid:https://show.example/ep1.mp3" ||
		ids[2] != "guid:42 @https://show.example/rss" || !strings.HasPrefix(ids[3], "text:") || ids[3] == ids[4] {
		t.Errorf("identities %q", ids)
	}
	if res.Empty != 1 {
		t.Errorf("%d empty items, want 1", res.Empty)
	}
	// The same GUID in another feed that is not a URI is another item.
	other := parseString(t, strings.Replace(doc, "https://show.example/rss", "x", 1), "https://other.example/rss")
	if other.Items[2].Identity == ids[2] {
		t.Errorf("a feed-local GUID is shared across feeds: %q", ids[2])
	}
}

func TestMalformedItemsAreLoud(t *testing.T) {
	doc := `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Open</title>
<itunes:category text="Tech"><itunes:category text="Gadgets"/>
<item><title>A</title><link>https://open.example/a</link></item>
<item><title>B</title><link>https://open.example/b</link></item>
</channel></rss>`
	_, err := Parse(strings.NewReader(doc), "https://open.example/rss")
	if err == nil || !strings.Contains(err.Error(), "2 <item> or <entry> elements (the first on line 3)") {
		t.Errorf("error %v", err)
	}
}

// One link post offered as Atom (its link the thing it is about) and as JSON
// Feed (url its permalink, external_url the thing) is one article.
func TestLinkPostAtomAndJSONFeed(t *testing.T) {
	atomDoc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>Linked</title><link href="https://linked.example/"/>
<entry><id>tag:linked.example,2024:/linked/1</id><title>Worth reading</title>
<link rel="alternate" href="https://news.example/story?utm_source=linked"/><link rel="related" href="https://linked.example/2024/worth-reading"/></entry></feed>`
	jsonDoc := `{"version": "https://jsonfeed.org/version/1.1", "title": "Linked", "home_page_url": "https://linked.example/",
 "items": [{"id": "tag:linked.example,2024:/linked/1", "title": "Worth reading", "url": "https://linked.example/2024/worth-reading", "external_url": "https://news.example/story"}]}`
	a := parseString(t, atomDoc, "https://linked.example/feed.atom")
	j := parseString(t, jsonDoc, "https://linked.example/feed.json")
	if len(a.Items) != 1 || len(j.Items) != 1 || a.Items[0].Identity != j.Items[0].Identity || a.Items[0].Identity != "https://news.example/story" {
		t.Errorf("atom %+v, json %+v", a.Items, j.Items)
	}
	if j.Items[0].URL != "https://linked.example/2024/worth-reading" {
		t.Errorf("the JSON Feed item's link is its permalink: %q", j.Items[0].URL)
	}
}

// An Atom Entry Document is a feed of one item.
func TestAtomEntryDocument(t *testing.T) {
	doc := `<?xml version="1.0" encoding="utf-8"?>
<entry xmlns="http://www.w3.org/2005/Atom"><id>tag:entry.example,2024:1</id><title>Alone</title><link href="https://entry.example/alone"/></entry>`
	res := parseString(t, doc, "https://entry.example/entry.xml")
	if len(res.Items) != 1 || res.Items[0].URL != "https://entry.example/alone" || res.Items[0].Title != "Alone" {
		t.Errorf("%+v", res.Items)
	}
}

// Items that share a link or a link-less GUID but are different posts — a
// live blog whose entries all link to its page, a feed that gives every
// item the same id, press releases without ids that all link to the index
// page — are all kept; a post listed twice is one item.
func TestItemsSharingAnIdentityAreKept(t *testing.T) {
	press := `<rss version="2.0"><channel><title>Ministry</title><link>https://gov.example/</link>
<item><title>Minister visits flood area</title><link>https://gov.example/press</link><description>The minister visited Elm.</description></item>
<item><title>New school funding announced</title><link>https://gov.example/press</link><description>Funding for schools.</description></item>
<item><title>New school funding announced</title><link>https://gov.example/press?utm_source=rss</link><description>Funding for schools, teaser two.</description></item>
</channel></rss>`
	pr := parseString(t, press, "https://gov.example/rss")
	if len(pr.Items) != 2 || pr.Items[0].Identity == pr.Items[1].Identity || pr.Repeated != 1 {
		t.Errorf("press releases sharing a link: %d items (%d repeated), want 2 (1 repeated)", len(pr.Items), pr.Repeated)
	}

	doc := `<rss version="2.0"><channel><title>Live</title><link>https://live.example/</link>
<item><title>10:02 Sirens in Kyiv</title><link>https://live.example/live/ukraine</link><guid isPermaLink="false">post-2</guid><description>Air-raid sirens sounded.</description></item>
<item><title>10:01 Zelensky speaks</title><link>https://live.example/live/ukraine?utm_source=rss</link><guid isPermaLink="false">post-1</guid><description>Zelensky addressed parliament.</description></item>
<item><title>10:01 Zelensky speaks</title><link>https://live.example/live/ukraine</link><guid isPermaLink="false">post-1</guid><description>Zelensky addressed parliament.</description></item>
<item><title>Budget passes</title><link>https://live.example/budget</link><guid isPermaLink="false">politics-9</guid><description>The budget passed.</description></item>
<item><title>Budget passes</title><link>https://live.example/budget</link><guid isPermaLink="false">economy-9</guid><description>The budget passed.</description></item>
<item><title>Notice: water cut</title><guid isPermaLink="false">7</guid><description>Water is cut on Elm Street.</description></item>
<item><title>Notice: road closed</title><guid isPermaLink="false">7</guid><description>Oak Road is closed.</description></item>
<item><title>Notice: road closed</title><guid isPermaLink="false">7</guid><description>Oak Road is closed.</description></item>
</channel></rss>`
	res := parseString(t, doc, "https://live.example/rss")
	var titles, ids []string
	for _, it := range res.Items {
		titles = append(titles, it.Title)
		ids = append(ids, it.Identity)
	}
	want := []string{"10:02 Sirens in Kyiv", "10:01 Zelensky speaks", "Budget passes", "Notice: water cut", "Notice: road closed"}
	if strings.Join(titles, "|") != strings.Join(want, "|") || res.Repeated != 3 {
		t.Fatalf("items %q (%d repeated), want %q (3 repeated)", titles, res.Repeated, want)
	}
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			t.Errorf("identity %q given twice: %q", id, ids)
		}
	}
	if ids[2] != "https://live.example/budget" {
		t.Errorf("a post listed twice under two ids: identity %q, want its link", ids[2])
	}
	// The identities are the same at every poll.
	again := parseString(t, doc, "https://live.example/rss")
	for i, it := range again.Items {
		if it.Identity != ids[i] {
			t.Errorf("item %d: identity %q, then %q", i, ids[i], it.Identity)
		}
	}
}

// A date that cannot be read or makes no sense is no date, and says so:
// the item keeps the date as written, for the poller to report.
func TestBadDatesAreKept(t *testing.T) {
	future := time.Now().AddDate(3, 0, 0).UTC()
	rss := `<rss version="2.0"><channel><title>Dates</title><link>https://dates.example/</link>
<item><title>Good</title><link>https://dates.example/1</link><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate></item>
<item><title>Prose</title><link>https://dates.example/2</link><pubDate>Thursday the 5th, half past ten</pubDate></item>
<item><title>Future</title><link>https://dates.example/3</link><pubDate>` + future.Format(time.RFC1123) + `</pubDate></item>
<item><title>Epoch</title><link>https://dates.example/4</link><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
<item><title>None</title><link>https://dates.example/5</link></item>
</channel></rss>`
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><title>D</title><id>tag:d.example,2026:f</id>
<entry><title>Yesterday</title><id>tag:d.example,2026:1</id><link href="https://d.example/1"/><updated>yesterday</updated></entry></feed>`
	jsonDoc := `{"version": "https://jsonfeed.org/version/1.1", "title": "D", "items": [
 {"id": "1", "url": "https://j.example/1", "title": "Day first", "date_published": "05/12/2026"},
 {"id": "2", "url": "https://j.example/2", "title": "Good modified", "date_published": "soon", "date_modified": "2026-12-05T10:00:00Z"}]}`
	tests := []struct {
		doc  string
		want []string // each item's BadDate
	}{
		{rss, []string{"", "Thursday the 5th, half past ten", future.Format(time.RFC1123), "Thu, 01 Jan 1970 00:00:00 GMT", ""}},
		{atom, []string{"yesterday"}},
		{jsonDoc, []string{"05/12/2026", ""}},
	}
	for _, tt := range tests {
		res := parseString(t, tt.doc, "https://dates.example/feed")
		if len(res.Items) != len(tt.want) {
			t.Fatalf("%d items, want %d", len(res.Items), len(tt.want))
		}
		for i, it := range res.Items {
			if it.BadDate != tt.want[i] {
				t.Errorf("%s: BadDate %q, want %q", it.Title, it.BadDate, tt.want[i])
			}
			if (it.BadDate != "") != it.Published.IsZero() && it.Title != "None" {
				t.Errorf("%s: published %v with BadDate %q", it.Title, it.Published, it.BadDate)
			}
		}
	}
}

// A JSON Feed item may give its content as HTML and as text, and the two
// need not be the same (a photo post's HTML is the image, its text the
// caption): the item's text is the one that says more.
func TestJSONFeedContentHTMLAndText(t *testing.T) {
	doc := `{"version": "https://jsonfeed.org/version/1.1", "title": "Both", "items": [
 {"id": "1", "url": "https://both.example/1", "content_html": "<p><img src=\"/harbour.jpg\"></p>", "content_text": "Storm damage at the harbour in Tromsø."},
 {"id": "2", "url": "https://both.example/2", "content_html": "<p>The <b>council</b> met.</p><p>It voted.</p>", "content_text": "The council met. It voted."},
 {"id": "3", "url": "https://both.example/3", "content_html": "<p>Read more</p>", "content_text": "The full report on the harbour storm, and what the council will do about it."}]}`
	res := parseString(t, doc, "https://both.example/feed.json")
	want := []string{"Storm damage at the harbour in Tromsø.", "The council met.\n\nIt voted.", "The full report on the harbour storm, and what the council will do about it."}
	for i, it := range res.Items {
		if it.Text != want[i] {
			t.Errorf("item %s: text %q, want %q", it.GUID, it.Text, want[i])
		}
	}
}

// JSON Feed's content_text is plain text: its "<" and ">" are characters
// (an HTML reading took "<b … >" for a tag and lost the words between),
// its paragraphs stay apart, and a reference left by careless escaping
// reads as meant. Only a text that holds HTML (end tags) is read as HTML.
func TestJSONFeedContentTextIsText(t *testing.T) {
	doc := `{"version": "https://jsonfeed.org/version/1.1", "title": "Text", "items": [
 {"id": "1", "url": "https://text.example/1", "content_text": "Turnout was x<b in the north and b>x in the south, the count shows.\n\nAT&T and Procter &amp; Gamble were fined."},
 {"id": "2", "url": "https://text.example/2", "content_text": "<p>The council met.</p><p>It voted.</p>"},
 {"id": "3", "url": "https://text.example/3", "content_html": "<p>Short.</p>", "content_text": "A rule: if 3 < 4 then <stop> here."}]}`
	res := parseString(t, doc, "https://text.example/feed.json")
	want := []string{
		"Turnout was x<b in the north and b>x in the south, the count shows.\n\nAT&T and Procter & Gamble were fined.",
		"The council met.\n\nIt voted.",
		"A rule: if 3 < 4 then <stop> here.",
	}
	for i, it := range res.Items {
		if it.Text != want[i] {
			t.Errorf("item %s: text %q, want %q", it.GUID, it.Text, want[i])
		}
	}
}

// A feed of more items than MaxItems that lists them oldest first (an
// archive, a podcast's every episode) puts its new items at the end: the
// items read are its last MaxItems, or its new items would never be seen.
// Newest first, the first MaxItems are read, as before.
func TestOldestFirstFeedKeepsItsNewestItems(t *testing.T) {
	const n = MaxItems + 200
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(i int) time.Time { return start.Add(time.Duration(i) * time.Hour) }
	docs := func(order func(k int) int) map[string]string {
		var rss, atom, js strings.Builder
		rss.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title><link>https://archive.example/</link>`)
		atom.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Archive</title><id>tag:archive.example,2026:f</id>`)
		js.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"Archive","items":[`)
		for k := range n {
			i := order(k)
			fmt.Fprintf(&rss, "\n<item><title>Episode %d</title><link>https://archive.example/%d</link><pubDate>%s</pubDate></item>", i, i, date(i).Format(time.RFC1123Z))
			fmt.Fprintf(&atom, "\n<entry><title>Episode %d</title><id>tag:archive.example,2026:%d</id><link href=\"https://archive.example/%d\"/><updated>%s</updated></entry>", i, i, i, date(i).Format(time.RFC3339))
			if k > 0 {
				js.WriteString(",")
			}
			fmt.Fprintf(&js, `{"id":"%d","url":"https://archive.example/%d","title":"Episode %d","date_published":"%s"}`, i, i, i, date(i).Format(time.RFC3339))
		}
		rss.WriteString(`</channel></rss>`)
		atom.WriteString(`</feed>`)
		js.WriteString(`]}`)
		return map[string]string{"rss": rss.String(), "atom": atom.String(), "json": js.String()}
	}
	for _, tt := range []struct {
		order       string
		index       func(k int) int
		first, last string
	}{
		{"oldest first", func(k int) int { return k }, fmt.Sprint("Episode ", n-MaxItems), fmt.Sprint("Episode ", n-1)},
		{"newest first", func(k int) int { return n - 1 - k }, fmt.Sprint("Episode ", n-1), fmt.Sprint("Episode ", n-MaxItems)},
		// newest first under an old post pinned at the top (its date before all others')
		{"newest first, pinned", func(k int) int {
			if k == 0 {
				return 0
			}
			return n - k
		}, "Episode 0", fmt.Sprint("Episode ", n-MaxItems+1)},
	} {
		for kind, doc := range docs(tt.index) {
			t.Run(tt.order+"/"+kind, func(t *testing.T) {
				res := parseString(t, doc, "https://archive.example/feed")
				if len(res.Items) != MaxItems || res.Items[0].Title != tt.first || res.Items[MaxItems-1].Title != tt.last {
					t.Errorf("%d items, %q … %q; want %d, %q … %q", len(res.Items), res.Items[0].Title, res.Items[len(res.Items)-1].Title, MaxItems, tt.first, tt.last)
				}
			})
		}
	}
}

// A video's or a clip's text is its Media RSS description (YouTube's Atom
// feeds, Media RSS items): it is the item's text when the item has none of
// its own — not when it has (a news item's media:description is its image's
// caption).
func TestMediaDescriptionIsText(t *testing.T) {
	yt := `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <id>yt:channel:UC123</id><title>News Channel</title><link rel="alternate" href="https://www.youtube.com/channel/UC123"/>
 <entry><id>yt:video:abc</id><title>Evening bulletin</title><link rel="alternate" href="https://www.youtube.com/watch?v=abc"/>
  <published>2026-12-05T18:00:00+00:00</published>
  <media:group><media:title>Evening bulletin</media:title>
   <media:description>Tonight: the zebra escape at the city zoo and the council budget vote.</media:description></media:group>
 </entry></feed>`
	mrss := `<?xml version="1.0"?><rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"><channel><title>M</title><link>https://m.example/</link>
<item><title>Clip</title><link>https://m.example/1</link><m:content url="https://m.example/1.mp4"><m:description>A zebra escaped from the zoo.</m:description></m:content></item>
<item><title>Clip 2</title><link>https://m.example/2</link><m:description type="html">&lt;p&gt;The council &lt;b&gt;voted&lt;/b&gt; on the budget.&lt;/p&gt;</m:description></item>
<item><title>Clip 3</title><link>https://m.example/3</link><description>The full story of the zoo, the zebra and the keepers who found it.</description><m:description>Zebra.</m:description></item>
<item><title>Storm</title><link>https://m.example/4</link><description>A storm hit the coast.</description><m:content url="https://m.example/4.jpg" medium="image"/><m:description>Waves break over the harbour wall in Tromsø on Saturday, as the storm reached the coast.</m:description></item>
</channel></rss>`
	for _, tt := range []struct {
		doc  string
		want []string
	}{
		{yt, []string{"Tonight: the zebra escape at the city zoo and the council budget vote."}},
		// an image's caption (a news feed's media:description) does not replace the item's own text
		{mrss, []string{"A zebra escaped from the zoo.", "The council voted on the budget.", "The full story of the zoo, the zebra and the keepers who found it.", "A storm hit the coast."}},
	} {
		res := parseString(t, tt.doc, "https://m.example/feed")
		if len(res.Items) != len(tt.want) {
			t.Fatalf("%d items, want %d", len(res.Items), len(tt.want))
		}
		for i, it := range res.Items {
			if it.Text != tt.want[i] {
				t.Errorf("%s: text %q, want %q", it.Title, it.Text, tt.want[i])
			}
		}
	}
}

// Dates written in another language or a near miss of RFC 822 are read,
// not dropped: German, French, Spanish, Italian, Dutch and Portuguese day
// and month names, German time zones, a comment after the zone, slashes,
// Unix seconds.
func TestLocalizedDates(t *testing.T) {
	want := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	dates := []string{
		"Sa, 05 Dez 2026 10:00:00 +0100", "Samstag, 5. Dezember 2026 10:00:00 MEZ", "Sat, 05 Dec 2026 11:00:00 MESZ",
		"sam., 05 déc. 2026 10:00:00 +0100", "samedi 5 décembre 2026 10:00:00 +0100", "sáb, 05 dic 2026 10:00:00 +0100",
		"sab, 05 dic 2026 10:00:00 +0100", "za, 05 dec 2026 10:00:00 +0100", "sáb, 05 dez 2026 10:00:00 +0100",
		"Sat, 05 Dec 2026 09:00:00 +0000 (UTC)", "2026/12/05 09:00:00", "2026/12/05 09:00", "1796461200",
		"05 Dez. 2026 10:00 +0100", "mié, 05 dic 2026 10:00:00 +0100",
		"mar, 05 dic 2026 10:00:00 +0100", "mar. 05 déc. 2026 10:00:00 +0100",
	}
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>D</title><link>https://d.example/</link>`)
	for i, d := range dates {
		fmt.Fprintf(&b, "<item><title>%d</title><link>https://d.example/%d</link><pubDate>%s</pubDate></item>", i, i, d)
	}
	b.WriteString(`</channel></rss>`)
	res := parseString(t, b.String(), "https://d.example/feed")
	for i, it := range res.Items {
		if !it.Published.Equal(want) || it.BadDate != "" {
			t.Errorf("%q: published %v (bad date %q), want %v", dates[i], it.Published, it.BadDate, want)
		}
	}
}

// An item whose text is longer than the limit says it was cut, for the
// poller to report: the words past it reach no watch.
func TestLongTextIsMarkedCut(t *testing.T) {
	long := strings.Repeat("The council debated the budget again today. ", 6000) // 264 KB
	doc := `<rss version="2.0"><channel><title>L</title><link>https://l.example/</link>
<item><title>Long</title><link>https://l.example/1</link><description>` + long + `</description></item>
<item><title>Short</title><link>https://l.example/2</link><description>A short text.</description></item>
</channel></rss>`
	res := parseString(t, doc, "https://l.example/feed")
	if !res.Items[0].TextCut || len(res.Items[0].Text) > maxText {
		t.Errorf("long item: cut %v, %d bytes", res.Items[0].TextCut, len(res.Items[0].Text))
	}
	if res.Items[1].TextCut {
		t.Errorf("a short text marked cut")
	}
}
