package feed

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// rssOf is an RSS document without an encoding declaration holding the
// given item titles and descriptions.
func rssOf(title string, items [][2]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<rss version=\"2.0\"><channel><title>%s</title><link>https://script.example/</link>\n", title)
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://script.example/%d</link><description>%s</description></item>\n", it[0], i, it[1])
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func TestUndeclaredCharsetByScript(t *testing.T) {
	var hebrew [][2]string
	for i := range 10 {
		hebrew = append(hebrew, [2]string{
			fmt.Sprintf("כתבה %d: העירייה פתחה גן ציבורי חדש ליד הנמל", i),
			"תושבי השכונה הגיעו לטקס הפתיחה, והעירייה אמרה שהגן יהיה פתוח כל יום עד חצות.",
		})
	}
	cases := []struct {
		name    string
		cm      *charmap.Charmap
		charset string
		doc     string
		want    string // the first item's title
	}{
		{"Hebrew windows-1255, 10 items", charmap.Windows1255, "windows-1255", rssOf("חדשות העיר", hebrew), hebrew[0][0]},
		{"short Greek ISO-8859-7, 1 item", charmap.ISO8859_7, "ISO-8859-7",
			rssOf("Ειδήσεις", [][2]string{{"Ο δήμος άνοιξε νέο πάρκο κοντά στο λιμάνι της πόλης", ""}}),
			"Ο δήμος άνοιξε νέο πάρκο κοντά στο λιμάνι της πόλης"},
		{"Russian KOI8-R", charmap.KOI8R, "KOI8-R",
			rssOf("Городские новости", [][2]string{{"Мэрия открыла новый парк возле порта", "Жители района пришли на открытие, парк будет работать до полуночи."}}),
			"Мэрия открыла новый парк возле порта"},
		{"Russian windows-1251", charmap.Windows1251, "windows-1251",
			rssOf("Городские новости", [][2]string{{"Мэрия открыла новый парк возле порта", "Жители района пришли на открытие, парк будет работать до полуночи."}}),
			"Мэрия открыла новый парк возле порта"},
		{"Arabic windows-1256", charmap.Windows1256, "windows-1256",
			rssOf("أخبار المدينة", [][2]string{{"البلدية افتتحت حديقة جديدة قرب الميناء", "وصل سكان الحي إلى حفل الافتتاح وقالت البلدية إن الحديقة ستبقى مفتوحة كل يوم."}}),
			"البلدية افتتحت حديقة جديدة قرب الميناء"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, err := c.cm.NewEncoder().String(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			res := parseString(t, body, "https://script.example/rss")
			if len(res.Items) == 0 || res.Items[0].Title != c.want {
				t.Fatalf("read as %s (unsure %v): items %+v", res.Charset, res.CharsetUnsure, res.Items)
			}
			// Charsets of one script that decode its letters alike may be
			// named either way; the text is what counts.
			if res.CharsetUnsure || legacyCharsets[res.Charset] == nil {
				t.Errorf("charset %q, unsure %v; want %s, sure", res.Charset, res.CharsetUnsure, c.charset)
			}
		})
	}
}

// A document whose text is too short to tell its script is read, but
// said to be a guess rather than passed off as sure.
func TestUndeclaredCharsetUnsure(t *testing.T) {
	body, _ := charmap.Windows1255.NewEncoder().String(rssOf("חדשות", [][2]string{{"גן חדש", ""}}))
	res := parseString(t, body, "https://script.example/rss")
	if res.Charset == "" || !res.CharsetUnsure {
		t.Errorf("a 5-letter title: charset %q, unsure %v; want a guess said to be unsure", res.Charset, res.CharsetUnsure)
	}
	// UTF-8 and declared documents carry no guess.
	if res := parseString(t, rssOf("חדשות", [][2]string{{"גן חדש", ""}}), "https://script.example/rss"); res.Charset != "" || res.CharsetUnsure {
		t.Errorf("UTF-8: charset %q, unsure %v", res.Charset, res.CharsetUnsure)
	}
	// Western text is sure windows-1252.
	body, _ = charmap.Windows1252.NewEncoder().String(rssOf("Café", [][2]string{{"Déjà vu à Noël", ""}}))
	if res := parseString(t, body, "https://script.example/rss"); res.Charset != "windows-1252" || res.CharsetUnsure || res.Items[0].Title != "Déjà vu à Noël" {
		t.Errorf("windows-1252: %q unsure %v %q", res.Charset, res.CharsetUnsure, res.Items[0].Title)
	}
}
