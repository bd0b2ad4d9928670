package feed

import (
	"strings"
	"testing"
)

// BenchmarkParseAccented is BenchmarkParse of a feed in French: every
// "é" and "à" is a byte 0xC3 the mojibake repair looks at (an English
// feed's text has none, and costs it one byte scan a field).
func BenchmarkParseAccented(b *testing.B) {
	benchParse(b, "Le président a déclaré %d", strings.Repeat("Le ministre a déclaré à l’AFP qu’il était « très inquiet ». ", 8))
}
