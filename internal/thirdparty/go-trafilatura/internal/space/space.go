// Package space collapses white space as strings.Fields sees it, without
// the copies of strings.Join(strings.Fields(s), " ") when there is
// nothing to change. (newshound)
package space

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Collapse is strings.Join(strings.Fields(s), " "): runs of white space
// (unicode.IsSpace) made one space, the ends trimmed; bytes that are not
// UTF-8 are kept as they are. s itself is returned when it is so already.
func Collapse(s string) string {
	space := true // before the start: a leading space is to be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return collapseSlow(s)
				}
				space = true
			case '\t' <= c && c <= '\r':
				return collapseSlow(s)
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return collapseSlow(s)
		}
		space = false
		i += size
	}
	if space && s != "" {
		return collapseSlow(s)
	}
	return s
}

func collapseSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // start of the current word
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		switch {
		case isSpace && start >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[start:i])
			start = -1
		case !isSpace && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:])
	}
	return b.String()
}

// HasText reports whether s holds a character other than white space:
// whether Collapse(s) is not empty.
func HasText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return true
		}
		i += size
	}
	return false
}
