package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/store"
)

// /search query:<query language> [days] [watch] — stored articles matching
// the query, newest first, five a page with Previous/Next buttons.
//
// The store's full-text index narrows the candidates (match.Query.FTS); each
// candidate is then matched with the compiled query over the same fields as
// the pipeline, so a result is exactly what the matcher would say. A page is
// recomputed from the start on each button press (no server-side state),
// unless the search does not fit a button's custom_id: then a short hash of
// it is sent and the search kept in a small in-memory LRU.

const (
	searchPrefix  = "s"
	maxSearchDays = commands.MaxDays
	searchSnippet = 300
	// Five fields of these caps, the title and the footer stay within
	// Discord's 6000 characters an embed.
	hitNameCap  = 200
	hitValueCap = 900
)

func searchCommand() command {
	return command{
		def: &discordgo.ApplicationCommand{
			Name:        "search",
			Description: "Search stored articles with the watch query language",
			Options: []*discordgo.ApplicationCommandOption{
				strOption("query", `A query, e.g. putin AND "election interference"`, true, maxQueryChars),
				intOption("days", "Only articles from the last N days", 1, maxSearchDays),
				strOption("watch", "Only articles this watch matched", false, 100),
			},
		},
		handle: func(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
			args := commands.SearchArgs{Query: o.str("query"), Days: o.num("days", 0), Watch: strings.TrimSpace(o.str("watch"))}
			return b.searchPage(ctx, args, 0)
		},
	}
}

func (b *Bot) searchPage(ctx context.Context, args commands.SearchArgs, page int) reply {
	ans, p := b.cmds.look.SearchPage(ctx, args, page)
	if p != nil {
		return problemReply(p)
	}
	return b.searchReply(ans)
}

// searchReply renders a page of /search: one field a hit, the filters in
// the footer, Previous and Next buttons.
func (b *Bot) searchReply(ans commands.SearchPage) reply {
	args, page, hits, more, capped := ans.Args, ans.Page, ans.Hits, ans.More, ans.Capped
	if len(hits) == 0 && page == 0 {
		return reply{content: "No stored article matches " + inlineText(args.Query) + scopeText(args) + "."}
	}
	if len(hits) == 0 {
		return reply{content: "No more results for " + inlineText(args.Query) + scopeText(args) + ".", components: searchButtons(b, args, page, false)}
	}
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: chattext.TruncateEscaped("Search: "+escapeMarkdown(chattext.Line(args.Query)), maxTitle),
	}
	for i, h := range hits {
		e.Fields = append(e.Fields, hitField(page*commands.SearchPageSize+i+1, h))
	}
	footer := fmt.Sprintf("Page %d · newest first", page+1)
	if args.Days > 0 {
		footer += " · " + chattext.LastDays(args.Days)
	}
	if args.Watch != "" {
		footer += " · watch " + chattext.Truncate(chattext.Line(args.Watch), 100)
	}
	if capped {
		footer += fmt.Sprintf(" · only the newest %d candidates were checked", commands.MaxSearchVerify)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: plainText(footer)}
	return reply{embeds: []*discordgo.MessageEmbed{e}, components: searchButtons(b, args, page, more)}
}

// hitField shows one result: title, outlet · date · link, and the snippet
// with the matching words in bold.
func hitField(n int, h commands.Hit) *discordgo.MessageEmbedField {
	title := chattext.Line(h.Article.Title)
	if title == "" {
		title = "Untitled article"
	}
	lines := []string{articleLine(h.Article)}
	if hit, ok := h.BodyHit(); ok {
		snippet := chattext.Truncate(chattext.Line(hit.Snippet()), searchSnippet)
		if snippet != "" {
			lines = append(lines, highlight(snippet, h.Result.Matched()))
		}
	}
	if len(h.Also) > 0 {
		// The story's other matching articles, as its alert lists them.
		also := make([]alert.Outlet, len(h.Also))
		for i, a := range h.Also {
			also[i] = alert.Outlet{Feed: a.Feed, URL: articleURL(a)}
		}
		if v := alsoValue("", also); v != "" {
			lines = append(lines, "Same story: "+v)
		}
	}
	return &discordgo.MessageEmbedField{
		Name:  chattext.TruncateEscaped(fmt.Sprintf("%d. %s", n, escapeMarkdown(title)), hitNameCap),
		Value: chattext.CutLines(strings.Join(lines, "\n"), hitValueCap, chattext.TruncateEscaped),
	}
}

