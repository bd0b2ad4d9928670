package pagination

import (
	"regexp"
	"testing"
)

// TestLazyExpressionsCompile compiles every expression the package compiles
// on first use, as package initialisation did upstream.
func TestLazyExpressionsCompile(t *testing.T) {
	if len(lazyExpressions) == 0 {
		t.Fatal("no lazy expressions registered")
	}
	for _, l := range lazyExpressions {
		if _, err := regexp.Compile(l.expr); err != nil {
			t.Errorf("%q: %v", l.expr, err)
		}
		if l.get() == nil {
			t.Errorf("%q: not compiled", l.expr)
		}
	}
}
