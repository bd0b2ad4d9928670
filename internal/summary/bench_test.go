package summary

import (
	"bufio"
	"encoding/json"
	"os"
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
