package article

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Stories end; pages go on. After the story the extractor sometimes keeps
// what a page puts below it: related and recommended stories, most-read
// lists, comments. What opens those is a short heading from a small
// vocabulary ("Related stories", "Mehr zum Thema", "Te puede interesar"),
// and it is where the story ends.

// endMarkers are headings that open what follows a story: related and
// recommended stories, most-read lists, comments. Lower case, without
// closing punctuation; in the languages newshound reads most.
var endMarkers = func() map[string]bool {
	m := make(map[string]bool)
	for _, s := range []string{
		// English
		"related", "related stories", "related articles", "related content", "related posts", "related news",
		"related coverage", "related links", "related reading", "related topics", "you may also like",
		"you might also like", "you may also be interested in", "you might be interested in", "more stories",
		"more news", "more on this story", "more like this", "recommended", "recommended for you",
		"recommended stories", "recommended articles", "read next", "what to read next",
		"most popular", "most read", "popular stories", "top stories", "latest news", "latest stories",
		"don't miss", "more coverage", "trending", "trending now", "comments", "leave a reply", "leave a comment",
		"join the conversation",
		// German
		"mehr zum thema", "auch interessant", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
		"das könnte sie interessieren", "das könnte dich interessieren", "lesen sie außerdem",
		"weitere artikel", "weitere nachrichten", "weitere themen", "ähnliche artikel", "ähnliche beiträge",
		"verwandte artikel", "verwandte themen", "meistgelesen", "meistgelesene artikel", "am meisten gelesen",
		"empfehlungen", "unsere empfehlungen", "kommentare", "schreibe einen kommentar",
		"kommentar schreiben", "diskussion",
		// French
		"sur le même sujet", "articles similaires",
		"articles liés", "vous aimerez aussi", "vous aimerez aussi", "à voir aussi", "les plus lus",
		"dans la même rubrique", "commentaires", "laisser un commentaire",
		// Spanish
		"te puede interesar", "también te puede interesar", "noticias relacionadas", "contenido relacionado",
		"artículos relacionados", "más noticias", "lo más leído", "ver también",
		"te recomendamos", "comentarios", "deja un comentario",
		// Polish
		"przeczytaj także",
		"polecamy", "podobne artykuły", "powiązane artykuły", "najczęściej czytane", "komentarze",
		// Italian, Portuguese, Dutch
		"articoli correlati", "potrebbe interessarti", "ti potrebbe interessare",
		"notícias relacionadas", "artigos relacionados", "mais lidas",
		"gerelateerde artikelen", "meer nieuws",
	} {
		m[s] = true
	}
	return m
}()

// teaserMarkers open a single teaser, which may stand inside a story as
// well as after it ("À lire aussi" and a headline between two paragraphs):
// the marker and the headline after it are dropped, the text goes on.
var teaserMarkers = func() map[string]bool {
	m := make(map[string]bool)
	for _, s := range []string{
		"read more", "read also", "also read", "see also", "lesen sie auch", "lesen sie außerdem", "auch lesen",
		"à lire aussi", "a lire aussi", "lire aussi", "à lire également", "lee también", "lea también",
		"ver también", "puedes ver", "mirá también", "mira también", "czytaj też", "czytaj także", "zobacz też", "zobacz także", "przeczytaj też",
		"przeczytaj także", "leggi anche", "leia também", "veja também", "lees ook",
	} {
		m[s] = true
	}
	return m
}()

// endMarkerForms are the forms of end markers beyond the fixed list: a
// heading naming more of the site's articles, columns or comments
// ("Weitere Beiträge aus der Kolumne", "mehr Kolumnen", "neueste
// Kommentare") or one that says what else might interest the reader ("Das
// Thema könnte dich auch interessieren"), and the heading of the contact
// block that closes a press release ("Pressekontakt", "Ansprechpartnerin",
// "Media contact").
var endMarkerForms = lazyRegexp(`^(` + strings.Join([]string{
	`(weitere|weiterführende|weiterführender|mehr|ähnliche|empfohlene|verwandte|neueste|andere|passende)( aktuelle)? (beiträge|artikel|themen|nachrichten|news|kolumnen|videos|links?|kommentare|meldungen)( .*)?`,
	`.*(könnte|könnten) (sie|dich|euch) (auch )?interessieren`,
	// the contact block of a press release
	`(presse)?kontakt|ansprechpartner(in|innen)?|pressesprecher(in)?|(press |media )?contacts?|contacto( de prensa)?|kontakt dla mediów`,
}, "|") + `)$`)

