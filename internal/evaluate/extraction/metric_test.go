package extraction

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Don't stop—it's 3.5%!", []string{"Don", "t", "stop", "it", "s", "3", "5"}},
		{"naïve café 東京 snake_case", []string{"naïve", "café", "東京", "snake_case"}},
		{"cafe\u0301s", []string{"cafe", "s"}}, // a combining accent is not \w in Python
		{"  \n\t", nil},
		{"x²", []string{"x²"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name                string
		truth, pred         string
		precision, recall   float64
		predicted, expected bool // counted in the precision / recall means
	}{
		{"identical", "one two three four five", "one two three four five", 1, 1, true, true},
		{"punctuation and spacing ignored", "One, two; three. Four!", "One two\n\nthree Four", 1, 1, true, true},
		{"one shingle of two each differs", "a b c d e", "a b c d x", 0.5, 0.5, true, true},
		{"short texts are one shingle", "hello world", "hello world", 1, 1, true, true},
		{"short texts differ", "hello world", "hello there", 0, 0, true, true},
		{"repeated truth counted as a multiset", "a b c d a b c d", "a b c d", 1, 0.2, true, true},
		{"extra text lowers precision only", "a b c d e", "a b c d e f g", 0.5, 1, true, true},
		{"nothing predicted", "a b c d e", "", 0, 0, false, true},
		{"nothing expected", "", "a b c d", 0, 0, true, false},
		{"both empty", "", "", 1, 1, false, false},
		{"case matters", "A b c d", "a b c d", 0, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compare(tt.truth, tt.pred)
			if (c.tp+c.fp > 0) != tt.predicted || (c.tp+c.fn > 0) != tt.expected {
				t.Fatalf("counts %+v: predicted %v expected %v, want %v %v", c, c.tp+c.fp > 0, c.tp+c.fn > 0, tt.predicted, tt.expected)
			}
			if tt.predicted && !near(c.precision(), tt.precision) {
				t.Errorf("precision = %v, want %v (%+v)", c.precision(), tt.precision, c)
			}
			if tt.expected && !near(c.recall(), tt.recall) {
				t.Errorf("recall = %v, want %v (%+v)", c.recall(), tt.recall, c)
			}
			if s := c.tp + c.fp + c.fn; s != 0 && !near(s, 1) {
				t.Errorf("counts sum to %v, want 1", s)
			}
		})
	}
}

func TestAverage(t *testing.T) {
	pages := []counts{
		compare("a b c d e", ""),          // recall 0, no precision
		compare("a b c d e", "a b c d e"), // 1, 1
		compare("a b c d e", "a b c d x"), // 0.5, 0.5
	}
	p, r, f := average(pages)
	if !near(p, 0.75) || !near(r, 0.5) || !near(f, 0.6) {
		t.Errorf("average = %v %v %v, want 0.75 0.5 0.6", p, r, f)
	}
	if p, r, f := average(nil); p != 0 || r != 0 || f != 0 {
		t.Errorf("average(nil) = %v %v %v", p, r, f)
	}
}

func TestAgreement(t *testing.T) {
	t.Run("title", func(t *testing.T) {
		if !sameTitle("Harbour  town\nvotes", "harbour town votes") || sameTitle("A title", "A title | Site") {
			t.Error("sameTitle wrong")
		}
	})
	t.Run("byline", func(t *testing.T) {
		for _, c := range []struct {
			want, got string
			same      bool
		}{
			{"By Maren Ostby", "Maren Ostby", true},
			{"Maren Ostby, staff writer", "Maren Ostby", true},
			{"Maren Ostby", "Maren Ostby and Idris Calloway", true},
			{"Maren Ostby", "", false},
			{"Maren Ostby", "Helen Marsh", false},
		} {
			if got := sameByline(c.want, c.got); got != c.same {
				t.Errorf("sameByline(%q, %q) = %v", c.want, c.got, got)
			}
		}
	})
	t.Run("date", func(t *testing.T) {
		got := parseTime(t, "2024-03-14T23:30:00-05:00")
		for _, c := range []struct {
			want string
			same bool
		}{
			{"2024-03-14T10:00:00Z", true},
			{"2024-03-15", true}, // the same instant is the 15th in UTC
			{"2024-03-13", false},
			{"", false},
		} {
			if s := sameDay(c.want, got); s != c.same {
				t.Errorf("sameDay(%q, %v) = %v", c.want, got, s)
			}
		}
	})
	t.Run("lang", func(t *testing.T) {
		if !sameLang("en-US", "en") || !sameLang("EN", "en_GB") || sameLang("en", "fr") || sameLang("", "") {
			t.Error("sameLang wrong")
		}
	})
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
