package article

import (
	"unicode"
	"unicode/utf8"
)

// The white-space scans of strings.TrimLeftFunc, TrimRightFunc, IndexFunc
// and LastIndexFunc with unicode.IsSpace, reading ASCII a byte at a time
// rather than a call per character: a page's walks run them over every
// text node. Bytes that are not UTF-8 are no space, as there.

// isSpaceByte reports whether c, an ASCII byte, is white space.
func isSpaceByte(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// trimLeftSpace is strings.TrimLeftFunc(s, unicode.IsSpace).
func trimLeftSpace(s string) string {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				return s[i:]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return s[i:]
		}
		i += size
	}
	return ""
}

// trimRightSpace is strings.TrimRightFunc(s, unicode.IsSpace).
func trimRightSpace(s string) string {
	for i := len(s); i > 0; {
		if c := s[i-1]; c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				return s[:i]
			}
			i--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(r) {
			return s[:i]
		}
		i -= size
	}
	return ""
}

// indexSpace is strings.IndexFunc(s, unicode.IsSpace).
func indexSpace(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if isSpaceByte(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return -1
}

// lastIndexSpace is strings.LastIndexFunc(s, unicode.IsSpace).
func lastIndexSpace(s string) int {
	for i := len(s); i > 0; {
		if c := s[i-1]; c < utf8.RuneSelf {
			if isSpaceByte(c) {
				return i - 1
			}
			i--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			return i - size
		}
		i -= size
	}
	return -1
}
