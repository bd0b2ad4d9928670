package story

import (
	"math/bits"
	"strconv"
	"strings"
	"sync"
)

// Stop words by language, folded as the matcher folds them (lower case, no diacritics, apostrophes
// joined). They are the function words that two reports of different events share anyway; the inverse
// document frequency would discount them too, but only once it has seen enough articles, so they are
// dropped from the start. An article of another or an unknown language is checked against all lists.
var stopLists = map[string]string{
	"en": `a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself says said say new
over after will amid via vs`,
	"fr": `au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
votre vous est sont ete etre avoir ont a cette cet apres avant selon plus comme sans entre contre dont`,
	"de": `der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war waren
wird werden hat haben mit von zu zur zum im in am an auf aus bei fur uber unter nach vor als auch es sie
er wir ihr ich sich so wie noch nur schon dass wenn doch sein seine ihre ihren gegen durch um bis`,
	"es": `el la los las un una unos unas y o pero no es son fue ser de del al a en con por para sin sobre
entre tras que se su sus lo le les como mas ya este esta estos estas ese esa muy hay ha han tras segun`,
	"it": `il lo la i gli le un uno una e ed o ma non di del della dei delle da dal dalla in nel nella con su
per tra fra che si suo sua suoi sono e stato essere ha hanno come piu anche questo questa dopo`,
	"pt": `o a os as um uma uns umas e ou mas nao de do da dos das em no na nos nas com por para sem sobre
entre que se seu sua seus suas como mais ja este esta isso ele ela foi ser sao tem apos`,
	"nl": `de het een en of maar niet is zijn was waren wordt worden heeft hebben met van te in op aan uit
bij voor na als ook er zij hij wij ik zich zo nog dat die dit om tot door over tegen`,
}

// stopWords holds the lists as sets, all languages together under "",
// built on first use: every command starts with this package linked.
var stopWords = sync.OnceValue(buildStopWords)

func buildStopWords() map[string]*stopTable {
	lists := map[string][]string{}
	for lang, list := range stopLists {
		ws := strings.Fields(list)
		lists[lang] = ws
		lists[""] = append(lists[""], ws...)
	}
	sets := make(map[string]*stopTable, len(lists))
	for lang, ws := range lists {
		sets[lang] = newStopTable(ws)
	}
	return sets
}

func isStopWord(w, lang string) bool {
	return stopSet(lang).has(w)
}

// stopSet returns the stop words of lang, those of all languages when it has none.
func stopSet(lang string) *stopTable {
	if set, ok := stopWords()[lang]; ok {
		return set
	}
	return stopWords()[""]
}

// stopTable is a set of stop words, each of 1 to 8 bytes, none of them 0. A word is looked up as
// a number, its bytes, in a table read by open addressing: no string is hashed (a map's lookup was a
// fifth of the work of preparing an article), and a longer word is no stop word at once.
type stopTable struct {
	keys  []uint64 // packWord of a stop word, or 0 for an empty slot; a power of two of them
	shift uint     // 64 minus the bits of an index
}

// maxStopWord is the most bytes of a stop word.
const maxStopWord = 8

func newStopTable(ws []string) *stopTable {
	bits := uint(4)
	for 1<<bits < 2*len(ws) { // at most half full
		bits++
	}
	t := &stopTable{keys: make([]uint64, 1<<bits), shift: 64 - bits}
	for _, w := range ws {
		if len(w) == 0 || len(w) > maxStopWord || strings.IndexByte(w, 0) >= 0 {
			panic("story: stop word " + strconv.Quote(w) + " is not of 1 to 8 bytes other than 0")
		}
		k := packWord(w)
		i := t.slot(k)
		for t.keys[i] != 0 && t.keys[i] != k {
			i = (i + 1) & uint64(len(t.keys)-1)
		}
		t.keys[i] = k
	}
	return t
}

// packWord returns the bytes of a word of at most 8 bytes as a number, the first in the lowest
// byte.
func packWord(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// slot is where the search for key k starts (Fibonacci hashing).
func (t *stopTable) slot(k uint64) uint64 {
	return (k * 0x9e3779b97f4a7c15) >> t.shift
}

// has says whether w is one of the stop words.
func (t *stopTable) has(w string) bool {
	if len(w) == 0 || len(w) > maxStopWord {
		return false
	}
	k := packWord(w)
	for i := t.slot(k); ; i = (i + 1) & uint64(len(t.keys)-1) {
		switch t.keys[i] {
		case 0:
			return false
		case k:
			// the same bytes, unless w ends in bytes 0, which no stop word has
			return bits.Len64(k) > 8*(len(w)-1)
		}
	}
}
