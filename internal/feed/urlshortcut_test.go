package feed

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/mmcdole/gofeed"
)

// FuzzLinkShortcuts holds the parse's shortcuts to what they stand for:
// rootURL(c) is the root test of c parsed, and the URL normalise hands to
// identity is url.Parse of the item's URL, so that identities stay those
// of earlier versions.
func FuzzLinkShortcuts(f *testing.F) {
	for _, s := range []string{
		"https://bench.example/f0001/7/3", "https://site.example/", "https://site.example", "http://x/?", "http://x/#top",
		"https://Site.Example:443/a/../b?utm_source=x&id=7#more-12", "https://x/%2F", "https://x/%41", "https://x//", "/a/1?x=1#c",
		"a/b", "https://x/#", "http:opaque", "https://[::1]:80/", "https://x/ y", "https://x/\x7f", "//other.example/p", "https://u:p@x/p",
		"https://x/%zz", "HTTPS://X/P", "https://x/p?a=1?b#c#d", "https://x/ ", "https://x/%", "https://x/?#", "https://x/p#Top",
	} {
		f.Add(s)
	}
	base, _ := url.Parse("https://site.example/feed/")
	f.Fuzz(func(t *testing.T, s string) {
		old := func(c string) bool {
			cu, _ := url.Parse(c)
			return cu != nil && (cu.Path == "/" || cu.Path == "") && cu.RawQuery == "" && cu.Fragment == ""
		}
		if rootURL(s) != old(s) {
			t.Fatalf("rootURL(%q) = %v, parsed: %v", s, rootURL(s), old(s))
		}
		for _, b := range []*url.URL{base, nil} {
			item, link, _ := normalise(&gofeed.Item{Link: s}, b, true)
			if link == nil {
				continue
			}
			u, err := url.Parse(item.URL)
			if err != nil || !reflect.DeepEqual(u, link) {
				t.Fatalf("%q: normalise gave %#v for %q, which parses as %#v (%v)", s, link, item.URL, u, err)
			}
			if c := Canonical(link); rootURL(c) != old(c) {
				t.Fatalf("rootURL(%q) = %v, parsed: %v", c, rootURL(c), old(c))
			}
		}
	})
}
