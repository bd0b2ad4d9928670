package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// German capitalises every noun, so a capitalised word before or after a
// German reporting verb is as often a common noun (Das Tempo, Ergebnisse
// der Studie, auf Anfrage) as a name. In German text a speaker must show
// itself to be a person, an organisation or a role (see germanSpeakerOK);
// what cannot is left empty.

// germanMarkers are frequent German words that are rare in the other
// languages the package reads.
var germanMarkers = wordSet(`und der das nicht ist mit sich auch eine einer einem dem wird wurde sind für auf
werden noch nach bei sagte sagt ich wir nur oder aber wie die hat ein zu im den`)

// germanText reports whether src reads as German: its commonest words
// make up a good share of the first few thousand words.
func germanText(src string) bool {
	words, hits := 0, 0
	for f := range strings.FieldsFuncSeq(src, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if _, ok := germanMarkers[strings.ToLower(f)]; ok {
			hits++
		}
		if words >= 3000 {
			break
		}
	}
	return words >= 8 && hits*100 >= words*5
}

// germanArticles open a German noun phrase: articles, possessives,
// demonstratives and a preposition fused with the article. A capitalised
// word after one (or after one and an adjective) is a common noun.
var germanArticles = wordSet(`der die das dem den des ein eine einer eines einem einen kein keine keiner keines keinem keinen
mein meine meiner meines meinem meinen dein deine sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren
unser unsere unserer unseres unserem unseren euer eure dieser diese dieses diesem diesen jener jene jenes
jeder jede jedes jedem jeden welcher welche welches manche mancher einige einigen viele vielen beide beiden alle allen
zum zur im am vom beim ins ans aufs
folgender folgende folgendes`)

// germanLexicon is what a German article shows about its capitalised
// words: which it writes after an article (common nouns) and which it
// also writes in lower case (adverbs and adjectives opening a sentence).
type germanLexicon struct {
	nouns map[string]bool
	lower map[string]bool
}

// newGermanLexicon reads src.
func newGermanLexicon(src string) *germanLexicon {
	g := &germanLexicon{nouns: map[string]bool{}, lower: map[string]bool{}}
	toks := tokenize(src, 0, len(src))
	for k, t := range toks {
		if !t.word {
			continue
		}
		if isLowerWord(t) {
			g.lower[t.lower()] = true
			continue
		}
		if !t.capitalized() || k == 0 {
			continue
		}
		if k+1 < len(toks) && toks[k+1].capitalized() {
			continue // den Lee Elder Scholarship Fund, der Vorsitzende Weiß: a name may follow
		}
		// der neue Vorsitzende, eine tiefere Verbundenheit: up to two
		// adjectives between the article and the noun.
		for p := k - 1; p >= 0 && p >= k-3; p-- {
			pt := toks[p]
			if !pt.word {
				break
			}
			if _, art := germanArticles[pt.lower()]; art || germanNumber(pt.s) || p == k-1 && (pt.s == "in" || pt.s == "aus") {
				g.nouns[t.lower()] = true
				break
			}
			if !isLowerWord(pt) || !germanAdjective(pt.lower()) {
				break
			}
		}
	}
	return g
}

// germanNumber reports whether s is a number before a noun (5, fünf Jahren).
func germanNumber(s string) bool {
	if _, ok := germanNumbers[strings.ToLower(s)]; ok {
		return true
	}
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != ',' }) < 0
}

// germanNumbers are the German numerals that stand before a plural noun.
var germanNumbers = wordSet("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend")

// germanAdjective reports whether a lower-case word has an inflected
// adjective's ending.
func germanAdjective(lw string) bool {
	for _, suf := range []string{"e", "en", "er", "es", "em"} {
		if strings.HasSuffix(lw, suf) && utf8.RuneCountInString(lw) > len(suf)+2 {
			return true
		}
	}
	return false
}

// germanAdjectiveSuffixes end German adjectives and adverbs, which open a
// sentence capitalised (Wahrscheinlich, Erschreckend, Wörtlich).
var germanAdjectiveSuffixes = []string{"lich", "liche", "licher", "isch", "ische", "ischer", "end", "ene", "ige", "iger"}

