package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titles are words before a name that are not part of it (Sen. Bernie
// Sanders, President Vladimir Putin), mapped to the role they give the
// person, so that "the senator" can later be resolved to the name.
var titles = map[string]string{
	"mr": "", "mrs": "", "ms": "", "miss": "", "mx": "", "dr": "doctor", "prof": "professor",
	"professor": "professor", "sen": "senator", "senator": "senator", "rep": "representative",
	"representative": "representative", "congressman": "congressman", "congresswoman": "congresswoman",
	"gov": "governor", "governor": "governor", "president": "president", "vice": "",
	"gen": "general", "general": "general", "lt": "", "col": "colonel", "colonel": "colonel",
	"capt": "captain", "captain": "captain", "sgt": "sergeant", "sergeant": "sergeant", "maj": "major",
	"adm": "admiral", "admiral": "admiral", "cmdr": "commander", "commander": "commander",
	"rev": "reverend", "reverend": "reverend", "hon": "", "judge": "judge", "justice": "justice",
	"chief": "chief", "executive": "", "mayor": "mayor", "secretary": "secretary", "sec": "secretary",
	"minister": "minister", "prime": "", "chancellor": "chancellor", "ambassador": "ambassador",
	"speaker": "speaker", "attorney": "attorney", "atty": "attorney", "detective": "detective",
	"det": "detective", "officer": "officer", "sheriff": "sheriff", "pope": "pope", "king": "king",
	"queen": "queen", "prince": "prince", "princess": "princess", "former": "", "pres": "president",
	"lord": "", "lady": "", "sir": "", "dame": "", "bishop": "bishop", "cardinal": "cardinal",
	"father": "", "sister": "", "brother": "", "coach": "coach", "inspector": "inspector",
	"superintendent": "superintendent", "supt": "superintendent", "chairman": "chairman",
	"chairwoman": "chairwoman", "commissioner": "commissioner", "director": "director",
	"dean": "dean", "principal": "principal", "rabbi": "rabbi", "imam": "imam", "pastor": "pastor", "prosecutor": "prosecutor", "spokesman": "spokesman", "spokeswoman": "spokeswoman",
	"herr": "", "frau": "", "monsieur": "", "madame": "", "señor": "", "señora": "",
	"republican": "", "democrat": "", "democratic": "", "gop": "", "independent": "",
	"libertarian": "", "candidate": "candidate", "nominee": "nominee", "assemblyman": "assemblyman",
	"assemblywoman": "assemblywoman", "councilman": "councilman", "councilwoman": "councilwoman",
	"del": "delegate", "delegate": "delegate", "state": "", "u.s": "", "u.s.": "", "sens": "senator",
	"reps": "representative", "leader": "leader", "whip": "whip", "chair": "chair",
	"senators": "senator", "representatives": "representative", "governors": "governor", // Senators Mitch McConnell, …
	// German roles are capitalised nouns before the name.
	"bürgermeister": "bürgermeister", "bürgermeisterin": "bürgermeisterin", "ministerin": "ministerin",
	"bundeskanzler": "kanzler", "bundeskanzlerin": "kanzlerin", "kanzler": "kanzler", "kanzlerin": "kanzlerin",
	"präsident": "präsident", "präsidentin": "präsidentin", "sprecherin": "sprecherin",
	"vorsitzende": "vorsitzende", "vorsitzender": "vorsitzender", "chefin": "chefin", "landrat": "landrat",
	"landrätin": "landrätin", "abgeordnete": "abgeordnete", "abgeordneter": "abgeordneter",
}

// notAlone are title words that never make a name on their own.
var notAlone = map[string]bool{"republican": true, "democrat": true, "democratic": true, "gop": true,
	"independent": true, "libertarian": true, "former": true, "state": true, "u.s": true, "u.s.": true,
	"vice": true, "prime": true, "president": true, "senator": true, "governor": true}

// femaleTitles and maleTitles give a name's gender where the article does.
var (
	femaleTitles = wordSet("mrs ms miss frau madame señora lady dame sister queen princess congresswoman chairwoman spokeswoman assemblywoman councilwoman")
	maleTitles   = wordSet("mr herr monsieur señor sir lord father brother king prince congressman chairman spokesman assemblyman councilman")
)

// monthAbbreviations are the months shortened with a full stop (Dec. 8).
var monthAbbreviations = wordSet("jan feb mar apr jun jul aug sep sept oct nov dec")

// notNames are capitalised words that start sentences or name times, never people.
var notNames = wordSet(`the a an but and or so in on at for with from by as after before when while if which whose whom
although though because since during under over about asked speaking according meanwhile however still
yet then now today yesterday tomorrow this that these those there here it he she they we i you his her
their our my its who what where why how some many most all both each every no not one two three last
next first also earlier later despite like unlike even just only instead rather other another such
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december let yes well oh to of is was are were be been do did does
has have had will would can could should must said says told according than more less while whether
however though thus hence indeed perhaps maybe sometimes often never always once again meanwhile
photo image video watch read click subscribe advertisement related back certainly repeatedly similarly
nonetheless nevertheless otherwise additionally finally ultimately initially separately likewise notably
importantly interestingly ironically unfortunately fortunately clearly obviously moreover furthermore
second third fourth fifth presidential`)

// connectors join the parts of a name (Charles de Gaulle, Ursula von der Leyen).
var connectors = wordSet("de van von der den da di del della la le du bin al ibn ter y dos das")

// pronouns that can stand for a speaker.
var (
	singularPronouns = wordSet("he she")
	pluralPronouns   = wordSet("they")
	otherPronouns    = wordSet("i we you it him her them me us who")
)

// isTitle reports whether the word is a title before a name.
func isTitle(t token) bool {
	if !t.word {
		return false
	}
	_, ok := titles[strings.TrimSuffix(t.lower(), ".")]
	return ok
}

// isNameWord reports whether t can be part of a person's or organisation's name.
func isNameWord(t token) bool {
	if !t.capitalized() {
		return false
	}
	if t.surname {
		return true // Theresa May: a month that is a surname here
	}
	if len(t.s) == 2 && t.s[1] == '.' {
		return true // an initial: Julie A. Diaz, Harry S. Truman (not the article "A")
	}
	lw := strings.TrimSuffix(t.lower(), ".")
	if _, stop := notNames[lw]; stop {
		return false
	}
	if _, prep := prepositions[lw]; prep {
		return false // Outside Carrier's plant: a preposition opening a sentence
	}
	if _, month := monthAbbreviations[lw]; month && strings.HasSuffix(t.s, ".") {
		return false // WASHINGTON, Dec. 8 (UPI): a date (but Jan Brewer)
	}
	if _, p := foreignPronouns[lw]; p && lw != "ella" && lw != "lei" {
		return false // Er sagte, Sie erklärt
	}
	return !foreignStop(lw) // Und Yücel setzte nach, Y remató
}

// monthSurnames are months that are also surnames (Theresa May, Jim June)
// or given names (April Ryan, June Carter).
var monthSurnames = wordSet("may june april august")

// markMonthSurnames marks the capitalised months that follow a known given
// name as surnames (Theresa May said), which notNames would otherwise stop
// a name at. A month after any other word stays a month (in May, on May 5,
// Tuesday May 5).
//
// A month that is also a given name (April Ryan, June Carter) is a name's
// first word when a surname follows it and nothing before it makes it a
// date: not a preposition or a time word (in June, since April, last May,
// early August), a number or another month; "Minnesota delegate April
// Gunderson said" gave "Minnesota", "June Carter" only "Carter".
func markMonthSurnames(toks []token) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.capitalized() {
			continue
		}
		if _, ok := monthSurnames[t.lower()]; !ok {
			// Rabbi Samuel Hier, Alan Man: a foreign function word
			// (German hier, man) after a given name is a surname.
			if i > 0 && foreignStop(t.lower()) && toks[i-1].capitalized() && toks[i-1].end+1 == t.start &&
				givenNameGender([]string{toks[i-1].s}) != 0 {
				toks[i].surname = true
			}
			continue
		}
		if i > 0 && toks[i-1].capitalized() && givenNameGender([]string{toks[i-1].s}) != 0 {
			toks[i].surname = true
			continue
		}
		if i+1 < len(toks) && monthGivenName(toks, i) {
			toks[i].surname = true
		}
	}
}

