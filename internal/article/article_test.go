package article

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name      string
		fixture   string
		pageURL   string
		title     string
		byline    string
		site      string
		published time.Time
		lang      string
		image     string
		want      []string // in the text, in this order
		unwanted  []string // nowhere in the text
	}{
		{
			name:      "story among navigation, ads, related links, comments and footer",
			fixture:   "story.html",
			pageURL:   "https://courier.example/local/2024/ferry-vote",
			title:     "Harbour town votes to keep its ferry",
			byline:    "Maren Ostby",
			site:      "The Coastal Courier",
			published: time.Date(2024, 3, 14, 9, 30, 0, 0, time.UTC),
			lang:      "en",
			image:     "https://courier.example/img/ferry-lead.jpg",
			want: []string{
				"Residents of Port Aldery voted by a wide margin",
				"The vote, held in the packed community hall, ended 412 to 97.",
				`"We are not asking for anything new," said Idris Calloway`,
				"raising mooring fees for visiting yachts",
				"A replacement vessel is not expected before 2027.",
			},
			unwanted: []string{"NAVLINK", "ADVERT", "RELATED", "COMMENTTEXT", "FOOTERTEXT", "gullwatcher"},
		},
		{
			name:    "story cut into chunks between advertisements",
			fixture: "chunked.html",
			pageURL: "https://gazette.example/2025/library-flood",
			title:   "The night the tide came into the library",
			image:   "https://gazette.example/media/ledgers-drying.jpg", // first figure, lazily loaded
			byline:  "Tobias Wren",
			site:    "gazette.example",
			lang:    "en",
			want: []string{
				"When the spring tide topped the sea wall in Kelham last February",
				"the oldest ledgers were floating face down.",
				"Volunteers carried more than four hundred volumes up the stairs that night",
				"stopped the mould from spreading",
				"Eleven months later, all but nine of the ledgers have been dried and rebound.",
			},
			unwanted: []string{"ADVERT", "FOOTERTEXT", "Culture"},
		},
		{
			name:    "like-classed columns beside the story stay out",
			fixture: "columns.html",
			pageURL: "https://news.example/bakery",
			title:   "Bakery wins the county bread prize for a third year",
			site:    "news.example",
			lang:    "en",
			want: []string{
				"The Mill Lane bakery took first place at the county show on Saturday",
				"the secret is patience rather than any special flour",
				"taken on for December.",
			},
			unwanted: []string{"TEASERTEXT", "SIDEBARTEXT"},
		},
		{
			name:    "windows-1252 declared in meta",
			fixture: "windows-1252.html",
			pageURL: "http://journal.example/cafe",
			title:   "Le café du port rouvre ses portes",
			site:    "journal.example", // none declared: the host name
			lang:    "fr",
			want: []string{
				"Après dix-huit mois de travaux, le café de la jetée a rouvert samedi matin.",
				"« On a gardé le comptoir d’origine »", // no-break spaces become spaces
				"1,50 €",
			},
			unwanted: []string{"Accueil", "Journal du littoral", "\uFFFD"},
		},
		{
			// No charset anywhere; UTF-8 but for two bytes of a line pasted
			// from windows-1252: UTF-8, the two bytes U+FFFD.
			name:    "undeclared UTF-8 with stray bytes",
			fixture: "undeclared-utf8-strays.html",
			pageURL: "https://bergbote.example/bergbahn",
			title:   "Bergbahn am Hohen Kamm fährt wieder",
			site:    "bergbote.example",
			lang:    "de",
			want: []string{
				"Nach zwei Jahren Stillstand fährt die Bergbahn",
				"„Wir haben lange darauf gewartet“, sagte Bürgermeisterin Ilse Grünwald bei der Eröffnung.",
				"Kinder unter zwölf Jahren fahren gratis.",
			},
			unwanted: []string{"Ã", "â€", "FOOTERTEXT"},
		},
		{
			// No charset anywhere; windows-1252 with one byte pair (ß“)
			// that happens to be valid UTF-8: still windows-1252.
			name:    "undeclared windows-1252",
			fixture: "undeclared-windows-1252.html",
			pageURL: "https://kurier.example/radweg",
			title:   "Neuer Radweg am Fluss eröffnet",
			site:    "kurier.example",
			lang:    "de",
			want: []string{
				"Der neue Radweg zwischen Mühlau und Krähenfeld ist fertig.",
				"„Endlich kann man hier sicher fahren, auch zu Fuß“, sagte der Vorsitzende des Radclubs, Jürgen März.",
				"»Radkultur Mühlau«",
			},
			unwanted: []string{"\uFFFD", "ߓ"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(bytes.NewReader(readFixture(t, tt.fixture)), tt.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.pageURL {
				t.Errorf("URL = %q, want %q", a.URL, tt.pageURL)
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if a.Byline != tt.byline {
				t.Errorf("Byline = %q, want %q", a.Byline, tt.byline)
			}
			if a.SiteName != tt.site {
				t.Errorf("SiteName = %q, want %q", a.SiteName, tt.site)
			}
			if !tt.published.IsZero() && !a.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", a.Published, tt.published)
			}
			if a.Lang != tt.lang {
				t.Errorf("Lang = %q, want %q", a.Lang, tt.lang)
			}
			if tt.image != "" && a.Image != tt.image {
				t.Errorf("Image = %q, want %q", a.Image, tt.image)
			}
			rest := a.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (or has it out of order):\n%s", w, a.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, u := range tt.unwanted {
				if strings.Contains(a.Text, u) {
					t.Errorf("text holds %q:\n%s", u, a.Text)
				}
			}
		})
	}
}

