package commands

import "strings"

// The commands answer in plain values: each command returns its own answer
// type (the articles, quotes or feeds it found, with the option values it
// used) or a Problem. A platform renders them its own way — layout, links,
// timestamps, escaping and its message limits are the renderer's.

// Problem is an answer saying why a command did nothing: the user's input
// was refused, something named does not exist, the user may not do it, or
// the work failed (logged; the message says so).
type Problem struct {
	Kind ProblemKind
	Msg  Text
}

// ProblemKind says what kind of problem an answer reports.
type ProblemKind int

const (
	BadInput  ProblemKind = iota + 1 // an option is missing, malformed or out of range
	NotFound                         // a watch, channel or article named does not exist
	Forbidden                        // the user may not do this
	Failed                           // reading or writing failed; it has been logged
)

func (p *Problem) Error() string { return p.Msg.String() }

// Text is a message of our own words with values from outside kept apart,
// so that a renderer escapes (and quotes, and cuts) only what came from
// outside.
type Text []Span

// Span is one piece of a Text.
type Span struct {
	Kind SpanKind
	S    string
	Max  int // Escaped: at most this many characters (0: no bound of ours)
}

// SpanKind is how a renderer shows a span.
type SpanKind int

const (
	Plain   SpanKind = iota // our own words, shown as they are
	Value                   // a value someone typed or named, shown inline and quoted
	Escaped                 // outside text shown inline as it is, escaped
	Code                    // a block of outside text shown verbatim (a parser's message and caret)
)

// String is the text with no escaping, for logs and tests.
func (t Text) String() string {
	var b strings.Builder
	for _, s := range t {
		if s.Kind == Value {
			b.WriteString("“" + s.S + "”")
			continue
		}
		b.WriteString(s.S)
	}
	return b.String()
}

func text(parts ...Span) Text        { return Text(parts) }
func plain(s string) Span            { return Span{Kind: Plain, S: s} }
func value(s string) Span            { return Span{Kind: Value, S: s} }
func escaped(s string, max int) Span { return Span{Kind: Escaped, S: s, Max: max} }

func problem(k ProblemKind, parts ...Span) *Problem { return &Problem{Kind: k, Msg: text(parts...)} }
