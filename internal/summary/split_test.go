package summary

import (
	"reflect"
	"strings"
	"testing"
)

func sentencesOf(text string) []string {
	var out []string
	for _, s := range Split(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// English
		{"en titles", "Mr. Smith met Dr. Jones on Monday. They talked for an hour.",
			[]string{"Mr. Smith met Dr. Jones on Monday.", "They talked for an hour."}},
		{"en acronym mid-sentence", "The U.S. Senate voted late on Tuesday. The bill now goes to the House.",
			[]string{"The U.S. Senate voted late on Tuesday.", "The bill now goes to the House."}},
		{"en acronym at end", "The factory will move to the U.S. The decision surprised workers.",
			[]string{"The factory will move to the U.S.", "The decision surprised workers."}},
		{"en month and number", "The vote is set for Jan. 12 in the capital. No. 1 seed Ames lost.",
			[]string{"The vote is set for Jan. 12 in the capital.", "No. 1 seed Ames lost."}},
		{"en initials", "The novel by J. K. Rowling sold well. Critics were kinder this time.",
			[]string{"The novel by J. K. Rowling sold well.", "Critics were kinder this time."}},
		{"en decimals", "Growth slowed to 3.5 percent in May. Prices rose 0.2 points.",
			[]string{"Growth slowed to 3.5 percent in May.", "Prices rose 0.2 points."}},
		{"en quote with full stop", "\"Stop.\" he said, and the car halted. Nobody moved.",
			[]string{"\"Stop.\" he said, and the car halted.", "Nobody moved."}},
		{"en quote then attribution", "“We will not give up!” Jones told reporters. The crowd cheered.",
			[]string{"“We will not give up!” Jones told reporters.", "The crowd cheered."}},
		// issue 12, QA: a capitalised pronoun or "Nobody" after a quotation
		// starts a sentence (the attribution would be "she added")
		{"en fragment quote then pronoun", `Dr. Anna Becker said the failures were "systemic." She added that 1,000 documents were under review.`,
			[]string{`Dr. Anna Becker said the failures were "systemic."`, "She added that 1,000 documents were under review."}},
		{"en question then nobody", "She asked: “Who pays for this?” Nobody replied.",
			[]string{"She asked: “Who pays for this?”", "Nobody replied."}},
		{"en quote then named speaker stays", "“Who pays for this?” Smith asked. Nobody replied.",
			[]string{"“Who pays for this?” Smith asked.", "Nobody replied."}},
		{"en p.m. before a weekday", "The vote was 52-48 at 10 p.m. Tuesday. Republicans cheered.",
			[]string{"The vote was 52-48 at 10 p.m. Tuesday.", "Republicans cheered."}},
		{"en a.m. before a month", "It opens at 9 a.m. Jan. 5 in Dallas. Tickets are free.",
			[]string{"It opens at 9 a.m. Jan. 5 in Dallas.", "Tickets are free."}},
		{"pl academic titles", "Prof. dr hab. Jan Kowalski powiedział, że to błąd. Minister milczał.",
			[]string{"Prof. dr hab. Jan Kowalski powiedział, że to błąd.", "Minister milczał."}},
		{"de guillemets the German way", "Er sagte: »Das ist vorbei.« Dann ging er.",
			[]string{"Er sagte: »Das ist vorbei.«", "Dann ging er."}},
		{"en degrees", "Temperatures reached 40°C. Residents fled to the coast. It was 104 °F. in Phoenix.",
			[]string{"Temperatures reached 40°C.", "Residents fled to the coast.", "It was 104 °F. in Phoenix."}},
		{"en street at the end", "They met at No. 10 Downing St. The talks lasted hours. St. Louis Mayor Tishaura Jones spoke.",
			[]string{"They met at No. 10 Downing St.", "The talks lasted hours.", "St. Louis Mayor Tishaura Jones spoke."}},
		{"en decimal with a unit", "Growth was 0.5pc. Economists were surprised.",
			[]string{"Growth was 0.5pc.", "Economists were surprised."}},
		{"en quote ends sentence", "She said: “It is over.” Then she left the room.",
			[]string{"She said: “It is over.”", "Then she left the room."}},
		{"en ellipsis mid-sentence", "He waited… and waited for the bus. It never came... Nobody knew why.",
			[]string{"He waited… and waited for the bus.", "It never came...", "Nobody knew why."}},
		{"en question and exclamation", "Who knew? Nobody did! The end came fast?!",
			[]string{"Who knew?", "Nobody did!", "The end came fast?!"}},
		{"en company abbreviations", "Shares of Acme Inc. rose sharply. Acme Corp. Chief Ann Lee declined to comment.",
			[]string{"Shares of Acme Inc. rose sharply.", "Acme Corp. Chief Ann Lee declined to comment."}},
		{"en company at end", "The plant is owned by Acme Inc. The company said it would close.",
			[]string{"The plant is owned by Acme Inc.", "The company said it would close."}},
		{"en heading and caption", "Storm hits coast\n\nThousands lost power overnight. Crews are at work.\n\nA fallen tree in Dover (Photo: Jane Roe)",
			[]string{"Storm hits coast", "Thousands lost power overnight.", "Crews are at work.", "A fallen tree in Dover (Photo: Jane Roe)"}},
		{"en run together", "Tests confirmed the poisoning.In the latest case a kitten died.\"We are upset,\" she said.",
			[]string{"Tests confirmed the poisoning.", "In the latest case a kitten died.", "\"We are upset,\" she said."}},
		{"en closing quote run together", "\"It is over.\"Police then left the scene.",
			[]string{"\"It is over.\"", "Police then left the scene."}},
		{"en single line break is space", "The minister said the plan\nwould be ready soon. It was not.",
			[]string{"The minister said the plan\nwould be ready soon.", "It was not."}},
		{"en parenthesis", "The vote passed (narrowly.) Critics were unhappy.",
			[]string{"The vote passed (narrowly.)", "Critics were unhappy."}},
		{"en dotted degree", "She earned a Ph.D. in economics at Yale. Then she joined the bank.",
			[]string{"She earned a Ph.D. in economics at Yale.", "Then she joined the bank."}},
		{"tr academic titles", "Açıklamayı Yrd. Doç. Dr. Ayşe Kaya yaptı. Toplantı iki saat sürdü.",
			[]string{"Açıklamayı Yrd. Doç. Dr. Ayşe Kaya yaptı.", "Toplantı iki saat sürdü."}},
		{"en apartment number", "Voters may cast ballots at 2344 Bragg St., Apt. 1C between noon and 8 p.m. on Tuesday. Lines were short.",
			[]string{"Voters may cast ballots at 2344 Bragg St., Apt. 1C between noon and 8 p.m. on Tuesday.", "Lines were short."}},
		{"en brand opening a sentence", "Apple unveiled a new phone on Tuesday. iPhone sales have slowed in China. eBay shares rose.",
			[]string{"Apple unveiled a new phone on Tuesday.", "iPhone sales have slowed in China.", "eBay shares rose."}},
		{"en web address", "Details are at example.com for readers. More follows.",
			[]string{"Details are at example.com for readers.", "More follows."}},
		{"en times", "The blast came at 9 a.m. Police arrived at 9:15 a.m. EST and closed the road.",
			[]string{"The blast came at 9 a.m.", "Police arrived at 9:15 a.m. EST and closed the road."}},
		{"en byline and dateline", "By Jane Doe\n\nLONDON (Reuters) - Prices rose. Sales fell.",
			[]string{"By Jane Doe", "LONDON (Reuters) - Prices rose.", "Sales fell."}},
		// German
		{"de abbreviations", "Es gibt z.B. neue Regeln für Mieter. Das heißt, d.h. die Miete sinkt.",
			[]string{"Es gibt z.B. neue Regeln für Mieter.", "Das heißt, d.h. die Miete sinkt."}},
		{"de spaced abbreviation", "Viele Städte, z. B. Köln und Bonn, sparen. Die Länder zahlen.",
			[]string{"Viele Städte, z. B. Köln und Bonn, sparen.", "Die Länder zahlen."}},
		{"de date ordinal", "Die Wahl findet am 3. Oktober statt. Der Kanzler tritt an.",
			[]string{"Die Wahl findet am 3. Oktober statt.", "Der Kanzler tritt an."}},
		{"de title and number", "Hr. Müller wohnt in der Hauptstr. 5 in Berlin. Er ist Rentner.",
			[]string{"Hr. Müller wohnt in der Hauptstr. 5 in Berlin.", "Er ist Rentner."}},
		{"de quotes", "„Wir bleiben hier.“ Das sagte die Ministerin am Abend. Sie lächelte.",
			[]string{"„Wir bleiben hier.“", "Das sagte die Ministerin am Abend.", "Sie lächelte."}},
		{"de ordinal after an article", "Die Funde stammen aus dem 12. Jahrhundert. Die Stadt will sie zeigen.",
			[]string{"Die Funde stammen aus dem 12. Jahrhundert.", "Die Stadt will sie zeigen."}},
		{"de ordinal after a contraction", "Der Verein feiert im Mai seinen 70. Geburtstag. Die Gäste kommen aus ganz Europa.",
			[]string{"Der Verein feiert im Mai seinen 70. Geburtstag.", "Die Gäste kommen aus ganz Europa."}},
		{"de number ends before an opener", "Die Zahl der Verletzten stieg am Abend auf die 12. Die Polizei ermittelt.",
			[]string{"Die Zahl der Verletzten stieg am Abend auf die 12.", "Die Polizei ermittelt."}},
		{"de ordinal after a comma", "Das Urteil des Oberlandesgerichts Hamburg, 5. Zivilsenat, wird aufgehoben. Die Kosten trägt die Beklagte.",
			[]string{"Das Urteil des Oberlandesgerichts Hamburg, 5. Zivilsenat, wird aufgehoben.", "Die Kosten trägt die Beklagte."}},
		{"de ordinal after an adjective", "Die Italienerin feierte in Antholz ihren insgesamt 13. Weltcupsieg. Zweite wurde eine Norwegerin.",
			[]string{"Die Italienerin feierte in Antholz ihren insgesamt 13. Weltcupsieg.", "Zweite wurde eine Norwegerin."}},
		{"de number after a noun ends", "Die Staffel landete bei der WM auf Platz 18. Meng holte ihre ersten Punkte.",
			[]string{"Die Staffel landete bei der WM auf Platz 18.", "Meng holte ihre ersten Punkte."}},
		{"en small number then a name", "The victims, from the same family, were aged 8, 10 and 12. Doctors at the hospital said all three were stable.",
			[]string{"The victims, from the same family, were aged 8, 10 and 12.", "Doctors at the hospital said all three were stable."}},
		{"en number ends", "The death toll rose to 12. Officials said more were missing.",
			[]string{"The death toll rose to 12.", "Officials said more were missing."}},
		{"de abbreviations before numbers", "Im Zelt können max. 6 Personen schlafen. Die Quote liegt bei min. 35 Prozent, vgl. Rdn. 29 des Urteils.",
			[]string{"Im Zelt können max. 6 Personen schlafen.", "Die Quote liegt bei min. 35 Prozent, vgl. Rdn. 29 des Urteils."}},
		{"de year", "Das Werk schloss 2019. Die Arbeiter protestierten.",
			[]string{"Das Werk schloss 2019.", "Die Arbeiter protestierten."}},
		// French
		{"fr titles", "M. Dupont et Mme Martin ont voté contre. Le texte a été rejeté.",
			[]string{"M. Dupont et Mme Martin ont voté contre.", "Le texte a été rejeté."}},
		{"fr guillemets", "« Nous resterons. » Le maire l'a répété devant la presse. Il a souri.",
			[]string{"« Nous resterons. »", "Le maire l'a répété devant la presse.", "Il a souri."}},
		{"fr decimal comma and question", "Le taux atteint 3,5 %. Pourquoi ? Personne ne le sait.",
			[]string{"Le taux atteint 3,5 %.", "Pourquoi ?", "Personne ne le sait."}},
		{"fr abbreviation cf", "Le rapport (cf. annexe) est clair. Il sera publié lundi.",
			[]string{"Le rapport (cf. annexe) est clair.", "Il sera publié lundi."}},
		// Spanish
		{"es titles", "El Sr. García y la Sra. López llegaron tarde. La reunión empezó sin ellos.",
			[]string{"El Sr. García y la Sra. López llegaron tarde.", "La reunión empezó sin ellos."}},
		{"es inverted marks", "¿Quién ganó? ¡Nadie lo sabe! El recuento sigue.",
			[]string{"¿Quién ganó?", "¡Nadie lo sabe!", "El recuento sigue."}},
		{"es acronym", "Viajó a EE.UU. con su familia. Allí vive su hermano.",
			[]string{"Viajó a EE.UU. con su familia.", "Allí vive su hermano."}},
		{"es number abbreviation", "Vive en la calle Mayor núm. 7 desde hace años. Es maestra.",
			[]string{"Vive en la calle Mayor núm. 7 desde hace años.", "Es maestra."}},
		// Russian
		{"ru abbreviations", "Он приехал в г. Москва в 2020 г. и остался. Работа нашлась быстро.",
			[]string{"Он приехал в г. Москва в 2020 г. и остался.", "Работа нашлась быстро."}},
		{"ru that is", "Цены выросли, т.е. жизнь подорожала. Власти молчат.",
			[]string{"Цены выросли, т.е. жизнь подорожала.", "Власти молчат."}},
		{"ru initials", "Роман написал Л. Н. Толстой. Его читают до сих пор.",
			[]string{"Роман написал Л. Н. Толстой.", "Его читают до сих пор."}},
		{"ru quotes", "«Мы победим», — сказал он. Зал аплодировал.",
			[]string{"«Мы победим», — сказал он.", "Зал аплодировал."}},
		{"ru year then capital", "Закон вступит в силу в 2025 г. Депутаты приняли его единогласно.",
			[]string{"Закон вступит в силу в 2025 г.", "Депутаты приняли его единогласно."}},
		{"ru initials before a preposition-like letter", "Глава МИД С. В. Лавров прибыл в Анкару. Переговоры начнутся завтра.",
			[]string{"Глава МИД С. В. Лавров прибыл в Анкару.", "Переговоры начнутся завтра."}},
		// German abbreviations before numbers and openers
		{"de ca before a number", "Zur Demonstration kamen ca. 300 Menschen. Die Polizei zählte weniger.",
			[]string{"Zur Demonstration kamen ca. 300 Menschen.", "Die Polizei zählte weniger."}},
		{"de usw at the end", "Gefragt sind Bäcker, Maurer usw. Die Kammer sucht Bewerber.",
			[]string{"Gefragt sind Bäcker, Maurer usw.", "Die Kammer sucht Bewerber."}},
		{"es aprox before a number", "Asistieron aprox. 2000 personas al acto. El alcalde habló primero.",
			[]string{"Asistieron aprox. 2000 personas al acto.", "El alcalde habló primero."}},
		// Polish
		{"pl abbreviations before numbers", "Premier przyjechał ok. 10.30 do Sejmu. Obrady zamknięto o godz. 14. Posłowie wyszli.",
			[]string{"Premier przyjechał ok. 10.30 do Sejmu.", "Obrady zamknięto o godz. 14.", "Posłowie wyszli."}},
		{"pl year then capital", "Ustawa weszła w życie w 2024 r. Opozycja zapowiedziała skargę.",
			[]string{"Ustawa weszła w życie w 2024 r.", "Opozycja zapowiedziała skargę."}},
		{"pl street", "Protest odbył się na ul. Wiejskiej w Warszawie. Policja nie interweniowała.",
			[]string{"Protest odbył się na ul. Wiejskiej w Warszawie.", "Policja nie interweniowała."}},
		// Scripts with their own full stops and question marks
		{"hi danda", "सरकार ने मंगलवार को नई योजना की घोषणा की। मंत्री ने कहा कि किसानों को लाभ होगा। विपक्ष ने सवाल उठाए॥",
			[]string{"सरकार ने मंगलवार को नई योजना की घोषणा की।", "मंत्री ने कहा कि किसानों को लाभ होगा।", "विपक्ष ने सवाल उठाए॥"}},
		{"ar question mark", "هل تنجح المفاوضات؟ قال المتحدث إن المحادثات ستستمر يوم الأحد.",
			[]string{"هل تنجح المفاوضات؟", "قال المتحدث إن المحادثات ستستمر يوم الأحد."}},
		{"ur full stop", "حکومت نے نیا بجٹ پیش کیا۔ وزیر نے کہا کہ ٹیکس نہیں بڑھیں گے۔",
			[]string{"حکومت نے نیا بجٹ پیش کیا۔", "وزیر نے کہا کہ ٹیکس نہیں بڑھیں گے۔"}},
		{"el semicolon question", "Τι θα γίνει με τις συντάξεις; Ο υπουργός απάντησε στη Βουλή. Η αντιπολίτευση διαφωνεί.",
			[]string{"Τι θα γίνει με τις συντάξεις;", "Ο υπουργός απάντησε στη Βουλή.", "Η αντιπολίτευση διαφωνεί."}},
		{"el greek question mark", "Ποιος θα πληρώσει\u037e Κανείς δεν ξέρει.",
			[]string{"Ποιος θα πληρώσει\u037e", "Κανείς δεν ξέρει."}},
		{"en semicolon is no stop", "Prices rose; wages did not. Unions protested.",
			[]string{"Prices rose; wages did not.", "Unions protested."}},
		{"hy full stop", "Կառավարությունը հաստատել է բյուջեն։ Ընդդիմությունը քննադատել է որոշումը։",
			[]string{"Կառավարությունը հաստատել է բյուջեն։", "Ընդդիմությունը քննադատել է որոշումը։"}},
		// Other scripts and edge cases
		{"cjk", "今日は晴れです。明日は雨です。",
			[]string{"今日は晴れです。", "明日は雨です。"}},
		{"empty", "", nil},
		{"space only", " \n\n \t", nil},
		{"no full stop", "Breaking news", []string{"Breaking news"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentencesOf(tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitSpans(t *testing.T) {
	text := "  First one.  Second one!\n\n\tThird\u00a0one?  "
	want := []Span{{2, 12}, {14, 25}, {28, strings.Index(text, "?") + 1}}
	if got := Split(text); !reflect.DeepEqual(got, want) {
		t.Errorf("Split = %v, want %v", got, want)
	}
}

// TestSplitLongInputs guards against quadratic behaviour: each input is a
// megabyte of a pattern that once made the splitter rescan text.
func TestSplitLongInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	for _, unit := range []string{`."a`, "a.", ". ", "a.a.", `"`, "x", ".\n\n", "Mr. ", "“a.” b "} {
		text := strings.Repeat(unit, (1<<20)/len(unit))
		prev := 0
		for _, s := range Split(text) {
			if s.Start < prev || s.End > len(text) {
				t.Fatalf("unit %q: bad span %v", unit, s)
			}
			prev = s.End
		}
	}
	text := strings.Repeat("The council met again today and agreed to meet again. ", 20000)
	if got := Summarize(text, Options{}); len(got) == 0 {
		t.Error("no summary of a long text")
	}
	if got := Summarize(strings.Repeat("word ", 200000), Options{MaxChars: 50}); len(got) != 1 || len([]rune(got[0])) > 50 {
		t.Errorf("one endless sentence: got %d sentences", len(got))
	}
}