func TestExtractParagraphs(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "story.html")), "https://courier.example/a")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) < 5 {
		t.Fatalf("got %d paragraphs, want at least the story's 5:\n%s", len(paras), a.Text)
	}
	for i, p := range paras {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "  ") {
			t.Errorf("paragraph %d is not clean: %q", i, p)
		}
	}
}

func TestExtractEmptyAndOddInput(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"text only", "just some words"},
		{"no body text", "<html><head><title>Nothing here</title></head><body></body></html>"},
		{"binary", "\x00\x01\x02\xff\xfe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.in), "")
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
				t.Errorf("invalid UTF-8 in %+v", a)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, contentType string
		in                []byte
		want              string
	}{
		{"utf-8 undeclared", "", []byte("<p>caf\xc3\xa9</p>"), "<p>café</p>"},
		{"windows-1252 undeclared", "", []byte("<p>caf\xe9 \x80</p>"), "<p>café €</p>"},
		{"header charset", "text/html; charset=iso-8859-1", []byte("<p>caf\xe9</p>"), "<p>café</p>"},
		{"meta charset", "", []byte(`<meta charset="windows-1252"><p>caf` + "\xe9</p>"), `<meta charset="windows-1252"><p>café</p>`},
		{"header beats meta", "text/html; charset=koi8-r", []byte(`<meta charset="windows-1252"><p>` + "\xd3\xc1\xca\xd4</p>"), `<meta charset="windows-1252"><p>сайт</p>`},
		{"utf-8 BOM", "text/html; charset=windows-1252", []byte("\xef\xbb\xbf<p>caf\xc3\xa9</p>"), "<p>café</p>"},
		{"utf-16le BOM", "", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "<p>é"},
		{"mislabelled utf-8", "text/html; charset=iso-8859-1", []byte("<p>caf\xc3\xa9</p>"), "<p>café</p>"},
		{"decomposed accents composed", "", []byte("<p>cafe\xcc\x81</p>"), "<p>café</p>"},
		{"invalid utf-8 declared", "text/html; charset=utf-8", []byte("<p>caf\xc3</p>"), "<p>caf\uFFFD</p>"},
		// One stray byte in a UTF-8 page does not make it windows-1252.
		{"utf-8 meta, a stray byte", "", []byte(`<meta charset="utf-8"><p>M` + "\xc3\xbc" + `nchen, K` + "\xc3\xb6" + `ln, Gie` + "\xc3\x9f" + "en \xfc</p>"),
			`<meta charset="utf-8"><p>München, Köln, Gießen ` + "\uFFFD</p>"},
		{"utf-8 header, a stray byte", "text/html; charset=utf-8", []byte("<p>Z\xc3\xbcrich \xe2\x80\x93 Gen\xc3\xa8ve \x96 Basel</p>"), "<p>Zürich – Genève \uFFFD Basel</p>"},
		// But a legacy page with an odd valid-looking pair stays legacy.
		{"windows-1252 with one utf-8-like pair", "", []byte("<p>caf\xe9 cr\xe8me br\xfbl\xe9e \xc3\xa9</p>"), "<p>café crème brûlée Ã©</p>"},
		// Undeclared, UTF-8 characters at least three and twice the stray
		// bytes: UTF-8 (legacy text forms far fewer valid pairs).
		{"undeclared utf-8, strays a third", "", []byte("<p>Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln \xe2\x80\x93 Ren\xe9 und J\xf6rg</p>"), "<p>Grüße aus Köln – Ren\uFFFD und J\uFFFDrg</p>"},
		{"undeclared, two utf-8 characters, a stray", "", []byte("<p>\xc3\xa9t\xc3\xa9 caf\xe9</p>"), "<p>Ã©tÃ© café</p>"},
		{"undeclared, strays over half", "", []byte("<p>Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln, Ren\xe9 und J\xf6rg M\xfcller</p>"), "<p>GrÃ¼ÃŸe aus KÃ¶ln, René und Jörg Müller</p>"},
		{"meta http-equiv", "", []byte(`<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>` + "\xd3\xc1\xca\xd4</p>"),
			`<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>сайт</p>`},
		// A UTF-8 declaration the bytes contradict (a site template's <meta
		// charset="utf-8"> over a story stored in windows-1252) is passed
		// over: the next declaration, else windows-1252.
		{"windows-1252 under a utf-8 meta", "", []byte(`<meta charset="utf-8"><p>Die Stadtwerke M` + "\xfc" + `nchen erh` + "\xf6" + `hen die Preise f` + "\xfc" + `r Fernw` + "\xe4rme \x96 um zw\xf6" + `lf Prozent.</p>`),
			`<meta charset="utf-8"><p>Die Stadtwerke München erhöhen die Preise für Fernwärme – um zwölf Prozent.</p>`},
		{"windows-1252 under a utf-8 header", "text/html; charset=UTF-8", []byte("<p>Le ma\xeetre d'\xe9cole a \xe9t\xe9 d\xe9cor\xe9 \xe0 Besan\xe7on.</p>"),
			"<p>Le maître d'école a été décoré à Besançon.</p>"},
		{"gbk under a utf-8 header, declared in the meta", "text/html; charset=utf-8", []byte(`<meta charset="gbk"><p>` + "\xb1\xb1\xbe\xa9 \xbd\xf1\xcc\xec \xcf\xc2\xd3\xea</p>"),
			`<meta charset="gbk"><p>北京 今天 下雨</p>`},
		// A UTF-8 page whose few characters are outnumbered by stray bytes
		// is not contradicted unless the strays are four to one.
		{"utf-8 header, strays beside curly quotes", "text/html; charset=utf-8", []byte("<p>\xe2\x80\x9cYes,\xe2\x80\x9d she said. Photo: J\xe9r\xf4me</p>"),
			"<p>“Yes,” she said. Photo: J\uFFFDr\uFFFDme</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode(tt.in, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("decode = %q, want %q", got, tt.want)
			}
		})
	}
}

