package watchers

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// The story clusterer learns from the stream which capitalised words are
// names (story.Clusterer.Names). They are saved in the store (one row,
// store.SaveStoryNames) and given back to the clusterer restored at the
// next start, so that a restart does not learn them again: at the end of a
// poll round (once) at most every namesInterval, every namesInterval while
// running, and at shutdown. A crash loses what was learned since the last
// save. Several instances each save their own; the last to save is read.

// namesInterval is the least time between two saves of the learned names.
const namesInterval = 10 * time.Minute

// namesVersion is the first byte of the saved names' encoding.
const namesVersion = 1

// saveStoryNames saves the learned names when namesInterval has passed
// since the last save (or force is set, or none was made by this process).
// A failure is logged: the names are saved at the next chance.
func (w *Watcher) saveStoryNames(ctx context.Context, force bool) {
	w.storiesMu.Lock()
	c := w.stories
	due := force || w.namesSaved.IsZero() || time.Since(w.namesSaved) >= namesInterval
	if c != nil && due {
		w.namesSaved = time.Now()
	}
	w.storiesMu.Unlock()
	if c == nil || !due {
		return // nothing clustered (or saved lately)
	}
	err := w.store.SaveStoryNames(ctx, encodeNames(c.Names()), w.now())
	if err != nil && ctx.Err() == nil {
		w.log.Error("learned names not saved", "error", err)
	}
}

// encodeNames is names as saved: namesVersion, their count, then per term
// (sorted) its length, its bytes and its two counts as float32 bits.
func encodeNames(names map[string][2]float64) []byte {
	terms := make([]string, 0, len(names))
	for t := range names {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	b := []byte{namesVersion}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		n := names[t]
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(n[0])))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(n[1])))
	}
	return b
}

// decodeNames reads what encodeNames wrote.
func decodeNames(b []byte) (map[string][2]float64, error) {
	if len(b) == 0 || b[0] != namesVersion {
		return nil, errors.New("not a saved names' encoding of this version")
	}
	b = b[1:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errors.New("bad count")
	}
	b = b[k:]
	names := make(map[string][2]float64, n)
	for i := uint64(0); i < n; i++ {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l+8 {
			return nil, fmt.Errorf("term %d cut short", i)
		}
		b = b[k:]
		t := string(b[:l])
		b = b[l:]
		names[t] = [2]float64{
			float64(math.Float32frombits(binary.LittleEndian.Uint32(b))),
			float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4:]))),
		}
		b = b[8:]
	}
	if len(b) != 0 {
		return nil, errors.New("trailing bytes")
	}
	return names, nil
}

// restoreNames gives c the names saved last. A failure is logged: the
// names are learned again.
func (w *Watcher) restoreNames(ctx context.Context, c interface{ SetNames(map[string][2]float64) }) {
	saved, err := w.store.StoryNames(ctx)
	if err == nil && saved == nil {
		return
	}
	var names map[string][2]float64
	if err == nil {
		names, err = decodeNames(saved)
	}
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("learned names not read: they are learned again", "error", err)
		}
		return
	}
	c.SetNames(names)
}
