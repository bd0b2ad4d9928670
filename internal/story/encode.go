package story

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
	"unicode/utf8"
)

// A story's state as a store keeps it, written each time the story gains an article: a compact
// binary form, encoded straight from the clusterer's own structures (no map is built and no JSON
// written per article). Version 1, all integers little-endian or varints:
//
//	0x01                          the format (JSON, read for rows written before it, starts with '{')
//	varint id, varint articles
//	varint first's Unix seconds, uvarint its nanoseconds; the same for last
//	uvarint n, then n terms:      uvarint length, the folded term's bytes, float64 weight (8 bytes)
//	uvarint m, then m signatures: numHashes uint32 (4 bytes each)
//
// Version 2 (0x02) is version 1 followed by the outlets' keys:
//
//	uvarint k, then k keys:       uint64 (8 bytes each)
//
// EncodeStory writes version 2; DecodeStory reads both (a state of version 1 has no outlets). Times
// are read back in UTC.
const (
	encodingV1 = 0x01
	encodingV2 = 0x02
)

// EncodedStory is an open story's times and size, and its state encoded for a store (read back by
// DecodeStory).
type EncodedStory struct {
	ID          int64
	First, Last time.Time
	Articles    int
	State       []byte
}

// EncodeStory returns the state of one open story encoded, appended to dst[:0] — for a store that
// saves stories as they change.
func (c *Clusterer) EncodeStory(id int64, dst []byte) (EncodedStory, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stories[id]
	if s == nil {
		return EncodedStory{}, false
	}
	n := 1 + 6*binary.MaxVarintLen64 + 3*binary.MaxVarintLen32 + len(s.sigs)*numHashes*4 + len(s.outlets)*8
	for _, t := range s.terms {
		n += binary.MaxVarintLen32 + len(c.terms[t.id].fold) + 8
	}
	b := dst[:0]
	if cap(b) < n {
		b = make([]byte, 0, n)
	}
	b = append(b, encodingV2)
	b = binary.AppendVarint(b, s.id)
	b = binary.AppendVarint(b, int64(s.articles))
	b = appendTime(b, s.first)
	b = appendTime(b, s.last)
	b = binary.AppendUvarint(b, uint64(len(s.terms)))
	for _, t := range s.terms {
		fold := c.terms[t.id].fold
		b = binary.AppendUvarint(b, uint64(len(fold)))
		b = append(b, fold...)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.w))
	}
	b = binary.AppendUvarint(b, uint64(len(s.sigs)))
	for i := range s.sigs {
		for _, h := range s.sigs[i] {
			b = binary.LittleEndian.AppendUint32(b, h)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.outlets)))
	for _, o := range s.outlets {
		b = binary.LittleEndian.AppendUint64(b, o)
	}
	return EncodedStory{ID: s.id, First: s.first, Last: s.last, Articles: s.articles, State: b}, true
}

// StoryRow is EncodeStory without the state: an open story's id, times and article count.
func (c *Clusterer) StoryRow(id int64) (EncodedStory, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stories[id]
	if s == nil {
		return EncodedStory{}, false
	}
	return EncodedStory{ID: s.id, First: s.first, Last: s.last, Articles: s.articles}, true
}

func appendTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// DecodeStory reads a story's state as EncodeStory wrote it, or as JSON of StoryState (how it was
// stored before). The state is checked as far as it can be alone; Restore checks the rest.
func DecodeStory(b []byte) (StoryState, error) {
	if len(b) > 0 && b[0] == '{' {
		var ss StoryState
		if err := json.Unmarshal(b, &ss); err != nil {
			return StoryState{}, fmt.Errorf("story: decode JSON state: %w", err)
		}
		return ss, nil
	}
	if len(b) == 0 || b[0] != encodingV1 && b[0] != encodingV2 {
		return StoryState{}, errors.New("story: decode state: unknown format")
	}
	d := decoder{b: b[1:]}
	var ss StoryState
	ss.ID = d.varint()
	ss.Articles = int(d.varint())
	ss.First = d.time()
	ss.Last = d.time()
	n := d.count(maxStoryTerms, "terms")
	if n > 0 {
		ss.Terms = make(map[string]float64, n)
	}
	for range n {
		l := d.count(len(d.b), "term bytes")
		term := d.bytes(l)
		w := math.Float64frombits(binary.LittleEndian.Uint64(d.bytes(8)))
		if d.err != nil {
			break
		}
		if !utf8.Valid(term) {
			d.fail("term is not UTF-8")
			break
		}
		ss.Terms[string(term)] = w
	}
	m := d.count(maxStorySignatures, "signatures")
	for range m {
		raw := d.bytes(numHashes * 4)
		if d.err != nil {
			break
		}
		sig := make([]uint32, numHashes)
		for i := range sig {
			sig[i] = binary.LittleEndian.Uint32(raw[4*i:])
		}
		ss.Signatures = append(ss.Signatures, sig)
	}
	if b[0] == encodingV2 {
		k := d.count(maxStoryOutlets, "outlets")
		for range k {
			raw := d.bytes(8)
			if d.err != nil {
				break
			}
			ss.Outlets = append(ss.Outlets, binary.LittleEndian.Uint64(raw))
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail(fmt.Sprintf("%d bytes after the state", len(d.b)))
	}
	if d.err != nil {
		return StoryState{}, fmt.Errorf("story: decode state: %w", d.err)
	}
	return ss, nil
}

// decoder reads EncodeStory's format, keeping the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of at most limit.
func (d *decoder) count(limit int, what string) int {
	v := d.uvarint()
	if v > uint64(limit) {
		d.fail(fmt.Sprintf("%d %s, at most %d", v, what, limit))
		return 0
	}
	return int(v)
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return make([]byte, n)
	}
	if len(d.b) < n {
		d.fail("truncated")
		return make([]byte, n)
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) time() time.Time {
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.fail("nanoseconds beyond a second")
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
