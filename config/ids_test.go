package config

import (
	"regexp"
	"strings"
	"testing"
)

// TestIDsMatchTheirExpressions checks each identifier function against the
// regular expression it replaces, on strings around every boundary: each
// length from 0 to one past the maximum, with every byte of each class's
// edges and just outside them, in the first, a middle and the last place.
func TestIDsMatchTheirExpressions(t *testing.T) {
	for _, c := range []struct {
		re     string
		f      func(string) bool
		prefix []string
		max    int
	}{
		{`^[0-9]{17,20}$`, isSnowflake, []string{""}, 20},
		{`^#[0-9a-fA-F]{6}$`, isColor, []string{"#", "", "##", "x"}, 6},
		{`^[0-9a-fA-F]{64}$`, isPublicKey, []string{""}, 64},
		{`^[0-9]{1,20}$`, isWebhookID, []string{""}, 20},
		{`^[A-Za-z0-9_\-.]{1,200}$`, isWebhookToken, []string{""}, 200},
		{`^[CG][A-Z0-9]{8,23}$`, isSlackChannel, []string{"C", "G", "S", "c", ""}, 23},
		{`^S[A-Z0-9]{2,23}$`, isSlackGroup, []string{"S", "U", "s", ""}, 23},
		{`^[UW][A-Z0-9]{2,23}$`, isSlackUser, []string{"U", "W", "S", "u", ""}, 23},
	} {
		re := regexp.MustCompile(c.re)
		odd := []string{"0", "9", "a", "f", "g", "z", "A", "F", "G", "Z", "_", "-", ".", "/", ":", "@", "[", "`", "{", " ", "\n", "é", "\xff", "\x00"}
		for _, p := range c.prefix {
			for n := 0; n <= c.max+1; n++ {
				for _, fill := range []string{"0", "7", "a", "F", "Z", "_"} {
					base := strings.Repeat(fill, n)
					cases := []string{p + base, p + base + "\n"}
					for _, o := range odd {
						if n > 0 {
							for _, at := range []int{0, n / 2, n - 1} {
								cases = append(cases, p+base[:at]+o+base[at+1:])
							}
						}
					}
					for _, s := range cases {
						if got, want := c.f(s), re.MatchString(s); got != want {
							t.Fatalf("%s on %q: %v, the expression says %v", c.re, s, got, want)
						}
					}
				}
			}
		}
	}
}
