package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

// Limits of the commands' options.
const (
	// MaxQueryChars bounds a query typed in chat.
	MaxQueryChars = 1000
	// MaxDays bounds a days option.
	MaxDays       = 3650
	LatestDefault = 5
	LatestMax     = 10
	QuotesMax     = 8
	// MaxSpeaker bounds a speaker's name.
	MaxSpeaker = 100
)

// ParseQuery checks a query typed in chat — not empty, not too long — and
// compiles it as the watches are compiled (aliases included).
func (l *Lookups) ParseQuery(q string) (*match.Query, *Problem) {
	if p := checkQueryText(q); p != nil {
		return nil, p
	}
	return l.compile(q)
}

// checkQueryText refuses empty and over-long queries before parsing.
func checkQueryText(q string) *Problem {
	switch n := utf8.RuneCountInString(q); {
	case strings.TrimSpace(q) == "":
		return problem(BadInput, plain("The query is empty."))
	case n > MaxQueryChars:
		return problem(BadInput, plain(fmt.Sprintf("The query is too long: %d characters, at most %d.", n, MaxQueryChars)))
	}
	return nil
}

func (l *Lookups) compile(q string) (*match.Query, *Problem) {
	parsed, err := l.Pipeline.CheckQuery(q)
	if err != nil {
		return nil, queryProblem(err)
	}
	return parsed, nil
}

// queryProblem shows a parser error: message, query, caret.
func queryProblem(err error) *Problem {
	var se *match.SyntaxError
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Error()
	}
	return problem(BadInput, plain("That query does not parse:\n"), Span{Kind: Code, S: msg})
}

func noWatch(name string) *Problem {
	return problem(NotFound, plain("There is no watch named "), value(name), plain(". /watches lists them."))
}

func badDays() *Problem {
	return problem(BadInput, plain(fmt.Sprintf("days must be between 1 and %d.", MaxDays)))
}

// Latest is /latest's answer: the most recent alerts, newest first, of one
// watch (Watch) or of all.
type Latest struct {
	Watch  string
	Alerts []store.RecentMatch
}

// Latest returns the count most recent alerts of watch ("" for every
// watch).
func (l *Lookups) Latest(ctx context.Context, watch string, count int) (Latest, *Problem) {
	watch = strings.TrimSpace(watch)
	if count < 1 || count > LatestMax {
		return Latest{}, problem(BadInput, plain(fmt.Sprintf("count must be between 1 and %d.", LatestMax)))
	}
	if watch != "" && !l.WatchExists(watch) {
		return Latest{}, noWatch(watch)
	}
	ms, err := l.Store.LatestMatches(ctx, watch, count)
	if err != nil {
		l.log().Error("bot: latest", "error", err.Error())
		return Latest{}, problem(Failed, plain("Reading the latest alerts failed; it has been logged."))
	}
	return Latest{Watch: watch, Alerts: ms}, nil
}

// Watches is /watches' answer: every watch in force, of the file and from
// chat, paused ones included.
func (l *Lookups) Watches() []watchers.WatchInfo { return l.Pipeline.Watches() }

// WatchTags are the marks /watches shows beside a watch's name: chat
// (managed from chat), paused, and its digest's schedule.
func WatchTags(w watchers.WatchInfo) []string {
	var tags []string
	if w.FromChat {
		tags = append(tags, "chat")
	}
	if w.Paused {
		tags = append(tags, "paused")
	}
	if w.Digest != "" {
		tags = append(tags, "digest "+w.Digest)
	}
	return tags
}

// FeedHealth is one feed's line of /feeds.
type FeedHealth struct {
	Name  string
	State store.FeedState
	// NextPoll is when the pipeline polls the feed next (its schedule,
	// spread and backoff included); zero when unknown.
	NextPoll time.Time
}

// Feeds is /feeds' answer: each configured feed's health, in the
// configuration's order, and how many are failing.
type Feeds struct {
	Feeds   []FeedHealth
	Failing int
}

// Feeds reads each configured feed's state.
func (l *Lookups) Feeds(ctx context.Context) (Feeds, *Problem) {
	var out Feeds
	for _, f := range l.Pipeline.Config().Feeds {
		st, err := l.Store.Feed(ctx, f.Name)
		if err != nil {
			l.log().Error("bot: feeds", "feed", f.Name, "error", err.Error())
			return Feeds{}, problem(Failed, plain("Reading the feeds' state failed; it has been logged."))
		}
		if st.Failures > 0 {
			out.Failing++
		}
		out.Feeds = append(out.Feeds, FeedHealth{Name: f.Name, State: st, NextPoll: l.Pipeline.NextPoll(f.Name, st.NextPoll)})
	}
	return out, nil
}

