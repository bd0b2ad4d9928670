package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Turkish, Arabic, Persian and Korean put the reporting verb where the rules for the
// European languages do not look for it, and Arabic and Korean write no
// capitals to tell a name, so their commonest constructions are read here:
//
//   - Turkish: Bakan Ayşe Demir, "…" dedi / diye konuştu / açıklamasında
//     bulundu: the name before the quotation, set off by a comma, with the
//     verb after it;
//   - Arabic: وقال وزير الخارجية سامح شكري: «…» (verb, subject, colon) and
//     «…»، قال المتحدث باسم الوزارة (verb and subject after it);
//   - Persian: محمدجواد ظریف گفت: «…» (subject, verb, colon) and «…»، ظریف
//     گفت (subject and verb after it);
//   - Korean: 김민수 장관은 "…"라고 말했다 / "…"고 밝혔다: the topic or
//     subject (은, 는, 이, 가) before the quotation, or between 라고 and
//     the verb.
//
// The speaker is the words that name or describe someone; a pronoun (그는,
// هو), a phrase of place or time, or anything the patterns do not read
// fully leaves it empty. (Greek, which writes capitals, is read by the
// general rules: «…», δήλωσε ο υπουργός Νίκος Παππάς.)

// turkishVerbs end a Turkish attribution after the quotation; each is the
// first word (or two) after the closing mark.
var turkishVerbs = [][]string{{"dedi"}, {"diye", "konuştu"}, {"diye", "ekledi"}, {"diye", "belirtti"},
	{"diye", "sordu"}, {"diye", "yazdı"}, {"açıklamasında", "bulundu"}, {"ifadelerini", "kullandı"},
	{"şeklinde", "konuştu"}, {"değerlendirmesinde", "bulundu"}, {"dedi", "ki"}, {"diyerek"}}

// turkishAttribution reads Ad Soyad, "…" dedi.
func (a *attributor) turkishAttribution(before, after []token) (attribution, bool) {
	cue := ""
	for _, v := range turkishVerbs {
		if len(after) >= len(v) && matchWords(after[:len(v)], v) && (len(after) == len(v) || !after[len(v)].word) {
			cue = strings.Join(v, " ")
			break
		}
	}
	if cue == "" || len(before) < 2 || before[len(before)-1].s != "," {
		return attribution{}, false
	}
	k := len(before) - 2
	np, ok := backwardNP(a.src, before[:k+1], k)
	if !ok || np.kind != npName || strings.ContainsAny(np.text(a.src), "'’") {
		return attribution{}, false // Erdoğan'ın: a name in another case is not the subject
	}
	return attribution{np: np, cue: cue, cuePos: after[0].start}, true
}

// matchWords reports whether toks are the lower-case words ws.
func matchWords(toks []token, ws []string) bool {
	for i, w := range ws {
		if !toks[i].word || toks[i].s != w {
			return false
		}
	}
	return true
}

// arabicVerbs are Arabic reporting verbs, with and without the conjunction
// و (and) before them.
var arabicVerbs = wordSet(`قال وقال تقول وتقول يقول ويقول قالت وقالت أكد وأكد أكدت وأكدت أضاف وأضاف أضافت وأضافت
صرح وصرح صرحت وصرحت أوضح وأوضح أوضحت وأوضحت ذكر وذكر ذكرت وذكرت أعلن وأعلن أعلنت وأعلنت تابع وتابع تابعت وتابعت`)

// persianVerbs are Persian reporting verbs that end the clause: گفت
// (said), افزود (added), نوشت (wrote); persianVerbNouns the nouns of the
// compound ones before کرد or داشت (تأکید کرد, stressed; اظهار داشت, stated).
var (
	persianVerbs     = wordSet(`گفت افزود نوشت`)
	persianVerbNouns = wordSet(`تاکید تأکید اظهار اعلام تصریح`)
)

// persianStop are Persian pronouns, prepositions and particles, never in a
// speaker.
var persianStop = wordSet(`او وی آنها ایشان من ما شما این آن در از به با که را برای همچنین نیز`)

