package feed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	rssfeed "github.com/mmcdole/gofeed/rss"
)

// gofeedDate is the date gofeed reads in an RSS item's <pubDate> of text d
// (the document given as is), and its raw text.
func gofeedDate(t *testing.T, doc []byte) (*time.Time, string) {
	t.Helper()
	rf, err := (&rssfeed.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	f, err := rssTranslator.Translate(rf)
	if err != nil || len(f.Items) != 1 {
		t.Fatalf("%s: %v", doc, err)
	}
	return f.Items[0].PublishedParsed, f.Items[0].Published
}

// checkRewrite holds rewriteDates to gofeed: the document rewritten gives
// the item the date the document as written gives it, and a date rewritten
// is one normalise keeps (its raw text, which names a date not kept, is
// then never needed).
func checkRewrite(t *testing.T, d string, now time.Time) (rewritten bool) {
	doc := []byte(`<rss version="2.0"><channel><title>T</title><item><title>x</title><link>https://x.example/1</link><pubDate>` + d + `</pubDate></item></channel></rss>`)
	want, _ := gofeedDate(t, doc)
	re := bytes.Clone(doc)
	rewriteDates(re, now)
	got, raw := gofeedDate(t, re)
	rewritten = !bytes.Equal(re, doc)
	switch {
	case (want == nil) != (got == nil):
		t.Fatalf("%q: gofeed reads %v, rewritten (%q) %v", d, want, raw, got)
	case want != nil && (!want.Equal(*got) || want.Location() != got.Location()):
		t.Fatalf("%q: gofeed reads %v, rewritten (%q) %v", d, want, raw, got)
	case rewritten && (len(re) != len(doc) || got.Year() < 1990 || got.After(now.Add(48*time.Hour))):
		t.Fatalf("%q rewritten as %q (%v): a date normalise does not keep, or the document's length changed", d, raw, got)
	}
	return rewritten
}

// TestRewriteDates: RFC 1123 dates, numeric zones and GMT, one- and two-digit
// days, are read by gofeed as written; everything else is left as it is.
func TestRewriteDates(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		d         string
		rewritten bool
	}{
		{"Sun, 06 Dec 2026 10:00:00 +0000", true},
		{"Sun, 06 Dec 2026 10:00:00 GMT", true},
		{"Sun, 6 Dec 2026 10:00:00 GMT", true},
		{"Sun, 6 Dec 2026 10:00:00 +0530", true},
		{"  Sat, 05 Dec 2026 23:59:59 -0800 \n", true},
		{"sun, 06 dec 2026 10:00:00 +0000", true},
		{"Thu, 29 Feb 2024 12:00:00 GMT", true},
		{"Mon, 01 Jan 1990 00:00:00 +0000", true},
		{"Sun, 06 Dec 2026 10:07:00 +0000", true},  // on the minute: RFC 822
		{"Sat, 01 Jan 2000 00:30:00 +0100", true},  // on the minute, 1999 in UTC: RFC 3339
		{"Fri, 31 Dec 1999 23:30:00 -0100", true},  // on the minute, 2000 in UTC: RFC 822
		{"Sun, 31 Dec 1989 23:00:00 -0200", false}, // 1990 in UTC, 1989 as written: left to gofeed
		{"Sun, 31 Dec 1989 12:00:00 GMT", false},   // before 1990: normalise reports it as written
		{"Tue, 08 Dec 2026 10:00:00 GMT", false},   // two days ahead
		{"Mon, 07 Dec 2026 09:59:59 GMT", true},
		{"Sun, 06 Dec 2026 10:00:00 EST", false},
		{"Sun, 06 Dec 2026 10:00:00 UT", false},
		{"Sun, 06 Dec 2026 10:00:00 Z", false},
		{"Sun 06 Dec 2026 10:00:00 GMT", false},
		{"Sun, 06 Dec 26 10:00:00 GMT", false},
		{"Sun, 06 Dec 2026 10:00 GMT", false},
		{"Sun, 06 Dec 2026 10:00:00.123 +0000", false},
		{"Sun, 06 Dec 2026 24:00:00 +0000", false},
		{"Sun, 31 Nov 2026 10:00:00 +0000", false},
		{"Seg, 30 Nov 2026 10:00:00 -0300", false},
		{"Sun, 06 Dez 2026 10:00:00 GMT", false},
		{"Sun, 06 Dec 2026 10:00:00 +2500", false},
		{"Sun, 06 Dec 2026 10:00:00 GMT+1", false},
		{"2026-12-06T10:00:00Z", false},
		{"", false},
		{"Sun, 06 Dec 2026 10:00:00 +0000 (UTC)", false},
	} {
		if got := checkRewrite(t, tt.d, now); got != tt.rewritten {
			t.Errorf("%q: rewritten %v, want %v", tt.d, got, tt.rewritten)
		}
	}
	// Random dates and zones around the range kept.
	r := rand.New(rand.NewPCG(3, 4))
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	n := 0
	for range 3000 {
		t0 := time.Date(1985+r.IntN(43), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60)*r.IntN(2), 0, time.UTC)
		day := t0.Format("02")
		if r.IntN(2) == 0 {
			day = t0.Format("2")
		}
		zone := "GMT"
		if r.IntN(2) == 0 {
			zone = fmt.Sprintf("%c%02d%02d", "+-"[r.IntN(2)], r.IntN(15), []int{0, 30, 45}[r.IntN(3)])
		}
		d := fmt.Sprintf("%s, %s %s %s %s", days[r.IntN(7)], day, t0.Format("Jan 2006"), t0.Format("15:04:05"), zone)
		if checkRewrite(t, d, now) {
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d of 3000 random dates rewritten", n)
	}
}

