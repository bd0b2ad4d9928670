package quote

import (
	"strings"
	"unicode"
)

// Hebrew news copy attributes a quotation in three common ways, read here:
//
//   - ראש הממשלה בנימין נתניהו אמר: "…" (subject, verb, colon), also with
//     the subject after the verb (בישיבת הממשלה אמר נתניהו: "…") or the
//     verb followed by כי;
//   - "…", אמרה השרה / "…", כך אמר דובר צה"ל לכתבים (verb and subject
//     after the quotation), and "…", נתניהו אמר;
//   - לדברי שר הביטחון, "…" and "…", לדברי X.
//
// Hebrew writes no capitals and glues the prepositions ב, ל, כ, מ and the
// conjunction ו to the next word, so a speaker is a run of at most five
// Hebrew words with no function word in it; a word with ב or ל in front is
// the place or the addressee (אמר לכתבים, אמר בראיון) and ends the
// speaker, except in a minister's title (השר לביטחון לאומי) and in the
// name parts בן, בר, בת. A pronoun (הוא, היא, לדבריו) is resolved by the
// rules for pronouns of other languages; when in doubt the speaker is
// empty: a name that begins with ב or ל alone (בנט אמר:) is not read.

// hebrewVerbs are Hebrew reporting verbs in the past (and אומר/אומרת in
// the present), with the gender of their subject; ו before them (ואמר) is
// read as the verb too.
var hebrewVerbs = func() map[string]byte {
	m := map[string]byte{}
	for _, p := range [][2]string{{"אמר", "אמרה"}, {"הוסיף", "הוסיפה"}, {"ציין", "ציינה"}, {"הסביר", "הסבירה"},
		{"הבהיר", "הבהירה"}, {"טען", "טענה"}, {"כתב", "כתבה"}, {"מסר", "מסרה"}, {"הודיע", "הודיעה"},
		{"סיפר", "סיפרה"}, {"הדגיש", "הדגישה"}, {"אומר", "אומרת"}, {"השיב", "השיבה"}} {
		m[p[0]], m["ו"+p[0]] = 'm', 'm'
		m[p[1]], m["ו"+p[1]] = 'f', 'f'
	}
	return m
}()

// hebrewPronouns are the Hebrew subject pronouns of the third person, with
// their gender and number.
var hebrewPronouns = map[string]phrase{
	"הוא": {gender: 'm'}, "היא": {gender: 'f'}, "הם": {gender: 'm', plural: true}, "הן": {gender: 'f', plural: true},
	"לדבריו": {gender: 'm'}, "לדבריה": {gender: 'f'}, "לדבריהם": {gender: 'm', plural: true}, "לדבריהן": {gender: 'f', plural: true},
}

// hebrewStop are words never in a Hebrew speaker: pronouns, conjunctions,
// prepositions, particles and words of time or of a statement.
var hebrewStop = wordSet(`הוא היא הם הן אני אנחנו אתה את אתם אתן זה זו זאת אלה אלו כי ש אך אבל אולם ואילו גם עוד כך
כן לא אף או אם על אל עם אחרי לפני מול נגד אשר כאשר כש לו לה להם להן לי לנו אליו אליה ממנו ממנה עליו עליה
היום אתמול מחר הבוקר הערב הלילה השבוע החודש השנה כעת עתה עכשיו אז שוב בנוסף בהמשך בתגובה בהודעה בראיון
בשיחה בציוץ בפוסט בפייסבוק בטוויטר בכנס בנאום בפתח בסיום במהלך ביום בשבוע בחודש בשנה בעבר בעת בזמן
לדברי ולדברי לכתבים לתקשורת שעבר שעברה שהיה שהייתה הודעה ציוץ פוסט ראיון נאום מכתב דיווח`)

// hebrewTitleHeads are the titles whose complement opens with ל: השר
// לביטחון לאומי, המשנה לראש הממשלה.
var hebrewTitleHeads = wordSet(`שר השר שרת השרה המשנה משנה הממונה ממונה`)

// hebrewRoleGender are role words whose form gives the gender.
var hebrewRoleGender = map[string]byte{"השר": 'm', "שר": 'm', "השרה": 'f', "שרת": 'f', "דובר": 'm', "הדובר": 'm',
	"דוברת": 'f', "הדוברת": 'f', "מנכ\"ל": 'm', "מנכ״ל": 'm', "מנכ\"לית": 'f', "מנכ״לית": 'f'}

