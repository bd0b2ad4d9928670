// Package chattext holds the platform-neutral text work of laying an alert
// out in a chat message: cleaning untrusted feed text (valid UTF-8, no
// control or bidirectional-override characters, whitespace collapsed),
// cutting to a limit without splitting a grapheme cluster, the quotes as
// shown, the matched terms, and telling whether a snippet repeats what the
// message already shows. Escaping is each platform's (bot/discord,
// bot/slack): these functions never escape, and take the platform's escape
// function where a rule depends on it; limits are the caller's.
package chattext

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/summary"
)

// Ellipsis marks text cut to fit a limit.
const Ellipsis = "…"

// Paywalled is how an alert says its page is for subscribers: the summary
// and quotes come only from the part the page shows (alert.Alert.Paywalled).
const Paywalled = "subscribers only: from the part the page shows"

// Line makes untrusted text safe to lay out on one line: valid UTF-8, no
// control or bidirectional-override characters, whitespace runs (line
// breaks included) collapsed to one space, trimmed.
func Line(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case dropRune(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Text is Line for running text: its paragraphs, each on one line,
// separated by a blank line.
func Text(s string) string { return strings.Join(Paragraphs(s), "\n\n") }

// Paragraphs is Line for running text: its paragraphs (split at blank
// lines), each cleaned to one line, empty ones dropped.
func Paragraphs(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out, cur []string
	flush := func() {
		if p := Line(strings.Join(cur, " ")); p != "" {
			out = append(out, p)
		}
		cur = nil
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// dropRune reports runes that have no business in chat text from feeds:
// control characters, bidirectional overrides and isolates (which can
// disguise text), and zero-width spaces.
func dropRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return false // shown as �, harmless
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200B, r == 0xFEFF:
		return true
	}
	return false
}

// Runes counts Unicode characters (code points), as Slack and Discord count
// their limits.
func Runes(s string) int { return utf8.RuneCountInString(s) }

// Truncate cuts s to at most max Unicode characters, ending with "…" when
// cut. It prefers a word boundary and never splits a grapheme cluster
// (emoji sequences, letters with combining marks).
func Truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if Runes(s) <= max {
		return s
	}
	return cut(s, max) + Ellipsis
}

// TruncateEscaped is Truncate for text escaped with backslashes (Discord's
// markdown): an odd run of backslashes where the cut falls — the first half
// of an escape — is dropped, so that it cannot escape the "…".
func TruncateEscaped(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if Runes(s) <= max {
		return s
	}
	out := cut(s, max)
	if n := len(out) - len(strings.TrimRight(out, `\`)); n%2 == 1 {
		out = out[:len(out)-1]
	}
	return out + Ellipsis
}

// cut is s cut for Truncate, without the "…".
func cut(s string, max int) string {
	budget := max - Runes(Ellipsis)
	cut, cutRunes := 0, 0
	space, spaceRunes := 0, 0
	atBoundary := false
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		start, end := g.Positions()
		cl := g.Str()
		isSpace := cl == " " || cl == "\n"
		n := cutRunes + len(g.Runes())
		if n > budget {
			atBoundary = isSpace
			break
		}
		if isSpace {
			space, spaceRunes = start, cutRunes
		}
		cut, cutRunes = end, n
	}
	if !atBoundary && spaceRunes > 0 && spaceRunes >= budget/2 {
		cut = space
	}
	return strings.TrimRight(s[:cut], " \n")
}

// CutLines cuts text to max characters at a line boundary when it can,
// else with truncate (Truncate, or TruncateEscaped for escaped text).
func CutLines(s string, max int, truncate func(string, int) string) string {
	for Runes(s) > max {
		i := strings.LastIndexByte(s, '\n')
		if i < 0 {
			return truncate(s, max)
		}
		s = s[:i]
	}
	return s
}

// JoinLines joins lines with line breaks, as many as fit max characters:
// it stops at the first line that does not fit.
func JoinLines(lines []string, max int) string {
	var b strings.Builder
	n := 0
	for _, line := range lines {
		sep := 0
		if n > 0 {
			sep = 1
		}
		if n+sep+Runes(line) > max {
			break
		}
		if sep == 1 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		n += sep + Runes(line)
	}
	return b.String()
}

// Fit is escape(Truncate(s, n)) for the largest n whose escaped form has at
// most max characters: a limit counted on the escaped text, cut on the
// plain text so that no escape is split.
func Fit(s string, max int, escape func(string) string) string {
	if out := escape(s); Runes(out) <= max {
		return out
	}
	// Binary search: the escaped length grows with n.
	lo, hi, best := 1, max, ""
	for lo <= hi {
		n := (lo + hi) / 2
		if out := escape(Truncate(s, n)); Runes(out) <= max {
			best, lo = out, n+1
		} else {
			hi = n - 1
		}
	}
	return best
}

// SafeURL returns raw if it is an absolute http(s) URL of at most 2048
// bytes without credentials or characters that could end a link (white
// space, <, > and "), else "". A platform whose links end at another
// character refuses that too (Slack: |).
func SafeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 2048 || !utf8.ValidString(raw) || strings.ContainsAny(raw, " \t\r\n<>\"") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return raw
}

const quotationMarks = "\"'“”„‟‘’‚‛«»‹›「」『』"

// QuoteText is a quote as shown: cleaned, without the quotation marks
// wrapping it (the message adds its own) and without the comma that ended
// it where the sentence went on ("…," she said).
func QuoteText(s string) string {
	s = trimQuotationMarks(Line(s))
	if t := strings.TrimRight(s, ",，،、 "); t != s {
		s = trimQuotationMarks(t)
	}
	return s
}

func trimQuotationMarks(s string) string {
	for {
		r, n := utf8.DecodeRuneInString(s)
		l, m := utf8.DecodeLastRuneInString(s)
		if n == 0 || len(s) <= n || !strings.ContainsRune(quotationMarks, r) || !strings.ContainsRune(quotationMarks, l) {
			return s
		}
		s = strings.TrimSpace(s[n : len(s)-m])
	}
}

// Same is text reduced for "is this said already" comparisons: cleaned,
// lower case, without quotation marks and ellipses, single spaces.
func Same(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(quotationMarks+"…", r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, Line(s))
	return strings.Join(strings.Fields(s), " ")
}

// SummarySentences are Same of each sentence of a summary.
func SummarySentences(text string) []string {
	var out []string
	for _, sp := range summary.Split(text) {
		out = append(out, Same(text[sp.Start:sp.End]))
	}
	return out
}

// minRepeatWords is how many words of a snippet's sentence, found in what
// the message already shows, make it a repeat.
const minRepeatWords = 4

// Repeats reports whether a snippet shows a sentence, or a piece of one, of
// said (Same of the sentences shown): it lies within one, holds one, or a
// sentence of it lies within one.
func Repeats(snippet string, said []string) bool {
	core := strings.TrimSpace(strings.Trim(strings.TrimSpace(snippet), "…"))
	whole := Same(core)
	if whole == "" {
		return false
	}
	var pieces []string
	for _, sp := range summary.Split(core) {
		if k := Same(core[sp.Start:sp.End]); len(strings.Fields(k)) >= minRepeatWords {
			pieces = append(pieces, k)
		}
	}
	for _, s := range said {
		if s == "" {
			continue
		}
		if (len(strings.Fields(whole)) >= minRepeatWords && strings.Contains(s, whole)) ||
			(len(strings.Fields(s)) >= minRepeatWords && strings.Contains(whole, s)) {
			return true
		}
		for _, p := range pieces {
			if strings.Contains(s, p) {
				return true
			}
		}
	}
	return false
}

// ShownQuotes are the quotes an alert shows, at most max: those with text
// (QuoteText) that its summary does not already show, their Text as
// QuoteText lays it out.
func ShownQuotes(a alert.Alert, max int) []alert.Quote {
	whole := Same(a.Summary)
	var out []alert.Quote
	for _, q := range a.Quotes {
		if len(out) == max {
			break
		}
		text := QuoteText(q.Text)
		if k := Same(text); text != "" && (k == "" || !strings.Contains(whole, k)) {
			out = append(out, alert.Quote{Text: text, Speaker: q.Speaker})
		}
	}
	return out
}

// Said is Same of each sentence an alert shows: its summary's sentences
// and its quotes shown.
func Said(summaryText string, quotes []alert.Quote) []string {
	said := SummarySentences(summaryText)
	for _, q := range quotes {
		said = append(said, Same(q.Text))
	}
	return said
}

// Snippets are the hits of "Why it matched" an alert shows, at most max,
// each snippet cleaned and cut to snippetCap: those whose snippet is not
// empty, not shown before, and not a repeat of what the message says
// already (said: see Repeats).
func Snippets(a alert.Alert, said []string, max, snippetCap int) []alert.Why {
	var out []alert.Why
	seen := map[string]bool{}
	for _, w := range a.Why {
		if len(out) == max {
			break
		}
		snippet := Truncate(Line(w.Snippet), snippetCap)
		if snippet == "" || seen[snippet] || Repeats(snippet, said) {
			continue
		}
		seen[snippet] = true
		w.Snippet = snippet
		out = append(out, w)
	}
	return out
}

// OtherOutlets are a story's outlets to name beside an alert from the
// outlet own: each outlet once, own left out, outlets told apart by their
// names as shown (Line, case folded). Outlets without a name count as one;
// an own without a name leaves none out. An outlet marked ByTitle (another
// article of an outlet named already) is told apart by its link too.
func OtherOutlets(own string, also []alert.Outlet) []alert.Outlet {
	seen := map[string]bool{}
	if key := strings.ToLower(Line(own)); key != "" {
		seen[key] = true
	}
	var out []alert.Outlet
	for _, o := range also {
		key := strings.ToLower(Line(o.Feed))
		if o.ByTitle {
			key += "\x00" + o.URL // another article of an outlet named already
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, o)
	}
	return out
}

// OutletLabel is an outlet as listed: OutletName, or "name: title" for
// another article of an outlet named already (alert.Outlet.ByTitle).
func OutletLabel(o alert.Outlet) string {
	if o.ByTitle {
		return OutletName(o.Feed) + ": " + Line(o.Title)
	}
	return OutletName(o.Feed)
}

// OutletName is an outlet's name as listed: its feed's name, or "another
// outlet" when it has none.
func OutletName(feed string) string {
	if name := Line(feed); name != "" {
		return name
	}
	return "another outlet"
}

// ByWatch groups alerts by watch, the watches in order of first
// appearance.
func ByWatch(alerts []alert.Alert) (order []string, groups map[string][]alert.Alert) {
	groups = map[string][]alert.Alert{}
	for _, a := range alerts {
		if _, ok := groups[a.Watch]; !ok {
			order = append(order, a.Watch)
		}
		groups[a.Watch] = append(groups[a.Watch], a)
	}
	return order, groups
}

// Terms are the words to show and highlight: the terms as they appear in
// the article, then the query's own terms, without query syntax.
func Terms(a alert.Alert) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		t = Line(strings.Trim(t, "\"*?()"))
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, t)
	}
	for _, t := range a.Matched {
		add(t)
	}
	for _, w := range a.Why {
		add(w.Term)
	}
	return out
}

// FieldLabel keeps a hit's field name only if it is a plain word.
func FieldLabel(f string) string {
	if f == "" || len(f) > 16 {
		return ""
	}
	for _, r := range f {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	return f
}

// Highlight lays a (cleaned, already cut) snippet out with escape, and each
// occurrence of a term — matched case-insensitively at word boundaries —
// escaped and wrapped in open and close (the platform's bold).
func Highlight(snippet string, terms []string, escape func(string) string, open, close string) string {
	type span struct{ start, end int }
	var spans []span
	for i := 0; i < len(snippet); {
		best := 0
		if i == 0 || !isWordRune(lastRune(snippet[:i])) {
			for _, t := range terms {
				if n := prefixFold(snippet[i:], t); n > best && (i+n == len(snippet) || !isWordRune(firstRune(snippet[i+n:]))) {
					best = n
				}
			}
		}
		if best > 0 {
			spans = append(spans, span{i, i + best})
			i += best
			continue
		}
		_, size := utf8.DecodeRuneInString(snippet[i:])
		i += size
	}
	var b strings.Builder
	prev := 0
	for _, s := range spans {
		b.WriteString(escape(snippet[prev:s.start]))
		b.WriteString(open)
		b.WriteString(escape(snippet[s.start:s.end]))
		b.WriteString(close)
		prev = s.end
	}
	b.WriteString(escape(snippet[prev:]))
	return b.String()
}

func prefixFold(s, t string) int {
	i := 0
	for _, tr := range t {
		if i >= len(s) {
			return 0
		}
		sr, size := utf8.DecodeRuneInString(s[i:])
		if !equalFoldRune(sr, tr) {
			return 0
		}
		i += size
	}
	return i
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Count is "1 alert", "2 alerts", "3 watches".
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Noun(n, noun)
}

// LastDays is "last day", "last 7 days".
func LastDays(n int) string {
	if n == 1 {
		return "last day"
	}
	return "last " + Count(n, "day")
}

// Noun is noun, or its plural unless n is 1 ("watch": "watches").
func Noun(n int, noun string) string {
	switch {
	case n == 1:
		return noun
	case strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "s"):
		return noun + "es"
	default:
		return noun + "s"
	}
}
