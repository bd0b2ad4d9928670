package slack

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/store"
)

// Layout of the answers: list entries are cut so that the most a message
// lists (maxListed sections) stays within 40,000 characters.
const (
	maxListed    = 45
	entryCap     = 800
	snippetShown = 300
	sameStoryCap = 350 // a result's "Same story:" line, within entryCap
	quoteShown   = 350
	// Button action IDs.
	actionPrev = "search_prev"
	actionNext = "search_next"
)

// runCommand answers one /newshound command.
func (n *Notifier) runCommand(ctx context.Context, cmd slackgo.SlashCommand) reply {
	sub, rest := firstWord(cmd.Text)
	look := n.cmds.look
	switch strings.ToLower(sub) {
	case "", "help":
		return reply{Message: textMessage(escape(usage)), ephemeral: true}
	case "search":
		query, opts := trailingOptions(rest, "days", "watch")
		d, p := days(opts)
		if p != nil {
			return problemReply(p)
		}
		return n.searchPage(ctx, commands.SearchArgs{Query: query, Days: d, Watch: opts["watch"]}, 0, false)
	case "latest":
		watch, count := "", commands.LatestDefault
		for _, f := range strings.Fields(rest) {
			if v, err := strconv.Atoi(f); err == nil {
				count = v
			} else if watch == "" {
				watch = f
			} else {
				return problemReply(badInput("Give at most a watch and a count, e.g. /newshound latest russia 5."))
			}
		}
		ans, p := look.Latest(ctx, watch, count)
		if p != nil {
			return problemReply(p)
		}
		return reply{Message: latestMessage(ans)}
	case "quotes":
		speaker, about := rest, ""
		if i := strings.Index(rest, "about:"); i >= 0 && (i == 0 || rest[i-1] == ' ') {
			speaker, about = rest[:i], strings.TrimSpace(rest[i+len("about:"):])
		}
		speaker, opts := trailingOptions(speaker, "days")
		d, p := days(opts)
		if p != nil {
			return problemReply(p)
		}
		ans, p := look.Quotes(ctx, commands.QuotesArgs{Speaker: speaker, Days: d, About: about}, chattext.Line)
		if p != nil {
			return problemReply(p)
		}
		return reply{Message: quotesMessage(ans)}
	case "summary":
		link := linkArg(rest)
		if safeURL(link) == "" {
			return problemReply(badInput("Give an http(s) link: /newshound summary https://…"))
		}
		if n.cmds.cfg.ArticleFetcher == nil {
			return problemReply(&commands.Problem{Kind: commands.Failed, Msg: commands.Text{{S: "Summaries are not available here."}}})
		}
		fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
		defer cancel()
		al, p := commands.Summarize(fctx, n.cmds.cfg.ArticleFetcher, n.cmds.cfg.AllowPrivate, link)
		if p != nil {
			return problemReply(p)
		}
		m := AlertMessage(al, Style{})
		if al.Summary == "" && len(al.Quotes) == 0 {
			m.Blocks = append(m.Blocks, section("The page has no text to summarise."))
		}
		return reply{Message: m}
	case "why":
		link := linkArg(rest)
		if safeURL(link) == "" {
			return problemReply(badInput("Give an http(s) link: /newshound why https://…"))
		}
		ans, p := look.Why(ctx, link)
		if p != nil {
			return problemReply(p)
		}
		return reply{Message: whyMessage(ans)}
	case "story":
		link := linkArg(rest)
		if safeURL(link) == "" {
			return problemReply(badInput("Give an http(s) link: /newshound story https://…"))
		}
		ans, p := look.Story(ctx, link)
		if p != nil {
			return problemReply(p)
		}
		return reply{Message: storyMessage(ans)}
	case "watches":
		return reply{Message: watchesMessage(look)}
	case "feeds":
		ans, p := look.Feeds(ctx)
		if p != nil {
			return problemReply(p)
		}
		return reply{Message: feedsMessage(ans)}
	case "watch":
		return n.watchCommand(ctx, cmd.UserID, rest)
	default:
		return reply{Message: textMessage("Unknown subcommand " + quoted(sub) + ".\n" + escape(usage)), ephemeral: true}
	}
}

