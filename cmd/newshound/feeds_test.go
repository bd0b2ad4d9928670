package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/newshound/newshound/internal/opml"
)

// A feed that answers but has given no item is flagged in status, not shown
// as healthy.
func TestStatusFlagsFeedWithoutItems(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.rss"), []byte(`<rss version="2.0"><channel><title>Empty</title></channel></rss>`), 0o644)
	os.WriteFile(filepath.Join(dir, "full.rss"), []byte(`<rss version="2.0"><channel><title>Full</title><item><title>One</title><link>https://full.example/1</link></item></channel></rss>`), 0o644)
	os.WriteFile(filepath.Join(dir, "page.html"), []byte(`<!DOCTYPE html><html><head><title>Site</title>
<link rel="alternate" type="application/rss+xml" title="All posts" href="https://site.example/feeds/all-posts.xml">
<link rel="alternate" type="application/atom+xml" href="https://site.example/feeds/all-posts.atom"></head><body></body></html>`), 0o644)
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(`storage:
  path: s.db
articles:
  fetch: false
feeds:
  - name: Empty Feed
    url: file:empty.rss
  - name: Full Feed
    url: file:full.rss
  - name: Web Page
    url: file:page.html
watches:
  - name: w
    keywords: ["nothing"]
`), 0o644)
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); !strings.Contains(errs, "this is a web page") {
		t.Fatalf("once: %d %s", code, errs)
	}
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "Empty Feed") && !strings.Contains(line, "0 items since the first poll"):
			t.Errorf("empty feed not flagged: %q", line)
		case strings.HasPrefix(line, "Full Feed") && strings.Contains(line, "0 items"):
			t.Errorf("full feed flagged: %q", line)
		}
	}
	if !strings.Contains(out, "Empty Feed") || !strings.Contains(out, "Full Feed") {
		t.Errorf("status:\n%s", out)
	}
	// The web page's error names both feeds it links to, however long.
	if !strings.Contains(out, "https://site.example/feeds/all-posts.xml, https://site.example/feeds/all-posts.atom: use one of them") {
		t.Errorf("status does not name the page's feeds:\n%s", out)
	}
}

// Two feeds serving the same items (a site's RSS and Atom feeds): whichever
// is polled second records nothing new, yet its documents return items and
// it is not flagged; a feed whose documents hold no item still is.
func TestStatusDoesNotFlagFeedSharingItems(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Site</title>
<item><title>First post</title><link>https://shared.example/1</link></item>
<item><title>Second post</title><link>https://shared.example/2</link></item></channel></rss>`)
		case "/atom":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprint(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>
<entry><title>First post</title><link href="https://shared.example/1"/></entry>
<entry><title>Second post</title><link href="https://shared.example/2"/></entry></feed>`)
		case "/empty":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Nothing</title></channel></rss>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: { path: s.db }
articles: { fetch: false }
feeds:
  - { name: Site RSS, url: "%[1]s/rss" }
  - { name: Site Atom, url: "%[1]s/atom" }
  - { name: Empty Feed, url: "%[1]s/empty" }
watches:
  - { name: w, keywords: [nothing] }
`, srv.URL)), 0o644)
	if _, errs, code := runCmd(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once: %d %s", code, errs)
	}
	out, errs, code := runCmd(t, "", "status", "--config", cfg)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errs)
	}
	var seen int
	for _, line := range strings.Split(out, "\n") {
		flagged := strings.Contains(line, "0 items since the first poll")
		switch {
		case strings.HasPrefix(line, "Site "):
			seen++
			if flagged {
				t.Errorf("a feed whose items another feed recorded first is flagged: %q", line)
			}
		case strings.HasPrefix(line, "Empty Feed"):
			seen++
			if !flagged {
				t.Errorf("empty feed not flagged: %q", line)
			}
		}
	}
	if seen != 3 {
		t.Errorf("status:\n%s", out)
	}
}

const importConfig = `# my newshound
storage:
  path: s.db   # the store

feeds:
    # the wire first
    - name: Le Monde Intl
      url: https://monde.example/rss?lang=fr&x=1   # already here
    - name: Wire
      url: https://wire.example/feed
      schedule: "@every 2m"

# watches below
watches:
  - name: w
    keywords: ["x"]
`

