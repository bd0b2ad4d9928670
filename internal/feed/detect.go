package feed

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"github.com/newshound/newshound/internal/httpclient"
)

// maxDocument bounds a gzip document decoded by Parse, which knows no
// fetcher's limit.
const maxDocument = 64 << 20

// NotFeedError says that a document is not a feed (or not one whose items
// can be read), what it is instead and what to do. Feeds lists the feeds an HTML page advertises, if any.
type NotFeedError struct {
	Kind  string // "html", "opml", "json", "xml", "text", or "broken" (a feed whose items cannot be read)
	Msg   string // the whole message, with what to do
	Feeds []Link // for "html": the feeds the page links to
}

func (e *NotFeedError) Error() string { return e.Msg }

// kind is what a document's first bytes say it is.
type kind int

const (
	kindEmpty kind = iota
	kindXML        // a feed's root element: rss, RDF or feed
	kindJSON
	kindHTML
	kindOPML
	kindOtherXML
	kindText
)

// unwrapGzip decodes a gzip document sent without Content-Encoding (a
// server that stores feeds compressed and serves the file as it is),
// recognised by its magic bytes, reading at most limit bytes of it.
func unwrapGzip(body []byte, limit int64) ([]byte, error) {
	if len(body) < 3 || body[0] != 0x1f || body[1] != 0x8b || body[2] != 8 {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: the document is gzip-compressed (without a Content-Encoding header) and does not decompress: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("feed: the document is gzip-compressed (without a Content-Encoding header) and does not decompress: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("feed: %w (after gzip decompression)", &httpclient.TooLargeError{Limit: limit})
	}
	return out, nil
}

// decodeUnicode turns a UTF-16 or UTF-32 document into UTF-8: by its
// byte-order mark, or for XML without one by the zero bytes around its
// first "<". The XML declaration's encoding is then rewritten to UTF-8, so
// the parser does not decode the text twice. A UTF-8 byte-order mark is
// dropped. Other documents are returned unchanged.
func decodeUnicode(body []byte) []byte {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(body, []byte{0, 0, 0xFE, 0xFF}):
		enc = utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}):
		enc = utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(body, []byte{0, '<', 0}):
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	case bytes.HasPrefix(body, []byte{'<', 0, '?', 0}), bytes.HasPrefix(body, []byte{'<', 0, 'r', 0}), bytes.HasPrefix(body, []byte{'<', 0, 'f', 0}):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")):
		return body[3:]
	default:
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body // the parser will say what is wrong
	}
	return declareUTF8(out)
}