// QuotesArgs is /quotes' options.
type QuotesArgs struct {
	Speaker string // full name or last words
	Days    int    // 0: any time
	About   string // a query the quote or its article's headline must match; "": any
}

// Quotes is /quotes' answer: the newest quotes found (at most QuotesMax).
type Quotes struct {
	Args   QuotesArgs // Speaker cleaned to one line
	Quotes []store.SpeakerQuote
}

// Quotes finds what a person was quoted saying, newest first. A speaker
// matches by full name or by its last words; About keeps the quotes whose
// words, or whose article's headline, match the query. clean lays the
// speaker's name out on one line (the platform's rule for a line).
func (l *Lookups) Quotes(ctx context.Context, args QuotesArgs, clean func(string) string) (Quotes, *Problem) {
	args.Speaker = unquote(clean(args.Speaker))
	if args.Speaker == "" {
		return Quotes{}, problem(BadInput, plain("Give a speaker's name, e.g. Peskov."))
	}
	if utf8.RuneCountInString(args.Speaker) > MaxSpeaker {
		return Quotes{}, problem(BadInput, plain(fmt.Sprintf("The speaker's name is too long (at most %d characters).", MaxSpeaker)))
	}
	if args.Days < 0 || args.Days > MaxDays {
		return Quotes{}, badDays()
	}
	var m *match.Matcher
	if args.About != "" {
		q, p := l.ParseQuery(args.About)
		if p != nil {
			return Quotes{}, p
		}
		var err error
		if m, err = match.Compile([]match.Watch{{Name: "about", Query: q}}); err != nil {
			return Quotes{}, queryProblem(err)
		}
	}
	var since time.Time
	if args.Days > 0 {
		since = l.now().Add(-time.Duration(args.Days) * 24 * time.Hour)
	}
	var found []store.SpeakerQuote
	err := l.Store.QuotesBy(ctx, args.Speaker, since, func(q store.SpeakerQuote) (bool, error) {
		if m != nil && len(m.Match(match.Document{Title: q.Article.Title, Body: q.Text})) == 0 {
			return true, nil
		}
		found = append(found, q)
		return len(found) < QuotesMax, ctx.Err()
	})
	if err != nil {
		l.log().Error("bot: quotes", "error", err.Error())
		return Quotes{}, problem(Failed, plain("Reading the quotes failed; it has been logged."))
	}
	return Quotes{Args: args, Quotes: found}, nil
}

// WatchChange is one /watch subcommand: add (Query and Channel), remove,
// pause or resume a chat-managed watch, by User (for records).
type WatchChange struct {
	Action  string // "add", "remove", "pause", "resume"
	Name    string
	Query   string
	Channel string
	User    string
}

