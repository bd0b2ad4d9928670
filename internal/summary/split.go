package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a sentence's place in a text: text[Start:End] is the sentence,
// with byte offsets into the text.
type Span struct{ Start, End int }

// Split returns the sentences of text in order. Each span is trimmed of
// surrounding white space, lies inside text, and spans never overlap.
//
// Rules, in the order they apply:
//   - A paragraph break (a line holding only white space) always ends a
//     sentence, so headings and captions without full stops stand alone.
//     A single line break is ordinary white space.
//   - A sentence ends after ".", "!", "?", "…" (or a run of them, such as
//     "?!" or "..."), or a script's own marks (Hindi "।", Arabic "؟",
//     Urdu "۔", Armenian "։", Greek ";" after Greek text), together with any closing quotes and brackets that
//     follow, when the next word does not begin with a lower-case letter:
//     `"Stop." he said` stays one sentence.
//   - A full stop ends nothing after a title ("Mr.", "Dr.", "Mme.", "Sra."),
//     before a digit after "No."/"Nr."/"p.", inside a decimal ("3.5"), or in
//     a date like "am 3. Oktober". After other abbreviations ("Inc.", "Jan.",
//     "z.B.", "т.е."), dotted acronyms ("U.S.") and single-letter initials
//     ("J. K. Rowling") it ends the sentence only when a common sentence
//     opener follows ("The", "Der", "Il", "El", "Он"), never before another
//     initial ("С. В. Лавров"). A year's "г." or "r." before a capital ends
//     it ("в 2024 г. Власти").
//   - Text run together without a space ("the substance.In the latest case")
//     is split when a lower-case word or a closing mark precedes the stop
//     and a capital letter follows it.
//   - "。", "！" and "？" (and "!" or "?", or the full-width "．", after
//     Chinese or Japanese text)
//     end a sentence with or without a following space, together with any
//     closing brackets and quotes after them (」』）”), except that a
//     quotation closed after them stays with the attribution that follows
//     it: 「…。」と述べた, “…！”他说。, “…。”，她表示。
func Split(text string) []Span {
	// News sentences run to some 100 bytes or more.
	spans := make([]Span, 0, len(text)/100+1)
	start := 0
	for start < len(text) {
		end, next := paragraphEnd(text, start)
		spans = splitParagraph(text, start, end, spans)
		start = next
	}
	if len(spans) == 0 {
		return nil
	}
	return spans
}

// paragraphEnd finds the end of the paragraph starting at start: the first
// line break followed by a line of only white space. It returns the end of
// the paragraph and where the next one starts.
func paragraphEnd(text string, start int) (end, next int) {
	for i := start; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\f' || text[j] == '\v') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			return i, j + 1
		}
	}
	return len(text), len(text)
}

// splitParagraph appends the sentences of text[start:end] to spans.
func splitParagraph(text string, start, end int, spans []Span) []Span {
	sentStart := start
	// Straight double quotes seen in the sentence so far, counted up to
	// quoteScan; kept incrementally so long sentences stay linear.
	quoteScan, quoteOpen := start, false
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isTerminator(r) && !(r == ';' && greekBefore(text, start, i)) || r == '．' && !cjkBefore(text, start, i) {
			// "．" ends a sentence after Chinese or Japanese text only:
			// after a digit it is a decimal point or a list number.
			i += size
			continue
		}
		// The run of terminators, then closing quotes and brackets.
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if !isTerminator(r2) {
				break
			}
			j += s2
		}
		k := j
		for k < end {
			r2, s2 := utf8.DecodeRuneInString(text[k:end])
			if unicode.IsSpace(r2) {
				// French spacing: "… resterons. »".
				rest := strings.TrimLeftFunc(text[k:end], unicode.IsSpace)
				if g, gs := utf8.DecodeRuneInString(rest); g == '»' || g == '›' {
					k = end - len(rest) + gs
					continue
				}
				break
			}
			if !isCloser(r2) && !(k == j && (r2 == '«' || r2 == '‹')) {
				// (German quotes the other way round: »Das ist vorbei.« Dann …;
				// a « right after the stop closes one)
				break
			}
			// “ and ‘ close German quotes („…“) but open English ones.
			if r2 == '“' || r2 == '‘' {
				if n, _ := utf8.DecodeRuneInString(text[k+s2 : end]); !unicode.IsSpace(n) && n != utf8.RuneError {
					break
				}
			}
			// A straight quote or apostrophe glued to a letter opens the
			// next sentence rather than closing this one, unless it is a
			// double quote and the sentence so far has an unclosed one.
			if r2 == '"' || r2 == '\'' || r2 == '’' {
				n, _ := utf8.DecodeRuneInString(text[k+s2 : end])
				for ; quoteScan < k; quoteScan++ {
					if text[quoteScan] == '"' {
						quoteOpen = !quoteOpen
					}
				}
				if unicode.IsLetter(n) && !(r2 == '"' && quoteOpen) {
					break
				}
			}
			k += s2
		}
		if endsSentence(text, start, end, i, j, k) {
			spans = appendTrimmed(spans, text, sentStart, k)
			sentStart = k
			quoteScan, quoteOpen = k, false
		}
		i = k
	}
	return appendTrimmed(spans, text, sentStart, end)
}

