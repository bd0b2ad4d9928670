package article

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestCutAtEndMarker(t *testing.T) {
	story := []string{
		strings.Repeat("The harbour board met on Monday to decide the future of the ferry. ", 4),
		strings.Repeat("Most members spoke in favour of keeping the service for another decade. ", 4),
		"The decision will be reviewed in the spring.",
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"related stories after the story", append(slices.Clone(story), "You may also like…", "Council rejects new marina", "Tide tables for the week"), story},
		{"German heading with a colon", append(slices.Clone(story), "Mehr zum Thema:", "Fähre fährt weiter"), story},
		{"Spanish, capitalised", append(slices.Clone(story), "Noticias relacionadas", "El puerto cierra"), story},
		{"teaser line inside the story", []string{story[0], "Read more: Council rejects new marina", story[1], story[2]}, story},
		{"inline teaser marker alone", []string{story[0], "À lire aussi", story[1], story[2]}, story},
		{"Spanish teaser with a colon", []string{story[0], "PUEDES VER: ¿Qué es la Sunedu, cómo está conformada y para qué sirve?", story[1], story[2]}, story},
		{"inline teaser marker does not end the story", []string{story[0], story[1], "Lesen Sie auch", story[2]}, story},
		{"a marker before most of the story is kept", append([]string{"Related", strings.Repeat("x ", 10)}, story...), append([]string{"Related", strings.Repeat("x ", 10)}, story...)},
		{"a longer paragraph is not a marker", append(slices.Clone(story), "Related stories were published by other papers, which also covered the vote at length."),
			append(slices.Clone(story), "Related stories were published by other papers, which also covered the vote at length.")},
		{"nothing but a marker", []string{"Comments"}, []string{"Comments"}},
		{"a heading naming more articles", append(slices.Clone(story), "Weitere Beiträge aus dem Ressort", "Fähre fährt weiter"), story},
		{"what else might interest the reader", append(slices.Clone(story), "Das könnte Sie auch interessieren", "Fähre fährt weiter"), story},
		{"further links, singular", append(slices.Clone(story), "Weiterführender Link", "Gespräche richtig führen"), story},
		{"further articles", append(slices.Clone(story), "Weiterführende Artikel:", "Gespräche richtig führen"), story},
		{"Rioplatense see-also inside the story", []string{story[0], "Mirá también", story[1], story[2]}, story},
		{"more of something else is not a marker", append(slices.Clone(story), "Mehr Geld für die Fähre", "Fähre fährt weiter"),
			append(slices.Clone(story), "Mehr Geld für die Fähre", "Fähre fährt weiter")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cutAtEndMarker(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("cutAtEndMarker:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Teasers below a story inside the article element do not reach the text.
func TestExtractStopsAtRelatedStories(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html lang="en"><head><title>Ferry to keep running</title></head><body><article><h1>Ferry to keep running</h1>`)
	for i := 0; i < 5; i++ {
		b.WriteString("<p>The harbour board met on Monday and decided, after a long debate, that the old ferry will keep running for another decade. ")
		b.WriteString("Members said the service mattered to the island's schools and shops.</p>")
	}
	b.WriteString(`<h2>Related stories</h2><p>Island school wins regional chess title after a season of hard work and early mornings for its young players.</p>`)
	b.WriteString(`<p>Storm warning lifted for the coast as the wind drops overnight and fishing boats prepare to leave harbour again.</p>`)
	b.WriteString(`</article></body></html>`)
	a, err := Extract(strings.NewReader(b.String()), "https://island.example/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "schools and shops") {
		t.Fatalf("story missing: %q", a.Text)
	}
	for _, bad := range []string{"Related stories", "chess", "Storm warning"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q from the related stories:\n%s", bad, a.Text)
		}
	}
}

func TestLinkShares(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<body><div><p>Plain words only here.</p>
<ul><li><a href="/a"><u>Town hall clock fixed</u></a></li><li>Tide <a href="/t">tables</a></li></ul>
<div>The <a href="/c">café</a> opens <b>next</b> month.<p>Inner block</p></div></div></body>`))
	if err != nil {
		t.Fatal(err)
	}
	shares := linkShares(doc)
	for text, want := range map[string]float64{
		"Plain words only here.": 0,
		"Town hall clock fixed":  1,
		"Tide tables":            6.0 / 11,
		"Inner block":            0,
	} {
		if got, ok := shares[text]; !ok || got < want-1e-9 || got > want+1e-9 {
			t.Errorf("share of %q = %v (%v), want %v", text, got, ok, want)
		}
	}
	if _, ok := shares["The café opens next month. Inner block"]; ok {
		t.Error("a block holding a block is not a leaf")
	}
}

func TestDropNavRuns(t *testing.T) {
	shares := map[string]float64{"News": 1, "Sport": 1, "Weather": 1, "Two links and words": 0.5}
	in := []string{"News", "Sport", "Story text.", "News", "Sport", "Weather", "Two links and words", "News"}
	want := []string{"News", "Sport", "Story text.", "Two links and words", "News"}
	if got := dropNavRuns(in, shares); !slices.Equal(got, want) {
		t.Errorf("dropNavRuns = %q, want %q", got, want)
	}
	if got := dropNavRuns([]string{"News", "Sport", "Weather"}, shares); len(got) != 3 {
		t.Errorf("dropNavRuns of links alone = %q, want them kept", got)
	}
}

func TestDropFooter(t *testing.T) {
	story := []string{
		"The court ruled on Tuesday that the copyright in the photographs belongs to the agency, not to the paper.",
		"Contact the newsroom by e-mail: if you have seen the missing boat, the coastguard asks you to call.",
		"The agency said it would not ask for damages.",
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"copyright and contact lines after the story", append(slices.Clone(story), "© 2025 The Town Crier. All rights reserved.", "Tel.: 01234 567 890", "E-Mail: desk@town.example"), story},
		{"German imprint", append(slices.Clone(story), "Impressum", "Alle Rechte vorbehalten."), story},
		{"footer-like lines inside the story stay", story, story},
		{"a long last paragraph is text", append(slices.Clone(story), "Copyright "+strings.Repeat("law is a long subject and this paragraph goes on about it at length. ", 4)),
			append(slices.Clone(story), "Copyright "+strings.Repeat("law is a long subject and this paragraph goes on about it at length. ", 4))},
		{"nothing but a footer stays", []string{"© 2025 The Town Crier"}, []string{"© 2025 The Town Crier"}},
		{"a publisher's address block", append(slices.Clone(story), "Wochenblatt Talheim", "Hauptstraße 12", "74388 Talheim", "Tel. 07133 1234-0", "redaktion@wochenblatt-talheim.de"), story},
		{"an address on one line", append(slices.Clone(story), "Gemeinde Hohenfeld · Rathausplatz 1 · 79999 Hohenfeld", "Tel. 07654 321-0 · Fax 07654 321-99 · info@hohenfeld.example"), story},
		{"a US address", append(slices.Clone(story), "Riverside Courier", "112 Main Street, Riverside, OH 45000", "Call us: 555-0100"), story},
		{"an e-mail address in a sentence is text", append(slices.Clone(story), "Follow him on Twitter or email him at desk@town.example"),
			append(slices.Clone(story), "Follow him on Twitter or email him at desk@town.example")},
		{"a postal-code-like line without a contact stays", append(slices.Clone(story), "Demonstranten", "10000 Menschen"),
			append(slices.Clone(story), "Demonstranten", "10000 Menschen")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropFooter(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("dropFooter:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Lines that stand around a story without being part of it: a category
// label, an update date, a picture credit, a newsletter call, an appeal for
// support, a call for readers' letters, a comment count and a prompt to log
// in to comment.
func TestExtractDropsBoilerplateLines(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "boilerlines.html")), "https://nordkurier.example/lokales/faehre")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Der Stadtrat hat am Montagabend", "sagte Bürgermeisterin Anke Rehberg", "Die Opposition kritisierte"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("story text %q missing from %q", want, a.Text)
		}
	}
	for _, bad := range []string{"Kategorie: Lokales", "Aktualisiert am", "Foto: Jens Büttner", "Newsletter", "unterstütze uns", "3 Kommentare", "Leserbrief", "angemeldete Nutzer"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("boilerplate %q kept in %q", bad, a.Text)
		}
	}
}

