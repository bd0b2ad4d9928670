// Package quotes measures internal/quote against annotated data: PolNeAR's
// attribution annotations (dev split) and textacy's direct-quotation unit cases.
//
// Scoring against PolNeAR. One annotator is used per article (the
// lexicographically first, when several annotated it), so no quotation is
// counted twice. Gold quotations are the attributions whose quote_type is
// "direct"; attributions wrapped in the New York Times archive's doubled
// apostrophes (two apostrophes for each double mark) count as direct too,
// and those holding such quotations as mixed, which the derived quote_type
// misses. Quoted text is compared as sets of word tokens (runs of letters
// and digits):
//
//   - a predicted quotation is correct when at least half of its tokens lie
//     in the content of one gold attribution that is direct or mixed (a
//     partial quotation inside a paraphrase is a real quotation: PolNeAR
//     calls it mixed);
//   - a gold direct quotation is found when at least half of its tokens lie
//     in predicted quotations (a quotation split by its attribution may be
//     predicted as one quotation or as two);
//   - precision = correct predictions / predictions, recall = found gold /
//     gold direct quotations;
//   - speaker accuracy is measured over the correct predictions whose best
//     gold is direct: the predicted speaker agrees with the annotated source
//     when, lower-cased and without titles, determiners, possessives and
//     apposition, they are equal, one's words contain the other's, or they
//     share the last word (Clinton / Hillary Clinton), or it agrees so with
//     the source's part before "of" (Mr. Burman of the Tax Policy Center) or a
//     name in an apposition of the source (Another critic, Laurence H.
//     Tribe). A pronoun source (he,
//     she, they) stands for the nearest preceding annotated source of the
//     same annotator that names someone (has a capitalised word), or for
//     the recent subject, the name opening the last sentence of narration
//     before it in its paragraph or the one before (see recentSubject); a
//     descriptive source (the Kremlin spokesman) may also be matched by an
//     earlier annotated source that carries its head word (Dmitry Peskov,
//     Putin's spokesman) or by a name the text introduces with that word
//     (President Barack Obama; Peskov, Putin's spokesman). An empty
//     predicted speaker never agrees.
package quotes

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/quote"
)

// Report is the outcome of an evaluation run.
type Report struct {
	Articles  int // articles scored
	Gold      int // gold direct quotations
	Predicted int // quotations predicted
	// Correct is the number of predictions inside a gold direct or mixed
	// quotation; Found the number of gold direct quotations found.
	Correct, Found int
	// SpeakerPairs is the number of correct predictions matched to a gold
	// direct quotation, over which SpeakerAccuracy is measured.
	SpeakerPairs int
	// WrongSpeakers is how many of those pairs got a speaker that does
	// not agree (the rest of the misses are empty speakers).
	WrongSpeakers int
	// EmptySpeakers is how many of those pairs got no speaker at all.
	EmptySpeakers                      int
	Precision, Recall, SpeakerAccuracy float64
	// Speakers is the number of predictions with a speaker; BadSpeakers
	// those that are a pronoun, a function word or a fragment (BadSpeaker).
	Speakers, BadSpeakers int
	// Outlets holds the figures per outlet (the article name's prefix:
	// nyt, breitbart …), in name order.
	Outlets               []OutletScore
	UnitCases, UnitPassed int
	// Elapsed is the time spent extracting, for a rough throughput.
	Elapsed time.Duration
	// Failures lists unit cases that failed, for the report.
	Failures []string
}