// persianClause returns where the Persian reporting verb ending toks
// starts, with the verb as written, or -1.
func persianClause(toks []token) (int, string) {
	n := len(toks)
	if n == 0 {
		return -1, ""
	}
	if _, v := persianVerbs[toks[n-1].s]; v {
		return n - 1, toks[n-1].s
	}
	if n >= 2 && (toks[n-1].s == "کرد" || toks[n-1].s == "داشت") {
		if _, v := persianVerbNouns[toks[n-2].s]; v {
			return n - 2, toks[n-2].s + " " + toks[n-1].s
		}
	}
	return -1, ""
}

// persianAttribution reads X گفت: «…» and «…»، X گفت.
func (a *attributor) persianAttribution(before, after []token) (attribution, bool) {
	clause := before
	if n := len(before); n >= 3 && before[n-1].s == ":" {
		clause = before[:n-1]
	} else {
		// «…»، ظریف گفت.
		i := 0
		for i < len(after) && !after[i].word && (after[i].s == "،" || after[i].s == ",") {
			i++
		}
		if i == 0 {
			return attribution{}, false
		}
		e := i
		for e < len(after) && after[e].word {
			e++
		}
		if e < len(after) && after[e].s != "." {
			return attribution{}, false
		}
		clause = after[i:e]
	}
	v, cue := persianClause(clause)
	if v <= 0 {
		return attribution{}, false
	}
	from := v
	for from > 0 && clause[from-1].word {
		from--
	}
	np, ok := a.arabicSpeaker(clause[from:v])
	if !ok {
		return attribution{}, false
	}
	for _, t := range np.toks {
		if _, stop := persianStop[t.s]; stop {
			return attribution{}, false
		}
	}
	return attribution{np: np, cue: cue, cuePos: clause[v].start}, true
}

// arabicStop are words that never stand in an Arabic speaker: pronouns,
// prepositions, conjunctions and the words of a place, time or document.
var arabicStop = wordSet(`في من على عن إلى الى مع خلال بعد قبل عند منذ حول ضد بين إن أن إنه إنها أنه أنها له لها لهم
هو هي هم هن نحن أنا أنت ذلك هذا هذه تلك كما حيث بيان تصريح تصريحات مؤتمر صحفي لقاء مقابلة اليوم أمس الأحد
الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت وقت لاحق سابق أيضا ايضا كذلك ولكن لكن بل ثم قد لقد`)

// maxArabicSpeaker bounds an Arabic speaker phrase in words.
const maxArabicSpeaker = 7

// arabicSpeaker returns the text of toks when they can be an Arabic
// speaker: Arabic words, none of them a stop word.
func (a *attributor) arabicSpeaker(toks []token) (phrase, bool) {
	if len(toks) == 0 || len(toks) > maxArabicSpeaker {
		return phrase{}, false
	}
	for _, t := range toks {
		if !t.word || !arabicWord(t.s) {
			return phrase{}, false
		}
		if _, stop := arabicStop[t.s]; stop {
			return phrase{}, false
		}
		if _, v := arabicVerbs[t.s]; v {
			return phrase{}, false
		}
	}
	return phrase{kind: npRole, toks: toks}, true
}

// arabicWord reports whether w is written in Arabic letters.
func arabicWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Arabic, r)
}

// arabicAttribution reads وقال X: «…» and «…»، قال X.
func (a *attributor) arabicAttribution(before, after []token) (attribution, bool) {
	// «…»، قال المتحدث باسم الوزارة.
	i := 0
	for i < len(after) && !after[i].word && (after[i].s == "،" || after[i].s == ",") {
		i++
	}
	if i > 0 && i < len(after) {
		if _, v := arabicVerbs[after[i].s]; v {
			if np, ok := a.arabicSpeaker(after[i+1:]); ok {
				return attribution{np: np, cue: after[i].s, cuePos: after[i].start}, true
			}
			return attribution{}, false
		}
	}
	// وقال وزير الخارجية سامح شكري: «…»
	n := len(before)
	if n < 3 || before[n-1].s != ":" {
		return attribution{}, false
	}
	for k := n - 2; k >= 0 && k >= n-2-maxArabicSpeaker; k-- {
		if _, v := arabicVerbs[before[k].s]; v {
			if np, ok := a.arabicSpeaker(before[k+1 : n-1]); ok {
				return attribution{np: np, cue: before[k].s, cuePos: before[k].start}, true
			}
			return attribution{}, false
		}
	}
	return attribution{}, false
}

