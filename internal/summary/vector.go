package summary

import (
	"math"
	"slices"
)

// vocab numbers the stems of one text.
type vocab map[string]int32

// id returns the stem's number, adding it when new.
func (v vocab) id(stem string) int32 {
	if n, ok := v[stem]; ok {
		return n
	}
	n := int32(len(v))
	v[stem] = n
	return n
}

// entry is one dimension of a sparse vector.
type entry struct {
	id int32
	w  float64
}

// vector is a sparse vector sorted by id.
type vector []entry

// appendVector counts ids into a sorted sparse vector of term frequencies
// appended to buf, and returns buf extended and the vector, which shares
// buf's memory but cannot grow into it (nil when ids is empty). ids is
// sorted in place.
func appendVector(buf []entry, ids []int32) ([]entry, vector) {
	slices.Sort(ids)
	start := len(buf)
	for _, id := range ids {
		if n := len(buf); n > start && buf[n-1].id == id {
			buf[n-1].w++
			continue
		}
		buf = append(buf, entry{id, 1})
	}
	if len(buf) == start {
		return buf, nil
	}
	return buf, vector(buf[start:len(buf):len(buf)])
}

// dot is the inner product of two sparse vectors.
func (v vector) dot(u vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(v) && j < len(u); {
		switch {
		case v[i].id < u[j].id:
			i++
		case v[i].id > u[j].id:
			j++
		default:
			s += v[i].w * u[j].w
			i++
			j++
		}
	}
	return s
}

// has reports whether the vector has a non-zero weight for id.
func (v vector) has(id int32) bool {
	_, ok := slices.BinarySearchFunc(v, id, func(e entry, id int32) int { return int(e.id - id) })
	return ok
}

// normalize scales v to unit length (a zero vector stays zero).
func (v vector) normalize() {
	var norm float64
	for _, e := range v {
		norm += e.w * e.w
	}
	if norm == 0 {
		return
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
}
