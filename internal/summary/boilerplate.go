package summary

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// boilerplatePhrases (folded) mark a sentence as page furniture rather than
// reporting wherever they occur in it.
var boilerplatePhrases = []string{
	"read more", "sign up", "signup", "subscribe to", "subscribe now", "click here",
	"scroll down", "share this", "copy this link", "follow us", "our newsletter",
	"all rights reserved", "©", "photo credit", "image copyright",
	"image caption", "media playback", "getty images", "ap photo", "afp photo",
	"reuters/", "/reuters", "/ap", "/afp", "file photo", "(photo:", "(image:",
	"(pictured)", "pictured above", "pictured below", "pictured left", "pictured right",
	"pictured centre", "pictured center", "pictured here", "seen here", "(left)", "(right)",
	"(centre)", "(center)", "(top)", "(bottom)", "(file photo)",
	"download the app", "accept cookies", "cookie policy", "enable javascript", "terms of use",
	"privacy policy", "this article was", "this story was", "related articles",
	"related coverage", "you may also like", "more on this story", "watch the video",
	"watch video", "video:", "listen:", "more:", "related:", "see also",
	"jetzt abonnieren", "mehr zum thema", "lesen sie auch", "lire aussi",
	"lire la suite", "abonnez-vous", "leer mas", "suscribete", "читайте также",
	"подпишитесь",
	// Teasers, credits and notices in other languages (folded when indexed).
	"lee tambien", "te puede interesar", "leggi anche", "leia tambem", "lees ook",
	"czytaj takze", "czytaj tez", "zobacz takze", "zobacz tez", "ayrıca bakınız", "ilgili haber",
	"διαβάστε επίσης", "διαβάστε ακόμη", "اقرأ أيضا", "اقرأ ايضا", "यह भी पढ़ें", "ये भी पढ़ें",
	"関連記事", "無断転載", "相关阅读", "相關閱讀", "责任编辑", "責任編輯", "版权所有", "版權所有",
	"관련기사", "무단전재", "무단 전재", "ⓒ",
	// A paywall's notice, where the page's paywall box was not recognised
	// or the text is a feed's (phrases a story about subscriptions does not
	// use: "Preise für Abonnenten", "有料会員数" and "付费内容市场" are prose).
	"for subscribers only", "already a subscriber", "artikel ist nur für abonnenten",
	"exklusiv für abonnenten", "bereits abonnent", "est réservé aux abonnés",
	"article réservé aux abonnés", "déjà abonné", "exclusivo para suscriptores",
	"ya eres suscriptor", "contenuto riservato agli abbonati", "articolo riservato agli abbonati",
	"sei già abbonato", "conteúdo é exclusivo para assinantes", "conteúdo exclusivo para assinantes",
	"já é assinante",
	"доступен только подписчикам", "この記事は有料記事", "有料会員限定", "会員限定記事",
	"本文为付费内容", "本文為付費內容", "유료 회원 전용",
}

// boilerplatePrefixes (folded) mark a sentence as furniture when it starts
// with them: bylines, datelines, credits.
var boilerplatePrefixes = []string{
	"by ", "advertisement", "updated", "published", "posted", "last updated", "last modified",
	"photo:", "photograph:", "photos:", "image:", "picture:", "credit:",
	"source:", "caption:", "editor's note", "editors note", "correction:",
	"follow ", "von ", "par ", "por ", "foto:", "fotos:", "bild:", "автор:", "фото:",
}

// phraseIndex finds boilerplatePhrases in one pass over a sentence.
type phraseIndex struct {
	// pairs has bit b of word b/64 of pairs[a] set when a phrase starts
	// with the bytes a, b (every phrase has two bytes or more).
	pairs [256][4]uint64
	// byFirst holds the phrases by their first byte.
	byFirst [256][]string
}

// phrases indexes boilerplatePhrases, on first use (not before every
// command's main). It is never modified.
var phrases = sync.OnceValue(func() *phraseIndex {
	var idx phraseIndex
	for _, p := range boilerplatePhrases {
		p = fold(p)
		idx.pairs[p[0]][p[1]/64] |= 1 << (p[1] % 64)
		idx.byFirst[p[0]] = append(idx.byFirst[p[0]], p)
	}
	return &idx
})

