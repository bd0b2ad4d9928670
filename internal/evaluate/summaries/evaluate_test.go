package summaries

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvaluateFile(t *testing.T) {
	data := `{"dataset": "cnndm", "article": "The mayor opened the new bridge on Monday. Crowds cheered as the ribbon was cut. Traffic will flow from Tuesday. A fourth sentence follows here.", "reference": "The mayor opened the new bridge . Traffic flows from Tuesday ."}
{"dataset": "xsum", "article": "Share this withEmailFacebookCopy this linkA fire closed the school on Friday.Pupils were sent home early.", "reference": "a fire has closed a school, sending pupils home."}

{"dataset": "cnndm", "article": "Rain fell all day in the capital. Rivers rose fast.", "reference": "Rain fell all day ."}
`
	path := filepath.Join(t.TempDir(), "pairs.jsonl")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := Evaluate(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Dataset != "cnndm" || rs[0].Articles != 2 || rs[1].Dataset != "xsum" || rs[1].Articles != 1 {
		t.Fatalf("reports = %+v", rs)
	}
	for _, r := range rs {
		if r.Newshound.R1 <= 0 || r.Lead3.R1 <= 0 {
			t.Errorf("%s: zero ROUGE-1 in %+v", r.Dataset, r)
		}
	}
	var b strings.Builder
	WriteReports(&b, rs)
	out := b.String()
	for _, want := range []string{"ROUGE-1", "cnndm", "xsum", "newshound", "lead-3"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 5 {
		t.Errorf("report has %d lines, want 5:\n%s", lines, out)
	}
}

func TestEvaluateErrors(t *testing.T) {
	if _, err := Evaluate(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil || !strings.HasPrefix(err.Error(), "summaries: ") {
		t.Errorf("missing file: err = %v", err)
	}
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(path, []byte("{\"dataset\": \"x\"}\nnot json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate(path); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: err = %v", err)
	}
}

func TestLead3(t *testing.T) {
	got := Lead3("One is here. Two is here. Three is here. Four is here.")
	want := []string{"One is here.", "Two is here.", "Three is here."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Lead3 = %q, want %q", got, want)
	}
}
