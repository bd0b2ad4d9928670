// Package testutil holds what the tests of several packages share: a heap
// meter for the hostile-input tests and the misbehaving servers they point
// the fetchers at, and a log buffer for daemons under test. Only tests import it.
package testutil

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// MeasureHeap runs fn and reports the bytes it allocated in all, the peak
// growth of the heap in use while it ran (sampled every 5 ms) and how long it
// took; it fails the test when the peak growth exceeds limit bytes (0: no
// limit).
func MeasureHeap(t testing.TB, limit uint64, fn func()) (peak uint64, took time.Duration) {
	t.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop, sampled := make(chan struct{}), make(chan uint64)
	go func() {
		var m runtime.MemStats
		var top uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-tick.C:
			case <-stop:
				sampled <- top
				return
			}
		}
	}()
	start := time.Now()
	fn()
	took = time.Since(start)
	close(stop)
	top := <-sampled
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak = max(top, after.HeapInuse) - min(before.HeapInuse, top)
	t.Logf("allocated %.1f MB in all, peak heap growth %.1f MB, took %v", float64(after.TotalAlloc-before.TotalAlloc)/(1<<20),
		float64(peak)/(1<<20), took.Round(time.Millisecond))
	if limit > 0 && peak > limit {
		t.Errorf("heap grew by %d MB, limit %d MB", peak>>20, limit>>20)
	}
	return peak, took
}

// GzipBomb returns a gzip stream of copies of a member that inflates to head
// and then 64 MiB of fill bytes: about 64 KiB on the wire per 64 MiB
// inflated. Concatenated members are one gzip stream.
func GzipBomb(head string, fill byte, copies int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	io.WriteString(zw, head)
	block := bytes.Repeat([]byte{fill}, 1<<20)
	for range 64 {
		zw.Write(block)
	}
	zw.Close()
	return bytes.Repeat(member.Bytes(), copies)
}

// Endless writes head and then repeats body until the client goes away.
func Endless(w http.ResponseWriter, r *http.Request, head, body string) {
	io.WriteString(w, head)
	chunk := strings.Repeat(body, 64)
	for r.Context().Err() == nil {
		if _, err := io.WriteString(w, chunk); err != nil {
			return
		}
	}
}

// Trickle writes body one byte per interval until done or the client leaves.
func Trickle(w http.ResponseWriter, r *http.Request, body string, interval time.Duration) {
	fl, _ := w.(http.Flusher)
	for i := 0; i < len(body); i++ {
		if _, err := io.WriteString(w, body[i:i+1]); err != nil {
			return
		}
		if fl != nil {
			fl.Flush()
		}
		select {
		case <-time.After(interval):
		case <-r.Context().Done():
			return
		}
	}
}

// LogBuffer is a log destination safe for concurrent writers and readers:
// a daemon's goroutines write while the test reads.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns everything written so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
