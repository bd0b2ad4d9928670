package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Join writes summary sentences as one text, as the language writes them: a
// space between sentences, but none after a sentence that ends in a
// full-width stop (。！？, and a closing bracket or quote after one: 」』）”)
// before one that starts with a letter of a script written without spaces
// — Chinese and Japanese do not put a space there.
func Join(sentences []string) string {
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 && !noSpaceBetween(sentences[i-1], s) {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

func noSpaceBetween(prev, next string) bool {
	last, size := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune("」』）】〉》”’", last) {
		last, _ = utf8.DecodeLastRuneInString(prev[:len(prev)-size])
	}
	if !strings.ContainsRune("。！？．", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune("「『（【〈《“‘", first) {
		return true
	}
	return unicode.In(first, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || unicode.IsDigit(first)
}
