package whatlanggo

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode"
)

// (newshound) The index, the ASCII paths and the early exit of
// DetectScript must change no result: upstream's code, kept here, is the
// reference.

// refCalculateDistance is upstream's calculateDistance.
func refCalculateDistance(langTrigrams []string, textTrigramsWeights map[string]int) (totalDist, numberTrigrams int) {
	for i, trigram := range langTrigrams {
		if textTrigramsWeights[trigram] > 0 {
			numberTrigrams++
			totalDist += (maxTrigramDistance - i) * textTrigramsWeights[trigram]
		}
	}
	return totalDist, numberTrigrams
}

// refDetectScript is upstream's DetectScript.
func refDetectScript(text string) *unicode.RangeTable {
	halfLen := len(text) / 2
	scriptCounter := []scriptCounter{
		{isLatin, unicode.Latin, 0}, {isCyrillic, unicode.Cyrillic, 0}, {isArabic, unicode.Arabic, 0},
		{isDevanagari, unicode.Devanagari, 0}, {isHiraganaKatakana, _HiraganaKatakana, 0},
		{isEthiopic, unicode.Ethiopic, 0}, {isHebrew, unicode.Hebrew, 0}, {isBengali, unicode.Bengali, 0},
		{isGeorgian, unicode.Georgian, 0}, {isHan, unicode.Han, 0}, {isHangul, unicode.Hangul, 0},
		{isGreek, unicode.Greek, 0}, {isKannada, unicode.Kannada, 0}, {isTamil, unicode.Tamil, 0},
		{isThai, unicode.Thai, 0}, {isGujarati, unicode.Gujarati, 0}, {isGurmukhi, unicode.Gurmukhi, 0},
		{isTelugu, unicode.Telugu, 0}, {isMalayalam, unicode.Malayalam, 0}, {isOriya, unicode.Oriya, 0},
		{isMyanmar, unicode.Myanmar, 0}, {isSinhala, unicode.Sinhala, 0}, {isKhmer, unicode.Khmer, 0},
	}
	for _, ch := range text {
		if isStopChar(ch) {
			continue
		}
		for i, sc := range scriptCounter {
			if sc.checkFunc(ch) {
				scriptCounter[i].count++
				if scriptCounter[i].count > halfLen {
					return sc.script
				}
				if i > 0 {
					scriptCounter[i], scriptCounter[i-1] = scriptCounter[i-1], scriptCounter[i]
				}
			}
		}
	}
	jpCount, max := 0, 0
	maxScript := &unicode.RangeTable{}
	for _, script := range scriptCounter {
		if script.count > max {
			max = script.count
			maxScript = script.script
			if script.script == _HiraganaKatakana {
				jpCount = max
			}
		}
	}
	switch {
	case max == 0:
		return nil
	case maxScript == unicode.Han && jpCount > 0:
		return _HiraganaKatakana
	default:
		return maxScript
	}
}

// referenceTexts are the upstream examples, each alone, cut at several
// lengths, and run together in pairs and all at once (mixed scripts).
func referenceTexts(t *testing.T) []string {
	b, err := os.ReadFile("testdata/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples map[string]string
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	var texts, all []string
	for _, s := range examples {
		all = append(all, s)
	}
	for i, s := range all {
		r := []rune(s)
		texts = append(texts, s, strings.ToUpper(s), string(r[:len(r)/3]), string(r[:min(len(r), 5)]),
			s+" "+all[(i+1)%len(all)], s+"\x01\x1f 123 $%& "+strings.Repeat("Latin ", len(r)/10))
	}
	texts = append(texts, strings.Join(all, " "), "", " ", "a", "-a-", "yes", "Give - IT...", "\t\x00\x7f")
	return texts
}

func TestIndexMatchesUpstream(t *testing.T) {
	lists := []struct {
		list langProfileList
		idx  *profileIndex
	}{
		{latinLangs(), latinIndex()}, {cyrillicLangs(), cyrillicIndex()}, {arabicLangs(), arabicIndex()},
		{devanagariLangs(), devanagariIndex()}, {ethiopicLangs(), ethiopicIndex()}, {hebrewLangs(), hebrewIndex()},
	}
	for _, text := range referenceTexts(t) {
		weights := count(text)
		for _, l := range lists {
			dist, num := l.idx.distances(text)
			for i, lang := range l.idx.langs {
				wd, wn := refCalculateDistance(l.list[lang], weights)
				if dist[i] != wd || num[i] != wn {
					t.Fatalf("%s on %.40q: distance %d over %d trigrams, upstream %d over %d", Langs[lang], text, dist[i], num[i], wd, wn)
				}
			}
		}
		if got, want := DetectScript(text), refDetectScript(text); got != want {
			t.Errorf("script of %.40q: %v, upstream %v", text, got, want)
		}
	}
}

// Every character: trigramChar is upstream's unicode.ToLower(toTrigramChar(r)),
// and at most one of the scripts DetectScript counts holds it, none when
// it is ASCII but for a letter, which is Latin.
func TestCharactersMatchUpstream(t *testing.T) {
	checks := []func(rune) bool{isLatin, isCyrillic, isArabic, isDevanagari, isHiraganaKatakana, isEthiopic,
		isHebrew, isBengali, isGeorgian, isHan, isHangul, isGreek, isKannada, isTamil, isThai, isGujarati,
		isGurmukhi, isTelugu, isMalayalam, isOriya, isMyanmar, isSinhala, isKhmer}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := trigramChar(r), unicode.ToLower(toTrigramChar(r)); got != want {
			t.Fatalf("trigramChar(%U) = %U, upstream %U", r, got, want)
		}
		n := 0
		for _, f := range checks {
			if f(r) {
				n++
			}
		}
		if n > 1 {
			t.Fatalf("%U is in %d scripts", r, n)
		}
		if r < 0x80 {
			letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
			if isLatin(r) != letter || !letter && n > 0 {
				t.Fatalf("%U: Latin %v, in %d scripts", r, isLatin(r), n)
			}
		}
	}
}

// benchText is 4,000 bytes of English, what go-trafilatura reads of a
// page's text.
var benchText = strings.Repeat("The quick brown fox jumps over the lazy dog, said the Minister of Transport on Tuesday. ", 50)[:4000]

func BenchmarkDetect(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Detect(benchText)
	}
}

// BenchmarkDetectUpstream is the reference's work for Detect's on the same
// text: upstream's script detection, trigram count and distances.
func BenchmarkDetectUpstream(b *testing.B) {
	for i := 0; i < b.N; i++ {
		refDetectScript(benchText)
		weights := count(benchText)
		for _, trigrams := range latinLangs() {
			refCalculateDistance(trigrams, weights)
		}
	}
}