// germanNounSuffixes end German abstract nouns, never a name.
var germanNounSuffixes = []string{"ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften",
	"tion", "tionen", "sion", "tät", "täten", "nisse", "ismus", "ierung"}

// germanRoleSuffixes end German nouns for a person's role or an
// organisation (Sprecherin, Konzernchef, Parteienrechtler, Bundesregierung).
var germanRoleSuffixes = []string{
	"sprecher", "sprecherin", "chef", "chefin", "leiter", "leiterin", "präsident", "präsidentin",
	"minister", "ministerin", "direktor", "direktorin", "experte", "expertin", "rechtler", "rechtlerin",
	"vorsitzende", "vorsitzender", "politiker", "politikerin", "mitglied", "autor", "autorin", "anwalt",
	"anwältin", "mitarbeiter", "mitarbeiterin", "teilnehmer", "teilnehmerin", "führer", "führerin",
	"berater", "beraterin", "bischof", "bischöfin", "pfarrer", "pfarrerin", "pastor", "pastorin",
	"trainer", "trainerin", "kanzler", "kanzlerin", "meister", "meisterin", "abgeordnete", "abgeordneter",
	"aktivist", "aktivistin", "forscher", "forscherin", "wissenschaftler", "wissenschaftlerin", "professor",
	"professorin", "arzt", "ärztin", "polizist", "polizistin", "vorstand", "gründer", "gründerin", "inhaber",
	"inhaberin", "kollege", "kollegin", "kritiker", "kritikerin", "ökonom", "ökonomin", "analyst", "analystin",
	"journalist", "journalistin", "beamte", "beamter", "beamtin", "richter", "richterin", "staatsanwalt",
	"ermittler", "ermittlerin", "landrat", "landrätin", "senator", "senatorin", "stadtrat", "stadträtin",
	"landwirt", "landwirtin", "partnerin", "partner", "vertreter", "vertreterin", "delegierte", "delegierter",
	"referent", "referentin", "dozent", "dozentin", "student", "studentin", "schüler", "schülerin",
	"bewohner", "bewohnerin", "besucher", "besucherin", "nutzer", "nutzerin", "kunde", "kundin",
	"künstler", "künstlerin", "sänger", "sängerin", "spieler", "spielerin", "schauspieler", "schauspielerin",
	"regisseur", "regisseurin", "musiker", "musikerin", "architekt", "architektin", "ingenieur", "ingenieurin",
	"chemiker", "chemikerin", "physiker", "physikerin", "biologe", "biologin", "soziologe", "soziologin",
	"psychologe", "psychologin", "historiker", "historikerin", "manager", "managerin", "koordinator",
	"koordinatorin", "beauftragte", "beauftragter", "stellvertreter", "stellvertreterin", "sekretär",
	"sekretärin", "kommissar", "kommissarin", "general", "offizier", "soldat", "soldatin", "diplomat",
	"diplomatin", "botschafter", "botschafterin", "richterin", "funktionär", "funktionärin", "mediziner",
	"medizinerin", "virologe", "virologin", "newcomerin", "newcomer", "veranstalter", "veranstalterin",
	"mutter", "vater", "tochter", "sohn", "freund", "freundin", "schwester", "bruder", "ehefrau", "ehemann",
	"regierung", "ministerium", "verband", "partei", "gericht", "unternehmen", "konzern", "firma",
	"gewerkschaft", "verein", "stiftung", "institut", "behörde", "kommission", "ausschuss", "fraktion",
	"polizei", "staatsanwaltschaft", "agentur", "organisation", "organisationen", "bericht", "studie",
	"mitteilung", "stellungnahme", "erklärung", "umfrage", "zeitung", "magazin", "sender", "bundesrat",
	"aufsichtsrat", "gemeinderat", "betriebsrat", "vorstandsvorsitzende", "vorstandsvorsitzender",
	"organisator", "organisatorin", "sieger", "siegerin", "promi", "vertretung", "gemeinde",
}

// germanRoleWords are short role words matched whole (Rat der EKD, Chef Matthias).
var germanRoleWords = wordSet(`rat amt bund chef chefin coach team stadt land kirche mann frau`)

