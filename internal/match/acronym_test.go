package match

import "testing"

// A query word written as an acronym (initials with full stops, or two to four capitals) matches only
// text that writes it in capitals, or capitalised where nothing else capitalises it: a watch for
// "U.S." or "WHO" does not alert on "us" or "who".
func TestAcronyms(t *testing.T) {
	tests := []struct {
		name  string
		query string
		doc   Document
		want  bool
	}{
		{"initials not the pronoun", `U.S.`, Document{Body: "He told us about it."}, false},
		{"initials", `U.S.`, Document{Body: "The U.S. said so."}, true},
		{"initials as capitals", `U.S.`, Document{Body: "The US said so."}, true},
		{"capitals as initials", `US`, Document{Body: "The U.S. said so."}, true},
		{"capitals not the pronoun", `US`, Document{Body: "Give us a break."}, false},
		{"capitals in an all-capitals headline", `U.S.`, Document{Title: "U.S. TROOPS LEAVE"}, true},
		{"all-capitals headline without dots", `U.S.`, Document{Title: "US TROOPS LEAVE"}, true},
		{"capitalised pronoun at a sentence start", `US`, Document{Body: "It rained. Us and them."}, false},
		{"UN not French un", `UN`, Document{Body: "un responsable a dit"}, false},
		{"UN", `UN`, Document{Body: "the UN said"}, true},
		{"U.N.", `U.N.`, Document{Body: "the UN said"}, true},
		{"WHO not who", `WHO`, Document{Body: "the man who knew"}, false},
		{"WHO", `WHO`, Document{Body: "the WHO said on Monday"}, true},
		{"WHO possessive", `WHO`, Document{Body: "the WHO's chief"}, true},
		{"Who at a headline start", `WHO`, Document{Title: "Who is the new pope?"}, false},
		{"Who in a Title Case headline", `WHO`, Document{Title: "Here's Who Won the Election in Ohio"}, false},
		{"Who after a quotation mark", `WHO`, Document{Body: `he asked: “Who knew?”`}, false},
		{"WHO in a Title Case headline", `WHO`, Document{Title: "WHO Warns of a New Covid Wave"}, true},
		{"IT not it", `IT`, Document{Body: "it was said"}, false},
		{"IT", `IT`, Document{Body: "the IT department"}, true},
		{"AP not ap", `AP`, Document{Body: "ap reported"}, false},
		{"AP", `AP`, Document{Body: "told the AP on Monday"}, true},
		{"Nato capitalised mid-sentence", `NATO`, Document{Body: "the head of Nato said"}, true},
		{"Nato after a capitalised word", `NATO`, Document{Body: "said President Nato"}, true},
		{"NATO not Italian nato", `NATO`, Document{Body: "è nato a Roma nel 1950"}, false},
		{"Nato at a sentence start", `NATO`, Document{Body: "Nato a Roma, ha studiato"}, false},
		{"Nato in a sentence-case title", `NATO`, Document{Title: "Leaders of Nato meet in Vilnius"}, true},
		{"Nato in a Title Case title", `NATO`, Document{Title: "Leaders of Nato Meet in Vilnius"}, false},
		{"lower case asks for any case", `us`, Document{Body: "He told us."}, true},
		{"lower case still matches capitals", `nato`, Document{Body: "NATO"}, true},
		{"a name matches any case", `Putin`, Document{Body: "putin"}, true},
		{"a name in lower case", `putin`, Document{Body: "PUTIN"}, true},
		{"five capitals are a word", `PUTIN`, Document{Body: "Putin said"}, true},
		{"five capitals are a word, lower case", `SWIFT`, Document{Body: "a swift reply"}, true},
		{"long initials", `U.S.A.`, Document{Body: "the usa"}, false},
		{"mixed case is not an acronym", `AfD`, Document{Body: "die afd"}, true},
		{"wildcard is any case", `NAT*`, Document{Body: "nation"}, true},
		{"acronym in a phrase", `"US troops"`, Document{Body: "send us troops"}, false},
		{"acronym in a phrase, capitals", `"US troops"`, Document{Body: "the US troops"}, true},
		{"phrase with initials", `"U.S. troops"`, Document{Body: "U.S. TROOPS"}, true},
		{"acronym in keywords NEAR", `WHO NEAR/3 vaccine`, Document{Body: "who said vaccine"}, false},
		{"acronym NEAR", `WHO NEAR/3 vaccine`, Document{Body: "WHO said vaccine"}, true},
		{"excluded acronym", `vaccine -WHO`, Document{Body: "people who got the vaccine"}, true},
		{"excluded acronym present", `vaccine -WHO`, Document{Body: "the WHO vaccine"}, false},
		{"cyrillic acronym", `ООН`, Document{Body: "в ООН заявили"}, true},
		{"full-width capitals", `NATO`, Document{Body: "ＮＡＴＯ"}, true},
		{"digits with capitals", `COP28`, Document{Body: "at cop28"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := matchOne(t, tt.query, tt.doc)
			if got != tt.want {
				t.Errorf("%s on %+v = %v, want %v", tt.query, tt.doc, got, tt.want)
			}
		})
	}
}

// The same word as an acronym in one watch and in any case in another: each watch gets its own.
func TestAcronymAndWordInTwoWatches(t *testing.T) {
	var ws []Watch
	for _, q := range []string{`US`, `us`, `"US troops"`, `"us troops"`} {
		p, err := Parse(q, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, Watch{Name: q, Query: p})
	}
	m, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"send us troops":    `us,"us troops"`,
		"send US troops":    `US,us,"US troops","us troops"`,
		"Us troops, at war": `us,"us troops"`,
	} {
		var got string
		for k, r := range m.Match(Document{Body: text}) {
			if k > 0 {
				got += ","
			}
			got += r.Watch
		}
		if got != want {
			t.Errorf("%q: watches %s, want %s", text, got, want)
		}
	}
}

func TestAcronymWord(t *testing.T) {
	for w, want := range map[string]bool{
		"U.S.": true, "U.S": true, "US": true, "WHO": true, "NATO": true, "U.S.A.": true, "COP28": true,
		"ООН": true, "Us": false, "us": false, "PUTIN": false, "AfD": false, "G7": false, "A": false,
	} {
		if got := acronym(w); got != want {
			t.Errorf("acronym(%q) = %v, want %v", w, got, want)
		}
	}
}
