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
// declaring entities is left alone (its entities may hold markup): one
// holding "<!ENTITY" anywhere. The scan visits every "<" outside comments
// and CDATA sections and looks for it there, and in the comments and
// sections it skips, so the document is read once; the dates are rewritten
// once it is read to its end.
func rewriteDates(doc []byte, now time.Time) {
	entity := []byte("<!ENTITY")
	open, end := []byte("<pubDate>"), []byte("</pubDate>")
	latest := now.Add(maxAhead / 2) // within normalise's window by far: it reads the clock again
	type rewrite struct {
		v []byte    // the element's text
		t time.Time // its date, in UTC
	}
	var buf [64]rewrite
	dates := buf[:0]
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, entity):
			return
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest, []byte("-->"))
			if k < 0 {
				k = len(rest) - 3 // the rest is the comment
			}
			if bytes.Contains(rest[:k+3], entity) {
				return
			}
			i += k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest, []byte("]]>"))
			if k < 0 {
				k = len(rest) - 3 // the rest is the section
			}
			if bytes.Contains(rest[:k+3], entity) {
				return
			}
			i += k + 3
			continue
		case bytes.HasPrefix(rest, open):
			start := i + len(open)
			k := bytes.IndexByte(doc[start:], '<')
			if k < 0 {
				i = len(doc)
				continue
			}
			if v := doc[start : start+k]; bytes.HasPrefix(doc[start+k:], end) {
				if t, year, ok := rfc1123Date(v); ok && year >= earliestYear && !t.After(latest) {
					dates = append(dates, rewrite{v, t})
				}
			}
			i = start + k
			continue
		}
		i++
	}
	for _, d := range dates {
		var buf [len(time.RFC3339)]byte
		layout := time.RFC3339
		if d.t.Second() == 0 && d.t.Year() >= 2000 && d.t.Year() <= 2068 {
			layout = time.RFC822Z // gofeed's first layout: no error at all (minutes only; the year in two digits, 2000-2068)
		}
		out := d.t.AppendFormat(buf[:0], layout)
		n := copy(d.v, out)
		for ; n < len(d.v); n++ {
			d.v[n] = ' '
		}
	}
}

// rfc1123Date reads v, white space around it aside, when it is an RFC 1123
// date of the form "Sun, 06 Dec 2026 10:00:00 +0000" (the day of one or two
// digits, the zone numeric or "GMT"), reporting whether it is one; year is
// the year as written (in the date's own zone). Its instant is the one
// gofeed gives the same text: gofeed's first layout that reads the whole
// of such a text reads every field as this one does (RFC1123Z, "Mon, 2 Jan
// 2006 15:04:05 -0700", RFC1123 or "Mon, 2 Jan 2006 15:4:5 MST"), and it
// gives "GMT" a zero offset. The text is read as time.Parse reads it with
// the layout "Mon, 2 Jan 2006 15:04:05 -0700" (or "… GMT"), and refused
// where it fails: a weekday or month that is no English abbreviation (in
// any case), a day past the month's end, an hour past 23, a minute or
// second past 59, a zone's hours past 24 or minutes past 60 — without
// time.Parse's cost (TestRFC1123Date holds the two together).
func rfc1123Date(v []byte) (t time.Time, year int, ok bool) {
	s := bytes.TrimSpace(v)
	// Ddd, D Mmm YYYY HH:MM:SS ZZZZZ
	if len(s) < len("Sun, 6 Dec 2026 10:00:00 GMT") || s[3] != ',' || s[4] != ' ' || !digit(s[5]) {
		return time.Time{}, 0, false
	}
	day := int(s[5] - '0')
	r := s[6:] // " Mmm YYYY HH:MM:SS ZONE"
	if digit(s[6]) {
		day, r = day*10+int(s[6]-'0'), s[7:]
	}
	if len(r) < len(" Dec 2026 10:00:00 GMT") || r[0] != ' ' || r[4] != ' ' || !digits(r[5:9]) || r[9] != ' ' ||
		!digits(r[10:12]) || r[12] != ':' || !digits(r[13:15]) || r[15] != ':' || !digits(r[16:18]) || r[18] != ' ' {
		return time.Time{}, 0, false
	}
	month := monthAbbrev(r[1:4])
	if month == 0 || !weekdayAbbrev(s[:3]) {
		return time.Time{}, 0, false
	}
	year = num(r[5:9])
	hour, minute, second := num(r[10:12]), num(r[13:15]), num(r[16:18])
	if day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, 0, false
	}
	offset := 0
	switch zone := r[19:]; {
	case string(zone) == "GMT":
	case len(zone) != 5 || zone[0] != '+' && zone[0] != '-' || !digits(zone[1:]):
		return time.Time{}, 0, false
	default:
		h, m := num(zone[1:3]), num(zone[3:5])
		if h > 24 || m > 60 {
			return time.Time{}, 0, false
		}
		if offset = (h*60 + m) * 60; zone[0] == '-' {
			offset = -offset
		}
	}
	t = time.Date(year, month, day, hour, minute, second, 0, time.UTC).Add(-time.Duration(offset) * time.Second)
	return t, year, true
}

// monthAbbrev is the month of an English three-letter abbreviation (Jan,
// Feb…, in any case), 0 for anything else.
func monthAbbrev(b []byte) time.Month {
	for m := time.January; m <= time.December; m++ {
		if asciiFold(b, m.String()[:3]) {
			return m
		}
	}
	return 0
}

// weekdayAbbrev reports whether b is an English three-letter weekday
// abbreviation (Sun, Mon…, in any case).
func weekdayAbbrev(b []byte) bool {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if asciiFold(b, d.String()[:3]) {
			return true
		}
	}
	return false
}

// asciiFold reports whether b is the ASCII letters of s, in any case (as
// time.Parse matches names).
func asciiFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if b[i]|0x20 != s[i]|0x20 || !('a' <= b[i]|0x20 && b[i]|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// daysIn is the number of days of month m of year.
func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int(m-1)%7%2
}

// num is the number the decimal digits b write.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
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