const importList = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="News &amp; Politics">
    <outline text="Europe">
      <outline text="Le Monde" title="Le Monde — Int'l" type="rss" xmlUrl="https://MONDE.example:443/rss?lang=fr&amp;x=1&amp;utm_source=opml"/>
      <outline text="Wire" type="rss" xmlUrl="https://other-wire.example/rss"/>
      <outline text="#1: yes" type="rss" xmlUrl="https://hash.example/feed"/>
    </outline>
  </outline>
  <outline text="Ünïcödé ✓ blog" type="rss" xmlUrl="https://unicode.example/atom.xml" category="/Tech"/>
  <outline text="Twice" type="rss" xmlUrl="https://unicode.example/atom.xml"/>
  <outline text="Gopher" type="rss" xmlUrl="gopher://old.example/feed"/>
</body></opml>`

func TestImportOPML(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	list := filepath.Join(dir, "list.opml")
	os.WriteFile(cfg, []byte(importConfig), 0o600)
	os.WriteFile(list, []byte(importList), 0o644)
	out, errs, code := runCmd(t, "", "import", "opml", "--config", cfg, list)
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, "added 3 feeds") || !strings.Contains(out, "ok: 5 feeds") {
		t.Errorf("output %q", out)
	}
	for _, want := range []string{`"Le Monde — Int'l"`, "already configured", `"Twice"`, "gopher://"} {
		if !strings.Contains(errs, want) {
			t.Errorf("skipped lines lack %q:\n%s", want, errs)
		}
	}
	data, _ := os.ReadFile(cfg)
	got := string(data)
	// Every line of the file is still there, in order, and the new entries
	// follow the last feed, indented as it is.
	head := strings.Split(importConfig, "\n")
	rest := got
	for _, l := range head {
		i := strings.Index(rest, l)
		if i < 0 {
			t.Fatalf("line %q lost or moved:\n%s", l, got)
		}
		rest = rest[i+len(l):]
	}
	wantBlock := `      schedule: "@every 2m"
    # imported from list.opml ("Reader export") on `
	if !strings.Contains(got, wantBlock) {
		t.Errorf("entries not after the last feed:\n%s", got)
	}
	for _, want := range []string{
		"    - name: Wire 2  # News & Politics/Europe\n      url: https://other-wire.example/rss\n",
		"    - name: 1 yes  # News & Politics/Europe\n      url: https://hash.example/feed\n",
		"    - name: Ünïcödé blog  # Tech\n      url: https://unicode.example/atom.xml\n\n# watches below",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("config lacks %q:\n%s", want, got)
		}
	}
	if st, _ := os.Stat(cfg); st.Mode().Perm() != 0o600 {
		t.Errorf("permissions %v", st.Mode().Perm())
	}
	// Importing again adds nothing (options may follow the file).
	out, _, code = runCmd(t, "", "import", "opml", list, "--config", cfg)
	if code != 0 || !strings.Contains(out, "added 0 feeds") {
		t.Errorf("second import: %d %q", code, out)
	}
}

func TestImportOPMLWithoutFeeds(t *testing.T) {
	for name, cfgText := range map[string]string{
		"no key":     "storage:\n  path: s.db\nwatches:\n  - name: w\n    keywords: [x]",
		"empty list": "storage:\n  path: s.db\nfeeds: []   # none yet\nwatches:\n  - name: w\n    keywords: [x]\n",
		"null":       "storage:\n  path: s.db\nfeeds:\nwatches:\n  - name: w\n    keywords: [x]\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "c.yaml")
			list := filepath.Join(dir, "list.opml")
			os.WriteFile(cfg, []byte(cfgText), 0o644)
			os.WriteFile(list, []byte(importList), 0o644)
			out, errs, code := runCmd(t, "", "import", "opml", "--config", cfg, list)
			data, _ := os.ReadFile(cfg)
			if code != 0 || !strings.Contains(out, "ok: 4 feeds") {
				t.Errorf("import: %d %q %s\n%s", code, out, errs, data)
			}
		})
	}
}