// hasBoilerplatePhrase reports whether folded text contains one of
// boilerplatePhrases.
func hasBoilerplatePhrase(f string) bool {
	phrases := phrases()
	for i := 0; i+1 < len(f); i++ {
		a, b := f[i], f[i+1]
		if phrases.pairs[a][b/64]&(1<<(b%64)) == 0 {
			continue
		}
		for _, p := range phrases.byFirst[a] {
			if strings.HasPrefix(f[i:], p) {
				return true
			}
		}
	}
	return false
}

// isBoilerplate reports whether s (folded as f) is page furniture.
func isBoilerplate(s, f string) bool {
	if hasBoilerplatePhrase(f) {
		return true
	}
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(f, p) && (!shortOnly[p] || countWords(f) <= 12 && isByline(s)) {
			return true
		}
	}
	if isLabelled(s) {
		return true
	}
	// A line of capitalised words with no verb-like lower-case run, such as
	// "Jane Doe, Political Correspondent".
	return isNameLine(s)
}

// isNameLine reports whether s reads as a byline or credit: short, and every
// word capitalised or punctuation.
func isNameLine(s string) bool {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		// A field: s[i:j] up to the next white space.
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if n++; n > 8 {
			return false
		}
		w := strings.TrimLeftFunc(s[i:j], func(r rune) bool { return !isWordRune(r) })
		// A word in lower case, or in a script without case (Chinese,
		// Japanese), is prose; its first letter tells, after any digits
		// (a Chinese or Japanese lead is one field that opens with its
		// date: "12月5日，国务院…").
		letter := strings.IndexFunc(w, unicode.IsLetter)
		if letter >= 0 && !isNameParticle(w) {
			if first, _ := utf8.DecodeRuneInString(w[letter:]); !unicode.IsUpper(first) && (letter == 0 || !unicode.IsLower(first)) {
				return false
			}
		}
		i = j
	}
	return n > 0
}

func isNameParticle(w string) bool {
	switch strings.TrimRight(w, ",.") {
	case "and", "de", "van", "von", "der", "da", "di", "du", "la", "le", "y", "und", "et":
		return true
	}
	return false
}

// shortOnly prefixes mark furniture only in short sentences that read as
// a byline (see isByline): "By Jane Doe" is one, "By 2030 the city will
// have …", "Por su parte, el ministro lo negó." and "Par ailleurs, …" are
// not.
var shortOnly = map[string]bool{"by ": true, "von ": true, "par ": true, "por ": true, "follow ": true}

// isByline reports whether s, which opens with one of the shortOnly words,
// reads as a byline: a capitalised word follows that word ("By Jane Doe",
// "Von Max Mustermann, dpa"), and no full stop, question or exclamation
// mark ends it ("By Friday, the toll had risen to 42." is a sentence).
func isByline(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(words[1]); !unicode.IsUpper(first) {
		return false
	}
	end := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || r == '"' || r == '\''
	})
	last, _ := utf8.DecodeLastRuneInString(end)
	return last != '.' && last != '!' && last != '?'
}

// isLabelled reports whether s opens with a short label and a colon before a
// capitalised text, the way photo captions do ("Wanted: Police in Maryland
// have …", "Strictly business: Smith covers …"). A speaker's colon before a
// quote ("Smith said: 'We …'") is not a label.
func isLabelled(s string) bool {
	i := strings.Index(s, ": ")
	if i <= 0 || i > 40 {
		return false
	}
	label := strings.Fields(s[:i])
	if len(label) == 0 || len(label) > 3 {
		return false
	}
	if first := []rune(label[0]); !unicode.IsUpper(first[0]) || strings.ToUpper(s[:i]) == s[:i] {
		// Lower case is prose; capitals are a dateline ("PARIS: …").
		return false
	}
	for _, w := range label {
		if reportingVerbs[strings.ToLower(w)] {
			return false
		}
	}
	after := []rune(strings.TrimSpace(s[i+1:]))
	return len(after) > 0 && unicode.IsUpper(after[0])
}
