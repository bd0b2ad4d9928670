package discord

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// ellipsis marks text cut to fit a limit.
const ellipsis = "…"

// cleanLine makes untrusted text safe to lay out on one line: valid UTF-8,
// no control or bidirectional-override characters, whitespace runs (line
// breaks included) collapsed to one space, trimmed.
func cleanLine(s string) string {
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

// cleanText is cleanLine for running text: paragraph breaks (a blank line)
// survive as one blank line; other whitespace collapses to a space.
func cleanText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var paras []string
	for _, p := range splitParagraphs(s) {
		if p = cleanLine(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// splitParagraphs splits at lines that hold only whitespace.
func splitParagraphs(s string) []string {
	var out []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// dropRune reports runes that have no business in chat text from feeds:
// control characters, bidirectional overrides and isolates (which can
// disguise text), and the zero-width characters we use ourselves to break
// mentions.
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

// escapeMarkdown makes cleaned text render literally in Discord markdown:
// no emphasis, code, spoilers, masked links, headings, lists or block quotes,
// and no mentions (user, role, channel, @everyone, @here), timestamps or
// custom emoji. Bare URLs stay clickable: inside them only '<' is escaped,
// which also ends Discord's URL match.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	inURL := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i:]
		if !inURL && (i == 0 || isSpaceByte(s[i-1])) && (strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "http://")) {
			inURL = true
		}
		switch {
		case r == '\n':
			lineStart, inURL = true, false
			b.WriteByte('\n')
			i += size
			continue
		case r == ' ':
			inURL = false
			b.WriteByte(' ')
			i += size
			continue
		case r == '@' && (strings.HasPrefix(rest, "@everyone") || strings.HasPrefix(rest, "@here")):
			b.WriteString("@\u200b")
			i += size
			lineStart = false
			continue
		case r == '<':
			b.WriteString(`\<`)
		case inURL:
			b.WriteRune(r)
		case strings.ContainsRune("\\*_~`|[]", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && strings.ContainsRune("#-+>", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && r >= '0' && r <= '9':
			// "1. item" is an ordered list: escape the dot after the number.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && (s[j] == '.' || s[j] == ')') {
				b.WriteByte('\\')
				b.WriteByte(s[j])
				j++
			}
			i = j
			lineStart = false
			continue
		default:
			b.WriteRune(r)
		}
		lineStart = false
		i += size
	}
	return b.String()
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// truncate cuts s to at most max Unicode characters (code points, as Discord
// counts), ending with "…" when cut. It prefers a word boundary, never splits
// a grapheme cluster (emoji sequences, letters with combining marks) and
// never leaves a dangling markdown escape.
func truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	budget := max - utf8.RuneCountInString(ellipsis)
	cut, cutRunes := 0, 0     // end of the last whole cluster within budget
	space, spaceRunes := 0, 0 // start of the last space within budget
	atBoundary := false       // the cut falls just before a space
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
	out := strings.TrimRight(s[:cut], " \n")
	// An odd run of trailing backslashes would escape the ellipsis.
	if n := len(out) - len(strings.TrimRight(out, `\`)); n%2 == 1 {
		out = out[:len(out)-1]
	}
	return out + ellipsis
}

// runes counts Unicode characters as Discord does.
func runes(s string) int { return utf8.RuneCountInString(s) }

// safeURL returns u if it is an absolute http(s) URL Discord will accept in
// an embed, else "".
func safeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 2048 || strings.ContainsAny(raw, " \t\r\n<>\"") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	if !utf8.ValidString(raw) {
		return ""
	}
	return raw
}

// isSnowflake reports whether s looks like a Discord ID.
func isSnowflake(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// count is "1 alert", "2 alerts": n and the noun, plural unless n is 1.
func count(n int, noun string) string {
	return strconv.Itoa(n) + " " + nounFor(n, noun)
}

// nounFor is noun, or its plural unless n is 1 ("watch": "watches").
func nounFor(n int, noun string) string {
	switch {
	case n == 1:
		return noun
	case strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "s"):
		return noun + "es"
	default:
		return noun + "s"
	}
}

// lastDays is "last day", "last 7 days".
func lastDays(n int) string {
	if n == 1 {
		return "last day"
	}
	return "last " + strconv.Itoa(n) + " days"
}
