package story

import (
	"encoding/json"
	"fmt"
	"github.com/newshound/newshound/internal/match"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// A made-up event, reported as a wire copy, a lightly edited copy of it, and in other words.
const wireText = `The harbour authority of Valmora said on Tuesday that the container ship Northern Lark ran
aground at the mouth of the Sella river early in the morning, blocking traffic for at least two days.
Nobody was hurt, a spokeswoman for the authority said, and salvage crews from Kestrel Marine were on
their way. The ship, carrying 1,800 containers of grain, had left the port of Ardmore on Sunday and was
due in Valmora on Wednesday. Tugs tried twice to pull it free at high tide without success.`

var (
	wire = Article{
		Title: "Container ship runs aground at mouth of Sella river",
		Lead:  "The container ship Northern Lark ran aground at the mouth of the Sella river, the Valmora harbour authority said.",
		Text:  wireText,
		Lang:  "en",
		Time:  t0,
	}
	wireCopy = Article{
		Title: "Shipping halted in Valmora",
		Text: "VALMORA (Agency) - " + strings.Replace(strings.Replace(wireText, "early in the morning", "early on Tuesday", 1),
			"Tugs tried twice", "Tugs have tried twice", 1),
		Lang: "en",
		Time: t0.Add(40 * time.Minute),
	}
	rewrite = Article{
		Title: "Grain freighter Northern Lark stuck in Sella river, Valmora harbour closed",
		Lead:  "Salvage crews are trying to free the Northern Lark, a grain carrier that ran aground near Valmora.",
		Lang:  "en",
		Time:  t0.Add(2 * time.Hour),
	}
	unrelated = Article{
		Title: "Ostrava central bank raises interest rates by half a point",
		Lead:  "The central bank of Ostrava raised its main interest rate to 4.5 percent on Tuesday, citing inflation.",
		Lang:  "en",
		Time:  t0.Add(3 * time.Hour),
	}
)

// background gives a clusterer some unrelated news, so that document frequencies mean something.
func background(c *Clusterer, at time.Time) {
	for _, title := range []string{
		"Parliament of Rell votes on new budget after long debate",
		"Storm warning issued for the northern coast on Tuesday",
		"Football: Ardmore United win the cup final on penalties",
		"Tech company Quillon reports record quarterly profit",
		"Film festival in Sarnac opens with a documentary on rivers",
		"Police in Valmora investigate a series of bicycle thefts",
	} {
		c.Assign(Article{Title: title, Lang: "en", Time: at})
	}
}

func TestAssign(t *testing.T) {
	c := New(Config{})
	background(c, t0.Add(-time.Hour))
	first := c.Assign(wire)
	if !first.New || first.Reason != ReasonNew {
		t.Fatalf("first report: %+v, want a new story", first)
	}
	for _, tc := range []struct {
		name   string
		a      Article
		same   bool
		reason Reason
	}{
		{"wire copy with another title", wireCopy, true, ReasonDuplicate},
		{"same event in other words", rewrite, true, ReasonEvent},
		{"unrelated event", unrelated, false, ReasonNew},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Assign(tc.a)
			if (got.Story == first.Story) != tc.same || got.Reason != tc.reason || got.New == tc.same {
				t.Errorf("Assign = %+v, want same story %v (%d) by %v", got, tc.same, first.Story, tc.reason)
			}
		})
	}
}

func TestWireCopyNeedsTheText(t *testing.T) {
	// Without the text, the copy's title shares nothing with the first report: a new story. This is
	// what the near-duplicate signal adds.
	c := New(Config{})
	background(c, t0.Add(-time.Hour))
	first := c.Assign(wire)
	cp := wireCopy
	cp.Text = ""
	if got := c.Assign(cp); got.Story == first.Story {
		t.Errorf("copy without text joined by %v (score %.2f)", got.Reason, got.Score)
	}
}

func TestWindow(t *testing.T) {
	followUp := Article{Title: "Northern Lark still aground in Sella river at Valmora", Lang: "en"}
	for _, tc := range []struct {
		after time.Duration
		same  bool
	}{
		{30 * time.Hour, true},
		{37 * time.Hour, false},
	} {
		t.Run(tc.after.String(), func(t *testing.T) {
			c := New(Config{})
			background(c, t0.Add(-time.Hour))
			first := c.Assign(wire)
			a := followUp
			a.Time = t0.Add(tc.after)
			if got := c.Assign(a); (got.Story == first.Story) != tc.same {
				t.Errorf("%v later: %+v, want same story %v", tc.after, got, tc.same)
			}
		})
	}
}

