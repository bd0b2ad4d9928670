package story

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// crowded makes n articles from a small vocabulary (vocab words, Zipf-distributed), from six
// outlets, so that a term is in many open stories and an article has many candidates: more than
// maxCandidates, postings beyond maxPosting, maxVisits reached.
func crowded(n, vocab int, seed uint64) []Article {
	r := rand.New(rand.NewPCG(seed, 5))
	zipf := rand.NewZipf(r, 1.1, 3, uint64(vocab-1))
	var out []Article
	at := t0
	for len(out) < n {
		names := []string{fmt.Sprintf("Name%x", r.IntN(vocab/4+1)), fmt.Sprintf("Place%x", r.IntN(vocab/8+1))}
		for k := 0; k < 1+r.IntN(6) && len(out) < n; k++ {
			ws := []string{names[r.IntN(2)]}
			for len(ws) < 4+r.IntN(12) {
				ws = append(ws, fmt.Sprintf("w%x", zipf.Uint64()))
			}
			lead := make([]string, 0, 20)
			for len(lead) < r.IntN(20) {
				lead = append(lead, fmt.Sprintf("w%x", zipf.Uint64()))
			}
			lead = append(lead, names...)
			at = at.Add(time.Duration(r.IntN(200)) * time.Second)
			out = append(out, Article{
				Title: strings.Join(ws, " "), Lead: "The " + strings.Join(lead, " ") + ".",
				Lang: "en", Time: at, Outlet: fmt.Sprintf("o%d", r.IntN(6)),
			})
		}
	}
	return out
}

// pinnedAssignments is the hash TestAssignmentsPinned computes, as of commit bcd47bc.
const pinnedAssignments = "1cd951d7cb22642d0c34c199b2c9616d15458b39f95c261b0a5385ff754a2ae5"

// TestAssignmentsPinned pins what the clusterer does on made-up streams of news: a hash of every
// assignment (story, reason, the score to the bit) and of stories' encoded states. A change that
// makes the clustering faster must leave it unchanged; one that changes it on purpose says so and
// sets the hash anew. On amd64 only: elsewhere the compiler may fuse a multiplication and an
// addition, which changes the last bits of scores.
func TestAssignmentsPinned(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("scores are pinned to the bit on amd64")
	}
	var polls []Article
	for _, as := range pollArticles(2, 60) {
		polls = append(polls, as...)
	}
	sets := []struct {
		name string
		arts []Article
	}{
		{"stream", streamArticles(3000)},
		{"crowded", crowded(3000, 600, 1)},
		{"crowded-wide", crowded(3000, 5000, 2)},
		{"few-words", stream(800, 9)},
		{"poll", polls},
	}
	h := sha256.New()
	var b []byte
	for _, set := range sets {
		for _, th := range []float64{0.05, DefaultThreshold, 0.4} {
			c := New(Config{Threshold: th, MaxStories: 1500})
			for i, a := range set.arts {
				x := c.Assign(a)
				b = binary.LittleEndian.AppendUint64(b[:0], uint64(x.Story))
				b = append(b, byte(x.Reason))
				if x.New {
					b = append(b, 1)
				}
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x.Score))
				if i%97 == 0 {
					e, _ := c.EncodeStory(x.Story, nil)
					b = append(b, e.State...)
				}
				h.Write(b)
			}
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != pinnedAssignments {
		t.Errorf("assignments hash to %s, pinned %s: the clustering changed", got, pinnedAssignments)
	}
}