func isEndMarker(k string) bool { return endMarkers[k] || endMarkerForms().MatchString(k) }

// markerKey is p as a possible marker: lower case, without closing
// punctuation, "" when p is too long to be one.
func markerKey(p string) string {
	if len(p) > 60 || strings.Contains(p, "\n") {
		return ""
	}
	return strings.TrimRight(strings.ToLower(clean(p)), " :.…!?»>›→")
}

// Where a marker may end a story: after this share of the text, and after
// at least this many bytes of it.
const (
	markerAfterShare = 0.4
	markerAfterBytes = 300
)

// cutAtEndMarker cuts the text at a paragraph that is an end marker (a
// "Related stories" or "Mehr zum Thema" heading) in its later part, with
// everything after it: the story is over. A short paragraph that starts
// with a marker and a colon ("Read more: <headline>") is a teaser wherever
// it is, and dropped alone.
func cutAtEndMarker(paras []string) []string {
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	out := paras[:0:0]
	before := 0
	for _, p := range paras {
		k := markerKey(p)
		if k != "" && isEndMarker(k) && before >= markerAfterBytes && float64(before) >= markerAfterShare*float64(total) {
			break
		}
		if k != "" && teaserMarkers[k] {
			continue
		}
		if c := strings.IndexAny(p, ":："); c > 0 && len(p) <= 200 {
			if k := markerKey(p[:c]); k != "" && (isEndMarker(k) || teaserMarkers[k]) {
				continue
			}
		}
		out = append(out, p)
		before += len(p)
	}
	if len(out) == 0 {
		return paras
	}
	return out
}

// footerLine matches what a page's footer says: a copyright, the rights
// reserved, contact lines (telephone, fax, e-mail), an imprint.
var footerLine = lazyRegexp(`(?i)(©|\(c\) \d{4}|copyright|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|wszelkie prawa zastrzeżone|\b(tel|telefon|phone|fax|e-?mail)\.?\s*:|\bimpressum\b|\bimprint\b)`)

// contactLine matches a line of a contact block that footerLine does not:
// a telephone or fax number after its label without a colon ("Tel. 07133
// 1234-0", "Call us: 555-0100"), an e-mail address standing alone or after
// a label (not in a sentence: "email him at …").
var contactLine = lazyRegexp(`(\b([Tt]el|TEL|[Tt]elefon|[Pp]hone|[Ff]ax|FAX|[Mm]obil|[Cc]all us)\b\.?\s*:?\s*[+(]?\d|(^|[·|:]\s*)[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}\s*($|[·|]))`)

// addressLine matches a line of a postal address: a street and its number
// ("Hauptstraße 12", "112 Main Street"), or a postal code and a town
// ("74388 Talheim", "A-1010 Wien"), a US state and ZIP code ("Port Ellis,
// ME 04000"), alone on the line or set apart from
// the rest of it by "·", "|" or a comma.
var addressLine = lazyRegexp(`(^|[·|,]\s*)(` + strings.Join([]string{
	`\p{L}[\p{L}.' -]*(straße|strasse|str\.|weg|platz|gasse|allee|ring|damm|ufer|markt)\s+\d+\s?[a-z]?`,
	`\d+\s+\p{L}[\p{L}.' ]*\s(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|drive|dr\.?)`,
	`([A-Z]{1,2}-)?\d{4,5}\s+\p{Lu}\p{L}+([ -]\p{L}+)?`,
	`[A-Z]{2} \d{5}(-\d{4})?`,
}, "|") + `)\s*($|[·|,])`)

// footerNameMax is the longest line (bytes) taken for the name above a
// postal address at the end of the text ("Wochenblatt Talheim").
const footerNameMax = 60

// dropFooter removes from the end of the text the short (≤ 200 bytes)
// paragraphs of a footer: a copyright, an imprint, a contact block. A run of
// such lines goes when one of them is a footer line (footerLine) or a
// contact line (contactLine); the lines of a postal address (addressLine)
// go with them, and so does the name above the address, a short line
// without closing punctuation. It keeps the first paragraph whatever it is.
func dropFooter(paras []string) []string {
	end := len(paras)
	contact, address := false, false
	for end > 1 && len(paras[end-1]) <= 200 {
		p := paras[end-1]
		c := footerLine().MatchString(p) || contactLine().MatchString(p)
		a := addressLine().MatchString(p)
		if !c && !a {
			break
		}
		contact, address = contact || c, address || a
		end--
	}
	return footerName(paras, end, contact, address)
}