func TestExportOPML(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(importConfig), 0o644)
	out, errs, code := runCmd(t, "", "export", "opml", "--config", cfg)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	_, feeds, err := opml.Parse(strings.NewReader(out))
	if err != nil || len(feeds) != 2 || feeds[0].Title != "Le Monde Intl" || feeds[0].URL != "https://monde.example/rss?lang=fr&x=1" || feeds[1].Title != "Wire" {
		t.Errorf("exported %+v %v:\n%s", feeds, err, out)
	}
	// What is exported imports into another configuration unchanged.
	other := filepath.Join(dir, "other.yaml")
	os.WriteFile(other, []byte("storage:\n  path: o.db\nwatches:\n  - name: w\n    keywords: [x]\n"), 0o644)
	list := filepath.Join(dir, "out.opml")
	if _, errs, code := runCmd(t, "", "export", "opml", "--config", cfg, "--output", list); code != 0 {
		t.Fatalf("export --output: %s", errs)
	}
	if out, errs, code := runCmd(t, "", "import", "opml", "--config", other, list); code != 0 || !strings.Contains(out, "added 2 feeds") {
		t.Errorf("round trip: %d %q %s", code, out, errs)
	}
}

func TestDiscover(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Site</title>
<link rel="alternate" type="application/rss+xml" title="Site: all posts" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="alternate" type="application/feed+json" title="Site: all posts" href="/feed.json">
</head><body></body></html>`)
	})
	mux.HandleFunc("/bare", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Bare</title></head><body>no feeds</body></html>`)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Site</title><item><title>A</title><link>https://site.example/a</link></item></channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	out, errs, code := runCmd(t, "", "discover", srv.URL+"/")
	if code != 0 {
		t.Fatalf("discover: %d %s", code, errs)
	}
	var cfg struct {
		Feeds []struct{ Name, URL string }
	}
	if err := yaml.Unmarshal([]byte("feeds:\n"+out), &cfg); err != nil {
		t.Fatalf("output does not paste under feeds: %v\n%s", err, out)
	}
	want := []struct{ Name, URL string }{
		{"Site all posts", srv.URL + "/feed.xml"},
		{"127.0.0.1 Atom", srv.URL + "/atom.xml"},
		{"Site all posts 2", srv.URL + "/feed.json"},
	}
	if len(cfg.Feeds) != len(want) {
		t.Fatalf("feeds %+v\n%s", cfg.Feeds, out)
	}
	for i := range want {
		if cfg.Feeds[i] != want[i] {
			t.Errorf("feed %d: %+v, want %+v", i, cfg.Feeds[i], want[i])
		}
	}
	if _, errs, code := runCmd(t, "", "discover", srv.URL+"/bare"); code != 1 || !strings.Contains(errs, "advertises no feed") {
		t.Errorf("bare page: %d %s", code, errs)
	}
	if out, _, code := runCmd(t, "", "discover", srv.URL+"/feed.xml"); code != 0 || !strings.Contains(out, "is a feed itself") || !strings.Contains(out, "url: "+srv.URL+"/feed.xml") {
		t.Errorf("feed: %d %s", code, out)
	}
}

