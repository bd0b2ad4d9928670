package story

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"
)

// Every open story's encoded state decodes to what Story returns, and a clusterer restored from the
// decoded states assigns the next articles as the one that ran on.
func TestEncodeStoryRoundTrip(t *testing.T) {
	arts := append([]Article{wire, wireCopy, rewrite, unrelated}, stream(600, 5)...)
	for i := range arts { // outlets, so that their rule is restored too
		arts[i].Outlet = fmt.Sprintf("outlet%d.example", i%3)
	}
	c := New(Config{})
	for _, a := range arts[:500] {
		c.Assign(a)
	}
	st := c.Snapshot()
	var buf []byte
	withSigs, withOutlets := 0, 0
	for i, want := range st.Stories {
		enc, ok := c.EncodeStory(want.ID, buf)
		if !ok {
			t.Fatalf("story %d: not open", want.ID)
		}
		buf = enc.State
		if enc.ID != want.ID || enc.Articles != want.Articles || !enc.First.Equal(want.First) || !enc.Last.Equal(want.Last) {
			t.Fatalf("story %d: header %+v, want %+v", want.ID, enc, want)
		}
		got, err := DecodeStory(enc.State)
		if err != nil {
			t.Fatalf("story %d: %v", want.ID, err)
		}
		if !got.First.Equal(want.First) || !got.Last.Equal(want.Last) || got.First.Location() != time.UTC {
			t.Fatalf("story %d: times %v–%v, want %v–%v in UTC", want.ID, got.First, got.Last, want.First, want.Last)
		}
		got.First, got.Last = want.First, want.Last
		if len(want.Terms) == 0 {
			want.Terms = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("story %d decodes to\n%+v\nwant\n%+v", want.ID, got, want)
		}
		if len(want.Signatures) > 0 {
			withSigs++
		}
		if len(want.Outlets) > 1 {
			withOutlets++
		}
		st.Stories[i] = got
	}
	if withSigs == 0 || withOutlets == 0 {
		t.Fatalf("%d stories have a signature, %d several outlets: the test reads too little", withSigs, withOutlets)
	}
	r, err := Restore(Config{}, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts[500:] {
		// The same story for the same reason; the score may differ in its last bits (the restored
		// clusterer sums its frequencies in another order).
		if got, want := r.Assign(a), c.Assign(a); got.Story != want.Story || got.New != want.New || got.Reason != want.Reason || math.Abs(got.Score-want.Score) > 1e-9 {
			t.Fatalf("restored from decoded states: %+v, the clusterer that ran on: %+v", got, want)
		}
	}
	if _, ok := c.EncodeStory(c.Snapshot().NextID, nil); ok {
		t.Error("a story never opened encoded")
	}
}

// A state stored as JSON (before the binary form) still reads.
func TestDecodeStoryJSON(t *testing.T) {
	want := StoryState{ID: 4, First: t0, Last: t0.Add(time.Hour), Articles: 2, Terms: map[string]float64{"lark": 2.5},
		Signatures: [][]uint32{make([]uint32, numHashes)}}
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeStory(b)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeStory(JSON) = %+v, %v; want %+v", got, err, want)
	}
}

// A state of version 1 (before outlets were kept) still reads, without outlets.
func TestDecodeStoryV1(t *testing.T) {
	b := []byte{encodingV1}
	b = binary.AppendVarint(b, 7) // id
	b = binary.AppendVarint(b, 3) // articles
	b = appendTime(b, t0)
	b = appendTime(b, t0.Add(time.Hour))
	b = binary.AppendUvarint(b, 1)
	b = binary.AppendUvarint(b, 4)
	b = append(b, "lark"...)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(2.5))
	b = binary.AppendUvarint(b, 1)
	for i := range numHashes {
		b = binary.LittleEndian.AppendUint32(b, uint32(i))
	}
	got, err := DecodeStory(b)
	sig := make([]uint32, numHashes)
	for i := range sig {
		sig[i] = uint32(i)
	}
	want := StoryState{ID: 7, First: t0, Last: t0.Add(time.Hour), Articles: 3, Terms: map[string]float64{"lark": 2.5}, Signatures: [][]uint32{sig}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeStory(version 1) = %+v, %v; want %+v", got, err, want)
	}
	if _, err := DecodeStory(append(b, 0)); err == nil {
		t.Error("version 1 with an outlet count after it decoded")
	}
}

// A damaged state is an error, never a panic or a state with made-up parts.
func TestDecodeStoryDamaged(t *testing.T) {
	c := New(Config{})
	for _, a := range []Article{wire, wireCopy, rewrite} {
		c.Assign(a)
	}
	enc, ok := c.EncodeStory(1, nil)
	if !ok {
		t.Fatal("story 1 not open")
	}
	if _, err := DecodeStory(enc.State); err != nil {
		t.Fatalf("undamaged: %v", err)
	}
	for n := range len(enc.State) {
		if _, err := DecodeStory(enc.State[:n]); err == nil {
			t.Errorf("cut to %d of %d bytes: decoded", n, len(enc.State))
		}
	}
	for name, b := range map[string][]byte{
		"trailing bytes":   append(append([]byte{}, enc.State...), 0),
		"unknown format":   append([]byte{0x7f}, enc.State[1:]...),
		"broken JSON":      []byte(`{"id":`),
		"too many terms":   {encodingV1, 2, 2, 0, 0, 0, 0, 200, 1},
		"too many outlets": {encodingV2, 2, 2, 0, 0, 0, 0, 0, 0, 200, 1},
	} {
		if _, err := DecodeStory(b); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func FuzzDecodeStory(f *testing.F) {
	c := New(Config{})
	for _, a := range []Article{wire, wireCopy, rewrite, unrelated} {
		c.Assign(a)
	}
	for id := int64(1); id <= 2; id++ {
		if enc, ok := c.EncodeStory(id, nil); ok {
			f.Add(enc.State)
		}
	}
	f.Add([]byte(`{"id":1,"articles":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ss, err := DecodeStory(b)
		if err != nil {
			return
		}
		if len(ss.Terms) > maxStoryTerms || len(ss.Signatures) > maxStorySignatures && b[0] != '{' {
			t.Fatalf("decoded beyond the limits: %d terms, %d signatures", len(ss.Terms), len(ss.Signatures))
		}
	})
}

func BenchmarkEncodeStory(b *testing.B) {
	c := New(Config{})
	for _, a := range stream(300, 5) {
		c.Assign(a)
	}
	id := c.Snapshot().Stories[0].ID
	b.Run("binary", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			enc, _ := c.EncodeStory(id, buf)
			buf = enc.State
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			ss, _ := c.Story(id)
			if _, err := json.Marshal(ss); err != nil {
				b.Fatal(err)
			}
		}
	})
}
