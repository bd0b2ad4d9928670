package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/pgtest"
)

// texts are titles and bodies in the scripts and forms the pipeline meets.
var texts = []struct{ title, body string }{
	{"Putin meets Erdoğan in Ankara", "Vladimir Putin’s visit to Türkiye: the two leaders discussed grain exports and the Black Sea deal."},
	{"Election-interference inquiry opens", "The inquiry into election interference opened on Monday; MPs will question the minister."},
	{"Déjà vu: naïve café owners fined €1,200", "A café in Köln was fined for the third time. \"It's déjà vu,\" said the owner."},
	{"Straße gesperrt nach Unfall", "Die Straße bleibt bis Sonntag gesperrt, teilte die Polizei mit."},
	{"東京タワーで式典", "東京タワーで記念式典が開かれた。 Tokyo officials attended."},
	{"Выборы в Москве", "Избирательная комиссия Москвы объявила итоги выборов; явка составила 31%."},
	{"ΣΙΣΥΦΟΣ και Ελλάδα", "Η κυβέρνηση της Ελλάδας ανακοίνωσε νέα μέτρα για την ενέργεια."},
	{"हैलो वर्ल्ड समाचार", "प्रधानमंत्री ने आज नई योजना की घोषणा की।"},
	{"COVID-19 cases rise in v2.0 report", "Health officials said COVID-19 cases rose 12% week on week, per the v2.0 dashboard."},
	{"Golf: Putin plays polo, not golf", "Putin was seen playing polo near Sochi; no golf was involved."},
	{"Meddling claims", "Claims of meddling and meddlers were dismissed by the ministry."},
	{"Emoji 🎉 and ligatures ﬁnance", "The ﬁnance ministry celebrated 🎉 with İstanbul bankers, x² growth, ① first."},
	{"Apostrophes don't split", "The minister's aide said they don't comment; O'Brien's office agreed."},
	{"Empty body", ""},
}

// TestTokensAsFTS5: the tokens PostgreSQL's index stores are the ones SQLite's
// FTS5 makes of the same folded text (read back through fts5vocab).
func TestTokensAsFTS5(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	if _, err := s.fw.Exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, 'instance')`); err != nil {
		t.Fatal(err)
	}
	for i, tx := range texts {
		title, body := match.Fold(tx.title), match.Fold(tx.body)
		if _, err := s.fw.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`, i+1, title, body); err != nil {
			t.Fatal(err)
		}
		for col, text := range map[string]string{"title": title, "body": body} {
			rows, err := s.fw.QueryContext(ctx, `SELECT term FROM temp.vocab WHERE doc = ? AND col = ? ORDER BY offset`, i+1, col)
			if err != nil {
				t.Fatal(err)
			}
			var fts5 []string
			for rows.Next() {
				var term string
				rows.Scan(&term)
				fts5 = append(fts5, term)
			}
			rows.Close()
			if got := ftsTokens(text); !slices.Equal(got, fts5) {
				t.Errorf("%s of %q:\nours %q\nFTS5 %q", col, text, got, fts5)
			}
		}
	}
}

func TestFTSToTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"putin"`, `'putin'`},
		{`"election interference"`, `('election' <-> 'interference')`},
		{`"meddl"*`, `'meddl':*`},
		{`"vladimir putin"*`, `('vladimir' <-> 'putin':*)`},
		{`("erdogan" AND "putin")`, `('erdogan' & 'putin')`},
		{`("a" OR ("b" AND "c"))`, `('a' | ('b' & 'c'))`},
		{`("putin" NOT ("golf" OR "polo"))`, `('putin' & !('golf' | 'polo'))`},
		{`"putin"" OR ""x"`, `('putin' <-> 'or' <-> 'x')`},
		{`"it's"`, `('it' <-> 's')`},
		{`"---"`, ``},
		{`("---" OR "a")`, `'a'`},
		{`("a" NOT "---")`, `'a'`},
		{`"a" "b"`, `('a' & 'b')`},
	} {
		got, ok, err := ftsToTSQuery(tc.in)
		if err != nil || got != tc.want || ok != (tc.want != "") {
			t.Errorf("ftsToTSQuery(%s) = %s, %v, %v; want %s", tc.in, got, ok, err, tc.want)
		}
	}
	for _, bad := range []string{`"open`, `("a"`, `AND "a"`, `"a" AND`, `putin`} {
		if _, _, err := ftsToTSQuery(bad); err == nil {
			t.Errorf("ftsToTSQuery(%s) accepted", bad)
		}
	}
}

