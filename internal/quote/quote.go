// Package quote finds the direct quotations in an article's text and who
// said them.
//
// A quotation is the text between a pair of quotation marks: straight "…"
// and '…', typographic “…” and ‘…’ (an apostrophe — don't, Putin’s, ’90s —
// never opens or closes one), «…» and »…«, „…“, ‚…‘, ‹…›, 「…」 and 『…』,
// and two apostrophes standing for a double mark in older wire copy. Marks nested inside a
// quotation belong to its text. A quotation that runs over several
// paragraphs, each reopening the mark without closing it, is one Quote with
// one part per paragraph; so is a quotation interrupted by its attribution
// ("We assess," the report read, "that …"). These are not quotations: one or
// two quoted words (scare quotes) unless a reporting verb attributes them
// ("What curfew?" protesters chanted); titles in title case ("Fox News
// Sunday", 'Reeks of Fear.'); a lower-case fragment inside the writer's own
// sentence that no reporting verb attributes (the so-called "basket of
// deplorables"). A partial quotation that one does attribute (Haley said that
// "there's no love") is a quotation.
//
// Split quotations keep every word verbatim: Text is the first part, Parts
// holds the byte spans of all parts in order, and Quote.Texts returns them
// as written. Nothing is joined, trimmed inside or rewritten, so every Text
// and part is a slice of the input.
//
// The speaker comes from the attribution around the quotation — `"…," Putin
// said`, `said Putin`, `Putin said: "…"`, `according to …`, `told reporters`,
// `Dmitry Peskov, Putin's spokesman, said`, a dash and a name after it, a
// speaker's name and a colon before it, an attribution in the sentence just
// before — or, for a quotation with none of its own that follows another
// quotation of the same speaker with no one else named in between, from that
// quotation. (Chinese and Japanese quotations are attributed by patterns of
// their own — 岸田文雄首相は「…」と述べた, 外交部发言人毛宁表示：“…” — see
// cjk.go.) It is then resolved: a pronoun (he, she, they) to the most
// recent speaker or sentence subject shown to be a person of a fitting
// gender (titles, role words, the article's own pronouns and common given
// names tell gender); a role ("the Kremlin spokesman") to the person the
// article introduced with it ("Kremlin spokesman Dmitry Peskov", "Dmitry
// Peskov, Putin's spokesman"); every name to the fullest form the article
// uses ("Peskov" → "Dmitry Peskov"), without titles. A speaker the article
// names only by a description it never ties to a name ("the clown",
// "Richmond police") is given in the article's words. When nothing names the
// speaker, or a pronoun has no fitting antecedent, Speaker is empty: never a
// guess.
package quote

import (
	"strings"
	"unicode"
)

// Quote is one direct quotation.
type Quote struct {
	// Text is the quoted words exactly as in the input, without the
	// quotation marks: the first part when the quotation has several.
	Text string
	// Parts are the byte spans of each quoted part in the input, in order:
	// one for a simple quotation, more for one interrupted by its
	// attribution or running over paragraphs. Text == input[Parts[0].Start:Parts[0].End].
	Parts []Span
	// Speaker is the fullest name the article uses for the speaker, the
	// article's own description when it never names them, or "" when unknown.
	Speaker string
	// Cue is the reporting verb or phrase found ("said", "told reporters",
	// "according to"), "" if none; a quotation that continues the previous
	// one's speaker carries that one's cue.
	Cue string
	// Start and End are the byte span of the whole quotation including its
	// marks (and, for a split quotation, the attribution between the parts).
	Start, End int
}

// Span is a byte range [Start, End) of the input.
type Span struct{ Start, End int }

// Texts returns every part of q as written in text, the input q was
// extracted from. Parts outside text are skipped.
func (q Quote) Texts(text string) []string {
	out := make([]string, 0, len(q.Parts))
	for _, p := range q.Parts {
		if p.Start >= 0 && p.Start <= p.End && p.End <= len(text) {
			out = append(out, text[p.Start:p.End])
		}
	}
	return out
}