// endsSentence decides whether the terminators text[i:j], followed by the
// closers text[j:k], end a sentence inside the paragraph text[pStart:pEnd].
func endsSentence(text string, pStart, pEnd, i, j, k int) bool {
	run := text[i:j]
	rest := text[k:pEnd]
	if strings.TrimLeftFunc(rest, unicode.IsSpace) == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(run)
	if isCJKStop(first) || (first == '!' || first == '?') && cjkBefore(text, pStart, i) {
		// 「…。」と述べた and “…。”他说。: the quotation belongs to the
		// sentence of its attribution.
		return k == j || !cjkAttributionFollows(text[k:pEnd])
	}
	spaced := k < pEnd && startsWithSpace(rest)
	next := strings.TrimLeftFunc(rest, unicode.IsSpace)
	word, nr := nextWord(next)
	prev := prevWord(text, pStart, i)
	closed := k > j
	if !spaced {
		// Run-together text: only "word.Capital" or `mark."Capital`.
		if run == "…" || strings.HasPrefix(run, "..") {
			return false
		}
		if !unicode.IsUpper(nr) {
			return false
		}
		if isInitial(next, word) {
			// A dotted abbreviation: "Ph.D.", "N.Y.".
			return false
		}
		if prev == "" {
			before, _ := utf8.DecodeLastRuneInString(text[pStart:i])
			return isCloser(before)
		}
		last, _ := utf8.DecodeLastRuneInString(prev)
		if utf8.RuneCountInString(prev) < 2 || !(unicode.IsLower(last) || unicode.IsDigit(last)) {
			return false
		}
		if strings.ContainsRune(prev, '.') {
			return false
		}
		key := strings.ToLower(prev)
		return !titleAbbrevs[key] && !otherAbbrevs[key] && !numberAbbrevs[key]
	}
	if unicode.IsLower(nr) && !camelCase(word) {
		return false
	}
	if closed && isQuoteRun(text[j:k]) && attributionFollows(next) {
		// `"Stop!" Smith said.` — the quote belongs to the sentence.
		return false
	}
	if run != "." {
		return true
	}
	if prev == "" {
		return true
	}
	if closed {
		// `… the "U.S." The` — a closing mark after the stop ends it.
		return true
	}
	key := strings.ToLower(strings.ReplaceAll(prev, ".", ""))
	// a number's decimal point makes no abbreviation: "0.5pc. Economists"
	dotted := strings.ContainsRune(prev, '.') && !unicode.IsDigit([]rune(prev)[0])
	if !hasLetter(prev) {
		// A number: "am 3. Oktober" is a date, "in 2019. The" is an end,
		// and after a German article "aus dem 12. Jahrhundert" or "zum
		// 70. Geburtstag" is an ordinal.
		if len(prev) > 3 || !isDigits(prev) {
			return true
		}
		if len(prev) <= 2 && monthNames[strings.ToLower(word)] {
			return false
		}
		before := pStart + len(strings.TrimRightFunc(text[pStart:i-len(prev)], unicode.IsSpace))
		lead := strings.ToLower(prevWord(text, pStart, before))
		if sentenceOpeners[strings.ToLower(word)] {
			return true
		}
		// German writes ordinals with a full stop ("5. Zivilsenat",
		// "Championship, 1. Tag"): in German text a small number and a
		// stop before a capitalised word that opens no sentence go on.
		// After a noun the number counts ("auf Platz 18. Meng holte").
		if ordinalLeads[lead] {
			return false
		}
		l, _ := utf8.DecodeRuneInString(prevWord(text, pStart, before))
		return !(len(prev) <= 2 && !unicode.IsUpper(l) && germanBefore(text, pStart, i))
	}
	if yearAbbrevs[key] && !dotted && unicode.IsUpper(nr) && yearBefore(text, pStart, i-len(prev)) {
		// "… в 2024 г. Власти …", "… w 2024 r. Rząd …".
		return true
	}
	if unicode.IsDigit(nr) {
		if titleAbbrevs[key] || otherAbbrevs[key] || numberAbbrevs[key] || monthNames[key] ||
			strings.HasSuffix(key, "str") {
			// "No. 1", "Jan. 12", "Hauptstr. 5".
			return false
		}
		return true
	}
	if titleAbbrevs[key] && !dotted {
		return false
	}
	if dotted && (key == "am" || key == "pm") {
		// "at 9 a.m. Police said" ends; "at 9 a.m. EST" and "at 10 p.m.
		// Tuesday", "at 9 a.m. Jan. 5" (AP style) do not.
		w := strings.ToLower(word)
		return strings.ToUpper(word) != word && !weekdays[w] && !monthNames[w] && !otherAbbrevs[w]
	}
	if utf8.RuneCountInString(prev) == 1 {
		if before, _ := utf8.DecodeLastRuneInString(text[pStart : i-len(prev)]); before == '°' {
			// a unit, not an initial: "reached 40°C. Residents fled"
			return true
		}
	}
	if utf8.RuneCountInString(prev) == 1 && unicode.IsUpper([]rune(prev)[0]) && isInitial(next, word) {
		// A run of initials: "С. В. Лавров", "J. R. R. Tolkien".
		return false
	}
	if otherAbbrevs[key] || dotted || utf8.RuneCountInString(prev) == 1 {
		return sentenceOpeners[strings.ToLower(word)]
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// germanBefore reports whether the text before i (after pStart, at most
// some 300 bytes of it) reads as German: two or more of its commonest
// function words.
func germanBefore(text string, pStart, i int) bool {
	from := max(pStart, i-300)
	for from > pStart && from < i && !utf8.RuneStart(text[from]) {
		from++
	}
	n := 0
	for _, w := range strings.Fields(text[from:i]) {
		switch strings.ToLower(w) {
		case "der", "die", "das", "des", "und", "ist", "nicht", "den", "dem", "mit", "von", "für", "wird", "sich",
			"auf", "im", "zum", "zur", "ein", "eine", "einer", "auch", "ihren", "ihre", "seinen", "seine", "wurde", "hat", "bei", "nach", "noch":
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// camelCase reports whether a word written lower-case first has a capital
// as its second or third letter, as brand names do that open a sentence
// ("iPhone sales rose", "eBay said").
func camelCase(w string) bool {
	n := 0
	for _, r := range w {
		if n > 0 && unicode.IsUpper(r) {
			return true
		}
		if n++; n == 3 {
			break
		}
	}
	return false
}

// isInitial reports whether s, which begins with word, is a single
// capital letter and a full stop: the next of a run of initials.
func isInitial(s, word string) bool {
	r, size := utf8.DecodeRuneInString(word)
	return size == len(word) && unicode.IsUpper(r) && strings.HasPrefix(s[len(word):], ".")
}

// yearBefore reports whether the word ending at text[i] (after pStart),
// past white space, is a number of three or four digits: a year.
func yearBefore(text string, pStart, i int) bool {
	s := strings.TrimRightFunc(text[pStart:i], unicode.IsSpace)
	n := 0
	for n < len(s) && n < 5 && '0' <= s[len(s)-1-n] && s[len(s)-1-n] <= '9' {
		n++
	}
	if n < 3 || n > 4 {
		return false
	}
	if n < len(s) {
		r, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	return true
}

// greekBefore reports whether the letter before text[i] (after pStart),
// past closing quotes and brackets, is Greek: in Greek ";" is the
// question mark.
func greekBefore(text string, pStart, i int) bool {
	for i > pStart {
		r, size := utf8.DecodeLastRuneInString(text[pStart:i])
		if !isCloser(r) {
			return unicode.Is(unicode.Greek, r)
		}
		i -= size
	}
	return false
}

// prevWord returns the word that ends at text[i] (exclusive): letters,
// digits, dots and hyphens back to the previous space or punctuation, with
// leading dots and hyphens dropped.
func prevWord(text string, pStart, i int) string {
	b := i
	// Words longer than this are no abbreviation; the bound keeps runs
	// like "a.a.a.a…" linear.
	const maxWord = 32
	for b > pStart && i-b < maxWord {
		r, size := utf8.DecodeLastRuneInString(text[pStart:b])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == 'ª' || r == 'º') {
			break
		}
		b -= size
	}
	return strings.TrimLeft(text[b:i], ".-")
}

// nextWord returns the first word of s, skipping opening quotes and
// brackets, and the first rune of s after them.
func nextWord(s string) (string, rune) {
	s = strings.TrimLeftFunc(s, isOpener)
	r, _ := utf8.DecodeRuneInString(s)
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return s[:end], r
}

// attributionFollows reports whether s begins with a name-like word and a
// reporting verb: `Smith said`, `the minister said`.
func attributionFollows(s string) bool {
	if len(s) > 80 {
		s = s[:80]
	}
	fields := strings.Fields(s)
	if len(fields) > 4 {
		fields = fields[:4]
	}
	if len(fields) == 0 || notSpeakers[strings.ToLower(fields[0])] {
		return false
	}
	for n, f := range fields {
		if n == 0 {
			continue
		}
		f = strings.ToLower(strings.TrimRightFunc(f, unicode.IsPunct))
		if reportingVerbs[f] {
			return true
		}
	}
	return false
}

// notSpeakers begin idioms such as "That said," rather than attributions,
// or a new sentence: a pronoun is written in lower case after a quotation
// it attributes (`"Stop!" she said`), so `"systemic." She added that …` and
// `“Who pays?” Nobody replied.` are two sentences each.
var notSpeakers = map[string]bool{
	"that": true, "this": true, "it": true, "there": true, "what": true, "so": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "you": true,
	"nobody": true, "everyone": true, "everybody": true, "someone": true, "somebody": true, "none": true, "no": true,
	"er": true, "wir": true, "ich": true, "niemand": true,
	"il": true, "elle": true, "ils": true, "elles": true, "personne": true,
	"él": true, "ella": true, "ellos": true, "nadie": true,
}

// reportingVerbs that follow a quoted sentence and its speaker.
var reportingVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "added": true, "told": true,
	"replied": true, "wrote": true, "explained": true, "insisted": true,
	"sagte": true, "sagt": true, "fragte": true, "dijo": true, "afirmó": true,
	"dit": true, "сказал": true, "сказала": true, "заявил": true,
}

func appendTrimmed(spans []Span, text string, start, end int) []Span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	if start < end {
		spans = append(spans, Span{start, end})
	}
	return spans
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == utf8.RuneError
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '｡', '．', '‼', '⁇', '⁈', '⁉',
		'\u037e', // Greek question mark (";" as most Greek text types it)
		'।', '॥', // Devanagari danda and double danda (Hindi, Marathi, Nepali)
		'؟', '۔', // Arabic question mark; Urdu full stop
		'։',      // Armenian full stop
		'።', '፧', // Ethiopic full stop and question mark
		'။', '។': // Myanmar and Khmer full stops
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '」', '』', '）', '“', '‘':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '‹', '(', '[', '¿', '¡', '「', '『', '（', '—', '–', '-':
		return true
	}
	return false
}

func isQuoteRun(s string) bool {
	return strings.ContainsAny(s, "\"'”’»«")
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// isCJKStop reports whether r is a full-width sentence end ("．" is one in
// Japanese official and scientific writing).
func isCJKStop(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '｡' || r == '．'
}

// isCJK reports whether r is a Chinese or Japanese character.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

// cjkBefore reports whether the rune before text[i] (after pStart) is
// Chinese or Japanese.
func cjkBefore(text string, pStart, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[pStart:i])
	return isCJK(r)
}

// cjkAttributionFollows reports whether rest, the text after a quotation
// closed after its full stop, continues the sentence: Japanese と or って
// (「…。」と述べた), a comma (“…。”，他说), or a short Chinese attribution
// ending in a reporting verb before the next full stop (“…。”外交部发言人说。).
func cjkAttributionFollows(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	switch {
	case r == 'と' || r == 'っ' || r == '、' || r == '，' || r == ',':
		return true
	case !unicode.Is(unicode.Han, r):
		return false
	}
	n := 0
	for i, c := range rest {
		if isCJKStop(c) || c == '，' || c == '：' {
			return hasCJKVerbSuffix(rest[:i])
		}
		if n++; n > 16 || !isCJK(c) && !unicode.IsSpace(c) && c != '·' {
			return false
		}
	}
	return false
}

// cjkReportingVerbs end a short Chinese attribution after a quotation.
var cjkReportingVerbs = []string{"说", "說", "表示", "称", "稱", "指出", "强调", "強調", "说道", "回应", "回應", "写道", "寫道", "补充", "補充", "坦言", "透露"}

// hasCJKVerbSuffix reports whether s ends with a Chinese reporting verb.
func hasCJKVerbSuffix(s string) bool {
	for _, v := range cjkReportingVerbs {
		if strings.HasSuffix(s, v) {
			return true
		}
	}
	return false
}
