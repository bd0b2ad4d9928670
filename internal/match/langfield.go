package match

// UsesLang reports whether the query asks for the document's language
// (lang:): the caller then has to know it, which for a text without a
// declaration costs a language identification.
func (q *Query) UsesLang() bool { return q != nil && usesField(q.root, fieldLang) }

func usesField(n *node, f fieldSet) bool {
	if n == nil {
		return false
	}
	if (n.op == opTerm || n.op == opAlias) && n.fields&f != 0 {
		return true
	}
	for _, k := range n.kids {
		if usesField(k, f) {
			return true
		}
	}
	return false
}