// calendarWords are weekdays and months.
var calendarWords = wordSet(`monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec`)

// monthTimeWords before a month make it a date, not a given name.
var monthTimeWords = wordSet(`in on by since until till through throughout during before after last next this that
early late mid of from to between each every around for into past by the a since until`)

// monthGivenName reports whether the month toks[i] opens a person's name:
// a capitalised surname follows it (no month, day or other word that
// never names anyone), and the word before it, if any, is no time word
// or number.
func monthGivenName(toks []token, i int) bool {
	next := toks[i+1]
	if !next.capitalized() || next.start != toks[i].end+1 || strings.HasSuffix(toks[i].s, ".") {
		return false
	}
	ln := strings.TrimSuffix(next.lower(), ".")
	if _, stop := notNames[stripPossessive(ln)]; stop || !isNameWord(next) || acronym(next.s) {
		return false
	}
	if _, m := monthSurnames[ln]; m {
		return false
	}
	if i == 0 {
		return true
	}
	prev := toks[i-1]
	if !prev.word {
		return prev.s != "-" && prev.s != "/" // a list or a date range: May-June, April/May
	}
	lp := strings.TrimSuffix(prev.lower(), ".")
	if _, tw := monthTimeWords[lp]; tw {
		return false
	}
	if _, d := calendarWords[lp]; d {
		return false // a weekday or another month: Tuesday June …
	}
	return !unicode.IsDigit(r0(prev.s))
}

// name is one mention of a name in the text, without its titles.
type name struct {
	start, end int // byte span of the name (possessive ’s excluded)
	words      []string
	gender     byte // 'f', 'm' or 0 when the article does not say
}

// text returns the name as written.
func (n name) text(src string) string { return src[n.start:n.end] }

// key is the last word of the name, the one later mentions keep (Peskov).
func (n name) key() string { return strings.ToLower(n.words[len(n.words)-1]) }

// parseName reads a name forward from toks[i]: optional titles, then
// capitalised words, initials and connectors. It returns the name, the
// titles' roles and the index after the name; ok is false when there is none.
func parseName(src string, toks []token, i int) (n name, roles []string, j int, ok bool) {
	j = i
	var gender byte
	for j < len(toks) && isTitle(toks[j]) && toks[j].capitalized() {
		j++
	}
	// A title with no name after it is the name (Mr. King, Dean).
	if j > i && (j == len(toks) || !isNameWord(toks[j])) {
		j--
	}
	for _, t := range toks[i:j] {
		w := strings.TrimSuffix(t.lower(), ".")
		if r := titles[w]; r != "" {
			roles = append(roles, r)
		}
		if _, f := femaleTitles[w]; f {
			gender = 'f'
		} else if _, m := maleTitles[w]; m {
			gender = 'm'
		}
	}
	first := j // token index of the name's first word
	var words []string
	for j < len(toks) {
		t := toks[j]
		if isNameWord(t) && !(isTitle(t) && len(words) == 0 && j+1 < len(toks) && isNameWord(toks[j+1])) {
			words = append(words, stripPossessive(t.s))
			j++
			if stripPossessive(t.s) != t.s {
				break
			}
			continue
		}
		if len(words) > 0 && t.word {
			// Charles de Gaulle, Ursula von der Leyen, Juan de la Cierva;
			// but Friedrich Merz von der CDU, Pedro Sánchez del PSOE,
			// Naomi Halas von der Rice University: after a person's first
			// and last name, a connector before an organisation's acronym
			// or head noun, or two connectors before more than one word,
			// say where the person is from, and the name ends before them
			// (Rat der EKD, one word before it, is the body's own name).
			c := j
			for c < len(toks) && c < j+2 && toks[c].word && isConnector(toks[c]) {
				c++
			}
			from := len(words) > 1 && c < len(toks) && (acronym(toks[c].s) || orgHead(toks[c].lower()) ||
				c > j+1 && c+1 < len(toks) && isNameWord(toks[c+1]))
			if c > j && c < len(toks) && isNameWord(toks[c]) && !from {
				for _, ct := range toks[j:c] {
					words = append(words, ct.s)
				}
				j = c
				continue
			}
		}
		break
	}
	// A title inside the run starts the name afresh: U.S. Sen. Ted Cruz.
	// Each word is one token, so word k is toks[first+k].
	for k := len(words) - 2; k >= 0; k-- {
		// (a lower-case connector is no title: del is not Del.)
		if isTitle(token{s: words[k], word: true}) && unicode.IsUpper(r0(words[k])) && !isTitle(token{s: words[k+1], word: true}) {
			if r := titles[strings.TrimSuffix(strings.ToLower(words[k]), ".")]; r != "" {
				roles = append(roles, r)
			}
			first += k + 1
			words = words[k+1:]
			break
		}
	}
	// глава Минфина Антон Силуанов: a Russian name is a given name, a
	// patronymic and a surname, or the first and last of them; a
	// capitalised word before a given name and surname is the genitive
	// body the person heads (Минфина, Кремля, России), not the name.
	if len(words) > 2 && allCyrillic(words) && !patronymic(words[len(words)-2]) {
		first += len(words) - 2
		words = words[len(words)-2:]
	}
	if first == i && len(words) > 1 && i > 0 && toks[i-1].word && isLowerWord(toks[i-1]) && placePreposition(toks[i-1].lower()) &&
		place(words[0]) && !place(words[0]+" "+words[1]) {
		// Earlier in Iowa Sanders said, on Monday in Ohio Clinton said:
		// the place the preposition names, then the name.
		first++
		words = words[1:]
	}
	if len(words) > 0 && englishOrgHead(words[len(words)-1]) {
		// The Democratic National Committee, the Republican Governors
		// Association: an organisation's name keeps the words a title
		// would take off a person's, and runs on over "of" (the
		// Department of Homeland Security, Bank of America) — not
		// "National Committee", "Association", "Homeland Security".
		if first > i {
			lead := make([]string, 0, first-i+len(words))
			for _, t := range toks[i:first] {
				lead = append(lead, t.s)
			}
			words, first, roles = append(lead, words...), i, nil
		}
		if j+1 < len(toks) && toks[j].s == "of" {
			k := j + 1
			if toks[k].lower() == "the" && k+1 < len(toks) {
				k++
			}
			e := k
			for e < len(toks) && e < k+maxNameWords && isNameWord(toks[e]) && !isTitle(toks[e]) {
				e++
				if stripPossessive(toks[e-1].s) != toks[e-1].s {
					break
				}
			}
			if e > k {
				for _, t := range toks[j:e] {
					words = append(words, stripPossessive(t.s))
				}
				j = e
			}
		}
	}
	if len(words) == 0 || len(words) == 1 && notAlone[strings.ToLower(words[0])] {
		return name{}, nil, i, false
	}
	n = name{start: toks[first].start, words: words, gender: gender}
	last := toks[j-1]
	n.end = last.start + len(stripPossessive(last.s))
	return n, roles, j, true
}

