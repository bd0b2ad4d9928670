package feed

import "testing"

func TestSharedGUID(t *testing.T) {
	for guid, want := range map[string]bool{
		"https://blog.example/2026/12/look-at-this":     true,
		"http://blog.example/?p=123":                    true,
		"HTTPS://blog.example/post#2":                   true,
		"tag:blog.example,2026:post-1":                  true,
		"urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a": true,
		"42":                      false,
		"":                        false,
		"post-42":                 false,
		"https://blog.example/":   false, // a site's root names no post
		"https://blog.example":    false,
		"http:///nohost":          false,
		"mailto:me@blog.example":  false,
		"urn:x":                   false,
		"tag:x":                   false,
		" https://blog.example/a": false,
		"c:42":                    false,
	} {
		if got := SharedGUID(guid); got != want {
			t.Errorf("SharedGUID(%q) = %v, want %v", guid, got, want)
		}
	}
}