// TestRewriteDatesSkipsText: a <pubDate> in a comment, a CDATA section or
// an escaped description is text, left as it is; so is every date of a
// document declaring entities.
func TestRewriteDatesSkipsText(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	for _, doc := range []string{
		`<rss><channel><!-- <pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate> --></channel></rss>`,
		`<rss><channel><item><description><![CDATA[<pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate>]]></description></item></channel></rss>`,
		`<rss><channel><item><description>&lt;pubDate>Sun, 06 Dec 2026 10:00:00 GMT&lt;/pubDate></description></item></channel></rss>`,
		`<!DOCTYPE rss [<!ENTITY d "x">]><rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item></channel></rss>`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item></channel></rss><!ENTITY d "x">`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item><!-- <!ENTITY d "x"> --></channel></rss>`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item><![CDATA[<!ENTITY d "x">]]></channel></rss>`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item><!-- <!ENTITY d "x">`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item><![CDATA[<!ENTITY`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT`,
		`<rss><channel><item><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubdate></item></channel></rss>`,
	} {
		b := []byte(doc)
		rewriteDates(b, now)
		if string(b) != doc {
			t.Errorf("%s\nrewritten as\n%s", doc, b)
		}
	}
}

// TestGMTDatesCostNoMore: a feed dated in GMT costs no more to parse than
// one dated with numeric zones — gofeed tried some 140 layouts for each
// "GMT" date, allocating an error for each (4 in 5 of the parse's
// allocations).
func TestGMTDatesCostNoMore(t *testing.T) {
	doc := func(zone string) string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>T</title>`)
		for i := range 20 {
			fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://x.example/%d</link><pubDate>Thu, 03 Dec 2026 10:%02d:00 %s</pubDate><description>Text %d.</description></item>`, i, i, i, zone, i)
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	allocs := func(d string) float64 {
		return testing.AllocsPerRun(20, func() {
			res, err := Parse(strings.NewReader(d), "https://x.example/")
			if err != nil || len(res.Items) != 20 || res.Items[0].Published.IsZero() {
				t.Fatal(err)
			}
		})
	}
	gmt, numeric := allocs(doc("GMT")), allocs(doc("+0000"))
	if gmt > numeric*1.05 {
		t.Errorf("a feed of GMT dates: %.0f allocations, of +0000 dates %.0f", gmt, numeric)
	}
}

// TestRewriteDatesRealWorld: over the shared corpus of real feeds, every
// RSS document gofeed reads gives the same items rewritten as written, but
// for the raw text of the dates rewritten.
func TestRewriteDatesRealWorld(t *testing.T) {
	if _, err := os.Stat(realWorld); err != nil {
		t.Skip("no shared corpus")
	}
	now := time.Now()
	docs, rewritten := 0, 0
	for _, path := range corpusFiles(t, realWorld) {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := sanitize(bytes.TrimLeft(decodeUnicode(raw), " \t\r\n"))
		if k, root := sniff(doc); k != kindXML || root != "rss" && root != "rdf" {
			continue
		}
		before, err := parseXML(doc, "rss")
		if err != nil {
			continue
		}
		re := bytes.Clone(doc)
		rewriteDates(re, now)
		after, err := parseXML(re, "rss")
		if err != nil {
			t.Fatalf("%s: rewritten, no longer read: %v", path, err)
		}
		docs++
		if len(before.Items) != len(after.Items) {
			t.Fatalf("%s: %d items, rewritten %d", path, len(before.Items), len(after.Items))
		}
		for i, a := range after.Items {
			b := before.Items[i]
			if (a.PublishedParsed == nil) != (b.PublishedParsed == nil) || a.PublishedParsed != nil && !a.PublishedParsed.Equal(*b.PublishedParsed) {
				t.Errorf("%s item %d: %q read as %v, rewritten %q as %v", path, i, b.Published, b.PublishedParsed, a.Published, a.PublishedParsed)
			}
			if a.Published != b.Published {
				rewritten++
				a.Published = b.Published
			}
			a.PublishedParsed, b.PublishedParsed = nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s item %d differs rewritten:\n%+v\n%+v", path, i, *a, *b)
			}
		}
	}
	t.Logf("%d RSS documents, %d dates rewritten", docs, rewritten)
	if rewritten == 0 {
		t.Error("no date of the corpus rewritten")
	}
}

