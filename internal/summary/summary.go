// Package summary owns extractive, query-aware summaries of news articles
// and the sentence splitter they are built on.
//
// A summary is a handful of sentences of the article, copied verbatim and
// given in article order; nothing is rewritten. The one exception is a
// summary whose single best sentence is longer than Options.MaxChars: that
// sentence is cut at a word boundary and ends with "…".
//
// Sentences are ranked by a mix of signals:
//   - centrality: how much a sentence shares with the rest of the article
//     (a LexRank-style random walk over a TF-IDF cosine similarity graph,
//     together with similarity to the article's centroid);
//   - position: news leads carry the gist, so early sentences weigh more;
//   - the watch: sentences carrying the watch's matched terms (compared with
//     case and diacritics folded) outrank every sentence that carries none;
//   - the headline, when given;
//   - length: very short and very long sentences are less useful.
//
// Selection is greedy with maximal marginal relevance: a sentence much like
// one already chosen is skipped. Boilerplate (bylines, datelines,
// "Read more", "Sign up", photo credits and captions, headings without a
// full stop) and fragments of fewer than four words are never chosen.
package summary

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options control one summary. The zero value asks for the defaults.
type Options struct {
	// Sentences is how many sentences at most (default 3).
	Sentences int
	// MaxChars bounds the summary's total length in characters (runes,
	// default 600), counting one separator between sentences. A sentence
	// that would cross it is dropped, never cut,
	// except when the first sentence chosen is alone longer than MaxChars:
	// then the summary is that sentence cut at a word boundary with "…"
	// appended, the only case in which a summary is not verbatim.
	MaxChars int
	// Terms are the watch's matched terms and phrases as found in the text;
	// sentences carrying them rank higher.
	Terms []string
	// Title is the headline, optional; similarity to it is a signal.
	Title string
}

const (
	defaultSentences = 3
	defaultMaxChars  = 600
	// minWords is the shortest sentence, in words, a summary may use.
	minWords = 4
	// maxSentences bounds the work on very long texts: only the first
	// maxSentences sentences are candidates (the similarity graph is
	// quadratic in their number).
	maxSentences = 400
	// ellipsis ends a sentence cut to fit MaxChars.
	ellipsis = "…"
)

// weights of the ranking signals; see rank.
type weights struct {
	position   float64 // weight of the lead bonus
	posDecay   float64 // sentences over which the lead bonus decays
	centrality float64 // weight of graph centrality
	centroid   float64 // weight of similarity to the article centroid
	title      float64 // weight of similarity to the headline
	terms      float64 // weight of the watch's terms
	shortWords int     // sentences shorter than this are discounted
	longWords  int     // sentences longer than this are discounted
	lengthPen  float64 // size of the length discount
	redundancy float64 // MMR: weight of similarity to chosen sentences
	duplicate  float64 // similarity above which a sentence is a repeat
}

var defaultWeights = weights{
	position:   1.0,
	posDecay:   3,
	centrality: 0.35,
	centroid:   0.35,
	title:      0.3,
	terms:      2.0,
	shortWords: 8,
	longWords:  45,
	lengthPen:  0.25,
	redundancy: 0.4,
	duplicate:  0.6,
}

// sentence is one candidate with its features.
type sentence struct {
	span   Span
	text   string
	folded string
	nwords int
	vec    vector // TF-IDF vector, unit length
	usable bool   // may appear in a summary
	score  float64
	key    string // see wordKey
}

// Summarize returns up to opts.Sentences sentences of text, verbatim and in
// text order, chosen as described in the package documentation. text is an
// article's main text, paragraphs separated by blank lines, or a feed
// description. It returns nil when text holds no usable sentence.
func Summarize(text string, opts Options) []string {
	return summarize(text, opts, defaultWeights)
}

func summarize(text string, opts Options, w weights) []string {
	if opts.Sentences <= 0 {
		opts.Sentences = defaultSentences
	}
	if opts.MaxChars <= 0 {
		opts.MaxChars = defaultMaxChars
	}
	sents := candidates(text)
	usable, chars := 0, 0
	for i := range sents {
		if sents[i].usable {
			usable++
			if usable <= opts.Sentences {
				chars += utf8.RuneCountInString(sents[i].text)
			}
		}
	}
	if usable == 0 {
		return nil
	}
	// When every usable sentence fits the budgets, the ranking decides
	// nothing: choose takes them all unless two are near repeats, which
	// only the vectors tell. A lone sentence is taken whatever the budgets.
	fits := usable <= opts.Sentences && chars+usable-1 <= opts.MaxChars
	if usable == 1 {
		return finish(sents, nil, opts)
	}
	voc := vectorize(sents)
	if fits && !hasRepeat(sents, w) {
		return finish(sents, nil, opts)
	}
	rank(sents, voc, opts, w)
	chosen := choose(sents, opts, w)
	if len(chosen) == 0 {
		return nil
	}
	slices.Sort(chosen)
	return finish(sents, chosen, opts)
}