// germanRole reports whether the capitalised word w, or its last part
// after a hyphen, is a role or an organisation.
func germanRole(w string) bool {
	lw := strings.ToLower(strings.Trim(w, ".,;:"))
	if i := strings.LastIndexAny(lw, "-‑"); i >= 0 {
		lw = lw[i+1:]
	}
	if _, ok := germanRoleWords[lw]; ok {
		return true
	}
	if _, ok := titles[lw]; ok && lw != "" {
		return true
	}
	// the genitive or dative of the role: des Staatsrechtlers, dem AfD-Vorsitzenden
	for _, f := range []string{lw, strings.TrimSuffix(lw, "s"), strings.TrimSuffix(lw, "n"), strings.TrimSuffix(lw, "en")} {
		for _, suf := range germanRoleSuffixes {
			if strings.HasSuffix(f, suf) {
				return true
			}
		}
	}
	return false
}

// germanAcronym reports whether w is an organisation's acronym (BKA, DGB,
// NASA, ÖTZ): capital letters only, two or more.
func germanAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// germanConnectors may join the words of a German speaker: a genitive or
// where the person is from (Rat der EKD, Jacqueline Rioba von World Vision).
var germanConnectors = wordSet("der des von vom aus bei beim im am für")

// germanSpeakerOK reports whether s, a speaker found in German text, shows
// itself to be a person, an organisation or a role: a role word (Sprecher,
// Konzernchef Robert Machtlinger, Die Integrationsministerin), an acronym
// (BKA), or a name — capitalised words the article never writes after an
// article nor in lower case, without an abstract noun's ending. A common
// noun (Das Tempo, Anfrage, Ergebnisse der Studie), an adverb opening the
// sentence (Zugleich, Hierzu) or two people run together (Rita Famos
// Bundesrat Cassis) is not.
func (a *attributor) germanSpeakerOK(s string) bool {
	if a.deLex == nil {
		a.deLex = newGermanLexicon(a.src)
	}
	g := a.deLex
	words := strings.Fields(s)
	if len(words) == 0 {
		return true
	}
	if _, det := germanArticles[strings.ToLower(words[0])]; det && len(words) > 1 {
		words = words[1:] // der Sprecher, eine Sprecherin, unsere Vorsitzende
	}
	// The core is the capitalised words before any connector.
	core := words
	for k, w := range words {
		if isLowerWord(token{s: w, word: true}) {
			if _, ok := germanConnectors[w]; !ok || k == 0 || k == len(words)-1 {
				return false // Döring den Prozess, Das führt
			}
			core = words[:k]
			break
		}
	}
	var nameWords []string
	roleSeen := false
	for _, w := range core {
		if germanAcronym(strings.Trim(w, ".,")) {
			return true
		}
		if germanRole(w) && len(nameWords) == 0 {
			roleSeen = true
			continue
		}
		if germanRole(w) {
			// Rita Famos Bundesrat Cassis: a role after a name is a
			// second person, unless the words before it describe it
			// (Kölner Staatsrechtlers Klaus Stern, Münsters
			// Diözesancaritasdirektor).
			for _, nw := range nameWords {
				if givenNameGender([]string{nw}) != 0 || g.lower[strings.ToLower(nw)] {
					return false
				}
			}
			nameWords = nameWords[:0]
			roleSeen = true
			continue
		}
		nameWords = append(nameWords, w)
	}
	if len(nameWords) == 0 {
		return roleSeen
	}
	if len(nameWords) > 3 {
		return false // GROOVE-Autorin Charlotte Elsen Tobias Trommer: two people
	}
	if roleSeen {
		return true // Arbeitsrechtlerin Bürger, Bischof Stäblein
	}
	// A name of several words is checked on its first word (Hans Göbel, not
	// Nachfrage Martin Rölen); a name of one word on that word.
	if len(nameWords) == 1 && g.fullName(strings.Fields(a.ix.full[strings.ToLower(nameWords[0])]), nameWords[0]) {
		return true // Reil, when the article names Guido Reil
	}
	lw := strings.ToLower(nameWords[0])
	if g.common(lw) {
		return false
	}
	if givenNameGender(nameWords[:1]) == 0 && len(nameWords) > 2 {
		for _, nw := range nameWords[1 : len(nameWords)-1] {
			if givenNameGender([]string{nw}) != 0 {
				return false // Nachfrage Martin Rölen: a word before the given name is no part of the name
			}
		}
	}
	if givenNameGender(nameWords[:1]) == 0 {
		for _, suf := range germanNounSuffixes {
			if strings.HasSuffix(lw, suf) && utf8.RuneCountInString(lw) > len(suf)+2 {
				return false // Verbundenheit, Empfehlung
			}
		}
		for _, suf := range germanAdjectiveSuffixes {
			if len(nameWords) == 1 && strings.HasSuffix(lw, suf) && utf8.RuneCountInString(lw) > len(suf)+3 {
				return false // Wahrscheinlich, sagt Landowski
			}
		}
	}
	return true
}

