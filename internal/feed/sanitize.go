package feed

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf8"
)

// sanitize repairs a UTF-8 feed document so that one stray byte does not
// lose the whole feed: the XML parser refuses invalid UTF-8 and control
// characters anywhere, the JSON parser control characters in strings.
// Control characters other than tab, line feed and carriage return are
// dropped; invalid UTF-8 and the non-characters U+FFFE and U+FFFF become
// U+FFFD. A document that is not valid UTF-8 and holds no multi-byte UTF-8
// sequence at all is in a legacy encoding that nothing declared (text in
// one practically never looks like UTF-8): its charset is guessed from its
// text (KOI8-R, windows-1251 and the other single-byte charsets of
// legacyCharsets), and it is read as windows-1252, the superset of
// ISO-8859-1, when the guess is unsure. A document in another declared encoding (a
// UTF-16 or UTF-32 byte-order mark, or an XML declaration naming another
// encoding) is left alone: its bytes are not UTF-8 and its decoder judges
// them. guess, when not nil, is the charset a legacy document was read in.
func sanitize(body []byte) (_ []byte, guess *charsetGuess) {
	if !isUTF8Document(body) || cleanUTF8(body) {
		return body, nil
	}
	if !utf8.Valid(body) && !hasMultiByte(body) {
		g := legacyEncoding(body)
		if out, err := g.enc.NewDecoder().Bytes(body); err == nil {
			body, guess = out, &g
		}
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		switch {
		case r == utf8.RuneError && size <= 1, r == 0xFFFE, r == 0xFFFF:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
		default:
			out = append(out, body[i:i+size]...)
		}
		i += max(size, 1)
	}
	return out, guess
}

// hasMultiByte reports whether body holds a valid multi-byte UTF-8 sequence.
func hasMultiByte(body []byte) bool {
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}

// cleanUTF8 reports whether body needs no repair.
func cleanUTF8(body []byte) bool {
	return !hasControl(body) && utf8.Valid(body) && !bytes.Contains(body, []byte("\uFFFE")) && !bytes.Contains(body, []byte("\uFFFF"))
}

// hasControl reports whether b holds a control character other than tab,
// line feed and carriage return: a byte below 0x20 that is none of them. It
// reads b eight bytes at a time, and the bytes of only the words that hold
// a byte below 0x20 (a line break, mostly) one by one.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		// a byte below 0x20 borrows when 0x20 is taken from it, and has no high bit
		if x := binary.LittleEndian.Uint64(b); (x-0x20*ones)&^x&highs != 0 && controlIn(b[:8]) {
			return true
		}
		b = b[8:]
	}
	return controlIn(b)
}

// controlIn is hasControl, a byte at a time.
func controlIn(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// isUTF8Document reports whether body is meant as UTF-8: no byte-order mark
// of another encoding, and no XML declaration naming one.
func isUTF8Document(body []byte) bool {
	for _, bom := range [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}, {0, 0, 0xFE, 0xFF}} {
		if bytes.HasPrefix(body, bom) {
			return false
		}
	}
	enc := declaredEncoding(body)
	return enc == "utf-8" || enc == "utf8" || enc == ""
}

// declaredEncoding is the encoding an XML declaration names, lower-cased,
// or "".
func declaredEncoding(body []byte) string {
	head := bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head[:min(len(head), 512)], []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	enc := strings.ToLower(strings.Trim(strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n="), ` "'`))
	if j := strings.IndexAny(enc, ` "'`); j >= 0 {
		enc = enc[:j]
	}
	return enc
}

// capItems cuts a document of more than n items after its n-th item, so the
// feed parser, which builds every item it reads (about 13 KB of allocation
// per RSS item), never sees more than n. An XML document is cut after the
// n-th top-level item or entry element and its open elements are closed. A
// document that cannot be read this way is returned whole, for the parser
// to judge. (A JSON Feed is capped as it is read: see parseJSONFeed.)
func capItems(body []byte, n int) []byte {
	// Each item's start tag has a "<" of its own, and the name "item" or
	// "entry": too few of either, and there cannot be more than n items.
	// Counting one byte is the cheaper test by far, and enough for most
	// feeds (a few hundred tags).
	if bytes.Count(body, []byte("<")) <= n || bytes.Count(body, []byte("item"))+bytes.Count(body, []byte("entry")) <= n {
		return body // cannot hold more than n items
	}
	return capXMLItems(body, n)
}

func capXMLItems(body []byte, n int) []byte {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // only the markup matters here
	var open []string                                                                  // qualified names of the open elements
	items := 0                                                                         // open item or entry elements
	count := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return body
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qualified(t.Name))
			if isItem(t.Name) {
				items++
			}
		case xml.EndElement:
			if len(open) == 0 {
				return body
			}
			open = open[:len(open)-1]
			if !isItem(t.Name) {
				continue
			}
			items--
			if items > 0 {
				continue
			}
			if count++; count < n {
				continue
			}
			off := d.InputOffset()
			var closing strings.Builder
			for i := len(open) - 1; i >= 0; i-- {
				closing.WriteString("</" + open[i] + ">")
			}
			return append(body[:off:off], closing.String()...)
		}
	}
}

