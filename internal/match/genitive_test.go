package match

import "testing"

// German, Dutch and the Scandinavian languages write a name's genitive with an s and no apostrophe
// (Putins Krieg, Chinas Wirtschaft, Natos toppmöte): in a text in one of them a word of a term is
// found with that s too. In other languages, or when the language is not known, it is not: Serena
// Williams is no William.
func TestGenitiveS(t *testing.T) {
	tests := []struct {
		name  string
		query string
		doc   Document
		want  bool
		text  string // the hit's text, when it matches
	}{
		{"German genitive", `Putin`, Document{Body: "Putins Krieg geht weiter.", Lang: "de"}, true, "Putins"},
		{"in the title", `Russland`, Document{Title: "Russlands Armee zieht ab", Lang: "de"}, true, "Russlands"},
		{"lower-case query", `china`, Document{Body: "Chinas Wirtschaft wächst.", Lang: "de"}, true, "Chinas"},
		{"Swedish", `Nato`, Document{Body: "Natos toppmöte i Haag.", Lang: "sv"}, true, "Natos"},
		{"Dutch", `Poetin`, Document{Body: "Poetins toespraak.", Lang: "nl"}, true, "Poetins"},
		{"phrase", `"Wladimir Putin"`, Document{Body: "Wladimir Putins Rede war kurz.", Lang: "de"}, true, "Wladimir Putins"},
		{"near", `Putin NEAR/2 Rede`, Document{Body: "Putins lange Rede.", Lang: "de"}, true, "Putins"},
		{"boolean", `Putin AND NOT Trump`, Document{Body: "Putins und Trumps Treffen.", Lang: "de"}, false, ""},
		{"English", `William`, Document{Body: "Serena Williams won.", Lang: "en"}, false, ""},
		{"language unknown", `William`, Document{Body: "Serena Williams won."}, false, ""},
		{"word ending in s", `Paris`, Document{Body: "Pariss Bürgermeisterin.", Lang: "de"}, false, ""},
		{"short word", `EU`, Document{Body: "Die EUs Haushalt.", Lang: "de"}, false, ""},
		{"acronym as written", `NATO`, Document{Body: "Die NATOs Gipfel.", Lang: "de"}, false, ""},
		{"not inside a word", `Putin`, Document{Body: "Putinsche Politik.", Lang: "de"}, false, ""},
		{"wildcard unchanged", `Putins*`, Document{Body: "Putinsche Politik.", Lang: "de"}, true, "Putinsche"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := matchOne(t, tt.query, tt.doc)
			if ok != tt.want {
				t.Fatalf("match = %v, want %v (%+v)", ok, tt.want, r.Hits)
			}
			if ok && tt.text != "" && (len(r.Hits) == 0 || r.Hits[0].Text != tt.text) {
				t.Errorf("hits %+v, want the text %q", r.Hits, tt.text)
			}
		})
	}
}

// The genitive reads the same whatever the other watches are: a watch for Putin finds "Putins" when
// another watches "Putins", in phrases too (the matcher against the reference, on several watches).
func TestGenitiveWithOtherWatches(t *testing.T) {
	queries := []string{`Putin`, `Putins`, `"Wladimir Putin"`, `"Putin Rede"`, `"Putins Rede"`, `Putin NEAR/3 Krieg`,
		`Putin*`, `"Wladimir Putin*"`, `China AND NOT Chinas`, `Krieg`, `Krieg-Putin`, `NATO`, `Nato`}
	var ws []Watch
	for i, src := range queries {
		q, err := Parse(src, testAliases)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, Watch{Name: string(rune('a' + i)), Query: q})
	}
	m, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Wladimir Putins Rede über den Krieg.", "Putins Kriegs Rede", "Chinas und Natos Pläne; NATOs Gipfel.",
		"Putin Rede, Putinsche Rede, Krieg-Putins Ende.", "PUTINS REDE", "Wladimir Putinss Rede",
	}
	for _, text := range texts {
		for _, lang := range []string{"de", "sv", "en", ""} {
			compareWithReference(t, m, ws, Document{Title: text, Body: text, Lang: lang})
		}
	}
}
