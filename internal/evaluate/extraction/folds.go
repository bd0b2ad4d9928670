package extraction

import (
	"hash/fnv"
	"net/url"
	"regexp"
	"strings"
)

// Folds is the number of folds every data set is split into. Pages are
// split by site, never by page: all the pages of one site are in the same
// fold, so a rule decided on one fold is confirmed on sites it has not seen.
const Folds = 2

// fold is the fold of a site: the FNV-1a (32-bit) hash of its name, modulo
// Folds. It depends on nothing but the name, so every run and every data
// set agree on it.
func fold(site string) int {
	h := fnv.New32a()
	h.Write([]byte(site))
	return int(h.Sum32() % Folds)
}

// siteOf is the site of a page address: its host, lower-cased, without a
// port or a leading "www.". An address without a host is its own site.
func siteOf(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Hostname() == "" {
		return pageURL
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// numbered is a trailing "-<number>" of a readability test page's name
// ("bbc-1", "nytimes-3"): pages of one site that differ by it.
var numbered = regexp.MustCompile(`-\d+$`)

// siteOfTestPage is the site of one of mozilla/readability's test pages,
// named for the site: the name without its trailing number.
func siteOfTestPage(name string) string { return numbered.ReplaceAllString(name, "") }
