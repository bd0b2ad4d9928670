package article

import (
	"strings"
	"unicode"
)

// Many news pages declare their story's text in JSON-LD (schema.org
// NewsArticle, Article, BlogPosting, ReportageNewsArticle… articleBody),
// some of them because the visible page is an empty shell that a script
// fills. When the extractor reads far less of a page than its articleBody
// holds, the articleBody is the text: it is the publisher's own, and taken
// verbatim (its markup dropped and its character references decoded), so
// every summary sentence and quote of it is still the source's. The rule
// is kept narrow, since an articleBody is often cut short, stale, or
// another story's:
//
//   - the page's article objects give one articleBody (several different
//     ones are a list of stories);
//   - it holds at least minLDBody bytes of text (a teaser is not a story);
//   - the extracted text is less than half of it;
//   - when the extractor found any paragraph of substance, the articleBody
//     holds the first of them (the two are one story); and a body that ends
//     in an ellipsis (cut short) replaces no text at all;
//   - the page is not for subscribers: its text is what the page shows.
//
// And when the extracted text is the articleBody itself, its paragraphs
// run together ("…described as frank.Vladimir Putin left…": the library's
// fallback reads an articleBody of HTML as one block of its text content,
// as it does on a shell page with a <body>), its paragraphs replace it.
// The Article then says so (TextSource).

// minLDBody is the least articleBody, in bytes of text, that replaces the
// extracted text.
const minLDBody = 500

// ldBody returns the paragraphs of the page's JSON-LD articleBody (bodies,
// as given) when the extracted paragraphs paras are far short of it, else
// nil.
func ldBody(bodies []string, paras []string) []string {
	if len(bodies) == 0 {
		return nil
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			return nil
		}
	}
	body := ldParagraphs(bodies[0])
	n := 0
	for _, p := range body {
		n += len(p)
	}
	if len(body) > 1 && len(paras) < len(body) && letterKey(strings.Join(paras, " ")) == letterKey(strings.Join(body, " ")) {
		return body // the extractor's fallback read the articleBody as one block, its paragraphs run together
	}
	if n < minLDBody {
		return nil
	}
	have := 0
	for _, p := range paras {
		have += len(p)
	}
	if 2*have >= n {
		return nil
	}
	last := body[len(body)-1]
	if have > 0 && (strings.HasSuffix(last, "…") || strings.HasSuffix(last, "...") || strings.HasSuffix(last, "[…]")) {
		return nil
	}
	for _, p := range paras {
		if len(p) < minChunkPara {
			continue
		}
		k := letterKey(p)
		if len(k) > 120 {
			k = k[:120]
		}
		if !strings.Contains(letterKey(strings.Join(body, " ")), k) {
			return nil
		}
		break
	}
	return body
}

// ldParagraphs makes an articleBody plain paragraphs: markup in it (some
// publishers give the HTML of the story) is dropped, a block element or a
// line break ending a paragraph; otherwise its line breaks end paragraphs.
// Character references are decoded and white space collapsed (clean).
func ldParagraphs(s string) []string {
	var lines []string
	if hasMarkup(s) {
		s = tagText(s, func(tag string) string {
			switch tag {
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "ul", "ol", "table", "tr", "section":
				return "\n"
			}
			return ""
		})
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	for _, l := range strings.Split(s, "\n") {
		if l = clean(strings.Map(noControl, l)); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// noControl maps control characters but tab to spaces (clean then
// collapses them).
func noControl(r rune) rune {
	if r < 0x20 && r != '\t' || r == 0x7F {
		return ' '
	}
	return r
}

// hasMarkup reports whether s holds an HTML tag: a "<" before a letter or
// "/".
func hasMarkup(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		if c := s[i+1]; c == '/' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// letterKey is s's letters and digits, lower-cased: what two renderings of
// one text share whatever their quotation marks, dashes and spacing.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
