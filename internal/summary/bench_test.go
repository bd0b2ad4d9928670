package summary

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// validationArticles reads the articles of the evaluation data, skipping
// the benchmark when it is absent.
func validationArticles(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("/work/shared/data/summaries/pairs.validation.jsonl")
	if err != nil {
		b.Skipf("validation data not available: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var p struct{ Article string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			b.Fatal(err)
		}
		out = append(out, p.Article)
	}
	if len(out) == 0 {
		b.Skip("no articles")
	}
	return out
}

func BenchmarkSplit(b *testing.B) {
	arts := validationArticles(b)
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	sentences := 0
	for b.Loop() {
		for _, a := range arts {
			sentences += len(Split(a))
		}
	}
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
}

func BenchmarkSummarize(b *testing.B) {
	arts := validationArticles(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			Summarize(a, Options{Terms: []string{"police"}})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSummarizeOne summarizes single texts: a three-sentence feed
// description, as the pipeline sees for most items, and a validation
// article of median length.
func BenchmarkSummarizeOne(b *testing.B) {
	opts := Options{Terms: []string{"police"}}
	b.Run("short", func(b *testing.B) {
		text := equivTexts["feed short"]
		b.ReportAllocs()
		for b.Loop() {
			Summarize(text, opts)
		}
	})
	b.Run("article", func(b *testing.B) {
		arts := validationArticles(b)
		sorted := slices.Clone(arts)
		slices.SortFunc(sorted, func(x, y string) int { return len(x) - len(y) })
		text := sorted[len(sorted)/2]
		b.ReportAllocs()
		for b.Loop() {
			Summarize(text, opts)
		}
		b.ReportMetric(float64(len(text)), "text-bytes")
	})
}
