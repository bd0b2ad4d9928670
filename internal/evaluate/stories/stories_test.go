package stories

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/story"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	day1, day2 := "2026-01-01", "2026-01-02"
	items := []Item{
		{ID: "1", Story: "A", Publisher: "X", Date: day1},
		{ID: "2", Story: "A", Publisher: "Y", Date: day2},
		{ID: "3", Story: "A", Publisher: "X", Date: day1},
		{ID: "4", Story: "B", Publisher: "Y", Date: day1},
	}
	s := score(items, []string{"p", "p", "q", "q"})
	for _, c := range []struct {
		name string
		got  PRF
		p, r float64
	}{
		// predicted pairs 12, 34; gold pairs 12, 13, 23; both: 12
		{"pairs", s.Pair, 1.0 / 2, 1.0 / 3},
		// cross-outlet: predicted 12, 34; gold 12, 23
		{"cross-outlet pairs", s.CrossPair, 1.0 / 2, 1.0 / 2},
		// cut by day: predicted 34; gold 13
		{"day-split pairs", s.DayPair, 0, 0},
		// per item precision 1, 1, 1/2, 1/2; recall 2/3, 2/3, 1/3, 1
		{"B-cubed", s.B3, 3.0 / 4, 2.0 / 3},
	} {
		if !near(c.got.P, c.p) || !near(c.got.R, c.r) {
			t.Errorf("%s: P/R %.4f/%.4f, want %.4f/%.4f", c.name, c.got.P, c.got.R, c.p, c.r)
		}
		if c.p+c.r > 0 && !near(c.got.F, 2*c.p*c.r/(c.p+c.r)) {
			t.Errorf("%s: F1 %.4f", c.name, c.got.F)
		}
	}
	if s.Clusters != 2 || s.Gold != 2 {
		t.Errorf("clusters %d, gold %d", s.Clusters, s.Gold)
	}
	if perfect := score(items, []string{"A", "A", "A", "B"}); perfect.Pair.F != 1 || perfect.B3.F != 1 || perfect.CrossPair.F != 1 {
		t.Errorf("the gold itself scores %+v", perfect)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	good := `{"item_id": "a1", "title": "Ship runs aground", "url": "http://example.com/1", "publisher": "X", "hostname": "example.com", "date": "2026-01-01", "timestamp": "2026-01-01T00:00:00Z", "story": "s1"}`
	path := filepath.Join(dir, "items.jsonl")
	os.WriteFile(path, []byte(good+"\n\n"+good+"\n"), 0o644)
	items, err := Read(path)
	if err != nil || len(items) != 2 || items[0].Title != "Ship runs aground" || !items[0].Timestamp.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("Read = %+v, %v", items, err)
	}
	os.WriteFile(path, []byte(good+"\n"+`{"item_id": "a2", "title": "No story"}`+"\n"), 0o644)
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "items.jsonl:2:") {
		t.Errorf("an item without a story: error %v, want one naming line 2", err)
	}
	os.WriteFile(path, []byte("{not json\n"), 0o644)
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "items.jsonl:1:") {
		t.Errorf("bad JSON: error %v, want one naming line 1", err)
	}
}

func TestTimeFolds(t *testing.T) {
	var items []Item
	for _, d := range []string{"2026-01-01", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"} {
		items = append(items, Item{Date: d})
	}
	folds := TimeFolds(items)
	if len(folds) != 3 || len(folds[0].Items) != 3 || len(folds[1].Items) != 2 || len(folds[2].Items) != 5 {
		t.Fatalf("folds: %d, sizes %d %d", len(folds), len(folds[0].Items), len(folds[1].Items))
	}
	if folds[0].Items[2].Date != "2026-01-02" || folds[1].Items[0].Date != "2026-01-03" {
		t.Errorf("days split wrongly")
	}
}

func TestNewshoundGroupsReports(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	items := []Item{
		{ID: "1", Title: "Harbour of Valmora closed after grain ship Northern Lark runs aground", Story: "A", Date: "2026-01-01", Timestamp: at},
		{ID: "2", Title: "Ostrava central bank raises interest rates", Story: "B", Date: "2026-01-01", Timestamp: at},
		{ID: "3", Title: "Northern Lark aground: Valmora harbour shut", Story: "A", Date: "2026-01-01", Timestamp: at},
		{ID: "4", Title: "Film festival opens in Sarnac", Story: "C", Date: "2026-01-01", Timestamp: at},
	}
	labels := Newshound(story.Config{}).Run(items)
	if labels[0] != labels[2] || labels[0] == labels[1] || labels[1] == labels[3] {
		t.Errorf("clusters %v, want items 1 and 3 together and the others apart", labels)
	}
	var b strings.Builder
	if err := WriteClusters(&b, items, labels); err != nil || strings.Count(b.String(), `"item_id"`) != 4 {
		t.Errorf("WriteClusters: %v\n%s", err, b.String())
	}
}

// TestDevFigures runs the whole evaluation on the dev data when it is present, and logs the figures.
func TestDevFigures(t *testing.T) {
	items, err := Read("/work/shared/data/clustering/dev.jsonl")
	if err != nil {
		t.Skipf("dev data not available: %v", err)
	}
	if testing.Short() {
		t.Skip("short")
	}
	reps := Evaluate(TimeFolds(items)[:1], append(Baselines(), Newshound(story.Config{})))
	var b strings.Builder
	Write(&b, reps)
	t.Log("\n" + b.String())
	rows := reps[0].Rows
	nh, tfidf := rows[len(rows)-1].Scores, rows[len(rows)-2].Scores
	if nh.DayPair.F <= tfidf.DayPair.F {
		t.Errorf("newshound day-split F1 %.3f, no better than the TF-IDF baseline's %.3f", nh.DayPair.F, tfidf.DayPair.F)
	}
}

func TestReadTexts(t *testing.T) {
	var lines []string
	for _, place := range []string{"Valmora", "Ostrava", "Sarnac", "Ardmore"} {
		article := "Media playback is not supported on this deviceThe harbour of " + place + " closed on Tuesday. A ship ran aground near " + place +
			". Crews of " + place + " worked through the night. Tugs of " + place + " tried twice. Nobody in " + place + " was hurt, officials said. " +
			"Find all the latest shipping news on our dedicated page."
		b, _ := json.Marshal(map[string]string{"article": article, "reference": "Ship aground at " + place + " . Harbour closed ."})
		lines = append(lines, string(b))
	}
	got, err := readTexts(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil || len(got) != 4 {
		t.Fatalf("%d stories, %v", len(got), err)
	}
	s := got[0]
	if s.original.title != "The harbour of Valmora closed on Tuesday." || strings.Contains(s.original.text, "Find all") || strings.Contains(s.original.text, "Media playback") {
		t.Errorf("original %+v", s.original)
	}
	if s.copy.title != "Crews of Valmora worked through the night." || !strings.HasPrefix(s.copy.text, "CITY (Agency) - Tugs of Valmora") {
		t.Errorf("copy %+v", s.copy)
	}
	if s.rewrite.title != "Ship aground at Valmora ." || s.rewrite.lead != "Harbour closed ." || s.rewrite.text != "" {
		t.Errorf("rewrite %+v", s.rewrite)
	}
	if _, err := readTexts(strings.NewReader(lines[0] + "\n{")); err == nil || !strings.HasPrefix(err.Error(), "2:") {
		t.Errorf("a broken line: %v", err)
	}
}