// placePreposition reports whether the lower-cased word puts a place
// after it (in Iowa, from Ohio, across Texas).
func placePreposition(lw string) bool {
	switch lw {
	case "in", "from", "near", "across", "outside", "inside", "throughout", "around", "at":
		return true
	}
	return false
}

// englishOrgHeads end an English organisation's name (lower-cased).
var englishOrgHeads = wordSet(`committee convention party caucus association council commission department ministry
agency bureau office university college institute foundation center centre bank court board union federation
league chamber coalition alliance society fund administration authority corporation organization organisation
academy senate assembly parliament congress service services`)

// englishOrgHead reports whether the name word w ends an organisation's name.
func englishOrgHead(w string) bool {
	_, ok := englishOrgHeads[strings.ToLower(w)]
	return ok
}

// partyWords end a description of a party's member (the Ohio Republican;
// see partyDescription).
var partyWords = map[string]bool{"republican": true, "democrat": true, "independent": true, "libertarian": true}

// allCyrillic reports whether every word is written in Cyrillic letters.
func allCyrillic(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Cyrillic, r) {
				return false
			}
		}
	}
	return true
}

// patronymic reports whether a Russian word is a patronymic (Владимирович,
// Ильич, Владимировна, Кузьминична), in any case.
func patronymic(w string) bool {
	lw := strings.ToLower(w)
	for _, suf := range []string{"ович", "евич", "ич", "овна", "евна", "ична", "инична"} {
		if strings.HasSuffix(lw, suf) {
			return true
		}
		for _, end := range []string{"а", "у", "ем", "е", "ы", "ой", "ом"} {
			if strings.HasSuffix(lw, strings.TrimSuffix(suf, "а")+end) && len([]rune(lw)) > 6 {
				return true
			}
		}
	}
	return false
}

// orgHeads are the nouns that open an organisation's name in the languages
// whose names join words with de, del, du, von, van (Marine Le Pen du
// Rassemblement national, Elly Schlein del Partito democratico): after a
// connector they start the body the person is from, not the person's name.
var orgHeads = wordSet(`partido partito parti partei party rassemblement union unión unione front frente
movimiento movimento mouvement bewegung gobierno gouvernement governo regierung ministerio ministère ministero
ministerium comisión commission commissione kommission banco banque banca bank consejo conseil consiglio congreso
congrès congresso senado sénat senato asamblea assemblée assemblea bundestag tribunal tribunale universidad
université università universität`)

