package article

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A story cut into parts with an advertisement between them reads as one
// story, whether the parts are <div> and <section> of one class or the
// extractor took their common container, advertisement and all.
func TestExtractJoinsStoryParts(t *testing.T) {
	tests := []struct {
		fixture  string
		want     []string // in the text, in this order
		unwanted []string
	}{
		{
			fixture: "chunked-section.html",
			want: []string{
				"A male voice choir formed by quarrymen from three neighbouring villages",
				"arranged by their conductor, Gwen Parry.",
				"The choir practised twice a week in the chapel vestry",
				"until the final next year.",
			},
			unwanted: []string{"ADVERT", "FOOTERTEXT"},
		},
		{
			fixture: "chunked-ad.html",
			want: []string{
				"The crew of the morning ferry to Haldon pulled a swimmer",
				"carried out by the ebb tide, the harbour master said.",
				"Deckhand Rosa Kemp threw a life ring",
				"He was taken to the cottage hospital in Haldon",
				"three knots on the ebb.",
			},
			unwanted: []string{"ADVERT", "FOOTERTEXT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			a, err := Extract(bytes.NewReader(readFixture(t, tt.fixture)), "https://news.example/story")
			if err != nil {
				t.Fatal(err)
			}
			rest := a.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (or has it out of order):\n%s", w, a.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, u := range tt.unwanted {
				if strings.Contains(a.Text, u) {
					t.Errorf("text holds %q:\n%s", u, a.Text)
				}
			}
		})
	}
}

func TestAdBox(t *testing.T) {
	for class, want := range map[string]bool{
		"inline-ad": true, "ad-slot": true, "adsbygoogle": false, "AdvertBox": true, "werbung": true,
		"sponsored-content": true, "promo_box": true, "header": false, "download": false, "shadow": false, "": false,
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
		if got := adBox(n); got != want {
			t.Errorf("adBox(class=%q) = %v, want %v", class, got, want)
		}
	}
}
