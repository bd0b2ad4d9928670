package watchers

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// A story read from the feed's text (page reading off, or the page unusable)
// has a language for lang: queries: the feed's declaration (RSS <language>,
// JSON Feed "language"), or the text's own when it clearly says another.
// Before, such an article had none and every lang: watch missed it silently.
func TestFeedTextHasLanguage(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: Mundo, url: "%[1]s/mundo.rss" }
  - { name: Welt, url: "%[1]s/welt.json" }
watches:
  - { name: es, query: 'lang:es AND Sánchez' }
  - { name: de, query: 'lang:de AND Sánchez' }
  - { name: any, query: 'Sánchez' }
`, fs.URL))
	fs.set("/mundo.rss", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mundo</title></channel></rss>`)
	fs.set("/welt.json", `{"version":"https://jsonfeed.org/version/1.1","title":"Welt","language":"de-DE","items":[]}`)
	if _, alerts := h.poll(); len(alerts) != 0 {
		t.Fatalf("priming: %d alerts", len(alerts))
	}
	now := time.Now().UTC().Format(time.RFC1123Z)
	long := strings.Repeat("El presidente del Gobierno, Pedro Sánchez, defendió este martes en el Congreso la reforma fiscal que el Ejecutivo aprobará antes del verano. ", 3)
	// The feed declares no language: the Spanish text says it. Another item
	// of the same feed is a line too short to tell: no language, so only the
	// watch without lang: takes it.
	fs.set("/mundo.rss", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mundo</title>`+
		`<item><title>Sánchez defiende la reforma</title><link>https://mundo.example/1</link><description>`+long+`</description><pubDate>`+now+`</pubDate></item>`+
		`<item><title>Sánchez, hoy</title><link>https://mundo.example/2</link><description>Breve.</description><pubDate>`+now+`</pubDate></item>`+
		`</channel></rss>`)
	// The feed declares German; one item is a short German line (the
	// declaration stands), the other a Spanish story a German site carries
	// in Spanish (the text overrules the declaration).
	fs.set("/welt.json", fmt.Sprintf(`{"version":"https://jsonfeed.org/version/1.1","title":"Welt","language":"de-DE","items":[
		{"id":"w1","url":"https://welt.example/1","title":"Sánchez in Berlin","content_text":"Kurz gemeldet.","date_published":%q},
		{"id":"w2","url":"https://welt.example/2","title":"Sánchez y la reforma","content_text":%q,"date_published":%q}]}`,
		time.Now().UTC().Format(time.RFC3339), long, time.Now().UTC().Format(time.RFC3339)))
	_, alerts := h.poll()
	var got []string
	for _, a := range alerts {
		got = append(got, a.Watch+" "+a.URL)
	}
	sort.Strings(got)
	want := []string{
		"any https://mundo.example/1", "any https://mundo.example/2", "any https://welt.example/1", "any https://welt.example/2",
		"de https://welt.example/1",
		"es https://mundo.example/1", "es https://welt.example/2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("alerts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
