package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/httpclient"
)

func cmdDiscover(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "discover", "[--timeout D] URL", `
Fetch a web page (or read a saved one: a path or file: URL) and print the
feeds it advertises with <link rel="alternate" type="application/rss+xml">
(or atom+xml, feed+json), with their titles, as configuration lines to
paste under feeds:. Given a feed's own address it prints that feed. Exits 1
when the page advertises no feed.`)
	timeout := fs.Duration("timeout", config.DefaultTimeout, "fetch timeout")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usageError("discover needs one URL")
	}
	src := pos[0]
	u, err := url.Parse(src)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
		abs, aerr := filepath.Abs(src)
		if aerr != nil {
			return aerr
		}
		u = &url.URL{Scheme: "file", Path: abs}
	}
	client := httpclient.New(httpclient.Options{Timeout: *timeout, AllowPrivate: true})
	f := feed.NewFetcher(client, config.DefaultUserAgent(version), config.DefaultMaxBody)
	res, err := f.Fetch(ctx, u.String(), feed.Validators{})
	var links []feed.Link
	var nf *feed.NotFeedError
	switch {
	case err == nil:
		fmt.Fprintf(e.stdout, "# %s is a feed itself (%d items); paste under feeds: in the configuration\n", u, len(res.Items))
		links = []feed.Link{{URL: u.String(), Title: res.Title}}
	case errors.As(err, &nf) && nf.Kind == "html" && len(nf.Feeds) > 0:
		fmt.Fprintf(e.stdout, "# the feeds %s advertises; paste the ones you want under feeds: in the configuration\n", u)
		links = nf.Feeds
	case errors.As(err, &nf) && nf.Kind == "html":
		return fmt.Errorf("discover %s: the page advertises no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">, atom+xml or feed+json in its head): look for an RSS or Atom link on the site", u)
	case u.Scheme == "file":
		return fmt.Errorf("discover %s: %w", u, err)
	default:
		return fetchFailed("discover", u.String(), *timeout, err)
	}
	used := map[string]bool{}
	for _, l := range links {
		if lu, err := url.Parse(l.URL); u.Scheme != "file" && (err != nil || lu.Scheme == "file") {
			// A page on the web has no business naming files of this machine.
			fmt.Fprintf(e.stderr, "skipped %s: a web page's link to a local file\n", l.URL)
			continue
		}
		title := l.Title
		if title == "" {
			title = hostName(l.URL)
			if l.Type != "" {
				title += " " + l.Type
			}
		}
		name := uniqueName(feedName(title, l.URL), used)
		comment := ""
		if l.Type != "" {
			comment = "  # " + l.Type
		}
		fmt.Fprintf(e.stdout, "  - name: %s%s\n    url: %s\n", yamlScalar(name), comment, yamlScalar(l.URL))
	}
	return nil
}

// feedName makes a configuration name (letters, digits, spaces, dots,
// dashes, underscores; at most 100; starting with a letter or digit) of a
// title: other characters become spaces, runs of spaces one. An empty
// result falls back to the host of rawURL.
func feedName(title, rawURL string) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' {
				return r
			}
			if r == '\'' || r == '’' {
				return -1 // Ellen's Blog → Ellens Blog
			}
			return ' '
		}, s)
		s = strings.Join(strings.Fields(s), " ")
		s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if r := []rune(s); len(r) > 90 {
			s = strings.TrimSpace(string(r[:90]))
		}
		return s
	}
	if n := clean(title); n != "" {
		return n
	}
	if n := clean(hostName(rawURL)); n != "" {
		return n
	}
	return "feed"
}

// uniqueName returns name, or name with " 2", " 3"… appended, whichever
// used does not hold (case-insensitively), and records it.
func uniqueName(name string, used map[string]bool) string {
	try := name
	for i := 2; used[strings.ToLower(try)]; i++ {
		try = fmt.Sprintf("%s %d", name, i)
	}
	used[strings.ToLower(try)] = true
	return try
}

func hostName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// yamlScalar quotes s for a YAML line when it needs it: empty, padded,
// starting with an indicator character, holding ": " or " #", reading as
// a boolean, null or number, or holding a character YAML reads as a line
// break (\n, \r, U+0085, U+2028, U+2029) or another control character —
// those are written as escapes in double quotes, so text from a page or an
// OPML file can never start a line of its own in the configuration.
func yamlScalar(s string) string {
	odd := strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
	})
	needs := s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || odd || isYAMLKeyword(s)
	if !needs {
		return s
	}
	if !odd && !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return yamlDoubleQuoted(s)
}

// yamlDoubleQuoted writes s as a YAML double-quoted scalar, escaping \, "
// and every character that is not printable ASCII or a printable letter.
func yamlDoubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		case r > 0xFFFF && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08X`, r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func isYAMLKeyword(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return true
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != '-' && r != '+' && r != 'e' {
			return false
		}
	}
	return true // a number
}

// parseInterspersed parses args with flags before, between or after the
// positional arguments (newshound import opml FILE --config F), and returns
// the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
