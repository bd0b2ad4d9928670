package feed

import (
	"bytes"
	"strings"
	"testing"
)

// capItems's first test counts "<" bytes, its second the names: a document
// of n+1 items with hardly any other tag is still cut after its n-th item,
// one of n items is left whole.
func TestCapItemsFewTags(t *testing.T) {
	const n = 5
	for _, item := range []string{"<item/>", "<entry>a</entry>", "<x:item/>"} {
		for items := n - 1; items <= n+2; items++ {
			doc := []byte("<r>" + strings.Repeat(item, items) + "</r>")
			got := capItems(doc, n)
			want := doc
			if items > n {
				want = []byte("<r>" + strings.Repeat(item, n) + "</r>")
			}
			if !bytes.Equal(got, want) {
				t.Errorf("capItems(%q, %d) = %q, want %q", doc, n, got, want)
			}
		}
	}
}
