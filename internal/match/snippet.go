package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetLen is the target length of a snippet in bytes.
const snippetLen = 160

// snippet returns about snippetLen bytes of text around text[start:end], cut at word boundaries, with
// "…" where cut and runs of white space collapsed to one space.
func snippet(text string, start, end int) string {
	room := max(snippetLen-(end-start), 0)
	from := max(start-room/2, 0)
	to := min(end+room-(start-from), len(text))
	if to-end < room/2 { // near the end: give the rest to the left
		from = max(to-(end-start)-room, 0)
	}
	// cut at word boundaries: move inwards to the nearest space
	if from > 0 {
		if i := indexSpace(text[from:start]); i >= 0 {
			from += i
		} else {
			from = start
		}
	}
	if to < len(text) {
		if i := lastIndexSpace(text[end:to]); i >= 0 {
			to = end + i
		} else {
			to = end
		}
	}
	if cut := text[from:to]; !needsCollapse(cut) {
		cut = strings.TrimSpace(cut)
		switch {
		case from > 0 && to < len(text):
			return "…" + cut + "…"
		case from > 0:
			return "…" + cut
		case to < len(text):
			return cut + "…"
		}
		return cut
	}
	b := make([]byte, 0, to-from+8)
	if from > 0 {
		b = append(b, "…"...)
	}
	cut := text[from:to]
	started, space := false, false
	for len(cut) > 0 {
		i := indexSpace(cut)
		if i < 0 {
			i = len(cut)
		}
		if i > 0 {
			if space && started {
				b = append(b, ' ')
			}
			b = append(b, cut[:i]...)
			started, space = true, false
		}
		cut = cut[i:]
		for len(cut) > 0 {
			r, size := rune(cut[0]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(cut)
			}
			if !unicode.IsSpace(r) {
				break
			}
			space = true
			cut = cut[size:]
		}
	}
	if to < len(text) {
		b = append(b, "…"...)
	}
	return string(b)
}

// needsCollapse reports whether s has white space other than single ASCII spaces between words.
func needsCollapse(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
			continue
		case c < ' ' || c == 0x7f:
			return true
		case c >= utf8.RuneSelf:
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) || r == utf8.RuneError {
				return true
			}
		}
		prevSpace = false
	}
	return strings.HasPrefix(s, " ") && strings.HasPrefix(s[1:], " ")
}

// indexSpace returns the offset of the first white space in s, or -1. ASCII is checked byte by byte.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c >= '\t' && c <= '\r' {
			return i
		}
		if c >= utf8.RuneSelf && utf8.RuneStart(c) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i
			}
		}
	}
	return -1
}

// lastIndexSpace returns the offset of the last white space in s, or -1.
func lastIndexSpace(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c == ' ' || c >= '\t' && c <= '\r' {
			return i
		}
		if c >= utf8.RuneSelf && utf8.RuneStart(c) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i
			}
		}
	}
	return -1
}
