package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A speaker is a person's or an organisation's name, a role ("the Kremlin
// spokesman", "la ministre", "rzecznik rządu") or empty — never a pronoun,
// a conjunction, another function word or a fragment of a sentence, in any
// language. The lists below hold the function words of the languages whose
// reporting verbs the package knows besides English (German, French,
// Spanish, Polish, Italian, Portuguese); validSpeaker checks each speaker
// against them before it is given out.

// foreignPronouns are the subject pronouns that follow an inverted
// reporting verb (sagte er, dijo ella, a-t-il dit), with the gender they
// give: 'm', 'f', or 0 when they do not tell (German sie is she or they).
// Words that are also English words (on, I) are left out; they never make
// a speaker anyway.
var foreignPronouns = map[string]byte{
	"er": 'm', "il": 'm', "él": 'm', "lui": 'm', "ele": 'm', "egli": 'm',
	"elle": 'f', "ella": 'f', "ona": 'f', "lei": 'f', "ela": 'f', "essa": 'f',
	"sie": 0, "ils": 0, "elles": 0, "ellos": 0, "ellas": 0, "oni": 0, "eles": 0, "elas": 0, "loro": 0,
}

// foreignFunctionWords are pronouns, articles' contractions, conjunctions,
// prepositions, auxiliaries and adverbs of German, French, Spanish,
// Polish, Italian and Portuguese. None is ever a speaker or a word of a
// name, so a capitalised one opening a sentence (Und Yücel sagte, Y
// remató) is not read as a name either.
var foreignFunctionWords = wordSet(`
ich du er sie es wir ihr ihm ihn ihnen mich dich sich uns euch ihre ihrer ihren seine seiner seinen
und oder aber denn sondern doch weil dass daß wenn als ob wie auch noch schon nur nicht kein keine
dann hier dort da wo was wer wem wen welche welcher welches dieser diese dieses jener jene man
ist war sind waren wird wurde werden hat hatte haben habe sei
im am vom zum zur beim ins ans aufs mit nach bei seit gegen ohne durch für über unter zwischen
selbst damals heute gestern morgen hinzu zudem außerdem jedoch allerdings bereits etwa laut
je tu nous vous ils elles lui leur eux moi toi soi cela ça ceci celui celle ceux celles
qui que quoi dont où et ou mais donc ni car comme quand lorsque puis alors aussi encore déjà très
ne pas est était sont ont avait sur sous dans avec sans chez vers pendant depuis par pour
au aux du des selon
yo tú él ella ello nosotros nosotras vosotros ellos ellas usted ustedes nos os mí ti sí
y e pero sino porque aunque cuando donde como quien quienes entonces luego después cual cuales también ya muy más
es era son fue ha han había en con sin sobre entre hasta desde hacia contra durante según al del
refiriéndose
ja ty ona ono wy oni mnie mną ciebie cię mu jej jego ich im nas się
oraz lub albo ale lecz że żeby jeśli gdy kiedy jak gdzie kto który która które także też już nie tak
czy
jest był była są było przez dla przy pod nad przed po bez
но или что чтобы как где когда это также уже не он она они мы вы ты его ее её их ему ей им нам вам
io noi voi egli essa esso ci vi ne però perché dove chi anche già non nel nella nei della dello degli
eu ele ela nós eles elas nos lhe lhes mas onde quem também não pelo pela pelos pelas num numa
em ao aos à às após até
ίδιος ίδια ίδιοι ίδιες αυτός αυτή αυτοί αυτές εκείνος εκείνη και αλλά ότι που στο στη στην στον σε με από για
para por`)

// slavicPrepositions, in lower case after a speaker's name, begin where or
// when it was said, not the name: «…», — заявил Дмитрий Песков в Кремле;
// – powiedział Donald Tusk w Brukseli. Single letters among them are also
// initials in capitals (С. В. Лавров), so they are not function words.
var slavicPrepositions = wordSet(`w we z ze na do od o u ku przy po przed pod nad za
в во на с со к ко у о об обо от до из за по при про для без над под перед через между после`)

// foreignDeterminers open a role in other languages (der Sprecher, la
// ministre, el portavoz, il presidente).
var foreignDeterminers = wordSet(`der die das den dem des ein eine einer eines einem einen
le la les l un une el los las una unos unas lo il gli uno o os as um uma
sein seine ihr ihre son sa ses su sus suo sua seu sua
ο η οι το τον την τους τις`)

// objectDeterminers open a German noun phrase in the accusative (or the
// dative plural), which is never the subject: Den Satz sagte er später,
// einen Brief schrieb Merkel.
var objectDeterminers = wordSet("den einen diesen jenen keinen manchen welchen jeden")

// speakerStop are English words that never stand in a speaker.
var speakerStop = wordSet(`i you he she it we they me him her us them who whom which what that this these those
and or but nor if then than because although though while when where why how not also only just
said says told say tell according after before since until with without from into onto upon over about
is was are were be been being has have had do does did will would can could should may might must
many much most some any`)

// roleNouns may stand alone in lower case as a speaker without an article
// in languages that have none or omit it (rzecznik rządu, portavoz del
// ministerio).
var roleNouns = wordSet(`rzecznik rzeczniczka minister ministra premier prezydent prezes dyrektor szef szefowa
policja prokuratura wojewoda burmistrz marszałek poseł posłanka senator sędzia ekspert
portavoz ministro ministra presidente presidenta portavoce fiscal alcalde alcaldesa vocero vocera`)

// validSpeaker reports whether s may be given as a speaker: empty, or a
// name, an organisation or a role, without pronouns or function words.
func validSpeaker(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return true
	}
	capital := false
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) {
			capital = true // or a script without case
		}
	}
	if _, obj := objectDeterminers[strings.ToLower(words[0])]; obj {
		return false // Den Satz: an object, not a speaker
	}
	for k, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,;:!?\"'’‘“”«»„()"))
		if lw == "" || len(words) == 1 && utf8.RuneCountInString(lw) == 1 && unicode.IsLower(r0(lw)) {
			return false
		}
		for _, pos := range []string{"'s", "’s"} {
			if p := strings.TrimSuffix(lw, pos); p != lw {
				if _, pr := speakerStop[p]; pr {
					return false // he's, it's
				}
			}
		}
		if isTitle(token{s: w, word: true}) && unicode.IsUpper(r0(w)) {
			continue // Del. Stacey Plaskett
		}
		if _, month := monthSurnames[lw]; month && k > 0 && unicode.IsUpper(r0(w)) && givenNameGender(words[k-1:k]) != 0 {
			continue // Theresa May (markMonthSurnames)
		}
		if k > 0 && unicode.IsUpper(r0(w)) && foreignStop(lw) && givenNameGender(words[k-1:k]) != 0 {
			continue // Samuel Hier (markMonthSurnames)
		}
		if k > 0 && k < len(words)-1 && len(w) == 2 && w[1] == '.' && unicode.IsUpper(r0(w)) {
			continue // an initial inside a name: Loretta E. Lynch, Julie A. Diaz
		}
		// Elided articles and prepositions: l'adjoint, d'Edouard, qu'a
		// (not O'Neill).
		lw = strings.ReplaceAll(lw, "’", "'")
		if strings.HasPrefix(lw, "l'") && len(lw) > 2 {
			lw = lw[2:]
			if k == 0 {
				continue
			}
		} else if elided(lw) && unicode.IsLower(r0(w)) {
			return false // d'…, qu'…, j'…, n'…, s'…, c'…
		}
		if unicode.IsUpper(r0(w)) && k == 0 && len(words) > 1 && openingConjunctions[lw] && !strings.HasSuffix(w, ".") {
			return false // Y la vice, Und der Sprecher: a conjunction opening a sentence
		}
		if unicode.IsUpper(r0(w)) {
			// A capitalised word is a name's, or a day's or a title's (a
			// Wednesday editorial), unless it is a pronoun or a function
			// word opening a sentence (Und, Er, Y, Which, Its).
			if k == 0 && isDeterminer(lw) {
				continue
			}
			_, stop := speakerStop[lw]
			_, pr := foreignPronouns[lw]
			_, other := otherPronouns[lw]
			if stop || other || pr && lw != "ella" && lw != "lei" || foreignStop(lw) || isPossessivePronoun(lw) {
				return false
			}
			if strings.HasSuffix(lw, "mente") && utf8.RuneCountInString(lw) >= 10 {
				return false // Posteriormente, Finalmente: a Spanish, Italian or Portuguese adverb opening the sentence
			}
			continue
		}
		if k == 0 {
			if _, det := determiners[lw]; det {
				continue
			}
			if _, det := foreignDeterminers[lw]; det {
				continue
			}
		}
		if _, c := connectors[lw]; c && k > 0 && k < len(words)-1 && capital {
			continue // Ursula von der Leyen, Charles de Gaulle
		}
		if (lw == "and" || lw == "und" || lw == "et" || lw == "y" || lw == "i" && w == "i") && k > 0 && k < len(words)-1 &&
			unicode.IsUpper(r0(words[k-1])) && unicode.IsUpper(r0(words[k+1])) {
			continue // Mark Blumenthal and Jon Cohen
		}
		if _, stop := speakerStop[lw]; stop {
			return false
		}
		if _, stop := foreignFunctionWords[lw]; stop {
			return false
		}
		if _, p := foreignPronouns[lw]; p {
			return false
		}
	}
	first := strings.ToLower(words[0])
	if len(words) == 1 {
		_, det := determiners[first]
		_, fdet := foreignDeterminers[first]
		_, conn := connectors[first]
		if det || fdet || conn && first != "al" && titles[first] == "" {
			return false // an article with no noun; De (De son côté): a name's particle alone (Del, a title, may stand)
		}
	}
	if capital {
		return true
	}
	if _, det := determiners[first]; det {
		return true
	}
	if _, det := foreignDeterminers[first]; det {
		return true
	}
	if _, role := roleNouns[first]; role {
		return true
	}
	// An English description without an article names a group: "officials",
	// "police", "campaign aides" — a few plain words ending in a plural.
	for _, w := range words {
		for _, r := range w {
			if r >= utf8.RuneSelf {
				return false
			}
		}
	}
	head := strings.ToLower(words[len(words)-1])
	if _, g := groupNouns[head]; g {
		return len(words) <= 3
	}
	return len(words) <= 3 && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") && !strings.HasSuffix(head, "us")
}