// ChangeWatch applies a change to the chat-managed watches and reloads the
// pipeline's watches; it returns the confirmation. The caller has checked
// that the user may manage watches.
func (l *Lookups) ChangeWatch(ctx context.Context, c WatchChange) (Text, *Problem) {
	name := strings.TrimSpace(c.Name)
	if msg := CheckWatchName(name); msg != "" {
		return nil, problem(BadInput, plain(msg))
	}
	w := l.Pipeline
	for _, info := range w.Watches() {
		if info.Name == name && !info.FromChat {
			return nil, problem(Forbidden, plain("The watch "), value(name), plain(" is defined in the configuration file and is read-only from chat."))
		}
	}
	st := l.Store
	var err error
	var done Text
	switch c.Action {
	case "add":
		if _, p := l.ParseQuery(c.Query); p != nil {
			return nil, p
		}
		channel := strings.TrimSpace(c.Channel)
		if channels := l.ChannelNames(); !slices.Contains(channels, channel) {
			return nil, problem(NotFound, plain("There is no channel named "), value(channel), plain(" in the configuration. Channels: "),
				escaped(strings.Join(channels, ", "), 500), plain("."))
		}
		err = st.AddChatWatch(ctx, store.ChatWatch{Name: name, Query: c.Query, Channel: channel, CreatedBy: c.User, CreatedAt: l.now()})
		done = text(plain("Watch "), value(name), plain(" added: its alerts go to "), value(channel), plain(" from the next articles on."))
	case "remove":
		err = st.RemoveChatWatch(ctx, name)
		done = text(plain("Watch "), value(name), plain(" removed."))
	case "pause", "resume":
		err = st.PauseChatWatch(ctx, name, c.Action == "pause")
		done = text(plain("Watch "), value(name), plain(" "+map[string]string{"pause": "paused", "resume": "resumed"}[c.Action]+"."))
	default:
		return nil, problem(BadInput, plain("Unknown /watch subcommand."))
	}
	switch {
	case errors.Is(err, store.ErrWatchExists):
		return nil, problem(BadInput, plain("A chat-managed watch named "), value(name), plain(" already exists."))
	case errors.Is(err, store.ErrNoWatch):
		return nil, problem(NotFound, plain("There is no chat-managed watch named "), value(name), plain("."))
	case err != nil:
		l.log().Error("bot: watch "+c.Action, "watch", name, "error", err.Error())
		return nil, problem(Failed, plain("Changing the watch failed; it has been logged."))
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := w.ReloadWatches(rctx); err != nil {
		l.log().Error("bot: reload watches", "watch", name, "error", err.Error())
		if c.Action == "add" {
			_ = st.RemoveChatWatch(rctx, name)
			var we *match.WatchError
			if errors.As(err, &we) && errors.Is(err, match.ErrTooLarge) {
				return nil, problem(BadInput, plain("The watch was not added: "), escaped(we.Err.Error(), 0), plain("."))
			}
			return nil, problem(Failed, plain("The watch could not be activated, so it was not added; it has been logged."))
		}
		return nil, problem(Failed, plain("Saved, but reloading the watches failed; it takes effect on the next restart. It has been logged."))
	}
	l.log().Info("bot: chat watch changed", "watch", name, "action", c.Action, "user", c.User)
	return done, nil
}

// SearchPage is one page of /search's answer: its hits newest first,
// whether more follow, and whether the candidate bound stopped the search
// (only the newest MaxSearchVerify candidates were checked).
type SearchPage struct {
	Args   SearchArgs
	Page   int // from 0
	Hits   []Hit
	More   bool
	Capped bool
}

// SearchPage checks a search's options and returns its page (from 0).
func (l *Lookups) SearchPage(ctx context.Context, args SearchArgs, page int) (SearchPage, *Problem) {
	if p := checkQueryText(args.Query); p != nil {
		return SearchPage{}, p
	}
	if args.Days < 0 || args.Days > MaxDays {
		return SearchPage{}, badDays()
	}
	q, p := l.compile(args.Query)
	if p != nil {
		return SearchPage{}, p
	}
	if args.Watch != "" && !l.WatchExists(args.Watch) {
		return SearchPage{}, noWatch(args.Watch)
	}
	hits, more, capped, err := l.Search(ctx, q, args, page)
	if err != nil {
		l.log().Error("bot: search", "error", err.Error())
		return SearchPage{}, problem(Failed, plain("The search failed; it has been logged."))
	}
	return SearchPage{Args: args, Page: page, Hits: hits, More: more, Capped: capped}, nil
}

// Why is /why's answer: a stored article and the watches that matched it,
// each with its recorded explanation (empty when none was recorded or it
// could not be read).
type Why struct {
	Article store.Article
	Matches []WhyMatch
}

// WhyMatch is one watch's match of an article.
type WhyMatch struct {
	Watch string
	Why   []alert.Why
}

// articleByLink finds a stored article by its link, canonical form first,
// then as typed; op names the command in the log.
func (l *Lookups) articleByLink(ctx context.Context, op, link string) (*store.Article, *Problem) {
	link = strings.TrimSpace(link)
	a, err := l.Store.ArticleByIdentity(ctx, feed.CanonicalString(link))
	if err == nil && a == nil {
		a, err = l.Store.ArticleByIdentity(ctx, link)
	}
	if err != nil {
		l.log().Error("bot: "+op, "error", err.Error())
		return nil, problem(Failed, plain("Reading the article failed; it has been logged."))
	}
	if a == nil {
		return nil, problem(NotFound, plain("newshound has not seen that article. /summary reads any link."))
	}
	return a, nil
}

// Why finds a stored article by its link (canonical form first, then as
// typed) and the watches that matched it.
func (l *Lookups) Why(ctx context.Context, link string) (Why, *Problem) {
	st := l.Store
	a, p := l.articleByLink(ctx, "why", link)
	if p != nil {
		return Why{}, p
	}
	ms, err := st.ArticleMatches(ctx, a.ID)
	if err != nil {
		l.log().Error("bot: why", "error", err.Error())
		return Why{}, problem(Failed, plain("Reading the matches failed; it has been logged."))
	}
	ans := Why{Article: *a}
	for _, m := range ms {
		var why []alert.Why
		_ = json.Unmarshal([]byte(m.Explanation), &why) // unreadable: shown as none recorded
		ans.Matches = append(ans.Matches, WhyMatch{Watch: m.Watch, Why: why})
	}
	return ans, nil
}

// unquote is a name typed in quotation marks ("Vladimir Putin", “…”, '…',
// ‘…’) without them: a speaker is looked for by name, marks and all.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}} {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}