// candidate is a quotation being attributed.
type candidate struct {
	raw        rawQuote
	para       int // paragraph of the first part
	lastPara   int // paragraph of the last part
	words      int
	speaker    string // resolved
	cue        string
	cuePos     int
	attributed bool // an attribution of its own was found
	adjacent   bool // the attribution directly follows or precedes the marks
	afterAttr  bool // the attribution follows the marks
	own        bool // an attribution of its own, not inherited
	afterEnd   int  // where the attribution after the quotation ends, -1 if none
	sentenceIn bool // the quotation starts its sentence
	person     bool // the speaker is a named person
	plural     bool // the speaker is a group (for "they")
	gender     byte
	cjk        bool // in Chinese or Japanese text
}

// Extract returns the direct quotations in text, in text order. text is an
// article's main text with paragraphs separated by line breaks.
func Extract(text string) []Quote {
	if !anyMarkByte(text) {
		return nil // no mark, no quotation (and no paragraphs to split)
	}
	paras := paragraphs(text)
	raws := scanMarks(text, paras)
	if len(raws) == 0 {
		return nil
	}
	ix := buildIndex(text, paras, raws)
	paraOf := func(pos int) int {
		lo, hi := 0, len(paras)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if paras[mid].Start <= pos {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	cands := make([]*candidate, 0, len(raws))
	for _, r := range raws {
		c := &candidate{raw: r, para: paraOf(r.start), lastPara: paraOf(r.end - 1), afterEnd: -1}
		for _, p := range r.parts {
			for _, t := range tokenize(text, p.Start, p.End) {
				c.words += wordCount(t)
			}
		}
		cands = append(cands, c)
	}
	a := &attributor{src: text, paras: paras, ix: ix, cands: cands, german: germanText(text)}
	for _, r := range raws {
		a.quoted = append(a.quoted, Span{Start: r.start, End: r.end})
	}
	a.attribute()
	var out []Quote
	var uses *capitalWords
	wordUsesOnce := func() capitalWords {
		if uses == nil {
			u := wordUses(text)
			uses = &u
		}
		return *uses
	}
	for _, c := range a.cands {
		if !a.keep(c) {
			continue
		}
		if !c.cjk {
			c.speaker = a.dropOpener(c.speaker, wordUsesOnce) // Rival Hillary Clinton; Pressure
		}
		if owner := stripPossessive(c.speaker); owner != c.speaker && !c.cjk && strings.Contains(c.speaker, " ") {
			// The Florida senator's answer was that "…": the answer's
			// owner, not "The Florida senator's".
			c.speaker = owner
		}
		if !validSpeaker(c.speaker) || a.german && !a.germanSpeakerOK(c.speaker) {
			c.speaker = "" // a pronoun or fragment slipped through: say nothing
		}
		if issuer, doc := documentIssuer(c.speaker); doc {
			// "…," the statement said: a writing, not who wrote it; the
			// firm’s statement is the firm's words.
			c.speaker = issuer
			if issuer != "" && unicode.IsUpper(r0(issuer)) && !strings.Contains(issuer, " ") {
				c.speaker = a.ix.fullName(issuer)
			}
		}
		q := Quote{
			Parts:   c.raw.parts,
			Speaker: c.speaker,
			Cue:     c.cue,
			Start:   c.raw.start,
			End:     c.raw.end,
		}
		q.Text = text[q.Parts[0].Start:q.Parts[0].End]
		out = append(out, q)
	}
	return out
}

// wordCount returns how many words a token counts for: one, or for
// Chinese, Japanese and Korean text, written without spaces, one for every
// two characters.
func wordCount(t token) int {
	if !t.word {
		return 0
	}
	cjk := 0
	for _, r := range t.s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			cjk++
		}
	}
	if cjk < 2 {
		return 1
	}
	return (cjk + 1) / 2
}
