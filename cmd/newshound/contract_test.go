package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// goldenAlerts is the JSON alert contract: the demo's alerts as `once`
// prints them, times masked, then one alert with every field set and one
// update line.
const goldenAlerts = "testdata/alerts.golden"

// TestAlertContract: the JSON alert format is a contract — fields are
// added, never renamed or removed. The golden file holds the demo's output;
// what is compared is its shape (every field's path and JSON type), so a
// better summary does not fail the test but a renamed field does. After
// adding a field on purpose, run go test -run TestAlertContract -update.
func TestAlertContract(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	out, errs, code := runCmd(t, "", "once", "--config", filepath.Join(dir, "demo.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	published := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	full, err := json.Marshal(alert.Alert{
		Watch: "w", Feed: "f", Title: "t", URL: "https://e.example/a", Published: &published, Summary: "s",
		Quotes: []alert.Quote{{Text: "q", Speaker: "p"}}, Matched: []string{"m"},
		Why: []alert.Why{{Term: "m", Field: "body", Snippet: "m"}}, Image: "https://e.example/i.jpg", Byline: "b", Story: 1, Paywalled: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	upd, err := json.Marshal(alert.Update{Kind: "update", Watch: "w", Story: 1, Feed: "f", Title: "t", URL: "https://e.example/b", Published: &published})
	if err != nil {
		t.Fatal(err)
	}
	got := maskTimes(strings.TrimSpace(out) + "\n" + string(full) + "\n" + string(upd) + "\n")
	if *update {
		if err := os.WriteFile(goldenAlerts, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenAlerts)
	if err != nil {
		t.Fatal(err)
	}
	gs, ws := shapes(t, got), shapes(t, string(want))
	for _, p := range ws {
		if !slices.Contains(gs, p) {
			t.Errorf("the alert no longer has %s: a field was renamed or removed, which breaks every consumer", p)
		}
	}
	for _, p := range gs {
		if !slices.Contains(ws, p) {
			t.Errorf("the alert has %s, which %s lacks: if the field was added on purpose, run with -update", p, goldenAlerts)
		}
	}
}

var rfc3339 = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"`)

func maskTimes(s string) string { return rfc3339.ReplaceAllString(s, `"<time>"`) }

// shapes lists the path and JSON type of every value in JSON lines, e.g.
// ".quotes[].speaker string", sorted and without repeats.
func shapes(t *testing.T, lines string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			seen[path+" object"] = true
			for k, e := range v {
				walk(path+"."+k, e)
			}
		case []any:
			seen[path+" array"] = true
			for _, e := range v {
				walk(path+"[]", e)
			}
		case string:
			seen[path+" string"] = true
		case float64:
			seen[path+" number"] = true
		case bool:
			seen[path+" bool"] = true
		case nil:
			// null where a value may be absent ("published" of an undated
			// item): not a shape of its own.
		default:
			seen[path+fmt.Sprintf(" %T", v)] = true
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(lines), "\n") {
		var v any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		walk("", v)
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