// appendFeeds keeps every byte of configurations laid out in other ways,
// and what it adds is read back as feeds of the list.
func TestAppendFeedsLayouts(t *testing.T) {
	add := []opml.Feed{{Title: "New One", URL: "https://new.example/feed"}}
	for name, cfg := range map[string]string{
		"flow items":           "feeds:\n  - { name: World Desk, url: \"https://w.example/rss\" }\nwatches: []\n",
		"unindented list":      "feeds:\n- name: A\n  url: https://a.example/f\nwatches: []\n",
		"block scalar":         "feeds:\n  - name: A\n    url: >-\n      https://a.example/f\n\n    # a comment inside the entry\n# top comment\nwatches: []\n",
		"CRLF":                 "feeds:\r\n  - name: A\r\n    url: https://a.example/f\r\nwatches: []\r\n",
		"no final newline":     "watches: []\nfeeds:\n  - name: A\n    url: https://a.example/f",
		"deeper indent":        "feeds:\n      - name: A\n        url: https://a.example/f\n",
		"spaces after dash":    "feeds:\n  -   name: A\n      url: https://a.example/f\nwatches: []\n",
		"dash on its own line": "feeds:\n    -\n        name: A\n        url: https://a.example/f\n    # end of the list\nwatches: []\n",
	} {
		t.Run(name, func(t *testing.T) {
			out, added, _, err := appendFeeds([]byte(cfg), add, "imported")
			if err != nil || added != 1 {
				t.Fatalf("%d added, %v", added, err)
			}
			rest := string(out)
			for _, l := range strings.SplitAfter(cfg, "\n") {
				i := strings.Index(rest, l)
				if i < 0 {
					t.Fatalf("line %q lost or moved:\n%s", l, out)
				}
				rest = rest[i+len(l):]
			}
			var doc struct {
				Feeds []struct{ Name, URL string }
			}
			if err := yaml.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if n := len(doc.Feeds); n != 2 || doc.Feeds[1].Name != "New One" || doc.Feeds[1].URL != "https://new.example/feed" || doc.Feeds[0].URL != "https://a.example/f" && doc.Feeds[0].URL != "https://w.example/rss" {
				t.Errorf("feeds %+v:\n%s", doc.Feeds, out)
			}
		})
	}
}

// TestImportSharedLists imports the shared OPML lists (skipped without the
// data): every outline becomes a feed or is named as skipped, and the
// configuration checks.
func TestImportSharedLists(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "feeds", "opml")
	if _, err := os.Stat(filepath.Join(dir, "Subs.opml")); err != nil {
		t.Skip("shared data not present")
	}
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte("storage:\n  path: s.db\nwatches:\n  - name: w\n    keywords: [x]\n"), 0o644)
	out, errs, code := runCmd(t, "", "import", "opml", filepath.Join(dir, "Subs.opml"), "--config", cfg)
	if code != 0 || !strings.Contains(out, "added 206 feeds") || !strings.Contains(out, "(1 skipped)") || !strings.Contains(out, "ok: 206 feeds") ||
		strings.Count(errs, "skipped ") != 1 || !strings.Contains(errs, "http://feed.katiefloyd.com/") {
		t.Errorf("Subs.opml: %d %q %q", code, out, errs)
	}
	// The same list without title attributes names the same feeds by their text: all configured already.
	out, errs, code = runCmd(t, "", "import", "opml", filepath.Join(dir, "SubsNoTitleAttributes.opml"), "--config", cfg)
	if code != 0 || !strings.Contains(out, "added 0 feeds") || strings.Count(errs, "already configured") != 207 {
		t.Errorf("SubsNoTitleAttributes.opml: %d %q, %d skipped", code, out, strings.Count(errs, "already configured"))
	}
}

