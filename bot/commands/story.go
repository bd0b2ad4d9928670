package commands

import (
	"context"
	"strings"

	"github.com/newshound/newshound/internal/store"
)

// Story limits: the articles and quotes /story reads of one story.
const (
	StoryArticles = 100
	storyQuotes   = 500
)

// Story is /story's answer: the story of a stored article, its articles
// oldest first (at most StoryArticles; Total counts them all), and its
// quotes grouped by speaker, the speakers in the order they were first
// quoted, unattributed quotes under an empty Speaker, last.
type Story struct {
	ID       int64
	Articles []store.Article
	Total    int
	Speakers []SpeakerQuotes
}

// SpeakerQuotes is what one speaker was quoted saying in a story, each
// quote once (as first reported), with the article that carried it.
type SpeakerQuotes struct {
	Speaker string
	Quotes  []StoryQuote
}

// StoryQuote is a quote of a story with its article.
type StoryQuote struct {
	Text    string
	Article store.Article
}

// Story finds a stored article by its link (canonical form first, then as
// typed) and answers with its story.
func (l *Lookups) Story(ctx context.Context, link string) (Story, *Problem) {
	st := l.Store
	a, p := l.articleByLink(ctx, "story", link)
	if p != nil {
		return Story{}, p
	}
	id, err := st.ArticleStory(ctx, a.Identity)
	if err != nil {
		l.log().Error("bot: story", "error", err.Error())
		return Story{}, problem(Failed, plain("Reading the story failed; it has been logged."))
	}
	if id == 0 {
		return Story{Articles: []store.Article{*a}, Total: 1}, nil // not read yet, or its story was pruned
	}
	ans := Story{ID: id}
	if ans.Articles, err = st.StoryArticles(ctx, id, 0, StoryArticles); err == nil {
		ans.Total, err = st.StorySize(ctx, id)
	}
	var quotes []store.StoryQuote
	if err == nil {
		quotes, err = st.StoryQuotes(ctx, id, storyQuotes)
	}
	if err != nil {
		l.log().Error("bot: story", "story", id, "error", err.Error())
		return Story{}, problem(Failed, plain("Reading the story failed; it has been logged."))
	}
	ans.Speakers = groupQuotes(quotes, ans.Articles)
	return ans, nil
}

// groupQuotes groups a story's quotes by speaker (names compared without
// case), each quote once — a wire copy repeats its quotes — with the first
// article that carried it.
func groupQuotes(quotes []store.StoryQuote, articles []store.Article) []SpeakerQuotes {
	byID := make(map[int64]store.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
	}
	var out []SpeakerQuotes
	index := map[string]int{}
	seen := map[string]bool{}
	var unattributed *SpeakerQuotes
	for _, q := range quotes {
		text := strings.TrimSpace(q.Text)
		key := strings.ToLower(strings.Join(strings.Fields(text), " "))
		if text == "" || seen[key] {
			continue
		}
		seen[key] = true
		sq := StoryQuote{Text: text, Article: byID[q.ArticleID]}
		speaker := strings.TrimSpace(q.Speaker)
		if speaker == "" {
			if unattributed == nil {
				unattributed = &SpeakerQuotes{}
			}
			unattributed.Quotes = append(unattributed.Quotes, sq)
			continue
		}
		k := strings.ToLower(speaker)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, SpeakerQuotes{Speaker: speaker})
		}
		out[i].Quotes = append(out[i].Quotes, sq)
	}
	if unattributed != nil {
		out = append(out, *unattributed)
	}
	return out
}
