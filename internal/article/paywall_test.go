package article

import (
	"bytes"
	"strings"
	"testing"
)

// A paywalled page is flagged, and its subscription box is not read as the
// story.
func TestExtractFlagsPaywall(t *testing.T) {
	a, err := Extract(bytes.NewReader(readFixture(t, "paywall-box.html")), "https://courier.example/harbour/deal")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Paywalled {
		t.Error("Paywalled = false for a page marked isAccessibleForFree false with a paywall box")
	}
	if !strings.Contains(a.Text, "gives the company two of the three deep-water berths") {
		t.Errorf("the part the page shows is missing: %q", a.Text)
	}
	for _, bad := range []string{"unlimited access", "Subscribe", "printed weekend edition"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("%q from the paywall box in the text: %q", bad, a.Text)
		}
	}
}

func TestPaywallSignals(t *testing.T) {
	story := strings.Repeat("<p>The harbour board met on Monday and decided, after a long debate, that the old ferry will keep running for another decade.</p>", 4)
	tests := []struct {
		name, head, body string
		want             bool
	}{
		{"free page", "", story, false},
		{"JSON-LD isAccessibleForFree false", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry","isAccessibleForFree":false}</script>`, story, true},
		{"JSON-LD isAccessibleForFree \"False\" in a graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"ReportageNewsArticle","isAccessibleForFree":"False"}]}</script>`, story, true},
		{"JSON-LD isAccessibleForFree true", `<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":true}</script>`, story, false},
		{"content tier locked", `<meta property="article:content_tier" content="locked">`, story, true},
		{"content tier free", `<meta property="article:content_tier" content="free">`, story, false},
		{"a paywall box the text does not reach", "", story + `</article><nav><a href="/">Home</a> <a href="/account" class="paywall-account-button">My account</a></nav><article>`, false},
		{"a paywall box inside the story", "", story + `<div class="article__paywall"><p>Subscribe to keep reading.</p></div>`, true},
		{"a class that marks what is free", "", `<div class="no-paywall">` + story + `</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>Ferry</title>" + tt.head + "</head><body><article><h1>Ferry</h1>" + tt.body + "</article></body></html>"
			a, err := Extract(strings.NewReader(page), "https://courier.example/ferry")
			if err != nil {
				t.Fatal(err)
			}
			if a.Paywalled != tt.want {
				t.Errorf("Paywalled = %v, want %v", a.Paywalled, tt.want)
			}
			if !strings.Contains(a.Text, "The harbour board met on Monday") {
				t.Errorf("story missing: %q", a.Text)
			}
		})
	}
}

// A story the page sends whole inside a container named for its paywall
// (for a script to cut later) is read; a class name alone does not flag it.
func TestExtractKeepsStoryInPaywallContainer(t *testing.T) {
	story := strings.Repeat("<p>The harbour board met on Monday and decided, after a long debate, that the old ferry will keep running for another decade, its chairwoman said.</p>", 12)
	page := `<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1><div class="steady-paywall-container">` + story + `</div></article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://courier.example/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if a.Paywalled || strings.Count(a.Text, "The harbour board met on Monday") != 12 {
		t.Errorf("Paywalled %v, text %q", a.Paywalled, a.Text)
	}
}
