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
	if r.Pages != 91 || r.F1 < 0.96 || r.PagesPerSec <= 0 || r.PeakHeapMB <= 0 {
		t.Errorf("report %+v: want 91 pages at F1 >= 0.96", r)
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
	r, err := scrapinghub(dir, func(html []byte, pageURL string) (string, error) {
		if !bytes.Contains(html, []byte("<p>")) {
			t.Errorf("extractor got %q, want the decompressed page", html)
		}
		return predictions[pageURL], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 3 || !near(r.Precision, 0.75) || !near(r.Recall, 0.5) || !near(r.F1, 0.6) || r.PagesPerSec <= 0 {
		t.Errorf("report %+v: want 3 pages, P 0.75, R 0.5, F1 0.6", r)
	}
	var b strings.Builder
	r.Write(&b)
	for _, want := range []string{"pages:      3", "precision:  0.7500", "recall:     0.5000", "F1:         0.6000"} {
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
