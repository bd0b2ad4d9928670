package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The referent of a pronoun source. PolNeAR annotates "he said" as the
// source "he" and gives no coreference, so the scorer must stand in for
// it. Taking only the nearest earlier annotated source that names someone
// misreads a common pattern of news copy, where the person is brought in
// by a sentence of narration that attributes nothing:
//
//	Mr. Obama dismissed the criticism as the voice of Mr. Tribe's client.
//	"You know, I love Larry," he said.
//
// Here the nearest annotated source may be someone quoted paragraphs
// before. So a pronoun source also stands for the recent subject: the name
// that opens the last sentence of narration before the pronoun, in its
// paragraph or the one before (after an opening phrase such as "On Sunday,"
// and titles such as "Mr."). The rule is the evaluation's own and reads
// only the text; it is a stand-in for a human reading, checked by hand on a
// sample (see /work/notes/speakers.md in the project's history).

// sentenceOpeners are words that open an introductory phrase ending at the
// first comma: "On Sunday, Trump went on the offensive."
var sentenceOpeners = evalSet(`in on at after before when while since meanwhile but and still yet however
instead later earlier asked speaking during despite with without for as though although then also so now
today yesterday last this by from under over following amid within`)

// subjectStop are capitalised words that open a sentence without naming
// anyone.
var subjectStop = evalSet(`he she it they we i you his her their its our my your the a an this that these
those there here what who why how when where which if some many most all both each every no one another
other such mr mrs ms nobody everyone everybody someone somebody anyone anybody none`)

// evalTitleWords are titles before a name.
var evalTitleWords = evalSet(`mr mrs ms dr sen rep gov gen lt col rev prof president former senator governor
vice secretary judge justice mayor chairman chairwoman speaker rabbi pastor father sister`)

// abbreviations whose full stop does not end a sentence.
var abbreviations = evalSet(`mr mrs ms dr sen rep gov gen lt col rev prof st jr sr u.s u.n d.c no vs inc co corp`)

// recentSubject returns the name opening the last sentence of narration
// that ends before pos, within pos's paragraph and the one before it; ""
// when there is none.
func recentSubject(text string, pos int) string {
	if pos <= 0 || pos > len(text) {
		return ""
	}
	from := paragraphStart(text, pos)
	if from > 0 {
		from = paragraphStart(text, len(strings.TrimRight(text[:from], " \t\r\n")))
	}
	last := ""
	for _, s := range sentences(text[from:pos]) {
		if subj := sentenceSubject(s); subj != "" {
			last = subj
		}
	}
	return last
}

// paragraphStart returns where the paragraph holding pos starts: after the
// last line break before it.
func paragraphStart(text string, pos int) int {
	return strings.LastIndexByte(text[:pos], '\n') + 1
}

// sentences splits narration into sentences at a full stop, question or
// exclamation mark followed by a space or line break, except after an
// abbreviation or an initial (Mr. Obama, Laurence H. Tribe).
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			out = append(out, s[start:i])
			start = i + 1
			continue
		}
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.ContainsRune("\"'”’", rune(s[j])) {
			j++
		}
		if j < len(s) && s[j] != ' ' && s[j] != '\n' {
			continue
		}
		if c == '.' {
			w := lastWord(s[start:i])
			if abbreviations[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1 {
				continue
			}
		}
		out = append(out, s[start:j])
		start = j
	}
	return append(out, s[start:])
}

// lastWord returns the word just before the end of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimLeft(f[len(f)-1], "\"'“‘(")
}

// sentenceSubject returns the name that opens a sentence of narration
// (not one opening with a quotation mark), after an opening phrase and
// titles, when the sentence opens with one; a possessive (Trump's
// campaign said) is no subject.
func sentenceSubject(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsRune("\"'“‘«„", r0(s)) {
		return ""
	}
	ws := strings.Fields(s)
	k := 0
	if sentenceOpeners[strings.ToLower(trimWord(ws[0]))] {
		k = -1
		for j := 0; j < len(ws) && j < 12; j++ {
			if strings.HasSuffix(ws[j], ",") {
				k = j + 1
				break
			}
		}
		if k < 0 {
			return ""
		}
	}
	for k < len(ws) && evalTitleWords[strings.ToLower(trimWord(ws[k]))] && upper(ws[k]) {
		k++
	}
	var name []string
	for ; k < len(ws); k++ {
		w := ws[k]
		tw := trimWord(w)
		if tw == "" || !upper(tw) {
			break
		}
		if len(name) == 0 && subjectStop[strings.ToLower(tw)] {
			return ""
		}
		if strings.HasSuffix(tw, "’s") || strings.HasSuffix(tw, "'s") {
			return "" // Trump's campaign said
		}
		if utf8.RuneCountInString(tw) == 1 && strings.HasSuffix(w, ".") {
			name = append(name, tw+".") // an initial: Laurence H. Tribe
		} else {
			name = append(name, tw)
		}
		if tw != strings.TrimRight(w, ".") || strings.HasSuffix(w, ".") && utf8.RuneCountInString(tw) > 1 {
			break // punctuation after the word ends the name
		}
	}
	// McConnell spokesman Don Stewart: a role after a name introduces
	// the person named after it.
	if len(name) > 0 && k < len(ws) && subjectRoles[strings.ToLower(trimWord(ws[k]))] {
		for k < len(ws) && subjectRoles[strings.ToLower(trimWord(ws[k]))] {
			k++
		}
		return sentenceSubject(strings.Join(ws[k:], " "))
	}
	return strings.Join(name, " ")
}

// subjectRoles are role nouns that may stand between a name and the
// person it describes (Trump campaign manager Kellyanne Conway).
var subjectRoles = evalSet(`spokesman spokeswoman spokesperson aide adviser advisor campaign manager chairman
chairwoman press secretary director attorney lawyer chief senior top spokesmen official officials strategist
supporter supporters staffer communications deputy senator rep representative`)

// trimWord strips punctuation around a word, keeping a possessive.
func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
	})
}

func upper(w string) bool { return unicode.IsUpper(r0(w)) }

func r0(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