// watchCommand is /newshound watch add|remove|pause|resume, for admins.
func (n *Notifier) watchCommand(ctx context.Context, user, rest string) reply {
	action, rest := firstWord(rest)
	action = strings.ToLower(action)
	change := commands.WatchChange{Action: action, User: user}
	switch action {
	case "add":
		var channel string
		change.Name, rest = firstWord(rest)
		channel, change.Query = firstWord(rest)
		change.Channel = channel
		if change.Name == "" || channel == "" || change.Query == "" {
			return problemReply(badInput("Use /newshound watch add <name> <channel> <query>."))
		}
	case "remove", "pause", "resume":
		change.Name = rest
		if change.Name == "" || strings.ContainsAny(change.Name, " \t") {
			return problemReply(badInput("Use /newshound watch " + action + " <name>."))
		}
	default:
		return problemReply(badInput("Use /newshound watch add|remove|pause|resume …"))
	}
	ok, err := n.isAdmin(ctx, user)
	if err != nil {
		n.log.Error("slack: checking an admin's user groups", "user", user, "error", n.redact(err).Error())
	}
	if !ok {
		msg := "Only the admins listed in slack.admins can change watches."
		if err != nil {
			msg += " (Their user groups could not be read; it has been logged.)"
		}
		return problemReply(&commands.Problem{Kind: commands.Forbidden, Msg: commands.Text{{S: msg}}})
	}
	done, p := n.cmds.look.ChangeWatch(ctx, change)
	if p != nil {
		return problemReply(p)
	}
	return reply{Message: textMessage(renderText(done)), ephemeral: true}
}

// handleAction answers a Previous/Next button of a search.
func (n *Notifier) handleAction(ctx context.Context, actionID, value string) reply {
	if actionID != actionPrev && actionID != actionNext {
		return reply{Message: textMessage("This button is not one of newshound's."), ephemeral: true}
	}
	args, page, ok := n.parseSearchValue(value)
	if !ok {
		return reply{Message: textMessage("This search has expired; run /newshound search again."), ephemeral: true}
	}
	return n.searchPage(ctx, args, page, true)
}

// searchValue is what a search button carries.
type searchValue struct {
	Query string `json:"q,omitempty"`
	Days  int    `json:"d,omitempty"`
	Watch string `json:"w,omitempty"`
	Page  int    `json:"p"`
	Key   string `json:"k,omitempty"` // a remembered search (too long for a button)
}