// finish returns the texts of the chosen sentences, given in text order,
// or of every usable sentence when chosen is nil, with a lone sentence over
// opts.MaxChars cut.
func finish(sents []sentence, chosen []int, opts Options) []string {
	var out []string
	if chosen == nil {
		n := 0
		for i := range sents {
			if sents[i].usable {
				n++
			}
		}
		out = make([]string, 0, n)
		for i := range sents {
			if sents[i].usable {
				out = append(out, sents[i].text)
			}
		}
	} else {
		out = make([]string, 0, len(chosen))
		for _, i := range chosen {
			out = append(out, sents[i].text)
		}
	}
	if len(out) == 1 && utf8.RuneCountInString(out[0]) > opts.MaxChars {
		out[0] = cut(out[0], opts.MaxChars)
	}
	return out
}

// minWithin is the least TF-IDF similarity of a sentence to one that holds
// all its words (well below w.duplicate: the longer one's other words weigh
// in); below it within is not asked.
const minWithin = 0.2

// startsQuoted reports whether s opens with a quotation mark.
func startsQuoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '„', '«', '»', '「', '『', '‘', '‚', '\'':
		return true
	}
	return false
}

// within reports whether the words of one sentence all occur, in order
// and together, in the other: a pull quote set apart from the paragraph
// that holds it with its attribution ("“…worse.”" and "“…worse,” said
// Mike Keil, …"), which TF-IDF, weighing the attribution's rarer words,
// need not find alike.
func within(a, b *sentence) bool {
	ka, kb := a.wordKey(), b.wordKey()
	if len(ka) > len(kb) {
		ka, kb = kb, ka
	}
	if ka == "" {
		return false
	}
	i := strings.Index(kb, ka)
	return i >= 0 && (i == 0 || kb[i-1] == ' ') && (i+len(ka) == len(kb) || kb[i+len(ka)] == ' ')
}

// wordKey returns the sentence's folded words joined by single spaces,
// computed once.
func (s *sentence) wordKey() string {
	if s.key == "" && s.folded != "" {
		var b strings.Builder
		for i := 0; ; {
			start, end := wordAfter(s.folded, i)
			if start == end {
				break
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.folded[start:end])
			i = end
		}
		s.key = b.String()
	}
	return s.key
}

// hasRepeat reports whether two usable sentences are so alike that choose
// would skip one of them.
func hasRepeat(sents []sentence, w weights) bool {
	for i := range sents {
		if !sents[i].usable {
			continue
		}
		for j := i + 1; j < len(sents); j++ {
			if d := sents[i].vec.dot(sents[j].vec); sents[j].usable && (d > w.duplicate || d > minWithin && within(&sents[i], &sents[j])) {
				return true
			}
		}
	}
	return false
}