// A <script charset> names the script's encoding, not the page's, and a
// <meta> charset after a long inline script in the head still counts.
func TestDecodeMetaAfterScripts(t *testing.T) {
	// 北京 今天 下雨 in GB2312.
	text := "\xb1\xb1\xbe\xa9 \xbd\xf1\xcc\xec \xcf\xc2\xd3\xea"
	page := `<html><head><script charset="utf-8" src="/js/app.js"></script>` +
		"<script>var config = {" + strings.Repeat(`"k": "v", `, 150) + "};</script>" +
		`<meta charset="gb2312"><title>t</title></head><body><p>` + text + "</p></body></html>"
	got, err := decode([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "<p>北京 今天 下雨</p>") {
		t.Errorf("decode = …%q, want the GB2312 text decoded", got[len(got)-40:])
	}
}

// A feed item's text gets a language on the pages' terms: the text's when
// it is long enough to tell, else the declaration or nothing.
func TestTextLanguage(t *testing.T) {
	zh := "外交部发言人毛宁12月5日在例行记者会上表示，中方坚决反对任何形式的单边制裁。毛宁说：“我们敦促有关方面停止错误做法。”" +
		"她还表示，中方将采取必要措施维护自身正当权益。"
	es := "El presidente del Gobierno, Pedro Sánchez, anunció este lunes la convocatoria de elecciones generales anticipadas " +
		"para el 23 de julio. —Es el momento de que los españoles hablen —dijo Sánchez en una declaración institucional en La Moncloa. " +
		"La oposición celebró el anuncio."
	for _, tc := range []struct{ name, declared, text, want string }{
		{"undeclared Chinese", "", zh, "zh"},
		{"Spanish under a feed's en-US", "en-US", es, "es"},
		{"too short to tell", "", "La reforma limita el precio del alquiler.", ""},
		{"too short: the declaration", "es-ES", "La reforma limita el precio del alquiler.", "es"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TextLanguage(tc.declared, tc.text); got != tc.want {
				t.Errorf("TextLanguage(%q, …) = %q, want %q", tc.declared, got, tc.want)
			}
		})
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Harbour town votes to keep its ferry | The Coastal Courier", "Harbour town votes to keep its ferry"},
		{"Obama admits gun laws frustrate him - BBC News", "Obama admits gun laws frustrate him"},
		{"Mozilla - Wikipedia", "Mozilla - Wikipedia"},
		{"No separator at all here", "No separator at all here"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := headline(tt.in); got != tt.want {
				t.Errorf("headline(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"story.html", "chunked.html", "columns.html", "paywall.html", "windows-1252.html"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("<html><body><table><tr><td><p>cell<td>x</table><svg><p>y</svg>"))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"A"},"B"]}]}</script>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract(bytes.NewReader(page), "https://example.com/a/b")
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Text) {
			t.Errorf("text is not valid UTF-8: %q", a.Text)
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	page := readFixture(b, "story.html")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(bytes.NewReader(page), "https://courier.example/a"); err != nil {
			b.Fatal(err)
		}
	}
}

// Invisible format characters do not reach the text, where they would
// split words: a soft hyphen, a zero-width space, a word joiner, a byte-order
// mark inside the text, zero-width joiners.
func TestExtractDropsFormatCharacters(t *testing.T) {
	story := strings.Repeat("Die Ausstellung im Rathaus zeigt Handschriften aus dem Mittel\u00adalter, "+
		"die lange im Archiv lagen. ", 6)
	page := "<html lang=\"de\"><head><title>Hand\u200bschriften im Rathaus</title></head><body><article>" +
		`<h1>Handschriften im Rathaus</h1><p>` + story + `</p>` +
		"<p>Der Eintritt ist frei\u2060, die Stadt\ufeffbibliothek hilft beim Lesen der Zei\u200c\u200dchen. " +
		strings.Repeat("Führungen gibt es jeden Sonntag um elf Uhr. ", 4) + `</p></article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://stadt.example/rathaus")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Mittelalter", "frei, die Stadtbibliothek", "Zeichen."} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%q", want, a.Text)
		}
	}
	if a.Title != "Handschriften im Rathaus" {
		t.Errorf("title %q", a.Title)
	}
	for _, r := range a.Text + a.Title {
		if unicode.Is(unicode.Cf, r) {
			t.Errorf("format character %U left in %q", r, a.Text)
			break
		}
	}
}

// Ruby annotations (the reading printed above a word) are not text.
func TestExtractDropsRuby(t *testing.T) {
	sentence := `<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>体罰<rp>（</rp><rt>たいばつ</rt><rp>）</rp></ruby>を禁止する法律が、きょう国会で成立しました。`
	page := `<html lang="ja"><head><title>体罰禁止の法律が成立</title></head><body><article><p>` +
		strings.Repeat(sentence, 5) + `</p><p>` + strings.Repeat("政府は来年の春から新しい制度を始める予定です。", 5) +
		`</p></article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://news.example.jp/a")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "子どもへの体罰を禁止する法律") {
		t.Errorf("text %q: want the sentence without its readings", a.Text)
	}
	for _, bad := range []string{"こ", "たいばつ", "（", "("} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text %q holds the annotation %q", a.Text, bad)
		}
	}
}

