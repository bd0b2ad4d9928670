package watchers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// quirkCases are ways of writing the same words that news text uses and
// watches do not, each a watch and an item of a feed that it must alert
// (and /search must find) although the two are written differently.
var quirkCases = []struct{ watch, query, title, text string }{
	{"us-sanctions", `"US sanctions"`, "Oil exports fall", "New U.S. sanctions on Iranian oil took effect on Monday."},
	{"us-dotted", `"U.S. tariffs"`, "Steel prices", "Washington said the US tariffs would stay in place."},
	{"troops", `"1,000 troops"`, "Baltic deployment", "Germany will send 1000 troops to Lithuania by 2027."},
	{"soldaten", `"1000 Soldaten"`, "Brigade in Litauen", "Die Bundeswehr verlegt 1.000 Soldaten nach Litauen."},
	{"soldats", `"1000 soldats"`, "Roumanie", "La France déploie 1\u202f000 soldats en Roumanie."},
	{"mittelalter", `Mittelalter`, "Burgen", "Die Burg stammt aus dem frühen Mittel-\nalter, sagen Forscher."},
	{"nordstream", `"Nord-Stream 2"`, "Pipeline", "Die Pipeline Nord-\nStream 2 bleibt stillgelegt."},
	{"homoglyph", `Putin`, "Kremlin", "President \u0420utin said on Tuesday that talks would go on."},
	{"xi", `習近平 北京`, "中法会谈", "国家主席习近平周二在北京会见了法国总统。"},
	{"xi-simplified", `习近平 台湾`, "兩岸關係", "習近平週二就臺灣問題發表講話。"},
	{"guideline", `ガイドライン`, "政府発表", "政府は新しいｶﾞｲﾄﾞﾗｲﾝを発表した。"},
}

func quirksConfig(srv string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "max_age: 48h\narticles: { fetch: false }\nfeeds:\n  - { name: World, url: %q }\nwatches:\n", srv+"/world.rss")
	for _, c := range quirkCases {
		fmt.Fprintf(&b, "  - name: %s\n    query: '%s'\n", c.watch, c.query)
	}
	return b.String()
}

// TestTextQuirksAlertAndSearch: each item alerts its watch, and only it, end
// to end through a feed, and /search's full-text prefilter keeps it.
func TestTextQuirksAlertAndSearch(t *testing.T) { engines(t, testTextQuirksAlertAndSearch) }

func testTextQuirksAlertAndSearch(t *testing.T, newHarness func(*testing.T, string) *harness) {
	fs := newFeedServer(t)
	h := newHarness(t, quirksConfig(fs.URL))
	fs.set("/world.rss", rss())
	h.poll()
	now := time.Now()
	var items []item
	for i, c := range quirkCases {
		items = append(items, item{c.title, fmt.Sprintf("https://news.example/%d", i), c.text, now})
	}
	fs.set("/world.rss", rss(items...))
	_, alerts := h.poll()
	got := map[string][]string{}
	for _, a := range alerts {
		got[a.Title] = append(got[a.Title], a.Watch)
	}
	ctx := context.Background()
	if err := h.store.FlushIndex(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range quirkCases {
		if w := got[c.title]; !slices.Equal(w, []string{c.watch}) {
			t.Errorf("%q alerted %v, want %s (%s)", c.text, w, c.watch, c.query)
		}
		q, err := match.Parse(c.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		err = h.store.SearchArticles(ctx, store.ArticleSearch{Match: q.FTS()}, func(a store.Article) (bool, error) {
			found = found || a.Title == c.title
			return true, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Errorf("search %s (FTS %s) does not find %q", c.query, q.FTS(), c.text)
		}
	}
}
