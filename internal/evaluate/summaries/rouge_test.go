package summaries

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

const dataDir = "/work/shared/data/summaries"

// TestRougeMatchesPltrdy checks Rouge against the values pltrdy/rouge
// computed for the same pairs.
func TestRougeMatchesPltrdy(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(dataDir, "rouge-validation", "pltrdy-data.json"))
	if err != nil {
		t.Skipf("validation data not available: %v", err)
	}
	type prf struct{ F, P, R float64 }
	var cases []struct {
		Hyp, Ref string
		Scores   map[string]prf
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for i, c := range cases {
		r1, r2, rl := Rouge(c.Hyp, c.Ref)
		for name, got := range map[string]Score{"rouge-1": r1, "rouge-2": r2, "rouge-l": rl} {
			want := c.Scores[name]
			if !near(got.P, want.P) || !near(got.R, want.R) || !near(got.F, want.F) {
				t.Errorf("case %d %s: got P=%.6f R=%.6f F=%.6f, want P=%.6f R=%.6f F=%.6f",
					i, name, got.P, got.R, got.F, want.P, want.R, want.F)
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestRouge(t *testing.T) {
	tests := []struct {
		name       string
		hyp, ref   string
		r1, r2, rl float64
	}{
		{"identical", "the cat sat", "the cat sat", 1, 1, 1},
		{"disjoint", "a b c", "d e f", 0, 0, 0},
		{"empty hypothesis", "", "a b", 0, 0, 0},
		// hyp {the,cat,sat}, ref {the,cat,ran}: 2/3 each way.
		{"one word differs", "the cat sat", "the cat ran", 2.0 / 3, 0.5, 2.0 / 3},
		// Repeated n-grams count once: bigrams {aa, ab} vs {ab} give P=1/2,
		// R=1. LCS uses every token: P=2/4, R=1, β=1/2, F=5/9.
		{"repeats", "a a a b", "a b", 1, 2.0 / 3, 5.0 / 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r1, r2, rl := Rouge(tt.hyp, tt.ref)
			if math.Abs(r1.F-tt.r1) > 1e-6 || math.Abs(r2.F-tt.r2) > 1e-6 || math.Abs(rl.F-tt.rl) > 1e-3 {
				t.Errorf("Rouge(%q, %q) F = %.4f %.4f %.4f, want %.4f %.4f %.4f", tt.hyp, tt.ref, r1.F, r2.F, rl.F, tt.r1, tt.r2, tt.rl)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	got := Tokenize([]string{"Locke’s first U.S. win.", "He didn't say \"yes\"."})
	want := "locke s first u s win he didn t say yes"
	if got != want {
		t.Errorf("Tokenize = %q, want %q", got, want)
	}
}