// Write prints the report in a few aligned lines.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "quotes: %d articles, %d gold direct quotations, %d predicted\n", r.Articles, r.Gold, r.Predicted)
	fmt.Fprintf(w, "  precision        %.3f  (%d/%d)\n", r.Precision, r.Correct, r.Predicted)
	fmt.Fprintf(w, "  recall           %.3f  (%d/%d)\n", r.Recall, r.Found, r.Gold)
	fmt.Fprintf(w, "  speaker accuracy %.3f  (over %d matched pairs; %d given a speaker that does not agree, %d empty)\n", r.SpeakerAccuracy, r.SpeakerPairs, r.WrongSpeakers, r.EmptySpeakers)
	fmt.Fprintf(w, "  bad speakers     %d  (pronouns, function words or fragments among %d speakers; goal 0)\n", r.BadSpeakers, r.Speakers)
	if len(r.Outlets) > 1 {
		fmt.Fprintf(w, "  %-14s %8s %9s %6s %9s\n", "outlet", "articles", "precision", "recall", "speakers")
		for _, o := range r.Outlets {
			fmt.Fprintf(w, "  %-14s %8d %9.3f %6.3f %9.3f\n", o.Outlet, o.Articles, ratio(o.Correct, o.Predicted), ratio(o.Found, o.Gold), ratio(o.Agree, o.Pairs))
		}
	}
	if r.Elapsed > 0 && r.Articles > 0 {
		fmt.Fprintf(w, "  extraction       %.0f articles/s\n", float64(r.Articles)/r.Elapsed.Seconds())
	}
	if r.UnitCases > 0 {
		fmt.Fprintf(w, "  unit cases       %d/%d passed\n", r.UnitPassed, r.UnitCases)
		for _, f := range r.Failures {
			fmt.Fprintf(w, "    FAIL %s\n", f)
		}
	}
}

// attribution is one line of attributions-derived.*.jsonl.
type attribution struct {
	Article   string  `json:"article"`
	Annotator string  `json:"annotator"`
	ID        string  `json:"id"`
	Source    *spans  `json:"source"`
	Content   *spans  `json:"content"`
	QuoteType *string `json:"quote_type"`
}

type spans struct {
	Text  string  `json:"text"`
	Spans [][]int `json:"spans"` // code-point offsets
}

// Article is one PolNeAR article with its gold attributions, offsets in bytes.
type Article struct {
	Name  string
	Text  string
	Attrs []Gold
}

// Gold is one annotated attribution.
type Gold struct {
	Type    string // direct, mixed or indirect
	Source  string // annotated source text, "" when none
	SrcPos  int    // byte offset of the source, -1 when none
	Content []quote.Span
}

// LoadPolNeAR reads the dev split: one annotator per article, offsets
// converted to bytes.
func LoadPolNeAR(dir string) ([]Article, error) {
	return LoadSplit(dir, "dev")
}

// LoadSplit reads one PolNeAR split ("dev", "annotator-training" or
// "train"): attributions from attributions-derived.<split>.jsonl (or .gz),
// texts from data/<split>/text or, for train, from the tarball.
func LoadSplit(dir, split string) ([]Article, error) {
	byArticle, err := readAttributions(dir, split)
	if err != nil {
		return nil, err
	}
	texts, err := readTexts(dir, split)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(byArticle))
	for n := range byArticle {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Article
	for _, n := range names {
		text, ok := texts[n]
		if !ok {
			return nil, fmt.Errorf("quotes: article %s: no text", n)
		}
		out = append(out, article(n, text, byArticle[n]))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("quotes: no articles in %s split", split)
	}
	return out, nil
}

// readAttributions reads a split's derived attributions, grouped by article.
func readAttributions(dir, split string) (map[string][]attribution, error) {
	path := filepath.Join(dir, "attributions-derived."+split+".jsonl")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.Open(path + ".gz")
	}
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(f.Name(), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("quotes: %s: %w", f.Name(), err)
		}
		defer gz.Close()
		r = gz
	}
	byArticle := map[string][]attribution{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a attribution
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("quotes: parse attributions: %w", err)
		}
		byArticle[a.Article] = append(byArticle[a.Article], a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("quotes: read attributions: %w", err)
	}
	return byArticle, nil
}

