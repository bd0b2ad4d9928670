// Package entity decodes the HTML character references left in text that was escaped once more than
// it was unescaped. Feeds often carry "Putin&amp;#8217;s" (or a CDATA section holding "&amp;#8217;"):
// the feed's XML and the HTML inside it are each decoded once, and the text still reads "Putin&#8217;s",
// which a reader skips over but a watch for "Putin's war" does not — it sees the words "putin 8217 s".
//
// Only complete references are decoded: a decimal or hexadecimal one, with or without its semicolon
// as browsers read them ("&#39;", "&#x2019;", "&#8217s"), or a named one ending in a semicolon
// ("&amp;", "&rsquo;"). A bare ampersand ("AT&T", "Q&A") and a name without its semicolon
// ("&copy 2024") stay as they are.
package entity

import (
	"html"
	"strings"
)

// maxRef is the length of the longest reference looked at, "&" and ";" included: the longest named
// reference of HTML ("&CounterClockwiseContourIntegral;") is 33 bytes.
const maxRef = 34

// Decode returns s with its complete character references decoded, once. It returns s itself when
// there is none.
func Decode(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0 // s[last:i] is not yet written
	for i >= 0 {
		n := refLen(s[i:])
		if n > 0 {
			ref := s[i : i+n]
			if d := html.UnescapeString(ref); d != ref {
				if b.Len() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[last:i])
				b.WriteString(d)
				last = i + n
			}
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// refLen returns the length of the complete character reference s starts with ("&#39;", "&amp;"), or
// 0 when it does not start with one.
func refLen(s string) int {
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	k := 1
	switch {
	case s[1] == '#' && len(s) > 2 && (s[2] == 'x' || s[2] == 'X'):
		k = 3
		for k < len(s) && k < 12 && isHex(s[k]) {
			k++
		}
		if k == 3 || k < len(s) && isHex(s[k]) {
			return 0
		}
		return numericEnd(s, k)
	case s[1] == '#':
		k = 2
		for k < len(s) && k < 12 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == 2 || k < len(s) && s[k] >= '0' && s[k] <= '9' {
			return 0
		}
		return numericEnd(s, k)
	default:
		for k < len(s) && k < maxRef-1 && isAlnum(s[k]) {
			k++
		}
		if k == 1 {
			return 0
		}
	}
	if k < len(s) && s[k] == ';' {
		return k + 1
	}
	return 0
}

// numericEnd returns the length of the numeric reference whose digits end
// at s[k]: with its semicolon, or without one, as browsers read "&#8217s".
func numericEnd(s string, k int) int {
	if k < len(s) && s[k] == ';' {
		return k + 1
	}
	return k
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