// The text's language wins over a declaration it clearly contradicts, and
// only then.
func TestExtractLanguageFromText(t *testing.T) {
	german := strings.Repeat("Der Gemeinderat hat am Dienstagabend beschlossen, die alte Fähre über den Fluss weiter zu betreiben. "+
		"Die Bürger hatten sich in einer Umfrage deutlich dafür ausgesprochen. ", 4)
	english := strings.Repeat("The council decided on Tuesday evening to keep the old ferry across the river running. "+
		"Residents had clearly asked for it in a survey. ", 4)
	japanese := strings.Repeat("政府は来年度予算案を閣議決定した。防衛費と社会保障費が過去最大となった。", 6)
	// Stories of 150 to 200 characters, a short wire report's length.
	chinese := "中央社記者台北5日電 行政院長卓榮泰今天在立法院答詢時表示，政府將持續推動能源轉型，確保明年夏季供電穩定。" +
		"卓榮泰說：「我們有信心在不增加燃煤發電的情況下，滿足產業用電需求。」" +
		"經濟部長郭智輝補充，今年新增的太陽光電裝置容量已超過預期目標。" +
		"立法委員質疑，電價調整方案仍不明確，恐影響中小企業經營。台電公司表示，將於下週公布明年第一季的電價審議結果。"
	japaneseShort := "日本銀行は19日、金融政策決定会合を開き、政策金利を現在の0.5%から0.75%に引き上げることを決めた。" +
		"植田和男総裁は会合後の記者会見で「賃金と物価の好循環が強まっている」と説明した。" +
		"利上げを受けて、大手銀行は普通預金の金利を引き上げる方針を相次いで発表した。"
	korean := "한국은행 금융통화위원회는 28일 기준금리를 연 3.00%로 동결했다. 이창용 한국은행 총재는 기자간담회에서 " +
		"물가 상승세가 둔화하고 있지만 가계부채 증가세를 더 지켜봐야 한다고 말했다. 시장에서는 내년 상반기 " +
		"금리 인하 가능성을 높게 보고 있다. 다음 통화정책방향 결정회의는 내년 1월에 열린다."
	// Texts whatlanggo names with confidence 0.38 and 0.79.
	russian := "Президент России Владимир Путин провел в пятницу совещание с членами Совбеза. Пресс-секретарь Кремля " +
		"Дмитрий Песков позже ответил на вопросы журналистов. «Мы не видим оснований для оптимизма», — сказал он. " +
		"«Решение будет принято в ближайшие дни», — заявила она, не уточнив деталей."
	bulgarian := "Българското правителство одобри в сряда проектобюджета за следващата година. Финансовият министър " +
		"заяви, че дефицитът ще остане под три процента от брутния вътрешен продукт, а заплатите в обществения " +
		"сектор ще бъдат увеличени. Опозицията критикува плана и поиска оставката на министъра."
	page := func(lang, text string) string {
		return `<html lang="` + lang + `"><head><title>t</title></head><body><article><p>` + text + `</p></article></body></html>`
	}
	for _, tc := range []struct{ name, page, want string }{
		{"German text under lang=en", page("en", german), "de"},
		{"English text under lang=en", page("en", english), "en"},
		{"undeclared German", `<html><body><article><p>` + german + `</p></article></body></html>`, "de"},
		{"too little text to overrule", page("en", "Die Fähre fährt weiter, sagt der Gemeinderat."), "en"},
		{"Han-only text under lang=ja", page("ja", japanese), "ja"},
		// A short Chinese or Japanese story has fewer letters than an
		// English one of the same length: each counts as three.
		{"Chinese story under lang=en", page("en", chinese), "zh"},
		{"Japanese story under lang=en", page("en", japaneseShort), "ja"},
		{"Korean story under lang=en", page("en", korean), "ko"},
		{"too little Chinese to overrule", page("en", "卓榮泰說，明年夏季供電穩定。"), "en"},
		// A declaration in another script is wrong whatever the identifier's
		// confidence in its pick among the text's script's languages.
		{"Russian under lang=en", page("en", russian), "ru"},
		{"Bulgarian under lang=en", page("en", bulgarian), "bg"},
		{"Russian under lang=uk: same script, not clear enough", page("uk", russian), "uk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tc.page), "https://example.org/a")
			if err != nil {
				t.Fatal(err)
			}
			if a.Lang != tc.want {
				t.Errorf("lang %q, want %q", a.Lang, tc.want)
			}
		})
	}
}