// readTexts returns a split's article texts by name.
func readTexts(dir, split string) (map[string]string, error) {
	texts := map[string]string{}
	textDir := filepath.Join(dir, "data", split, "text")
	if files, _ := filepath.Glob(filepath.Join(textDir, "*.txt")); len(files) > 0 {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("quotes: %w", err)
			}
			texts[strings.TrimSuffix(filepath.Base(f), ".txt")] = string(raw)
		}
		return texts, nil
	}
	f, err := os.Open(filepath.Join(dir, "data", split+"-text-attributions.tar.gz"))
	if err != nil {
		return nil, fmt.Errorf("quotes: no texts for %s split: %w", split, err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("quotes: %s: %w", f.Name(), err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("quotes: %s: %w", f.Name(), err)
		}
		if h.Typeflag != tar.TypeReg || path.Base(path.Dir(h.Name)) != "text" || !strings.HasSuffix(h.Name, ".txt") {
			continue
		}
		raw, err := io.ReadAll(io.LimitReader(tr, 16<<20))
		if err != nil {
			return nil, fmt.Errorf("quotes: %s: %w", h.Name, err)
		}
		texts[strings.TrimSuffix(path.Base(h.Name), ".txt")] = string(raw)
	}
	return texts, nil
}

// article builds an Article from its text and attributions, keeping the
// lexicographically first annotator and converting offsets to bytes.
func article(name, text string, attrs []attribution) Article {
	byteOf := runeOffsets(text)
	conv := func(cp int) int {
		if cp < 0 {
			return 0
		}
		if cp >= len(byteOf) {
			return len(text)
		}
		return byteOf[cp]
	}
	first := ""
	for _, a := range attrs {
		if first == "" || a.Annotator < first {
			first = a.Annotator
		}
	}
	art := Article{Name: name, Text: text}
	for _, a := range attrs {
		if a.Annotator != first || a.QuoteType == nil || a.Content == nil {
			continue
		}
		g := Gold{Type: reclassify(*a.QuoteType, a.Content.Text), SrcPos: -1}
		if a.Source != nil {
			g.Source = a.Source.Text
			if len(a.Source.Spans) > 0 && len(a.Source.Spans[0]) == 2 {
				g.SrcPos = conv(a.Source.Spans[0][0])
			}
		}
		for _, sp := range a.Content.Spans {
			if len(sp) == 2 {
				g.Content = append(g.Content, quote.Span{Start: conv(sp[0]), End: conv(sp[1])})
			}
		}
		art.Attrs = append(art.Attrs, g)
	}
	return art
}

// reclassify corrects quote_type for the New York Times archive's
// doubled apostrophes, which the derived files do not count as
// quotation marks: content wrapped in them is direct, content holding them mixed.
func reclassify(typ, content string) string {
	if typ != "indirect" || !strings.Contains(content, "''") {
		return typ
	}
	c := strings.TrimRight(strings.TrimSpace(content), ",.;:")
	if strings.HasPrefix(c, "''") && strings.HasSuffix(c, "''") {
		return "direct"
	}
	return "mixed"
}

// runeOffsets maps code-point offsets to byte offsets; the last entry is len(text).
func runeOffsets(text string) []int {
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	return append(offs, len(text))
}

// PolNeAR scores quote.Extract on the dev split in dir (see the package
// comment for how). When the textacy unit cases sit beside dir (in
// ../unit-cases, as in the shared data), the report includes them too.
func PolNeAR(dir string) (Report, error) {
	r, err := Split(dir, "dev")
	if err != nil {
		return r, err
	}
	units := filepath.Join(filepath.Dir(filepath.Clean(dir)), "unit-cases")
	if _, err := os.Stat(filepath.Join(units, unitCasesFile)); err == nil {
		passed, total, failures, err := UnitCases(units)
		if err != nil {
			return r, err
		}
		r.UnitCases, r.UnitPassed, r.Failures = total, passed, failures
	}
	return r, nil
}

// OutletScore is the tally for one outlet.
type OutletScore struct {
	Outlet                                                  string
	Articles, Gold, Predicted, Correct, Found, Pairs, Agree int
}

// Outlet returns the outlet of a PolNeAR article: its name up to the first
// underscore (nyt_2016-…, breitbart_2016-…).
func Outlet(name string) string {
	if i := strings.IndexByte(name, '_'); i > 0 {
		return name[:i]
	}
	return name
}

// Split scores quote.Extract on one PolNeAR split, as PolNeAR does the dev split.
func Split(dir, split string) (Report, error) {
	return SplitOutlets(dir, split, nil)
}

