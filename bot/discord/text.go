package discord

import (
	"strings"
	"unicode/utf8"
)

// Discord's own text rules: its markdown escape and its IDs. The rules it
// shares with Slack (cleaning, cutting, quotes, repeats) are
// internal/chattext's.

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
