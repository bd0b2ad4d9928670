package match

import (
	"errors"
	"strings"
	"testing"
)

var testAliases = map[string][]string{
	"putin": {"Vladimir Putin", "Putin", "Путин"},
	"hack":  {"hack*", "cyber attack"},
}

func TestParseString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`Putin`, `Putin`},
		{`"election interference"`, `"election interference"`},
		{`“election   interference”`, `"election interference"`},
		// guillemets quote a phrase too (issue 12, QA: «élection présidentielle» was two words ANDed)
		{`«élection présidentielle»`, `"élection présidentielle"`},
		{`« élection présidentielle » Macron`, `"élection présidentielle" AND Macron`},
		{`»Deutsche Bahn«`, `"Deutsche Bahn"`},
		{`"Putin"`, `Putin`},
		{`a b`, `a AND b`},
		{`a AND b OR c`, `(a AND b) OR c`},
		{`a OR b c`, `a OR (b AND c)`},
		{`(a OR b) c`, `(a OR b) AND c`},
		{`a NOT b`, `a AND -b`},
		{`a -b -"c d"`, `a AND -b AND -"c d"`},
		{`a NOT (b OR c)`, `a AND NOT (b OR c)`},
		{`a AND NOT NOT b`, `a AND NOT -b`},
		{`meddl*`, `meddl*`},
		{`"meddl*"`, `meddl*`},
		{`a NEAR/10 "b c"`, `a NEAR/10 "b c"`},
		{`title:Putin`, `title:Putin`},
		{`TITLE:Putin text:b`, `title:Putin AND b`},
		{`title:(a OR feed:b)`, `title:a OR feed:b`},
		{`author:"Jane Doe" lang:de x`, `author:"Jane Doe" AND lang:de AND x`},
		{`@putin AND ("election interference" OR meddl* OR hack*) NOT title:golf`,
			`@putin AND ("election interference" OR meddl* OR hack*) AND -title:golf`},
		{`@Putin NEAR/5 title:@hack`, `@putin NEAR/5 title:@hack`},
		{`election-interference`, `election-interference`},
		{`and or not near`, `and AND or AND not AND near`},
		{`"AND" "NEAR" "-x" "@y" "a:b" "a*b"`, `"AND" AND "NEAR" AND "-x" AND "@y" AND "a:b" AND "a*b"`},
		{`10:30`, `"10:30"`},
		{`NEARBY "NEAR/5"`, `NEARBY AND "NEAR/5"`},
		{`x NOT (a NEAR/3 b)`, `x AND NOT (a NEAR/3 b)`},
		{`J. K. Rowling`, `"J. K." AND Rowling`},
		{`U.S. 1,000`, `U.S. AND 1,000`},
		// a dash or minus sign typed for the hyphen-minus (a word processor's or a phone's smart
		// punctuation) negates as '-' does: "Putin –golf" was Putin AND golf, the opposite of its intent
		{`Putin –golf`, `Putin AND -golf`},
		{`Putin —"golf club"`, `Putin AND -"golf club"`},
		{`Putin −(golf OR tennis)`, `Putin AND NOT (golf OR tennis)`},
		{`Putin ‐golf －tennis`, `Putin AND -golf AND -tennis`},
		{`"–golf" "—x"`, `"–golf" AND "—x"`},
		// single quotes, straight or curly, quote a phrase too: Putin -'golf club' was Putin AND -golf
		// AND club', which missed every article without "club"
		{`Putin -'golf club'`, `Putin AND -"golf club"`},
		{`‘election interference’ OR title:'Wahl-Einmischung'`, `"election interference" OR title:Wahl-Einmischung`},
		{`'O'Brien said' Putin's`, `"O'Brien said" AND Putin's`},
		{`'90s rock 'n' roll`, `"'90s" AND rock AND n AND roll`},
		{`"'a'" 'b c`, `"'a'" AND "'b" AND c`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in, testAliases)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("String() = %s, want %s", got, tt.want)
			}
			q2, err := Parse(q.String(), testAliases)
			if err != nil {
				t.Fatalf("re-Parse: %v", err)
			}
			if q2.String() != q.String() {
				t.Errorf("re-Parse String() = %s, want %s", q2.String(), q.String())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{`a "election interference`, 2, "unclosed quote"},
		{`a NEAR b`, 6, "NEAR/ needs a number"},
		{`a NEAR/ b`, 7, "NEAR/ needs a number"},
		{`a NEAR/x b`, 7, "NEAR/ needs a number"},
		{`a NEAR/0 b`, 7, "NEAR/ needs a number from 1"},
		{`@putn AND x`, 0, "unknown alias @putn — did you mean @putin?"},
		{`x @zzzzzz`, 2, "unknown alias @zzzzzz"},
		{`-a`, 0, "a query cannot be only NOT terms"},
		{`NOT a NOT b`, 0, "a query cannot be only NOT terms"},
		{`x OR NOT a`, 5, "would match articles containing none of its terms"},
		{`(a OR b`, 0, "unclosed parenthesis"},
		{`a OR b)`, 6, "unmatched )"},
		{`()`, 1, "empty parentheses"},
		{``, 0, "empty query"},
		{`   `, 0, "empty query"},
		{`a AND`, 5, "expected a term after AND"},
		{`a OR`, 4, "expected a term after OR"},
		{`OR a`, 0, "expected a term"},
		{`a - b`, 2, "expected a term after -"},
		{`a NOT`, 5, "expected a term after NOT"},
		{`titel:x`, 0, "unknown field titel: — did you mean title:?"},
		{`zzz:x`, 0, "unknown field zzz:"},
		{`title: x`, 6, "expected a term right after title:"},
		{`title:-x`, 6, "expected a term right after the field name"},
		{`(a OR b) NEAR/3 c`, 0, "NEAR/ joins terms"},
		{`a NEAR/3 b NEAR/3 c`, 11, "cannot be chained"},
		{`a NEAR/3`, 8, "expected a term after NEAR/3"},
		{`x "!!"`, 2, "a term needs at least one letter or digit"},
		{`x ""`, 2, "empty phrase"},
		{`x @`, 2, "expected an alias name"},
		{"x \xff", 2, "not valid UTF-8"},
		{strings.Repeat("(", 200) + "a" + strings.Repeat(")", 200), 100, "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in, testAliases)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.in, err)
			}
			if se.Offset != tt.offset {
				t.Errorf("Offset = %d, want %d (%s)", se.Offset, tt.offset, se.Msg)
			}
			if !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("Msg = %q, want it to contain %q", se.Msg, tt.msg)
			}
		})
	}
}