func TestDropBoilerLines(t *testing.T) {
	story := "The harbour board met on Monday and decided that the ferry will keep running for another decade."
	long := "Readers who subscribe to the island's newsletter will know that the board has argued about the ferry for years, and that the vote on Monday ended a debate that began in 2019 with a petition from the schools."
	in := []string{"Photo: Maren Ostby", story, "(Credit: Island Archive)", "Sign up for our morning newsletter", long, "Updated March 14, 2024", "12 comments"}
	want := []string{story, long}
	if got := dropBoilerLines(in); !slices.Equal(got, want) {
		t.Errorf("dropBoilerLines:\n got %q\nwant %q", got, want)
	}
	tools := []string{story, "Date 23.05.2011", "Imprimer Imprimer cette page", "Permalien https://p.example/p/RPYx", "Print this article", "Drucken", "Permalink"}
	if got := dropBoilerLines(tools); !slices.Equal(got, []string{story}) {
		t.Errorf("dropBoilerLines of the page's tools:\n got %q\nwant %q", got, []string{story})
	}
	prose := []string{story, "Printing the ballots cost the island more than the ferry did.", "Print media on the island have shrunk to one weekly paper."}
	if got := dropBoilerLines(prose); !slices.Equal(got, prose) {
		t.Errorf("dropBoilerLines of sentences that start with a tool's word = %q, want them kept", got)
	}
	if got := dropBoilerLines([]string{"Photo: Maren Ostby"}); len(got) != 1 {
		t.Errorf("dropBoilerLines of a credit alone = %q, want it kept", got)
	}
}