// acronym reports whether w is written as an organisation's acronym, two
// capital letters or more (CDU, PSOE, PiS, SPD). It is asked only of the
// word after a connector, where a name's word (de Gaulle, von der Leyen)
// has one.
func acronym(w string) bool {
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// stripPossessive removes a trailing ’s or ' from a word.
func stripPossessive(w string) string {
	for _, suf := range []string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// isLowerWord reports whether t is a word starting in lower case.
func isLowerWord(t token) bool {
	if !t.word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.s)
	return unicode.IsLower(r)
}

// functionWords are lower-case words that are never the head of a role.
var functionWords = wordSet(`the a an and or but of in on at for to with from by as is was are were be been
being has have had do does did will would can could should may might must that which who whom whose this
these those there here his her their its our my your he she they it we i you him them us also not no
very more most less than then so such about into over after before under while when where what how why
said says told say tell according just only even still already now last next new former longtime
veteran top senior chief`)

// index is what the article says about the people in it: every name
// mention, the fullest form of each name, and the roles people are introduced with.
type index struct {
	src      string
	mentions []mention
	// full maps a lower-cased last name to the fullest name the article uses.
	full map[string]string
	// ambiguous holds the lower-cased last names the article gives two
	// people (Jeb Bush and George W. Bush): the last name alone is either.
	ambiguous map[string]bool
	// gender maps a lower-cased last name to a gender the article gives.
	gender map[string]byte
	// person holds the lower-cased last names the article shows to be
	// people: with a title, a role or a gendered pronoun.
	person map[string]bool
	// midSentence holds the last names seen other than first in a
	// sentence: a capitalised word seen only there may be any word.
	midSentence map[string]bool
	roles       []roleMention
}

// addRole records that the name (with last name key) was introduced with
// role at pos; the role makes it a person and may give a gender.
func (ix *index) addRole(role, name string, pos int) {
	ix.roles = append(ix.roles, roleMention{role: role, name: name, pos: pos})
	ix.person[name] = true
	if _, ok := ix.gender[name]; ok {
		return
	}
	if _, f := femaleRoles[role]; f {
		ix.gender[name] = 'f'
	} else if _, m := maleRoles[role]; m {
		ix.gender[name] = 'm'
	}
}

// genderOf returns the gender the article gives the person named n, else
// the one a common given name gives, or 0.
func (ix *index) genderOf(n string) byte {
	full := ix.fullName(n)
	if g, ok := ix.gender[strings.ToLower(full)]; ok {
		return g
	}
	return roleGender(strings.Fields(full))
}

// isPerson reports whether the article shows n to be a person, or n starts
// with a common given name (after any titles and roles: Pastor Kevin Swanson).
func (ix *index) isPerson(n string) bool {
	full := ix.fullName(n)
	return ix.person[strings.ToLower(full)] || roleGender(strings.Fields(full)) != 0
}

// known reports whether a last name is known to be a name: the article
// uses a longer form of it, uses it inside a sentence, or gives it a title or role.
func (ix *index) known(key string) bool {
	return ix.midSentence[key] || len(strings.Fields(ix.full[key])) > 1
}

// femaleRoles and maleRoles give the gender of a role word.
var (
	femaleRoles = wordSet(`widow mother wife daughter sister woman grandmother actress spokeswoman chairwoman
congresswoman businesswoman girl mom aunt niece queen princess girlfriend councilwoman assemblywoman`)
	maleRoles = wordSet(`widower father husband son brother man grandfather actor spokesman chairman congressman
businessman boy dad uncle nephew king prince boyfriend councilman assemblyman`)
)

// articleGender gives the gender of French, Spanish and Italian singular
// definite articles before a role noun (la ministre, el presidente).
var articleGender = map[string]byte{"la": 'f', "le": 'm', "el": 'm', "il": 'm', "lo": 'm'}

// mention is a name in the text and whether it stands as the subject of its clause.
type mention struct {
	name    name
	subject bool
	// subordinate marks a name right after a subordinating conjunction
	// (because Mr. Drake agreed, While Obama had): the subject of a clause
	// of time, cause or condition, not of the sentence.
	subordinate bool
}

// roleMention records that a name was introduced with a role word
// (spokesman, senator) at a position.
type roleMention struct {
	role string
	name string
	pos  int
}

// prepositions before a name make it an object, not a subject.
var prepositions = wordSet("of in on at for to with from by about against into over under between among like than toward towards across after before behind through throughout near around inside outside without within during along beyond past upon onto via")

// verbLike reports whether t, the word after a name, reads as its verb
// (Tina Houchins had, Fowler expects, Obama is), not as a preposition or
// conjunction (Clinton since, Obama and).
func verbLike(t token) bool {
	if !isLowerWord(t) {
		return false
	}
	lw := t.lower()
	if isCue(lw) {
		return true
	}
	if _, aux := adverbs[lw]; aux {
		return true
	}
	if _, fw := functionWords[lw]; fw {
		return false
	}
	_, prep := prepositions[lw]
	return !prep
}

// maxForms bounds how many forms of one last name are compared to tell
// whether it names two people.
const maxForms = 16

// maxNameWords bounds a name: longer capitalised runs are headlines.
const maxNameWords = 5

// buildIndex reads every name in the text.
func buildIndex(src string, paras []Span, quotes []rawQuote) *index {
	ix := &index{src: src, full: map[string]string{}, gender: map[string]byte{}, person: map[string]bool{}, midSentence: map[string]bool{}}
	count := map[string]int{}
	votes := map[string][2]int{} // he, she
	qi := 0
	inQuote := func(pos int) bool {
		for qi < len(quotes) && quotes[qi].end <= pos {
			qi++
		}
		return qi < len(quotes) && pos >= quotes[qi].start
	}
	fullQuoted := map[string]string{} // the fullest forms inside quotations
	kin := map[string]bool{}          // last names a relative is introduced with (see kinBefore)
	forms := map[string][]string{}    // the distinct forms of more than one word, per last name (up to maxForms)
	for _, p := range paras {
		if sectionBreak(src, p) {
			continue // a headline or an item's title: Hillary Clinton Goes After …
		}
		toks := tokenize(src, p.Start, p.End)
		sentenceStart := true
		lead := 0               // words since the sentence started
		lastName, ends := "", 0 // the last person named, for a gendered pronoun after it
		voted := ""             // the person a pronoun was last counted for
		// reported: a reporting verb or "that" read in the sentence so
		// far, whose clause the later words may be. perspective: the
		// sentence opened with To or For and has not reached its first
		// comma (To Florida consultant Wilson, the party line is silly);
		// viewpoint: the name of that phrase was read, and is the
		// sentence's subject.
		reported, perspective, viewpoint := false, false, false
		for i := 0; i < len(toks); {
			t := toks[i]
			if !t.word {
				if t.s == "," {
					perspective = false
				}
				if sentenceEnd(toks, i) || t.s == ";" || t.s == ":" {
					sentenceStart, lead = true, 0
					reported, perspective, viewpoint = false, false, false
					if ends++; ends > 1 {
						lastName = ""
					}
				}
				i++
				continue
			}
			if lw := t.lower(); !inQuote(t.start) && lastName == "" && voted != "" && ends == 1 && sentenceStart && lead == 0 && (lw == "he" || lw == "she") {
				// Dexter Wakefield told the Post that she was a regular. He
				// said …: the subject opening the next sentence is the
				// person's too, and may show the first pronoun to be
				// someone else's.
				v := votes[voted]
				if lw == "he" {
					v[0]++
				} else {
					v[1]++
				}
				votes[voted] = v
				voted = ""
			}
			if lw := t.lower(); !inQuote(t.start) && lastName != "" {
				g := 0
				switch lw { // not "him": an object is mostly someone else
				case "he", "his", "himself":
					g = 1
				case "she", "hers", "herself":
					g = -1
				case "her": // her campaign, not backed her up: an object is mostly someone else
					if i+1 < len(toks) && isLowerWord(toks[i+1]) && !objectParticle(toks[i+1]) {
						g = -1
					}
				}
				if g != 0 {
					v := votes[lastName]
					v[(1-g)/2]++
					votes[lastName] = v
					voted, lastName = lastName, ""
				}
			}
			if lw := t.lower(); sentenceStart && lead == 0 && (lw == "to" || lw == "for") {
				perspective = true
			} else if !inQuote(t.start) && isLowerWord(t) && (isCue(lw) || lw == "that") {
				reported = true
			}
			if i > 1 && toks[i-1].lower() == "of" && toks[i-2].capitalized() && isTitle(toks[i-2]) {
				// Secretary of Homeland Security Dana Whitfield: the
				// department is the title's, the name starts after it.
				if s := afterDepartment(src, toks, i); s > i {
					lead += s - i
					i = s
					continue
				}
			}
			n, roles, j, ok := parseName(src, toks, i)
			if !ok || len(n.words) > maxNameWords {
				if ok {
					i = j
				} else {
					i++
				}
				lead++
				if lead > 4 {
					sentenceStart = false
				}
				continue
			}
			quoted := inQuote(t.start)
			text := n.text(src)
			count[text]++
			key := n.key()
			// A name inside a quotation ("… than working Crooked Hillary
			// Clinton") gives the fullest form only when the writer's own
			// text never names the person.
			full := ix.full
			if quoted {
				full = fullQuoted
			}
			if !quoted && len(n.words) > 1 && len(forms[key]) < maxForms {
				form := strings.ToLower(strings.Join(n.words, " "))
				if !slices.Contains(forms[key], form) {
					forms[key] = append(forms[key], form)
				}
			}
			if cur, seen := full[key]; !seen || len(n.words) > len(strings.Fields(cur)) ||
				(len(n.words) == len(strings.Fields(cur)) && count[text] > count[cur]) {
				full[key] = text
			}
			if n.gender != 0 {
				ix.gender[text] = n.gender
			}
			if len(roles) > 0 || n.gender != 0 {
				ix.person[text] = true
			}
			if !sentenceStart {
				ix.midSentence[key] = true
			}
			if !quoted {
				afterPrep := false
				if i > 0 && toks[i-1].word {
					_, afterPrep = prepositions[toks[i-1].lower()]
				}
				if i > 1 && toks[i-1].lower() == "the" && toks[i-2].word {
					// in the Washington Heights neighborhood: a place, not a person
					_, afterPrep = prepositions[toks[i-2].lower()]
				}
				k := j
				for k < len(toks) && isLowerWord(toks[k]) {
					if _, ok := adverbs[toks[k].lower()]; !ok {
						break
					}
					k++
				}
				verbAfter := k < len(toks) && cueWord(toks[k])
				verbNext := verbAfter || k < len(toks) && toks[k].s == ","
				// Coralville, Iowa, Mr. Bush …: a place after a place is
				// no subject.
				placeAfterPlace := i > 1 && toks[i-1].s == "," && isNameWord(toks[i-2]) &&
					len(n.words) == 1 && len(roles) == 0 && n.gender == 0
				// Since launching his bid, Trump has taken …: the subject
				// after an opening phrase.
				introSubject := i > 0 && toks[i-1].s == "," && !placeAfterPlace && k < len(toks) && verbLike(toks[k]) &&
					stripPossessive(toks[j-1].s) == toks[j-1].s
				// He used the gun to kill Trayvon Martin, an unarmed …: a name
				// after a verb is its object, not a subject, unless a verb
				// follows it (Tennis great Billie Jean King remembered).
				object := i > 0 && isLowerWord(toks[i-1]) && !cueWord(toks[i-1]) && !isAdverb(toks[i-1]) && !opensSubject(toks[i-1]) &&
					!(roleNoun(toks[i-1].lower()) && i > 1 && isDeterminer(toks[i-2].lower())) && // his cousin James York, 40, cited
					toks[i-1].lower() != "named" && // a worker named Antonio Arroyo has
					!(k < len(toks) && verbLike(toks[k])) && !(j < len(toks) && auxiliaryVerb(toks[j]))
				// Mr. Trump's comments: a possessive is no subject.
				possessive := stripPossessive(toks[j-1].s) != toks[j-1].s && !(k < len(toks) && contracted(toks[k]))
				named := i > 0 && toks[i-1].lower() == "named" && j < len(toks) && verbLike(toks[j]) // a worker named Antonio Arroyo has
				// … but Christie wasn't having it; McConnell spokesman Don
				// Stewart wouldn't say; The day before, at a rally in
				// Beaumont, Tex., Mr. Trump was just as blunt: a name right
				// before an auxiliary opens a clause after a coordinating
				// conjunction, a comma or its role noun opening the sentence
				// (not after said or that, where the clause is what is
				// reported, nor after why he believes GOP nominee).
				auxSubject := j < len(toks) && auxiliaryVerb(toks[j]) && i > 0 &&
					(coordinator(toks[i-1]) || toks[i-1].s == "," || lead <= 3 && isLowerWord(toks[i-1]) && roleNoun(toks[i-1].lower())) && !reported
				// … but suggested Trump went too far: the subject of what
				// is reported right after its verb is no clause subject.
				reportedSubject := i > 0 && isLowerWord(toks[i-1]) && (cueWord(toks[i-1]) || toks[i-1].lower() == "that") && verbAfter
				subject := !afterPrep && !object && !possessive && !reportedSubject &&
					(sentenceStart || verbAfter || introSubject || named || auxSubject || verbNext && !placeAfterPlace)
				// To Florida consultant Wilson, the official party line is
				// just plain silly. "…," he said: the person whose view the
				// sentence gives is its subject, and no name after it is.
				switch {
				case perspective && j < len(toks) && toks[j].s == "," && personLike(n.words) && !possessive &&
					(len(roles) > 0 || n.gender != 0 || len(n.words) > 1 || isLowerWord(toks[i-1]) && roleNoun(toks[i-1].lower())):
					subject, viewpoint = true, true
				case viewpoint:
					subject = false
				}
				subordinate := i > 0 && toks[i-1].word && subordinators[toks[i-1].lower()]
				ix.mentions = append(ix.mentions, mention{name: n, subject: subject, subordinate: subordinate})
				if personLike(n.words) && !afterPrep && !placeAfterPlace && (len(n.words) > 1 || len(roles) > 0 || verbAfter) {
					lastName, ends, voted = text, 0, ""
				}
				for _, r := range roles {
					ix.roles = append(ix.roles, roleMention{role: r, name: text, pos: n.start})
				}
				// A role word just before: Kremlin spokesman Dmitry Peskov.
				if i > 0 && isLowerWord(toks[i-1]) {
					if _, fw := functionWords[toks[i-1].lower()]; !fw && !isCue(toks[i-1].lower()) && roleNoun(toks[i-1].lower()) {
						ix.addRole(toks[i-1].lower(), text, n.start)
						// la ministre, el presidente, il ministro: the
						// article of French, Spanish or Italian gives the
						// role's gender.
						if _, known := ix.gender[text]; !known && i > 1 && isLowerWord(toks[i-2]) {
							if g := articleGender[toks[i-2].lower()]; g != 0 {
								ix.gender[text] = g
							}
						}
					}
				}
				// A description before, the name in apposition: The senator
				// from Ohio, Robert Kane, …; La ministre de la Santé, Agnès
				// Buzyn, …
				if r := roleBeforeApposition(toks, i, j); r != "" {
					ix.addRole(r, text, n.start)
				}
				if len(n.words) > 1 && kinBefore(toks, i, n.key()) {
					kin[n.key()] = true // whose father, Tom Lee: "Lee" may be either
				}
				// An apposition after: Dmitry Peskov, Putin's spokesman, said.
				if !afterPrep && j+1 < len(toks) && toks[j].s == "," {
					for _, r := range appositionRoles(toks[j+1:]) {
						if roleNoun(r) { // not Wilmington, the state's biggest city
							ix.addRole(r, text, n.start)
						}
					}
				}
			}
			sentenceStart = false
			i = j
		}
	}
	ix.ambiguous = map[string]bool{}
	for key := range kin {
		ix.ambiguous[key] = true
	}
	for key, fs := range forms {
		for x := 1; x < len(fs) && !ix.ambiguous[key]; x++ {
			for y := 0; y < x; y++ {
				a, b := strings.Fields(fs[x]), strings.Fields(fs[y])
				if !wordsWithin(a, b) && !wordsWithin(b, a) {
					ix.ambiguous[key] = true // Jeb Bush, George W. Bush
					break
				}
			}
		}
	}
	for key, text := range fullQuoted {
		if _, ok := ix.full[key]; !ok {
			ix.full[key] = text
		}
	}
	// Key what is known of each name by its fullest form, so that
	// "Scott" and "Rakeyia Scott" share, but Keith and Rakeyia Scott do not.
	gender, person := map[string]byte{}, map[string]bool{}
	tally := map[string][2]int{}
	for text, v := range votes {
		fk := strings.ToLower(ix.fullName(text))
		t := tally[fk]
		t[0] += v[0]
		t[1] += v[1]
		tally[fk] = t
	}
	for text := range ix.person {
		person[strings.ToLower(ix.fullName(text))] = true
	}
	conflict := map[string]bool{}
	for text, g := range ix.gender {
		fk := strings.ToLower(ix.fullName(text))
		if old, seen := gender[fk]; seen && old != g {
			conflict[fk] = true // Mr. and Mrs. Scott: say nothing
		}
		gender[fk] = g
	}
	for fk := range conflict {
		delete(gender, fk)
	}
	for fk, v := range tally {
		if _, known := gender[fk]; known || conflict[fk] || roleGender(strings.Fields(fk)) != 0 {
			continue // titles and roles, then given names (after any title: Treasurer Liam Okafor), outweigh pronouns
		}
		person[fk] = true
		switch {
		case v[0] > 0 && v[1] == 0:
			gender[fk] = 'm'
		case v[1] > 0 && v[0] == 0:
			gender[fk] = 'f'
		} // both: the pronouns disagree, so they tell nothing
	}
	ix.gender, ix.person = gender, person
	return ix
}

// headline reports whether paragraph p reads as a headline or caption:
// no closing punctuation and most words capitalised.
func headline(src string, p Span) bool {
	text := src[p.Start:p.End]
	if endsSentence(text) || strings.HasSuffix(text, "”") || strings.HasSuffix(text, "\"") {
		return false
	}
	caps, words := 0, 0
	for _, t := range tokenize(src, p.Start, p.End) {
		if t.word {
			words++
			if t.capitalized() {
				caps++
			}
		}
	}
	return words > 0 && caps*2 >= words
}

// orgWords mark a name as a place or an organisation, not a person.
var orgWords = wordSet(`north south east west new united states korea america american institute coalition
energy association department university college committee party club house senate congress court times
post news street county city council church center centre foundation fund bank company corporation corp inc
group agency administration service office campaign network commission union league federation board
authority ministry government republic kingdom island islands state river mountain valley media press
journal tribune herald daily weekly magazine radio television tv channel hospital school academy airport
station police army navy force forces team white atoll nations organization organisation times reuters
national mall park commission institution capitol hall square museum library parliament embassy council
associated twitter facebook google fox cnn msnbc abc cbs nbc politico breitbart`)

// personLike reports whether a name reads as a person's: not all capitals,
// no word of a place or organisation.
func personLike(words []string) bool {
	if groupName(words) || place(strings.Join(words, " ")) {
		return false
	}
	for _, w := range words {
		lw := strings.ToLower(w)
		if _, ok := orgWords[lw]; ok {
			return false
		}
		if initial(w) {
			continue // Donald J. Trump
		}
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			return false
		}
	}
	return true
}

