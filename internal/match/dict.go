package match

import "math/bits"

// dict is an open-addressing hash table from folded words to dense ids, with two bit filters in front
// so that most words of a text that are in no query cost a bit test or two: one by the word's shape
// (length, first and last byte; no hashing needed), one by its hash.
type dict struct {
	shapes [1 << 15 / 64]uint64
	slots  []dictSlot
	mask   uint64
	filter []uint64
	fshift uint
	arena  string // the keys, back to back: a slot's key is arena[off:off+n]
}

type dictSlot struct {
	hash uint64
	id   int32  // id+1; 0 marks an empty slot
	off  uint32 // the key in arena
	n    uint32
	data uint32 // where the user of the dict keeps what it knows of the key (see setData)
}

const (
	hashMul1 = 0x9E3779B97F4A7C15
	hashMul2 = 0xC2B2AE3D27D4EB4F
)

// hashString hashes a folded word, eight bytes at a time.
func hashString(s string) uint64 {
	h := uint64(len(s)) * hashMul1
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = bits.RotateLeft64((h^v)*hashMul2, 31)
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	h = (h ^ v) * hashMul2
	return h ^ h>>29
}

// hashShort is hashString of the first n bytes (1 <= n <= 8) of the eight bytes x (little-endian),
// without hashString's loops.
func hashShort(x uint64, n int) uint64 {
	v := x & (1<<(8*uint(n)) - 1)
	h := uint64(n) * hashMul1
	if n == 8 {
		h = bits.RotateLeft64((h^v)*hashMul2, 31)
		v = 0
	}
	h = (h ^ v) * hashMul2
	return h ^ h>>29
}

// newDict builds a dict of keys; key i gets id i.
func newDict(keys []string) *dict {
	size := 16
	for size < 2*len(keys) {
		size <<= 1
	}
	fbits := 1 << 10
	for fbits < 16*len(keys) {
		fbits <<= 1
	}
	d := &dict{
		slots:  make([]dictSlot, size),
		mask:   uint64(size - 1),
		filter: make([]uint64, fbits/64),
		fshift: uint(64 - bits.TrailingZeros(uint(fbits))),
	}
	var arena []byte
	for id, k := range keys {
		off := len(arena)
		arena = append(arena, k...)
		sh := shape(k)
		d.shapes[sh/64] |= 1 << (sh % 64)
		h := hashString(k)
		f := h >> d.fshift
		d.filter[f/64] |= 1 << (f % 64)
		i := h & d.mask
		for d.slots[i].id != 0 {
			i = (i + 1) & d.mask
		}
		d.slots[i] = dictSlot{hash: h, id: int32(id) + 1, off: uint32(off), n: uint32(len(k))}
	}
	d.arena = string(arena)
	return d
}

// shape is a 15-bit digest of a non-empty word that costs less than hashing it.
func shape(w string) uint32 {
	return uint32(len(w)&31)<<10 | uint32(w[0]&31)<<5 | uint32(w[len(w)-1]&31)
}

// slot returns the slot of key, whose hash is h, or nil.
func (d *dict) slot(h uint64, key string) *dictSlot {
	f := h >> d.fshift
	if d.filter[f/64]&(1<<(f%64)) == 0 {
		return nil
	}
	i := h & d.mask
	for {
		s := &d.slots[i]
		if s.id == 0 {
			return nil
		}
		// for keys of up to 8 bytes hashString is a bijection of the bytes at a given length, so equal
		// hashes and lengths mean equal keys
		if s.hash == h && int(s.n) == len(key) && (len(key) <= 8 || d.arena[s.off:s.off+s.n] == key) {
			return s
		}
		i = (i + 1) & d.mask
	}
}

// setData sets the data of the slot of key id to data[id], for every key: what the dict's user
// reads with the key's id in the same cache line.
func (d *dict) setData(data []uint32) {
	for i := range d.slots {
		if s := &d.slots[i]; s.id != 0 {
			s.data = data[s.id-1]
		}
	}
}
