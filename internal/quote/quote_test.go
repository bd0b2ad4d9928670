package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// want is one expected quotation: its parts as written and its speaker.
type want struct {
	parts   []string
	speaker string
	cue     string // checked when not empty
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "quote then name and verb",
			text: "Russian President Vladimir Putin spoke in Moscow on Friday.\n\n\"We will respond to any threat,\" Putin said.",
			want: []want{{parts: []string{"We will respond to any threat,"}, speaker: "Vladimir Putin", cue: "said"}},
		},
		{
			name: "quote then verb and name",
			text: "\"The economy is growing faster than expected,\" said Janet Yellen.",
			want: []want{{parts: []string{"The economy is growing faster than expected,"}, speaker: "Janet Yellen", cue: "said"}},
		},
		{
			name: "name and verb with a colon before",
			text: "Angela Merkel said: \"We have to stay calm and united.\"",
			want: []want{{parts: []string{"We have to stay calm and united."}, speaker: "Angela Merkel", cue: "said"}},
		},
		{
			name: "according to",
			text: "The new plan \"will cut emissions by half within a decade,\" according to Energy Minister Anna Berg.",
			want: []want{{parts: []string{"will cut emissions by half within a decade,"}, speaker: "Anna Berg", cue: "according to"}},
		},
		{
			name: "told reporters with a title",
			text: "Sen. Bernie Sanders told reporters, \"This is a rigged economy and we will change it.\"",
			want: []want{{parts: []string{"This is a rigged economy and we will change it."}, speaker: "Bernie Sanders", cue: "told reporters"}},
		},
		{
			name: "tweeted",
			text: "\"Sad to see the factory close after fifty years,\" Mayor Lisa Chan tweeted on Sunday.",
			want: []want{{parts: []string{"Sad to see the factory close after fifty years,"}, speaker: "Lisa Chan", cue: "tweeted"}},
		},
		{
			name: "wrote and added",
			text: "\"The evidence does not support the charge,\" Judge Amy Ortiz wrote. \"Nor does the law.\"\n\n\"The case is dismissed,\" she added.",
			want: []want{
				{parts: []string{"The evidence does not support the charge,"}, speaker: "Amy Ortiz", cue: "wrote"},
				{parts: []string{"Nor does the law."}, speaker: "Amy Ortiz"},
				{parts: []string{"The case is dismissed,"}, speaker: "Amy Ortiz", cue: "added"},
			},
		},
		{
			name: "stated with a doctor",
			text: "Dr. Anthony Fauci stated that \"the vaccine is safe and effective for adults.\"",
			want: []want{{parts: []string{"the vaccine is safe and effective for adults."}, speaker: "Anthony Fauci", cue: "stated"}},
		},
		{
			name: "fullest name for a later surname",
			text: "Dmitry Peskov spoke to journalists in Moscow.\n\nThe talks had stalled for weeks.\n\n\"There is nothing more to add,\" Peskov said.",
			want: []want{{parts: []string{"There is nothing more to add,"}, speaker: "Dmitry Peskov"}},
		},
		{
			name: "title and surname resolve to the full name",
			text: "John Whitfield, a retired teacher, ran for the council.\n\n\"I did it for my grandchildren,\" Mr. Whitfield said.",
			want: []want{{parts: []string{"I did it for my grandchildren,"}, speaker: "John Whitfield"}},
		},
		{
			name: "pronoun across paragraphs",
			text: "Chancellor Angela Merkel met Mr. Olaf Scholz on Monday in Berlin.\n\nThe meeting lasted three hours.\n\n\"We have to stay calm and united,\" she said.",
			want: []want{{parts: []string{"We have to stay calm and united,"}, speaker: "Angela Merkel"}},
		},
		{
			name: "pronoun skips a name of the other gender",
			text: "Maria Lopez spoke after Mr. David Kern at the hearing.\n\n\"The river is dying in front of us,\" she said.",
			want: []want{{parts: []string{"The river is dying in front of us,"}, speaker: "Maria Lopez"}},
		},
		{
			name: "pronoun without antecedent is unknown",
			text: "\"Some people say otherwise,\" he conceded.",
			want: []want{{parts: []string{"Some people say otherwise,"}, speaker: "", cue: "conceded"}},
		},
		{
			name: "role resolves to the person introduced with it",
			text: "Dmitry Peskov, Putin's spokesman, declined to comment on Tuesday.\n\nOfficials in Kiev were more talkative.\n\n\"There is nothing to add to what was said,\" the Kremlin spokesman said.",
			want: []want{{parts: []string{"There is nothing to add to what was said,"}, speaker: "Dmitry Peskov"}},
		},
		{
			name: "role before the name",
			text: "Kremlin spokesman Dmitry Peskov declined to comment.\n\n\"We have seen the reports,\" the spokesman told reporters.",
			want: []want{{parts: []string{"We have seen the reports,"}, speaker: "Dmitry Peskov", cue: "told reporters"}},
		},
		{
			name: "unresolved role is given as written",
			text: "\"Think before you act,\" the clown said.",
			want: []want{{parts: []string{"Think before you act,"}, speaker: "the clown"}},
		},
		{
			name: "split by its attribution",
			text: "\"We assess,\" the report read, \"that the attack was planned for months.\"",
			want: []want{{parts: []string{"We assess,", "that the attack was planned for months."}, speaker: "the report", cue: "read"}},
		},
		{
			name: "second quotation after the attribution",
			text: "\"I love those cats!\" insists Burton. \"Yeah, I absolutely do.\"",
			want: []want{
				{parts: []string{"I love those cats!"}, speaker: "Burton", cue: "insists"},
				{parts: []string{"Yeah, I absolutely do."}, speaker: "Burton"},
			},
		},
		{
			name: "partial quotation inside a sentence",
			text: "Nikki Haley spoke in Columbia.\n\nHaley said that \"there's no love\" between the two campaigns.",
			want: []want{{parts: []string{"there's no love"}, speaker: "Nikki Haley", cue: "said"}},
		},
		{
			name: "running over paragraphs",
			text: "\"The first thing we did was call the neighbours.\n\n\"Then we waited for the water to go down,\" said Tom Berry.",
			want: []want{{parts: []string{"The first thing we did was call the neighbours.", "Then we waited for the water to go down,"}, speaker: "Tom Berry"}},
		},
		{
			name: "nested quotation",
			text: "\"He told me, 'Don't worry about the money,' and then he left,\" said Ann Cole.",
			want: []want{{parts: []string{"He told me, 'Don't worry about the money,' and then he left,"}, speaker: "Ann Cole"}},
		},
		{
			name: "typographic marks and apostrophes",
			text: "Putin’s aides don’t talk about the ’90s.\n\n“We won’t back down from this fight,” said Putin’s adviser Yuri Ushakov.",
			want: []want{{parts: []string{"We won’t back down from this fight,"}, speaker: "Yuri Ushakov"}},
		},
		{
			name: "single typographic marks",
			text: "‘We will not leave the city,’ said Olena Kovalenko.",
			want: []want{{parts: []string{"We will not leave the city,"}, speaker: "Olena Kovalenko"}},
		},
		{
			name: "guillemets in French",
			text: "« Nous allons gagner cette bataille », a déclaré Emmanuel Macron.",
			want: []want{{parts: []string{"Nous allons gagner cette bataille"}, speaker: "Emmanuel Macron", cue: "déclaré"}},
		},
		{
			name: "German low-high marks",
			text: "„Wir schaffen das“, sagte Angela Merkel.",
			want: []want{{parts: []string{"Wir schaffen das"}, speaker: "Angela Merkel", cue: "sagte"}},
		},
		{
			name: "German chevrons",
			text: "»Das ist nicht akzeptabel«, sagte Olaf Scholz.",
			want: []want{{parts: []string{"Das ist nicht akzeptabel"}, speaker: "Olaf Scholz"}},
		},
		{
			name: "Russian guillemets and dash",
			text: "«Мы ответим на любую угрозу», — сказал Владимир Путин.",
			want: []want{{parts: []string{"Мы ответим на любую угрозу"}, speaker: "Владимир Путин", cue: "сказал"}},
		},
		{
			name: "Spanish",
			text: "\"Me encantan los gatos\", dijo Burtón.",
			want: []want{{parts: []string{"Me encantan los gatos"}, speaker: "Burtón", cue: "dijo"}},
		},
		{
			name: "Japanese corner brackets",
			text: "首相は「経済の回復を最優先にする」と述べた。",
			want: []want{{parts: []string{"経済の回復を最優先にする"}, speaker: "首相", cue: "述べ"}},
		},
		{
			name: "dash attribution",
			text: "“Trump must stop portraying us as gangsters.” ― Carla Sanchez",
			want: []want{{parts: []string{"Trump must stop portraying us as gangsters."}, speaker: "Carla Sanchez"}},
		},
		{
			name: "unknown speaker",
			text: "The sign on the door was clear.\n\n\"This is not the way to treat people.\"",
			want: []want{{parts: []string{"This is not the way to treat people."}, speaker: ""}},
		},
		{
			name: "title with party in parentheses",
			text: "\"Subpoenas are not optional,\" said Rep. Jason Chaffetz (R-Utah).",
			want: []want{{parts: []string{"Subpoenas are not optional,"}, speaker: "Jason Chaffetz"}},
		},
		{
			name: "long apposition before the verb",
			text: "\"It has the virtue of being responsible,\" Leonard Burman, director of the Tax Policy Center and a professor at Syracuse University, said of the plan.",
			want: []want{{parts: []string{"It has the virtue of being responsible,"}, speaker: "Leonard Burman"}},
		},
		{
			name: "doubled apostrophes as marks",
			text: "''They pay us a lot of money,'' Larry King said.",
			want: []want{{parts: []string{"They pay us a lot of money,"}, speaker: "Larry King"}},
		},
		{
			name: "two appositions before the verb",
			text: "\"It is an invasion of the state's domain,\" Scott Pruitt, the attorney general of Oklahoma, one of the states suing the agency, said on Monday.",
			want: []want{{parts: []string{"It is an invasion of the state's domain,"}, speaker: "Scott Pruitt"}},
		},
		{
			name: "title inside a longer run",
			text: "\"The veto will be overridden,\" Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.",
			want: []want{{parts: []string{"The veto will be overridden,"}, speaker: "Mitch McConnell"}},
		},
		{
			name: "a title that is a name",
			text: "\"They pay us well and we need the money,\" Mr. King said.",
			want: []want{{parts: []string{"They pay us well and we need the money,"}, speaker: "King"}},
		},
		{
			name: "subject before a colon",
			text: "President Obama is rolling out a new and more personal message: \"It's about me and my legacy.\"",
			want: []want{{parts: []string{"It's about me and my legacy."}, speaker: "Obama", cue: ""}},
		},
		{
			name: "role word gives the gender",
			text: "\"The veto does not hold any weight,\" said 9/11 widow Terry Strada.\n\nMr. Tom Hill, the mayor, agreed.\n\nShe continued, \"All we are asking for is justice for our families.\"",
			want: []want{
				{parts: []string{"The veto does not hold any weight,"}, speaker: "Terry Strada"},
				{parts: []string{"All we are asking for is justice for our families."}, speaker: "Terry Strada", cue: "continued"},
			},
		},
		{
			name: "same speaker across a sentence of narration",
			text: "\"We have had problems with intrusions before,\" Obama said after meeting Vladimir Putin. He did not suggest retaliation. \"Our goal is to set some norms for everybody.\"",
			want: []want{
				{parts: []string{"We have had problems with intrusions before,"}, speaker: "Obama"},
				{parts: []string{"Our goal is to set some norms for everybody."}, speaker: "Obama"},
			},
		},
		{
			name: "another speaker named in between",
			text: "\"We will win this race,\" Smith said. Jones disagreed sharply. \"Nobody believes that any more.\"",
			want: []want{
				{parts: []string{"We will win this race,"}, speaker: "Smith"},
				{parts: []string{"Nobody believes that any more."}, speaker: ""},
			},
		},
		{
			name: "paragraph of quotation continues the speaker",
			text: "\"The first step is to listen,\" said Ana Ruiz.\n\n\"The second step is to act on what we hear.\"",
			want: []want{
				{parts: []string{"The first step is to listen,"}, speaker: "Ana Ruiz"},
				{parts: []string{"The second step is to act on what we hear."}, speaker: "Ana Ruiz"},
			},
		},
		{
			name: "participle attributes to the clause subject",
			text: "Back in 1999, Mr. Trump praised his rival's skills, telling CNBC: \"I wish I could be like that.\"",
			want: []want{{parts: []string{"I wish I could be like that."}, speaker: "Trump", cue: "telling CNBC"}},
		},
		{
			name: "transcript name and colon",
			text: "Clinton: \"Our goal is to defeat and destroy the group.\" Bush: \"The mission is to destroy it.\"",
			want: []want{
				{parts: []string{"Our goal is to defeat and destroy the group."}, speaker: "Clinton"},
				{parts: []string{"The mission is to destroy it."}, speaker: "Bush"},
			},
		},
		{
			name: "attribution in the sentence before",
			text: "Hillary Clinton said she and Obama had made progress. \"I really believe the president deserves our support.\"",
			want: []want{{parts: []string{"I really believe the president deserves our support."}, speaker: "Hillary Clinton", cue: "said"}},
		},
		{
			name: "attribution set off later in the sentence",
			text: "\"Most of the complexity in the code derives from measuring\" income, he said, rather than from deductions.",
			want: []want{{parts: []string{"Most of the complexity in the code derives from measuring"}, speaker: "", cue: "said"}},
		},
		{
			name: "given name fits the pronoun",
			text: "Ted Cruz spoke first on Tuesday. Kelly Ayotte answered him.\n\n\"I am going to focus on my own campaign,\" she said.",
			want: []want{{parts: []string{"I am going to focus on my own campaign,"}, speaker: "Kelly Ayotte"}},
		},
		{
			name: "place is not a person",
			text: "New Hampshire votes next week. Colorado follows.\n\n\"We will be ready for them,\" he said.",
			want: []want{{parts: []string{"We will be ready for them,"}, speaker: ""}},
		},
		{
			name: "wrong high mark closing",
			text: "“It's unusual,“ said Larry Noble, an attorney.",
			want: []want{{parts: []string{"It's unusual,"}, speaker: "Larry Noble"}},
		},
		{
			name: "scare quotes are not quotations",
			text: "The so-called \"deal\" fell apart, and critics called it a \"bad joke\" on Tuesday.",
			want: nil,
		},
		{
			name: "titles are not quotations",
			text: "Burton claims that his favorite book is \"One Hundred Years of Solitude\".",
			want: nil,
		},
		{
			name: "short quotation with its attribution",
			text: "Protesters marching through the streets chanted \"What curfew?\" until dawn.",
			want: []want{{parts: []string{"What curfew?"}, speaker: "Protesters", cue: "chanted"}},
		},
		{
			name: "stray closing mark",
			text: "'uneasy' on Gilmer street\"\nPolice are investigating a shooting.\n\"Detectives are looking into it,\" Richmond police said in a news release.",
			want: []want{{parts: []string{"Detectives are looking into it,"}, speaker: "Richmond police"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// checkQuotes compares Extract(text) with the expected quotations.
func checkQuotes(t *testing.T, text string, want []want) {
	t.Helper()
	got := Extract(text)
	if len(got) != len(want) {
		t.Fatalf("got %d quotations %s, want %d", len(got), describe(text, got), len(want))
	}
	for i, w := range want {
		q := got[i]
		parts := q.Texts(text)
		if strings.Join(parts, "|") != strings.Join(w.parts, "|") {
			t.Errorf("quotation %d parts %q, want %q", i, parts, w.parts)
		}
		if q.Text != w.parts[0] {
			t.Errorf("quotation %d Text %q, want the first part %q", i, q.Text, w.parts[0])
		}
		if q.Speaker != w.speaker {
			t.Errorf("quotation %d speaker %q, want %q", i, q.Speaker, w.speaker)
		}
		if w.cue != "" && q.Cue != w.cue {
			t.Errorf("quotation %d cue %q, want %q", i, q.Cue, w.cue)
		}
		checkSpans(t, text, q)
	}
}

// describe formats quotations for a failure message.
func describe(text string, qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n\t" + strings.Join(q.Texts(text), " … ") + " [" + q.Speaker + "|" + q.Cue + "]")
	}
	return b.String()
}

// checkSpans verifies the invariants every quotation keeps.
func checkSpans(t *testing.T, text string, q Quote) {
	t.Helper()
	if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
		t.Fatalf("span [%d,%d) outside text of %d bytes", q.Start, q.End, len(text))
	}
	if len(q.Parts) == 0 {
		t.Fatalf("no parts")
	}
	if q.Text != text[q.Parts[0].Start:q.Parts[0].End] {
		t.Errorf("Text %q is not the first part", q.Text)
	}
	prev := q.Start
	for _, p := range q.Parts {
		if p.Start < prev || p.End > q.End || p.Start > p.End {
			t.Errorf("part [%d,%d) outside quotation [%d,%d) or out of order", p.Start, p.End, q.Start, q.End)
		}
		prev = p.End
	}
}

func TestExtractOrderAndEmpty(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int
	}{
		{"empty", "", 0},
		{"no marks", "The council met on Monday and approved the budget.", 0},
		{"unclosed", "\"This never closes and the text ends here", 0},
		{"two in order", "\"First we agreed on the plan,\" Ann said. Later, Bob said: \"Then we changed our minds about it.\"", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text)
			if len(got) != tt.n {
				t.Fatalf("got %d quotations %s, want %d", len(got), describe(tt.text, got), tt.n)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Start < got[i-1].End {
					t.Errorf("quotations out of order or overlapping: %v then %v", got[i-1], got[i])
				}
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	seeds := []string{
		"\"We will respond,\" Putin said.",
		"“We assess,” the report read, “that …”",
		"\"First paragraph.\n\n\"Second paragraph,\" she said.",
		"Haley said that \"there's no love\" between them.",
		"« Nous allons gagner », a déclaré Macron.",
		"„Wir schaffen das“, sagte Merkel.",
		"「経済の回復」と述べた。",
		"岸田文雄首相は「賃上げを実現する」と述べた。首相は「必ず」と語った。",
		"外交部发言人毛宁表示：“中方愿同各方一道。”他说。",
		"''Old style,'' Mr. King said.",
		"don't ’90s Putin’s '' \" ' ‘ ’ “ ” « » ‹ › 「 」",
		"\"\xff\xfe\" said \x00 Bob.",
		"—Esto no es así —dijo el ministro—. No vamos a subir los impuestos.\n– Não – disse ela.",
		"Das Tempo gibt die erste Seite vor: „Ein Schritt“, heißt es da. Zugleich mahnte sie: „Nein.“",
		"Bakan Ayşe Demir, \"Enflasyon düşecek\" dedi. وقال وزير الخارجية: «نعم». 김 장관은 “좋다”라고 말했다.",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		qs := Extract(text)
		for _, q := range qs {
			if q.Start < 0 || q.End > len(text) || q.Start > q.End {
				t.Fatalf("span [%d,%d) outside text of %d bytes", q.Start, q.End, len(text))
			}
			if len(q.Parts) == 0 {
				t.Fatal("quotation without parts")
			}
			for _, p := range q.Parts {
				if p.Start < q.Start || p.End > q.End || p.Start > p.End {
					t.Fatalf("part [%d,%d) outside quotation [%d,%d)", p.Start, p.End, q.Start, q.End)
				}
			}
			if q.Text != text[q.Parts[0].Start:q.Parts[0].End] || !strings.Contains(text, q.Text) {
				t.Fatalf("Text %q is not the input's first part", q.Text)
			}
			if q.Speaker != "" && !strings.Contains(text, lastWord(q.Speaker)) {
				t.Fatalf("speaker %q not in the text", q.Speaker)
			}
		}
		Rank(text, qs, RankOptions{Terms: []string{"a", "the"}, Names: []string{"Putin"}, Max: -1})
	})
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	ws := strings.Fields(s)
	return ws[len(ws)-1]
}

// BenchmarkExtract measures quotations per second on PolNeAR's dev
// articles; it is skipped when the evaluation data is not present.
func BenchmarkExtract(b *testing.B) {
	texts, size := polnearDevTexts(b, func(s string) string { return s })
	b.SetBytes(int64(size))
	b.ResetTimer()
	quotes := 0
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			quotes += len(Extract(t))
		}
	}
	b.ReportMetric(float64(quotes)/b.Elapsed().Seconds(), "quotes/s")
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// polnearDevTexts reads PolNeAR's dev articles, each through edit, and
// their total size; the benchmark is skipped when the evaluation data is
// not present.
func polnearDevTexts(b *testing.B, edit func(string) string) (texts []string, size int) {
	b.Helper()
	files, _ := filepath.Glob("../../../shared/data/quotes/polnear/data/dev/text/*.txt")
	if len(files) == 0 {
		b.Skip("PolNeAR articles not present")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := edit(string(raw))
		texts = append(texts, text)
		size += len(text)
	}
	return texts, size
}

// BenchmarkExtractUnbalanced measures a paragraph full of marks that never
// pair up, the input that once made scanning quadratic.
func BenchmarkExtractUnbalanced(b *testing.B) {
	text := strings.Repeat("\"a 'b “c « d „e ’f said he, ", 1000)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Extract(text)
	}
}