// initial reports whether w is one capital letter and a full stop (the J.
// of Donald J. Trump).
func initial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w[size:] == "."
}

// appositionRoles returns the head nouns of an apposition that describes
// the name before it: one opening with a determiner or a possessive (a Miami
// lawyer who …; Putin’s spokesman,), or a bare role followed by "of" or "at"
// (president and CEO of …).
func appositionRoles(toks []token) []string {
	if len(toks) == 0 || !toks[0].word {
		return nil
	}
	first := toks[0].lower()
	_, det := determiners[first]
	possessive := stripPossessive(toks[0].s) != toks[0].s
	var roles []string
	prev := ""
	for k, t := range toks {
		if k >= 12 {
			return nil
		}
		lw := t.lower()
		stop := !t.word
		switch lw {
		case "who", "which", "that", "of", "at", "for", "in", "on", "with", "from", "since", "to", "said", "says", "told", "and":
			stop = true
		}
		if stop {
			if prev != "" && (det || possessive || lw == "of" || lw == "at" || lw == "and") {
				roles = append(roles, prev)
			}
			if lw == "and" {
				prev = ""
				continue
			}
			return roles
		}
		if _, fw := functionWords[lw]; !fw && isLowerWord(t) && !strings.HasSuffix(lw, "ly") {
			prev = lw
		}
	}
	return roles
}

