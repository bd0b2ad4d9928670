package quotes

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	newsarticle "github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/quote"
)

// BadSpeaker reports whether a predicted speaker is not a name, a role or
// an organisation: a pronoun, a conjunction or other function word, or a
// lower-case fragment of a sentence. The lists here are the evaluation's
// own, kept apart from the ones internal/quote uses, so that the measure
// does not grade the code against itself.
//
// A speaker is bad when a word of it is a pronoun or function word in
// English, German, French, Spanish, Polish, Italian or Portuguese (articles
// and determiners that open a role, "the senator", "la ministre", are
// allowed, and so are the particles inside a name, "Ursula von der Leyen",
// "Charles de Gaulle"), or when it has no capitalised word and opens
// neither with an article nor with a known role noun ("said after", "sagte
// er", "dit-il").
func BadSpeaker(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '(' || r == ')'
	})
	if len(words) == 0 {
		return false // empty is allowed
	}
	if !hasLetters(s) {
		return true
	}
	capital := false
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) {
			capital = true // Chinese and Japanese have no case
		}
	}
	for k, w := range words {
		initial := utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, ".")
		w = strings.Trim(w, ".!?\"'’‘“”«»„-–—")
		lw := strings.ToLower(w)
		for _, pos := range []string{"'s", "’s"} {
			lw = strings.TrimSuffix(lw, pos) // he's
		}
		if initial {
			continue // Lindsey O. Graham
		}
		if utf8.RuneCountInString(lw) == 1 && unicode.IsLower(rune(lw[0])) && len(words) == 1 {
			return true // a stray letter
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			// A capitalised word is a name's unless it is a pronoun or a
			// conjunction (Er, Und, Y); initials and particles pass.
			if evalCapitalBad[lw] && !(k == 0 && evalArticles[lw]) {
				return true
			}
			continue
		}
		// l'adjoint, d'Edouard: the elided article or preposition.
		if i := strings.IndexAny(lw, "'’"); i > 0 && i <= 2 {
			head := lw[:i]
			if head == "d" || head == "qu" || head == "j" || head == "n" || head == "s" || head == "c" {
				return true // de, que, je, ne, se, ce: never in a speaker but in a name (handled below)
			}
			lw = lw[i+1:]
		}
		if k == 0 && evalArticles[lw] {
			continue
		}
		if (lw == "and" || lw == "und" || lw == "et" || lw == "y") && k > 0 && k < len(words)-1 && capital {
			continue // two people named together
		}
		if evalParticles[lw] && k > 0 && k < len(words)-1 && capital {
			continue // von der Leyen, de Gaulle
		}
		if evalFunctionWords[lw] {
			return true
		}
	}
	if capital {
		return false
	}
	first := strings.ToLower(words[0])
	last := strings.ToLower(words[len(words)-1])
	group := len(words) <= 3 && strings.HasSuffix(last, "s") // federal prosecutors
	return !evalArticles[first] && !evalRoles[first] && !group
}