// searchButtonValue encodes a page of a search as a button's value; a
// search too long for Slack's 2,000 characters is remembered instead.
func (n *Notifier) searchButtonValue(args commands.SearchArgs, page int) string {
	v := searchValue{Query: args.Query, Days: args.Days, Watch: args.Watch, Page: page}
	if s := marshalPlain(v); chattext.Runes(s) <= maxButtonValue {
		return s
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%s\x00%s", args.Days, args.Watch, args.Query)))
	key := hex.EncodeToString(sum[:8])
	n.searches.Put(key, args)
	return marshalPlain(searchValue{Key: key, Page: page})
}

func (n *Notifier) parseSearchValue(s string) (commands.SearchArgs, int, bool) {
	var v searchValue
	if err := json.Unmarshal([]byte(s), &v); err != nil || v.Page < 0 || v.Page > 1000 {
		return commands.SearchArgs{}, 0, false
	}
	if v.Key != "" {
		args, ok := n.searches.Get(v.Key)
		return args, v.Page, ok
	}
	return commands.SearchArgs{Query: v.Query, Days: v.Days, Watch: v.Watch}, v.Page, v.Query != ""
}

// marshalPlain is JSON without HTML escaping (< stays <, not \u003c).
func marshalPlain(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSpace(b.String())
}

// searchPage answers one page of a search; a button's page replaces the
// message it was clicked in.
func (n *Notifier) searchPage(ctx context.Context, args commands.SearchArgs, page int, replace bool) reply {
	ans, p := n.cmds.look.SearchPage(ctx, args, page)
	if p != nil {
		return problemReply(p)
	}
	rp := reply{Message: n.searchMessage(ans), replace: replace}
	return rp
}

func (n *Notifier) searchMessage(ans commands.SearchPage) Message {
	args, page := ans.Args, ans.Page
	scope := ""
	if args.Days > 0 {
		scope += " in the " + chattext.LastDays(args.Days)
	}
	if args.Watch != "" {
		scope += " matched by " + quoted(args.Watch)
	}
	if len(ans.Hits) == 0 {
		if page == 0 {
			return textMessage("No stored article matches " + quoted(args.Query) + scope + ".")
		}
		m := textMessage("No more results for " + quoted(args.Query) + scope + ".")
		m.Blocks = append(m.Blocks, n.searchButtons(args, page, false))
		return m
	}
	head := fmt.Sprintf("*Search:* %s%s · page %d · newest first", quoted(args.Query), scope, page+1)
	m := Message{Text: chattext.Fit("Search: "+chattext.Line(args.Query), fallbackCap, escape), Blocks: []slackgo.Block{section(chattext.Truncate(head, maxSectionText))}}
	for i, h := range ans.Hits {
		m.Blocks = append(m.Blocks, section(hitText(page*commands.SearchPageSize+i+1, h)))
	}
	if ans.Capped {
		m.Blocks = append(m.Blocks, slackgo.NewContextBlock("", mrkdwn(fmt.Sprintf("Only the newest %d candidates were checked.", commands.MaxSearchVerify))))
	}
	if page > 0 || ans.More {
		m.Blocks = append(m.Blocks, n.searchButtons(args, page, ans.More))
	}
	return m
}

// searchButtons are Previous (from page 2) and Next (when more follow).
func (n *Notifier) searchButtons(args commands.SearchArgs, page int, more bool) slackgo.Block {
	var els []slackgo.BlockElement
	if page > 0 {
		els = append(els, slackgo.NewButtonBlockElement(actionPrev, n.searchButtonValue(args, page-1),
			slackgo.NewTextBlockObject(slackgo.PlainTextType, "Previous", false, false)))
	}
	if more {
		els = append(els, slackgo.NewButtonBlockElement(actionNext, n.searchButtonValue(args, page+1),
			slackgo.NewTextBlockObject(slackgo.PlainTextType, "Next", false, false)))
	}
	if len(els) == 0 {
		return slackgo.NewContextBlock("", mrkdwn("No more pages."))
	}
	return slackgo.NewActionBlock("nav", els...)
}

// hitText is one search result: the linked title, outlet and date, and the
// snippet with the matching words in bold.
func hitText(num int, h commands.Hit) string {
	lines := []string{fmt.Sprintf("*%d. %s*", num, articleLink(h.Article)), articleMeta(h.Article)}
	if hit, ok := h.BodyHit(); ok {
		if snippet := chattext.Truncate(chattext.Line(hit.Snippet()), snippetShown); snippet != "" {
			lines = append(lines, chattext.Highlight(snippet, h.Result.Matched(), escape, "*", "*"))
		}
	}
	if same := sameStory(h.Also); same != "" {
		// The story's other outlets before the snippet, when both do not fit.
		for _, keep := range [][]string{append(lines[:len(lines):len(lines)], same), {lines[0], lines[1], same}} {
			if t := strings.Join(keep, "\n"); chattext.Runes(t) <= entryCap {
				return t
			}
		}
	}
	return chattext.CutLines(strings.Join(lines, "\n"), entryCap, chattext.Truncate)
}

// sameStory is "Same story:" and the outlets of a result's story's other
// matching articles (newest first, each outlet once: chattext.OtherOutlets,
// linked), "+N" for those past maxAlso or past sameStoryCap characters.
func sameStory(also []store.Article) string {
	outlets := make([]alert.Outlet, len(also))
	for i, a := range also {
		outlets[i] = alert.Outlet{Feed: a.Feed, URL: commands.ArticleURL(a)}
	}
	outlets = chattext.OtherOutlets("", outlets)
	line, shown := "Same story:", 0
	for _, o := range outlets {
		part := link(o.URL, fit(chattext.OutletName(o.Feed), 60))
		if shown == maxAlso || chattext.Runes(line)+2+chattext.Runes(part)+8 > sameStoryCap {
			continue // counted; a shorter one after it may fit
		}
		if shown > 0 {
			line += ","
		}
		line += " " + part
		shown++
	}
	if shown == 0 {
		return ""
	}
	if more := len(outlets) - shown; more > 0 {
		line += fmt.Sprintf(" +%d", more)
	}
	return line
}

// articleLink is the article's title, linked to its canonical URL.
func articleLink(a store.Article) string {
	title := fit(a.Title, 200)
	if title == "" {
		title = "Untitled article"
	}
	return link(commands.ArticleURL(a), title)
}

// articleMeta is "Outlet · date".
func articleMeta(a store.Article) string {
	var parts []string
	if f := fit(a.Feed, 80); f != "" {
		parts = append(parts, f)
	}
	t := a.Published
	if t.IsZero() {
		t = a.SeenAt
	}
	if !t.IsZero() {
		parts = append(parts, date(t))
	}
	return strings.Join(parts, " · ")
}

func latestMessage(ans commands.Latest) Message {
	if len(ans.Alerts) == 0 {
		if ans.Watch != "" {
			return textMessage("No alerts yet for " + quoted(ans.Watch) + ".")
		}
		return textMessage("No alerts yet.")
	}
	title := "*Latest alerts*"
	if ans.Watch != "" {
		title = "*Latest alerts of " + quoted(ans.Watch) + "*"
	}
	m := Message{Text: "Latest alerts", Blocks: []slackgo.Block{section(title)}}
	for i, a := range ans.Alerts {
		meta := articleMeta(a.Article)
		if ans.Watch == "" {
			meta = "_" + fit(a.Watch, 100) + "_ · " + meta
		}
		m.Blocks = append(m.Blocks, section(chattext.CutLines(fmt.Sprintf("*%d. %s*\n%s", i+1, articleLink(a.Article), meta), entryCap, chattext.Truncate)))
	}
	return m
}

func quotesMessage(ans commands.Quotes) Message {
	if len(ans.Quotes) == 0 {
		msg := "No stored quotes by " + quoted(ans.Args.Speaker)
		if ans.Args.About != "" {
			msg += " about " + quoted(ans.Args.About)
		}
		return textMessage(msg + ".")
	}
	head := "*Quotes by " + fit(ans.Args.Speaker, 100) + "*"
	if ans.Args.About != "" {
		head += " about " + quoted(ans.Args.About)
	}
	m := Message{Text: chattext.Fit("Quotes by "+chattext.Line(ans.Args.Speaker), fallbackCap, escape), Blocks: []slackgo.Block{section(head)}}
	for _, q := range ans.Quotes {
		text := "> “" + chattext.Fit(chattext.QuoteText(q.Text), quoteShown, escape) + "” — " + fit(q.Speaker, speakerCap) +
			"\n" + articleLink(q.Article) + " · " + articleMeta(q.Article)
		m.Blocks = append(m.Blocks, section(chattext.CutLines(text, entryCap, chattext.Truncate)))
	}
	return m
}

func whyMessage(ans commands.Why) Message {
	a := ans.Article
	m := Message{Text: chattext.Fit("Why: "+chattext.Line(a.Title), fallbackCap, escape), Blocks: []slackgo.Block{section("*" + articleLink(a) + "*\n" + articleMeta(a))}}
	if len(ans.Matches) == 0 {
		msg := "Stored, but no watch matched it."
		if a.Status != "done" {
			msg = "Stored, but not read or matched (it was too old when first seen)."
		}
		m.Blocks = append(m.Blocks, section(msg))
		return m
	}
	for i, w := range ans.Matches {
		if i == maxListed {
			m.Blocks = append(m.Blocks, section(fmt.Sprintf("…and %d more watches.", len(ans.Matches)-i)))
			break
		}
		why := whyText(alert.Alert{Why: w.Why}, nil)
		if why == "" {
			why = "(no explanation recorded)"
		}
		m.Blocks = append(m.Blocks, section(chattext.CutLines("*"+fit(w.Watch, 100)+"*\n"+why, entryCap, chattext.Truncate)))
	}
	m.Blocks = append(m.Blocks, slackgo.NewContextBlock("", mrkdwn(chattext.Count(len(ans.Matches), "watch")+" matched")))
	return m
}

// Story answer layout.
const (
	storySpeakers    = 10
	storyQuotesShown = 5
)

// storyMessage is /newshound story's answer: the story's articles oldest
// first (date, outlet, linked title) and its quotes by speaker, each once.
func storyMessage(ans commands.Story) Message {
	first := ans.Articles[0]
	m := Message{Text: chattext.Fit("Story: "+chattext.Line(first.Title), fallbackCap, escape),
		Blocks: []slackgo.Block{section("*Story:* " + articleLink(first))}}
	var lines []string
	size, shown := 0, 0
	for _, a := range ans.Articles {
		line := "• " + articleMeta(a) + " · " + articleLink(a)
		if size+chattext.Runes(line)+1 > maxSectionText-60 {
			break
		}
		lines = append(lines, line)
		size += chattext.Runes(line) + 1
		shown++
	}
	if more := ans.Total - shown; more > 0 {
		lines = append(lines, fmt.Sprintf("… and %s more", chattext.Count(more, "article")))
	}
	m.Blocks = append(m.Blocks, section(strings.Join(lines, "\n")))
	for i, sp := range ans.Speakers {
		if i == storySpeakers {
			m.Blocks = append(m.Blocks, section(fmt.Sprintf("… and %d more speakers.", len(ans.Speakers)-i)))
			break
		}
		name := "*" + fit(sp.Speaker, speakerCap) + "*"
		if sp.Speaker == "" {
			name = "*Not attributed*"
		}
		entries := []string{name}
		for j, q := range sp.Quotes {
			if j == storyQuotesShown {
				entries = append(entries, fmt.Sprintf("… and %d more", len(sp.Quotes)-j))
				break
			}
			entry := "> “" + chattext.Fit(chattext.QuoteText(q.Text), quoteShown, escape) + "”"
			if f := fit(q.Article.Feed, 60); f != "" {
				entry += " — " + f
			}
			entries = append(entries, entry)
		}
		m.Blocks = append(m.Blocks, section(chattext.CutLines(strings.Join(entries, "\n"), entryCap, chattext.Truncate)))
	}
	m.Blocks = append(m.Blocks, slackgo.NewContextBlock("", mrkdwn(chattext.Count(ans.Total, "article"))))
	return m
}

func watchesMessage(look *commands.Lookups) Message {
	ws := look.Watches()
	if len(ws) == 0 {
		return textMessage("No watches are configured. /newshound watch add creates one.")
	}
	m := Message{Text: fmt.Sprintf("Watches (%d)", len(ws)), Blocks: []slackgo.Block{section(fmt.Sprintf("*Watches (%d)*", len(ws)))}}
	for i, w := range ws {
		if i == maxListed {
			m.Blocks = append(m.Blocks, section(fmt.Sprintf("…and %d more.", len(ws)-i)))
			break
		}
		name := "*" + fit(w.Name, 100) + "*"
		if tags := commands.WatchTags(w); len(tags) > 0 {
			name += " (" + fit(strings.Join(tags, ", "), 100) + ")"
		}
		dest := "standard output"
		if len(w.Channels) > 0 {
			dest = strings.Join(w.Channels, ", ")
		}
		m.Blocks = append(m.Blocks, section(name+"\n`"+codeInline(w.Query, 500)+"`\n→ "+fit(dest, 200)))
	}
	return m
}

func feedsMessage(ans commands.Feeds) Message {
	if len(ans.Feeds) == 0 {
		return textMessage("No feeds are configured.")
	}
	m := Message{Text: fmt.Sprintf("Feeds (%d, %d failing)", len(ans.Feeds), ans.Failing),
		Blocks: []slackgo.Block{section(fmt.Sprintf("*Feeds (%d)* · %d failing", len(ans.Feeds), ans.Failing))}}
	for i, f := range ans.Feeds {
		if i == maxListed {
			m.Blocks = append(m.Blocks, section(fmt.Sprintf("…and %d more not shown.", len(ans.Feeds)-i)))
			break
		}
		st := f.State
		name := "*" + fit(f.Name, 100) + "*"
		if st.Failures > 0 {
			name = "⚠️ " + name
		}
		lines := []string{name, "Last success: " + ago(st.LastSuccess, "never")}
		if st.LastError != "" {
			lines = append(lines, "Last error: "+fit(st.LastError, 300)+" ("+ago(st.LastErrorAt, "?")+")")
		}
		lines = append(lines, "Consecutive failures: "+strconv.Itoa(st.Failures), "Next poll: "+ago(f.NextPoll, "unknown"))
		m.Blocks = append(m.Blocks, section(chattext.CutLines(strings.Join(lines, "\n"), entryCap, chattext.Truncate)))
	}
	return m
}

// ago is Slack's relative time ("3 minutes ago", "in 2 minutes").
func ago(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return fmt.Sprintf("<!date^%d^{ago}|%s>", t.Unix(), t.UTC().Format("2 Jan 2006 15:04 UTC"))
}

// textMessage is a message of one section of our own mrkdwn.
func textMessage(text string) Message {
	text = chattext.Truncate(text, maxSectionText)
	return Message{Text: text, Blocks: []slackgo.Block{section(text)}}
}

// problemReply is an ephemeral answer saying what went wrong.
func problemReply(p *commands.Problem) reply {
	return reply{Message: textMessage(renderText(p.Msg)), ephemeral: true}
}

// renderText lays a commands.Text out as mrkdwn: our words as they are,
// values quoted and escaped, outside text escaped, a parser's message in a
// code block.
func renderText(t commands.Text) string {
	var b strings.Builder
	for _, s := range t {
		switch s.Kind {
		case commands.Value:
			b.WriteString(quoted(s.S))
		case commands.Escaped:
			max := s.Max
			if max <= 0 {
				max = maxSectionText / 2
			}
			b.WriteString(chattext.Fit(s.S, max, escape))
		case commands.Code:
			b.WriteString("```" + codeInline(s.S, maxSectionText/2) + "```")
		default:
			b.WriteString(escape(slackCommands.Replace(s.S)))
		}
	}
	return b.String()
}

// slackCommands names, in the shared answers' own words, the Discord slash
// commands as the /newshound subcommands Slack has instead.
var slackCommands = strings.NewReplacer(
	"/search", "/newshound search", "/latest", "/newshound latest", "/quotes", "/newshound quotes",
	"/summary", "/newshound summary", "/why", "/newshound why", "/story", "/newshound story",
	"/watches", "/newshound watches", "/feeds", "/newshound feeds", "/watch", "/newshound watch")

// quoted shows a value someone typed: cleaned, cut, escaped, in quotes.
func quoted(s string) string { return "“" + fit(s, 200) + "”" }

// codeInline is text for inside backticks: escaped, its own backticks
// replaced so that it cannot close the code span.
func codeInline(s string, max int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "`", "ˋ")
	return chattext.Fit(s, max, escape)
}
