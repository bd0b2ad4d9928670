// This file is part of go-trafilatura, Go package for extracting readable
// content, comments and metadata from a web page. Source available in
// <https://github.com/markusmobius/go-trafilatura>.
//
// Copyright (C) 2021 Markus Mobius
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package trafilatura

import (
	"mime"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"github.com/markusmobius/go-trafilatura/internal/space"
	"golang.org/x/net/html"
)

// trim removes unnecessary spaces within a text string.
//
// newshound: space.Collapse, which returns s itself when it is so already
// (strings.Join(strings.Fields(s), " ") copied it twice; the TrimSpace
// after it never had anything to trim).
func trim(s string) string {
	return space.Collapse(s)
}

func strWordCount(s string) int {
	return len(strings.Fields(s))
}

func strOr(args ...string) string {
	for i := 0; i < len(args); i++ {
		if args[i] != "" {
			return args[i]
		}
	}
	return ""
}

func strIn(s string, args ...string) bool {
	for i := 0; i < len(args); i++ {
		if args[i] == s {
			return true
		}
	}
	return false
}

func isImageFile(imageSrc string) bool {
	if imageSrc == "" {
		return false
	}

	ext := filepath.Ext(imageSrc)
	mimeType := mime.TypeByExtension(ext)
	return strings.HasPrefix(mimeType, "image")
}

func uniquifyLists(currents ...string) []string {
	var finalTags []string
	tracker := map[string]struct{}{}

	for _, current := range currents {
		separator := ","
		if strings.Count(current, ";") > strings.Count(current, ",") {
			separator = ";"
		}

		for _, entry := range strings.Split(current, separator) {
			entry = trim(entry)
			entry = strings.ReplaceAll(entry, `"`, "")
			entry = strings.ReplaceAll(entry, `'`, "")

			if _, tracked := tracker[entry]; entry != "" && !tracked {
				finalTags = append(finalTags, entry)
				tracker[entry] = struct{}{}
			}
		}
	}

	return finalTags
}

// trimmedTextLen is utf8.RuneCountInString(trim(dom.TextContent(n))): the
// characters of n's text with its runs of white space made single spaces
// and its ends trimmed, counted without building that text. (newshound:
// the link-density tests built it for every <div>, <p>, list and link,
// nested ones again and again: 6% of extraction's CPU time.) Text that is
// not valid UTF-8, whose bytes could join into other characters across
// text nodes, is counted the slow way.
func trimmedTextLen(n *html.Node) int {
	chars, words := 0, 0
	inWord, valid := false, true
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			s := n.Data
			if !utf8.ValidString(s) {
				valid = false
				return
			}
			for i := 0; i < len(s); {
				var r rune
				if c := s[i]; c < utf8.RuneSelf {
					r = rune(c)
					i++
				} else {
					var size int
					r, size = utf8.DecodeRuneInString(s[i:])
					i += size
				}
				if unicode.IsSpace(r) {
					inWord = false
					continue
				}
				chars++
				if !inWord {
					inWord = true
					words++
				}
			}
		}
		for c := n.FirstChild; c != nil && valid; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	if !valid {
		return utf8.RuneCountInString(trim(dom.TextContent(n)))
	}
	if words == 0 {
		return 0
	}
	return chars + words - 1
}

// textLens memoises trimmedTextLen for the elements of a tree that does not
// change while it is used: the link-density tests ask it of every <div>,
// list and paragraph and of their links, nested ones inside each other, so
// each text was read once per enclosing element. With the memo each is read
// once. (newshound)
type textLens map[*html.Node]textStat

// textStat is what trimmedTextLen counts of a node's text (the text of all
// its text nodes, in order), in a form two texts run together combine in.
type textStat struct {
	chars, words int  // characters other than white space; runs of them
	first, last  bool // the text starts, ends with such a character
	empty        bool // no text at all
	invalid      bool // a text node is not UTF-8: counted the slow way
}

// add returns the stat of a's text followed by b's.
func (a textStat) add(b textStat) textStat {
	if a.empty {
		return b
	}
	if b.empty {
		return a
	}
	s := textStat{chars: a.chars + b.chars, words: a.words + b.words, first: a.first, last: b.last,
		invalid: a.invalid || b.invalid}
	if a.last && b.first {
		s.words-- // a word runs on from a into b
	}
	return s
}

// textNodeStat counts s as trimmedTextLen does.
func textNodeStat(s string) textStat {
	if s == "" {
		return textStat{empty: true}
	}
	if !utf8.ValidString(s) {
		return textStat{invalid: true}
	}
	var st textStat
	inWord := false
	for i, r := range s {
		// ASCII other than white space needs no table.
		if (r >= utf8.RuneSelf || r == ' ' || '\t' <= r && r <= '\r') && unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if i == 0 {
			st.first = true
		}
		st.chars++
		if !inWord {
			inWord = true
			st.words++
		}
	}
	st.last = inWord
	return st
}

// stat returns n's textStat, from the memo when n is an element seen
// before.
func (m textLens) stat(n *html.Node) textStat {
	if n.Type == html.TextNode {
		return textNodeStat(n.Data)
	}
	if n.Type == html.ElementNode {
		if st, ok := m[n]; ok {
			return st
		}
	}
	st := textStat{empty: true}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		st = st.add(m.stat(c))
	}
	if n.Type == html.ElementNode {
		m[n] = st
	}
	return st
}

// len is trimmedTextLen(n); a nil textLens is no memo.
func (m textLens) len(n *html.Node) int {
	if m == nil {
		return trimmedTextLen(n)
	}
	st := m.stat(n)
	switch {
	case st.invalid:
		return trimmedTextLen(n)
	case st.words == 0:
		return 0
	}
	return st.chars + st.words - 1
}
