package extraction

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dataDir is the shared evaluation data, when this checkout has it.
func dataDir(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("evaluation data: skipped in -short mode")
	}
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "extraction", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("evaluation data not present: %v", err)
	}
	return dir
}

// The benchmark runs end to end and stays at the quality measured when the
// extractor was chosen.
func TestScrapinghub(t *testing.T) {
	r, err := Scrapinghub(dataDir(t, "scrapinghub"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Write(&b)
	t.Log("\n" + b.String())
	n := r.Systems[0]
	if len(r.Pages) != 91 || n.All.Pages != 91 || n.All.F1 < 0.96 || n.PagesPerSec <= 0 || n.PeakHeapMB <= 0 {
		t.Errorf("report %+v: want 91 pages at F1 >= 0.96", n)
	}
	if n.Folds[0].Pages+n.Folds[1].Pages != 91 || n.Folds[0].Pages == 0 || n.Folds[1].Pages == 0 {
		t.Errorf("folds %+v: want both non-empty, 91 pages in all", n.Folds)
	}
}

func TestReadabilityMetadata(t *testing.T) {
	m, err := ReadabilityMetadata(dataDir(t, "readability-test-pages"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	m.Write(&b)
	t.Log("\n" + b.String())
	if m.Pages < 100 || m.Title < 0.8 || m.Lang < 0.9 {
		t.Errorf("report %+v: want title >= 0.8, lang >= 0.9", m)
	}
}

func TestMissingData(t *testing.T) {
	dir := t.TempDir()
	if _, err := Scrapinghub(dir); err == nil {
		t.Error("Scrapinghub on an empty directory: want an error")
	}
	if _, err := ReadabilityMetadata(dir); err == nil {
		t.Error("ReadabilityMetadata on an empty directory: want an error")
	}
}

// writeBenchmark lays out a tiny benchmark in the ScrapingHub format.
func writeBenchmark(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	truth := map[string]map[string]string{}
	for id, body := range pages {
		truth[id] = map[string]string{"articleBody": body, "url": "https://example.com/" + id}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		fmt.Fprintf(zw, "<html><body><p>%s</p></body></html>", body)
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, _ := json.Marshal(truth)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.dev.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestScrapinghubScoring(t *testing.T) {
	dir := writeBenchmark(t, map[string]string{
		"a": "one two three four five",
		"b": "six seven eight nine ten",
		"c": "eleven twelve thirteen fourteen fifteen",
	})
	predictions := map[string]string{
		"https://example.com/a": "one two three four five",     // P 1, R 1
		"https://example.com/b": "six seven eight nine eleven", // P 0.5, R 0.5
		"https://example.com/c": "",                            // no P, R 0
	}
	pages, err := loadScrapinghub(dir)
	if err != nil {
		t.Fatal(err)
	}
	fake := func(html []byte, pageURL string) (string, error) {
		if !bytes.Contains(html, []byte("<p>")) {
			t.Errorf("extractor got %q, want the decompressed page", html)
		}
		return predictions[pageURL], nil
	}
	perfect := func(html []byte, pageURL string) (string, error) {
		return strings.TrimSuffix(strings.TrimPrefix(string(html), "<html><body><p>"), "</p></body></html>"), nil
	}
	rep, err := evaluate(dataset{name: "tiny", pages: pages}, []system{{"fake", fake}, {"perfect", perfect}}, false)
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Systems[0]
	if r.All.Pages != 3 || !near(r.All.Precision, 0.75) || !near(r.All.Recall, 0.5) || !near(r.All.F1, 0.6) || r.PagesPerSec <= 0 {
		t.Errorf("report %+v: want 3 pages, P 0.75, R 0.5, F1 0.6", r)
	}
	if p := rep.Systems[1].All; !near(p.F1, 1) {
		t.Errorf("perfect extractor: %+v, want F1 1", p)
	}
	// b (F1 0.5) and c (0) are more than 0.10 below the perfect extractor.
	if below := rep.Below(0.10); len(below) != 2 || below[0].ID != "b" || below[1].ID != "c" {
		t.Errorf("Below(0.10) = %+v, want b and c", below)
	}
	var b strings.Builder
	rep.Write(&b)
	for _, want := range []string{"fake            all          3    0.7500  0.5000  0.6000", "below the plain library: 2"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Write lacks %q:\n%s", want, b.String())
		}
	}
}

func TestReadabilityMetadataScoring(t *testing.T) {
	dir := t.TempDir()
	page := func(name, html, expected string) {
		d := filepath.Join(dir, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, html)
		zw.Close()
		os.WriteFile(filepath.Join(d, "source.html.gz"), b.Bytes(), 0o644)
		os.WriteFile(filepath.Join(d, "expected-metadata.json"), []byte(expected), 0o644)
	}
	body := "<p>" + strings.Repeat("The ferry ran on time again this morning, to nobody's surprise. ", 8) + "</p>"
	page("agrees", `<html lang="en-GB"><head><meta property="og:title" content="Ferry  runs on time">
<meta name="author" content="Maren Ostby"><meta property="article:published_time" content="2024-03-14T09:30:00Z">
</head><body><article>`+body+`</article></body></html>`,
		`{"title":"Ferry runs on time","byline":"By Maren Ostby","lang":"en","publishedTime":"2024-03-14T11:00:00+02:00"}`)
	page("differs", `<html lang="fr"><head><title>Autre titre</title></head><body><article>`+body+`</article></body></html>`,
		`{"title":"Le titre","byline":null,"lang":"de","publishedTime":null}`)
	m, err := ReadabilityMetadata(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := MetaReport{Pages: 2, Title: 0.5, Byline: 1, Date: 1, Lang: 0.5, TitlePages: 2, BylinePages: 1, DatePages: 1, LangPages: 2}
	got := m
	got.Misses = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report %+v, want %+v", got, want)
	}
	if len(m.Misses) != 2 || m.Misses[0] != (MetaMiss{"differs", "title", "Le titre", "Autre titre"}) {
		t.Errorf("misses %+v", m.Misses)
	}
}

func TestSnippetScoring(t *testing.T) {
	c := checkSnippets([]string{"the  ferry\nran", "Late", "absent"}, []string{"Imprint", "cookie"},
		"The ferry ran late. the ferry ran\ton time. Late. Imprint")
	if c != (counts{tp: 2, fn: 1, fp: 1}) {
		t.Errorf("checkSnippets = %+v, want tp 2 (white space normalised), fn 1, fp 1", c)
	}
	p, r, f := total([]counts{c, {tp: 2, fn: 0, fp: 0}})
	if !near(p, 0.8) || !near(r, 0.8) || !near(f, 0.8) {
		t.Errorf("total = %v %v %v, want 0.8 each (counts summed over pages)", p, r, f)
	}
}

func TestFolds(t *testing.T) {
	for _, tc := range []struct{ url, site string }{
		{"https://www.Example.com:8443/a?b", "example.com"},
		{"http://news.example.com/x", "news.example.com"},
		{"not a url", "not a url"},
	} {
		if got := siteOf(tc.url); got != tc.site {
			t.Errorf("siteOf(%q) = %q, want %q", tc.url, got, tc.site)
		}
	}
	if siteOfTestPage("nytimes-3") != "nytimes" || siteOfTestPage("001") != "001" {
		t.Error("siteOfTestPage: want the trailing number dropped")
	}
	// The fold is a fixed function of the site: FNV-1a 32 mod Folds.
	n := map[int]int{}
	for _, s := range []string{"example.com", "example.org", "news.example.net", "a.de", "b.fr", "c.pl", "d.es", "e.co.uk"} {
		if fold(s) != fold(s) || fold(s) < 0 || fold(s) >= Folds {
			t.Fatalf("fold(%q) = %d", s, fold(s))
		}
		n[fold(s)]++
	}
	if len(n) != Folds {
		t.Errorf("8 sites fell in %d folds: %v", len(n), n)
	}
	if fold("example.com") != 0 { // FNV-1a 32 of "example.com" is 0x431ceb26, even
		t.Errorf("fold(example.com) = %d: the split changed", fold("example.com"))
	}
}

func TestTrafilaturaLayout(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "pages"), 0o755)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, "<html><body><article><p>"+strings.Repeat("Der Fährmann setzte am Morgen pünktlich über den Fluss. ", 10)+"</p></article><footer>Impressum</footer></body></html>")
	zw.Close()
	os.WriteFile(filepath.Join(dir, "pages", "one.html.gz"), b.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "evaldata.json"), []byte(`{"https://www.example.de/x": {"file": "one.html",
		"with": ["Der Fährmann setzte am Morgen pünktlich über", "über den Fluss."], "without": ["Impressum"],
		"description": "Wie jeden Tag ist der alte Fährmann auch heute wieder pünktlich mit seiner Fähre über den breiten Fluss gefahren und hat die Leute sicher ans andere Ufer gebracht."}}`), 0o644)
	reps, err := Evaluate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Dataset != "trafilatura-eval" || len(reps[0].Systems) != 2 {
		t.Fatalf("reports %+v", reps)
	}
	n := reps[0].Systems[0]
	if n.All.Pages != 1 || !near(n.All.Recall, 1) || !near(n.All.Precision, 1) {
		t.Errorf("newshound on one German page: %+v, want P 1 R 1", n.All)
	}
	if len(n.Langs) != 1 || n.Langs[0].Lang != "de" {
		t.Errorf("languages %+v, want de", n.Langs)
	}
	if _, err := Evaluate(t.TempDir()); err == nil {
		t.Error("Evaluate on an empty directory: want an error")
	}
}

// The dump holds every page's text under both extractors, and the same
// pages dump the same twice.
func TestDump(t *testing.T) {
	story := strings.Repeat("The harbour board met on Monday and decided that the ferry will keep running. ", 6)
	dir := writeBenchmark(t, map[string]string{"a": story, "b": "Too short."})
	var first, second strings.Builder
	if err := Dump(dir, &first); err != nil {
		t.Fatal(err)
	}
	if err := Dump(dir, &second); err != nil {
		t.Fatal(err)
	}
	out := first.String()
	for _, want := range []string{"=== scrapinghub a https://example.com/a\n", "=== scrapinghub b https://example.com/b\n",
		"--- library\n", strings.TrimSpace(story)} {
		if !strings.Contains(out, want) {
			t.Errorf("dump lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, strings.TrimSpace(story)) != 2 {
		t.Errorf("dump: want the story under both extractors:\n%s", out)
	}
	if second.String() != out {
		t.Errorf("two dumps differ")
	}
	if err := Dump(t.TempDir(), &first); err == nil {
		t.Error("Dump of an empty directory: want an error")
	}
}

// With CPUProfile set, the evaluation writes a profile of newshound's run.
func TestCPUProfile(t *testing.T) {
	dir := writeBenchmark(t, map[string]string{"a": "one two three four five"})
	CPUProfile = filepath.Join(t.TempDir(), "cpu.pprof")
	defer func() { CPUProfile = "" }()
	if _, err := Evaluate(dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(CPUProfile)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b { // pprof's profiles are gzipped
		t.Errorf("profile of %d bytes, not gzip", len(b))
	}
}

// BenchmarkSets extracts every page of each benchmark under newshound and
// under the plain library, one iteration a pass over the set; with
// -cpuprofile, the profile of where extraction's time goes.
func BenchmarkSets(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "extraction")
	sets, err := loadAll(dir)
	if err != nil {
		b.Skipf("evaluation data not present: %v", err)
	}
	for _, ds := range sets {
		for _, sys := range systems {
			b.Run(ds.name+"/"+sys.name, func(b *testing.B) {
				for b.Loop() {
					for _, p := range ds.pages {
						sys.extract(p.html, p.url)
					}
				}
				b.ReportMetric(float64(b.N*len(ds.pages))/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}
