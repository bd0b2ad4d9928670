package watchers

import (
	"context"
	"strings"
	"unicode"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/summary"
)

// A story's later article that matches a watch is posted as a follow-up
// under the story's alert when it adds something the story's earlier
// articles did not have: a direct quote none of them carries, or a
// sentence that mentions what the watch matched and whose words are mostly
// new to the story (a rewrite of the same facts reuses their words; a new
// development brings its own). Only the earlier articles stored when the
// article is read count: with none stored, nothing is called new.

// Novelty thresholds.
const (
	storyContext     = 50  // earlier articles compared against
	minNewQuote      = 30  // characters of a quote for it to count
	minNewWords      = 6   // new content words a sentence needs
	newWordShare     = 0.6 // and the share of its content words that are new
	followUpSentence = 2   // sentences and quotes a follow-up carries at most
	followUpQuotes   = 2
)

// storyText is what the story's earlier articles said: their folded
// text (for quotes) and content words (for sentences).
type storyText struct {
	text  []string // folded title + text of each article
	words map[string]bool
}

// earlierText reads the story's other articles; nil when there are none
// (or they cannot be read: then nothing is called new, and it is logged).
func (w *Watcher) earlierText(ctx context.Context, a store.Article, story int64) *storyText {
	others, err := w.store.StoryArticles(ctx, story, a.ID, storyContext)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("story's articles unreadable: no follow-up", "feed", a.Feed, "article_url", a.URL, "story", story, "error", err)
		}
		return nil
	}
	st := &storyText{words: map[string]bool{}}
	for _, o := range others {
		if o.Identity == a.Identity || strings.TrimSpace(o.Text+o.FeedText) == "" {
			continue
		}
		folded := match.Fold(o.Title + "\n" + o.FeedText + "\n" + o.Text)
		st.text = append(st.text, folded)
		for _, wd := range contentWords(folded) {
			st.words[wd] = true
		}
	}
	if len(st.text) == 0 {
		return nil
	}
	return st
}

// contentWords are the words of folded text that carry content: four
// letters or more, or any number.
func contentWords(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

func isContentWord(wd string) bool {
	n := 0
	for _, r := range wd {
		if unicode.IsNumber(r) {
			return true
		}
		n++
	}
	return n >= 4
}

// followUp returns the follow-up alert of al (the article's alert for a
// watch) holding only what the article adds to the story: its new quotes
// and new sentences that mention the watch's matched terms; ok is false
// when it adds nothing.
func followUp(al alert.Alert, text string, quotes []quote.Quote, earlier *storyText) (alert.Alert, bool) {
	if earlier == nil {
		return alert.Alert{}, false
	}
	var terms []string
	for _, m := range al.Matched {
		if f := strings.TrimSpace(match.Fold(m)); f != "" {
			terms = append(terms, f)
		}
	}
	if len(terms) == 0 {
		return alert.Alert{}, false
	}
	mentions := func(folded string) bool {
		for _, t := range terms {
			if strings.Contains(folded, t) {
				return true
			}
		}
		return false
	}
	said := func(folded string) bool {
		for _, t := range earlier.text {
			if strings.Contains(t, folded) {
				return true
			}
		}
		return false
	}
	out := al
	out.Summary, out.Quotes = "", []alert.Quote{}
	for _, q := range quotes {
		f := strings.TrimSpace(match.Fold(q.Text))
		if len([]rune(f)) < minNewQuote || said(f) || !(mentions(f) || mentions(match.Fold(q.Speaker))) {
			continue
		}
		out.Quotes = append(out.Quotes, alert.Quote{Text: q.Text, Speaker: q.Speaker})
		if len(out.Quotes) == followUpQuotes {
			break
		}
	}
	var sentences []string
	for _, sp := range summary.Split(text) {
		s := text[sp.Start:sp.End]
		f := match.Fold(s)
		if !mentions(f) || said(strings.TrimSpace(f)) {
			continue
		}
		total, fresh := 0, 0
		for _, wd := range contentWords(f) {
			if !isContentWord(wd) {
				continue
			}
			total++
			if !earlier.words[wd] {
				fresh++
			}
		}
		if fresh >= minNewWords && float64(fresh) >= newWordShare*float64(total) && !quoted(s, out.Quotes) {
			sentences = append(sentences, s)
			if len(sentences) == followUpSentence {
				break
			}
		}
	}
	out.Summary = summary.Join(sentences)
	return out, out.Summary != "" || len(out.Quotes) > 0
}

// quoted reports whether sentence s holds one of the quotes (shown already).
func quoted(s string, qs []alert.Quote) bool {
	for _, q := range qs {
		if strings.Contains(s, q.Text) {
			return true
		}
	}
	return false
}