// footerName returns paras cut at end, the start of a run of footer lines,
// when the run holds a footer or contact line, and with the name above the
// run when it holds a postal address; paras whole otherwise.
func footerName(paras []string, end int, contact, address bool) []string {
	if !contact {
		return paras
	}
	if address && end > 1 && len(paras[end-1]) <= footerNameMax && !strings.Contains(paras[end-1], "\n") {
		if r, _ := utf8.DecodeLastRuneInString(paras[end-1]); !strings.ContainsRune(".!?:;…\"”»)", r) {
			end--
		}
	}
	return paras[:end]
}

// boilerLine matches what a page says around a story that is not the
// story, in a line of its own: a picture credit ("Foto: dpa", "© Getty
// Images", "(Credit: …)"), a call to subscribe, sign up or log in, a date
// of publication or update standing alone, a category label, a count of
// comments or a prompt to log in to comment, a call for readers' letters,
// an appeal for support.
//
// Each form is its own expression, tried in turn, and a form that can
// match only where one of a few words stands (keys, lower case) is tried
// only on a line that holds one: as one alternation of them all, the
// expression took a tenth of a millisecond for each short paragraph, 5% of
// all extraction time. A form's keys must cover every way it can match.
var boilerLine = lazyForms([]form{
	// picture credits
	{nil, `^[(\[]?\s*(fotos?|photos?|bild(er)?|bildquelle|credits?|crédits?( photos?)?|images?|beitragsbild|titelbild|picture|photo credit|foto ?credit)\s*(:|：|via\b|by\b)`},
	{nil, `©`},
	// subscriptions, newsletters, sign-ups
	{[]string{"newsletter", "subscri", "sign up", "signing up", "abonn", "suscr", "inscr", "anmelden"},
		`\b(newsletter|subscribe|subscription|subscriber|sign up|signing up|abonnier|abonnent|abonnez|suscr[ií]b|inscr[ií]b|anmelden)`},
	// the page's tools: a permanent link, printing
	{nil, `^(permalink|permalien|enlace permanente|link permanente)\b`},
	{nil, `^(print|drucken|imprimer|imprimir|stampa|drukuj)(\s+(print|drucken|imprimer|imprimir|stampa|drukuj|this|the|cette|diese|den|esta|este|questa|page|article|seite|artikel|página|pagina|artículo|articolo))*$`},
	// a date of publication or update on its own
	{nil, `^(date|datum|fecha|data)\s*:?\s*\d[\d./ -]*$`},
	{nil, `^(aktualisiert|zuletzt aktualisiert|letzte änderung|letzte aktualisierung|updated|last updated|last modified|published|veröffentlicht|erstellt|publié|mis à jour|actualizado|publicado|opublikowano|zaktualizowano|release date|news date)\b`},
	// category labels
	{nil, `^(kategorie|kategorien|category|categories|catégorie|categoría|tags?|schlagworte|themen|topics)\s*:`},
	// comments
	{nil, `^(keine kommentare|no comments|\d+ (kommentare|comments|antworten|replies|commentaires|comentarios)|(view|show|leave|post|add) (a )?comments?)\b`},
	// a prompt to log in to comment, a call for readers' letters
	{[]string{"komment", "comment", "comentar", "angemeldete", "registrierte", "eingeloggte"},
		`(kommentieren|comment|kommentar\w*|commenter|comentar).{0,40}(angemeldet|anmelden|eingeloggt|registr|log ?in|sign ?in|connect|inicia)|(angemeldete|registrierte|eingeloggte) (benutzer|nutzer|user)`},
	{[]string{"letter", "leserbrief", "write to us", "schreiben sie uns", "verraten sie", "what you think"},
		`\b(letters? to the editor|leserbrief|write to us|schreiben sie uns|verraten sie (uns )?gerne|tell us what you think|what you think about this)\b`},
	// appeals for support
	{[]string{"unterstütze", "support us", "support our", "soutenez", "apoya"}, `\b(unterstütze|support (us|our)|soutenez|apoya)\b`},
})

// form is one form of boilerLine: an expression (case-insensitive), and
// words of which a line must hold one for it to match (none: any line).
type form struct {
	keys []string
	expr string
}

