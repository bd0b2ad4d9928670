package match

import (
	"math"
	"math/bits"
	"strings"
)

// prefixTrie finds the wildcard prefixes a word starts with in one walk along the word. It is a trie
// of the prefixes stored as a hash set of its nodes: a node is identified by a hash of the bytes on
// the path to it, computed incrementally, so each byte of the word costs one probe and the walk stops
// at the first byte no prefix continues with. A node that ends a prefix holds the prefix's id and its
// text, compared on a hit (two paths may share a hash).
type prefixTrie struct {
	// a filter in front of the walk: some prefix is the one byte c (first1[c]), the two bytes c, d
	// (bit c<<8|d of first2), or starts with three bytes hashing to bit first3Bit of first3
	first1 [256]bool
	first2 [1 << 16 / 64]uint64
	first3 [1 << 16 / 64]uint64
	short  bool // there are prefixes of one or two bytes
	slots  []trieSlot
	shift  uint
	mask   uint64
	keys   []string // prefix id → the prefix
	minLen int      // the length of the shortest prefix
	// prefixes whose end node's hash collides with that of another prefix's (should never happen):
	// tried on every word
	extra []int32
}

type trieSlot struct {
	h  uint64 // 0 marks an empty slot
	id int32  // the prefix ending here, or -1
}

// trieStep extends the hash of a path by one byte. The result is never 0.
func trieStep(h uint64, c byte) uint64 {
	return ((h+uint64(c)+1)*hashMul1 ^ h>>29) | 1
}

// newPrefixTrie builds a trie of prefixes; prefix i gets id i. Prefixes are not empty.
func newPrefixTrie(prefixes []string) *prefixTrie {
	nodes := 0
	for _, p := range prefixes {
		nodes += len(p)
	}
	size := 16
	for size < 2*nodes {
		size <<= 1
	}
	t := &prefixTrie{
		slots: make([]trieSlot, size),
		shift: uint(64 - bits.TrailingZeros(uint(size))),
		mask:  uint64(size - 1),
		keys:  prefixes,
	}
	t.minLen = math.MaxInt
	for id, p := range prefixes {
		t.minLen = min(t.minLen, len(p))
		switch len(p) {
		case 1:
			t.short = true
			t.first1[p[0]] = true
		case 2:
			t.short = true
			k := uint(p[0])<<8 | uint(p[1])
			t.first2[k/64] |= 1 << (k % 64)
		default:
			k := first3Bit(p)
			t.first3[k/64] |= 1 << (k % 64)
		}
		h := uint64(0)
		for k := 0; k < len(p); k++ {
			h = trieStep(h, p[k])
			s := t.slot(h)
			if s.h == 0 {
				*s = trieSlot{h: h, id: -1}
			}
			if k == len(p)-1 {
				if s.id < 0 {
					s.id = int32(id)
				} else {
					t.extra = append(t.extra, int32(id))
				}
			}
		}
	}
	return t
}

// slot returns the slot of node h: its own, or the empty one where it would go.
func (t *prefixTrie) slot(h uint64) *trieSlot {
	i := h >> t.shift
	for {
		s := &t.slots[i]
		if s.h == h || s.h == 0 {
			return s
		}
		i = (i + 1) & t.mask
	}
}

// appendPrefixes appends the ids of the prefixes w starts with to dst, and returns it.
func (t *prefixTrie) appendPrefixes(dst []int32, w string) []int32 {
	if !t.mayStart(w) {
		if len(t.extra) == 0 {
			return dst
		}
		return t.appendExtra(dst, w)
	}
	h := uint64(0)
	// no prefix ends above depth minLen: the hashes of those nodes are worked out, not looked up
	k := 0
	for ; k < t.minLen-1 && k < len(w); k++ {
		h = trieStep(h, w[k])
	}
	for ; k < len(w); k++ {
		h = trieStep(h, w[k])
		s := t.slot(h)
		if s.h == 0 {
			break
		}
		if s.id >= 0 && len(t.keys[s.id]) == k+1 && t.keys[s.id] == w[:k+1] {
			dst = append(dst, s.id)
		}
	}
	return t.appendExtra(dst, w)
}

// mayStart reports whether some prefix in the trie may be a prefix of w.
func (t *prefixTrie) mayStart(w string) bool {
	if t.short {
		return t.mayStartShort(w)
	}
	return len(w) >= 3 && t.has3(w)
}

// has3 reports whether some prefix may start with the first three bytes of w.
func (t *prefixTrie) has3(w string) bool {
	k := first3Bit(w)
	return t.first3[k/64]&(1<<(k%64)) != 0
}

// mayStartShort is mayStart when there are prefixes of one or two bytes.
func (t *prefixTrie) mayStartShort(w string) bool {
	switch {
	case len(w) == 0:
		return false
	case t.first1[w[0]]:
		return true
	case len(w) == 1:
		return false
	}
	if k := uint(w[0])<<8 | uint(w[1]); t.first2[k/64]&(1<<(k%64)) != 0 {
		return true
	}
	if len(w) == 2 {
		return false
	}
	k := first3Bit(w)
	return t.first3[k/64]&(1<<(k%64)) != 0
}

// first3Bit hashes the first three bytes of w to 16 bits.
func first3Bit(w string) uint {
	return uint((uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16) * 0x9E3779B1 >> 16)
}

func (t *prefixTrie) appendExtra(dst []int32, w string) []int32 {
	for _, id := range t.extra {
		if strings.HasPrefix(w, t.keys[id]) {
			dst = append(dst, id)
		}
	}
	return dst
}
