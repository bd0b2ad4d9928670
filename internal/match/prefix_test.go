package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestPrefixTrie(t *testing.T) {
	prefixes := []string{"m", "me", "meddl", "election", "elect", "путин", "erdo", "x"}
	trie := newPrefixTrie(prefixes)
	tests := []struct {
		word string
		want []string // shortest first
	}{
		{"meddled", []string{"m", "me", "meddl"}},
		{"meddl", []string{"m", "me", "meddl"}},
		{"med", []string{"m", "me"}},
		{"elections", []string{"elect", "election"}},
		{"elec", nil},
		{"путинский", []string{"путин"}},
		{"erdogan", []string{"erdo"}},
		{"xerdo", []string{"x"}},
		{"remeddled", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			var got []string
			for _, id := range trie.appendPrefixes(nil, tt.word) {
				got = append(got, prefixes[id])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("prefixes of %q = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

// TestPrefixTrieRandom compares the trie with trying every prefix, over many prefixes sharing their
// first letters, with and without prefixes of one or two bytes.
func TestPrefixTrieRandom(t *testing.T) {
	for _, minLen := range []int{1, 3} {
		r := rand.New(rand.NewPCG(5, uint64(minLen)))
		word := func(n int) string {
			var b strings.Builder
			for range n {
				b.WriteByte("abcde"[r.IntN(5)])
			}
			return b.String()
		}
		seen := map[string]bool{}
		var prefixes []string
		for len(prefixes) < 500 {
			if p := word(minLen + r.IntN(8)); !seen[p] {
				seen[p] = true
				prefixes = append(prefixes, p)
			}
		}
		trie := newPrefixTrie(prefixes)
		for range 5000 {
			w := word(r.IntN(12))
			var want []int32
			for id, p := range prefixes {
				if strings.HasPrefix(w, p) {
					want = append(want, int32(id))
				}
			}
			got := trie.appendPrefixes(nil, w)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("prefixes of %q: got %v, want %v", w, got, want)
			}
			if may := trie.mayStart(w); len(want) > 0 && !may {
				t.Fatalf("mayStart(%q) = false, but %q is a prefix", w, prefixes[want[0]])
			}
		}
	}
}