// TestImportOPMLCannotWriteYAML: an OPML file's text cannot add lines of
// its own to the configuration. YAML ends a line at \r, U+0085, U+2028 and
// U+2029 as well as at \n; a category or an address holding them, written
// as it was, set http.allow_private_networks (the configuration still
// checked "ok"). Addresses with spaces or control characters are skipped;
// comments get them as spaces; an upper-case scheme is still an http one.
func TestImportOPMLCannotWriteYAML(t *testing.T) {
	const config = "storage: { path: n.db }\nfeeds:\n  - name: Mine\n    url: https://mine.example/rss\nwatches:\n  - { name: w, keywords: [x] }\n"
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Shared</title></head><body>
`
	for _, tc := range []struct {
		name, outlines, comment, skipped string
		urls                             []string
	}{
		{"category with carriage returns",
			`<outline type="rss" text="Innocent" category="Tech&#13;    url: https://y.example/rss&#13;http:&#13;  allow_private_networks: true&#13;  user_agent: |" xmlUrl="https://y.example/rss"/>`,
			"- name: Innocent  # Tech url: https://y.example/rss http: allow_private_networks: true user_agent: |\n", "",
			[]string{"https://y.example/rss"}},
		{"category with other line breaks",
			`<outline type="rss" text="Other" category="A` + "\u2028" + `B&#x85;C` + "\u2029" + `D" xmlUrl="https://z.example/rss"/>`,
			"- name: Other  # A B C D\n", "", []string{"https://z.example/rss"}},
		{"address with line separators",
			`<outline type="rss" text="Line" xmlUrl="https://x.example/rss` + "\u2028" + `http:` + "\u2028" + `  allow_private_networks:` + "\u2028" + `    true"/>
<outline type="rss" text="Upper" xmlUrl="HTTPS://U.example/rss"/>`,
			"- name: Upper\n", `skipped "Line"`, []string{"HTTPS://U.example/rss"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "c.yaml")
			list := filepath.Join(dir, "list.opml")
			os.WriteFile(cfg, []byte(config), 0o600)
			os.WriteFile(list, []byte(head+tc.outlines+"\n</body></opml>\n"), 0o644)
			out, errs, code := runCmd(t, "", "import", "opml", list, "--config", cfg)
			if code != 0 || !strings.Contains(out, "added 1 feeds") || !strings.Contains(errs, tc.skipped) {
				t.Fatalf("import: %d %s %s", code, out, errs)
			}
			data, _ := os.ReadFile(cfg)
			if strings.ContainsAny(string(data), "\r\u0085\u2028\u2029") {
				t.Errorf("a line break other than \\n reached the configuration: %q", data)
			}
			var c struct {
				HTTP  map[string]any
				Feeds []struct{ Name, URL string }
			}
			if err := yaml.Unmarshal(data, &c); err != nil {
				t.Fatal(err)
			}
			if c.HTTP != nil {
				t.Errorf("the OPML file wrote http: %v\n%s", c.HTTP, data)
			}
			var urls []string
			for _, f := range c.Feeds {
				urls = append(urls, f.URL)
			}
			if got, want := strings.Join(urls, " "), strings.Join(append([]string{"https://mine.example/rss"}, tc.urls...), " "); got != want {
				t.Errorf("feeds %s, want %s\n%s", got, want, data)
			}
			if !strings.Contains(string(data), tc.comment) {
				t.Errorf("lacks %q:\n%s", tc.comment, data)
			}
		})
	}
}

// TestYAMLScalarKeepsOneLine: whatever a page or an OPML file holds, the
// scalar written for it reads back as itself, on its line.
func TestYAMLScalarKeepsOneLine(t *testing.T) {
	for _, s := range []string{"https://e.example/a.xml?x=\u2028http:", "a\rb: c", "a\u0085b", "x\u2029y", "tab\there", "nul\x00", "it's \"q\"", "back\\slash\u2028", "emoji 📰\u2028", "bad \xff utf8", "plain", "null", "- dash"} {
		line := "k: " + yamlScalar(s) + "\nz: 1\n"
		var m map[string]string
		if err := yaml.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("%q → %q: %v", s, line, err)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if len(m) != 2 || m["k"] != want || m["z"] != "1" {
			t.Errorf("%q written %q reads back as %q", s, line, m)
		}
	}
}

// TestDiscoverSkipsLocalFilesOfAWebPage: a page on the web naming a file:
// feed is not offered as configuration (a local page may name local files).
func TestDiscoverSkipsLocalFilesOfAWebPage(t *testing.T) {
	page := `<html><head>
<link rel="alternate" type="application/rss+xml" title="Passwords" href="file:///etc/passwd">
<link rel="alternate" type="application/rss+xml" title="Real" href="/feed.xml">
</head><body></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	out, errs, code := runCmd(t, "", "discover", srv.URL+"/")
	if code != 0 || strings.Contains(out, "file:") || !strings.Contains(out, "url: "+srv.URL+"/feed.xml") || !strings.Contains(errs, "skipped file:///etc/passwd") {
		t.Errorf("discover: %d\n%s\n%s", code, out, errs)
	}
	local := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(local, []byte(page), 0o644)
	if out, errs, code := runCmd(t, "", "discover", local); code != 0 || !strings.Contains(out, "url: file:///etc/passwd") {
		t.Errorf("discover of a local page: %d\n%s\n%s", code, out, errs)
	}
}