// TestSearchParity: the same articles and the same queries (match.Query.FTS)
// select the same articles on SQLite and on PostgreSQL.
func TestSearchParity(t *testing.T) {
	queries := []string{
		"putin", "Putin AND golf", "putin NOT golf", "putin -golf -polo", `"election interference"`, "election-interference",
		"meddl*", "Erdoğan", "erdogan OR москве", "déjà", "straße", "東京 AND tokyo", "covid", "covid-19", "v2", "v2.0",
		"ελλάδα", "प्रधानमंत्री", "finance", "istanbul", "don't", "o'brien", "minister*", "(putin OR polo) AND NOT sochi",
		"@putin", "putin NEAR/5 visit", "title:putin", "x", "12", "nothing-here", "ministry OR minister",
	}
	aliases := map[string][]string{"putin": {"Vladimir Putin", "Putin"}}
	results := map[string]map[string][]string{}
	for _, e := range testEngines {
		t.Run(e.name, func(t *testing.T) {
			s, _ := e.open(t)
			ctx := context.Background()
			at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			for i, tx := range texts {
				added, err := s.AddArticles(ctx, []Article{{Identity: fmt.Sprint("a", i), Feed: "F", Title: tx.title, SeenAt: at.Add(time.Duration(i) * time.Minute), Status: StatusPending}})
				if err != nil || len(added) != 1 {
					t.Fatalf("add: %v", err)
				}
				a := added[0]
				a.Text, a.TextSource = tx.body, "page"
				c := Completion{Article: a, FoldedTitle: match.Fold(tx.title), FoldedBody: match.Fold(tx.body)}
				if _, err := s.CompleteArticles(ctx, []Completion{c}, at); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string][]string{}
			for _, q := range queries {
				mq, err := match.Parse(q, aliases)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				var ids []string
				err = s.SearchArticles(ctx, ArticleSearch{Match: mq.FTS()}, func(a Article) (bool, error) {
					ids = append(ids, a.Identity)
					return true, nil
				})
				if err != nil {
					t.Fatalf("%s (%s): %v", q, mq.FTS(), err)
				}
				got[q] = ids
			}
			results[e.name] = got
		})
	}
	lite, pg := results["sqlite"], results["postgres"]
	if lite == nil || pg == nil {
		t.Skip("PostgreSQL did not run")
	}
	found := 0
	for _, q := range queries {
		if !slices.Equal(lite[q], pg[q]) {
			t.Errorf("%s: SQLite %v, PostgreSQL %v", q, lite[q], pg[q])
		}
		if len(lite[q]) > 0 && len(lite[q]) < len(texts) {
			found++
		}
	}
	if found < len(queries)/2 {
		t.Errorf("only %d of %d queries selected some but not all articles: the comparison says little", found, len(queries))
	}
}

// FuzzFTSParity: for any query and text, the FTS5 prefilter match.Query.FTS
// writes translates into a tsquery PostgreSQL accepts, which selects the text
// exactly when FTS5 selects it — and whenever the matcher matches it.
func FuzzFTSParity(f *testing.F) {
	for _, s := range [][2]string{
		{"putin", "Putin spoke"}, {`"election interference" OR meddl*`, "Election-interference claims"},
		{"a NEAR/2 b -c", "a x b"}, {"title:x AND NOT author:y", "x"}, {"東京 AND tokyo", "東京都 Tokyo"}, {"Erdoğan’s", "erdogan's visit"},
		{"(a OR (b AND -c)) d", "b d"}, {"@putin", "Vladimir Putin"}, {"putin -golf -polo*", "Putin's golfing"},
		{`x NOT "a b"`, "x a. b"}, {"x -ǆ", "x dž"}, {"x -ﬁ", "x fi"}, {"x -a1", "x a-1"}, {"covid-19", "COVID-19 cases"},
		{"straße", "Die Straße"}, {"ελλάδα", "Η Ελλάδα"}, {"don't", "they don't"}, {"v2.0", "the v2.0 report"},
	} {
		f.Add(s[0], s[1])
	}
	ctx := context.Background()
	lite, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { lite.Close() })
	pg, err := OpenPostgres(ctx, pgtest.URL(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { pg.Close() })
	aliases := map[string][]string{"putin": {"Vladimir Putin", "Putin"}}
	f.Fuzz(func(t *testing.T, query, text string) {
		if len(query) > 200 || len(text) > 400 {
			return
		}
		q, err := match.Parse(query, aliases)
		if err != nil {
			return
		}
		expr := q.FTS()
		if expr == "" {
			return
		}
		tsq, ok, err := ftsToTSQuery(expr)
		if err != nil {
			t.Fatalf("query %q: %s: %v", query, expr, err)
		}
		title, body := match.Fold(text), match.Fold(text+" "+text)
		if _, err := lite.fw.Exec(`DELETE FROM articles_fts`); err != nil {
			t.Fatal(err)
		}
		if _, err := lite.fw.Exec(`INSERT INTO articles_fts (rowid, title, body) VALUES (1, ?, ?)`, title, body); err != nil {
			t.Fatal(err)
		}
		var inLite int
		if err := lite.fw.QueryRow(`SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?`, expr).Scan(&inLite); err != nil {
			t.Fatalf("query %q: FTS5 %s: %v", query, expr, err)
		}
		inPG := false
		if ok {
			if err := pg.r.QueryRow(`SELECT ?::tsvector @@ ?::tsquery`, tsvector(title, body), tsq).Scan(&inPG); err != nil {
				t.Fatalf("query %q: tsquery %s: %v", query, tsq, err)
			}
		}
		if inPG != (inLite == 1) {
			t.Fatalf("query %q on %q: FTS5 %s selects it: %v; tsquery %s: %v", query, text, expr, inLite == 1, tsq, inPG)
		}
		m, err := match.Compile([]match.Watch{{Name: "q", Query: q}})
		if err != nil {
			return
		}
		if len(m.Match(match.Document{Title: text, Body: text + " " + text})) > 0 && !inPG {
			t.Fatalf("query %q matches %q but its tsquery %s does not select it", query, text, tsq)
		}
	})
}