// wordsWithin reports whether every word of a is among the words of b.
func wordsWithin(a, b []string) bool {
	for _, w := range a {
		found := false
		for _, x := range b {
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// fullName returns the fullest form the article uses of the name n.
func (ix *index) fullName(n string) string {
	words := strings.Fields(n)
	if len(words) == 0 {
		return n
	}
	key := strings.ToLower(words[len(words)-1])
	full, ok := ix.full[key]
	if !ok || len(strings.Fields(full)) < len(words) || len(words) == 1 && ix.ambiguous[key] {
		return n // "Bush" where the article names Jeb Bush and George W. Bush
	}
	// The fuller form must agree with every word given (Hillary Clinton,
	// not Chelsea Clinton, for "Hillary Clinton").
	fw := strings.Fields(strings.ToLower(full))
	for _, w := range words[:len(words)-1] {
		found := false
		for _, f := range fw {
			if f == strings.ToLower(w) {
				found = true
			}
		}
		if !found {
			return n
		}
	}
	return full
}

// role returns the name introduced with the role word before pos and after
// floor (the start of its section: a listicle's earlier item introduces no
// one to this one), the most recent first, or "" when the article
// introduces no one so. Qualifiers
// are the capitalised words of the description (Ohio in "the Ohio
// governor"): a name is tied to it only when they stand by its
// introduction (Ohio Gov. John Kasich; John Kasich, the governor of Ohio),
// so that "the Ohio governor" is not the last governor named (Jeb Bush).
//
// When no introduction bears the qualifiers, a qualifier that is a place
// (the Florida senator) ties no one; another (the Kremlin spokesman after
// "Dmitry Peskov, Putin's spokesman") ties the one person the article
// introduces in that role, and no one when it introduces several.
func (ix *index) role(role string, qualifiers []string, pos, floor int) string {
	only := ""
	for k := len(ix.roles) - 1; k >= 0; k-- {
		r := ix.roles[k]
		if r.pos >= pos || r.pos < floor || r.role != role {
			continue
		}
		if len(qualifiers) > 0 && ix.qualifies(r, qualifiers) {
			return r.name
		}
		// (Adm. Harry B. Harris Jr. … Admiral Harris: one person, named
		// twice.)
		full := ix.fullName(r.name)
		if only != "" && only != full {
			var ok bool
			if only, ok = oneHolder(only, full); !ok {
				return ""
			}
			continue
		}
		only = full
	}
	for _, q := range qualifiers {
		if place(q) {
			return ""
		}
	}
	if only != "" && ix.unnamedHolder(role, floor, pos) {
		return "" // Senator Mary Holt … A fellow senator said …: either of them
	}
	return only
}

// holderOpeners open a noun phrase for someone the article does not name
// (a fellow senator, another senator, one senator, the other senator).
var holderOpeners = wordSet("a an another one")

// unnamedHolder reports whether the text between floor and pos mentions a
// holder of role the article does not name there: "a fellow senator",
// "another senator from the West", "the other senator", "one Republican
// senator" — an indefinite phrase headed by the role word that no name
// follows (a senator, Mary Holt,) and that stands in apposition to no name
// (Mary Holt, a senator from Idaho,) or after a copula (she is a senator).
func (ix *index) unnamedHolder(role string, floor, pos int) bool {
	if floor < 0 || pos > len(ix.src) || floor >= pos {
		return false
	}
	toks := tokenize(ix.src, floor, pos)
	for k, t := range toks {
		if !t.word || t.lower() != role || !isLowerWord(t) {
			continue
		}
		if k+1 < len(toks) && (toks[k+1].capitalized() ||
			toks[k+1].s == "," && k+2 < len(toks) && toks[k+2].capitalized()) {
			continue // a senator, Mary Holt: named
		}
		d := -1
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			lw := toks[j].lower()
			if _, ok := holderOpeners[lw]; ok {
				d = j
				break
			}
			if lw == "other" && j > 0 && toks[j-1].lower() == "the" {
				d = j - 1
				break
			}
			if !toks[j].word {
				break
			}
		}
		if d < 0 {
			continue
		}
		if d > 0 {
			p := toks[d-1]
			if p.s == "," || p.s == "(" || p.s == "—" || p.s == "–" {
				continue // Mary Holt, a senator from Idaho: the named one
			}
			switch p.lower() {
			case "is", "was", "as", "became", "be", "been", "being", "remains", "remained", "'s", "’s":
				continue
			}
		}
		return true
	}
	return false
}

// qualifies reports whether every qualifier stands as a word near the
// introduction of r, in its paragraph.
func (ix *index) qualifies(r roleMention, qualifiers []string) bool {
	if len(qualifiers) == 0 {
		return true
	}
	lo, hi := max(0, r.pos-60), min(len(ix.src), r.pos+len(r.name)+100)
	if nl := strings.LastIndexByte(ix.src[lo:r.pos], '\n'); nl >= 0 {
		lo += nl + 1
	}
	if nl := strings.IndexByte(ix.src[r.pos:hi], '\n'); nl >= 0 {
		hi = r.pos + nl
	}
	near := ix.src[lo:hi]
	for _, q := range qualifiers {
		if !containsWord(near, q) {
			return false
		}
	}
	return true
}

// containsWord reports whether w stands in s as a whole word.
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		k += i
		before, after := k == 0, k+len(w) == len(s)
		if !before {
			r, _ := utf8.DecodeLastRuneInString(s[:k])
			before = !isWordRune(r)
		}
		if !after {
			r, _ := utf8.DecodeRuneInString(s[k+len(w):])
			after = !isWordRune(r)
		}
		if before && after {
			return true
		}
		i = k + len(w)
	}
}

