package regexp

// MustCompiledExpressions returns the expressions MustCompile has made.
func MustCompiledExpressions() []*Regexp {
	mustCompiledMu.Lock()
	defer mustCompiledMu.Unlock()
	return append([]*Regexp(nil), mustCompiled...)
}
