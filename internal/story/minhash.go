package story

import (
	"slices"

	"github.com/newshound/newshound/internal/match"
)

// Near-duplicate text: the MinHash of an article's word shingles, and locality-sensitive hashing
// over bands of it.
//
// Two texts whose sets of shingles (runs of shingleWords folded words) have Jaccard similarity J
// agree on each of the numHashes minimum hashes with probability J. The signature is cut into
// numBands bands of bandRows hashes; two texts that agree on a whole band become candidates, which
// happens with probability 1-(1-J^bandRows)^numBands: about 0.03 at J=0.2, 0.50 at J=0.47, 0.98 at
// J=0.7. Candidates are then kept only when the whole signature agrees on at least
// Config.Duplicate of its hashes.
//
// The hashes are FNV-1a of the folded words, mixed by splitmix64 with a fixed seed per hash
// function: they are the same on every machine and in every run, so signatures can be stored.
const (
	shingleWords = 4
	numBands     = 16
	bandRows     = 4
	numHashes    = numBands * bandRows
	// minShingles is the fewest shingles a text needs for a signature: below it, a few shared
	// stock phrases would make unrelated short texts look alike.
	minShingles = 30
	// maxShingleWords bounds the words of a text that are shingled.
	maxShingleWords = 5000
)

// signature is the MinHash of a text.
type signature [numHashes]uint32

// textSignature returns the MinHash signature of text, or false when it has too few words.
func textSignature(text string) (signature, bool) {
	return wordsSignature(match.Words(text))
}

// wordsSignature returns the MinHash signature of a text's words (match.Words), or false when
// there are too few.
func wordsSignature(ws []match.Word) (signature, bool) {
	var sc prepScratch
	return sc.wordsSignature(ws)
}

// wordsSignature is wordsSignature with the scratch space of sc.
func (sc *prepScratch) wordsSignature(ws []match.Word) (signature, bool) {
	var sig signature
	if len(ws) > maxShingleWords {
		ws = ws[:maxShingleWords]
	}
	n := len(ws) - shingleWords + 1
	if n < minShingles {
		return sig, false
	}
	hs := slices.Grow(sc.hashes[:0], len(ws))[:len(ws)]
	sc.hashes = hs
	for i, w := range ws {
		hs[i] = fnv64(w.Fold)
	}
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i < n; i++ {
		h := hs[i]
		for k := 1; k < shingleWords; k++ {
			h = mix64(h*0x100000001b3 ^ hs[i+k])
		}
		for j := range sig {
			v := uint32(mix64(h^hashSeeds[j]) >> 32)
			if v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig, true
}

// agreement is the share of hashes on which two signatures agree, an estimate of the Jaccard
// similarity of the two texts' shingles.
func agreement(a, b *signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / numHashes
}

// bandKey returns the key of band b of sig in the index, the band number mixed in so that equal rows
// in different bands do not meet.
func bandKey(sig *signature, b int) uint64 {
	h := uint64(b) + 0x9e3779b97f4a7c15
	for _, v := range sig[b*bandRows : (b+1)*bandRows] {
		h = mix64(h ^ uint64(v))
	}
	return h
}

func fnv64(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// mix64 is the finaliser of splitmix64.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hashSeeds are the fixed seeds of the numHashes hash functions: the splitmix64 sequence from 1.
var hashSeeds = func() (s [numHashes]uint64) {
	x := uint64(1)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}()

// bandIndex finds the stories that have a band key. Almost every key belongs to one story, so the
// first story of a key is kept in a plain map and the few others beside it: an entry costs a map
// slot, not a slice.
type bandIndex struct {
	one  map[uint64]*story
	more map[uint64][]*story
}

func newBandIndex() bandIndex {
	return bandIndex{one: make(map[uint64]*story), more: make(map[uint64][]*story)}
}

// add indexes the bands of sig for s.
func (x *bandIndex) add(sig *signature, s *story) {
	for b := 0; b < numBands; b++ {
		k := bandKey(sig, b)
		first, ok := x.one[k]
		switch {
		case !ok:
			x.one[k] = s
		case first == s:
		default:
			if l := x.more[k]; len(l) == 0 || l[len(l)-1] != s {
				x.more[k] = append(l, s)
			}
		}
	}
}

// lookup calls f for each story (open or closed) that has band b of sig.
func (x *bandIndex) lookup(sig *signature, b int, f func(*story)) {
	k := bandKey(sig, b)
	if s, ok := x.one[k]; ok {
		f(s)
		for _, s := range x.more[k] {
			f(s)
		}
	}
}

// compact drops closed stories.
func (x *bandIndex) compact() {
	for k, s := range x.one {
		l := x.more[k]
		if !s.closed {
			if len(l) > 0 {
				l = slices.DeleteFunc(l, func(s *story) bool { return s.closed })
				if len(l) == 0 {
					delete(x.more, k)
				} else {
					x.more[k] = l
				}
			}
			continue
		}
		l = slices.DeleteFunc(l, func(s *story) bool { return s.closed })
		switch len(l) {
		case 0:
			delete(x.one, k)
			delete(x.more, k)
		case 1:
			x.one[k] = l[0]
			delete(x.more, k)
		default:
			x.one[k] = l[0]
			x.more[k] = l[1:]
		}
	}
}
