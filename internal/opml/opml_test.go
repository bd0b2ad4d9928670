package opml

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const nested = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- written by hand: folders in folders, odd characters, attribute names in other cases -->
<opml version="1.0">
<head><title>My &lt;subscriptions&gt;</title></head>
<body>
  <outline text="News &amp; Politics">
    <outline text="Europe" title="Europe">
      <outline text="Le Monde — Int'l" title="Le Monde &#8212; Int&apos;l" type="rss" xmlUrl="https://monde.example/rss?lang=fr&amp;x=1" htmlUrl="https://monde.example/"/>
      <outline text="Caf` + "\xe9" + ` Press" type="rss" XMLURL="https://cafe.example/feed"/>
    </outline>
    <outline text="  Spaced   out  " type="rss" xmlurl="https://spaced.example/atom.xml" category="/Tech/Go,/Misc"/>
  </outline>
  <outline text="A folder link without a feed" type="link" url="https://nofeed.example/"/>
  <outline type="rss" xmlUrl="https://untitled.example/feed.json"/>
</body>
</opml>`

func TestParseNested(t *testing.T) {
	title, feeds, err := Parse(strings.NewReader(nested))
	if err != nil {
		t.Fatal(err)
	}
	if title != "My <subscriptions>" {
		t.Errorf("title %q", title)
	}
	want := []Feed{
		{Title: "Le Monde — Int'l", URL: "https://monde.example/rss?lang=fr&x=1", Site: "https://monde.example/", Categories: []string{"News & Politics/Europe"}},
		{Title: "Café Press", URL: "https://cafe.example/feed", Categories: []string{"News & Politics/Europe"}},
		{Title: "Spaced out", URL: "https://spaced.example/atom.xml", Categories: []string{"News & Politics", "Tech/Go", "Misc"}},
		{Title: "", URL: "https://untitled.example/feed.json"},
	}
	if len(feeds) != len(want) {
		t.Fatalf("feeds %+v", feeds)
	}
	for i := range want {
		if feeds[i].Title != want[i].Title || feeds[i].URL != want[i].URL || feeds[i].Site != want[i].Site ||
			strings.Join(feeds[i].Categories, "|") != strings.Join(want[i].Categories, "|") {
			t.Errorf("feed %d: %+v, want %+v", i, feeds[i], want[i])
		}
	}
}

func TestParseRefusesOtherDocuments(t *testing.T) {
	if _, _, err := Parse(strings.NewReader(`<rss version="2.0"><channel/></rss>`)); err == nil || !strings.Contains(err.Error(), "<rss>") {
		t.Errorf("rss: %v", err)
	}
	if _, _, err := Parse(strings.NewReader("<opml>\n<body>\n<outline text='a'></body></opml>")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("broken: %v", err)
	}
}

func TestWriteReadsBack(t *testing.T) {
	in := []Feed{{Title: `Quotes "&" <angles>`, URL: "https://q.example/feed?a=1&b=2", Categories: []string{"News/World"}}, {Title: "Local", URL: "file:///srv/feeds/local.xml"}}
	var buf bytes.Buffer
	if err := Write(&buf, "newshound feeds", in, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<opml version="2.0">`) || !strings.Contains(buf.String(), "<dateCreated>Wed, 01 May 2024 00:00:00 +0000</dateCreated>") {
		t.Errorf("not OPML 2.0:\n%s", buf.String())
	}
	title, out, err := Parse(&buf)
	if err != nil || title != "newshound feeds" || len(out) != 2 || out[0].Title != in[0].Title || out[0].URL != in[0].URL ||
		strings.Join(out[0].Categories, "|") != "News/World" || out[1].URL != in[1].URL {
		t.Errorf("read back %q %+v %v", title, out, err)
	}
}

// TestWriteAsEncoder: Write's document is, byte for byte, the one
// encoding/xml's Encoder made of the same list (before Write streamed it),
// whatever the names and addresses hold.
func TestWriteAsEncoder(t *testing.T) {
	now := time.Date(2024, 5, 1, 0, 0, 0, 0, time.FixedZone("CEST", 7200))
	odd := "Quotes \"&\" <angles> 'apostrophes'\ttab\nline\rreturn \x01control \xffinvalid \uFFFDreplacement \U0001F600 \u2028 — Zürich"
	for _, feeds := range [][]Feed{
		nil,
		{{Title: "Local", URL: "file:///srv/feeds/local.xml"}},
		{
			{Title: odd, URL: "https://q.example/feed?a=1&b=2", Site: "https://q.example/?x=\"y\"", Categories: []string{"/News/World/", "Tech & <Science>"}},
			{Title: "", URL: ""},
			{Title: "Site only", URL: "https://s.example/rss", Site: "https://s.example/"},
		},
	} {
		for _, title := range []string{"newshound feeds (c.yaml)", odd} {
			var got, want bytes.Buffer
			if err := Write(&got, title, feeds, now); err != nil {
				t.Fatal(err)
			}
			if err := writeWithEncoder(&want, title, feeds, now); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("Write:\n%s\nencoding/xml:\n%s", got.String(), want.String())
			}
		}
	}
}

// writeWithEncoder is Write as it was, through encoding/xml's Encoder.
func writeWithEncoder(w io.Writer, title string, feeds []Feed, now time.Time) error {
	type out struct {
		Type     string `xml:"type,attr"`
		Text     string `xml:"text,attr"`
		Title    string `xml:"title,attr"`
		XMLURL   string `xml:"xmlUrl,attr"`
		HTMLURL  string `xml:"htmlUrl,attr,omitempty"`
		Category string `xml:"category,attr,omitempty"`
	}
	type head struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated"`
	}
	type doc struct {
		XMLName  xml.Name `xml:"opml"`
		Version  string   `xml:"version,attr"`
		Head     head     `xml:"head"`
		Outlines []out    `xml:"body>outline"`
	}
	d := doc{Version: "2.0", Head: head{Title: title, DateCreated: now.UTC().Format(time.RFC1123Z)}}
	for _, f := range feeds {
		var cats []string
		for _, c := range f.Categories {
			cats = append(cats, "/"+strings.Trim(c, "/"))
		}
		d.Outlines = append(d.Outlines, out{Type: "rss", Text: f.Title, Title: f.Title, XMLURL: f.URL, HTMLURL: f.Site, Category: strings.Join(cats, ",")})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// TestSharedLists reads the OPML lists of the shared data.
func TestSharedLists(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "feeds", "opml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.opml"))
	if len(files) == 0 {
		t.Skip("shared data not present")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, feeds, err := Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want := bytes.Count(data, []byte("xmlUrl=")); len(feeds) != want {
			t.Errorf("%s: %d feeds, the file has %d xmlUrl attributes", path, len(feeds), want)
		}
		for _, f := range feeds {
			if f.Title == "" {
				t.Errorf("%s: feed %s without a title", path, f.URL)
			}
		}
		t.Logf("%s: %d feeds", filepath.Base(path), len(feeds))
	}
}