// hebrewWord reports whether w is a Hebrew word: Hebrew letters and marks,
// with gershayim, geresh or a hyphen inside (צה"ל, ג׳ורג׳, בן-גביר).
func hebrewWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Hebrew, r):
			if unicode.IsLetter(r) {
				letters++
			}
		case r == '"' || r == '\'' || r == '-':
		default:
			return false
		}
	}
	return letters > 0
}

// hebrewPrefixed reports whether w opens with the preposition ב or ל.
func hebrewPrefixed(w string) bool {
	return strings.HasPrefix(w, "ב") || strings.HasPrefix(w, "ל")
}

// hebrewWords returns the words of toks up to the first token that is no
// Hebrew word, skipping a maqaf or hyphen between two words (בן־גביר).
func hebrewWords(toks []token) []token {
	var out []token
	for k, t := range toks {
		if t.word && hebrewWord(t.s) {
			out = append(out, t)
			continue
		}
		if (t.s == "־" || t.s == "-") && len(out) > 0 && k+1 < len(toks) && toks[k+1].word {
			continue
		}
		break
	}
	return out
}

// maxHebrewSpeaker bounds a Hebrew speaker in words: a title of three and
// a name of three (השר לביטחון לאומי איתמר בן גביר).
const maxHebrewSpeaker = 6

// hebrewSpeaker returns the speaker phrase that ws make, whole when whole
// is set, else their longest start that is one; ok is false when they make
// none. A lone pronoun gives a pronoun phrase.
func hebrewSpeaker(ws []token, whole bool) (phrase, bool) {
	if len(ws) == 0 {
		return phrase{}, false
	}
	if p, ok := hebrewPronouns[ws[0].s]; ok {
		if len(ws) > 1 && whole {
			return phrase{}, false
		}
		p.kind, p.foreign, p.toks = npPronoun, true, ws[:1]
		return p, true
	}
	n := 0
	for n < len(ws) {
		w := ws[n].s
		if _, stop := hebrewStop[w]; stop || strings.HasPrefix(w, "שה") {
			break
		}
		if _, v := hebrewVerbs[w]; v && n > 0 {
			break
		}
		if n > 0 && !whole && hebrewPrefixed(w) && w != "בן" && w != "בר" && w != "בת" && w != "בית" {
			// השר לביטחון לאומי: ל after a title, and after the ל word
			// that follows it.
			_, title := hebrewTitleHeads[ws[n-1].s]
			lTitle := strings.HasPrefix(w, "ל") && (title || n > 1 && strings.HasPrefix(ws[n-1].s, "ל"))
			if !lTitle {
				break
			}
		}
		n++
	}
	if n == 0 || whole && n < len(ws) || n > maxHebrewSpeaker {
		return phrase{}, false
	}
	if hebrewPrefixed(ws[0].s) {
		// בנימין נתניהו, not בישיבת הממשלה: a name of two words or more
		// whose other words have no preposition or article in front.
		if n < 2 {
			return phrase{}, false
		}
		for _, t := range ws[1:n] {
			if hebrewPrefixed(t.s) || strings.HasPrefix(t.s, "ה") {
				return phrase{}, false
			}
		}
	}
	return phrase{kind: npRole, toks: ws[:n]}, true
}

// hebrewAgrees reports whether a speaker agrees with the gender g of its
// verb: a role word or a known given name of the other gender does not.
func (a *attributor) hebrewAgrees(np phrase, g byte) bool {
	if np.kind == npPronoun {
		return np.plural || np.gender == g
	}
	for _, t := range np.toks {
		if rg, ok := hebrewRoleGender[t.s]; ok {
			return rg == g
		}
	}
	sg := a.ix.genderOf(np.text(a.src))
	return sg == 0 || sg == g
}

// hebrewAttribution reads the constructions above for a quotation the
// general rules found no attribution for.
func (a *attributor) hebrewAttribution(before, after []token) (attribution, bool) {
	if at, ok := a.hebrewAfter(after); ok {
		return at, true
	}
	return a.hebrewBefore(before)
}

