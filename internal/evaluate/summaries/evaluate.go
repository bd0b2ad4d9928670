// Package summaries measures internal/summary against human reference
// summaries with ROUGE, beside the Lead-3 baseline scored in the same run.
//
// The data is a JSON-lines file of news articles with reference summaries
// (see Evaluate). Summaries are generic here: no watch terms, no headline,
// default options. Before scoring, hypothesis and reference are lower-cased
// and reduced to words of letters and digits (see Tokenize), so that the
// references' PTB tokenisation ("Locke 's") and the articles' typography
// ("Locke’s") compare equal; they are then scored with Rouge, which follows
// pltrdy/rouge. Figures are means of per-article F1.
package summaries

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"unicode"

	"github.com/newshound/newshound/internal/summary"
)

// Scores are mean ROUGE F1 values over a dataset's articles, each 0..1.
type Scores struct{ R1, R2, RL float64 }

// Report is the result for one dataset.
type Report struct {
	Dataset   string
	Articles  int
	Newshound Scores // summary.Summarize with default options
	Lead3     Scores // the first three sentences by summary.Split
}

// pair is one line of the data file.
type pair struct {
	Dataset   string `json:"dataset"`
	Article   string `json:"article"`
	Reference string `json:"reference"`
}

// Evaluate scores every article of the JSON-lines file at path, one object
// a line with "dataset", "article" and "reference" fields, and returns one
// Report per dataset, sorted by dataset name.
func Evaluate(path string) ([]Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("summaries: %w", err)
	}
	defer f.Close()
	pairs, err := readPairs(f)
	if err != nil {
		return nil, fmt.Errorf("summaries: %s: %w", path, err)
	}
	return evaluate(pairs, func(article string) []string {
		return summary.Summarize(article, summary.Options{})
	}), nil
}

func readPairs(r io.Reader) ([]pair, error) {
	var pairs []pair
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var p pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return pairs, nil
}

// evaluate scores summarize and Lead-3 on pairs.
func evaluate(pairs []pair, summarize func(string) []string) []Report {
	type sums struct {
		n         int
		hs, lead3 Scores
	}
	by := make(map[string]*sums)
	for _, p := range pairs {
		s := by[p.Dataset]
		if s == nil {
			s = &sums{}
			by[p.Dataset] = s
		}
		ref := Tokenize(sentences(p.Reference))
		s.n++
		add(&s.hs, Tokenize(summarize(p.Article)), ref)
		add(&s.lead3, Tokenize(Lead3(p.Article)), ref)
	}
	reports := make([]Report, 0, len(by))
	for name, s := range by {
		reports = append(reports, Report{
			Dataset:   name,
			Articles:  s.n,
			Newshound: mean(s.hs, s.n),
			Lead3:     mean(s.lead3, s.n),
		})
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].Dataset < reports[j].Dataset })
	return reports
}

// Lead3 returns the first three sentences of text by summary.Split.
func Lead3(text string) []string {
	spans := summary.Split(text)
	if len(spans) > 3 {
		spans = spans[:3]
	}
	return spanTexts(text, spans)
}

func sentences(text string) []string { return spanTexts(text, summary.Split(text)) }

func spanTexts(text string, spans []summary.Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func add(sum *Scores, hyp, ref string) {
	r1, r2, rl := Rouge(hyp, ref)
	sum.R1 += r1.F
	sum.R2 += r2.F
	sum.RL += rl.F
}

func mean(s Scores, n int) Scores {
	if n == 0 {
		return Scores{}
	}
	d := float64(n)
	return Scores{R1: s.R1 / d, R2: s.R2 / d, RL: s.RL / d}
}

// WriteReports prints reports as a table of ROUGE F1 percentages.
func WriteReports(w io.Writer, rs []Report) {
	fmt.Fprintf(w, "%-8s %8s  %-10s %7s %7s %7s\n", "dataset", "articles", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L")
	for _, r := range rs {
		for _, row := range []struct {
			name string
			s    Scores
		}{{"newshound", r.Newshound}, {"lead-3", r.Lead3}} {
			fmt.Fprintf(w, "%-8s %8d  %-10s %7.2f %7.2f %7.2f\n", r.Dataset, r.Articles, row.name, 100*row.s.R1, 100*row.s.R2, 100*row.s.RL)
		}
	}
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