// qualifiers returns the capitalised words of a description after its
// determiner (the Ohio governor → Ohio; the secretary of State → State).
func qualifiers(np phrase) []string {
	var out []string
	for k, t := range np.toks {
		if k == 0 && isDeterminer(t.lower()) || !t.word || !t.capitalized() || isTitle(t) {
			continue
		}
		out = append(out, strings.TrimSuffix(stripPossessive(t.s), "."))
	}
	return out
}

// roleBeforeApposition returns the head of a description opening the
// sentence that the name toks[i:j], set off by commas, stands in
// apposition to (The senator from Ohio, Robert Kane, …), or "".
func roleBeforeApposition(toks []token, i, j int) string {
	if i < 3 || toks[i-1].s != "," || j >= len(toks) || toks[j].s != "," {
		return ""
	}
	for d := i - 3; d >= 0 && d >= i-9; d-- {
		if !isDeterminer(toks[d].lower()) || !(d == 0 || sentenceEnd(toks, d-1)) {
			continue
		}
		for h := d + 1; h < i-1 && h <= d+3; h++ {
			lw := toks[h].lower()
			if _, ok := personRoles[lw]; ok && isLowerWord(toks[h]) {
				for _, t := range toks[h+1 : i-1] {
					if lw := t.lower(); !t.word || lw == "said" || lw == "says" || lw == "told" || lw == "who" || lw == "that" || lw == "which" || strings.HasSuffix(lw, "ed") {
						return "" // The man who shot the sheriff, …: a clause, not a role
					}
				}
				return lw
			}
		}
		return ""
	}
	return ""
}

