package regexp_test

import (
	stdregex "regexp"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/internal/regexp"
)

// TestMustCompiledExpressionsCompile compiles every expression that
// MustCompile made (newshound: compiled on first use, no longer in package
// initialisation), the locales' too once a date in each is parsed, and
// checks a lazily compiled expression answers as the standard one does.
func TestMustCompiledExpressionsCompile(t *testing.T) {
	// Parsing loads every locale's data, which makes its expressions.
	if _, err := dps.Parse(&dps.Configuration{CurrentTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, "3 de febrero de 2015"); err != nil {
		t.Fatal(err)
	}
	all := regexp.MustCompiledExpressions()
	if len(all) < 100 {
		t.Fatalf("only %d expressions made by MustCompile", len(all))
	}
	for _, re := range all {
		if _, err := stdregex.Compile(re.String()); err != nil {
			t.Errorf("%q: %v", re.String(), err)
		}
	}
	lazy, std := regexp.MustCompile(`(?i)(\d+)\s*(de)?`), stdregex.MustCompile(`(?i)(\d+)\s*(de)?`)
	for _, s := range []string{"", "3 de febrero", "x 12DE", "nothing"} {
		if got, want := lazy.FindStringSubmatch(s), std.FindStringSubmatch(s); len(got) != len(want) || len(got) > 0 && got[0] != want[0] {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
	}
}