// FuzzRewriteDates: whatever a <pubDate> holds, gofeed reads the rewritten
// document's date as the written one's.
func FuzzRewriteDates(f *testing.F) {
	for _, d := range []string{"Sun, 06 Dec 2026 10:00:00 +0000", "Sun, 6 Dec 2026 10:00:00 GMT", "Sat, 05 Dec 2026 23:59:59 -0800", "Sun, 06 Dec 2026 24:00:00 +0000"} {
		f.Add(d)
	}
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, d string) {
		if strings.ContainsAny(d, "<&") {
			return // markup, not a date
		}
		doc := []byte(`<rss version="2.0"><channel><title>T</title><item><title>x</title><pubDate>` + d + `</pubDate></item></channel></rss>`)
		if rf, err := (&rssfeed.Parser{}).Parse(bytes.NewReader(doc)); err != nil || len(rf.Items) != 1 {
			return
		}
		checkRewrite(t, d, now)
	})
}

// TestRFC1123Date holds rfc1123Date to time.Parse with the layouts it
// stands for: the same dates read, at the same instant and written year,
// and the same refused — names in any case or none, days past the month's
// end, hours, minutes, seconds and zones out of range.
func TestRFC1123Date(t *testing.T) {
	parse := func(s string) (time.Time, int, bool) {
		s = strings.TrimSpace(s)
		layout := "Mon, 2 Jan 2006 15:04:05 -0700"
		if strings.HasSuffix(s, " GMT") {
			layout = "Mon, 2 Jan 2006 15:04:05 GMT"
		}
		d, err := time.Parse(layout, s)
		if err != nil {
			return time.Time{}, 0, false
		}
		return d.UTC(), d.Year(), true
	}
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"Sun", "mon", "TUE", "wEd", "Thu", "Fri", "Sat", "Dec", "Feb", "jan", "SEP", "Xyz", "Su1", "Ma@", "Mo[", "Ju\xe9"}
	two := func(max int) string { return fmt.Sprintf("%02d", r.IntN(max)) }
	read := 0
	for range 100_000 {
		day := fmt.Sprint(r.IntN(33))
		if r.IntN(2) == 0 {
			day = two(33)
		}
		zone := "GMT"
		if r.IntN(3) > 0 {
			zone = fmt.Sprintf("%c%s%s", "+-*"[r.IntN(3)], two(27), two(63))
		}
		d := fmt.Sprintf("%s, %s %s %d %s:%s:%s %s", names[r.IntN(len(names))], day, names[r.IntN(len(names))],
			1899+r.IntN(300), two(26), two(62), two(62), zone)
		wantT, wantY, wantOK := parse(d)
		gotT, gotY, gotOK := rfc1123Date([]byte(" " + d + "\n"))
		if gotOK != wantOK || !gotT.Equal(wantT) || gotY != wantY {
			t.Fatalf("%q: read as %v, %d, %v; time.Parse reads %v, %d, %v", d, gotT, gotY, gotOK, wantT, wantY, wantOK)
		}
		if gotOK {
			read++
		}
	}
	if read < 1000 {
		t.Errorf("only %d of 100,000 dates read", read)
	}
}
