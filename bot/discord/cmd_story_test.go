package discord

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// seedStory stores articles as one story (id), each with its quotes.
func (h *cmdHarness) seedStory(id int64, as []store.Article, quotes [][]store.Quote) {
	h.t.Helper()
	ctx := context.Background()
	for i := range as {
		as[i].Identity, as[i].Status, as[i].SeenAt = as[i].URL, store.StatusPending, h.now
	}
	added, err := h.st.AddArticles(ctx, as)
	if err != nil || len(added) != len(as) {
		h.t.Fatalf("add: %v", err)
	}
	for i, a := range added {
		a.TextSource = "page"
		st := &store.Story{ID: id, First: h.now, Last: h.now, Articles: i + 1, State: []byte(`{}`)}
		c := store.Completion{Article: a, Quotes: quotes[i], Story: st, FoldedTitle: match.Fold(a.Title), FoldedBody: match.Fold(a.Text)}
		if _, err := h.st.CompleteArticles(ctx, []store.Completion{c}, h.now); err != nil {
			h.t.Fatal(err)
		}
	}
}

func TestStoryCommand(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	peskov := store.Quote{Speaker: "Dmitry Peskov", Text: "The visit will take place next week,"}
	h.seedStory(7, []store.Article{
		{URL: "https://agency.example/valmora", Feed: "Agency", Title: "Putin to visit Valmora", Published: h.now.Add(-3 * time.Hour), Text: body("Putin will visit Valmora.")},
		{URL: "https://daily.example/trip", Feed: "Daily **Star**", Title: "Kremlin confirms Valmora trip", Published: h.now.Add(-2 * time.Hour), Text: body("The Kremlin confirmed the trip.")},
		{URL: "https://herald.example/grain", Feed: "Herald", Title: "Grain deal expected", Published: h.now.Add(-time.Hour), Text: body("A grain deal is expected.")},
	}, [][]store.Quote{
		{peskov},
		{peskov, {Speaker: "dmitry peskov", Text: "Talks will cover shipping tariffs."}, {Text: "We are ready."}},
		{{Speaker: "Mayor of Valmora", Text: "Our harbour is open."}},
	})
	h.seed(store.Article{URL: "https://other.example/x", Feed: "Other", Title: "Unrelated", Published: h.now, Text: body("Nothing.")}, nil)

	st := h.viaGateway(slash("story", manageNo, str("url", "https://daily.example/trip?utm_source=x")))
	m, eph := answer(st)
	if eph {
		t.Errorf("ephemeral answer")
	}
	got := text(m)
	for _, w := range []string{"Story: Putin to visit Valmora", "Agency", `Daily \*\*Star\*\*`, "Herald", "[Kremlin confirms Valmora trip](https://daily.example/trip)",
		"https://herald.example/grain", "Dmitry Peskov", "The visit will take place next week", "Talks will cover shipping tariffs",
		"Mayor of Valmora", "Our harbour is open", "Not attributed", "We are ready", "story 7 · 3 articles"} {
		if !strings.Contains(got, w) {
			t.Errorf("answer lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "Unrelated") || strings.Count(got, "The visit will take place") != 1 {
		t.Errorf("answer holds another story's article or a quote twice:\n%s", got)
	}
	// Articles oldest first; Peskov's two quotes under one name.
	if strings.Index(got, "Agency") > strings.Index(got, "Herald") || strings.Count(got, "eskov") != 1 {
		t.Errorf("order or grouping wrong:\n%s", got)
	}
	mustBeSafe(t, m)

	st = h.viaGateway(slash("story", manageNo, str("url", "https://nowhere.example/x")))
	if m, eph := answer(st); !eph || !strings.Contains(text(m), "has not seen") {
		t.Errorf("unknown link: %q (ephemeral %v)", text(m), eph)
	}
}

func TestSearchGroupsByStory(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	h.seedStory(7, []store.Article{
		{URL: "https://agency.example/valmora", Feed: "Agency", Title: "Putin to visit Valmora", Published: h.now.Add(-3 * time.Hour), Text: body("Putin will visit Valmora.")},
		{URL: "https://daily.example/trip", Feed: "Daily", Title: "Kremlin confirms Valmora trip", Published: h.now.Add(-2 * time.Hour), Text: body("The Kremlin confirmed the Valmora trip.")},
		{URL: "https://herald.example/grain", Feed: "Herald", Title: "Grain deal in Valmora expected", Published: h.now.Add(-time.Hour), Text: body("A grain deal is expected in Valmora.")},
	}, [][]store.Quote{nil, nil, nil})
	for i := range 5 { // five stories of one article each, older
		h.seed(store.Article{URL: fmt.Sprintf("https://other.example/%d", i), Feed: "Other", Title: fmt.Sprintf("Valmora harbour note %d", i),
			Published: h.now.Add(-time.Duration(10+i) * time.Hour), Text: body("The Valmora harbour.")}, nil)
	}
	m, _ := answer(h.viaGateway(slash("search", manageNo, str("query", "valmora"))))
	got := text(m)
	for _, w := range []string{"1. Grain deal in Valmora expected", "Same story: [Daily](https://daily.example/trip), [Agency](https://agency.example/valmora)",
		"5. Valmora harbour note 3"} {
		if !strings.Contains(got, w) {
			t.Errorf("page 1 lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "Kremlin confirms") || strings.Contains(got, "note 4") {
		t.Errorf("page 1 shows a story's article as its own hit, or six stories:\n%s", got)
	}
	_, next := buttons(t, m)
	m2, _ := answer(h.viaGateway(discordfake.Interaction{
		Type: discordfake.InteractionMessageComponent, GuildID: guildID, ChannelID: newsroom,
		Member:  &discordfake.Member{User: discordfake.User{ID: userID, Username: "ann"}, Permissions: manageNo},
		Data:    &discordfake.InteractionData{CustomID: next.CustomID, ComponentType: 2},
		Message: h.srv.MessageJSON(m),
	}))
	if got := text(m2); !strings.Contains(got, "6. Valmora harbour note 4") || strings.Contains(got, "Valmora trip") || strings.Contains(got, "Grain deal") {
		t.Errorf("page 2:\n%s", got)
	}
}

// Speakers past the ten shown are counted, as Slack's answer counts them
// ("… and 2 more speakers."), not left out without a word.
func TestStoryCountsSpeakersNotShown(t *testing.T) {
	ans := commands.Story{ID: 7, Total: 1, Articles: []store.Article{{URL: "https://a.example/1", Feed: "Agency", Title: "T"}}}
	for i := range storySpeakers + 2 {
		ans.Speakers = append(ans.Speakers, commands.SpeakerQuotes{Speaker: fmt.Sprintf("Speaker %d", i),
			Quotes: []commands.StoryQuote{{Text: "Said something.", Article: ans.Articles[0]}}})
	}
	e := storyReply(ans).embeds[0]
	if len(e.Fields) != storySpeakers || e.Footer.Text != "story 7 · 1 article · 2 more speakers not shown" {
		t.Errorf("%d speakers shown, footer %q", len(e.Fields), e.Footer.Text)
	}
	ans.Speakers = ans.Speakers[:3]
	if f := storyReply(ans).embeds[0].Footer.Text; f != "story 7 · 1 article" {
		t.Errorf("footer %q with every speaker shown", f)
	}
}
