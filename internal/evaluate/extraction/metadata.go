package extraction

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/article"
)

// MetaReport is the agreement of extracted metadata with expected values:
// each field is the fraction of agreeing pages among the pages that have an
// expected value for it (the …Pages counts).
type MetaReport struct {
	Pages                   int
	Title, Byline           float64
	Date, Lang              float64
	TitlePages, BylinePages int
	DatePages, LangPages    int
	Misses                  []MetaMiss // every disagreement, for a closer look
}

// MetaMiss is one field of one page on which extraction disagrees with the
// expected value.
type MetaMiss struct {
	Page, Field, Want, Got string
}

// Write prints m as human-readable lines.
func (m MetaReport) Write(w io.Writer) {
	fmt.Fprintf(w, "pages:   %d\n", m.Pages)
	fmt.Fprintf(w, "title:   %.3f of %d\n", m.Title, m.TitlePages)
	fmt.Fprintf(w, "byline:  %.3f of %d\n", m.Byline, m.BylinePages)
	fmt.Fprintf(w, "date:    %.3f of %d\n", m.Date, m.DatePages)
	fmt.Fprintf(w, "lang:    %.3f of %d\n", m.Lang, m.LangPages)
}

// expectedMeta is mozilla/readability's expected-metadata.json.
type expectedMeta struct {
	Title         string `json:"title"`
	Byline        string `json:"byline"`
	Lang          string `json:"lang"`
	PublishedTime string `json:"publishedTime"`
}

// ReadabilityMetadata extracts every page of mozilla/readability's test
// pages in dir (<page>/source.html.gz and <page>/expected-metadata.json,
// directly under dir or under dir/pages)
// and measures agreement: title equal after white-space normalisation,
// ignoring case; byline containing or contained in the expected one; date on
// the same calendar day; language with the same primary subtag. A page that
// fails to extract disagrees on every field it has.
func ReadabilityMetadata(dir string) (MetaReport, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "expected-metadata.json"))
	if err == nil && len(paths) == 0 {
		paths, err = filepath.Glob(filepath.Join(dir, "pages", "*", "expected-metadata.json"))
	}
	if err != nil {
		return MetaReport{}, fmt.Errorf("extraction: %w", err)
	}
	if len(paths) == 0 {
		return MetaReport{}, fmt.Errorf("extraction: no expected-metadata.json under %s", dir)
	}
	sort.Strings(paths)
	var m MetaReport
	var title, byline, date, lang int
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return MetaReport{}, fmt.Errorf("extraction: %w", err)
		}
		var want expectedMeta
		if err := json.Unmarshal(raw, &want); err != nil {
			return MetaReport{}, fmt.Errorf("extraction: %s: %w", p, err)
		}
		html, err := readGzip(filepath.Join(filepath.Dir(p), "source.html.gz"))
		if err != nil {
			return MetaReport{}, err
		}
		got, err := article.Extract(bytes.NewReader(html), "http://fakehost/test/page.html")
		if err != nil {
			got = &article.Article{}
		}
		m.Pages++
		page := filepath.Base(filepath.Dir(p))
		if normText(want.Title) != "" {
			m.TitlePages++
			if sameTitle(want.Title, got.Title) {
				title++
			} else {
				m.Misses = append(m.Misses, MetaMiss{page, "title", want.Title, got.Title})
			}
		}
		if normText(want.Byline) != "" {
			m.BylinePages++
			if sameByline(want.Byline, got.Byline) {
				byline++
			} else {
				m.Misses = append(m.Misses, MetaMiss{page, "byline", want.Byline, got.Byline})
			}
		}
		if strings.TrimSpace(want.PublishedTime) != "" {
			m.DatePages++
			if sameDay(want.PublishedTime, got.Published) {
				date++
			} else {
				m.Misses = append(m.Misses, MetaMiss{page, "date", want.PublishedTime, formatDate(got.Published)})
			}
		}
		if strings.TrimSpace(want.Lang) != "" {
			m.LangPages++
			if sameLang(want.Lang, got.Lang) {
				lang++
			} else {
				m.Misses = append(m.Misses, MetaMiss{page, "lang", want.Lang, got.Lang})
			}
		}
	}
	m.Title = fraction(title, m.TitlePages)
	m.Byline = fraction(byline, m.BylinePages)
	m.Date = fraction(date, m.DatePages)
	m.Lang = fraction(lang, m.LangPages)
	return m, nil
}

// formatDate shows a date for a MetaMiss; "" when there is none.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func fraction(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// normText lower-cases s and collapses its white space.
func normText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func sameTitle(want, got string) bool { return normText(want) == normText(got) }

// sameByline: one byline contains the other (a site may add a role, the
// other drop a second author).
func sameByline(want, got string) bool {
	w, g := normText(strings.TrimPrefix(strings.TrimSpace(want), "By ")), normText(got)
	if g == "" {
		return false
	}
	return strings.Contains(w, g) || strings.Contains(g, w)
}

// sameDay reports whether got falls on the calendar day that want (an ISO
// 8601 date or date-time) states, in want's own zone or in UTC.
func sameDay(want string, got time.Time) bool {
	want = strings.TrimSpace(want)
	if got.IsZero() || len(want) < 10 {
		return false
	}
	day := want[:10]
	return got.Format("2006-01-02") == day || got.UTC().Format("2006-01-02") == day
}

// sameLang compares the primary subtags of two language tags.
func sameLang(want, got string) bool {
	primary := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.IndexAny(s, "-_"); i >= 0 {
			s = s[:i]
		}
		return s
	}
	return primary(want) != "" && primary(want) == primary(got)
}