// SplitOutlets scores quote.Extract on the articles of one PolNeAR split
// from the given outlets (all when outlets is empty), to score folds of
// outlets held apart from each other.
func SplitOutlets(dir, split string, outlets []string) (Report, error) {
	arts, err := LoadSplit(dir, split)
	if err != nil {
		return Report{}, err
	}
	keep := map[string]bool{}
	for _, o := range outlets {
		keep[o] = true
	}
	var r Report
	agree := 0
	byOutlet := map[string]*OutletScore{}
	for _, art := range arts {
		o := Outlet(art.Name)
		if len(keep) > 0 && !keep[o] {
			continue
		}
		start := time.Now()
		qs := quote.Extract(art.Text)
		r.Elapsed += time.Since(start)
		s := ScoreArticle(art, qs)
		for _, q := range qs {
			if q.Speaker != "" {
				r.Speakers++
				if BadSpeaker(q.Speaker) {
					r.BadSpeakers++
				}
			}
		}
		oc := byOutlet[o]
		if oc == nil {
			oc = &OutletScore{Outlet: o}
			byOutlet[o] = oc
		}
		oc.Articles++
		oc.Gold += s.Gold
		oc.Predicted += len(qs)
		oc.Correct += s.Correct
		oc.Found += s.Found
		oc.Pairs += s.Pairs
		oc.Agree += s.Agree
		r.Articles++
		r.Gold += s.Gold
		r.Predicted += len(qs)
		r.Correct += s.Correct
		r.Found += s.Found
		r.SpeakerPairs += s.Pairs
		agree += s.Agree
		r.WrongSpeakers += s.WrongSpeaker
		r.EmptySpeakers += s.EmptySpeaker
	}
	if len(keep) > 0 && r.Articles == 0 {
		return r, fmt.Errorf("quotes: no articles of outlets %s in the %s split", strings.Join(outlets, ", "), split)
	}
	for _, oc := range byOutlet {
		r.Outlets = append(r.Outlets, *oc)
	}
	sort.Slice(r.Outlets, func(i, j int) bool { return r.Outlets[i].Outlet < r.Outlets[j].Outlet })
	r.Precision = ratio(r.Correct, r.Predicted)
	r.Recall = ratio(r.Found, r.Gold)
	r.SpeakerAccuracy = ratio(agree, r.SpeakerPairs)
	return r, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ArticleScore is the outcome on one article.
type ArticleScore struct {
	Gold, Correct, Found, Pairs, Agree int
	// WrongSpeaker counts the pairs whose predicted speaker is not empty
	// and does not agree: a name (or role) given that the scorer rejects.
	WrongSpeaker int
	// EmptySpeaker counts the pairs given no speaker.
	EmptySpeaker int
	// Wrong, Missed and Speakers describe the errors, for inspection.
	Wrong    []quote.Quote
	Missed   []Gold
	Speakers []string // "predicted ≠ gold" per disagreeing pair
}

// ScoreArticle compares predicted quotations with an article's gold.
func ScoreArticle(art Article, qs []quote.Quote) ArticleScore {
	var s ArticleScore
	words := wordSpans(art.Text)
	gold := make([]map[int]bool, len(art.Attrs))
	for i, g := range art.Attrs {
		gold[i] = tokenSet(words, g.Content)
	}
	predAll := map[int]bool{}
	for _, q := range qs {
		p := tokenSet(words, q.Parts)
		for t := range p {
			predAll[t] = true
		}
		best, bestN := -1, 0
		for i, g := range art.Attrs {
			if g.Type != "direct" && g.Type != "mixed" {
				continue
			}
			n := 0
			for t := range p {
				if gold[i][t] {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best < 0 || 2*bestN < len(p) {
			s.Wrong = append(s.Wrong, q)
			continue
		}
		s.Correct++
		if art.Attrs[best].Type != "direct" {
			continue
		}
		s.Pairs++
		if speakerAgrees(art, best, q.Speaker) {
			s.Agree++
		} else {
			if strings.TrimSpace(q.Speaker) != "" {
				s.WrongSpeaker++
			} else {
				s.EmptySpeaker++
			}
			s.Speakers = append(s.Speakers, fmt.Sprintf("%q ≠ %q: %.60s", q.Speaker, art.Attrs[best].Source, q.Text))
		}
	}
	for i, g := range art.Attrs {
		if g.Type != "direct" {
			continue
		}
		s.Gold++
		n := 0
		for t := range gold[i] {
			if predAll[t] {
				n++
			}
		}
		if len(gold[i]) > 0 && 2*n >= len(gold[i]) {
			s.Found++
		} else {
			s.Missed = append(s.Missed, g)
		}
	}
	return s
}

// wordSpans returns the start offsets of the word tokens of text, in order,
// with their ends.
func wordSpans(text string) []quote.Span {
	var out []quote.Span
	start := -1
	for i, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, quote.Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, quote.Span{Start: start, End: len(text)})
	}
	return out
}

// tokenSet returns the indexes of the word tokens inside spans.
func tokenSet(words []quote.Span, spans []quote.Span) map[int]bool {
	set := map[int]bool{}
	for _, s := range spans {
		i := sort.Search(len(words), func(i int) bool { return words[i].Start >= s.Start })
		for ; i < len(words) && words[i].End <= s.End; i++ {
			set[i] = true
		}
	}
	return set
}

// LenientPronouns makes a pronoun source also stand for the nearest
// preceding source that is a description (see speakerAgrees); off, a
// pronoun stands only for the nearest preceding source that names someone,
// as the figures before issue 12 were measured.
var LenientPronouns = false

// PronounsByAnnotationOnly makes a pronoun source stand only for annotated
// sources, as the figures before the recent-subject rule were measured
// (see recentSubject); off, it also stands for the recent subject.
var PronounsByAnnotationOnly = false

// pronouns a gold source may be.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "him": true, "her": true, "i": true, "we": true, "it": true}

// speakerAgrees reports whether pred names the source of gold attribution i.
func speakerAgrees(art Article, i int, pred string) bool {
	if strings.TrimSpace(pred) == "" {
		return false
	}
	g := art.Attrs[i]
	if sameSpeaker(pred, g.Source) {
		return true
	}
	// "Mr. Burman of the Tax Policy Center": the name before "of" (what
	// follows it is where the speaker works or comes from).
	if i := strings.Index(g.Source, " of "); i > 0 && naming(g.Source[:i]) && sameSpeaker(pred, g.Source[:i]) {
		return true
	}
	// "Another critic, Laurence H. Tribe,": the name may follow the
	// description in an apposition.
	if segs := strings.Split(g.Source, ","); len(segs) > 1 {
		for _, seg := range segs[1:] {
			if naming(seg) && sameSpeaker(pred, seg) {
				return true
			}
		}
	}
	src := normalize(g.Source)
	if pronouns[src] {
		// The nearest preceding source that names someone; or, when
		// LenientPronouns is set, the nearest preceding source that is no
		// pronoun, which may be a description ("the two-term president"
		// before "he will say").
		best, bestPos := -1, -1
		near, nearPos := -1, -1
		for k, o := range art.Attrs {
			if o.SrcPos < 0 || o.SrcPos >= g.SrcPos || pronouns[normalize(o.Source)] || normalize(o.Source) == "" {
				continue
			}
			if naming(o.Source) && o.SrcPos > bestPos {
				best, bestPos = k, o.SrcPos
			}
			if o.SrcPos > nearPos {
				near, nearPos = k, o.SrcPos
			}
		}
		if best >= 0 && sameSpeaker(pred, art.Attrs[best].Source) {
			return true
		}
		if !PronounsByAnnotationOnly && g.SrcPos >= 0 {
			if subj := recentSubject(art.Text, g.SrcPos); subj != "" && sameSpeaker(pred, subj) {
				return true
			}
		}
		return LenientPronouns && near >= 0 && near != best && speakerAgrees(art, near, pred)
	}
	if ws := strings.Fields(letters(g.Source)); !naming(g.Source) && len(ws) > 0 {
		// A description: an earlier source carrying its head word, or a
		// mention of the predicted name introduced with it.
		head := ws[len(ws)-1]
		for _, o := range art.Attrs {
			if o.SrcPos >= 0 && o.SrcPos < g.SrcPos && containsWord(normalizeFull(o.Source), head) && sameSpeaker(pred, o.Source) {
				return true
			}
		}
		return introducedAs(art.Text, pred, head)
	}
	return false
}

// introducedAs reports whether text introduces the person pred with the
// role word head: the role shortly before the name (President Barack
// Obama, Kremlin spokesman Dmitry Peskov) or in an apposition after it
// (Dmitry Peskov, Putin's spokesman).
func introducedAs(text, pred, head string) bool {
	ws := strings.Fields(pred)
	if len(ws) == 0 || head == "" {
		return false
	}
	last := ws[len(ws)-1]
	for off := 0; ; {
		i := strings.Index(text[off:], last)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(last)
		before := strings.Fields(letters(text[max(0, i-60):i]))
		if len(before) > 3 {
			before = before[len(before)-3:] // President Barack Obama
		}
		for k, w := range before {
			if full, ok := titleAbbrevs[w]; ok {
				before[k] = full // Sen. Bernie Sanders is the senator
			}
		}
		if containsWord(strings.Join(before, " "), head) {
			return true
		}
		after := text[off:min(len(text), off+100)]
		if strings.HasPrefix(after, ",") {
			if j := strings.IndexAny(after[1:], ",.;"); j > 0 {
				after = after[:j+1]
			}
			if containsWord(letters(after), head) {
				return true
			}
		}
	}
}

// naming reports whether a source text names someone: a capitalised word
// after any leading determiner.
func naming(s string) bool {
	for k, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if k == 0 && (lw == "the" || lw == "a" || lw == "an") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// sameSpeaker compares two speaker texts leniently (see the package comment).
func sameSpeaker(a, b string) bool {
	na, nb := normalize(a), normalize(b)
	if na == "" || nb == "" {
		// Only titles and determiners ("the former president"): the
		// words themselves must agree.
		return strings.TrimSpace(a) != "" && letters(a) == letters(b)
	}
	if na == nb {
		return true
	}
	wa, wb := strings.Fields(na), strings.Fields(nb)
	if wa[len(wa)-1] == wb[len(wb)-1] {
		return true
	}
	return subset(wa, wb) || subset(wb, wa)
}

func subset(a, b []string) bool {
	for _, w := range a {
		if !containsWord(strings.Join(b, " "), w) {
			return false
		}
	}
	return true
}

func containsWord(s, w string) bool {
	for _, x := range strings.Fields(s) {
		if x == w {
			return true
		}
	}
	return false
}

// evalTitles are dropped when comparing speakers.
var evalTitles = map[string]bool{
	"the": true, "a": true, "an": true, "mr": true, "mrs": true, "ms": true, "dr": true, "sen": true,
	"rep": true, "gov": true, "president": true, "senator": true, "governor": true, "former": true,
	"gen": true, "lt": true, "col": true, "rev": true, "prof": true, "u": true, "s": true, "us": true,
}

// normalize lower-cases a speaker text, keeps only the part before an
// apposition (a comma, a parenthesis, "who"), and drops titles,
// determiners, possessives and punctuation.
func normalize(s string) string {
	if i := strings.IndexAny(s, ",("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " who "); i > 0 {
		s = s[:i]
	}
	return normalizeFull(s)
}

// letters lower-cases s and keeps only its letters and digits, as words.
func letters(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// normalizeFull is normalize without cutting the apposition.
func normalizeFull(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’s", "", "'s", "", "’", "", "'", "").Replace(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		if !evalTitles[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// titleAbbrevs are the abbreviated titles a description may spell out.
var titleAbbrevs = map[string]string{"sen": "senator", "rep": "representative", "gov": "governor",
	"gen": "general", "pres": "president", "sec": "secretary", "atty": "attorney", "lt": "lieutenant",
	"col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral", "prof": "professor", "dr": "doctor"}
