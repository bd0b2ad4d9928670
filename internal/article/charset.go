package article

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
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
// whole body is valid UTF-8 and not plain ASCII (text in a legacy encoding
// practically never is, while pages and servers that declare a legacy
// charset for UTF-8 content are common); else the charset parameter of
// contentType; else a <meta> declaration in the first 1000 bytes; else
// windows-1252, as browsers do.
func sniff(body []byte, contentType string) (encoding.Encoding, string) {
	for _, bom := range boms {
		if bytes.HasPrefix(body, bom.mark) {
			return bom.enc, bom.name
		}
	}
	if utf8.Valid(body) && !ascii(body) {
		return unicode.UTF8, "utf-8"
	}
	// charset.DetermineEncoding looks at only the first 1024 bytes and
	// guesses when it finds no declaration; a probe ending in a non-ASCII
	// UTF-8 letter makes its guess "utf-8", which here means "undeclared".
	probe := body[:min(len(body), 1000)]
	for i := len(probe) - 1; i >= 0 && i > len(probe)-4; i-- {
		if probe[i] < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(probe[i]) {
			probe = probe[:i]
			break
		}
	}
	probe = append(probe[:len(probe):len(probe)], "\u00e9."...)
	enc, name, certain := charset.DetermineEncoding(probe, contentType)
	if certain || name != "utf-8" {
		return enc, name
	}
	if utf8.Valid(body) {
		return unicode.UTF8, "utf-8"
	}
	return charmap.Windows1252, "windows-1252"
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
	text, err := decode(body, contentType)
	if err != nil {
		return nil, err
	}
	return html.Parse(bytes.NewReader(text))
}
