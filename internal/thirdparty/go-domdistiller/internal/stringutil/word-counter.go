// ORIGINAL: Part of java/StringUtil.java

// Copyright (c) 2020 Markus Mobius
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

// Copyright 2014 The Chromium Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package stringutil

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/markusmobius/go-domdistiller/internal/re2go"
)

var (
	// The following range includes broader alphabetical letters and Hangul Syllables.
	rtMatcher1 = createRangeTable([]rune("azAZ09__\u00C0\u1FFF\uAC00\uD7AF"))

	// The following range includes Hiragana, Katakana, and CJK Unified Ideographs.
	// Hangul Syllables are not included.
	rtMatcher2 = createRangeTable([]rune("\u3040\uA4CF"))

	// The following range includes broader alphabetical letters.
	rtMatcher3 = createRangeTable([]rune("azAZ09__\u00C0\u1FFF"))
)

// WordCounter is object for counting the number of words. For some languages,
// doing this relies on non-trivial word segmentation algorithms, or even huge
// look-up tables. However, for our purpose this function needs to be reasonably
// fast, so the word count for some languages would only be an approximation.
// Read https://crbug.com/484750 for more info.
type WordCounter interface {
	Count(string) int
}

type FullWordCounter struct{}
type LetterWordCounter struct{}
type FastWordCounter struct{}

func (c FullWordCounter) Count(text string) int {
	// Count alphabetical letters and Hangul Syllables.
	var nMatcher1 int
	for _, word := range strings.FieldsFunc(text, spaceRunes) {
		if containRune(word, rtMatcher1) {
			nMatcher1++
		}
	}

	// Count Hiragana, Katakana, and CJK Unified Ideographs.
	var nMatcher2 int
	for _, r := range text {
		if unicode.Is(rtMatcher2, r) {
			nMatcher2++
		}
	}

	count := nMatcher1 + int(math.Ceil(float64(nMatcher2)*0.55))
	return count
}

func (c LetterWordCounter) Count(text string) int {
	// Count alphabetical letters and Hangul Syllables.
	var count int
	for _, word := range strings.FieldsFunc(text, spaceRunes) {
		if containRune(word, rtMatcher1) {
			count++
		}
	}
	return count
}

func (c FastWordCounter) Count(text string) int {
	// Count broader alphabetical letters.
	var count int
	for _, word := range strings.FieldsFunc(text, spaceRunes) {
		if containRune(word, rtMatcher3) {
			count++
		}
	}
	return count
}

// SelectWordCounter picks the most suitable WordCounter depending on
// the specified text.
func SelectWordCounter(text string) WordCounter {
	switch {
	case re2go.UseFullWordCounter(text):
		return FullWordCounter{}
	case re2go.UseLetterWordCounter(text):
		return LetterWordCounter{}
	default:
		return FastWordCounter{}
	}
}

// =================================================================================
// Functions below these point are functions that doesn't exist in original code of
// Dom-Distiller, added to avoid using regex.
// =================================================================================

// createRangeTable returns the table of the runes in the inclusive ranges
// given as pairs (start, end, start, end…), in any order.
//
// newshound: the table is written directly, one R16 or R32 range per pair,
// instead of listing every rune of every range and handing the list to
// rangetable.New — upstream allocated 1.7 MB (a rune slice per table and the
// package's working set) in package initialisation of every program that
// links this package. The runes of the table are the same; the test
// compares it with rangetable.New over every rune.
func createRangeTable(runePairs []rune) *unicode.RangeTable {
	// Make sure rune pairs are even
	nRunePairs := len(runePairs)
	if nRunePairs%2 != 0 {
		return nil
	}

	type span struct{ lo, hi rune }
	spans := make([]span, 0, nRunePairs/2)
	for i := 0; i < nRunePairs; i += 2 {
		start, end := runePairs[i], runePairs[i+1]
		if end < start {
			start, end = end, start
		}
		spans = append(spans, span{start, end})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })

	// Merge overlapping and adjacent ranges, so the table's ranges are
	// sorted and disjoint as unicode.Is requires.
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.lo <= merged[n-1].hi+1 {
			if sp.hi > merged[n-1].hi {
				merged[n-1].hi = sp.hi
			}
			continue
		}
		merged = append(merged, sp)
	}

	table := &unicode.RangeTable{}
	for _, sp := range merged {
		if sp.hi <= unicode.MaxLatin1 {
			table.LatinOffset++
		}
		if sp.hi <= 0xFFFF {
			table.R16 = append(table.R16, unicode.Range16{Lo: uint16(sp.lo), Hi: uint16(sp.hi), Stride: 1})
			continue
		}
		if sp.lo <= 0xFFFF {
			table.R16 = append(table.R16, unicode.Range16{Lo: uint16(sp.lo), Hi: 0xFFFF, Stride: 1})
			sp.lo = 0x10000
		}
		table.R32 = append(table.R32, unicode.Range32{Lo: uint32(sp.lo), Hi: uint32(sp.hi), Stride: 1})
	}
	return table
}

func containRune(s string, rt *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(rt, r) {
			return true
		}
	}
	return false
}

func spaceRunes(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ':
		return true
	default:
		return false
	}
}
