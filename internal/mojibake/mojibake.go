// Package mojibake repairs UTF-8 text that was once decoded as Windows-1252
// (or Latin-1) and encoded as UTF-8 again — "Putinâ€™s" for "Putin’s",
// "FranÃ§ois" for "François", "ZÃ¼rich" for "Zürich" — a common quirk of
// WordPress and other CMS feeds and pages. A watch for "Putin" never sees
// the word in "Putinâ€™s": the tokenizer reads "Putinâ" as one word.
//
// The repair is ftfy's fix_encoding, by runs: a run of characters that,
// encoded back to Windows-1252 (Latin-1 for its five undefined bytes and
// for C1 controls), forms well-formed UTF-8 multi-byte sequences — a lead
// byte 0xC2–0xF4 (shown as Â…ô) followed by its continuation bytes
// 0x80–0xBF (shown as €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ and NBSP…¿) — is
// decoded as UTF-8, but only where the result is clearly better:
//
//   - every decoded character must be one real text uses (a letter of a
//     script, punctuation, a symbol, an emoji); a sequence that decodes to
//     a Samaritan or N'Ko letter, an IPA sign or a C1 control is left
//     (French "voilà »" with a no-break space would read à+NBSP+» as
//     Samaritan; German "groß“" as N'Ko) — but for a C1 control in a run
//     of two or more, the middle layer of text encoded twice over;
//   - and the characters must be ones real text never writes together: a
//     continuation that never follows a letter (€, §, ¼, ±, ¤, a C1
//     control…), or two sequences in a row. A single sequence whose
//     continuations are punctuation real text does put after a word (’ ” »
//     … – — NBSP ° ² ™ ® ©…) is repaired only where the letters around it
//     say so: a two-byte one inside a word or after a lower-case letter
//     ("piÃ¹" is "più"), never after a capital or alone, where the lead is
//     as likely a real capital ending a word (Portuguese "IRMÃ”", a lone
//     "Ã") — but for the one-letter words é, ó, ú and à ("Ã©" alone is
//     "é"; "Ã" and a no-break space is "à", unless the space is one that
//     typography puts before » : ; ! ? %); a three- or four-byte one only
//     when it decodes to punctuation, a symbol, Vietnamese or an emoji,
//     never a single CJK character.
//
// "Â" followed by a Latin-1 symbol ("Â©2024", "Â°C", "Â£5", "Â" and a
// no-break space) is the mojibake of that symbol: no language writes a
// capital Â before a symbol. "â€" with its third byte lost (0x9D is
// undefined in Windows-1252, and many converters drop it) before a space,
// punctuation or the end is "”". Text encoded twice over ("Ã¢â‚¬â„¢") is
// repaired until it reads as text ("’").
//
// Real text stays as it is: Portuguese "SÃO PAULO" and "NÃO" (a capital Ã
// before a letter), French "â" words, "Â" alone, "©" after a capital in a
// name, a lone "Ã" at a word's end.
//
// Every lead byte shows as a character U+00C2–U+00F4, written in UTF-8
// with the byte 0xC3: a text without that byte (all English text, most of
// any other) is returned as it is, after one byte scan and no allocation.
package mojibake

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Repair returns s with its double-encoded UTF-8 decoded (see the package
// documentation). It returns s itself when there is nothing to repair.
func Repair(s string) string {
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	for {
		t, ok := pass(s)
		if !ok {
			return s
		}
		s = t // text encoded twice over: once more
	}
}

// pass repairs s once; ok is false when it repairs nothing.
func pass(s string) (string, bool) {
	var b strings.Builder
	var buf [maxRun]seq
	last := 0 // s[last:] is not written yet
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], 0xC3)
		if j < 0 {
			break
		}
		i += j
		if !maybeLead(s, i) {
			i++
			continue
		}
		seqs := run(s, i, buf[:0])
		if len(seqs) == 0 {
			i++
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		for _, q := range seqs {
			b.WriteRune(q.r)
		}
		last = seqs[len(seqs)-1].end
		i = last
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// maybeLead reports whether s[i] (0xC3) may start a sequence: a lead
// character U+00C2–U+00F4, and after it the first byte of a continuation
// character's UTF-8 (U+0080–U+00BF, or one of Windows-1252's punctuation,
// Š š Œ œ Ž ž Ÿ ƒ ˆ ˜). Most "é" of real text are followed by a letter and
// go no further.
func maybeLead(s string, i int) bool {
	if i+2 >= len(s) || s[i+1] < 0x82 || s[i+1] > 0xB4 {
		return false
	}
	switch s[i+2] {
	case 0xC2, 0xC5, 0xC6, 0xCB, 0xE2:
		return true
	}
	return false
}

// maxRun is the most sequences one run is read to; a longer run is
// repaired in parts.
const maxRun = 16

// seq is one candidate sequence: its lead at start, its end, the rune it
// decodes to, whether one of its continuations is strong.
type seq struct {
	start, end int
	r          rune
	strong     bool
	lead       byte
	c1         bool // r is a C1 control: the middle layer of text encoded twice over
}

// run reads the run of candidate sequences at s[i] (the byte 0xC3) into
// seqs and returns those to repair: none, or all of them (see the package
// documentation).
func run(s string, i int, seqs []seq) []seq {
	for at := i; len(seqs) < cap(seqs); {
		q, ok := sequence(s, at)
		if !ok {
			break
		}
		seqs = append(seqs, q)
		at = q.end
	}
	if len(seqs) == 1 && (seqs[0].c1 || !repairSingle(s, seqs[0])) {
		return seqs[:0]
	}
	return seqs
}

// sequence reads one candidate sequence at s[at]: a lead character
// U+00C2–U+00F4 and the continuation characters it needs, which together
// encode as Windows-1252 to a well-formed UTF-8 sequence decoding to a
// character real text uses. "â€" whose third byte was lost is ”.
func sequence(s string, at int) (seq, bool) {
	if at+1 >= len(s) || s[at] != 0xC3 || s[at+1] < 0x82 || s[at+1] > 0xB4 {
		return seq{}, false
	}
	lead := s[at+1] + 0x40 // U+00C2–U+00F4 as a byte
	n := 1
	switch {
	case lead >= 0xF0:
		n = 3
	case lead >= 0xE0:
		n = 2
	}
	var enc [4]byte
	enc[0] = lead
	q := seq{start: at, lead: lead}
	p := at + 2
	for k := 1; k <= n; k++ {
		r, size := utf8.DecodeRuneInString(s[p:])
		c, ok := continuation(r)
		if !ok {
			if k == 2 && lead == 0xE2 && enc[1] == 0x80 && lostThird(s[p:]) {
				// "â€" before a space, punctuation or the end: ” with its 0x9D lost
				return seq{start: at, end: p, r: '\u201d', strong: true, lead: lead}, true
			}
			return seq{}, false
		}
		enc[k] = c
		if strongContinuation(c, lead) {
			q.strong = true
		}
		p += size
	}
	r, size := utf8.DecodeRune(enc[:n+1])
	q.c1 = 0x80 <= r && r < 0xA0
	if r == utf8.RuneError || size != n+1 || !q.c1 && !plausible(r) {
		return seq{}, false
	}
	q.end, q.r = p, r
	return q, true
}

// lostThird reports whether the text after "â€" is what follows a ” whose
// last byte was dropped: white space, ASCII punctuation, or nothing.
func lostThird(rest string) bool {
	if rest == "" {
		return true
	}
	c := rest[0]
	return c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// repairSingle decides a run of one sequence (see the package
// documentation): one with a strong continuation is repaired; a weak one
// (all its continuations punctuation that may follow a word) only inside a
// word or after a lower-case letter, when two bytes long, or when it
// decodes to punctuation, a symbol, Vietnamese or an emoji.
func repairSingle(s string, q seq) bool {
	if q.strong {
		return true
	}
	if q.lead >= 0xE0 {
		r := q.r
		return 0x1E00 <= r && r <= 0x1EFF || 0x2000 <= r && r <= 0x2BFF || 0x1F000 <= r && r <= 0x1FAFF
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:q.start])
	next, _ := utf8.DecodeRuneInString(s[q.end:])
	if unicode.IsLower(prev) || unicode.IsLetter(next) {
		return true
	}
	if !unicode.IsLetter(prev) && strings.ContainsRune("éóú", q.r) {
		return true // a one-letter word (Portuguese "é", Spanish "ó"); no word is "Ã©"
	}
	if q.r == 'à' {
		// "Ã" and a no-break space is "à" (a word of French, Italian,
		// Portuguese; "Hà Nội"), unless the space is typography's before
		// a closing sign ("IRMÃ »")
		return !strings.ContainsRune("»:;!?%", next)
	}
	return false
}

// continuation gives the Windows-1252 byte 0x80–0xBF of r, with Latin-1
// for the bytes Windows-1252 leaves undefined and for C1 controls.
func continuation(r rune) (byte, bool) {
	if 0x80 <= r && r <= 0xBF {
		return byte(r), true
	}
	switch r {
	case '€':
		return 0x80, true
	case '‚':
		return 0x82, true
	case 'ƒ':
		return 0x83, true
	case '„':
		return 0x84, true
	case '…':
		return 0x85, true
	case '†':
		return 0x86, true
	case '‡':
		return 0x87, true
	case 'ˆ':
		return 0x88, true
	case '‰':
		return 0x89, true
	case 'Š':
		return 0x8A, true
	case '‹':
		return 0x8B, true
	case 'Œ':
		return 0x8C, true
	case 'Ž':
		return 0x8E, true
	case '‘':
		return 0x91, true
	case '’':
		return 0x92, true
	case '“':
		return 0x93, true
	case '”':
		return 0x94, true
	case '•':
		return 0x95, true
	case '–':
		return 0x96, true
	case '—':
		return 0x97, true
	case '˜':
		return 0x98, true
	case '™':
		return 0x99, true
	case 'š':
		return 0x9A, true
	case '›':
		return 0x9B, true
	case 'œ':
		return 0x9C, true
	case 'ž':
		return 0x9E, true
	case 'Ÿ':
		return 0x9F, true
	}
	return 0, false
}

// strongContinuation reports whether the continuation byte c (as
// Windows-1252 shows it) is one real text never writes right after the
// lead: anything but the punctuation and marks that may end a word (’ ‘ ”
// “ „ ‚ » « ‹ › … – — • † ‡ NBSP ´ ° ¹ ² ³ ª º ™ ® ©). A soft hyphen is
// strong: it stands between letters, and no letter is a continuation.
// After Â, the Latin-1 symbols are strong too: "Â©" is always "©".
func strongContinuation(c, lead byte) bool {
	switch c {
	case 0x92, 0x91, 0x94, 0x93, 0x84, 0x82, 0x8B, 0x9B, 0x85, 0x96, 0x97, 0x95, 0x86, 0x87, 0x99:
		return false
	case 0xBB, 0xAB, 0xA0, 0xB4, 0xB0, 0xB9, 0xB2, 0xB3, 0xAA, 0xBA, 0xAE, 0xA9:
		return lead == 0xC2
	}
	return true
}

// plausible reports whether r is a character real text uses: a letter of
// a living script, punctuation, a symbol or an emoji — not a C1 control,
// an IPA sign, or a letter of a script mojibake of Latin text falls into
// (Samaritan, Syriac, Thaana, N'Ko, Canadian syllabics…).
func plausible(r rune) bool {
	switch {
	case r < 0xA0:
		return false
	case r <= 0x024F: // Latin-1 symbols and letters, Latin Extended-A and -B
		return true
	case r <= 0x02AF: // IPA
		return false
	case r <= 0x058F: // modifier letters, combining marks, Greek, Cyrillic, Armenian
		return true
	case r <= 0x05FF: // Hebrew: points and letters
		return 0x05B0 <= r && r <= 0x05C7 || 0x05D0 <= r && r <= 0x05F4
	case r <= 0x06FF: // Arabic
		return true
	case r < 0x0900:
		return false
	case r <= 0x0EFF: // Indic scripts, Thai, Lao
		return true
	case r < 0x10A0:
		return false
	case r <= 0x10FF: // Georgian
		return true
	case r < 0x1E00:
		return false
	case r <= 0x1FFF: // Latin Extended Additional (Vietnamese), Greek Extended
		return true
	case r <= 0x2BFF: // punctuation, sub- and superscripts, currency, letterlike, arrows, maths, shapes, dingbats
		return true
	case r < 0x3000:
		return false
	case r <= 0x31FF, 0x3400 <= r && r <= 0x4DBF, 0x4E00 <= r && r <= 0x9FFF, 0xAC00 <= r && r <= 0xD7A3:
		return true // CJK punctuation, kana, CJK ideographs, Hangul
	case 0xFE00 <= r && r <= 0xFE0F, r == 0xFEFF, 0xFF00 <= r && r <= 0xFFEF:
		return true // variation selectors, the byte-order mark, full-width forms
	case 0x1F000 <= r && r <= 0x1FAFF:
		return true // emoji
	}
	return false
}

// RepairBytes is Repair of a document in memory (a page after its charset
// is decoded): b itself when there is nothing to repair, else a new slice.
// b is only read.
func RepairBytes(b []byte) []byte {
	if bytes.IndexByte(b, 0xC3) < 0 {
		return b
	}
	// s is b read only, and not kept: Repair returns it or a new string,
	// shorter (a repair always shortens the text).
	s := unsafe.String(unsafe.SliceData(b), len(b))
	if t := Repair(s); len(t) != len(s) {
		return []byte(t)
	}
	return b
}
