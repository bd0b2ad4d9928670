package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/opml"
)

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "opml [--config F] [--dry-run] FILE", `
Append the feeds of an OPML subscription list (what every feed reader
exports) to the feeds: of the configuration, then check it as 'newshound
check' does. Names come from the feeds' titles, made valid and unique;
feeds whose address is already configured are skipped, and so are repeats
within the list; the folders (and OPML category) holding a feed are kept as
a comment on its line. The file's own text, comments and order are kept:
the new entries are added after the last feed. With --dry-run the lines are
printed and nothing is written.`)
	path := configFlag(fs)
	dry := fs.Bool("dry-run", false, "print the lines that would be added; change nothing")
	if len(args) == 0 || args[0] != "opml" {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		fs.Usage()
		return usageError("import needs: opml FILE")
	}
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usageError("import opml needs one OPML FILE")
	}
	src := pos[0]
	f, err := os.Open(src)
	if u, uerr := url.Parse(src); err != nil && uerr == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return fmt.Errorf("import opml reads a saved file, and %s is a link: save the list first (your feed reader's OPML export, or curl -o list.opml %s)", src, src)
	}
	if err != nil {
		return err
	}
	title, feeds, err := opml.Parse(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	data, err := os.ReadFile(*path)
	if err != nil {
		return err
	}
	out, added, skipped, err := appendFeeds(data, feeds, fmt.Sprintf("imported from %s%s on %s", filepath.Base(src), titleNote(title), time.Now().Format("2006-01-02")))
	if err != nil {
		return fmt.Errorf("%s: %w", *path, err)
	}
	for _, s := range skipped {
		fmt.Fprintf(e.stderr, "skipped %s\n", s)
	}
	if *dry {
		e.stdout.Write(out[len(commonPrefix(data, out)):])
		fmt.Fprintf(e.stdout, "# dry run: %d feeds would be added to %s, %d skipped\n", added, *path, len(skipped))
		return nil
	}
	if added > 0 && len(out) > config.DefaultMaxSize && len(data) <= config.DefaultMaxSize {
		return fmt.Errorf("%s: adding %d feeds would make the configuration %d bytes, over the limit of %d that every command reads: nothing written; import a shorter list", *path, added, len(out), config.DefaultMaxSize)
	}
	if added > 0 {
		if err := writeFileAtomic(*path, out); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "added %d feeds from %s to %s (%d skipped)\n", added, src, *path, len(skipped))
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: %s\n", cfg.Summary())
	return nil
}

func titleNote(title string) string {
	if title == "" {
		return ""
	}
	return fmt.Sprintf(" (%q)", title)
}

func commonPrefix(a, b []byte) []byte {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	// back up to the start of the line, so what follows is whole lines
	return a[:bytes.LastIndexByte(a[:n], '\n')+1]
}