func TestMaxStories(t *testing.T) {
	c := New(Config{MaxStories: 3})
	first := c.Assign(wire)
	for i, title := range []string{
		"Parliament of Rell votes on new budget after long debate",
		"Storm warning issued for the northern coast",
		"Tech company Quillon reports record quarterly profit",
	} {
		c.Assign(Article{Title: title, Time: t0.Add(time.Duration(i+1) * time.Minute)})
	}
	if n := c.Open(); n != 3 {
		t.Errorf("%d stories open, want 3", n)
	}
	a := wire
	a.Time = t0.Add(time.Hour)
	if got := c.Assign(a); got.Story == first.Story {
		t.Errorf("the least recently active story should have closed, yet %+v joined it", got)
	}
}

// stream is a deterministic mix of stories: n events, each reported by a few outlets in other words.
func stream(n int, seed uint64) []Article {
	r := rand.New(rand.NewPCG(seed, 1))
	word := func() string { return fmt.Sprintf("w%x", r.IntN(20000)) }
	var out []Article
	at := t0
	for i := 0; i < n; i++ {
		names := []string{fmt.Sprintf("Name%x", r.IntN(5000)), fmt.Sprintf("Place%x", r.IntN(3000)), word(), word()}
		for k := 0; k < 1+r.IntN(4); k++ {
			ws := append([]string{}, names[:2+r.IntN(3)]...)
			for len(ws) < 8 {
				ws = append(ws, word())
			}
			r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
			at = at.Add(time.Duration(r.IntN(300)) * time.Second)
			out = append(out, Article{Title: strings.Join(ws, " "), Lang: "en", Time: at})
		}
	}
	return out
}

func TestDeterministic(t *testing.T) {
	arts := stream(400, 7)
	a, b := New(Config{}), New(Config{})
	for i, art := range arts {
		x, y := a.Assign(art), b.Assign(art)
		if x != y {
			t.Fatalf("article %d: %+v, then %+v", i, x, y)
		}
	}
}

