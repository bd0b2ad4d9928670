package feed

import (
	"math/rand/v2"
	"net/url"
	"testing"

	"github.com/mmcdole/gofeed"
)

// FuzzLinkShortcuts holds the parse's shortcuts to what they stand for:
// rootURL(c) is the root test of c parsed; the canonical link normalise
// hands to identity is Canonical of url.Parse of the item's URL, so that
// identities stay those of earlier versions; and a plainLink is what
// resolving it gives, written back as it came and its own canonical form.
func FuzzLinkShortcuts(f *testing.F) {
	for _, s := range []string{
		"https://bench.example/f0001/7/3", "https://site.example/", "https://site.example", "http://x/?", "http://x/#top",
		"https://Site.Example:443/a/../b?utm_source=x&id=7#more-12", "https://x/%2F", "https://x/%41", "https://x//", "/a/1?x=1#c",
		"a/b", "https://x/#", "http:opaque", "https://[::1]:80/", "https://x/ y", "https://x/\x7f", "//other.example/p", "https://u:p@x/p",
		"https://x/%zz", "HTTPS://X/P", "https://x/p?a=1?b#c#d", "https://x/ ", "https://x/%", "https://x/?#", "https://x/p#Top",
		"https://news.example/2026/12/06/Budget_Talks~v2/a:b;c=d,e+f$g&h@i", "https://x.example/a/./../b//", "https://x.example/(1)",
		"https://x.example/a!b", "https://x.example/a*b", "https://x.example/a'b", "https://x_y.example/p", "https://x.example:8080/p",
		"https://x.example./p", "https://-.example/p", "http://x.example/caf\u00e9", "https://x.example/p\\q", "https://x.example/[p]",
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
			if plainLink(s) {
				u, parsed, err := resolve(b, s)
				if err != nil || !parsed || u.String() != s || Canonical(u) != s {
					t.Fatalf("plainLink(%q), but resolving it gives %v (parsed %v, error %v), canonical %q", s, u, parsed, err, Canonical(u))
				}
			}
			item, canonical, _ := normalise(&gofeed.Item{Link: s}, b, true)
			if canonical == "" {
				continue
			}
			u, err := url.Parse(item.URL)
			if err != nil || Canonical(u) != canonical {
				t.Fatalf("%q: normalise gave %q for %q, whose canonical form is %q (%v)", s, canonical, item.URL, Canonical(u), err)
			}
			if rootURL(canonical) != old(canonical) {
				t.Fatalf("rootURL(%q) = %v, parsed: %v", canonical, rootURL(canonical), old(canonical))
			}
		}
	})
}

// TestPlainLink: links of every printable ASCII character are plainLinks
// only when resolving them gives them back as their own canonical form, and
// the links of most feeds are plainLinks.
func TestPlainLink(t *testing.T) {
	for _, s := range []string{"https://bench.example/f0001/7/3", "http://www.example.com/2026/12/06/Budget-Talks_v2.html", "https://x.example/a:b;c=d,e+f$g&h@i~/"} {
		if !plainLink(s) {
			t.Errorf("plainLink(%q) = false", s)
		}
	}
	for _, s := range []string{"https://x.example", "https://X.example/p", "HTTPS://x.example/p", "https://x.example:443/p", "https://u@x.example/p",
		"https://x.example/p?id=1", "https://x.example/p#top", "https://x.example/%41", "https://x.example/(1)", "ftp://x.example/p", " https://x.example/p"} {
		if plainLink(s) {
			t.Errorf("plainLink(%q) = true", s)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const hostBytes = "abcxyz019.-_A:@[]"
	const pathBytes = "abzAZ09-._~/$&+,:;=@"
	const anyBytes = "!'()*%?#[]\\\" <>^`{|}\x7f\u00e9"
	plain := 0
	for range 50_000 {
		b := []byte([]string{"http://", "https://"}[r.IntN(2)])
		for range r.IntN(6) {
			b = append(b, hostBytes[r.IntN(len(hostBytes))])
		}
		if r.IntN(10) > 0 {
			b = append(b, '/')
		}
		for range r.IntN(12) {
			if r.IntN(20) == 0 {
				b = append(b, anyBytes[r.IntN(len(anyBytes))])
			} else {
				b = append(b, pathBytes[r.IntN(len(pathBytes))])
			}
		}
		s := string(b)
		if !plainLink(s) {
			continue
		}
		plain++
		u, parsed, err := resolve(nil, s)
		if err != nil || !parsed || u.String() != s || Canonical(u) != s {
			t.Fatalf("plainLink(%q), but resolving it gives %v (parsed %v, error %v)", s, u, parsed, err)
		}
	}
	if plain < 1000 {
		t.Errorf("only %d plain links of 50,000 tried", plain)
	}
}
