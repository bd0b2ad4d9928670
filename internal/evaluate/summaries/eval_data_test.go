package summaries

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluateValidation runs the whole evaluation on the validation file
// and checks its shape; the figures are logged for the record (go test -v).
func TestEvaluateValidation(t *testing.T) {
	path := filepath.Join(dataDir, "pairs.validation.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("validation data not available: %v", err)
	}
	rs, err := Evaluate(path)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.Dataset)
		if r.Articles == 0 {
			t.Errorf("%s: no articles", r.Dataset)
		}
		for _, s := range []Scores{r.Newshound, r.Lead3} {
			for _, x := range []float64{s.R1, s.R2, s.RL} {
				if x <= 0 || x >= 1 {
					t.Errorf("%s: score %v outside (0, 1)", r.Dataset, x)
				}
			}
		}
	}
	if got := strings.Join(names, ","); got != "cnndm,xsum" {
		t.Errorf("datasets = %s, want cnndm,xsum", got)
	}
	var b strings.Builder
	WriteReports(&b, rs)
	t.Log("\n" + b.String())
}
