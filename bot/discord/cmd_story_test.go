package discord

import (
	"context"
	"strings"
	"testing"
	"time"

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
