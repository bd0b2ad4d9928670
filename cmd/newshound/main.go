// Command newshound is a media-monitoring bot: it polls news feeds, reads
// every new article, matches it against the team's watches and posts alerts.
//
// main only wires: flags, configuration, logger, store and services.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// exitError carries an exit code through run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// usageError is a command-line mistake: exit code 2.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

func main() {
	briefGC(os.Args[1:])
	ctx := context.Background()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if os.Getenv("NEWSHOUND_FOOTPRINT") != "" {
		footprint(os.Stderr)
	}
	if err == nil {
		return
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, flag.ErrHelp) && err.Error() != "" {
		fmt.Fprintf(os.Stderr, "newshound: %v\n", err)
	}
	if errors.Is(err, flag.ErrHelp) {
		code = 0
	}
	os.Exit(code)
}

// briefGC turns the garbage collector off, up to briefMemoryLimit of the
// runtime's memory, for the commands that read no page and are done in
// milliseconds. Their garbage (the configuration's parse, a store's rows)
// comes to a few MB, and what they keep is freed at exit anyway, while a
// collection costs more than it frees: its mark workers and their stacks,
// and the stack maps it reads from the binary for every frame it scans —
// `status` over 1,000 feeds ran two collections, which cost 3-6 MB of RSS
// and ~5 ms of CPU. Past the limit the collector runs, so a command that
// allocates more (a very large configuration) stays bounded. A GOGC or
// GOMEMLIMIT in the environment is the user's choice and wins. (Not in
// run: tests call it in their own process.)
func briefGC(args []string) {
	if len(args) == 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	brief := false
	switch args[0] {
	case "help", "-h", "--help", "-v", "--version":
		brief = true
	default:
		for _, c := range commands() {
			brief = brief || c.name == args[0] && c.brief
		}
	}
	if brief {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(briefMemoryLimit)
	}
}

// footprint writes the process's resident memory as it ends, split as the
// kernel counts it (/proc/self/status): RssAnon is the program's own (heap,
// stacks, the runtime's structures, written data), RssFile the binary's and
// libraries' pages mapped from the page cache, VmHWM the peak of their sum.
// RssFile depends on more than the program: the kernel maps a whole 64 KB
// window (or a whole large folio, as the file was read into the cache)
// around each page touched. BenchmarkFootprint sets NEWSHOUND_FOOTPRINT to
// report the split; it is for measuring, not for users.
func footprint(w io.Writer) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	var b strings.Builder
	b.WriteString("footprint:")
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch k {
		case "VmHWM", "RssAnon", "RssFile", "RssShmem":
			b.WriteString(" " + k + "=" + strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	fmt.Fprintln(w, b.String())
}

// briefMemoryLimit is the runtime memory (heap, stacks, its own structures)
// up to which a brief command does not collect garbage.
const briefMemoryLimit = 48 << 20

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
	brief   bool // reads no page and is done in milliseconds: see briefGC
}

// env is what every command gets: the standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"check", "validate a configuration file", cmdCheck, true},
		{"once", "poll every feed once, process, deliver, exit", cmdOnce, false},
		{"run", "the daemon: poll on the schedule until SIGINT/SIGTERM", cmdRun, false},
		{"status", "feeds, outbox and watches at a glance, from the store", cmdStatus, true},
		{"match", "try a query on a text or HTML file (or - for stdin)", cmdMatch, true},
		{"preview", "run one watch over stored articles: what it would have alerted", cmdPreview, false},
		{"read", "fetch or read an article page and print what is extracted", cmdRead, false},
		{"eval", "measure extraction, summaries, quotes or stories on evaluation data", cmdEval, false},
		{"discover", "print the feeds a web page advertises, as configuration lines", cmdDiscover, false},
		{"import", "import opml FILE: add an OPML list's feeds to the configuration", cmdImport, true},
		{"export", "export opml: write the configured feeds as OPML", cmdExport, true},
		{"migrate", "migrate --from sqlite:FILE --to postgres:URL: copy an installation to PostgreSQL", cmdMigrate, false},
		{"version", "print the version", cmdVersion, true},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return &exitError{code: 2, err: errors.New("")}
		}
		return flag.ErrHelp
	}
	if args[0] == "-v" || args[0] == "--version" {
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return usageError("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "newshound %s — monitor news feeds and alert on what matters\n\nUsage: newshound <command> [options]\n\nCommands:\n", version)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'newshound <command> --help' for a command's options.\n")
}

// newFlags returns a flag set for a subcommand that prints its own usage.
func newFlags(e *env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: newshound %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(about))
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintf(e.stderr, "\nOptions:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args, turning a flag mistake into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{code: 2, err: errors.New("")} // the flag package has printed the problem and usage
	}
	return nil
}

// logFlags adds the logging options to fs and returns a constructor for the logger.
func logFlags(fs *flag.FlagSet, e *env) func() *slog.Logger {
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	format := fs.String("log-format", "text", "log format: text or json")
	return func() *slog.Logger {
		var l slog.Level
		if err := l.UnmarshalText([]byte(*level)); err != nil {
			l = slog.LevelInfo
		}
		opts := &slog.HandlerOptions{Level: l}
		if *format == "json" {
			return slog.New(slog.NewJSONHandler(e.stderr, opts))
		}
		return slog.New(slog.NewTextHandler(e.stderr, opts))
	}
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the version.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "newshound %s\n", version)
	return nil
}
