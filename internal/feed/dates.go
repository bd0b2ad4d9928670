package feed

import (
	"strconv"
	"strings"
	"time"
)

// readDate reads an item's date that the feed parser could not: RFC 822
// written with German, French, Spanish, Italian, Dutch or Portuguese day
// and month names (Sa, 05 Dez 2026 10:00:00 +0100; samedi 5 décembre 2026),
// German time zones (MEZ, MESZ), a comment after the zone ("+0000 (UTC)"),
// a date with slashes (2026/12/05 10:00), Unix seconds. A date without a
// zone is UTC; the weekday is not checked.
func readDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 9 && len(s) <= 10 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), true
		}
	}
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	fields := strings.Fields(strings.ReplaceAll(strings.ToLower(s), ",", " "))
	named := 0 // fields that name a month: with two, the first is a weekday (Spanish, French "mar")
	for _, f := range fields {
		if months[strings.TrimSuffix(f, ".")] != "" {
			named++
		}
	}
	var out []string
	for k, f := range fields {
		f = strings.TrimSuffix(f, ".")
		switch {
		case f == "", k == 0 && named > 1:
		case f[0] >= '0' && f[0] <= '9' || f[0] == '+' || f[0] == '-':
			out = append(out, f)
		case months[f] != "":
			out = append(out, months[f])
		case zones[f] != "":
			out = append(out, zones[f])
		case k == 0:
			// a weekday
		default:
			return time.Time{}, false
		}
	}
	v := strings.Join(out, " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05", "2 Jan 2006 15:04", "2 Jan 2006",
	"Jan 2 2006 15:04:05 -0700", "Jan 2 2006 15:04 -0700", "Jan 2 2006",
	"2006/01/02 15:04:05 -0700", "2006/01/02 15:04:05", "2006/01/02 15:04", "2006/01/02",
}

// months maps month names and their abbreviations, lower case, in English
// and the languages above, to the English abbreviation.
var months = map[string]string{
	"jan": "Jan", "january": "Jan", "januar": "Jan", "jänner": "Jan", "jaen": "Jan", "janv": "Jan", "janvier": "Jan", "ene": "Jan", "enero": "Jan", "gen": "Jan", "gennaio": "Jan", "januari": "Jan", "janeiro": "Jan",
	"feb": "Feb", "february": "Feb", "februar": "Feb", "feber": "Feb", "fév": "Feb", "fev": "Feb", "févr": "Feb", "fevr": "Feb", "février": "Feb", "fevrier": "Feb", "febrero": "Feb", "febbraio": "Feb", "februari": "Feb", "fevereiro": "Feb",
	"mar": "Mar", "march": "Mar", "mär": "Mar", "märz": "Mar", "maerz": "Mar", "mrz": "Mar", "mars": "Mar", "marzo": "Mar", "mrt": "Mar", "maart": "Mar", "março": "Mar", "marco": "Mar",
	"apr": "Apr", "april": "Apr", "avr": "Apr", "avril": "Apr", "abr": "Apr", "abril": "Apr", "aprile": "Apr",
	"may": "May", "mai": "May", "mayo": "May", "mag": "May", "maggio": "May", "mei": "May", "maio": "May",
	"jun": "Jun", "june": "Jun", "juni": "Jun", "juin": "Jun", "junio": "Jun", "giu": "Jun", "giugno": "Jun", "junho": "Jun",
	"jul": "Jul", "july": "Jul", "juli": "Jul", "juil": "Jul", "juillet": "Jul", "julio": "Jul", "lug": "Jul", "luglio": "Jul", "julho": "Jul",
	"aug": "Aug", "august": "Aug", "aoû": "Aug", "août": "Aug", "aout": "Aug", "ago": "Aug", "agosto": "Aug", "augustus": "Aug",
	"sep": "Sep", "sept": "Sep", "september": "Sep", "septembre": "Sep", "septiembre": "Sep", "set": "Sep", "settembre": "Sep", "setembro": "Sep",
	"oct": "Oct", "october": "Oct", "okt": "Oct", "oktober": "Oct", "octobre": "Oct", "octubre": "Oct", "ott": "Oct", "ottobre": "Oct", "out": "Oct", "outubro": "Oct",
	"nov": "Nov", "november": "Nov", "novembre": "Nov", "noviembre": "Nov", "novembro": "Nov",
	"dec": "Dec", "december": "Dec", "dez": "Dec", "dezember": "Dec", "déc": "Dec", "décembre": "Dec", "decembre": "Dec", "dic": "Dec", "diciembre": "Dec", "dicembre": "Dec", "dezembro": "Dec",
}

// zones maps time zone names to their offsets.
var zones = map[string]string{
	"utc": "+0000", "gmt": "+0000", "z": "+0000", "ut": "+0000",
	"mez": "+0100", "cet": "+0100", "mesz": "+0200", "cest": "+0200",
	"wez": "+0000", "wesz": "+0100", "oez": "+0200", "oesz": "+0300",
}