// appendFeeds adds feeds to the feeds: list of the YAML configuration data
// as text, leaving every existing byte as it is: the new entries go after
// the last line of the list (or after "feeds:" when it is empty; a feeds:
// key is added at the end when there is none), indented as the list is.
// It returns the new text, how many feeds it added, and a line on each
// feed skipped.
func appendFeeds(data []byte, feeds []opml.Feed, note string) (out []byte, added int, skipped []string, err error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, 0, nil, fmt.Errorf("the configuration is not valid YAML: %v", err)
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if root != nil && root.Kind != yaml.MappingNode {
		return nil, 0, nil, fmt.Errorf("the configuration is not a mapping of keys")
	}
	var key, list *yaml.Node
	if root != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "feeds" {
				key, list = root.Content[i], root.Content[i+1]
			}
		}
	}
	names := map[string]bool{}
	urls := map[string]string{}
	if list != nil {
		switch {
		case list.Kind == yaml.SequenceNode && list.Style&yaml.FlowStyle != 0 && len(list.Content) > 0:
			return nil, 0, nil, fmt.Errorf("line %d: feeds: is written as a [flow, list]: write it as a block list (one \"- name:\" per line) to import into it", list.Line)
		case list.Kind == yaml.SequenceNode:
			for _, item := range list.Content {
				var f struct{ Name, URL string }
				item.Decode(&f)
				names[strings.ToLower(f.Name)] = true
				if f.URL != "" {
					urls[feed.CanonicalString(f.URL)] = f.Name
				}
			}
		case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		default:
			return nil, 0, nil, fmt.Errorf("line %d: feeds: is not a list", list.Line)
		}
	}
	var entries strings.Builder
	indent := "  "
	if list != nil && list.Kind == yaml.SequenceNode && len(list.Content) > 0 {
		indent = strings.Repeat(" ", max(list.Column-1, 0)) // a block sequence starts at its first dash
	}
	for _, f := range feeds {
		canon := feed.CanonicalString(f.URL)
		if name, dup := urls[canon]; dup {
			skipped = append(skipped, fmt.Sprintf("%q (%s): already configured as %q", f.Title, f.URL, name))
			continue
		}
		if err := checkImportURL(f.URL); err != nil {
			skipped = append(skipped, fmt.Sprintf("%q (%s): %v", f.Title, f.URL, err))
			continue
		}
		name := uniqueName(feedName(f.Title, f.URL), names)
		urls[canon] = name
		comment := ""
		if len(f.Categories) > 0 {
			comment = "  # " + oneLine(strings.Join(f.Categories, ", "))
		}
		fmt.Fprintf(&entries, "%s- name: %s%s\n%s  url: %s\n", indent, yamlScalar(name), comment, indent, yamlScalar(f.URL))
		added++
	}
	if added == 0 {
		return data, 0, skipped, nil
	}
	block := indent + "# " + note + "\n" + entries.String()
	lines := splitLines(data)
	var at int // insert before lines[at]
	switch {
	case key == nil:
		text := string(data)
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		out = []byte(text + "\nfeeds:\n" + block)
	case list.Kind == yaml.SequenceNode && len(list.Content) > 0:
		at = lastLine(list) // lines are numbered from 1: lines[at] is the one after
		dash := list.Column - 1
		for at < len(lines) && isContinuation(lines[at], dash) {
			at++
		}
	default: // "feeds:" with nothing, or "feeds: []"
		at = key.Line
		line := lines[key.Line-1]
		if list.Kind == yaml.SequenceNode { // feeds: [] — becomes feeds:
			i := strings.Index(line, "[]")
			lines[key.Line-1] = strings.TrimRight(line[:i], " ") + line[i+2:]
		}
	}
	if key != nil {
		var b strings.Builder
		for _, l := range lines[:at] {
			b.WriteString(l)
		}
		if at > 0 && !strings.HasSuffix(lines[at-1], "\n") {
			b.WriteString("\n")
		}
		b.WriteString(block)
		for _, l := range lines[at:] {
			b.WriteString(l)
		}
		out = []byte(b.String())
	}
	var check yaml.Node
	if err := yaml.Unmarshal(out, &check); err != nil {
		return nil, 0, nil, fmt.Errorf("adding the feeds would break the file (%v): nothing written; add them by hand", err)
	}
	return out, added, skipped, nil
}

// checkImportURL refuses feed addresses the configuration would refuse,
// and addresses holding spaces or control characters (no feed has them;
// a line break among them would be one in the YAML too).
func checkImportURL(raw string) error {
	for _, r := range raw {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("the address holds a space or control character (%U)", r)
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("not an http(s) address")
	}
	if u.Host == "" {
		return fmt.Errorf("the address has no host")
	}
	return nil
}

// oneLine makes s safe in a YAML comment: every run of white space or
// control characters — YAML ends a line at \r, U+0085, U+2028 and U+2029
// too, not only at \n — becomes one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}), " ")
}

// splitLines splits data into lines that keep their line ends.
func splitLines(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data))
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

// lastLine is the last line any node under n starts on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// isContinuation reports whether line still belongs to a list entry whose
// dash is in column dash (from 0): it is indented deeper and is not blank
// (a block scalar's later lines, a comment within the entry).
func isContinuation(line string, dash int) bool {
	trimmed := strings.TrimLeft(line, " ")
	if strings.TrimSpace(trimmed) == "" {
		return false
	}
	return len(line)-len(trimmed) > dash
}

// writeFileAtomic replaces path with data, keeping its permissions.
func writeFileAtomic(path string, data []byte) error {
	// A configuration reached through a symbolic link is written where the
	// link leads: renaming over the link would replace it with a copy and
	// leave the real file as it was.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".newshound-import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func cmdExport(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "opml [--config F] [--output FILE]", `
Write the configured feeds as an OPML 2.0 subscription list, for a feed
reader or another newshound: one outline per feed, with its name as title.
The configuration is checked first, as 'newshound check' does.`)
	path := configFlag(fs)
	output := fs.String("output", "-", "where to write the OPML `file` (- for standard output)")
	if len(args) == 0 || args[0] != "opml" {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		fs.Usage()
		return usageError("export needs: opml")
	}
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		fs.Usage()
		return usageError("export opml takes no arguments besides its options")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	feeds := make([]opml.Feed, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		feeds = append(feeds, opml.Feed{Title: f.Name, URL: f.URL})
	}
	var w io.Writer = e.stdout
	var file *os.File
	if *output != "-" {
		if file, err = os.Create(*output); err != nil {
			return err
		}
		w = file
	}
	err = opml.Write(w, "newshound feeds ("+filepath.Base(*path)+")", feeds, time.Now())
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