func TestSyntaxErrorCaret(t *testing.T) {
	_, err := Parse("Putin AND ünïcode \"oops", nil)
	want := "unclosed quote\nPutin AND ünïcode \"oops\n                  ^"
	if err == nil || err.Error() != want {
		t.Errorf("Error() =\n%v\nwant\n%s", err, want)
	}
}

func TestUnknownAliasWithoutAliases(t *testing.T) {
	_, err := Parse("@putin", nil)
	if err == nil || !strings.Contains(err.Error(), "no aliases are defined") {
		t.Errorf("err = %v", err)
	}
}

func TestTerms(t *testing.T) {
	q, err := Parse(`@putin AND ("election interference" OR meddl*) NOT golf -(x OR NOT y) putin`, testAliases)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(q.Terms(), "|")
	want := "Vladimir Putin|Putin|Путин|election interference|meddl*|y|putin"
	if got != want {
		t.Errorf("Terms() = %s, want %s", got, want)
	}
}

func TestKeywords(t *testing.T) {
	tests := []struct {
		kw, ex []string
		want   string
		err    bool
	}{
		{kw: []string{"Putin"}, want: "Putin"},
		{kw: []string{"Putin", "election interference", "meddl*"}, ex: []string{"golf", "a:b"}, want: `(Putin OR "election interference" OR meddl*) AND -golf AND -"a:b"`},
		{kw: []string{`say "hi"`}, want: `"say hi"`},
		{kw: nil, err: true},
		{kw: []string{"x"}, ex: []string{"--"}, err: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.kw, ","), func(t *testing.T) {
			q, err := Keywords(tt.kw, tt.ex)
			if tt.err {
				if err == nil {
					t.Fatalf("Keywords succeeded: %s", q)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.String() != tt.want {
				t.Errorf("String() = %s, want %s", q, tt.want)
			}
			q2, err := Parse(q.String(), nil)
			if err != nil || q2.String() != q.String() {
				t.Errorf("re-Parse = %v, %v", q2, err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`@putin AND ("election interference" OR meddl* OR hack*) NOT title:golf`,
		`a NEAR/10 "b c"`, `-a`, `(a OR b`, `title:(a feed:b)`, `"x*y" 10:30`, `NOT NOT a`,
		`a NEAR/3 @hack`, "“curly” „quotes”", `@putn`, `-"a" -(b)`, `a –b —"c" −(d)`, `-'a b' ‘c’ 'd`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src, testAliases)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error is not a *SyntaxError: %v", err)
			}
			if se.Offset < 0 || se.Offset > len(se.Query) {
				t.Fatalf("offset %d outside query of %d bytes", se.Offset, len(se.Query))
			}
			_ = se.Error()
			return
		}
		s := q.String()
		q2, err := Parse(s, testAliases)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", src, s, err)
		}
		if s2 := q2.String(); s2 != s {
			t.Fatalf("Parse(%q).String() = %q, re-parsed = %q", src, s, s2)
		}
	})
}