// candidates splits text and decides which sentences are usable.
func candidates(text string) []sentence {
	spans := Split(text)
	if len(spans) > maxSentences {
		spans = spans[:maxSentences]
	}
	if len(spans) == 0 {
		return nil
	}
	// Fold every sentence into one buffer: one string for all of them.
	size := 0
	for _, sp := range spans {
		size += sp.End - sp.Start
	}
	var b strings.Builder
	b.Grow(size + size/8)
	var scratch []byte
	ends := make([]int, len(spans))
	for i, sp := range spans {
		scratch = foldTo(&b, scratch, text[sp.Start:sp.End])
		ends[i] = b.Len()
	}
	all := b.String()
	sents := make([]sentence, 0, len(spans))
	usable := 0
	for i, sp := range spans {
		s := text[sp.Start:sp.End]
		f := all[:ends[i]]
		if i > 0 {
			f = f[ends[i-1]:]
		}
		n := countWords(f)
		ok := n >= minWords && hasFinalMark(s) && !isBoilerplate(s, f)
		if ok {
			usable++
		}
		sents = append(sents, sentence{span: sp, text: s, folded: f, nwords: n, usable: ok})
	}
	// A sentence that a Chinese or Japanese photo credit follows in its
	// paragraph ("…游玩。新华社记者 王建威 摄", "…＝19日、山本裕之撮影")
	// is the photo's caption.
	for i := 0; i+1 < len(sents); i++ {
		if sents[i].usable && isPhotoCredit(sents[i+1].text) && !strings.Contains(text[sents[i].span.End:sents[i+1].span.Start], "\n\n") {
			sents[i].usable = false
			usable--
		}
	}
	// A quotation standing alone that a longer sentence holds whole is a
	// pull quote: the sentence with its attribution is the one to use.
	for i := range sents {
		if !sents[i].usable || !startsQuoted(sents[i].text) {
			continue
		}
		core := strings.TrimFunc(sents[i].folded, func(r rune) bool { return !isWordRune(r) })
		for j := range sents {
			if j != i && sents[j].usable && len(sents[j].text) > len(sents[i].text) && strings.Contains(sents[j].folded, core) {
				sents[i].usable = false
				usable--
				break
			}
		}
	}
	if usable == 0 {
		// A feed description may be one heading-like line: allow any
		// sentence that is not boilerplate and has two words or more.
		for i := range sents {
			sents[i].usable = sents[i].nwords >= 2 && !isBoilerplate(sents[i].text, sents[i].folded)
		}
	}
	return sents
}

// vectorize numbers the stems of the sentences and sets each sentence's
// TF-IDF vector, with sentences as documents, scaled to unit length.
func vectorize(sents []sentence) vocab {
	words, longest := 0, 0
	for i := range sents {
		words += sents[i].nwords
		longest = max(longest, sents[i].nwords)
	}
	voc := make(vocab, words/2+1)
	buf := make([]entry, 0, words)
	ids := make([]int32, 0, longest)
	for i := range sents {
		ids = appendTermIDs(ids[:0], voc, sents[i].folded)
		buf, sents[i].vec = appendVector(buf, ids)
	}
	df := make([]int, len(voc))
	for i := range sents {
		for _, e := range sents[i].vec {
			df[e.id]++
		}
	}
	n := float64(len(sents))
	for i := range sents {
		v := sents[i].vec
		for k, e := range v {
			v[k].w = (1 + math.Log(e.w)) * math.Log(1+n/float64(df[e.id]))
		}
		v.normalize()
	}
	return voc
}

// rank sets each sentence's score.
func rank(sents []sentence, voc vocab, opts Options, w weights) {
	n := len(sents)
	cells := make([]float64, n*n)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = cells[i*n : (i+1)*n : (i+1)*n]
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := sents[i].vec.dot(sents[j].vec)
			sim[i][j], sim[j][i] = s, s
		}
	}
	cent := lexRank(sim)
	dense := make([]float64, len(voc))
	for _, s := range sents {
		for _, e := range s.vec {
			dense[e.id] += e.w
		}
	}
	centroid := make(vector, 0, len(dense))
	for id, x := range dense {
		if x != 0 {
			centroid = append(centroid, entry{int32(id), x})
		}
	}
	centroid.normalize()

	var title vector
	if strings.TrimSpace(opts.Title) != "" {
		ids := appendTermIDs(nil, voc, fold(opts.Title))
		_, title = appendVector(nil, ids)
		title.normalize()
	}
	var terms []string
	var termStems [][]int32
	for _, t := range opts.Terms {
		if f := strings.TrimSpace(fold(t)); f != "" && !slices.Contains(terms, f) {
			terms = append(terms, f)
			ids := appendTermIDs(nil, voc, f)
			termStems = append(termStems, ids)
		}
	}

	// Position counts among usable sentences: boilerplate at the top does
	// not push the lead down.
	pos := 0
	for i := range sents {
		s := &sents[i]
		if !s.usable {
			continue
		}
		score := w.position/(1+float64(pos)/w.posDecay) +
			w.centrality*cent[i] +
			w.centroid*s.vec.dot(centroid)
		pos++
		if title != nil {
			score += w.title * s.vec.dot(title)
		}
		if s.nwords < w.shortWords {
			score -= w.lengthPen * float64(w.shortWords-s.nwords) / float64(w.shortWords)
		}
		if s.nwords > w.longWords {
			score -= w.lengthPen * math.Min(1, float64(s.nwords-w.longWords)/float64(w.longWords))
		}
		if len(terms) > 0 {
			// Whole terms count fully; the words of a phrase found apart
			// ("interference" for "election interference") count half.
			found, partial := 0, 0.0
			for k, t := range terms {
				if containsTerm(s.folded, t) {
					found++
					continue
				}
				if st := termStems[k]; len(st) > 0 {
					hit := 0
					for _, x := range st {
						if s.vec.has(x) {
							hit++
						}
					}
					partial += float64(hit) / float64(len(st))
				}
			}
			onTopic := (float64(found) + partial/2) / float64(len(terms))
			if found > 0 {
				score += w.terms * (1 + onTopic)
			} else {
				score += w.terms * onTopic
			}
		}
		s.score = score
	}
}

