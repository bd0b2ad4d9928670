package opml

import (
	"bytes"
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
