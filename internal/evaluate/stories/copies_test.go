package stories

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/story"
)

// TestTextCopies measures what the text signal adds, on the full texts of the summary set (CNN/DM and
// XSum articles, distinct events; the BBC pages' video placeholder glued into the XSum texts taken
// out): each article is assigned, then copies of it made as outlets edit wire copy — a dateline in
// front and the end cut off (to 80% or to half of its words), with a headline and a lead that share
// no word with the original's, so that only the text can tell. A copy should join its original's
// story through the near-duplicate signal; the originals should not join each other. The figures are
// logged (go test -v -run TestTextCopies ./internal/evaluate/stories).
func TestTextCopies(t *testing.T) {
	f, err := os.Open("/work/shared/data/summaries/pairs.validation.jsonl")
	if err != nil {
		t.Skipf("summary data not available: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var p struct{ Article string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.ReplaceAll(p.Article, bbcPlaceholder, " ")) // page furniture, see texts.go
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, keep := range []float64{0.8, 0.5} {
		c := story.New(story.Config{})
		ids := make([]int64, len(texts))
		falseJoins := 0
		reasons := map[string]int{}
		for i, text := range texts {
			a := c.Assign(story.Article{Title: firstWords(text, 12), Text: text, Lang: "en", Time: at})
			if !a.New {
				falseJoins++
				reasons[a.Reason.String()]++
			}
			ids[i] = a.Story
		}
		joined, byText, withoutText := 0, 0, 0
		for i, text := range texts {
			words := strings.Fields(text)
			cp := "CITY (Agency) - " + strings.Join(words[:int(float64(len(words))*keep)], " ")
			a := c.Assign(story.Article{Title: fmt.Sprintf("Update %d", i), Lead: neutralLead, Text: cp, Lang: "en", Time: at.Add(time.Hour)})
			if a.Story == ids[i] {
				joined++
				if a.Reason == story.ReasonDuplicate {
					byText++
				}
			}
		}
		// The same copies without their text: title and lead alone cannot tell.
		c2 := story.New(story.Config{})
		for i, text := range texts {
			ids[i] = c2.Assign(story.Article{Title: firstWords(text, 12), Text: text, Lang: "en", Time: at}).Story
		}
		for i := range texts {
			if a := c2.Assign(story.Article{Title: fmt.Sprintf("Update %d", i), Lead: neutralLead, Lang: "en", Time: at.Add(time.Hour)}); a.Story == ids[i] {
				withoutText++
			}
		}
		n := len(texts)
		t.Logf("copies keeping %.0f%% of the words: %d/%d join their original (%d by the text signal); without the text (title and lead only) %d/%d; originals joining another: %d/%d %v",
			100*keep, joined, n, byText, withoutText, n, falseJoins, n, reasons)
		if keep == 0.8 && joined < n*9/10 {
			t.Errorf("only %d of %d light copies joined their original", joined, n)
		}
		if falseJoins > n/20 {
			t.Errorf("%d of %d distinct articles joined another's story", falseJoins, n)
		}
	}
}

// neutralLead is a copy's lead: it shares no word with any article.
const neutralLead = "From our wire service."
