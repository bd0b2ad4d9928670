package match

import "testing"

func TestFTS(t *testing.T) {
	aliases := map[string][]string{"putin": {"Vladimir Putin", "Putin"}}
	for _, tc := range []struct{ query, want string }{
		{"Putin", `"putin"`},
		{`"Election-Interference"`, `("election interference" OR "electioninterference")`},
		{"meddl*", `"meddl"*`},
		{"Erdoğan AND Putin’s", `("erdogan" AND "putin")`},
		{"a OR b c", `("a" OR ("b" AND "c"))`},
		{"putin NOT golf", `("putin" NOT "golf")`},
		{"putin -golf -polo", `("putin" NOT ("golf" OR "polo"))`},
		{"putin NOT golf*", `("putin" NOT "golf"*)`},
		{"putin NOT Erdoğan", `("putin" NOT "erdogan")`},
		{"putin NOT title:golf", `"putin"`},
		{`putin NOT "golf open"`, `"putin"`},
		{"putin NOT (golf NEAR/3 open)", `"putin"`},
		{"putin NOT 東京", `"putin"`},
		{"putin NOT @putin", `"putin"`},
		{"putin NOT (golf OR title:polo)", `"putin"`},
		{"putin AND (feed:wire AND NOT golf)", `("putin" NOT "golf")`},
		{"putin OR (feed:wire AND NOT golf)", ``},
		{"putin NEAR/5 election", `("putin" AND "election")`},
		{"title:putin", `"putin"`},
		{"author:petrova", ``},
		{"feed:wire AND putin", `"putin"`},
		{"feed:wire OR putin", ``},
		{"@putin AND election", `(("vladimir putin" OR "putin") AND "election")`},
		{"author:@putin OR x", ``},
		{"東京", ``},
		{"東京 AND tokyo", `"tokyo"`},
		{"vaccine NOT WHO", `"vaccine"`}, // the index has no case: "who" in it may be the pronoun
		{"vaccine AND WHO", `("vaccine" AND "who")`},
		{"(a OR b) AND NOT (c AND d)", `(("a" OR "b") NOT ("c" AND "d"))`},
	} {
		t.Run(tc.query, func(t *testing.T) {
			q, err := Parse(tc.query, aliases)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.FTS(); got != tc.want {
				t.Fatalf("FTS(%s) = %s, want %s (canonical %s)", tc.query, got, tc.want, q.String())
			}
		})
	}
}

func TestFTSPhrase(t *testing.T) {
	for _, tc := range []struct {
		words  string
		prefix bool
		want   string
	}{
		{"putin", false, `"putin"`},
		{" election  interference ", false, `"election interference"`},
		{"medd", true, `"medd"*`},
		{`putin" OR "x`, false, `"putin"" OR ""x"`}, // a quote cannot end the phrase
		{"  ", false, ""},
	} {
		if got := FTSPhrase(tc.words, tc.prefix); got != tc.want {
			t.Errorf("FTSPhrase(%q, %v) = %s, want %s", tc.words, tc.prefix, got, tc.want)
		}
	}
}