func isItem(name xml.Name) bool {
	return strings.EqualFold(name.Local, "item") || strings.EqualFold(name.Local, "entry")
}

func qualified(name xml.Name) string {
	if name.Space == "" {
		return name.Local
	}
	return name.Space + ":" + name.Local
}

// cutLongText shortens every run of character data in an XML document —
// text between tags, or a CDATA section — longer than limit bytes to its first
// limit bytes. The feed parser makes many copies of each text node while it
// decodes and translates it (a 10 MB title cost 130 MB of heap), and nothing
// past maxRawText of a field is used. A cut never splits a UTF-8 sequence or
// an entity reference. Comments, processing instructions and tags are
// copied as they are; a JSON document is returned unchanged.
func cutLongText(body []byte, limit int) []byte {
	if len(body) <= limit {
		return body
	}
	if trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")), " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		return body
	}
	var out []byte // nil until the first cut
	copied := 0    // body[:copied] is in out
	cut := func(start, end int) {
		keep := start + limit
		for keep > start && !utf8.RuneStart(body[keep]) {
			keep--
		}
		if amp := bytes.LastIndexByte(body[max(start, keep-32):keep], '&'); amp >= 0 {
			amp += max(start, keep-32)
			if !bytes.Contains(body[amp:keep], []byte(";")) {
				keep = amp // do not split an entity reference
			}
		}
		out = append(out, body[copied:keep]...)
		copied = end
	}
	for i := 0; i < len(body); {
		if body[i] != '<' {
			end := bytes.IndexByte(body[i:], '<')
			if end < 0 {
				end = len(body)
			} else {
				end += i
			}
			if end-i > limit {
				cut(i, end)
			}
			i = end
			continue
		}
		if bytes.HasPrefix(body[i:], []byte("<!")) && !bytes.HasPrefix(body[i:], []byte("<![CDATA[")) && !bytes.HasPrefix(body[i:], []byte("<!--")) {
			end := directiveEnd(body, i+2)
			if end < 0 {
				break // unterminated: the parser will judge
			}
			i = end
			continue
		}
		var open, closing string
		switch {
		case bytes.HasPrefix(body[i:], []byte("<![CDATA[")):
			open, closing = "<![CDATA[", "]]>"
		case bytes.HasPrefix(body[i:], []byte("<!--")):
			open, closing = "<!--", "-->"
		case bytes.HasPrefix(body[i:], []byte("<?")):
			open, closing = "<?", "?>"
		default:
			open, closing = "<", ">"
		}
		start := i + len(open)
		end := bytes.Index(body[start:], []byte(closing))
		if end < 0 {
			break // unterminated: the parser will judge
		}
		end += start
		if open == "<![CDATA[" && end-start > limit {
			cut(start, end)
		}
		i = end + len(closing)
	}
	if out == nil {
		return body
	}
	return append(out, body[copied:]...)
}

// directiveEnd returns the index just past the directive (<!DOCTYPE …>)
// whose body starts at j, read as encoding/xml reads it: the first byte
// belongs to the directive whatever it is, quoted text is skipped, and
// nested <…> (an internal DTD subset) must close first. It returns -1 when
// the directive does not end.
func directiveEnd(body []byte, j int) int {
	depth := 0
	var quote byte
	for j++; j < len(body); j++ {
		c := body[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			depth++
		case c == '>':
			if depth == 0 {
				return j + 1
			}
			depth--
		}
	}
	return -1
}
