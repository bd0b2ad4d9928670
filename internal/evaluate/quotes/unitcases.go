package quotes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/quote"
)

// unitCasesFile holds textacy's direct-quotation cases.
const unitCasesFile = "textacy-direct-quotations.json"

// unitFile is textacy-direct-quotations.json.
type unitFile struct {
	Cases []unitCase `json:"cases"`
}

type unitCase struct {
	Lang     string `json:"lang"`
	Text     string `json:"text"`
	Expected *[]struct {
		Speaker []string `json:"speaker_tokens"`
		Cue     []string `json:"cue_tokens"`
		Content string   `json:"content"`
	} `json:"expected"`
	SpeakerTokens []string `json:"expected_speaker_tokens"`
}

// UnitCases runs textacy's direct-quotation cases in dir.
//
// A case listing its quotations passes when Extract finds exactly those
// quotations (content without its marks, verbatim) and each speaker agrees
// with the expected speaker tokens. A case listing only speaker tokens (over
// all its quotations, in order) passes when Extract finds quotations, each
// predicted speaker agrees with some run of the expected tokens and every
// expected name token is in some predicted speaker: this allows a quotation
// continued into the next paragraph to be one quotation where textacy counts
// two. textacy keeps pronouns as speakers where newshound resolves them, so an
// expected pronoun is met by an empty speaker or by a name the text gives
// before the quotation.
func UnitCases(dir string) (passed, total int, failures []string, err error) {
	raw, err := os.ReadFile(filepath.Join(dir, unitCasesFile))
	if err != nil {
		return 0, 0, nil, fmt.Errorf("quotes: %w", err)
	}
	var f unitFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, 0, nil, fmt.Errorf("quotes: parse unit cases: %w", err)
	}
	for i, c := range f.Cases {
		total++
		qs := quote.Extract(c.Text)
		var why string
		if c.Expected != nil {
			why = checkExpected(c, qs)
		} else {
			why = checkSpeakers(c, qs)
		}
		if why == "" {
			passed++
			continue
		}
		failures = append(failures, fmt.Sprintf("case %d (%s) %.50q: %s", i+1, c.Lang, c.Text, why))
	}
	return passed, total, failures, nil
}

// checkExpected compares quotations with a case's expected list; "" means pass.
func checkExpected(c unitCase, qs []quote.Quote) string {
	exp := *c.Expected
	if len(qs) != len(exp) {
		return fmt.Sprintf("found %d quotations, want %d", len(qs), len(exp))
	}
	for k, e := range exp {
		want := stripMarks(e.Content)
		if qs[k].Text != want {
			return fmt.Sprintf("quotation %d is %q, want %q", k+1, qs[k].Text, want)
		}
		if !speakerMatches(c.Text, qs[k], strings.Join(e.Speaker, " ")) {
			return fmt.Sprintf("quotation %d speaker %q, want %q", k+1, qs[k].Speaker, strings.Join(e.Speaker, " "))
		}
	}
	return ""
}

// checkSpeakers compares quotations' speakers with a case's speaker tokens.
func checkSpeakers(c unitCase, qs []quote.Quote) string {
	if len(qs) == 0 {
		return "found no quotations"
	}
	toks := c.SpeakerTokens
	for k, q := range qs {
		ok := false
		for i := 0; i < len(toks) && !ok; i++ {
			for j := i + 1; j <= len(toks) && j <= i+4; j++ {
				if speakerMatches(c.Text, q, strings.Join(toks[i:j], " ")) {
					ok = true
					break
				}
			}
		}
		if !ok {
			return fmt.Sprintf("quotation %d speaker %q is none of %q", k+1, q.Speaker, toks)
		}
	}
	for _, t := range toks {
		if pronouns[strings.ToLower(t)] {
			continue
		}
		seen := false
		for _, q := range qs {
			if containsWord(normalizeFull(q.Speaker), normalizeFull(t)) || normalizeFull(t) == "" {
				seen = true
			}
		}
		if !seen {
			return fmt.Sprintf("no quotation attributed to %q", t)
		}
	}
	return ""
}

// speakerMatches reports whether q's speaker agrees with the expected
// speaker text want.
func speakerMatches(text string, q quote.Quote, want string) bool {
	if pronouns[strings.ToLower(want)] {
		return q.Speaker == "" || strings.Contains(text[:q.Start], q.Speaker)
	}
	return sameSpeaker(q.Speaker, want)
}

// stripMarks removes the opening and closing quotation marks of content.
func stripMarks(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	_, m := utf8.DecodeLastRuneInString(s)
	if n+m > len(s) {
		return s
	}
	return s[n : len(s)-m]
}