// roleNoun reports whether a lower-case word before a name reads as a role
// that makes the name a person (Kremlin spokesman Dmitry Peskov, organizing
// director Kendall Fells, voter Mary Smith), not as a verb or an adjective
// (visiting Bosnia, criticized Tulsa, neighboring Ohio).
func roleNoun(lw string) bool {
	if _, ok := personRoles[lw]; ok {
		return true
	}
	if strings.HasSuffix(lw, "ing") || strings.HasSuffix(lw, "ed") || notRoleNouns[lw] {
		return false
	}
	for _, suf := range []string{"man", "woman", "men", "er", "or", "ist", "ian", "ant", "ent", "ee", "ive"} {
		if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+2 {
			return true
		}
	}
	return false
}

// notRoleNouns end like role nouns but are none.
var notRoleNouns = map[string]bool{"together": true, "whether": true, "either": true, "neither": true, "ever": true,
	"never": true, "however": true, "rather": true, "further": true, "other": true, "another": true, "over": true,
	"under": true, "after": true, "later": true, "earlier": true, "former": true, "latter": true, "sooner": true,
	"greater": true, "better": true, "center": true, "minor": true, "major": true, "prior": true, "superior": true,
	"interior": true, "exterior": true, "senior": true, "junior": true, "recent": true, "current": true,
	"different": true, "apparent": true, "independent": true, "frequent": true, "constant": true, "relevant": true,
	"important": true, "significant": true, "giant": true, "decent": true, "ancient": true, "silent": true,
	"violent": true, "excellent": true, "conservative": true, "progressive": true, "alternative": true,
	"massive": true, "aggressive": true, "extensive": true, "exclusive": true, "inclusive": true,
	"elective": true, "effective": true, "positive": true, "negative": true, "active": true, "native": true,
	"american": true, "christian": true, "canadian": true, "indian": true, "russian": true, "syrian": true,
	"iranian": true, "asian": true, "italian": true, "libertarian": true, "vegetarian": true, "civilian": true}

// groupName reports whether a one-word name names a people or a group
// (Iranians, Chinese, Republicans, Democrats), never one person.
func groupName(words []string) bool {
	if len(words) != 1 || givenNameGender(words) != 0 {
		return false
	}
	lw := strings.ToLower(words[0])
	for _, suf := range []string{"ans", "ese", "ists", "ats", "ites", "ish"} {
		if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+2 {
			return true
		}
	}
	return false
}

// subjectOpener are the lower-case words after which a name may open a
// clause as its subject (… and Trump said, but Christie wasn't having it).
var subjectOpener = wordSet("and but or so while when as because although though that if where whereas since until unless yet")

// auxiliaries after a subject: the verb of its clause follows.
var subjectAuxiliaries = wordSet(`is was are were has had have will would can could should does did
isn't wasn't aren't weren't hasn't hadn't haven't won't wouldn't can't couldn't shouldn't doesn't didn't`)

// auxiliaryVerb reports whether t is an auxiliary or modal verb
// (was, has, wouldn't).
func auxiliaryVerb(t token) bool {
	_, ok := subjectAuxiliaries[strings.ReplaceAll(t.lower(), "’", "'")]
	return ok && isLowerWord(t)
}

// coordinator reports whether t joins two main clauses (and, but, or, so, yet).
func coordinator(t token) bool {
	switch t.lower() {
	case "and", "but", "or", "so", "yet":
		return true
	}
	return false
}

func opensSubject(t token) bool {
	_, ok := subjectOpener[t.lower()]
	return ok
}

// places are countries, US states and other places often named in news
// copy; a name that is one of them is no person.
var places = func() map[string]struct{} {
	m := wordSet(`afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain
bangladesh belarus belgium bolivia bosnia brazil britain bulgaria burma cambodia canada chile china
colombia croatia cuba cyprus denmark ecuador egypt england estonia ethiopia europe finland france georgia
germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel
italy japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon libya lithuania luxembourg
macedonia malaysia mali mexico moldova mongolia montenegro morocco myanmar nepal netherlands nicaragua
niger nigeria norway pakistan palestine panama paraguay peru philippines poland portugal qatar romania
russia rwanda scotland serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
taiwan tajikistan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam
wales yemen zimbabwe africa asia america americas
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont
virginia wisconsin wyoming
beijing moscow london paris berlin tokyo brussels tehran baghdad damascus kabul kiev kyiv jerusalem
washington manhattan brooklyn chicago boston philadelphia atlanta miami dallas houston denver detroit
cleveland phoenix seattle baltimore pittsburgh tulsa charlotte orlando wilmington manchester
nashua concord des moines`)
	for _, p := range []string{"new york", "new jersey", "new hampshire", "new mexico", "north carolina",
		"south carolina", "north dakota", "south dakota", "west virginia", "rhode island", "nova scotia",
		"saudi arabia", "south africa", "north korea", "south korea", "new zealand", "united states",
		"united kingdom", "hong kong", "los angeles", "san francisco", "las vegas", "new orleans", "des moines",
		"el salvador", "sri lanka", "costa rica", "puerto rico", "st. louis", "salt lake city"} {
		m[p] = struct{}{}
	}
	return m
}()

// place reports whether the name n is a place of the list.
func place(n string) bool {
	_, ok := places[strings.ToLower(n)]
	return ok
}

// contracted reports whether t, after a name ending in 's, shows the 's to
// stand for "has" or "is" (Christie's been making the case; Trump's not
// happy), not for a possessive.
func contracted(t token) bool {
	if !isLowerWord(t) {
		return false
	}
	switch lw := t.lower(); lw {
	case "been", "got", "gotten", "not", "never", "also", "already", "just", "always", "still", "now", "going", "a", "an", "the", "right", "wrong":
		return true
	default:
		return isCue(lw) && strings.HasSuffix(lw, "ed") || lw == "said" || lw == "told"
	}
}

// objectParticle reports whether t, after "her", shows it to be an object
// (backed her up, told her to), not a possessive (her campaign).
func objectParticle(t token) bool {
	if _, prep := prepositions[t.lower()]; prep {
		return true
	}
	switch t.lower() {
	case "up", "down", "out", "off", "back", "away", "that", "and", "or", "as", "if", "when", "because", "so":
		return true
	}
	return false
}

// orgHead reports whether lw opens an organisation's name (see orgHeads).
func orgHead(lw string) bool {
	_, ok := orgHeads[lw]
	return ok
}