func hasLetters(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func evalSet(s string) map[string]bool {
	// Sized first and filled from the words in place: the sets are built
	// before main of every command, where a growing map and a slice of the
	// words were garbage.
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	m := make(map[string]bool, n)
	for w := range strings.FieldsSeq(s) {
		m[w] = true
	}
	return m
}

// evalArticles may open a role (the senator, der Sprecher, la ministre).
var evalArticles = evalSet(`the a an this that der die das den dem des ein eine einer eines einem einen
le la les l un une el los las lo una unos unas il lo gli i uno o os as um uma this these
his her their its our my your sein seine seinem seinen ihr ihre ihrem ihren son sa ses leur su sus suo sua seu
one two three several some many another other`)

// evalCapitalBad are pronouns and conjunctions that may be capitalised at
// the start of a sentence but are never a speaker's word.
var evalCapitalBad = evalSet(`i he she it we they you who which what that this these those and but or so if
er sie es wir ihr ich du und aber oder doch denn dann da wenn wie als auch
il elle ils elles nous vous je tu et mais ou donc puis
él ella ellos ellas nosotros yo tú y pero o entonces cuando como
on ona ono oni one my wy ja ty i ale lub jak gdy kiedy
lui lei loro noi voi io e ma ele ela eles elas nós eu mas`)

// evalParticles may stand inside a name.
var evalParticles = evalSet(`de von van der den da di del della la le du bin al ibn ter y dos das zu`)

// evalRoles may open a role without an article (Polish has none).
var evalRoles = evalSet(`rzecznik rzeczniczka minister ministra premier prezydent prezes dyrektor szef
szefowa policja prokuratura portavoz ministro presidente portavoce sprecher sprecherin spokesman
spokeswoman police officials`)

// evalFunctionWords are pronouns, conjunctions, prepositions, auxiliaries
// and adverbs that are never a speaker or part of one.
var evalFunctionWords = evalSet(`
i you he she it we they me him her us them my your his its our their who whom which what that this
and or but nor so if then than because although though while when where why how not no also only just
said says told according after before since until with without from into onto upon over under about
is was are were be been has have had do does did will would can could should may might must
ich du er sie es wir ihr ihm ihn ihnen mich dich sich uns euch mein dein sein unser euer
und oder aber denn sondern doch weil dass wenn als ob wie auch noch schon nur nicht kein keine
sagte sagt sagten erklärte betonte meinte so dann hier dort da wo was wer welche welcher welches dieser diese dieses jener
ist war sind waren wird wurde werden hat hatte haben man
je tu il elle nous vous ils elles on me te se lui leur eux moi toi soi y en ce cela ça ceci celui celle ceux celles qui que quoi dont où
et ou mais donc or ni car si comme quand lorsque puis alors aussi encore déjà très plus ne pas
a dit déclare déclaré affirme affirmé explique expliqué ajoute ajouté selon est était sont ont avait
yo tú él ella ello nosotros nosotras vosotros ellos ellas usted ustedes le les se nos os mí ti sí
y e ni pero sino porque aunque cuando donde como que quien quienes cual cuales si también ya muy más no
dijo dice afirmó explicó añadió aseguró según es era son fue ha han había
ja ty on ona ono my wy oni mnie mi mną ciebie ci cię go mu jej jego ich im nas was się
i oraz lub albo ale lecz bo że żeby jeśli gdy kiedy jak gdzie co kto który która które także też już nie tak
powiedział powiedziała mówi dodał dodała stwierdził podkreślił jest był była są było
io tu lui lei noi voi loro egli essa esso si ci vi ne e o ma però perché quando dove come chi che anche già non
eu tu ele ela nós vós eles elas se nos vos lhe lhes e ou mas porque quando onde como quem que também já não
`)

// LangCount is the tally of speakers in one language.
type LangCount struct {
	Lang          string
	Pages, Quotes int // pages with text, quotations found
	Speakers, Bad int // non-empty speakers, of which bad
	Examples      []string
}

// PagesReport is the outcome of Pages.
type PagesReport struct {
	Pages  int
	ByLang []*LangCount
}

// Write prints the per-language tally.
func (r PagesReport) Write(w io.Writer, examples bool) {
	fmt.Fprintf(w, "speakers on %d pages (pronouns, function words or fragments; goal 0)\n", r.Pages)
	fmt.Fprintf(w, "  %-5s %6s %7s %9s %5s %7s\n", "lang", "pages", "quotes", "speakers", "bad", "rate")
	for _, l := range r.ByLang {
		fmt.Fprintf(w, "  %-5s %6d %7d %9d %5d %7.3f\n", l.Lang, l.Pages, l.Quotes, l.Speakers, l.Bad, ratio(l.Bad, l.Speakers))
		if examples {
			for _, e := range l.Examples {
				fmt.Fprintf(w, "        %s\n", e)
			}
		}
	}
}

// maxExamples bounds the bad speakers kept per language for the report.
const maxExamples = 12

// Pages extracts the main text of every page under dir (*.html, *.htm,
// optionally gzipped), finds its quotations, and counts per language (as
// whatlanggo identifies the text) the speakers that BadSpeaker rejects.
func Pages(dir string) (PagesReport, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n := strings.TrimSuffix(d.Name(), ".gz")
		if !d.IsDir() && (strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return PagesReport{}, fmt.Errorf("quotes: %w", err)
	}
	if len(files) == 0 {
		return PagesReport{}, fmt.Errorf("quotes: no HTML pages under %s", dir)
	}
	sort.Strings(files)
	byLang := map[string]*LangCount{}
	var r PagesReport
	for _, f := range files {
		text, err := pageText(f)
		if err != nil {
			return r, err
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		r.Pages++
		lang := whatlanggo.DetectLang(text).Iso6391()
		if lang == "" {
			lang = "?"
		}
		lc := byLang[lang]
		if lc == nil {
			lc = &LangCount{Lang: lang}
			byLang[lang] = lc
		}
		lc.Pages++
		for _, q := range quote.Extract(text) {
			lc.Quotes++
			if q.Speaker == "" {
				continue
			}
			lc.Speakers++
			if BadSpeaker(q.Speaker) {
				lc.Bad++
				if len(lc.Examples) < maxExamples {
					lc.Examples = append(lc.Examples, fmt.Sprintf("%q ← %.50q (%s)", q.Speaker, q.Text, filepath.Base(f)))
				}
			}
		}
	}
	for _, lc := range byLang {
		r.ByLang = append(r.ByLang, lc)
	}
	sort.Slice(r.ByLang, func(i, j int) bool {
		if r.ByLang[i].Quotes != r.ByLang[j].Quotes {
			return r.ByLang[i].Quotes > r.ByLang[j].Quotes
		}
		return r.ByLang[i].Lang < r.ByLang[j].Lang
	})
	return r, nil
}

// pageText returns the main text article.Extract finds in one page file.
func pageText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("quotes: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("quotes: %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	a, err := newsarticle.Extract(io.LimitReader(r, 32<<20), "")
	if err != nil {
		return "", fmt.Errorf("quotes: %s: %w", path, err)
	}
	return a.Text, nil
}
