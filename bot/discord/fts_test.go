package discord

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// TestSearchEqualsMatcher checks the prefilter never loses a result: for
// each query, every page of /search together is exactly what the matcher
// says of every stored article, newest first.
func TestSearchEqualsMatcher(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	texts := []struct{ title, body, feed, author string }{
		{"Putin speaks on election", "Vladimir Putin said the election was fair.", "World Desk", "Anna Petrova"},
		{"Election-interference claims", "Claims of election interference were denied by Moscow.", "Wire", ""},
		{"Meddling alleged", "Officials alleged meddling in the vote; Putin’s spokesman denied it.", "Wire", "Tom Berg"},
		{"Golf open ends", "Putin was not at the golf open.", "Sport", ""},
		{"Erdoğan meets Putin", "Erdoğan and Putin met in Sochi to discuss grain.", "World Desk", ""},
		{"東京の選挙", "東京都知事選挙の結果。", "Asia", ""},
		{"Putting practice", "The putting green was busy.", "Sport", ""},
		{"Hackers target vote", "Hackers targeted the vote count, officials said, far from Putin.", "Wire", "Anna Petrova"},
		{"Moldova votes", "Moldova votes amid fears of interference in the election.", "World Desk", ""},
		{"Nothing here", "A quiet day.", "Wire", ""},
	}
	for i, x := range texts {
		for j := range 3 { // three copies of each, so paging crosses texts
			h.seed(store.Article{
				URL: fmt.Sprintf("https://e.example.org/%d-%d", i, j), Feed: x.feed, Author: x.author, Title: x.title,
				Text: x.body, Published: h.now.Add(-time.Duration(i*3+j) * time.Hour),
			}, nil)
		}
	}
	var all []store.Article
	if err := h.st.SearchArticles(context.Background(), store.ArticleSearch{}, func(a store.Article) (bool, error) {
		all = append(all, a)
		return true, nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{
		"putin", "@putin", "putin NOT golf", "putin -golf OR moldova", `"election interference"`, "meddl* OR hack*",
		"putin NEAR/3 election", "title:putin", "author:petrova", "feed:wire AND putin", "feed:wire OR golf",
		"erdogan", "東京", "選挙 OR putin", "putin AND NOT (golf OR sochi)", "text:vote", "lang:en OR putin", "putting",
		"putin -golf", "putin -putting", "vote NOT title:vote", `putin NOT "election was"`, "putin NOT meddl*", "interference NOT (election AND moldova)",
		"putin AND (feed:wire AND NOT hackers)", "putin NOT putin",
	} {
		t.Run(query, func(t *testing.T) {
			q, err := h.w.CheckQuery(query)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := match.Compile([]match.Watch{{Name: "q", Query: q}})
			var want []string
			for _, a := range all {
				if len(m.Match(watchers.Document(a))) > 0 {
					want = append(want, a.URL)
				}
			}
			var got []string
			for page := 0; ; page++ {
				hits, more, _, err := h.bot.cmds.look.Search(context.Background(), q, commands.SearchArgs{Query: query}, page)
				if err != nil {
					t.Fatal(err)
				}
				for _, hit := range hits {
					got = append(got, hit.Article.URL)
				}
				if !more {
					break
				}
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("search found\n%v\nthe matcher says\n%v", got, want)
			}
		})
	}
}

func FuzzParseSearchID(f *testing.F) {
	h := &Bot{cmds: &commandSet{searches: commands.NewSearches(4)}}
	for _, s := range []string{
		h.searchID(commands.SearchArgs{Query: "putin", Days: 3, Watch: "w"}, 2, "n"),
		h.searchID(commands.SearchArgs{Query: strings.Repeat("x", 200)}, 1, "p"),
		"s:n:1:h:0123456789abcdef", "s:n:1:0:99:x", "s:::::", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		args, page, ok, err := h.parseSearchID(id)
		if err != nil || !ok {
			return
		}
		if page < 0 || page > 1000 {
			t.Fatalf("page %d accepted", page)
		}
		// What parses re-encodes to the same search.
		again, page2, ok2, err2 := h.parseSearchID(h.searchID(args, page, "n"))
		if err2 != nil || !ok2 || again != args || page2 != page {
			t.Fatalf("%q: %+v %d → %+v %d %v %v", id, args, page, again, page2, ok2, err2)
		}
	})
}

func FuzzVerifyInteraction(f *testing.F) {
	f.Add("00", "1700000000", []byte(`{"type":1}`))
	f.Add(strings.Repeat("ab", 64), "x", []byte{})
	key := make([]byte, 32)
	now := time.Unix(1700000000, 0)
	f.Fuzz(func(t *testing.T, sig, ts string, body []byte) {
		// Without the private key no input may pass.
		if verifyInteraction(key, sig, ts, body, now) {
			t.Fatalf("accepted sig=%q ts=%q", sig, ts)
		}
	})
}

// FuzzFTSExpression checks the prefilter on arbitrary queries and text: the
// expression is valid FTS5, and an article the matcher matches is among the
// full-text candidates.
func FuzzFTSExpression(f *testing.F) {
	for _, s := range [][2]string{
		{"putin", "Putin spoke"}, {`"election interference" OR meddl*`, "Election-interference claims"},
		{"a NEAR/2 b -c", "a x b"}, {"title:x AND NOT author:y", "x"}, {"東京", "東京都"}, {"Erdoğan’s", "erdogan's visit"},
		{"(a OR (b AND -c)) d", "b d"}, {"lang:en OR x", "x"}, {"@putin", "Vladimir Putin"},
		{"putin -golf -polo*", "Putin's golfing"}, {`x NOT "a b"`, "x a. b"}, {"x NOT title:y", "x y"}, {"x -y'z", "x y’z"},
		{"x NOT (a AND b)", "x a"}, {"x -é", "x é"}, {"x -ǆ", "x dž"}, {"x -ﬁ", "x fi"}, {"x -a1", "x a-1"},
	} {
		f.Add(s[0], s[1])
	}
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	aliases := map[string][]string{"putin": {"Vladimir Putin", "Putin"}}
	n := 0
	f.Fuzz(func(t *testing.T, query, title string) {
		if len(query) > 300 || len(title) > 300 {
			return
		}
		q, err := match.Parse(query, aliases)
		if err != nil {
			return
		}
		expr := q.FTS()
		m, err := match.Compile([]match.Watch{{Name: "q", Query: q}})
		if err != nil {
			return
		}
		doc := match.Document{Title: title, Body: title}
		if len(m.Match(doc)) == 0 {
			// Still valid FTS5.
			if err := st.SearchArticles(context.Background(), store.ArticleSearch{Match: expr}, func(store.Article) (bool, error) { return false, nil }); err != nil {
				t.Fatalf("query %q: expression %s: %v", query, expr, err)
			}
			return
		}
		n++
		a := seedArticle(t, st, store.Article{URL: fmt.Sprintf("https://f.example.org/%d", n), Feed: "F", Title: title, Text: title}, nil, time.Now())
		found := false
		err = st.SearchArticles(context.Background(), store.ArticleSearch{Match: expr}, func(c store.Article) (bool, error) {
			found = c.ID == a.ID
			return !found, nil
		})
		if err != nil || !found {
			t.Fatalf("query %q (canonical %s) matches %q, but expression %s does not find it (%v)", query, q.String(), title, expr, err)
		}
	})
}
