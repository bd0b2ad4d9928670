package feed

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseAccented is BenchmarkParse of a feed in French: every
// "é" and "à" is a byte 0xC3 the mojibake repair looks at (an English
// feed's text has none, and costs it one byte scan a field).
func BenchmarkParseAccented(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<rss version="2.0"><channel><title>T</title>`)
	for i := range 20 {
		fmt.Fprintf(&sb, `<item><title>Le président a déclaré %d</title><link>https://e.org/s/%d?utm_source=rss</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;%s&lt;/p&gt;</description></item>`, i, i, strings.Repeat("Le ministre a déclaré à l’AFP qu’il était « très inquiet ». ", 8))
	}
	sb.WriteString(`</channel></rss>`)
	doc := sb.String()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(strings.NewReader(doc), "https://e.org/"); err != nil {
			b.Fatal(err)
		}
	}
}
