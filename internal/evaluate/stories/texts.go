package stories

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/story"
)

// What the full text adds, on stories assembled from the summary set (CNN/DM and XSum articles with
// reference and system summaries, one event each). Each article makes a story of three reports:
//
//   - the original: headline its first sentence, the article as text;
//   - a re-topped wire copy: headline the article's third sentence, text a dateline and the article
//     from its fourth sentence on, cut to 80% of its words — the body of the wire copy under another
//     outlet's headline and first paragraph;
//   - a rewrite: headline the first sentence of the reference summary (written by people: CNN/DM's
//     highlights, XSum's one-sentence summary), lead the rest of it, no text — another outlet's short
//     report in its own words.
//
// All originals come first, then the copies, then the rewrites, so that each report meets all the
// stories at once. The reports are clustered three times: by headline alone, by headline and lead
// (the first 60 words of a report's own text, as a feed's description would be), and with the full
// text (near-duplicate signal, lead from the text).

// TextCondition is what the clusterer is given of each report.
type TextCondition int

const (
	HeadlineOnly TextCondition = iota
	HeadlineLead
	FullText
)

func (c TextCondition) String() string {
	switch c {
	case HeadlineLead:
		return "headline and lead"
	case FullText:
		return "headline and full text"
	}
	return "headline only"
}

// TextRow is the clustering of the assembled stories under one condition.
type TextRow struct {
	Condition TextCondition
	Pair      PRF
	B3        PRF
	Copies    int // wire copies in their original's story
	Rewrites  int // rewrites in their original's story
	ByText    int // copies joined through the near-duplicate signal
	Stories   int // assembled stories
}

type report struct {
	title, lead, text string
}

// TextStory is one story of the summary set as its three reports.
type TextStory struct {
	original, copy, rewrite report
}

// ReadTexts reads the summary set's JSON lines and assembles a story of each article that has a
// reference summary and at least five sentences.
func ReadTexts(path string) ([]TextStory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out, err := readTexts(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no story could be assembled (articles need five sentences of their own and a reference summary)", path)
	}
	return out, nil
}

func readTexts(r io.Reader) ([]TextStory, error) {
	type pair struct{ article, reference []string }
	var pairs []pair
	common := map[string]int{} // how many articles have a sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var p struct {
			Article   string `json:"article"`
			Reference string `json:"reference"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%d: %w", line, err)
		}
		// the BBC pages' video placeholder is glued to the next sentence ("…on this deviceDel Potro")
		a := sentences(strings.ReplaceAll(p.Article, bbcPlaceholder, " "))
		seen := map[string]bool{}
		for _, x := range a {
			if !seen[x] {
				seen[x] = true
				common[x]++
			}
		}
		pairs = append(pairs, pair{a, sentences(p.Reference)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%d: %w", line+1, err)
	}
	var out []TextStory
	for _, p := range pairs {
		// a sentence several articles have is the site's furniture ("Find all the latest football
		// transfers on our dedicated page."), not their news
		var sents []string
		for _, x := range p.article {
			if common[x] < 3 {
				sents = append(sents, x)
			}
		}
		if len(sents) < 5 || len(p.reference) == 0 {
			continue
		}
		body := strings.Fields(strings.Join(sents[3:], " "))
		out = append(out, TextStory{
			original: report{title: sents[0], text: strings.Join(sents, " ")},
			copy:     report{title: sents[2], text: "CITY (Agency) - " + strings.Join(body[:len(body)*4/5], " ")},
			rewrite:  report{title: p.reference[0], lead: strings.Join(p.reference[1:], " ")},
		})
	}
	return out, nil
}

const bbcPlaceholder = "Media playback is not supported on this device"

// sentences splits text after '.', '!' or '?' followed by a space (or a capital, as the summary set
// glues some sentences together); good enough for headlines and bodies.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '.', '!', '?':
			n := text[i+1]
			glued := n >= 'A' && n <= 'Z' && i > 0 && text[i-1] >= 'a' && text[i-1] <= 'z' // "device.The"
			if n == ' ' || n == '\n' || glued {
				if s := strings.TrimSpace(text[start : i+1]); len(strings.Fields(s)) >= 3 {
					out = append(out, s)
				}
				start = i + 1
			}
		}
	}
	if s := strings.TrimSpace(text[start:]); len(strings.Fields(s)) >= 3 {
		out = append(out, s)
	}
	return out
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// EvaluateTexts clusters the TextStory stories under each condition.
func EvaluateTexts(stories []TextStory, cfg story.Config) []TextRow {
	var rows []TextRow
	for _, cond := range []TextCondition{HeadlineOnly, HeadlineLead, FullText} {
		rows = append(rows, clusterTexts(stories, cfg, cond))
	}
	return rows
}

func clusterTexts(stories []TextStory, cfg story.Config, cond TextCondition) TextRow {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := story.New(cfg)
	article := func(r report, t time.Time) story.Article {
		a := story.Article{Title: r.title, Lang: "en", Time: t}
		switch cond {
		case HeadlineLead:
			a.Lead = r.lead
			if a.Lead == "" {
				a.Lead = firstWords(r.text, 60)
			}
		case FullText:
			a.Lead, a.Text = r.lead, r.text
		}
		return a
	}
	n := len(stories)
	var items []Item
	var labels []string
	orig := make([]int64, n)
	row := TextRow{Condition: cond, Stories: n}
	for i, s := range stories {
		orig[i] = c.Assign(article(s.original, at)).Story
		items = append(items, Item{ID: fmt.Sprint("o", i), Story: strconv.Itoa(i), Publisher: "original"})
		labels = append(labels, strconv.FormatInt(orig[i], 10))
	}
	for i, s := range stories {
		a := c.Assign(article(s.copy, at.Add(time.Hour)))
		if a.Story == orig[i] {
			row.Copies++
			if a.Reason == story.ReasonDuplicate {
				row.ByText++
			}
		}
		items = append(items, Item{ID: fmt.Sprint("c", i), Story: strconv.Itoa(i), Publisher: "copy"})
		labels = append(labels, strconv.FormatInt(a.Story, 10))
	}
	for i, s := range stories {
		a := c.Assign(article(s.rewrite, at.Add(2*time.Hour)))
		if a.Story == orig[i] {
			row.Rewrites++
		}
		items = append(items, Item{ID: fmt.Sprint("r", i), Story: strconv.Itoa(i), Publisher: "rewrite"})
		labels = append(labels, strconv.FormatInt(a.Story, 10))
	}
	for i := range items {
		items[i].Date = "2026-01-01"
	}
	s := score(items, labels)
	row.Pair, row.B3 = s.Pair, s.B3
	return row
}

// WriteTexts prints the rows.
func WriteTexts(w io.Writer, rows []TextRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "what the full text adds: %d stories assembled from the summary set (original; re-topped wire copy at 80%%; rewrite from the reference summary, without text):\n", rows[0].Stories)
	for _, r := range rows {
		fmt.Fprintf(w, "  %-24s pair P/R/F1 %.3f/%.3f/%.3f | B3 F1 %.3f | copies with their original %d/%d (%d by the text) | rewrites %d/%d\n",
			r.Condition, r.Pair.P, r.Pair.R, r.Pair.F, r.B3.F, r.Copies, r.Stories, r.ByText, r.Rewrites, r.Stories)
	}
}
