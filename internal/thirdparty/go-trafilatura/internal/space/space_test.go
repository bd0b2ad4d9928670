package space

import (
	"strings"
	"testing"
)

var cases = []string{
	"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "\u00a0a b\u3000", "x \u0085 y",
	"  \n\t ", "ä ö ü", "a\xffb", "a \xff b", "\xff", " \xff", "\xff ", "a\xe2\x80b", "\u2028line\u2029",
	"日本語\u3000のテキスト", "a\x00b\x1fc\x7f", "  lead", "trail  ", "\x1c\x1d\x1e\x1f",
}

func check(t *testing.T, s string) {
	want := strings.Join(strings.Fields(s), " ")
	if got := Collapse(s); got != want {
		t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
	}
	if got := HasText(s); got != (want != "") {
		t.Errorf("HasText(%q) = %v", s, got)
	}
}

func TestCollapse(t *testing.T) {
	for _, s := range cases {
		check(t, s)
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(check)
}
