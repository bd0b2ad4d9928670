package summary

import (
	"strings"
	"testing"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", ".", "...", "Mr. Smith. Dr.", "\"Stop.\" he said.", "a.B.c", "« a. » b", "„x.“ y",
		"3.5. 4", "U.S. The", "z. B. Köln", "end.\"Next", "\n\n\n", "a\xffb. C", "今日。明日",
		article,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Split(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			sent := text[s.Start:s.End]
			if strings.TrimSpace(sent) != sent {
				t.Fatalf("span %v not trimmed: %q", s, sent)
			}
			prev = s.End
		}
	})
}

func FuzzSummarize(f *testing.F) {
	f.Add(article, "election interference", 3, 600)
	f.Add("A b c d. E f g h.", "", 1, 3)
	f.Add("Ünïcödé wörds here now. Zwei Sätze hier jetzt.", "wörds", 2, 10)
	f.Fuzz(func(t *testing.T, text, term string, n, maxChars int) {
		n %= 20
		maxChars %= 5000
		got := Summarize(text, Options{Sentences: n, MaxChars: maxChars, Terms: []string{term}, Title: term})
		if n > 0 && len(got) > n || n <= 0 && len(got) > defaultSentences {
			t.Fatalf("%d sentences, asked for %d", len(got), n)
		}
		if len(got) == 1 && strings.HasSuffix(got[0], ellipsis) && !strings.Contains(text, got[0]) {
			return // the documented cut of a lone long sentence
		}
		from := 0
		for _, s := range got {
			i := strings.Index(text[from:], s)
			if i < 0 {
				t.Fatalf("%q not verbatim in order in %q", s, text)
			}
			from += i + len(s)
		}
	})
}