// articleLine is "Outlet · <date and time> · https://…" for an article.
func articleLine(a store.Article) string {
	var parts []string
	if f := chattext.Line(a.Feed); f != "" {
		parts = append(parts, escapeMarkdown(chattext.Truncate(f, 80)))
	}
	if d := articleDate(a); d != "" {
		parts = append(parts, d)
	}
	if u := articleURL(a); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, " · ")
}

// articleDate is when the article was published (recorded, when undated).
func articleDate(a store.Article) string {
	t := a.Published
	if t.IsZero() {
		t = a.SeenAt
	}
	if t.IsZero() {
		return ""
	}
	// A Discord timestamp: date and time of day, in each reader's zone.
	return fmt.Sprintf("<t:%d:f>", t.Unix())
}

// articleURL is the article's canonical link, when safe to show.
func articleURL(a store.Article) string {
	return chattext.SafeURL(commands.ArticleURL(a)) // bare: Discord links it and reads no markdown inside
}

// scopeText describes a search's days and watch filters.
func scopeText(args commands.SearchArgs) string {
	var s string
	if args.Days > 0 {
		s += " in the " + chattext.LastDays(args.Days)
	}
	if args.Watch != "" {
		s += " matched by " + inlineText(args.Watch)
	}
	return s
}

// searchButtons are the Previous and Next buttons of a page.
func searchButtons(b *Bot, args commands.SearchArgs, page int, more bool) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: b.searchID(args, max(page-1, 0), "p"), Disabled: page == 0},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: b.searchID(args, page+1, "n"), Disabled: !more},
	}}}
}

// searchID encodes a page of a search as a custom_id:
// "s:<dir>:<page>:<days>:<len(watch)>:<watch><query>", or, when that is
// longer than Discord's 100 characters, "s:<dir>:<page>:h:<hash>" with the
// search kept in the LRU. dir keeps the two buttons' IDs distinct.
func (b *Bot) searchID(args commands.SearchArgs, page int, dir string) string {
	id := fmt.Sprintf("%s:%s:%d:%d:%d:%s%s", searchPrefix, dir, page, args.Days, len(args.Watch), args.Watch, args.Query)
	if utf8.RuneCountInString(id) <= maxCustomID && len(id) <= 4*maxCustomID {
		return id
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%s\x00%s", args.Days, args.Watch, args.Query)))
	key := hex.EncodeToString(sum[:8])
	b.cmds.searches.Put(key, args)
	return fmt.Sprintf("%s:%s:%d:h:%s", searchPrefix, dir, page, key)
}

var errBadSearchID = errors.New("bad search button")

// parseSearchID reads a custom_id written by searchID; ok is false when
// the search was kept in the LRU and has been forgotten.
func (b *Bot) parseSearchID(id string) (args commands.SearchArgs, page int, ok bool, err error) {
	parts := strings.SplitN(id, ":", 5)
	if len(parts) != 5 || parts[0] != searchPrefix {
		return args, 0, false, errBadSearchID
	}
	if page, err = strconv.Atoi(parts[2]); err != nil || page < 0 || page > 1000 {
		return args, 0, false, errBadSearchID
	}
	if parts[3] == "h" {
		args, ok = b.cmds.searches.Get(parts[4])
		return args, page, ok, nil
	}
	if args.Days, err = strconv.Atoi(parts[3]); err != nil {
		return args, 0, false, errBadSearchID
	}
	n, rest, found := strings.Cut(parts[4], ":")
	wl, err := strconv.Atoi(n)
	if !found || err != nil || wl < 0 || wl > len(rest) {
		return args, 0, false, errBadSearchID
	}
	args.Watch, args.Query = rest[:wl], rest[wl:]
	return args, page, true, nil
}

// handleSearchPage answers a Previous/Next button.
func handleSearchPage(ctx context.Context, b *Bot, in *discordgo.Interaction, id string) reply {
	args, page, ok, err := b.parseSearchID(id)
	if err != nil {
		return errorReply("This button is not one of newshound's searches.")
	}
	if !ok {
		return errorReply("This search has expired; run /search again.")
	}
	return b.searchPage(ctx, args, page)
}

// codeBlock puts untrusted text in a code block it cannot break out of.
func codeBlock(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "`", "ˋ")
	s = chattext.Truncate(s, maxContent-200)
	return "```\n" + s + "\n```"
}

// inlineText shows untrusted text inline: cleaned, cut and escaped.
func inlineText(s string) string {
	return "“" + escapeMarkdown(chattext.Truncate(chattext.Line(s), 200)) + "”"
}
