package article

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/newshound/newshound/internal/mojibake"
)

// decode returns body as UTF-8 in Unicode normal form C. The encoding is
// found by sniff.
func decode(body []byte, contentType string) ([]byte, error) {
	enc, name := sniff(body, contentType)
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(body) {
			body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
	} else {
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", name, err)
		}
		body = out
	}
	if !norm.NFC.IsNormal(body) {
		body = norm.NFC.Bytes(body)
	}
	return body, nil
}

// sniff finds body's encoding: a byte-order mark; else UTF-8 when the
// body is UTF-8 but for a few stray bytes and not plain ASCII (text in a
// legacy encoding practically never is, while pages and servers that
// declare a legacy charset for UTF-8 content are common, and so are UTF-8
// pages with one broken byte); else the charset parameter of contentType;
// else a <meta charset> or <meta http-equiv=Content-Type> in the page's
// head (the charset attributes of other elements, such as <script
// charset>, name the encoding of another file); else UTF-8 when it has at
// least three UTF-8 characters and twice as many as stray bytes
// (undeclaredUTF8); else windows-1252, as browsers do. A declaration of UTF-8 that the bytes contradict is passed
// over (a site template's <meta charset="utf-8"> above a story stored in
// windows-1252 would make every accented letter U+FFFD, and München
// unmatchable).
func sniff(body []byte, contentType string) (encoding.Encoding, string) {
	for _, bom := range boms {
		if bytes.HasPrefix(body, bom.mark) {
			return bom.enc, bom.name
		}
	}
	multi, invalid := utf8Counts(body)
	if multi > 0 && invalid*20 <= multi {
		return unicode.UTF8, "utf-8"
	}
	// notUTF8: more than one stray byte, and more than four for each UTF-8
	// character. Legacy text forms a valid sequence only by chance (one
	// byte pair in ten for two-byte Chinese encodings, far fewer for
	// single-byte ones); a UTF-8 page with a line pasted from windows-1252
	// keeps more characters than that.
	notUTF8 := invalid > 1 && invalid > 4*multi
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if enc, name := charset.Lookup(params["charset"]); enc != nil && !(name == "utf-8" && notUTF8) {
			return enc, name
		}
	}
	if enc, name := metaCharset(body); enc != nil && !(name == "utf-8" && notUTF8) {
		return enc, name
	}
	if invalid == 0 || undeclaredUTF8(multi, invalid) {
		return unicode.UTF8, "utf-8"
	}
	return charmap.Windows1252, "windows-1252"
}

// undeclaredUTF8 reports whether a page that declares no charset, with
// multi UTF-8 characters and invalid stray bytes, is UTF-8: at least three
// characters and twice the strays. Text in a single-byte legacy encoding
// forms a valid UTF-8 pair only by chance (an upper-case accented letter or
// ß before a quotation mark, dash or symbol: one in eighteen strays at most
// on the legacy pages of the evaluation data, none on most), two-byte
// Chinese encodings one in four; a UTF-8 page with a line pasted from
// windows-1252 keeps far more characters than strays. Below the bound the
// page is windows-1252, as browsers read it.
func undeclaredUTF8(multi, invalid int) bool {
	return multi >= 3 && invalid*2 <= multi
}

// utf8Counts counts the multi-byte UTF-8 characters in b and the bytes
// that are not part of one (nor ASCII). A body in UTF-8 with at most one
// invalid byte in twenty multi-byte characters is taken as UTF-8 whatever
// it declares: text in a legacy encoding stays far below that.
func utf8Counts(b []byte) (multi, invalid int) {
	for i := 0; i < len(b); {
		// Eight bytes at a time while they are ASCII: most of a page is.
		for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i >= len(b) {
			break
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi, invalid
}

// maxPrescan bounds the part of a page searched for a <meta> charset.
// Browsers look at the first 1024 bytes, then re-parse when a later <meta>
// names another charset; inline scripts and styles in the head often push
// the declaration past 1024 bytes.
const maxPrescan = 64 << 10

// metaCharset returns the encoding that a <meta charset> or <meta
// http-equiv="Content-Type" content="…; charset=…"> in the head of body
// declares, or nil. Only <meta> elements count; the search ends at the
// start of the body.
func metaCharset(body []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), maxPrescan)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil, ""
			case "meta":
			default:
				continue
			}
			var declared, content string
			pragma := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					declared = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
			}
			if declared == "" && pragma {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					declared = params["charset"]
				}
			}
			if enc, name := charset.Lookup(declared); enc != nil {
				if strings.HasPrefix(name, "utf-16") {
					// A page that could state it in ASCII is not UTF-16.
					return unicode.UTF8, "utf-8"
				}
				return enc, name
			}
		}
	}
}

var boms = []struct {
	mark []byte
	enc  encoding.Encoding
	name string
}{
	{[]byte{0xef, 0xbb, 0xbf}, unicode.UTF8, "utf-8"},
	{[]byte{0xfe, 0xff}, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "utf-16be"},
	{[]byte{0xff, 0xfe}, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16le"},
}

// ascii reports whether b holds only ASCII bytes.
func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// parseHTML decodes body and parses it into a document tree.
func parseHTML(body []byte, contentType string) (*html.Node, error) {
	doc, _, err := parseDocument(body, contentType)
	return doc, err
}

// parseDocument decodes body, repairs its mojibake and parses it into a
// document tree; repaired says whether the repair changed the page.
//
// The repair is of text double-encoded in the source — UTF-8 once decoded
// as Windows-1252 and encoded again, "Putinâ€™s" in a page served as
// UTF-8 (package mojibake) — the other case than a page that declares a
// legacy charset for UTF-8 content, which decode reads as UTF-8. It is
// made on the whole decoded page before it is parsed, so that its title,
// byline, text and JSON-LD are read repaired alike, and before white space
// is collapsed ("Ã" and a no-break space is "à"). A page without the byte
// 0xC3 costs one byte scan.
func parseDocument(body []byte, contentType string) (doc *html.Node, repaired bool, err error) {
	text, err := decode(body, contentType)
	if err != nil {
		return nil, false, err
	}
	fixed := mojibake.RepairBytes(text)
	repaired = len(fixed) != len(text)
	doc, err = html.Parse(bytes.NewReader(fixed))
	return doc, repaired, err
}