func TestSnapshotRestore(t *testing.T) {
	arts := stream(600, 3)
	arts = append(arts, wire, wireCopy, rewrite)
	for i := range arts[len(arts)-3:] {
		arts[len(arts)-3+i].Time = arts[len(arts)-4].Time.Add(time.Duration(i+1) * time.Minute)
	}
	half := len(arts) - 2 // the restart falls between the wire story and its copy

	whole := New(Config{})
	var want []int64
	for _, a := range arts {
		want = append(want, whole.Assign(a).Story)
	}

	c := New(Config{})
	for _, a := range arts[:half] {
		c.Assign(a)
	}
	b, err := json.Marshal(c.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(Config{}, st)
	if err != nil {
		t.Fatal(err)
	}
	if r.Open() != c.Open() {
		t.Errorf("restored %d open stories, had %d", r.Open(), c.Open())
	}
	checkPostings(t, r)
	for i, a := range arts[half:] {
		got := r.Assign(a)
		if got.Story != want[half+i] {
			t.Errorf("article %d after the restart: story %d (%v), without a restart %d", half+i, got.Story, got.Reason, want[half+i])
		}
	}
	if got := r.Assign(Article{Title: "A wholly new matter", Time: arts[len(arts)-1].Time}); got.Story != whole.Assign(Article{Title: "A wholly new matter", Time: arts[len(arts)-1].Time}).Story {
		t.Errorf("new story ids diverge after a restart")
	}
	b2, _ := json.Marshal(r.Snapshot())
	if len(b2) == 0 || !strings.Contains(string(b2), `"signatures"`) {
		t.Errorf("snapshot after restore lost the signatures: %.200s", b2)
	}
}

func TestRestoreRejects(t *testing.T) {
	good := func() State {
		return State{NextID: 3, Now: t0, Docs: 2, DF: map[string]float64{"lark": 1},
			Stories: []StoryState{{ID: 1, First: t0, Last: t0, Articles: 1, Terms: map[string]float64{"lark": 1}}}}
	}
	if _, err := Restore(Config{}, good()); err != nil {
		t.Fatalf("good state: %v", err)
	}
	for name, spoil := range map[string]func(*State){
		"next id":         func(s *State) { s.NextID = 0 },
		"id past next":    func(s *State) { s.Stories[0].ID = 3 },
		"twice":           func(s *State) { s.Stories = append(s.Stories, s.Stories[0]) },
		"no articles":     func(s *State) { s.Stories[0].Articles = 0 },
		"negative weight": func(s *State) { s.Stories[0].Terms["lark"] = -1 },
		"short signature": func(s *State) { s.Stories[0].Signatures = [][]uint32{{1, 2, 3}} },
		"bad frequency":   func(s *State) { s.DF["lark"] = 0 },
		"times":           func(s *State) { s.Stories[0].First = t0.Add(time.Hour) },
		"negative case":   func(s *State) { s.Case = map[string][2]float64{"lark": {-1, 0}} },
		"case of no term": func(s *State) { s.Case = map[string][2]float64{"heron": {1, 0}} },
	} {
		st := good()
		spoil(&st)
		if _, err := Restore(Config{}, st); err == nil {
			t.Errorf("%s: restored without an error", name)
		}
	}
}

func TestRestoreLeavesExpiredClosed(t *testing.T) {
	st := State{NextID: 3, Now: t0, Docs: 2, DF: map[string]float64{"lark": 1},
		Stories: []StoryState{
			{ID: 1, First: t0.Add(-48 * time.Hour), Last: t0.Add(-40 * time.Hour), Articles: 1, Terms: map[string]float64{"lark": 1}},
			{ID: 2, First: t0, Last: t0, Articles: 1, Terms: map[string]float64{"lark": 1}},
		}}
	c, err := Restore(Config{}, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Story(1); ok || c.Open() != 1 {
		t.Errorf("story past its window restored open (%d open)", c.Open())
	}
}

// checkPostings checks that each term of an open story's centroid has the story's entry in its
// posting, at the index the story keeps, with its mean weight, and that no other entry of the story
// weighs anything.
func checkPostings(t *testing.T, c *Clusterer) {
	t.Helper()
	for _, s := range c.stories {
		for _, x := range s.terms {
			p := c.terms[x.id].posting
			if x.pos < 0 || int(x.pos) >= len(p) || p[x.pos].s != s || p[x.pos].w != x.w/float64(s.articles) {
				t.Fatalf("story %d, term %q: posting entry %d does not hold it with weight %v", s.id, c.terms[x.id].fold, x.pos, x.w)
			}
		}
	}
	for i := range c.terms {
		for k, e := range c.terms[i].posting {
			if e.w == 0 || e.s.closed {
				continue
			}
			if j := e.s.find(int32(i)); j == len(e.s.terms) || e.s.terms[j].id != int32(i) || int(e.s.terms[j].pos) != k {
				t.Fatalf("term %q: entry %d of story %d weighs %v but the story does not point to it", c.terms[i].fold, k, e.s.id, e.w)
			}
		}
	}
}

func TestCompactionKeepsOpenStories(t *testing.T) {
	// Many short-lived stories: closing them compacts postings and bands several times.
	c := New(Config{Window: time.Hour})
	arts := stream(3000, 11)
	for _, a := range arts {
		c.Assign(a)
	}
	for i := range c.terms {
		for _, e := range c.terms[i].posting {
			if e.s.closed && c.dead == 0 {
				t.Fatalf("term %q lists closed story %d right after a compaction", c.terms[i].fold, e.s.id)
			}
		}
	}
	checkPostings(t, c)
	last := arts[len(arts)-1]
	before := c.Assign(last)
	again := last
	again.Time = last.Time.Add(time.Minute)
	if got := c.Assign(again); got.Story != before.Story {
		t.Errorf("an article identical to the latest went to story %d, not %d", got.Story, before.Story)
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		text, lang string
		want       string // folded words, entities marked with *
	}{
		{"The ship ran aground near Valmora on Tuesday, officials said.", "en", "ship ran agrou near valmo* tuesd* offic"},
		{"Container Ship Runs Aground At Mouth Of Sella River", "en", "conta ship run agrou mouth sella river"},
		{"Companies said 1,800 boxes. Grain prices rose.", "en", "compa 1800* box grain price rose"},
		{"Hospitalised, hospitalized: hospital", "en", "hospi hospi hospi"},
		{"Le navire s'est échoué près de Valmora", "fr", "navir echou pres valmo*"}, // s'est: the elided s and est, function words
		{"Das Schiff liegt vor Valmora fest", "de", "schif liegt valmo fest"},
		{"Das Schiff liegt vor Valmora fest", "", "schif* liegt valmo* fest"},
	} {
		var got []string
		for _, tk := range tokens(tc.text, tc.lang, 0) {
			w := tk.fold
			if tk.entity {
				w += "*"
			}
			got = append(got, w)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("tokens(%q, %q) = %q, want %q", tc.text, tc.lang, g, tc.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"UPDATE 4-Chiquita and Fyffes join to make world's biggest banana firm", "UPDATE - Chiquita and Fyffes join to make world's biggest banana firm"},
		{"RPT-UPDATE 2-Independent Scania board members reject VW bid", "RPT- UPDATE - Independent Scania board members reject VW bid"},
		{"Chiquita to Acquire Fyffes Creating Biggest Banana Supplier (4)", "Chiquita to Acquire Fyffes Creating Biggest Banana Supplier"},
		// not slugs: a hyphenated word, a hyphen between spaces, too few capitals
		{"T-Mobile cuts prices", "T-Mobile cuts prices"},
		{"E-cigarette sales rise", "E-cigarette sales rise"},
		{"Italy - Factors to watch on March 20", "Italy - Factors to watch on March 20"},
		{"Top 10 songs (2014)", "Top 10 songs (2014)"}, // a year, not a revision
	} {
		if got := Headline(tc.in); got != tc.want {
			t.Errorf("Headline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestLearnedNames: a word seen capitalised inside sentences is taken for a name in a title-case
// headline and at the start of a sentence, where its capital says nothing by itself; a word seen in
// lower case is not.
func TestLearnedNames(t *testing.T) {
	c := New(Config{})
	c.Assign(Article{Title: "Salvage crews reached the Northern Lark near Valmora on Tuesday.", Lang: "en", Time: t0})
	c.Assign(Article{Title: "The harbour of Valmora stays closed while crews work.", Lang: "en", Time: t0})
	weight := func(a Article, word string) float64 {
		vec, _ := c.articleTerms(Prepare(a))
		for _, tw := range vec {
			if c.terms[tw.id].fold == word {
				return tw.w
			}
		}
		t.Fatalf("%q not among the terms of %q", word, a.Title)
		return 0
	}
	for _, tc := range []struct {
		title, word string
		name        bool
	}{
		{"Valmora Harbour Crews Work Through The Night", "valmo", true},
		{"Valmora harbour reopens", "valmo", true},
		{"Valmora Harbour Crews Work Through The Night", "crew", false},
		{"Crews free the ship", "crew", false},
	} {
		want := weightTitle
		if tc.name {
			want *= entityFactor
		}
		if got := weight(Article{Title: tc.title, Lang: "en", Time: t0}, tc.word); got != want {
			t.Errorf("%q in %q weighs %v, want %v", tc.word, tc.title, got, want)
		}
	}
}

// TestSnapshotKeepsLearnedNames: what the clusterer learned of names survives a snapshot and restore.
func TestSnapshotKeepsLearnedNames(t *testing.T) {
	c := New(Config{})
	c.Assign(Article{Title: "Salvage crews reached the Northern Lark near Valmora on Tuesday.", Lang: "en", Time: t0})
	b, err := json.Marshal(c.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(Config{}, st)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	vec, _ := r.articleTerms(Prepare(Article{Title: "Valmora Harbour Reopens", Lang: "en", Time: t0}))
	for _, tw := range vec {
		if r.terms[tw.id].fold == "valmo" {
			found = true
			if tw.w != weightTitle*entityFactor {
				t.Errorf("after a restore valmo weighs %v, want %v (a name); state %s", tw.w, weightTitle*entityFactor, b)
			}
		}
	}
	if !found {
		t.Error("valmo is not among the headline's terms")
	}
}

func TestSignature(t *testing.T) {
	a, ok := textSignature(wireText)
	if !ok {
		t.Fatal("no signature for a paragraph")
	}
	b, _ := textSignature(wireCopy.Text)
	c, _ := textSignature(strings.Repeat("Ostrava central bank raises interest rates by half a point again. ", 5))
	if x := agreement(&a, &b); x < DefaultDuplicate {
		t.Errorf("copy agreement %.2f, want at least %.2f", x, DefaultDuplicate)
	}
	if x := agreement(&a, &c); x > 0.1 {
		t.Errorf("unrelated agreement %.2f", x)
	}
	if _, ok := textSignature("Too short to tell."); ok {
		t.Error("a signature for a sentence")
	}
}

// BenchmarkAssign measures one assignment with 100,000 open stories, and the memory an open story
// holds (the clusterer's whole heap, vocabulary and indexes included, over its open stories). The
// open stories are restored from a synthetic state (assigning them one by one would take minutes):
// each has 32 terms drawn from a Zipf distribution over 300,000 words, as news words are, and two
// text signatures.
func BenchmarkAssign(b *testing.B) {
	const open = 100_000
	r := rand.New(rand.NewPCG(5, 1))
	zipf := rand.NewZipf(r, 1.1, 1, 300_000)
	// words of five letters, so that the stemmer's cut keeps them apart
	word := func() string {
		n := zipf.Uint64()
		var b [stemRunes]byte
		for i := range b {
			b[i] = byte('a' + n%26)
			n /= 26
		}
		return string(b[:])
	}
	last := t0.Add(24 * time.Hour)
	st := State{NextID: open + 1, Now: last, DF: map[string]float64{}}
	for i := 1; i <= open; i++ {
		ss := StoryState{ID: int64(i), First: t0, Last: t0.Add(time.Duration(i) * time.Second), Articles: 2, Terms: map[string]float64{}}
		for len(ss.Terms) < 32 {
			w := word()
			ss.Terms[w] += 1
			st.DF[w]++
		}
		for k := 0; k < 2; k++ {
			sig := make([]uint32, numHashes)
			for j := range sig {
				sig[j] = r.Uint32()
			}
			ss.Signatures = append(ss.Signatures, sig)
		}
		st.Docs += 2
		st.Stories = append(st.Stories, ss)
	}
	var probe []Article
	for i := 0; i < 1000; i++ {
		var ws []string
		for k := 0; k < 12; k++ {
			ws = append(ws, word())
		}
		var text []string
		for k := 0; k < 300; k++ {
			text = append(text, word())
		}
		probe = append(probe, Article{Title: strings.Join(ws, " "), Text: strings.Join(text, " "), Lang: "en", Time: last})
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, err := Restore(Config{}, st)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(st)
	st = State{}
	if c.Open() != open {
		b.Fatalf("%d stories open, want %d", c.Open(), open)
	}
	runtime.GC()
	// The machine may be shared: the process's CPU time says more than the wall clock.
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Assign(probe[i%len(probe)])
	}
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/open, "heap-B/open-story")
}

func TestSelectTop(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for n := 1; n < 300; n += 7 {
		for _, k := range []int{1, n / 3, n / 2, n - 1, n} {
			if k < 1 {
				continue
			}
			cs := make([]candidate, n)
			for i := range cs {
				// few distinct dot products, so that ties by id are tried too
				cs[i] = candidate{s: &story{id: int64(r.IntN(1000))}, dot: float64(r.IntN(8))}
			}
			want := slices.Clone(cs)
			slices.SortFunc(want, func(a, b candidate) int {
				if before(&a, &b) {
					return -1
				}
				if before(&b, &a) {
					return 1
				}
				return 0
			})
			selectTop(cs, k)
			got := cs[:k]
			slices.SortFunc(got, func(a, b candidate) int {
				if before(&a, &b) {
					return -1
				}
				if before(&b, &a) {
					return 1
				}
				return 0
			})
			for i := range got {
				if got[i].dot != want[i].dot || got[i].s.id != want[i].s.id {
					t.Fatalf("n %d k %d: %d-th of the top is %v/%d, want %v/%d", n, k, i, got[i].dot, got[i].s.id, want[i].dot, want[i].s.id)
				}
			}
		}
	}
}

// A story whose centroid loses terms to heavier ones, and gains them back, keeps its postings in
// step: each term it has is listed once with its weight, a term it lost weighs nothing.
func TestPostingsFollowTheCentroid(t *testing.T) {
	c := New(Config{})
	background(c, t0)
	at := t0
	for i := 0; i < 40; i++ {
		at = at.Add(time.Minute)
		var ws []string
		for k := 0; k < 4; k++ { // words of five letters, apart after the stemmer's cut
			ws = append(ws, fmt.Sprintf("q%c%c%c%c", 'a'+i%26, 'a'+i/26, 'a'+k, 'a'+(i%7)))
		}
		a := c.Assign(Article{Title: "Valmora harbour grain ship Northern Lark aground " + strings.Join(ws, " "), Lang: "en", Time: at})
		if i > 0 && a.New {
			t.Fatalf("article %d started a new story", i)
		}
		checkPostings(t, c)
	}
	for _, s := range c.stories {
		if s.articles == 40 && len(s.terms) != maxStoryTerms {
			t.Fatalf("the story kept %d terms, want the most, %d (the test should prune)", len(s.terms), maxStoryTerms)
		}
	}
}

// Two events of one outlet told in one short sentence each share most of their words ("Putin
// visits … for"), and joined one story: the second alert was never posted. An outlet's own
// articles need stronger evidence — names that differ on both sides are two events — while its
// update of the same event, and another outlet's report of it, still join.
func TestOutletsOwnArticles(t *testing.T) {
	paris := Article{Title: "Putin visits Paris for a summit on drones", Lead: "Vladimir Putin arrived in Paris on Monday for a summit on drones.", Lang: "en", Outlet: "agency.example", Time: t0}
	rome := Article{Title: "Putin visits Rome for talks on grain", Lead: "Vladimir Putin arrived in Rome on Monday for talks on grain.", Lang: "en", Outlet: "agency.example", Time: t0.Add(time.Hour)}
	update := Article{Title: "Putin visits Paris for drone summit, meets French president", Lead: "Vladimir Putin arrived in Paris on Monday for a summit on drones and met the French president.", Lang: "en", Outlet: "agency.example", Time: t0.Add(2 * time.Hour)}
	other := Article{Title: "Putin in Paris for drones summit", Lead: "Vladimir Putin is in Paris for a summit on drones.", Lang: "en", Outlet: "daily.example", Time: t0.Add(3 * time.Hour)}

	// without outlets they are taken for one story, as before (so the test says something)
	c := New(Config{})
	noOutlet := func(a Article) Article { a.Outlet = ""; return a }
	if a, b := c.Assign(noOutlet(paris)), c.Assign(noOutlet(rome)); a.Story != b.Story {
		t.Fatalf("without outlets the two visits are two stories already; the test needs articles alike enough")
	}

	c = New(Config{})
	p := c.Assign(paris)
	if r := c.Assign(rome); r.Story == p.Story {
		t.Errorf("the outlet's Rome visit joined its Paris visit (%v %.2f)", r.Reason, r.Score)
	}
	if u := c.Assign(update); u.Story != p.Story {
		t.Errorf("the outlet's update of the Paris visit started story %d, not joined %d", u.Story, p.Story)
	}
	if o := c.Assign(other); o.Story != p.Story {
		t.Errorf("another outlet's report of the Paris visit started story %d, not joined %d", o.Story, p.Story)
	}

	// the outlets are kept over a restart
	st := c.Snapshot()
	var enc [][]byte
	for _, ss := range st.Stories {
		e, _ := c.EncodeStory(ss.ID, nil)
		enc = append(enc, e.State)
	}
	st.Stories = st.Stories[:0]
	for _, b := range enc {
		ss, err := DecodeStory(b)
		if err != nil {
			t.Fatal(err)
		}
		st.Stories = append(st.Stories, ss)
	}
	r, err := Restore(Config{}, st)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Snapshot().Stories, c.Snapshot().Stories; !reflect.DeepEqual(got, want) {
		t.Errorf("after a restart the stories are\n%+v\nwant\n%+v", got, want)
	}
	again := rome
	again.Title, again.Lead = "Putin in Rome for grain talks", "Vladimir Putin is in Rome for talks on grain."
	again.Time = t0.Add(4 * time.Hour)
	c2 := New(Config{}) // what the story of a second Rome article is without a restart
	for _, a := range []Article{paris, rome, update, other} {
		c2.Assign(a)
	}
	if got, want := r.Assign(again).Story, c2.Assign(again).Story; got != want {
		t.Errorf("after a restart a second Rome article went to story %d, without one %d", got, want)
	}
}

// TestKeepHeaviest: a centroid cut to maxStoryTerms keeps the terms a full sort by weight times
// idf (then by term) puts first, whether a few or many fall out, in id order, and the terms that
// fall out weigh nothing in their postings.
func TestKeepHeaviest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for round := 0; round < 200; round++ {
		c := New(Config{})
		n := maxStoryTerms + 1 + r.IntN(3*maxStoryTerms)
		if round%2 == 0 {
			n = maxStoryTerms + 1 + r.IntN(maxStoryTerms/4) // a few to drop
		}
		c.docs = 1000
		s := &story{id: 1}
		var ts []termWeight
		for i := 0; i < n; i++ {
			id := c.termIndex(fmt.Sprintf("t%03d", r.IntN(1000)))
			if slices.ContainsFunc(ts, func(x termWeight) bool { return x.id == id }) {
				continue
			}
			c.terms[id].df = float64(1 + r.IntN(4)) // ties of idf
			w := float64(1+r.IntN(3)) * 0.5         // and of weight
			ts = append(ts, termWeight{id: id, pos: int32(len(c.terms[id].posting)), w: w})
			c.terms[id].posting = append(c.terms[id].posting, posting{s: s, w: w})
		}
		if len(ts) <= maxStoryTerms {
			continue
		}
		slices.SortFunc(ts, func(x, y termWeight) int { return int(x.id - y.id) })
		want := slices.Clone(ts)
		slices.SortFunc(want, func(x, y termWeight) int {
			kx, ky := x.w*c.idf(x.id), y.w*c.idf(y.id)
			switch {
			case kx > ky:
				return -1
			case kx < ky:
				return 1
			}
			return strings.Compare(c.terms[x.id].fold, c.terms[y.id].fold)
		})
		out := want[maxStoryTerms:]
		want = want[:maxStoryTerms]
		slices.SortFunc(want, func(x, y termWeight) int { return int(x.id - y.id) })
		got := c.keepHeaviest(slices.Clone(ts))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d (%d terms): kept %v, want %v", round, len(ts), got, want)
		}
		for _, x := range out {
			if ti := c.terms[x.id]; len(ti.posting) != 0 || ti.ghosts != 1 {
				t.Fatalf("round %d: term %q fell out but its posting has %d entries (%d taken out)", round, ti.fold, len(ti.posting), ti.ghosts)
			}
		}
	}
}

// TestRoundDFBound: every frequency from df up to the bound rounds as df does, so that a growing
// frequency need not be rounded again before it reaches the bound; and the next power is close.
func TestRoundDFBound(t *testing.T) {
	for df := 1.0; df < 2e6; df = df*1.003 + 0.5 {
		r, hi := roundDFBound(df)
		if r != roundDF(df) {
			t.Fatalf("roundDFBound(%v) = %v, roundDF %v", df, r, roundDF(df))
		}
		if df <= exactDF {
			if r != df || hi != 0 {
				t.Fatalf("roundDFBound(%v) = %v, %v; want %v, 0", df, r, hi, df)
			}
			continue
		}
		for _, x := range []float64{(df + hi) / 2, math.Nextafter(hi, 0)} {
			if x >= df && roundDF(x) != r {
				t.Fatalf("roundDF(%v) = %v, want %v as for %v (bound %v)", x, roundDF(x), r, df, hi)
			}
		}
		if next := roundDF(hi * idfStep); next <= r {
			t.Fatalf("the bound %v of %v is a step short of the next rounding", hi, df)
		}
	}
}

// TestByFold checks the order Prepare puts an article's terms in against sorting their folds as
// strings: folds longer than the prefix sorted by, with one prefix, with multi-byte runes, with zero
// bytes, repeated.
func TestByFold(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "b", "z", "0", "9", "\x00", "é", "ж", "日", "ab", "abcde"}
	var sc prepScratch
	for round := range 2000 {
		ts := make([]preparedTerm, r.IntN(80))
		for i := range ts {
			if i > 0 && r.IntN(5) == 0 {
				ts[i].fold = ts[r.IntN(i)].fold // a repeated word
				continue
			}
			var b strings.Builder
			for range 1 + r.IntN(4) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			ts[i].fold = b.String()
		}
		want := make([]string, len(ts))
		for i := range ts {
			want[i] = ts[i].fold
		}
		slices.Sort(want)
		out := sc.byFold(ts)
		got := make([]string, len(out))
		for i := range out {
			got[i] = ts[out[i]&foldMask].fold
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: %q, want %q", round, got, want)
		}
	}
}

func TestMayClose(t *testing.T) {
	// MayClose says yes before every assignment that closes a story, and no before the others.
	c := New(Config{Window: time.Hour, MaxStories: 3})
	arts := stream(200, 3)
	for i, a := range arts {
		if i%50 == 49 {
			a.Time = a.Time.Add(2 * time.Hour) // a late article closes what went before
		}
		p := Prepare(a)
		before := c.Snapshot().Stories
		may := c.MayClose(p)
		asg := c.AssignPrepared(p)
		closed := false
		for _, ss := range before {
			if _, open := c.StoryRow(ss.ID); !open {
				closed = true
			}
		}
		if closed && !may {
			t.Fatalf("article %d closed a story, MayClose said no", i)
		}
		if !closed && may && !asg.New && len(before) < 3 {
			t.Errorf("article %d closed nothing, MayClose said yes", i)
		}
		row, ok := c.StoryRow(asg.Story)
		if enc, _ := c.EncodeStory(asg.Story, nil); ok != (enc.State != nil) || row.ID != enc.ID || row.Articles != enc.Articles || !row.Last.Equal(enc.Last) {
			t.Fatalf("article %d: StoryRow %+v, EncodeStory %+v", i, row, enc)
		}
	}
}

func TestStopTable(t *testing.T) {
	// The table says what a set of the lists' words says, for the words themselves and for words
	// near them: their prefixes, the words with a byte more (0 among them), in upper case, longer.
	for _, lang := range []string{"", "en", "fr", "de", "es", "it", "pt", "nl", "xx"} {
		want := map[string]bool{}
		for l, list := range stopLists {
			if l == lang || lang == "" || lang == "xx" {
				for _, w := range strings.Fields(list) {
					want[w] = true
				}
			}
		}
		table := stopSet(lang)
		var probes []string
		for w := range want {
			probes = append(probes, w, w[:len(w)-1], w+"\x00", w+"s", strings.ToUpper(w), w+w, "\x00"+w, w+"é")
		}
		for _, a := range streamArticles(50) {
			for _, w := range match.Words(a.Title + " " + a.Lead) {
				probes = append(probes, w.Fold)
			}
		}
		probes = append(probes, "", "\x00", "\x00\x00\x00\x00\x00\x00\x00\x00", "éé", "yourselves")
		for _, w := range probes {
			if got := table.has(w); got != want[w] {
				t.Errorf("%q in %q: %v, want %v", w, lang, got, want[w])
			}
		}
	}
}

// TestPrepareTerms checks an article's terms, one per fold in the order of the folds, against
// gathering its tokens in a map.
func TestPrepareTerms(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	folds := []string{"putin", "valmo", "2024", "grain", "\x00", "ab", "ab\x00", "日本", "é", "zz"}
	var reuse []preparedTerm
	for round := range 500 {
		var sc prepScratch
		want := map[string]preparedTerm{}
		toks := func(w float64) []token {
			var out []token
			for range r.IntN(30) {
				tk := token{fold: folds[r.IntN(len(folds))], entity: r.IntN(3) == 0, capital: r.IntN(2) == 0, telling: r.IntN(2) == 0}
				out = append(out, tk)
				pt := preparedTerm{fold: tk.fold, w: float32(w)}
				if tk.entity {
					pt.w, pt.named = float32(w*entityFactor), !isDigits(tk.fold)
				} else if tk.capital && !tk.telling {
					pt.wName = float32(w * entityFactor)
				}
				if tk.telling && tk.capital {
					pt.capital = 1
				} else if tk.telling {
					pt.lower = 1
				}
				if u, ok := want[tk.fold]; ok {
					u.merge(&pt)
					pt = u
				}
				want[tk.fold] = pt
			}
			return out
		}
		sc.titleToks = toks(weightTitle)
		sc.leadToks = toks(weightLead)
		got := sc.prepareTerms(reuse) // the terms of the round before, written over
		reuse = got
		if len(got) != len(want) || !slices.IsSortedFunc(got, func(x, y preparedTerm) int { return strings.Compare(x.fold, y.fold) }) {
			t.Fatalf("round %d: %d terms (in order: %v), want %d", round, len(got), slices.IsSortedFunc(got, func(x, y preparedTerm) int { return strings.Compare(x.fold, y.fold) }), len(want))
		}
		for _, g := range got {
			if g != want[g.fold] {
				t.Fatalf("round %d: %+v, want %+v", round, g, want[g.fold])
			}
		}
	}
}

// TestPostingsHoldOpenStories: as terms leave centroids and stories close (and compactions run),
// every posting entry is of an open story whose centroid has the term, at the position the story
// keeps for it, with its mean weight; and every term of an open story has its entry.
func TestPostingsHoldOpenStories(t *testing.T) {
	c := New(Config{MaxStories: 200, Window: 6 * time.Hour})
	for i, a := range crowded(6000, 800, 4) {
		c.Assign(a)
		if i%500 != 499 {
			continue
		}
		entries := 0
		for id := range c.terms {
			for k, e := range c.terms[id].posting {
				s := e.s
				j := s.find(int32(id))
				if s.closed || c.stories[s.id] != s || j == len(s.terms) || s.terms[j].id != int32(id) || s.terms[j].pos != int32(k) || e.w != s.terms[j].w/float64(s.articles) {
					t.Fatalf("article %d: entry %d of term %q: story %d (closed %v) does not hold it there", i, k, c.terms[id].fold, s.id, s.closed)
				}
				entries++
			}
		}
		terms := 0
		for _, s := range c.stories {
			terms += len(s.terms)
		}
		if entries != terms {
			t.Fatalf("article %d: %d posting entries, %d terms in open stories", i, entries, terms)
		}
	}
}

// TestReleasedPrepared: an article prepared in the memory of released ones reads as one prepared
// afresh; a released Prepared cannot be assigned, asked about or released again.
func TestReleasedPrepared(t *testing.T) {
	arts := stream(400, 5)
	var fresh []Prepared
	for _, a := range arts {
		p := Prepare(a)
		fresh = append(fresh, *p) // a copy, terms and all, before any release
		fresh[len(fresh)-1].terms = slices.Clone(p.terms)
		p.Release()
	}
	for i, a := range arts {
		p := Prepare(a)
		if !reflect.DeepEqual(*p, fresh[i]) {
			t.Fatalf("article %d prepared again: %+v, prepared first %+v", i, *p, fresh[i])
		}
		if i%2 == 0 {
			p.Release()
		}
	}
	c := New(Config{})
	p := Prepare(arts[0])
	p.Release()
	for name, f := range map[string]func(){
		"AssignPrepared": func() { c.AssignPrepared(p) },
		"MayClose":       func() { c.MayClose(p) },
		"Release":        func() { p.Release() },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s of a released Prepared did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestCaseAt: caseAt reads every character as unicode.IsUpper, IsLower and IsLetter do (ASCII
// bytes by themselves), and a byte that starts no rune as utf8.RuneError.
func TestCaseAt(t *testing.T) {
	check := func(s string) {
		r, _ := utf8.DecodeRuneInString(s)
		c := caseAt(s, 0)
		if u, l, x := c&caseUpper != 0, c&caseLower != 0, c&caseLetter != 0; u != unicode.IsUpper(r) || l != unicode.IsLower(r) || x != unicode.IsLetter(r) {
			t.Fatalf("caseAt(%q) = %v %v %v, want %v %v %v", s, u, l, x, unicode.IsUpper(r), unicode.IsLower(r), unicode.IsLetter(r))
		}
	}
	for r := rune(0); r <= 0x3ffff; r++ {
		check(string(r) + "x")
	}
	for b := 0x80; b < 0x100; b++ {
		check(string([]byte{byte(b), 'x'}))
	}
}

// TestStemCutsRunes: stem keeps the first stemRunes runes of every word, ASCII or not.
func TestStemCutsRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	alphabet := []string{"a", "z", "é", "ß", "日", "\U0001F600", "\xff", "s"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(9) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		w := b.String()
		want, n := w, 0
		for i := range w {
			if n == stemRunes {
				want = w[:i]
				break
			}
			n++
		}
		if got := stem(w, "fr"); got != want {
			t.Fatalf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}