// declareUTF8 rewrites the encoding named by an XML declaration to UTF-8.
func declareUTF8(doc []byte) []byte {
	trimmed := bytes.TrimLeft(doc, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte("<?xml")) {
		return doc
	}
	end := bytes.Index(trimmed, []byte("?>"))
	if end < 0 {
		return doc
	}
	decl := string(trimmed[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return doc
	}
	rest := decl[i+len("encoding"):]
	j := strings.IndexAny(rest, `"'`)
	if j < 0 {
		return doc
	}
	k := strings.IndexByte(rest[j+1:], rest[j])
	if k < 0 {
		return doc
	}
	newDecl := decl[:i] + "encoding=" + `"UTF-8"` + rest[j+1+k+1:]
	return append([]byte(newDecl), trimmed[end:]...)
}

// legacyCharsets are the charsets the detector may choose for a document
// that is not UTF-8 and names no encoding; anything else, and any guess it
// is not sure of, is read as windows-1252 (the superset of ISO-8859-1,
// which most such documents are).
var legacyCharsets = map[string]encoding.Encoding{
	"KOI8-R":       charmap.KOI8R,
	"windows-1251": charmap.Windows1251,
	"ISO-8859-5":   charmap.ISO8859_5,
	"windows-1250": charmap.Windows1250,
	"ISO-8859-2":   charmap.ISO8859_2,
	"windows-1253": charmap.Windows1253,
	"ISO-8859-7":   charmap.ISO8859_7,
	"windows-1254": charmap.Windows1254,
	"ISO-8859-9":   charmap.ISO8859_9,
	"windows-1255": charmap.Windows1255,
	"ISO-8859-8":   charmap.ISO8859_8,
	"windows-1256": charmap.Windows1256,
	"ISO-8859-6":   charmap.ISO8859_6,
}

// minConfidence is how sure (0–100) the charset detector must be before
// its guess of a Latin charset other than windows-1252 is taken.
const minConfidence = 50

// scripts are the non-Latin scripts an undeclared single-byte document may
// be in, each with its ten most frequent lower-case letters in running text
// (Russian, Greek, Hebrew, Arabic) and its charsets, the commoner first.
var scripts = []struct {
	name     string
	top      string
	charsets []string
}{
	{"Cyrillic", "оеаинтсрвл", []string{"windows-1251", "KOI8-R", "ISO-8859-5"}},
	{"Greek", "αοιετνησρυ", []string{"windows-1253", "ISO-8859-7"}},
	{"Hebrew", "יוהמלארבתנ", []string{"windows-1255", "ISO-8859-8"}},
	{"Arabic", "اليمونهرتب", []string{"windows-1256", "ISO-8859-6"}},
}

// Letter-frequency fit needed to take a non-Latin guess as sure: the
// share of the decoded non-ASCII characters that are the script's most
// frequent letters (about 0.6 for running text in the right charset,
// 0.1–0.35 for the same bytes in another one), how far ahead of the best
// other script it must be, and how many non-ASCII characters it needs.
const (
	minFit       = 0.4
	fitLead      = 1.3
	minHighChars = 24
)

// charsetGuess is how a document that is not UTF-8 and declares no
// encoding was read.
type charsetGuess struct {
	name string // the charset, e.g. "windows-1255"
	enc  encoding.Encoding
	sure bool // false: a best guess the text did not confirm
}

// legacyEncoding guesses the single-byte charset of a document that is
// not UTF-8 and declares none. Text in a non-Latin script has words of
// several bytes above 0x7F in a row, Western text a lone accented letter
// among ASCII ones: a document whose high bytes are mostly in runs of three
// or more is non-Latin. For those, every charset of the non-Latin scripts
// decodes the text and the one whose result reads most like the script
// (the share of its most frequent lower-case letters, see letterFit) wins;
// the charset detector only breaks near ties within a script (windows-1253
// and ISO-8859-7 decode most Greek letters alike). Case tells KOI8-R from
// windows-1251: each reads the other's lower-case letters as upper case.
// The guess is sure when it fits well and clearly better than any other
// script. Anything else is read as windows-1252 (the superset of
// ISO-8859-1, which most such documents are), or as the detector's sure
// guess of another Latin charset.
func legacyEncoding(body []byte) charsetGuess {
	sample := body[:min(len(body), 64<<10)]
	var high, inRuns, run int
	flush := func() {
		if run >= 3 {
			inRuns += run
		}
		run = 0
	}
	for _, c := range sample {
		if c < 0x80 {
			flush()
			continue
		}
		high++
		run++
	}
	flush()
	latin := true // the text reads as Latin: the guess below is sure
	ranked, _ := chardet.NewHtmlDetector().DetectAll(sample)
	rank := func(name string) int { // the detector's rank of a charset; len(ranked) when not named
		for i, r := range ranked {
			if strings.TrimSuffix(r.Charset, "-I") == name { // ISO-8859-8-I: Hebrew in logical order
				return i
			}
		}
		return len(ranked)
	}
	if high > 0 && inRuns*2 > high {
		type fit struct {
			charset string
			score   float64
		}
		var best, runnerUp fit // best overall; best of the other scripts
		for _, sc := range scripts {
			var mine fit
			for _, cs := range sc.charsets {
				score := letterFit(legacyCharsets[cs], sample, sc.top)
				if mine.charset == "" || score > mine.score+0.02 || (score > mine.score-0.02 && rank(cs) < rank(mine.charset)) {
					mine = fit{cs, score}
				}
			}
			switch {
			case best.charset == "" || mine.score > best.score:
				runnerUp, best = best, mine
			case mine.score > runnerUp.score:
				runnerUp = mine
			}
		}
		if best.score >= minFit/2 {
			sure := best.score >= minFit && best.score >= fitLead*runnerUp.score && high >= minHighChars
			return charsetGuess{best.charset, legacyCharsets[best.charset], sure}
		}
		// No script fits: Latin text dense in accents, or a charset not
		// known here; read below as Latin, unsure.
		latin = false
	}
	if len(ranked) > 0 && ranked[0].Confidence >= minConfidence {
		switch cs := ranked[0].Charset; cs {
		case "windows-1250", "ISO-8859-2", "windows-1254", "ISO-8859-9":
			return charsetGuess{cs, legacyCharsets[cs], latin}
		}
	}
	return charsetGuess{"windows-1252", charmap.Windows1252, latin}
}

// letterFit decodes the text with enc and gives the share of its non-ASCII
// characters that are among top (a script's most frequent lower-case
// letters), less half the share that are not letters at all (bytes the
// charset leaves undefined, symbols where letters should be).
func letterFit(enc encoding.Encoding, sample []byte, top string) float64 {
	text, err := enc.NewDecoder().Bytes(sample)
	if err != nil {
		return 0
	}
	var n, hits, odd int
	for _, r := range string(text) {
		if r < utf8.RuneSelf {
			continue
		}
		n++
		switch {
		case strings.ContainsRune(top, r):
			hits++
		case !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsPunct(r):
			odd++
		}
	}
	if n == 0 {
		return 0
	}
	return (float64(hits) - float64(odd)/2) / float64(n)
}

// sniff says what a document is from its first element (or character).
// root is the name of the first element of an XML or HTML document.
func sniff(body []byte) (k kind, root string) {
	trimmed := bytes.TrimLeft(body, " \t\r\n\f")
	if len(trimmed) == 0 {
		return kindEmpty, ""
	}
	switch trimmed[0] {
	case '{', '[':
		return kindJSON, ""
	case '<':
	default:
		return kindText, ""
	}
	d := xml.NewDecoder(bytes.NewReader(trimmed[:min(len(trimmed), 256<<10)]))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // only the markup matters
	for {
		tok, err := d.RawToken()
		if err != nil {
			if looksLikeHTML(trimmed) {
				return kindHTML, "html"
			}
			return kindOtherXML, ""
		}
		switch t := tok.(type) {
		case xml.Directive:
			if d := strings.ToLower(string(t)); strings.HasPrefix(d, "doctype html") {
				return kindHTML, "html"
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch name {
			case "rss", "rdf", "feed":
				return kindXML, name
			case "entry": // an Atom Entry Document (RFC 4287 §4.1.2): one item
				return kindXML, name
			case "opml":
				return kindOPML, name
			case "html", "head", "body", "meta", "link", "title", "div", "p", "script", "style":
				return kindHTML, name
			}
			return kindOtherXML, name
		}
	}
}

// looksLikeHTML reports whether a document that does not read as XML has
// the marks of an HTML page near its start.
func looksLikeHTML(doc []byte) bool {
	head := bytes.ToLower(doc[:min(len(doc), 4096)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<head"))
}

// notFeed is the error for a document of no feed type.
func notFeed(body []byte, k kind, root, baseURL string) error {
	switch k {
	case kindEmpty:
		return &NotFeedError{Kind: "text", Msg: "feed: the document is empty: not a feed (check the URL)"}
	case kindHTML:
		links := Discover(body, baseURL)
		if len(links) == 0 {
			return &NotFeedError{Kind: "html", Msg: "feed: this is a web page (HTML), not a feed, and it advertises no feed: find the site's RSS, Atom or JSON Feed address (often /feed, /rss or /atom.xml) and use that"}
		}
		var names []string
		for _, l := range links {
			names = append(names, l.URL)
		}
		return &NotFeedError{Kind: "html", Feeds: links, Msg: fmt.Sprintf("feed: this is a web page, not a feed; it links to the feeds %s: use one of them (newshound discover URL prints them ready for the configuration)", strings.Join(names, ", "))}
	case kindOPML:
		return &NotFeedError{Kind: "opml", Msg: "feed: this is an OPML list of feeds, not a feed: add its feeds to the configuration with 'newshound import opml FILE'"}
	case kindOtherXML:
		if root == "" {
			return &NotFeedError{Kind: "xml", Msg: "feed: the document is neither a feed nor well-formed XML or HTML: not a feed (check the URL)"}
		}
		return &NotFeedError{Kind: "xml", Msg: fmt.Sprintf("feed: the document is XML whose root element is <%s>, not <rss>, <feed> or <rdf:RDF>: not a feed (check the URL)", root)}
	default:
		start := bytes.TrimLeft(body, " \t\r\n\f")
		start = start[:min(len(start), 20)]
		if !utf8.Valid(start) {
			return &NotFeedError{Kind: "text", Msg: "feed: the document is binary, neither XML nor JSON: not a feed (check the URL)"}
		}
		return &NotFeedError{Kind: "text", Msg: fmt.Sprintf("feed: the document is neither XML nor JSON (it starts %q): not a feed (check the URL)", start)}
	}
}