// common reports whether the capitalised word w is one the article shows
// to be a common word: written after an article or in lower case.
func (g *germanLexicon) common(w string) bool {
	lw := strings.ToLower(w)
	_, art := germanArticles[lw]
	_, adv := germanAdverbs[lw]
	return art || adv || g.nouns[lw] || g.lower[lw] || foreignStop(lw)
}

// germanAdverbs are adverbs and conjunctions that open a German sentence
// capitalised before its verb (Hierzu führte er aus, Zugleich mahnte sie).
var germanAdverbs = wordSet(`dazu hierzu darauf darüber dabei damit davon dafür dagegen daher danach darin darum deshalb
deswegen hierbei hierfür hiermit hierauf zugleich zudem zuvor zuletzt zunächst zuerst anschließend außerdem ebenso
ebenfalls trotzdem dennoch jedoch allerdings immerhin schließlich letztlich später früher heute gestern damals jetzt
nun bisher inzwischen mittlerweile gleichzeitig während weil obwohl nachdem bevor sobald solange seitdem bis sogar
insbesondere besonders natürlich vielleicht offenbar offensichtlich tatsächlich eigentlich grundsätzlich immer nie
oft manchmal wieder erneut weiter ferner übrigens zwar also doch denn sonst stattdessen demnach somit folglich
hingegen indes indessen wiederum freilich sodann daraufhin`)

// fullName reports whether full, the fullest form of a one-word name the
// article uses, is a person's name ending in w whose other words are no
// common words (Guido Reil for Reil; not Das Tempo for Tempo).
func (g *germanLexicon) fullName(full []string, w string) bool {
	if len(full) < 2 || len(full) > 4 || full[len(full)-1] != w || !personLike(full) {
		return false
	}
	for _, f := range full[:len(full)-1] {
		if g.common(f) || germanRole(f) || !unicode.IsUpper(r0(f)) {
			return false
		}
	}
	return true
}

// germanLabelOK reports whether np, a name alone before a colon in German
// text (Barisic: „…“), is a speaker's label rather than a capitalised
// phrase (Ernster Nachsatz: „…“, Kurzes Fazit: „…“): a name of one word,
// or one with a role, a title, an acronym or a known given name, or whose
// last word the article also writes inside a sentence as a name and never
// after an article.
func (a *attributor) germanLabelOK(np phrase) bool {
	words := np.name.words
	if len(words) < 2 || len(np.roles) > 0 || givenNameGender(words[:1]) != 0 {
		return true
	}
	for _, w := range words {
		if germanRole(w) || germanAcronym(w) {
			return true
		}
	}
	if a.deLex == nil {
		a.deLex = newGermanLexicon(a.src)
	}
	last := words[len(words)-1]
	return a.ix.midSentence[strings.ToLower(last)] && !a.deLex.common(last)
}

