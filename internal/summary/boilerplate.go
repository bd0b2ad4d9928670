package summary

import (
	"strings"
	"unicode"
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
}

// boilerplatePrefixes (folded) mark a sentence as furniture when it starts
// with them: bylines, datelines, credits.
var boilerplatePrefixes = []string{
	"by ", "advertisement", "updated", "published", "posted", "last updated", "last modified",
	"photo:", "photograph:", "photos:", "image:", "picture:", "credit:",
	"source:", "caption:", "editor's note", "editors note", "correction:",
	"follow ", "von ", "par ", "por ", "foto:", "fotos:", "bild:", "автор:", "фото:",
}

// isBoilerplate reports whether s (folded as f) is page furniture.
func isBoilerplate(s, f string) bool {
	for _, p := range boilerplatePhrases {
		if strings.Contains(f, p) {
			return true
		}
	}
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(f, p) && (len(words(f)) <= 12 || !shortOnly[p]) {
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
	fs := strings.Fields(s)
	if len(fs) == 0 || len(fs) > 8 {
		return false
	}
	for _, w := range fs {
		r := []rune(strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if len(r) > 0 && unicode.IsLower(r[0]) && !isNameParticle(string(r)) {
			return false
		}
	}
	return true
}

func isNameParticle(w string) bool {
	switch strings.TrimRight(w, ",.") {
	case "and", "de", "van", "von", "der", "da", "di", "du", "la", "le", "y", "und", "et":
		return true
	}
	return false
}

// shortOnly prefixes mark furniture only in short sentences: "By Jane Doe"
// is a byline, "By 2030 the city will have …" is not.
var shortOnly = map[string]bool{"by ": true, "von ": true, "par ": true, "por ": true, "follow ": true}

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
