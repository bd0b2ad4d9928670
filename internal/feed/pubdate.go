package feed

import (
	"bytes"
	"time"
)

// gofeed reads an RSS item's <pubDate> by trying its layouts in turn, each
// failure allocating an error (time.ParseError, with copies of the value and
// the layout): an RFC 1123 date with a numeric zone ("Sun, 06 Dec 2026
// 10:00:00 +0000", most feeds) fails three layouts first, one with "GMT" (a
// third of real feeds' dates) about 140 — the larger part of parsing such a
// feed, as time and as garbage. gofeed has no way to parse a date
// otherwise, so the document is given these dates already in RFC 3339,
// which gofeed reads at its second layout (or, for a date on the minute,
// in RFC 822, its first): the same instant (see
// rfc1123Date for why), written in place and padded with spaces, which the
// parser trims.
//
// Only dates that stand: from 1990 up to a day ahead of now (normalise
// keeps dates up to 48 hours ahead). A date outside that range is no date
// to normalise, which reports it as written (Item.BadDate): such dates are
// left as they are.

// rewriteDates rewrites in place the <pubDate> elements of an RSS document
// whose text is an RFC 1123 date that rfc1123Date reads (see above).
// Comments and CDATA sections are skipped; a document with an internal DTD
// declaring entities is left alone (its entities may hold markup).
func rewriteDates(doc []byte, now time.Time) {
	if bytes.Contains(doc, []byte("<!ENTITY")) {
		return
	}
	open, end := []byte("<pubDate>"), []byte("</pubDate>")
	latest := now.Add(maxAhead / 2) // within normalise's window by far: it reads the clock again
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest, []byte("-->"))
			if k < 0 {
				return
			}
			i += k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest, []byte("]]>"))
			if k < 0 {
				return
			}
			i += k + 3
			continue
		case bytes.HasPrefix(rest, open):
			start := i + len(open)
			k := bytes.IndexByte(doc[start:], '<')
			if k < 0 {
				return
			}
			if v := doc[start : start+k]; bytes.HasPrefix(doc[start+k:], end) {
				if t, ok := rfc1123Date(v); ok && t.Year() >= earliestYear && !t.After(latest) {
					var buf [len(time.RFC3339)]byte
					layout, u := time.RFC3339, t.UTC()
					if u.Second() == 0 && u.Year() >= 2000 && u.Year() <= 2068 {
						layout = time.RFC822Z // gofeed's first layout: no error at all (minutes only; the year in two digits, 2000-2068)
					}
					out := u.AppendFormat(buf[:0], layout)
					n := copy(v, out)
					for ; n < len(v); n++ {
						v[n] = ' '
					}
				}
			}
			i = start + k
			continue
		}
		i++
	}
}

// rfc1123Date reads v, white space around it aside, when it is an RFC 1123
// date of the form "Sun, 06 Dec 2026 10:00:00 +0000" (the day of one or two
// digits, the zone numeric or "GMT"), reporting whether it is one. Its
// instant is the one gofeed gives the same text: gofeed's first layout
// that reads the whole of such a text reads every field as this one does
// (RFC1123Z, "Mon, 2 Jan 2006 15:04:05 -0700", RFC1123 or "Mon, 2 Jan
// 2006 15:4:5 MST"), and it gives "GMT" a zero offset. Only a text of that
// shape is handed to time.Parse, which fails on it only for a bad name or
// number (no error, and so no garbage, for anything else).
func rfc1123Date(v []byte) (time.Time, bool) {
	s := bytes.TrimSpace(v)
	// Ddd, D Mmm YYYY HH:MM:SS ZZZZZ
	if len(s) < len("Sun, 6 Dec 2026 10:00:00 GMT") || s[3] != ',' || s[4] != ' ' || !digit(s[5]) {
		return time.Time{}, false
	}
	day := 1
	if digit(s[6]) {
		day = 2
	}
	r := s[5+day:] // " Mmm YYYY HH:MM:SS ZONE"
	if len(r) < len(" Dec 2026 10:00:00 GMT") || r[0] != ' ' || r[4] != ' ' || !digits(r[5:9]) || r[9] != ' ' ||
		!digits(r[10:12]) || r[12] != ':' || !digits(r[13:15]) || r[15] != ':' || !digits(r[16:18]) || r[18] != ' ' {
		return time.Time{}, false
	}
	layout := "Mon, 2 Jan 2006 15:04:05 -0700"
	switch zone := r[19:]; {
	case string(zone) == "GMT":
		layout = "Mon, 2 Jan 2006 15:04:05 GMT"
	case len(zone) != 5 || zone[0] != '+' && zone[0] != '-' || !digits(zone[1:]):
		return time.Time{}, false
	}
	t, err := time.Parse(layout, string(s))
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func digit(c byte) bool { return '0' <= c && c <= '9' }

func digits(s []byte) bool {
	for _, c := range s {
		if !digit(c) {
			return false
		}
	}
	return true
}
