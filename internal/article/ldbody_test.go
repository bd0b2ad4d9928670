package article

import (
	"bytes"
	"strings"
	"testing"
)

// A page whose visible text is a script's empty shell, or a first
// paragraph and a button, is read from the articleBody it declares in
// JSON-LD, verbatim, and says so.
func TestExtractReadsJSONLDArticleBody(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string // in the text, in this order
	}{
		{"ld-shell.html", []string{
			"Forty-one logbooks kept by the keepers of the Skarholm lighthouse between 1881 and 1924",
			`the keepers' own troubles: a broken lens in 1899, a storm that took the boat house in 1903, and "a week with no coffee" in 1917.`,
			"“They wrote for nobody but the next keeper,” said Ola Brenna",
			"add names and photographs to the pages.",
		}},
		{"ld-glued.html", []string{ // the library's fallback ran its paragraphs together
			"ending a strike that had lasted nine days.\n\nThe deal gives deckhands",
			"twelve hours.\n\nShops on the islands",
			"two clinics.\n\nThe operator said",
		}},
		{"ld-short.html", []string{
			"The town council has bought the old rope works on Mill Street",
			"The Victorian building, a quarter of a mile long,",
			`"It is the most beautiful building in the town and it has been rotting in front of us for forty years," said the council leader, Martin Oduya.`,
			"which it hopes to raise from a heritage grant.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			a, err := Extract(bytes.NewReader(readFixture(t, tt.fixture)), "https://news.example/story")
			if err != nil {
				t.Fatal(err)
			}
			if a.TextSource != TextFromJSONLD {
				t.Errorf("TextSource = %q, want %q", a.TextSource, TextFromJSONLD)
			}
			rest := a.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (or has it out of order):\n%s", w, a.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, u := range []string{"<p>", "&#39;", "&quot;", "Loading", "Read the full story", "FOOTERTEXT"} {
				if strings.Contains(a.Text, u) {
					t.Errorf("text holds %q:\n%s", u, a.Text)
				}
			}
			if n := strings.Count(a.Text, "\n\n"); n != 3 {
				t.Errorf("text has %d paragraphs, want 4:\n%s", n+1, a.Text)
			}
		})
	}
}

// The extracted text stays when the articleBody is not clearly more of the
// same story.
func TestLDBodyKeepsExtractedText(t *testing.T) {
	story := []string{
		"The harbour board approved the new breakwater on Monday after a year of argument about its cost and its effect on the beach.",
		"Work starts in March. The contractor expects to finish before the autumn storms, the board's engineer, Ruth Amis, said.",
		"Fishermen welcomed the decision, and the sailing club said it would move its moorings inside the new wall next year.",
	}
	full := strings.Join(story, "\n\n")
	other := "A new bakery opened on the high street on Saturday, selling bread baked in a wood-fired oven that the owner built himself from bricks of the old school. " +
		"Queues reached the corner by eight o'clock, and the shop had sold out of sourdough by ten, the owner said, laughing. " +
		"He plans to open on Sundays from next month and to take on an apprentice from the college in the spring, when the oven has been enlarged."
	long := full + "\n\n" + strings.Repeat("The board will meet again in April to choose the stone for the wall's face. ", 4)
	tests := []struct {
		name   string
		bodies []string
		paras  []string
		want   bool // the articleBody is taken
	}{
		{"the body is more of the story", []string{long}, story[:1], true},
		{"the body is the text", []string{full}, story, false},
		{"the body is too short to be a story", []string{story[0]}, nil, false},
		{"the body is another story", []string{other + " " + other}, story[:1], false},
		{"bodies disagree", []string{long, other + other}, nil, false},
		{"a body cut short does not replace text", []string{long + " The board …"}, story[:1], false},
		{"a body cut short beats no text", []string{long + " The board …"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ldBody(tt.bodies, tt.paras)
			if (got != nil) != tt.want {
				t.Errorf("ldBody taken = %v, want %v (%q)", got != nil, tt.want, got)
			}
		})
	}
}

func TestLDParagraphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One.\n\nTwo &amp; three.\r\nFour", "One.|Two & three.|Four"},
		{"<p>One <b>bold</b> word.</p><p>Two<br>Three</p><script>x()</script>", "One bold word.|Two|Three"},
		{"Less: 3 < 4 and 5 > 2.", "Less: 3 < 4 and 5 > 2."},
		{"Bad \xff byte", "Bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := strings.Join(ldParagraphs(tt.in), "|"); got != tt.want {
			t.Errorf("ldParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A page for subscribers is read as it shows itself, whatever its
// articleBody holds.
func TestExtractLDBodyNotForPaywalledPages(t *testing.T) {
	page := bytes.Replace(readFixture(t, "ld-short.html"), []byte(`"@type": ["NewsArticle"],`), []byte(`"@type": ["NewsArticle"], "isAccessibleForFree": false,`), 1)
	a, err := Extract(bytes.NewReader(page), "https://news.example/story")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Paywalled || a.TextSource != "" || strings.Contains(a.Text, "Victorian") {
		t.Errorf("Paywalled %v, TextSource %q, text:\n%s", a.Paywalled, a.TextSource, a.Text)
	}
}