// A heading that names more of the site's articles ("Weitere Beiträge aus
// der Kolumne") or says what else might interest the reader ends the story
// like the fixed markers do, with the teasers below it.
func TestExtractEndsAtMarkerForms(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "endforms.html")), "https://arbeitswelt.example/kolumne/reden")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "berichten von ruhigeren Tagen") {
		t.Errorf("story end missing from %q", a.Text)
	}
	for _, bad := range []string{"Weitere Beiträge", "Vier-Tage-Woche", "Homeoffice", "könnte dich auch", "Meetings ohne"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q kept in %q", bad, a.Text)
		}
	}
}

// The contact block that closes a press release is not its text.
func TestExtractEndsAtContactBlock(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "pressrelease.html")), "https://ministerium.example/presse/foerderrichtlinie")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "zum Herunterladen bereit") {
		t.Errorf("end of the release missing from %q", a.Text)
	}
	for _, bad := range []string{"Pressekontakt", "Referat Presse", "Kathrin Behrendt", "Telefonisch erreichbar"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q kept in %q", bad, a.Text)
		}
	}
}

// Headlines of links after the story (a forum thread, another story) are
// not its text: read with the page's link shares, they are dropped.
func TestDropTrailingLinkHeadlinesOfAPage(t *testing.T) {
	page, err := os.ReadFile("testdata/trailinglinks.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseHTML(page, "")
	if err != nil {
		t.Fatal(err)
	}
	paras := renderText(findElement(doc, atom.Article))
	if len(paras) != 6 {
		t.Fatalf("fixture: %d paragraphs, want 6: %q", len(paras), paras)
	}
	got := dropTrailingLinks(paras, linkShares(doc))
	if len(got) != 4 || !strings.HasPrefix(got[3], "Wer erwischt wird") {
		t.Errorf("dropTrailingLinks kept %q", got[3:])
	}
}

func TestDropTrailingLinks(t *testing.T) {
	story := strings.Repeat("Die Fähre fährt weiter. ", 8)
	shares := map[string]float64{"Mehr zum Hafen": 1, "Die Fähre fährt weiter.": 1, "www.faehre.example": 1, "Hafen": 0}
	tests := []struct {
		in, want []string
	}{
		{[]string{story, "Mehr zum Hafen"}, []string{story}},
		{[]string{story, "Hafen"}, []string{story, "Hafen"}},                                     // not a link
		{[]string{story, "Die Fähre fährt weiter."}, []string{story, "Die Fähre fährt weiter."}}, // a sentence
		{[]string{story, "www.faehre.example"}, []string{story, "www.faehre.example"}},           // an address
		{[]string{"Mehr zum Hafen"}, []string{"Mehr zum Hafen"}},                                 // the first paragraph
	}
	for _, tt := range tests {
		if got := dropTrailingLinks(tt.in, shares); !slices.Equal(got, tt.want) {
			t.Errorf("dropTrailingLinks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The keys of boilerLine's forms are only a shortcut: on lines that say
// each thing the forms catch, in each of its words, the forms match exactly
// where their expressions joined into one would.
func TestBoilerLineKeysCoverTheirForms(t *testing.T) {
	var exprs []string
	for _, f := range boilerLine() {
		exprs = append(exprs, f.re.String())
	}
	joined := regexp.MustCompile(strings.Join(exprs, "|"))
	lines := []string{
		"Sign up for our morning newsletter", "SUBSCRIBE NOW", "Subscription required", "Become a subscriber today",
		"Signing up takes a minute", "Jetzt abonnieren", "Für Abonnenten", "Abonnez-vous", "Suscríbete", "Inscríbete gratis",
		"Hier anmelden", "Um zu kommentieren, müssen Sie angemeldet sein", "You must log in to comment.",
		"Comment: please sign in first", "Kommentare sind nur für eingeloggte Nutzer", "Angemeldete Benutzer können kommentieren",
		"Registrierte Nutzer sehen mehr", "Pour commenter, connectez-vous", "Para comentar inicia sesión",
		"Letters to the editor", "Send a letter to the editor", "Leserbrief schreiben", "Write to us", "Schreiben Sie uns!",
		"Verraten Sie uns gerne Ihre Meinung", "Tell us what you think", "Let us know what you think about this",
		"Unterstützen Sie uns", "Unterstütze unabhängigen Journalismus", "Support us", "Support our journalism",
		"Soutenez-nous", "Apoya el periodismo", "The harbour board met on Monday.", "Commentary by the editor",
		"Supporters gathered outside", "Newsletters are sent weekly by the council", "Photo: Maren Ostby", "© 2024",
	}
	for _, l := range lines {
		if got, want := boilerLine().MatchString(l), joined.MatchString(l); got != want {
			t.Errorf("%q: forms %v, one expression %v: a form's keys miss a word it matches", l, got, want)
		}
	}
}

// What a page shows in place of an embedded video or sign-up form until the
// reader consents is not the story; a story about cookies and consent is.
func TestExtractDropsConsentPlaceholders(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html lang="en"><head><title>Port strike ends</title></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.</p><button>Accept all</button></div>
<article><h1>Port strike ends</h1>`)
	for i := 0; i < 3; i++ {
		b.WriteString("<p>Dock workers returned to work on Sunday after their union accepted a new contract, ending a strike that left dozens of ships waiting offshore.</p>")
	}
	b.WriteString(`<div id="_ytid_34233" class="__youtube_prefs__"><p><strong>Please accept YouTube cookies to play this video.</strong> By accepting you will be accessing content from YouTube, a service provided by an external third party.</p><button>Accept</button></div>`)
	b.WriteString(`<p>The regulator said sites must ask for consent before they set advertising cookies, and that readers may refuse.</p>`)
	b.WriteString(`<app-placeholder><div class="box"><p>Wir würden hier gerne einen Inhalt von Twitter zeigen. Leider haben Sie uns hierfür keine Zustimmung gegeben. Wenn Sie diesen anzeigen wollen, stimmen Sie bitte Twitter zu.</p><button>Twitter akzeptieren</button></div></app-placeholder>`)
	b.WriteString(`<p>The port handles about a fifth of the region's imports.</p></article></body></html>`)
	a, err := Extract(strings.NewReader(b.String()), "https://coast.example/port")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ships waiting offshore", "ask for consent before they set advertising cookies", "fifth of the region"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, bad := range []string{"YouTube", "Zustimmung", "We use cookies"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q:\n%s", bad, a.Text)
		}
	}
}