// lexRank returns each sentence's stationary probability in a random walk
// over the similarity graph, scaled so the most central sentence has 1.
func lexRank(sim [][]float64) []float64 {
	n := len(sim)
	p := make([]float64, n)
	if n == 0 {
		return p
	}
	rowSum := make([]float64, n)
	for i := range sim {
		for _, x := range sim[i] {
			rowSum[i] += x
		}
	}
	const damping = 0.85
	for i := range p {
		p[i] = 1 / float64(n)
	}
	next := make([]float64, n)
	for iter := 0; iter < 50; iter++ {
		for j := range next {
			next[j] = (1 - damping) / float64(n)
		}
		for i := range sim {
			if rowSum[i] == 0 {
				for j := range next {
					next[j] += damping * p[i] / float64(n)
				}
				continue
			}
			for j, x := range sim[i] {
				if x != 0 {
					next[j] += damping * p[i] * x / rowSum[i]
				}
			}
		}
		var delta float64
		for j := range p {
			delta += math.Abs(next[j] - p[j])
		}
		p, next = next, p
		if delta < 1e-6 {
			break
		}
	}
	top := 0.0
	for _, x := range p {
		top = math.Max(top, x)
	}
	for i := range p {
		p[i] /= top
	}
	return p
}

// choose picks sentences greedily by maximal marginal relevance within the
// sentence and character budgets. It returns indexes into sents.
func choose(sents []sentence, opts Options, w weights) []int {
	chosen := make([]int, 0, min(opts.Sentences, len(sents)))
	chars := 0
	tried := make([]bool, len(sents))
	for len(chosen) < opts.Sentences {
		best, bestScore := -1, math.Inf(-1)
		for i, s := range sents {
			if !s.usable || tried[i] {
				continue
			}
			red := 0.0
			repeat := false
			for _, c := range chosen {
				d := s.vec.dot(sents[c].vec)
				red = math.Max(red, d)
				// (a sentence within another shares most of its terms)
				repeat = repeat || d > minWithin && within(&sents[i], &sents[c])
			}
			if red > w.duplicate || repeat {
				continue
			}
			if x := s.score - w.redundancy*red; x > bestScore {
				best, bestScore = i, x
			}
		}
		if best < 0 {
			break
		}
		tried[best] = true
		n := utf8.RuneCountInString(sents[best].text)
		if len(chosen) > 0 && chars+n+len(chosen) > opts.MaxChars {
			continue
		}
		chosen = append(chosen, best)
		chars += n
	}
	return chosen
}

// cut shortens s to at most size runes, ellipsis included, at a word
// boundary.
func cut(s string, size int) string {
	if size <= 1 {
		return ellipsis
	}
	limit := len(s)
	n := 0
	for i := range s {
		if n == size-1 {
			limit = i
			break
		}
		n++
	}
	head := s[:limit]
	if i := strings.LastIndexFunc(head, unicode.IsSpace); i > 0 {
		head = head[:i]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' })
	return head + ellipsis
}

// hasFinalMark reports whether a sentence ends like prose: with a full stop,
// question or exclamation mark, possibly inside quotes or brackets. Headings
// and captions usually do not.
func hasFinalMark(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return isCloser(r) || unicode.IsSpace(r) })
	r, size := utf8.DecodeLastRuneInString(s)
	return isTerminator(r) || r == ';' && greekBefore(s, 0, len(s)-size)
}

// isPhotoCredit reports whether s is a short Chinese or Japanese photo
// credit: a name and "摄" (photographed by) or "撮影".
func isPhotoCredit(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return utf8.RuneCountInString(s) <= 40 && (strings.HasSuffix(s, "摄") || strings.HasSuffix(s, "攝") || strings.HasSuffix(s, "撮影"))
}
