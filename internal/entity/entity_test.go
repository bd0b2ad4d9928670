package entity

import "testing"

func TestDecode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Putin&#8217;s war", "Putin’s war"},
		{"Putin&#39;s &amp; Biden&#x2019;s", "Putin's & Biden’s"},
		{"&quot;said&quot; &rsquo;", "\"said\" ’"},
		{"AT&T and Q&A", "AT&T and Q&A"},
		{"&copy 2024 & more", "&copy 2024 & more"},
		{"&#; &#x; &; &nosuchname;", "&#; &#x; &; &nosuchname;"},
		{"&amp;amp; once", "&amp; once"},
		{"no references", "no references"},
		{"trailing &", "trailing &"},
		{"&#12345678901234;", "&#12345678901234;"},
		// A numeric reference needs no semicolon where its digits end, as a
		// browser reads it: the page showed "Putin’s war".
		{"Putin&#8217s war", "Putin’s war"},
		{"Biden&#x2019s plan, &#8220quoted&#8221 &#39", "Biden’s plan, “quoted” '"},
		{"&#12345678901234 digits", "&#12345678901234 digits"},
	}
	for _, tt := range tests {
		if got := Decode(tt.in); got != tt.want {
			t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("Putin&#8217;s &amp; &#x27; &nbsp; &")
	f.Fuzz(func(t *testing.T, s string) {
		got := Decode(s)
		if len(got) > len(s)+len(s)/2+8 {
			t.Fatalf("Decode(%q) grew to %q", s, got)
		}
	})
}
