package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func matchOne(t *testing.T, query string, doc Document) (Result, bool) {
	t.Helper()
	q, err := Parse(query, testAliases)
	if err != nil {
		t.Fatalf("Parse(%q): %v", query, err)
	}
	m, err := Compile([]Watch{{Name: "w", Query: q}})
	if err != nil {
		t.Fatal(err)
	}
	rs := m.Match(doc)
	if len(rs) > 1 {
		t.Fatalf("%d results for one watch", len(rs))
	}
	for _, r := range rs {
		checkHits(t, doc, r)
		return r, true
	}
	return Result{}, false
}

// checkHits verifies that each hit's offsets point at its text.
func checkHits(t *testing.T, doc Document, r Result) {
	t.Helper()
	for _, h := range r.Hits {
		field := doc.field(fieldIndex(h.Field))
		if h.Start < 0 || h.End > len(field) || h.Start >= h.End || field[h.Start:h.End] != h.Text {
			t.Errorf("hit %+v: field[Start:End] != Text", h)
		}
		if h.Snippet() == "" {
			t.Errorf("hit %+v has no snippet", h)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name  string
		query string
		doc   Document
		want  bool
	}{
		{"term", `Putin`, Document{Body: "President Putin spoke."}, true},
		{"term is a whole word", `Putin`, Document{Body: "He was putting."}, false},
		{"term not a prefix", `put`, Document{Body: "Putin"}, false},
		{"case", `putin`, Document{Title: "PUTIN"}, true},
		{"diacritics in text", `Erdogan`, Document{Body: "Erdoğan said"}, true},
		{"diacritics in query", `Erdoğan`, Document{Body: "ERDOGAN said"}, true},
		{"possessive in text", `Putin`, Document{Body: "Putin's war"}, true},
		{"curly possessive", `Putin`, Document{Body: "Putin’s war"}, true},
		{"possessive in query", `Putin's`, Document{Body: "Putin spoke"}, true},
		{"apostrophe curly vs straight", `O'Brien`, Document{Body: "Mr O’Brien"}, true},
		{"acute accent as apostrophe", `"Putin's war"`, Document{Body: "Putin´s war"}, true},
		{"acute accent in query", `"gibt´s"`, Document{Body: "Was gibt's Neues"}, true},
		{"backtick as apostrophe", `"don't stop"`, Document{Body: "I don`t stop"}, true},
		{"okina", `Hawaii`, Document{Body: "Maui, Hawaiʻi"}, true},
		{"subscript digit", `CO2`, Document{Body: "CO₂ emissions rose"}, true},
		{"subscript digit in query", `"CO₂ emissions"`, Document{Body: "CO2 emissions rose"}, true},
		{"hyphen in text", `"election interference"`, Document{Body: "the election-interference case"}, true},
		{"hyphen in query", `election-interference`, Document{Body: "election interference"}, true},
		{"dash", `"election interference"`, Document{Body: "election—interference"}, true},
		{"phrase across line break", `"election interference"`, Document{Body: "the election\r\n   interference case"}, true},
		{"phrase order", `"election interference"`, Document{Body: "interference election"}, false},
		{"phrase gap", `"election interference"`, Document{Body: "election of interference"}, false},
		{"phrase at end cut", `"election interference"`, Document{Body: "an election"}, false},
		{"cyrillic", `Путин`, Document{Body: "Владимир Путин заявил"}, true},
		{"cyrillic whole word", `Путин`, Document{Body: "Путинский"}, false},
		{"cjk substring", `東京`, Document{Body: "昨日東京タワーに行った"}, true},
		{"cjk absent", `大阪`, Document{Body: "昨日東京タワーに行った"}, false},
		{"cjk phrase with latin", `"iPhone 手机"`, Document{Body: "新款iPhone手机发布"}, true},
		{"soft hyphen in text", `Mittelalter`, Document{Body: "im Mittel\u00adalter"}, true},
		{"soft hyphen in query", "Mittel\u00adalter", Document{Body: "im Mittelalter"}, true},
		{"soft hyphen in title", `Mittelalter`, Document{Title: "Burgen im MITTEL\u00adALTER"}, true},
		{"zero-width space in a phrase", `"Putin spoke"`, Document{Body: "Pu\u200btin\u2060 spoke"}, true},
		{"joiners and BOM in text", `Landtagswahl`, Document{Body: "Land\u200ctags\u200d\ufeffwahl"}, true},
		{"format character in cjk run", `東京`, Document{Body: "昨日東\u200b京に行った"}, true},
		{"soft hyphen does not join words", `Mittelalter`, Document{Body: "Mittel\u00ad alter"}, false},
		{"initials in text", `"US sanctions"`, Document{Body: "New U.S. sanctions on Iran took effect on Monday."}, true},
		{"initials in query", `"U.S. sanctions"`, Document{Body: "The US sanctions were lifted."}, true},
		{"initials without last full stop", `US sanctions`, Document{Title: "U.S sanctions hit oil exports"}, true},
		{"initials word", `U.S.`, Document{Body: "Talks with the U.S. resumed."}, true},
		{"initials are not their letters", `U.S.`, Document{Body: "He said: you have S-class cars in the U-Bahn."}, false},
		{"spaced initials in query", `J. D. Vance`, Document{Body: "Vice-President J.D. Vance arrived."}, true},
		{"spaced initials in text", `"JD Vance"`, Document{Body: "Vice-President J. D. Vance arrived."}, true},
		{"a lone initial stays a word", `"W Bush"`, Document{Body: "President George W. Bush said"}, true},
		{"comma digit groups", `"1000 troops"`, Document{Body: "The US will send 1,000 troops to Poland."}, true},
		{"digit groups in query", `"1,000 troops"`, Document{Body: "Germany sends 1000 troops"}, true},
		{"full stop digit groups", `"1000 Soldaten"`, Document{Body: "Deutschland schickt 1.000 Soldaten nach Litauen."}, true},
		{"narrow no-break space digit groups", `"1000 soldats"`, Document{Body: "La France envoie 1\u202f000 soldats en Roumanie."}, true},
		{"no-break space digit groups", `1000`, Document{Body: "1\u00a0000 soldats"}, true},
		{"millions", `2500000`, Document{Body: "a fine of $2,500,000 was paid"}, true},
		{"a decimal is not grouped", `"3 5"`, Document{Body: "growth of 3.5 percent"}, true},
		{"an ordinary space does not group", `"5 200"`, Document{Body: "on March 5 200 people marched"}, true},
		{"cyrillic look-alike in text", `Putin`, Document{Body: "President \u0420utin met his counterpart"}, true},
		{"latin look-alike in text", `Путин`, Document{Body: "Владимир \u041fyтин заявил"}, true},
		{"look-alike in query", "\u0420utin", Document{Body: "President Putin"}, true},
		{"look-alikes do not make a word", `Putin`, Document{Body: "Путин"}, false},
		{"traditional chinese in text", `习近平`, Document{Body: "國家主席習近平週二會見了法國總統"}, true},
		{"traditional chinese in query", `習近平`, Document{Body: "国家主席习近平周二会见了法国总统"}, true},
		{"traditional chinese phrase", `"法國總統"`, Document{Body: "国家主席习近平周二会见了法国总统"}, true},
		{"chinese absent", `習近平`, Document{Body: "国务院总理李强周二会见了法国总统"}, false},
		{"half-width katakana in text", `ガイドライン`, Document{Body: "政府は新しいｶﾞｲﾄﾞﾗｲﾝを発表した"}, true},
		{"half-width katakana in query", `ｶﾞｲﾄﾞﾗｲﾝ`, Document{Body: "政府は新しいガイドラインを発表した"}, true},
		{"full-width latin and digits", `NATO 1000`, Document{Body: "ＮＡＴＯは１０００人を派遣"}, true},
		{"and", `a AND b`, Document{Body: "b x a"}, true},
		{"and missing", `a AND b`, Document{Body: "a x"}, false},
		{"juxtaposition", `a b`, Document{Body: "b x a"}, true},
		{"juxtaposition missing", `a b`, Document{Body: "b"}, false},
		{"or", `a OR b`, Document{Body: "b"}, true},
		{"or none", `a OR b`, Document{Body: "c"}, false},
		{"not", `a NOT b`, Document{Body: "a"}, true},
		{"not excluded", `a NOT b`, Document{Body: "a b"}, false},
		{"minus", `a -b`, Document{Body: "a b"}, false},
		{"precedence not over and", `a NOT b c`, Document{Body: "a c"}, true},
		{"precedence and over or", `a OR b c`, Document{Body: "b"}, false},
		{"precedence and over or 2", `a OR b c`, Document{Body: "a"}, true},
		{"parentheses", `(a OR b) c`, Document{Body: "b c"}, true},
		{"parentheses 2", `(a OR b) c`, Document{Body: "b"}, false},
		{"wildcard", `meddl*`, Document{Body: "Russia meddled"}, true},
		{"wildcard exact", `meddl*`, Document{Body: "meddl"}, true},
		{"wildcard mid-word", `meddl*`, Document{Body: "remeddled"}, false},
		{"wildcard folded", `erdog*`, Document{Body: "Erdoğan"}, true},
		{"wildcard phrase", `"election interf*"`, Document{Body: "election interfering"}, true},
		{"near", `Putin NEAR/3 election`, Document{Body: "Putin won the election"}, true},
		{"near reverse", `Putin NEAR/3 election`, Document{Body: "election won by Putin"}, true},
		{"near out of range", `Putin NEAR/3 election`, Document{Body: "Putin did not win the election"}, false},
		{"near out of range reverse", `Putin NEAR/3 election`, Document{Body: "election was not won by Putin"}, false},
		{"near exact distance", `a NEAR/1 b`, Document{Body: "a b"}, true},
		{"near phrase", `"Vladimir Putin" NEAR/2 "election interference"`, Document{Body: "election interference by Vladimir Putin"}, true},
		{"near same word twice", `a NEAR/5 a`, Document{Body: "a"}, false},
		{"near same word twice present", `a NEAR/5 a`, Document{Body: "a x a"}, true},
		{"near across fields", `a NEAR/5 b`, Document{Title: "a", Body: "b"}, false},
		{"near alias", `@putin NEAR/2 election`, Document{Body: "Vladimir Putin's election"}, true},
		{"title field", `title:Putin`, Document{Title: "Putin", Body: ""}, true},
		{"title field not body", `title:Putin`, Document{Body: "Putin"}, false},
		{"text field", `text:Putin`, Document{Body: "Putin"}, true},
		{"unfielded title", `Putin`, Document{Title: "Putin"}, true},
		{"unfielded not feed", `Putin`, Document{Feed: "Putin news"}, false},
		{"unfielded not author", `Putin`, Document{Author: "Putin"}, false},
		{"feed field", `feed:reuters`, Document{Feed: "Reuters World"}, true},
		{"author field", `author:"jane doe"`, Document{Author: "Jane Doe"}, true},
		{"lang field", `lang:de x`, Document{Lang: "de", Body: "x"}, true},
		{"lang field other", `lang:de x`, Document{Lang: "en", Body: "x"}, false},
		{"not title", `Putin NOT title:golf`, Document{Title: "Golf", Body: "Putin"}, false},
		{"not title body ok", `Putin NOT title:golf`, Document{Title: "News", Body: "Putin golf"}, true},
		{"alias", `@putin`, Document{Body: "Путин"}, true},
		{"alias wildcard", `@hack`, Document{Body: "hackers"}, true},
		{"alias none", `@putin`, Document{Body: "Vladimir"}, false},
		{"issue example", `@putin AND ("election interference" OR meddl* OR hack*) NOT title:golf`,
			Document{Title: "Kremlin", Body: "Putin's hackers meddled in the election-interference probe"}, true},
		{"issue example excluded", `@putin AND ("election interference" OR meddl* OR hack*) NOT title:golf`,
			Document{Title: "Putin plays golf", Body: "meddling"}, false},
		{"lower-case operators are words", `a and b`, Document{Body: "a b"}, false},
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

func TestHits(t *testing.T) {
	doc := Document{
		Title: "Putin’s hackers",
		Body:  "Russia meddled in the\nElection-Interference case, said Vladimir\nPutin. Erdoğan agreed.",
	}
	r, ok := matchOne(t, `@putin ("election interference" OR meddl*) erdogan -golf`, doc)
	if !ok {
		t.Fatal("no match")
	}
	var got []string
	for _, h := range r.Hits {
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", h.Term, h.Text, h.Field, h.Start))
	}
	want := []string{
		"Putin|Putin|title|0",
		"meddl*|meddled|body|7",
		"election interference|Election-Interference|body|22",
		"Vladimir Putin|Vladimir\nPutin|body|55",
		"Putin|Putin|body|64",
		"erdogan|Erdoğan|body|71",
	}
	if !slices.Equal(got, want) {
		t.Errorf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	matched := strings.Join(r.Matched(), ",")
	if want := "Putin,meddled,Election-Interference,Vladimir\nPutin,Erdoğan"; matched != want {
		t.Errorf("Matched() = %q, want %q", matched, want)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("lorem ipsum dolor ", 30)
	text := long + "the NEEDLE here " + long
	start := strings.Index(text, "NEEDLE")
	s := snippet(text, start, start+6)
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || !strings.Contains(s, "NEEDLE") {
		t.Errorf("snippet = %q", s)
	}
	if n := len(s); n > snippetLen+10 || n < snippetLen/2 {
		t.Errorf("snippet length %d", n)
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(s, "…"), "…")
	if !strings.Contains(text, inner) {
		t.Errorf("snippet %q is not a cut of the text at word boundaries", s)
	}
	for _, w := range strings.Fields(inner) {
		if !slices.Contains([]string{"lorem", "ipsum", "dolor", "the", "NEEDLE", "here"}, w) {
			t.Errorf("snippet cut inside a word: %q", w)
		}
	}
	if s := snippet("short NEEDLE text", 6, 12); s != "short NEEDLE text" {
		t.Errorf("short snippet = %q", s)
	}
	if s := snippet("a\n\nNEEDLE  b", 3, 9); s != "a NEEDLE b" {
		t.Errorf("white space not collapsed: %q", s)
	}
}

func TestCompileNilQuery(t *testing.T) {
	if _, err := Compile([]Watch{{Name: "x"}}); err == nil {
		t.Error("Compile accepted a watch without a query")
	}
}

func TestMatchWatchOrderAndSharing(t *testing.T) {
	var ws []Watch
	for i, src := range []string{`b`, `a b`, `zzz`, `a OR zzz`, `"a b"`, `a NOT b`} {
		q, err := Parse(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, Watch{Name: fmt.Sprint(i), Query: q})
	}
	m, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range m.Match(Document{Body: "x a b"}) {
		got = append(got, r.Watch)
	}
	if want := []string{"0", "1", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
}

func TestMatchConcurrent(t *testing.T) {
	q, _ := Parse(`a NEAR/2 b OR c*`, nil)
	m, err := Compile([]Watch{{Name: "w", Query: q}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				doc := Document{Body: "a x b"}
				want := 1
				if (g+i)%2 == 0 {
					doc.Body, want = "a x y z b", 0
				}
				if got := len(m.Match(doc)); got != want {
					t.Errorf("got %d results, want %d", got, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// The reference matcher: a deliberately simple evaluation of the parsed query, trying every term at
// every word position of every field.

type refOcc struct {
	field      int
	tokS, tokE int
	start, end int
}

// refTerm returns the occurrences of tm, then those of its closed form (term.alt).
// refGenitive reports whether the token x is word k of tm written as its genitive with a bare s, in a
// document whose language writes it so (see genitive.go).
func refGenitive(doc Document, tm *term, k int, x string) bool {
	w := tm.words[k]
	return genitiveLang(doc.Lang) && !tm.cjk[k] && !tm.cased[k] && !(tm.prefix && k == len(tm.words)-1) &&
		genitiveWord(w) && x == w+"s"
}

func refTerm(tm *term, doc Document, fields fieldSet) []refOcc {
	return refTermOf(tm, doc, fields, false)
}

// refTermOf returns the occurrences of tm in field and text order, and unless ownOnly those of its
// closed form after them.
func refTermOf(tm *term, doc Document, fields fieldSet, ownOnly bool) []refOcc {
	var out []refOcc
	for f := 0; f < numFields; f++ {
		if fields&(1<<f) == 0 {
			continue
		}
		text := doc.field(f)
		var tz tokenizer
		tz.tokenize(text)
		word := tz.word
		for i := range tz.toks {
			if i+len(tm.words) > len(tz.toks) {
				break
			}
			ok := true
			start, end := tz.toks[i].start, tz.toks[i+len(tm.words)-1].end
			for k, w := range tm.words {
				tk := tz.toks[i+k]
				switch {
				case tm.cjk[k]:
					off := strings.Index(word(i+k), w)
					if off < 0 || !tk.cjk {
						ok = false
						break
					}
					if k == 0 {
						// every occurrence in the run is its own occurrence
						continue
					}
					end = tk.start + int32(off+len(w))
				case tm.prefix && k == len(tm.words)-1:
					ok = ok && !tk.cjk && strings.HasPrefix(word(i+k), w)
				default:
					ok = ok && !tk.cjk && (word(i+k) == w || refGenitive(doc, tm, k, word(i+k)))
				}
			}
			if !ok {
				continue
			}
			if tm.cjk[0] {
				run := word(i)
				for off := 0; off < len(run); off++ {
					if strings.HasPrefix(run[off:], tm.words[0]) {
						s := int(tz.toks[i].start) + off
						e := int(end)
						if len(tm.words) == 1 {
							e = s + len(tm.words[0])
						}
						out = append(out, refOcc{f, i, i + len(tm.words) - 1, s, e})
					}
				}
				continue
			}
			out = append(out, refOcc{f, i, i + len(tm.words) - 1, int(start), int(end)})
		}
		// a whole word of a phrase written closed matches two words joined by a hyphen ("cease-fire
		// talks" for "ceasefire talks"), each whole word of it
		if len(tm.words) > 1 {
			joined := func(j int) (string, bool) {
				if j+1 >= len(tz.toks) || tz.toks[j].cjk || tz.toks[j+1].cjk {
					return "", false
				}
				a, b := tz.toks[j], tz.toks[j+1]
				gap := text[a.end:b.start]
				if gap != "-" && gap != "\u2010" && gap != "\u2011" || !joinable(word(j), word(j+1)) {
					return "", false
				}
				return word(j) + word(j+1), true
			}
			// walk matches the words after the first from token j on: the last token and byte
			walk := func(j int) (int, int, bool, bool) {
				used := false
				end := int(tz.toks[j].end)
				for k := 1; k < len(tm.words); k++ {
					w := tm.words[k]
					j++
					if j >= len(tz.toks) {
						return 0, 0, false, false
					}
					tk := tz.toks[j]
					switch {
					case tm.cjk[k]:
						off := strings.Index(word(j), w)
						if off < 0 || !tk.cjk {
							return 0, 0, false, false
						}
						end = int(tk.start) + off + len(w)
					case tm.prefix && k == len(tm.words)-1:
						if tk.cjk || !strings.HasPrefix(word(j), w) {
							return 0, 0, false, false
						}
						end = int(tk.end)
					case !tk.cjk && (word(j) == w || refGenitive(doc, tm, k, word(j))):
						end = int(tk.end)
					default:
						jw, ok := joined(j)
						if !ok || jw != w {
							return 0, 0, false, false
						}
						j++
						used = true
						end = int(tz.toks[j].end)
					}
				}
				return j, end, used, true
			}
			for i := range tz.toks {
				w0 := tm.words[0]
				switch {
				case tm.cjk[0]:
					if !tz.toks[i].cjk {
						continue
					}
					run := word(i)
					for off := 0; off < len(run); off++ {
						if strings.HasPrefix(run[off:], w0) {
							if j, end, used, ok := walk(i); ok && used {
								out = append(out, refOcc{f, i, j, int(tz.toks[i].start) + off, end})
							}
						}
					}
				default:
					if !tz.toks[i].cjk && (word(i) == w0 || refGenitive(doc, tm, 0, word(i))) {
						if j, end, used, ok := walk(i); ok && used {
							out = append(out, refOcc{f, i, j, int(tz.toks[i].start), end})
						}
					}
					if jw, ok := joined(i); ok && jw == w0 {
						if j, end, _, ok := walk(i + 1); ok {
							out = append(out, refOcc{f, i, j, int(tz.toks[i].start), end})
						}
					}
				}
			}
		}
		// a one-word term written closed matches two words joined by a hyphen ("cease-fire")
		if len(tm.words) == 1 && !tm.cjk[0] {
			for i := 0; i+1 < len(tz.toks); i++ {
				a, b := tz.toks[i], tz.toks[i+1]
				gap := text[a.end:b.start]
				if a.cjk || b.cjk || gap != "-" && gap != "\u2010" && gap != "\u2011" || !joinable(word(i), word(i+1)) {
					continue
				}
				j := word(i) + word(i+1)
				if j == tm.words[0] || tm.prefix && strings.HasPrefix(j, tm.words[0]) && len(word(i)) < len(tm.words[0]) {
					out = append(out, refOcc{f, i, i + 1, int(a.start), int(b.end)})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b refOcc) int {
		if a.field != b.field {
			return a.field - b.field
		}
		if a.tokS != b.tokS {
			return a.tokS - b.tokS
		}
		return a.start - b.start
	})
	if tm.alt != nil && !ownOnly {
		out = append(out, refTerm(tm.alt, doc, fields)...)
	}
	return out
}

func refLeaf(n *node, doc Document, fields fieldSet) []refOcc {
	if n.op == opTerm {
		return refTerm(n.term, doc, fields)
	}
	var out []refOcc
	for _, k := range n.kids {
		out = append(out, refTerm(k.term, doc, fields)...)
	}
	return out
}

func refEval(n *node, doc Document) bool {
	switch n.op {
	case opTerm, opAlias:
		return len(refLeaf(n, doc, n.fields)) > 0
	case opAnd:
		for _, k := range n.kids {
			if !refEval(k, doc) {
				return false
			}
		}
		return true
	case opOr:
		for _, k := range n.kids {
			if refEval(k, doc) {
				return true
			}
		}
		return false
	case opNot:
		return !refEval(n.kids[0], doc)
	case opNear:
		common := n.kids[0].fields & n.kids[1].fields
		for _, a := range refLeaf(n.kids[0], doc, common) {
			for _, b := range refLeaf(n.kids[1], doc, common) {
				if a.field != b.field {
					continue
				}
				if a.end <= b.start && b.tokS-a.tokE <= n.dist || b.end <= a.start && a.tokS-b.tokE <= n.dist {
					return true
				}
			}
		}
		return false
	}
	panic("unknown op")
}

var refVocab = []string{
	"alpha", "Alpha's", "beta", "gamma", "délta", "Delta", "putin", "Putting", "election", "interference",
	"meddled", "meddling", "Путин", "Ерdoğan", "東京", "タワー", "東京タワー", "x", "y-z",
	"cease-fire", "ceasefire", "Alpha-Beta", "alphabeta",
}

func randomQuery(r *rand.Rand, depth int) string {
	if depth <= 0 || r.IntN(3) == 0 {
		var s string
		switch r.IntN(7) {
		case 0:
			s = `"` + refVocab[r.IntN(len(refVocab))] + " " + refVocab[r.IntN(len(refVocab))] + `"`
		case 1:
			w := Fold(refVocab[r.IntN(len(refVocab))])
			s = string([]rune(w)[:1+r.IntN(len([]rune(w)))]) + "*"
		case 2:
			s = "@" + []string{"putin", "hack"}[r.IntN(2)]
		default:
			s = refVocab[r.IntN(len(refVocab))]
		}
		if strings.ContainsAny(s, " ") && s[0] != '"' {
			s = `"` + s + `"`
		}
		if r.IntN(5) == 0 {
			s = []string{"title:", "feed:", "text:", "author:"}[r.IntN(4)] + s
		}
		if r.IntN(6) == 0 {
			s += fmt.Sprintf(" NEAR/%d %s", 1+r.IntN(4), refVocab[r.IntN(len(refVocab))])
		}
		return s
	}
	a, b := randomQuery(r, depth-1), randomQuery(r, depth-1)
	switch r.IntN(5) {
	case 0:
		return "(" + a + " OR " + b + ")"
	case 1:
		return a + " -" + "(" + b + ")"
	case 2:
		return "(" + a + ") AND (" + b + ")"
	default:
		return "(" + a + " " + b + ")"
	}
}

func randomText(r *rand.Rand) string {
	seps := []string{" ", " ", " ", "\n", "-", ", ", "’s ", "'s ", " — ", "", "."}
	var b strings.Builder
	for n := r.IntN(14); n > 0; n-- {
		w := refVocab[r.IntN(len(refVocab))]
		if r.IntN(4) == 0 {
			w = strings.ToUpper(w)
		}
		b.WriteString(w)
		b.WriteString(seps[r.IntN(len(seps))])
	}
	return b.String()
}

func TestEquivalence(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var ws []Watch
	for len(ws) < 300 {
		src := randomQuery(r, 3)
		q, err := Parse(src, testAliases)
		if err != nil {
			continue
		}
		ws = append(ws, Watch{Name: fmt.Sprint(len(ws)), Query: q})
	}
	m, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		doc := Document{Title: randomText(r), Body: randomText(r), Feed: randomText(r), Author: randomText(r)}
		compareWithReference(t, m, ws, doc)
		if t.Failed() {
			t.Fatalf("document %+v", doc)
		}
	}
}

func compareWithReference(t *testing.T, m *Matcher, ws []Watch, doc Document) {
	t.Helper()
	got := map[string]Result{}
	for _, r := range m.Match(doc) {
		got[r.Watch] = r
		checkHits(t, doc, r)
	}
	for _, w := range ws {
		want := refEval(w.Query.root, doc)
		r, ok := got[w.Name]
		if ok != want {
			t.Errorf("watch %s (%s): matcher %v, reference %v", w.Name, w.Query, ok, want)
			continue
		}
		if !ok {
			continue
		}
		// every hit is a reference occurrence of a positive term, and each positive term that occurs has hits
		var leaves []*node
		var walk func(n *node, neg bool)
		walk = func(n *node, neg bool) {
			switch n.op {
			case opTerm, opAlias:
				if !neg {
					leaves = append(leaves, n)
				}
			case opNot:
				walk(n.kids[0], !neg)
			default:
				for _, k := range n.kids {
					walk(k, neg)
				}
			}
		}
		walk(w.Query.root, false)
		// the hits are, for each positive term, its first maxHitsPerTerm occurrences in field and text
		// order, each listed once, in field and text order
		wantHits := map[string]bool{}
		for _, l := range leaves {
			terms2 := []*node{l}
			if l.op == opAlias {
				terms2 = l.kids
			}
			for _, tn := range terms2 {
				// a term and its closed form are two terms, each with its first occurrences
				for _, tm := range []*term{tn.term, tn.term.alt} {
					if tm == nil {
						continue
					}
					for k, o := range refTermOf(tm, doc, l.fields, true) {
						if k < maxHitsPerTerm {
							wantHits[fmt.Sprint(tn.term.text, "|", fieldNames[o.field], "|", o.start, "|", o.end)] = true
						}
					}
				}
			}
		}
		gotHits := map[string]bool{}
		for k, h := range r.Hits {
			key := fmt.Sprint(h.Term, "|", h.Field, "|", h.Start, "|", h.End)
			if !wantHits[key] {
				t.Errorf("watch %s (%s): hit %+v is not among the first occurrences found by the reference", w.Name, w.Query, h)
			}
			if gotHits[key] {
				t.Errorf("watch %s (%s): hit %+v listed twice", w.Name, w.Query, h)
			}
			gotHits[key] = true
			if k > 0 {
				p := r.Hits[k-1]
				if fi, pi := fieldIndex(h.Field), fieldIndex(p.Field); fi < pi || fi == pi && h.Start < p.Start {
					t.Errorf("watch %s (%s): hit %+v after %+v", w.Name, w.Query, h, p)
				}
			}
		}
		for key := range wantHits {
			if !gotHits[key] {
				t.Errorf("watch %s (%s): occurrence %s has no hit", w.Name, w.Query, key)
			}
		}
	}
}

func FuzzMatch(f *testing.F) {
	f.Add(`@putin AND (meddl* OR "election interference") -title:golf`, "Putin’s meddling", "election-\ninterference")
	f.Add(`a NEAR/2 "b c"`, "b c x a", "a")
	f.Add(`東京 OR tow*`, "東京タワー", "Tower")
	f.Add(`"Wladimir Putin" OR Putins NEAR/2 Rede`, "Wladimir Putins Rede", "Putins Rede")
	f.Fuzz(func(t *testing.T, query, title, body string) {
		q, err := Parse(query, testAliases)
		if err != nil {
			return
		}
		ws := []Watch{{Name: "w", Query: q}}
		m, err := Compile(ws)
		if err != nil {
			t.Fatal(err)
		}
		compareWithReference(t, m, ws, Document{Title: title, Body: body})
		compareWithReference(t, m, ws, Document{Title: title, Body: body, Lang: "de"}) // genitives with a bare s
		checkMatchFolded(t, m, Document{Title: title, Body: body, Lang: "de"})
	})
}

func TestCompileTooLarge(t *testing.T) {
	var names []string
	for i := range 3000 {
		names = append(names, fmt.Sprintf("name%d", i))
	}
	q, err := Parse(strings.Repeat("@big OR ", 199)+"@big", map[string][]string{"big": names})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compile([]Watch{{Name: "huge", Query: q}}); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("Compile of 600,000 terms: %v, want an error", err)
	}
}
