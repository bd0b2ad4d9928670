package match

import (
	"math/bits"
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

// TestHashStringShortInvertible checks what dict.lookup relies on to skip comparing keys of up to 8
// bytes: for such keys hashString is invertible at a given length, so it is recovered from the hash.
func TestHashStringShortInvertible(t *testing.T) {
	inv := uint64(hashMul2) // the inverse of hashMul2 modulo 2^64, by Newton's iteration
	for range 6 {
		inv *= 2 - hashMul2*inv
	}
	unhash := func(h uint64, n int) string {
		h ^= h>>29 ^ h>>58 // undo h ^ h>>29
		h *= inv
		if n == 8 {
			h = bits.RotateLeft64(h, -31) * inv
		}
		v := h ^ uint64(n)*hashMul1
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(v >> (8 * i))
		}
		if n < 8 && v>>(8*n) != 0 {
			return "" // bytes beyond the key: not a key of length n
		}
		return string(b)
	}
	for _, key := range []string{"a", "ab", "putin", "érdogan", "meddling", "12345678", "\x00", "zzzzzzzz", "путин", "жж"} {
		if len(key) > 8 {
			continue
		}
		t.Run(key, func(t *testing.T) {
			if got := unhash(hashString(key), len(key)); got != key {
				t.Errorf("unhash(hashString(%q)) = %q", key, got)
			}
		})
	}
}

// TestHashShort checks hashShort, which dict lookups of short words use, against hashString.
func TestHashShort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 8; n++ {
		t.Run(strings.Repeat("x", n), func(t *testing.T) {
			for range 200 {
				b := make([]byte, 8)
				for k := range b {
					b[k] = byte(r.Uint32())
				}
				s := string(b)
				if got, want := hashShort(load64(s, 0), n), hashString(s[:n]); got != want {
					t.Fatalf("hashShort(%q, %d) = %x, hashString = %x", s, n, got, want)
				}
			}
		})
	}
}
