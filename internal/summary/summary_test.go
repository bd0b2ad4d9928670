package summary

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// article is a written fixture: a lead about the budget, then paragraphs
// about election interference, with page furniture around them.
const article = `By Jane Doe

Updated 3:45 PM EST, Tue March 4, 2025

The city council approved a new budget on Tuesday after a long debate over road repairs and school funding. The budget raises spending on roads by ten percent and keeps school funding flat.

Council members argued for hours about the cost of repairing bridges in the north of the city. The mayor said the budget was the best the city could afford this year.

Read more: Council budget fight drags on

Separately, investigators said they had found evidence of election interference in last year's municipal vote. The election interference involved fake accounts that spread false claims about polling places.

A bridge closed for repairs in the north of the city (Photo: John Roe/Reuters)

Closed for good: The old Harbour Bridge, seen here in 1990, will not reopen to traffic this year.

Officials said the interference reached thousands of voters in the final week before the election. Prosecutors are weighing charges against two consultants.

Sign up for our daily newsletter to get the latest council news.`

func TestSummarizeGeneric(t *testing.T) {
	got := Summarize(article, Options{})
	if len(got) == 0 || len(got) > 3 {
		t.Fatalf("got %d sentences, want 1..3: %q", len(got), got)
	}
	if !strings.HasPrefix(got[0], "The city council approved a new budget") {
		t.Errorf("generic summary should start with the lead, got %q", got[0])
	}
}

func TestSummarizeTerms(t *testing.T) {
	tests := []struct {
		name  string
		terms []string
		n     int
		want  string // every chosen sentence must contain this
	}{
		{"phrase", []string{"election interference"}, 2, "interference"},
		{"case and diacritics folded", []string{"ÉLECTION INTERFÉRENCE"}, 2, "interference"},
		{"word", []string{"bridges"}, 1, "bridges"},
		{"words of a phrase count too", []string{"election interference"}, 3, "interference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarize(article, Options{Terms: tt.terms, Sentences: tt.n})
			if len(got) != tt.n {
				t.Fatalf("got %d sentences, want %d: %q", len(got), tt.n, got)
			}
			for _, s := range got {
				if !strings.Contains(strings.ToLower(s), tt.want) {
					t.Errorf("sentence %q does not mention %q", s, tt.want)
				}
			}
		})
	}
}

func TestSummarizeTitle(t *testing.T) {
	got := Summarize(article, Options{Sentences: 1, Title: "Prosecutors weigh charges against consultants"})
	if len(got) != 1 || !strings.HasPrefix(got[0], "The city council") && !strings.HasPrefix(got[0], "Prosecutors") {
		t.Errorf("got %q", got)
	}
}

func TestSummarizeNeverBoilerplate(t *testing.T) {
	bad := []string{"By Jane Doe", "Updated 3:45", "Read more", "Sign up", "Photo:", "A bridge closed for repairs", "Closed for good"}
	for _, opts := range []Options{
		{},
		{Sentences: 10, MaxChars: 5000},
		{Sentences: 10, MaxChars: 5000, Terms: []string{"bridge", "newsletter", "Jane Doe", "budget"}},
	} {
		for _, s := range Summarize(article, opts) {
			for _, b := range bad {
				if strings.Contains(s, b) {
					t.Errorf("options %+v: chose boilerplate %q", opts, s)
				}
			}
		}
	}
}

func TestSummarizeVerbatimInOrder(t *testing.T) {
	for _, opts := range []Options{{}, {Sentences: 1}, {Sentences: 5, MaxChars: 300}, {Terms: []string{"council"}}} {
		got := Summarize(article, opts)
		checkVerbatim(t, article, got)
		if n := totalRunes(got); n > max(opts.MaxChars, 0) && opts.MaxChars > 0 && len(got) > 1 {
			t.Errorf("options %+v: %d characters, over %d", opts, n, opts.MaxChars)
		}
	}
}

// checkVerbatim fails unless every sentence occurs in text, in text order,
// without overlapping.
func checkVerbatim(t *testing.T, text string, sents []string) {
	t.Helper()
	from := 0
	for _, s := range sents {
		i := strings.Index(text[from:], s)
		if i < 0 {
			t.Fatalf("sentence %q is not verbatim from the text in order", s)
		}
		from += i + len(s)
	}
}

func totalRunes(ss []string) int {
	n := 0
	for _, s := range ss {
		n += utf8.RuneCountInString(s)
	}
	return n
}

func TestSummarizeRedundancy(t *testing.T) {
	text := "The river burst its banks on Sunday and flooded the old town. " +
		"On Sunday the river burst its banks and flooded the old town. " +
		"Rescue teams evacuated two hundred residents by boat overnight. " +
		"The weather service expects more rain later in the week."
	got := Summarize(text, Options{Sentences: 2})
	if len(got) != 2 {
		t.Fatalf("got %q", got)
	}
	if strings.Contains(got[1], "river burst") {
		t.Errorf("chose the repeated sentence twice: %q", got)
	}
}

