package article

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refCollapseSpace and refDropFormat are the rune-by-rune versions that
// collapseSpace and dropFormat replaced: the text they give must not
// change, U+FFFD for a byte that is not UTF-8 included.
func refCollapseSpace(s string) string {
	space := true
	changed := false
	for _, r := range s {
		if r == ' ' && !space {
			space = true
			continue
		}
		if r == ' ' || unicode.IsSpace(r) {
			changed = true
			break
		}
		space = false
	}
	if !changed && !(space && s != "") {
		return s
	}
	var b strings.Builder
	space = false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func refDropFormat(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Map(func(r rune) rune {
				if r >= 0xAD && unicode.Is(unicode.Cf, r) {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

var cleanCases = []string{
	"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "\u00a0a b\u3000", "München liegt  an der Isar",
	"x \u0085 y", "Mittel\u00adalter", "  \n\t ", "ä ö ü", "a\xffb", "a \xff b", "\xff", " \xff", "\xff ", "a\xe2\x80b",
	"\ufffd x", "zero\u200bwidth", "\ufeffbom", "\U000e0041tag", "日本語\u3000のテキスト", "Привет,  мир", "a\x00b\x1fc\x7f",
	"\u2028line\u2029", "x\u200ey\u202a", "\u0600\u061c\u06dd\u070f\u0890\u08e2\u180e", "\U000110bd\U0001bca0\U0001d173",
	"a\xc2", "\xe2\x80\x8b\xe2", "tab\t\t\tend\n",
}

func TestCleanMatchesReference(t *testing.T) {
	for _, s := range cleanCases {
		if got, want := collapseSpace(s), refCollapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := dropFormat(s), refDropFormat(s); got != want {
			t.Errorf("dropFormat(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), refCollapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := dropFormat(s), refDropFormat(s); got != want {
			t.Errorf("dropFormat(%q) = %q, want %q", s, got, want)
		}
	})
}

// Every format character dropFormat drops starts with a byte formatLead
// knows.
func TestFormatLead(t *testing.T) {
	var buf [utf8.UTFMax]byte
	for r := rune(0xAD); r <= unicode.MaxRune; r++ {
		if unicode.Is(unicode.Cf, r) {
			utf8.EncodeRune(buf[:], r)
			if !formatLead(buf[0]) {
				t.Errorf("%U starts with %#x, not a format lead byte", r, buf[0])
			}
		}
	}
}

func BenchmarkClean(b *testing.B) {
	texts := []string{
		strings.Repeat("The council voted on Tuesday to keep the ferry running. ", 20),
		strings.Repeat("Der Gemeinderat stimmte am Dienstag für die Fähre.\n  ", 20),
		strings.Repeat("市议会周二投票决定继续运营渡轮。", 40),
	}
	for b.Loop() {
		for _, s := range texts {
			clean(s)
		}
	}
}

func TestHasGroupSpace(t *testing.T) {
	for _, s := range append(cleanCases, "1\u00a0000", "1\u202f000", "1\u2009000", "\u2008\u200a\u00a1", "\xc2", "\xe2\x80", "x\xe2\x80\xaf") {
		if got, want := hasGroupSpace(s), strings.ContainsAny(s, "\u00a0\u202f\u2009"); got != want {
			t.Errorf("hasGroupSpace(%q) = %v, want %v", s, got, want)
		}
	}
}

func checkSpaceScans(t *testing.T, s string) {
	if got, want := trimLeftSpace(s), strings.TrimLeftFunc(s, unicode.IsSpace); got != want {
		t.Errorf("trimLeftSpace(%q) = %q, want %q", s, got, want)
	}
	if got, want := trimRightSpace(s), strings.TrimRightFunc(s, unicode.IsSpace); got != want {
		t.Errorf("trimRightSpace(%q) = %q, want %q", s, got, want)
	}
	if got, want := indexSpace(s), strings.IndexFunc(s, unicode.IsSpace); got != want {
		t.Errorf("indexSpace(%q) = %d, want %d", s, got, want)
	}
	if got, want := lastIndexSpace(s), strings.LastIndexFunc(s, unicode.IsSpace); got != want {
		t.Errorf("lastIndexSpace(%q) = %d, want %d", s, got, want)
	}
}

func TestSpaceScans(t *testing.T) {
	for _, s := range append(cleanCases, "\u3000\u00a0x\u2003", "x\xa0", "\xa0x", "\xc2\xa0\xc2", "\x85\xc2\x85") {
		checkSpaceScans(t, s)
	}
}

func FuzzSpaceScans(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s)
	}
	f.Fuzz(checkSpaceScans)
}

// utf8Counts skips ASCII eight bytes at a time: a character or a stray
// byte at any offset is still counted.
func TestUTF8Counts(t *testing.T) {
	for pad := 0; pad < 17; pad++ {
		for _, tail := range []string{"", "é", "\xff", "日本", "a\xc3", "\xe2\x80\x99x", "é\xffé"} {
			b := []byte(strings.Repeat("a", pad) + tail + strings.Repeat("b", pad%5))
			multi, invalid := 0, 0
			for i := 0; i < len(b); {
				r, size := utf8.DecodeRune(b[i:])
				switch {
				case r == utf8.RuneError && size == 1:
					invalid++
				case size > 1:
					multi++
				}
				i += size
			}
			if m, inv := utf8Counts(b); m != multi || inv != invalid {
				t.Errorf("utf8Counts(%q) = %d, %d, want %d, %d", b, m, inv, multi, invalid)
			}
		}
	}
}
