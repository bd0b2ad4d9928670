package pagination

import (
	"regexp"
	"sync"
)

// newshound: the package's regular expressions are compiled on first use,
// not in package initialisation (see PATCHES.md). lazyRegexp has the
// methods of *regexp.Regexp the package calls.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// lazyExpressions are every lazyRegexp of the package, for the test that
// compiles them all.
var lazyExpressions []*lazyRegexp

func lazyMustCompile(expr string) *lazyRegexp {
	l := &lazyRegexp{expr: expr}
	lazyExpressions = append(lazyExpressions, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyRegexp) FindString(s string) string { return l.get().FindString(s) }

func (l *lazyRegexp) FindAllString(s string, n int) []string { return l.get().FindAllString(s, n) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.get().FindAllStringSubmatch(s, n)
}

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}

func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.get().ReplaceAllStringFunc(src, repl)
}

func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }

func (l *lazyRegexp) SubexpNames() []string { return l.get().SubexpNames() }