// koreanVerbs are Korean reporting verbs in the forms news copy ends a
// sentence with.
var koreanVerbs = []string{"말했다", "밝혔다", "강조했다", "전했다", "덧붙였다", "설명했다", "주장했다", "지적했다",
	"답했다", "말했습니다", "밝혔습니다", "강조했습니다", "말한다", "밝힌다", "물었다", "당부했다"}

// koreanQuoteEnd are the particles that close a Korean quotation: "…"라고,
// "…"고, "…"이라고.
var koreanQuoteEnd = map[string]bool{"라고": true, "고": true, "이라고": true, "며": true, "라며": true, "이라며": true}

// koreanPronouns are the Korean pronouns and connectives that open a
// clause without naming anyone (그는 he, 그녀는 she, 이는 this).
var koreanPronouns = wordSet("그 그녀 그들 이 이들 저 저희 우리 나 너 당신 그러면서 또 또한 이어 한편 이날")

// koreanAttribution reads X은 "…"라고 말했다 and "…"라고 X는 밝혔다.
func (a *attributor) koreanAttribution(before, after []token) (attribution, bool) {
	if len(after) < 2 || !after[0].word || !koreanQuoteEnd[after[0].s] {
		return attribution{}, false
	}
	v := -1
	for k := 1; k < len(after) && k <= 5; k++ {
		if !after[k].word {
			break
		}
		for _, kv := range koreanVerbs {
			if after[k].s == kv {
				v = k
			}
		}
		if v >= 0 {
			break
		}
	}
	if v < 0 {
		return attribution{}, false
	}
	cue, cuePos := after[v].s, after[v].start
	// "…"라고 김 장관은 말했다: the subject between the particle and the verb.
	if v > 1 {
		if np, ok := a.koreanSubject(after[1:v]); ok {
			return attribution{np: np, cue: cue, cuePos: cuePos}, true
		}
		return attribution{}, false
	}
	// 김민수 장관은 "…"라고 말했다: the subject ends the words before the quotation.
	if np, ok := a.koreanSubject(before); ok {
		return attribution{np: np, cue: cue, cuePos: cuePos}, true
	}
	return attribution{}, false
}

// koreanSubject returns the speaker in toks when they are a short phrase
// ending in a topic or subject particle (김민수 장관은, 대변인이); the
// particle is left out of the speaker.
func (a *attributor) koreanSubject(toks []token) (phrase, bool) {
	if len(toks) == 0 {
		return phrase{}, false
	}
	// The subject is the last words before the quotation, after any comma.
	from := 0
	for k, t := range toks {
		if !t.word {
			from = k + 1
		}
	}
	toks = toks[from:]
	if len(toks) == 0 || len(toks) > 3 {
		return phrase{}, false
	}
	last := toks[len(toks)-1].s
	stem := ""
	for _, p := range []string{"은", "는", "이", "가"} {
		if s := strings.TrimSuffix(last, p); s != last && utf8.RuneCountInString(s) >= 1 {
			stem = s
			break
		}
	}
	if stem == "" {
		return phrase{}, false
	}
	for _, t := range toks {
		w := t.s
		if t.start == toks[len(toks)-1].start {
			w = stem
		}
		if _, p := koreanPronouns[w]; p {
			return phrase{}, false
		}
		for _, r := range w {
			if !unicode.Is(unicode.Hangul, r) {
				return phrase{}, false
			}
		}
	}
	// The phrase as written, without the particle.
	words := append([]token(nil), toks...)
	words[len(words)-1].end -= len(last) - len(stem)
	words[len(words)-1].s = stem
	return phrase{kind: npRole, toks: words}, true
}

// scriptAttribution reads the Turkish, Arabic, Persian and Korean constructions
// above for a quotation the general rules found no attribution for.
func (a *attributor) scriptAttribution(before, after []token) (attribution, bool) {
	if at, ok := a.turkishAttribution(before, after); ok {
		return at, true
	}
	if at, ok := a.arabicAttribution(before, after); ok {
		return at, true
	}
	if at, ok := a.persianAttribution(before, after); ok {
		return at, true
	}
	if at, ok := a.hebrewAttribution(before, after); ok {
		return at, true // hebrew.go
	}
	return a.koreanAttribution(before, after)
}