// germanInverted returns the speaker of a German clause whose verb is at
// toks[k] and np the phrase before it: np itself, unless German text shows
// it to be no speaker (Dazu schreibt er, Wörtlich schrieb der Abgeordnete,
// Zur Qualität des Teilnehmerfeldes sagt …): the verb comes second in a
// German clause, and the subject then follows it. ok is false when nothing
// after the verb is a speaker either.
func (a *attributor) germanInverted(toks []token, np phrase, k int) (phrase, bool) {
	if a.german && np.kind != npPronoun && len(np.toks) == 1 && np.toks[0].start == toks[0].start && k == 1 &&
		!a.ix.known(np.toks[0].lower()) && isLowerWord(toks[k]) {
		// Demnach fragte Weiß ihn: a word opening the sentence that the
		// article never uses as a name, and a person right after the verb:
		// the verb comes second, its subject after it.
		if np2, ok := a.germanSubjectAfter(toks, k); ok && np2.kind == npName && a.ix.known(np2.name.key()) {
			return np2, true
		}
	}
	if !a.german || np.kind == npPronoun || a.germanSpeakerOK(a.phraseText(np)) {
		return np, true
	}
	if lw := toks[k].lower(); foreignStop(lw) || germanPrepositions[lw] || lw == "laut" || !isLowerWord(toks[k]) || isDeterminer(lw) {
		return phrase{}, false // Funfaktor und Mut, laut Marktprognosen: no verb
	}
	return a.germanSubjectAfter(toks, k)
}

// germanSubjectAfter returns the subject right after the German verb at
// toks[k] (sagt Verbandspräsident Peter Aurich, erzählte Tobisch damals):
// a pronoun, or a phrase germanSpeakerOK accepts; not a phrase in the
// dative or the accusative (dankte dem Rat der EKD).
func (a *attributor) germanSubjectAfter(toks []token, k int) (phrase, bool) {
	if k+1 >= len(toks) || isLowerWord(toks[k+1]) && !isDeterminer(toks[k+1].lower()) && !foreignPronounAt(toks, k+1) {
		return phrase{}, false // Das führt dann leicht zu Ergebnissen: no subject right after the verb
	}
	lw := toks[k+1].lower()
	_, dat := dativeDeterminers[lw]
	_, obj := objectDeterminers[lw]
	if dat || obj {
		return phrase{}, false // Er dankte dem Rat der EKD: whom, not who
	}
	np2, _, ok := forwardNP(a.src, toks, k+1)
	if !ok || np2.toks[0].start != toks[k+1].start || np2.kind != npPronoun && !a.germanSpeakerOK(a.phraseText(np2)) {
		return phrase{}, false
	}
	return np2, true
}

// foreignPronounAt reports whether toks[i] is a foreign subject pronoun (er, sie).
func foreignPronounAt(toks []token, i int) bool {
	_, ok := foreignPronoun(toks, i)
	return ok
}

// phraseText is the speaker a phrase would give: a name in its fullest form.
func (a *attributor) phraseText(np phrase) string {
	if np.kind == npName {
		return a.ix.fullName(np.text(a.src))
	}
	return np.text(a.src)
}

// impersonalGerman reports whether toks[i] opens "heißt es" or "hieß es"
// (it says, it was said): an attribution that names no speaker, so the
// quotation has none and inherits none.
func impersonalGerman(toks []token, i int) bool {
	if i+1 >= len(toks) || !isLowerWord(toks[i]) || toks[i+1].s != "es" {
		return false
	}
	switch toks[i].s {
	case "heißt", "hieß", "hiess", "heisst":
		return true
	}
	return false
}

// germanFirstName returns, in German text, the name that opens the phrase
// np read from toks[i] when a lower-case word other than a connector
// follows it inside np: erklärte Jana Brecht weitere Ergebnisse der
// Umfrage — what follows the name is the verb's object.
func (a *attributor) germanFirstName(toks []token, i int, np phrase) phrase {
	if !a.german || np.kind != npName || len(np.toks) == 0 {
		return np
	}
	for j := i; j < len(toks) && toks[j].start < np.toks[0].start+1 && j < i+4; j++ {
		n, roles, e, ok := parseName(a.src, toks, j)
		if !ok || e >= len(toks) || toks[e].start >= np.toks[len(np.toks)-1].end {
			continue
		}
		if w := toks[e]; isLowerWord(w) && !isDeterminer(w.lower()) {
			if _, c := germanConnectors[w.lower()]; !c {
				return phrase{kind: npName, toks: toks[i:e], name: n, roles: roles}
			}
		}
		break
	}
	return np
}
