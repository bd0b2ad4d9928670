// Package stories measures internal/story's clustering on headlines with known stories (the UCI News
// Aggregator sets in ../shared/data/clustering), beside the baselines of the data's README computed in
// the same run on the same items.
//
// Items are read in file order (date order) and given to each system one at a time, as articles
// arrive; a system sees everything of an item but its story. The data is split by time into two folds
// (the first and the second half of its days), each clustered from an empty state: thresholds are
// decided on the first fold and confirmed on the second; the whole file is reported too.
package stories

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/story"
)

// Item is one headline of the data.
type Item struct {
	ID        string    `json:"item_id"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Publisher string    `json:"publisher"`
	Hostname  string    `json:"hostname"`
	Date      string    `json:"date"`
	Timestamp time.Time `json:"timestamp"`
	Story     string    `json:"story"`
}

// Read reads a JSON-lines file of items.
func Read(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	items, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return items, nil
}

func read(r io.Reader) ([]Item, error) {
	var items []Item
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var it Item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%d: %w", line, err)
		}
		if it.ID == "" || it.Story == "" || it.Date == "" || it.Timestamp.IsZero() {
			return nil, fmt.Errorf("%d: item without item_id, story, date or timestamp", line)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%d: %w", line+1, err)
	}
	return items, nil
}

// System clusters items given one at a time and returns a cluster label per item.
type System struct {
	Name string
	Run  func([]Item) []string
}

// Newshound is internal/story with cfg, fed each item's title, time and publisher (its outlet).
func Newshound(cfg story.Config) System {
	return System{Name: "newshound", Run: func(items []Item) []string {
		c := story.New(cfg)
		out := make([]string, len(items))
		for i, it := range items {
			a := c.Assign(story.Article{Title: it.Title, Lang: "en", Time: it.Timestamp, Outlet: it.Publisher})
			out[i] = strconv.FormatInt(a.Story, 10)
		}
		return out
	}}
}

// Baselines are the README's reference systems.
func Baselines() []System {
	return []System{
		{Name: "singletons", Run: func(items []Item) []string {
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = it.ID
			}
			return out
		}},
		{Name: "exact-normalised-title (same day)", Run: func(items []Item) []string {
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = it.Date + "\x00" + match.Fold(it.Title)
			}
			return out
		}},
		// the gold's own precision: identical headlines of a day are not always one story in it
		{Name: "identical-headline (same day)", Run: func(items []Item) []string {
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = it.Date + "\x00" + match.Fold(story.Headline(it.Title))
			}
			return out
		}},
		{Name: "tfidf-title single-pass th=0.3 (same day)", Run: func(items []Item) []string { return tfidfSinglePass(items, 0.3) }},
	}
}

// tfidfSinglePass is the README's TF-IDF baseline as we understand it: each title, as a unit TF-IDF
// vector (smoothed inverse document frequencies over all the items, as scikit-learn computes them),
// joins the most similar cluster of the same day by cosine to its centroid when that reaches th, else
// starts one. It scores a little lower than the figures of the data's baselines file (pairwise F1
// 0.414 against 0.463 on the whole dev file); the tokenisation or the comparison may differ.
func tfidfSinglePass(items []Item, th float64) []string {
	df := map[string]float64{}
	docs := make([][]string, len(items))
	for i, it := range items {
		ws := match.Words(it.Title)
		seen := map[string]bool{}
		for _, w := range ws {
			docs[i] = append(docs[i], w.Fold)
			if !seen[w.Fold] {
				seen[w.Fold] = true
				df[w.Fold]++
			}
		}
	}
	n := float64(len(items))
	type cluster struct {
		sum  map[string]float64
		norm float64
	}
	var clusters []*cluster
	day := ""
	first := 0 // first cluster of the day
	out := make([]string, len(items))
	for i, it := range items {
		if it.Date != day {
			day, first = it.Date, len(clusters)
		}
		v := map[string]float64{}
		for _, w := range docs[i] {
			v[w] += math.Log((1+n)/(1+df[w])) + 1
		}
		var vn float64
		for _, x := range v {
			vn += x * x
		}
		vn = math.Sqrt(vn)
		for w := range v {
			v[w] /= vn
		}
		vn = 1
		best, bestCos := -1, th
		for k := first; k < len(clusters) && vn > 0; k++ {
			cl := clusters[k]
			var dot float64
			for w, x := range v {
				dot += x * cl.sum[w]
			}
			if cl.norm > 0 {
				if cos := dot / (vn * cl.norm); cos >= bestCos {
					best, bestCos = k, cos
				}
			}
		}
		if best < 0 {
			clusters = append(clusters, &cluster{sum: map[string]float64{}})
			best = len(clusters) - 1
		}
		cl := clusters[best]
		for w, x := range v {
			cl.sum[w] += x
		}
		cl.norm = 0
		for _, x := range cl.sum {
			cl.norm += x * x
		}
		cl.norm = math.Sqrt(cl.norm)
		out[i] = strconv.Itoa(best)
	}
	return out
}

// Fold is a named part of the items.
type Fold struct {
	Name  string
	Items []Item
}

// TimeFolds splits items into the first and the second half of their days, and adds all of them.
func TimeFolds(items []Item) []Fold {
	var days []string
	for _, it := range items {
		if len(days) == 0 || days[len(days)-1] != it.Date {
			days = append(days, it.Date)
		}
	}
	days = slices.Compact(slices.Sorted(slices.Values(days)))
	if len(days) < 2 {
		return []Fold{{Name: "all", Items: items}}
	}
	mid := days[len(days)/2]
	var a, b []Item
	for _, it := range items {
		if it.Date < mid {
			a = append(a, it)
		} else {
			b = append(b, it)
		}
	}
	return []Fold{
		{Name: fmt.Sprintf("fold A (%s..%s, decide)", days[0], days[len(days)/2-1]), Items: a},
		{Name: fmt.Sprintf("fold B (%s..%s, confirm)", mid, days[len(days)-1]), Items: b},
		{Name: "all", Items: items},
	}
}

// Row is one system's figures on one fold.
type Row struct {
	System  string
	Scores  Scores
	Elapsed time.Duration
	CPU     time.Duration // the process's CPU time over the run (Stress only), 0 if not measured
	Heap    uint64        // bytes allocated and still live after the run (newshound only), 0 if not measured
	Items   int
}

// Report is the figures of all systems on one fold.
type Report struct {
	Fold  string
	Items int
	Rows  []Row
}

// Evaluate runs the systems over each fold.
func Evaluate(folds []Fold, systems []System) []Report {
	var reps []Report
	for _, f := range folds {
		rep := Report{Fold: f.Name, Items: len(f.Items)}
		for _, sys := range systems {
			start := time.Now()
			labels := sys.Run(f.Items)
			rep.Rows = append(rep.Rows, Row{System: sys.Name, Scores: score(f.Items, labels), Elapsed: time.Since(start), Items: len(f.Items)})
		}
		reps = append(reps, rep)
	}
	return reps
}

// Stress runs newshound over items once more and measures its speed and the memory its state holds.
func Stress(items []Item, cfg story.Config) (Row, int) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c := story.New(cfg)
	labels := make([]string, len(items))
	start, cpu := time.Now(), cpuTime()
	for i, it := range items {
		labels[i] = strconv.FormatInt(c.Assign(story.Article{Title: it.Title, Lang: "en", Time: it.Timestamp, Outlet: it.Publisher}).Story, 10)
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu
	runtime.GC()
	runtime.ReadMemStats(&after)
	open := c.Open()
	runtime.KeepAlive(c)
	heap := uint64(0)
	if after.HeapAlloc > before.HeapAlloc {
		heap = after.HeapAlloc - before.HeapAlloc
	}
	return Row{System: "newshound", Scores: score(items, labels), Elapsed: elapsed, CPU: cpu, Heap: heap, Items: len(items)}, open
}

// WriteClusters writes one JSON line per item, {"item_id": …, "cluster": …}.
func WriteClusters(w io.Writer, items []Item, labels []string) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i, it := range items {
		if err := enc.Encode(struct {
			ItemID  string `json:"item_id"`
			Cluster string `json:"cluster"`
		}{it.ID, labels[i]}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Write prints reports in the layout of the data's baselines file.
func Write(w io.Writer, reps []Report) {
	for _, rep := range reps {
		fmt.Fprintf(w, "%s: %d items\n", rep.Fold, rep.Items)
		for _, r := range rep.Rows {
			WriteRow(w, r)
		}
		fmt.Fprintln(w)
	}
}

// WriteRow prints one row.
func WriteRow(w io.Writer, r Row) {
	s := r.Scores
	fmt.Fprintf(w, "  %-42s pair P/R/F1 %.3f/%.3f/%.3f | B3 P/R/F1 %.3f/%.3f/%.3f | x-outlet pair F1 %.3f | day-split pair P/R/F1 %.3f/%.3f/%.3f B3 F1 %.3f | clusters %d (gold %d) | %.0f items/s\n",
		r.System, s.Pair.P, s.Pair.R, s.Pair.F, s.B3.P, s.B3.R, s.B3.F, s.CrossPair.F, s.DayPair.P, s.DayPair.R, s.DayPair.F, s.DayB3.F, s.Clusters, s.Gold,
		float64(r.Items)/max(r.Elapsed.Seconds(), 1e-9))
}

// SweepRow is newshound's day-split pairwise figures at one threshold.
type SweepRow struct {
	Threshold float64
	DayPair   PRF
	DayB3     PRF
}

// Sweep runs newshound over items at each threshold (cfg otherwise).
func Sweep(items []Item, cfg story.Config, thresholds []float64) []SweepRow {
	var rows []SweepRow
	for _, th := range thresholds {
		cfg.Threshold = th
		s := score(items, Newshound(cfg).Run(items))
		rows = append(rows, SweepRow{Threshold: th, DayPair: s.DayPair, DayB3: s.DayB3})
	}
	return rows
}

// Choose returns the threshold of the row with the best day-split pairwise F1 among those with at
// least minPrecision, or the most precise row if none has it.
func Choose(rows []SweepRow, minPrecision float64) SweepRow {
	var best SweepRow
	found := false
	for _, r := range rows {
		if r.DayPair.P >= minPrecision && (!found || r.DayPair.F > best.DayPair.F) {
			best, found = r, true
		}
	}
	if !found {
		for _, r := range rows {
			if r.DayPair.P > best.DayPair.P {
				best = r
			}
		}
	}
	return best
}
