package article

import (
	"strings"
	"testing"
)

// A page served as UTF-8 whose text was double-encoded in its source
// ("Putinâ€™s": UTF-8 once read as Windows-1252) gives its title, byline and
// text as written, and says it was repaired; a page in real Portuguese
// and French is read as it is.
func TestExtractRepairsMojibake(t *testing.T) {
	para := "<p>Putinâ€™s aides met the French envoy FranÃ§ois Delattre in ZÃ¼rich on Tuesday, officials said after the meeting ended late in the evening.</p>" +
		"<p>â€œWe spoke for an hour about grain and about the corridor,â€\u009d Delattre told reporters outside the building on the lake.</p>" +
		"<p>The talks will go on next week in Geneva, where both delegations are expected to meet again with the mediators.</p>"
	page := `<html><head><meta charset="utf-8"><title>Putinâ€™s aides meet FranÃ§ois Delattre</title>
<meta name="author" content="AndrÃ© Dupont"></head><body><article><h1>Putinâ€™s aides meet FranÃ§ois Delattre</h1>` + para + `</article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://news.example/a")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Repaired || a.Title != "Putin’s aides meet François Delattre" || a.Byline != "André Dupont" {
		t.Errorf("repaired %v, title %q, byline %q", a.Repaired, a.Title, a.Byline)
	}
	if !strings.Contains(a.Text, "Putin’s aides met the French envoy François Delattre in Zürich") ||
		!strings.Contains(a.Text, "“We spoke for an hour about grain and about the corridor,” Delattre") || strings.ContainsAny(a.Text, "âÃ") {
		t.Errorf("text %q", a.Text)
	}

	real := `<html><head><meta charset="utf-8"><title>SÃO PAULO: NÃO à reforma</title></head><body><article>` +
		"<p>O presidente não disse à imprensa que a situação em SÃO PAULO é grave, segundo fontes do governo ouvidas nesta terça-feira.</p>" +
		"<p>« C’est la réalité », a déclaré le président à l’AFP. „Das ist groß“, sagte er, in Zürich und in Þórshöfn.</p></article></body></html>"
	b, err := Extract(strings.NewReader(real), "https://news.example/b")
	if err != nil {
		t.Fatal(err)
	}
	if b.Repaired || b.Title != "SÃO PAULO: NÃO à reforma" || !strings.Contains(b.Text, "„Das ist groß“") {
		t.Errorf("real text: repaired %v, title %q, text %q", b.Repaired, b.Title, b.Text)
	}

	// written with character references: mojibake once parsed
	c, err := Extract(strings.NewReader(strings.NewReplacer("â€™", "&acirc;&#128;&#153;", "Ã§", "&Atilde;&sect;", "Ã¼", "&#195;&#188;").Replace(page)), "https://news.example/c")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Repaired || c.Title != "Putin’s aides meet François Delattre" || !strings.Contains(c.Text, "Putin’s aides met the French envoy François Delattre in Zürich") {
		t.Errorf("entities: repaired %v, title %q, text %q", c.Repaired, c.Title, c.Text)
	}
}
