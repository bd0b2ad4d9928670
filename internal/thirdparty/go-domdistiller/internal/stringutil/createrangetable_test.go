package stringutil

import (
	"testing"
	"unicode"

	"golang.org/x/text/unicode/rangetable"
)

// upstreamRangeTable is upstream's createRangeTable: every rune of every
// range listed and handed to rangetable.New.
func upstreamRangeTable(runePairs []rune) *unicode.RangeTable {
	var runes []rune
	for i := 0; i+1 < len(runePairs); i += 2 {
		start, end := runePairs[i], runePairs[i+1]
		if end < start {
			start, end = end, start
		}
		for r := start; r <= end; r++ {
			runes = append(runes, r)
		}
	}
	return rangetable.New(runes...)
}

// TestCreateRangeTableSameRunes checks the directly written tables against
// upstream's construction over every rune, for the package's three tables
// and for pairs out of order, overlapping, adjacent and beyond U+FFFF.
func TestCreateRangeTableSameRunes(t *testing.T) {
	for _, pairs := range []string{
		"azAZ09__\u00C0\u1FFF\uAC00\uD7AF",
		"\u3040\uA4CF",
		"azAZ09__\u00C0\u1FFF",
		"zaAZ09__\u00C0\u1FFF",
		"am\u00FFg\u0100\u0200\uFFF0\U00010010\U0001F600\U0001F64F",
	} {
		got, want := createRangeTable([]rune(pairs)), upstreamRangeTable([]rune(pairs))
		for r := rune(-1); r <= unicode.MaxRune+1; r++ {
			if unicode.Is(got, r) != unicode.Is(want, r) {
				t.Fatalf("pairs %+q: rune %U: got %v, upstream %v", pairs, r, unicode.Is(got, r), unicode.Is(want, r))
			}
		}
		latin := 0
		for _, r16 := range got.R16 {
			if r16.Hi <= unicode.MaxLatin1 {
				latin++
			}
		}
		if got.LatinOffset != latin {
			t.Errorf("pairs %+q: LatinOffset %d, want %d", pairs, got.LatinOffset, latin)
		}
	}
}