// hebrewAfter reads "…", אמר X / "…", כך אמרה X / "…", X אמר / "…", לדברי X.
func (a *attributor) hebrewAfter(after []token) (attribution, bool) {
	i := 0
	for i < len(after) && !after[i].word && (after[i].s == "," || after[i].s == "-" || after[i].s == "–" || after[i].s == "—") {
		i++
	}
	if i == 0 || i >= len(after) || !after[i].word {
		return attribution{}, false
	}
	ws := hebrewWords(after[i:])
	if len(ws) > 0 && ws[0].s == "כך" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return attribution{}, false
	}
	if ws[0].s == "לדברי" || ws[0].s == "ולדברי" {
		if np, ok := hebrewSpeaker(ws[1:], false); ok {
			return attribution{np: np, cue: ws[0].s, cuePos: ws[0].start}, true
		}
		return attribution{}, false
	}
	if p, ok := hebrewPronouns[ws[0].s]; ok && strings.HasPrefix(ws[0].s, "לדברי") {
		p.kind, p.foreign, p.toks = npPronoun, true, ws[:1]
		return attribution{np: p, cue: ws[0].s, cuePos: ws[0].start}, true
	}
	if g, ok := hebrewVerbs[ws[0].s]; ok {
		np, ok := hebrewSpeaker(ws[1:], false)
		if !ok || !a.hebrewAgrees(np, g) {
			return attribution{}, false
		}
		return attribution{np: np, cue: ws[0].s, cuePos: ws[0].start}, true
	}
	// "…", נתניהו אמר.: the subject and the verb end the sentence.
	last := ws[len(ws)-1]
	if g, ok := hebrewVerbs[last.s]; ok && len(ws) >= 2 && last.start == after[len(after)-1].start {
		np, ok := hebrewSpeaker(ws[:len(ws)-1], true)
		if !ok || !a.hebrewAgrees(np, g) {
			return attribution{}, false
		}
		return attribution{np: np, cue: last.s, cuePos: last.start}, true
	}
	return attribution{}, false
}

// hebrewBefore reads X אמר: "…", אמר X: "…", X אמר כי "…" and לדברי X, "…".
func (a *attributor) hebrewBefore(before []token) (attribution, bool) {
	n := len(before)
	if n == 0 {
		return attribution{}, false
	}
	// לדברי שר הביטחון, "…"
	if ws := hebrewWords(before); len(ws) > 0 && (ws[0].s == "לדברי" || ws[0].s == "ולדברי") {
		e := len(ws)
		if e < n && before[e].s == "," {
			if np, ok := hebrewSpeaker(ws[1:], true); ok {
				return attribution{np: np, cue: ws[0].s, cuePos: ws[0].start}, true
			}
		}
		return attribution{}, false
	}
	end := n
	switch {
	case before[n-1].s == ":":
		end = n - 1
	case before[n-1].s == "כי" && n >= 2:
		if _, v := hebrewVerbs[before[n-2].s]; !v {
			return attribution{}, false
		}
		end = n - 1
	default:
		if _, v := hebrewVerbs[before[n-1].s]; !v {
			return attribution{}, false
		}
	}
	// The clause: the words after the last comma.
	from := end
	for from > 0 && (before[from-1].word || before[from-1].s == "־" || before[from-1].s == "-") {
		from--
	}
	clause := before[from:end]
	if len(hebrewWords(clause)) != len(clause)-countMaqaf(clause) {
		return attribution{}, false
	}
	v := -1
	for k := len(clause) - 1; k >= 0 && v < 0; k-- {
		if _, ok := hebrewVerbs[clause[k].s]; ok {
			v = k
		}
	}
	if v < 0 {
		return attribution{}, false
	}
	g := hebrewVerbs[clause[v].s]
	at := attribution{cue: clause[v].s, cuePos: clause[v].start}
	// אמר ראש הממשלה: the subject after the verb comes first.
	if v+1 < len(clause) {
		if np, ok := hebrewSpeaker(hebrewWords(clause[v+1:]), false); ok {
			if !a.hebrewAgrees(np, g) {
				return attribution{}, false
			}
			at.np = np
			return at, true
		}
	}
	ws := hebrewWords(clause[:v])
	for len(ws) > 0 && hebrewConnective(ws[0].s) {
		ws = ws[1:]
	}
	np, ok := hebrewSpeaker(ws, true)
	if !ok || !a.hebrewAgrees(np, g) {
		return attribution{}, false
	}
	at.np = np
	return at, true
}

// hebrewConnective reports whether w opens a clause without being part of
// its subject (גם נתניהו אמר, אך השר אמר).
func hebrewConnective(w string) bool {
	switch w {
	case "גם", "אך", "אבל", "אולם", "ואילו", "עוד", "ו", "מנגד", "ואולם", "וגם":
		return true
	}
	return false
}

// countMaqaf counts the maqafs and hyphens standing alone in toks.
func countMaqaf(toks []token) int {
	c := 0
	for _, t := range toks {
		if t.s == "־" || t.s == "-" {
			c++
		}
	}
	return c
}