// groupNouns name a group without a plural ending.
var groupNouns = wordSet("police staff people personnel management leadership security military government prosecution clergy")

// nameLike lists the foreign function words that are also given names or
// name parts in English text (Ella, Lei), which a capitalised word may
// still be.
var nameLike = wordSet("ella lei ona ela eu")

// foreignStop reports whether the lower-cased word w is a foreign function
// word or pronoun that is never part of a name.
func foreignStop(w string) bool {
	if _, ok := foreignFunctionWords[w]; ok {
		_, name := nameLike[w]
		_, conn := connectors[w]
		return !name && (!conn || w == "da") // Da kommt …, but De Blasio
	}
	return false
}

// r0 returns the first rune of s.
func r0(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isDeterminer reports whether lw opens a role in any language.
func isDeterminer(lw string) bool {
	_, det := determiners[lw]
	_, fdet := foreignDeterminers[lw]
	return det || fdet
}

// isPossessivePronoun reports whether lw is an English possessive pronoun
// (its, our), which may open a role only in lower case.
func isPossessivePronoun(lw string) bool {
	switch lw {
	case "its", "our", "my", "your", "their":
		return true
	}
	return false
}

// openingConjunctions are conjunctions that open a sentence, capitalised,
// in the languages the package knows; a speaker never starts with one.
var openingConjunctions = map[string]bool{"y": true, "e": true, "und": true, "et": true, "i": true, "o": true,
	"ou": true, "oder": true, "and": true, "but": true, "pero": true, "mais": true, "ma": true, "aber": true, "oraz": true}

// documentNouns head a description of a writing, a recording or a text —
// what someone said or wrote, never who: "the statement", "a release",
// "the filing", "the report", "one Clinton ad".
var documentNouns = wordSet(`statement release filing report letter note memo message email e-mail article editorial
column story piece book study survey poll analysis review document lawsuit suit complaint petition announcement
notice transcript ruling decision opinion order verdict indictment affidavit ad advertisement commercial video
clip spot tweet post headline caption sign banner flyer flier mailer billboard pamphlet leaflet brochure card
placard slogan motto bill law resolution speech remarks interview broadcast documentary film manifesto
graphic chart slide script op-ed essay newsletter bulletin dispatch cable text summary guidance directive
proposal plan budget agreement deal treaty accord charter policy regulation measure amendment legislation
findings finding estimate projection forecast audit probe inquiry investigation footage recording tape
excerpt excerpts passage paragraph chapter section clause entry label warning brief briefing memorandum
communique communiqué readout minutes record records data order comment`)

// documentIssuer reads a speaker s that describes a writing rather than
// a person, an organisation or a role — its head is a lower-case document
// noun (the statement, a court filing, press releases; a name ending in
// such a word is capitalised: Consumer Reports, the Drudge Report) — and
// returns who issued it when s itself says so: the owner before a
// possessive (the firm’s statement → the firm; its statement → "", a
// pronoun's writing names no one), or an acronym right before the head
// (the IMF report → IMF). A writing no owner is named with stays the
// speaker — "the statement said" is the quotation's source, as a reader
// and PolNeAR's annotators take it. ok reports whether s describes a
// writing.
func documentIssuer(s string) (issuer string, ok bool) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return "", false
	}
	for k := 1; k < len(words); k++ {
		switch words[k] {
		case "of", "in", "at", "for", "from", "on", "with", "by", "to":
			words = words[:k] // a narrator in the ad, the report of the panel: the head comes first
		}
	}
	head := strings.TrimRight(words[len(words)-1], ".,;:")
	if head == "" || !unicode.IsLower(r0(head)) || !documentNoun(head) {
		return "", false
	}
	if len(words) < 2 {
		return "", true
	}
	prev := words[len(words)-2]
	if isPossessivePronoun(strings.ToLower(prev)) {
		return "", true // its statement: whose is another sentence's to say
	}
	if owner := stripPossessive(prev); owner != prev || strings.HasSuffix(prev, "s’") || strings.HasSuffix(prev, "s'") {
		if owner == prev {
			owner = prev[:len(prev)-len("’")]
			if strings.HasSuffix(prev, "'") {
				owner = prev[:len(prev)-1]
			}
		}
		phrase := strings.Join(append(words[:len(words)-2:len(words)-2], owner), " ")
		if validSpeaker(phrase) && !isPossessivePronoun(strings.ToLower(owner)) {
			if _, doc := documentIssuer(phrase); !doc {
				return phrase, true
			}
		}
		return "", true
	}
	if acronym(prev) && unicode.IsUpper(r0(prev)) && !strings.ContainsAny(prev, "’'") {
		return prev, true
	}
	return s, true // the statement, a press release: the writing is the quotation's source
}

// documentNoun reports whether the lower-case word w, singular or plural,
// is one of documentNouns.
func documentNoun(w string) bool {
	if _, ok := documentNouns[w]; ok {
		return true
	}
	for _, suf := range []string{"s", "es"} {
		if base := strings.TrimSuffix(w, suf); base != w {
			if _, ok := documentNouns[base]; ok {
				return true
			}
		}
	}
	return false
}