// TestImportThroughALink: a configuration reached through a symbolic link
// (/etc/newshound.yaml → the deployment's file) is changed where it lives;
// the link stays a link.
func TestImportThroughALink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	real := filepath.Join(dir, "real", "c.yaml")
	link := filepath.Join(dir, "c.yaml")
	os.WriteFile(real, []byte("storage: { path: n.db }\nfeeds:\n  - { name: A, url: \"https://a.example/rss\" }\nwatches:\n  - { name: w, keywords: [x] }\n"), 0o600)
	if err := os.Symlink(filepath.Join("real", "c.yaml"), link); err != nil {
		t.Skip(err)
	}
	list := filepath.Join(dir, "list.opml")
	os.WriteFile(list, []byte(`<opml version="2.0"><body><outline text="New" xmlUrl="https://new.example/rss"/></body></opml>`), 0o644)
	if out, errs, code := runCmd(t, "", "import", "opml", list, "--config", link); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v)", err)
	}
	if data, _ := os.ReadFile(real); !strings.Contains(string(data), "https://new.example/rss") {
		t.Errorf("the real configuration was not changed:\n%s", data)
	}
}

// TestImportKeepsTheConfigurationReadable: an OPML list whose feeds would
// take the configuration over the size every command reads is refused and
// nothing is written (the daemon could not have started again).
func TestImportKeepsTheConfigurationReadable(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	const config = "storage: { path: n.db }\nfeeds:\n  - { name: A, url: \"https://a.example/rss\" }\nwatches:\n  - { name: w, keywords: [x] }\n"
	os.WriteFile(cfg, []byte(config), 0o600)
	var b strings.Builder
	b.WriteString(`<opml version="2.0"><body>`)
	for i := 0; i < 70000; i++ {
		fmt.Fprintf(&b, `<outline text="Feed number %d" xmlUrl="https://f%d.example.org/feed.xml"/>`, i, i)
	}
	b.WriteString(`</body></opml>`)
	list := filepath.Join(dir, "list.opml")
	os.WriteFile(list, []byte(b.String()), 0o644)
	_, errs, code := runCmd(t, "", "import", "opml", list, "--config", cfg)
	if code == 0 || !strings.Contains(errs, "over the limit") {
		t.Errorf("import: exit %d %s", code, errs)
	}
	if data, _ := os.ReadFile(cfg); string(data) != config {
		t.Errorf("the configuration was changed (%d bytes)", len(data))
	}
}

// A failed fetch is told in plain words naming the address, not as Go's
// network error ("feed: Get …: dial tcp 127.0.0.1:1: connect: connection
// refused").
func TestFetchFailuresInPlainWords(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/"
	ln.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"refused", []string{"discover", closed}, "discover " + closed + ": the site refused the connection"},
		{"slow", []string{"discover", "--timeout", "200ms", slow.URL + "/"}, "discover " + slow.URL + "/: the site took too long to answer (in 200ms: --timeout sets the limit)"},
		{"status", []string{"discover", failing.URL + "/"}, "discover " + failing.URL + "/: the site answered HTTP 503 Service Unavailable"},
		{"tls", []string{"discover", tlsSrv.URL + "/"}, "discover " + tlsSrv.URL + "/: the site's TLS certificate is not valid"},
		{"read", []string{"read", closed + "story"}, "read " + closed + "story: the site refused the connection"},
		{"import a link", []string{"import", "opml", closed + "list.opml"}, "import opml reads a saved file, and " + closed + "list.opml is a link"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := runCmd(t, "", c.args...)
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("code %d, %q; want %q", code, errs, c.want)
			}
			for _, raw := range []string{"dial tcp", "Get \"", "context deadline", "x509", "feed: "} {
				if strings.Contains(errs, raw) {
					t.Errorf("Go's error shown (%q): %s", raw, errs)
				}
			}
		})
	}
}