func TestSummarizeMaxChars(t *testing.T) {
	long := "The committee, which met for three days in a row behind closed doors, finally agreed on a plan that will change how the region pays for its hospitals, schools and roads for the next decade."
	text := long + " It was a short meeting in the end. Everyone went home happy afterwards."
	t.Run("drop sentences that do not fit", func(t *testing.T) {
		got := Summarize(text, Options{Sentences: 3, MaxChars: utf8.RuneCountInString(long) + 5})
		if len(got) != 1 || got[0] != long {
			t.Errorf("got %q, want only the lead", got)
		}
	})
	t.Run("cut a lone long sentence", func(t *testing.T) {
		got := Summarize(text, Options{Sentences: 1, MaxChars: 40})
		if len(got) != 1 {
			t.Fatalf("got %q", got)
		}
		s := got[0]
		if !strings.HasSuffix(s, "…") || utf8.RuneCountInString(s) > 40 {
			t.Errorf("got %q (%d runes), want at most 40 runes ending in …", s, utf8.RuneCountInString(s))
		}
		head := strings.TrimSuffix(s, "…")
		if !strings.HasPrefix(long, head) || !strings.HasPrefix(long[len(head):], " ") {
			t.Errorf("%q is not cut at a word boundary of the sentence", s)
		}
	})
}

func TestSummarizeShortFragments(t *testing.T) {
	text := "Yes. No way. The regional rail operator cancelled every train on the coastal line on Friday. Passengers were told to take buses instead of the trains."
	for _, s := range Summarize(text, Options{Sentences: 3}) {
		if len(strings.Fields(s)) < minWords {
			t.Errorf("chose the fragment %q", s)
		}
	}
}

func TestSummarizeEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 0},
		{"only furniture", "By Jane Doe\n\nRead more: other news", 0},
		{"feed description without full stop", "Fire closes main road through town centre", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.text, Options{}); len(got) != tt.want {
				t.Errorf("got %q, want %d sentences", got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Élysée": "elysee", "Straße": "strasse", "MÜNCHEN": "munchen", "Ёлка": "елка", "niño": "nino",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"By Jane Doe and John Roe, CNN", true},
		{"By Friday the council had agreed to the plan after weeks of talks with unions.", false},
		{"Updated 3:45 PM EST, Tue March 4, 2025", true},
		{"Read more: Council budget fight drags on", true},
		{"Sign up for our newsletter.", true},
		{"Photo: Reuters/John Smith", true},
		{"Wanted: Police in Maryland have issued a warrant for the arrest.", true},
		{"PARIS: The president said on Monday that the reform would go ahead.", false},
		{"Smith said: \"We will appeal the ruling.\"", false},
		{"Jane Doe, Political Correspondent", true},
		{"The council approved the budget on Tuesday.", false},
		{"Die Regierung will die Steuern senken.", false},
		// A short sentence that opens with a byline's word is prose unless
		// a name follows it and no full stop ends it.
		{"By Friday, the death toll had risen to 42.", false},
		{"Por su parte, el ministro lo negó.", false},
		{"Par ailleurs, les syndicats appellent à la grève.", false},
		{"Von den Beschäftigten sind 140 betroffen.", false},
		{"Follow the money, the prosecutor told the jury.", false},
		{"Von Max Mustermann, dpa", true},
		{"Par Jean Dupont et Marie Martin", true},
		{"Por Laura Gómez | EFE", true},
		{"Follow Jane Doe on X @janedoe", true},
		// A paywall's notice, in the languages newshound reads.
		{"This article is for subscribers only.", true},
		{"Already a subscriber? Log in.", true},
		{"Dieser Artikel ist nur für Abonnenten verfügbar.", true},
		{"Cet article est réservé aux abonnés.", true},
		{"Este contenido es exclusivo para suscriptores.", true},
		{"Contenuto riservato agli abbonati.", true},
		{"Este conteúdo é exclusivo para assinantes.", true},
		{"Материал доступен только подписчикам.", true},
		{"この記事は有料記事です。", true},
		{"本文为付费内容。", true},
		{"이 기사는 유료 회원 전용입니다.", true},
		{"The newspaper said it had lost 20,000 subscribers this year.", false},
		{"Die Zeitung hat nach eigenen Angaben 300.000 Abonnenten.", false},
		{"Netflix erhöht zum 1. März die Preise für Abonnenten in Deutschland.", false},
		// Chinese and Japanese leads open with the date, a single "word"
		// (no spaces) starting with a digit: prose, not a name line.
		{"12月5日，国务院总理李强主持召开国务院常务会议，研究部署稳外贸措施。", false},
		{"5日，日本銀行は金融政策決定会合で政策金利を引き上げた。", false},
		{"2024年，全国居民人均可支配收入增长5.3%。", false},
		{"同社の有料会員数は100万人を突破した。", false},
		{"中国付费内容市场规模持续扩大。", false},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := isBoilerplate(tt.s, fold(tt.s)); got != tt.want {
				t.Errorf("isBoilerplate(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}