// forms are compiled forms; a line matches them when it matches any.
type forms []struct {
	keys []string
	re   *regexp.Regexp
}

// lazyForms compiles fs on first use.
func lazyForms(fs []form) func() forms {
	return sync.OnceValue(func() forms {
		out := make(forms, len(fs))
		for i, f := range fs {
			out[i].keys, out[i].re = f.keys, regexp.MustCompile(`(?i)`+f.expr)
		}
		return out
	})
}

// MatchString reports whether s matches any of fs.
func (fs forms) MatchString(s string) bool {
	lower := ""
	for _, f := range fs {
		if len(f.keys) > 0 {
			if lower == "" {
				lower = strings.ToLower(s)
			}
			found := false
			for _, k := range f.keys {
				if strings.Contains(lower, k) {
					found = true
					break
				}
			}
			if !found {
				continue
			}
		}
		if f.re.MatchString(s) {
			return true
		}
	}
	return false
}

// boilerMax is the length (bytes) of a paragraph above which it is text,
// whatever it says.
const boilerMax = 160

// consentLine matches what a page shows in place of content it may not
// load before the reader agrees (a video, a social-media post, a sign-up
// form of another service): a request to accept cookies or give consent in
// order to see it, or a button's text to load it. Not a sentence about
// cookies or consent in a story: the reader is asked, and the content is
// named.
var consentLine = lazyForms([]form{
	{[]string{"cookie"}, `\b(accept|allow|enable|akzeptieren|akzeptiere|zulassen|aktivieren|acceptez|accepter|acepta|aceptar)\b.{0,40}\bcookies?\b.{0,40}\b(to|um|pour|para)\b.{0,30}\b(play|view|watch|see|display|load|show|sehen|anzuzeigen|abzuspielen|laden|voir|afficher|ver|reproducir)\b`},
	{[]string{"zustimmung", "einwilligung"}, `\b(sie|du)\b.{0,40}\b(zustimmung|einwilligung)\b.{0,80}\b(anzeigen|anzuzeigen|laden|zu laden|angezeigt|geladen|abspielen|sehen)\b`},
	{[]string{"consent"}, `\byour consent\b.{0,60}\b(to|before)\b.{0,30}\b(display|load|show|view|play|see)\b`},
	{[]string{"inhalt", "content"}, `^(externen|externer|externe|eingebetteten|external|embedded) (inhalt|inhalte|content) (laden|anzeigen|aktivieren|load|show|display)$`},
	{[]string{"akzeptieren sie", "you accept", "you agree"}, `\b(laden|abspielen|loading|playing|clicking|accepting)\b.{0,60}\b(akzeptieren sie|you accept|you agree|you will be accessing content)\b`},
})

// consentMax is the length (bytes) of a paragraph above which it is text,
// whatever it asks.
const consentMax = 400

// dropBoilerLines removes the short paragraphs that are boilerplate lines
// (boilerLine) wherever they are. It keeps the text whole when nothing
// else would remain.
func dropBoilerLines(paras []string) []string {
	out := paras[:0:0]
	for _, p := range paras {
		if len(p) <= boilerMax && boilerLine().MatchString(p) {
			continue
		}
		if len(p) <= consentMax && consentLine().MatchString(p) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return paras
	}
	return out
}

// Longest line (bytes) of a trailing link headline.
const trailMax = 120

// dropTrailingLinks removes from the end of the text the paragraphs that
// are headlines of links (half their text or more is link text on the
// page, shares from linkShares), each line short and without a sentence's
// closing punctuation: the headlines of other stories, or a link to a
// discussion elsewhere, that a page sets after its story. A web address
// standing alone is kept (a petition the story asks readers to sign), and
// so is the first paragraph.
func dropTrailingLinks(paras []string, shares map[string]float64) []string {
	end := len(paras)
	for end > 1 && linkHeadline(paras[end-1], shares) {
		end--
	}
	return paras[:end]
}

// linkHeadline reports whether p is a short headline that is link text
// (see dropTrailingLinks).
func linkHeadline(p string, shares map[string]float64) bool {
	for _, l := range strings.Split(p, "\n") {
		if len(l) > trailMax || strings.Contains(l, "://") || strings.HasPrefix(l, "www.") {
			return false
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(".!?…\"“”»«'’)]", r) {
			return false
		}
	}
	return shares[clean(strings.ReplaceAll(p, "\n", " "))] >= 0.5
}
