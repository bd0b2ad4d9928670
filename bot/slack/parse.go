package slack

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/newshound/newshound/bot/commands"
)

// usage is the help /newshound answers with no or an unknown subcommand.
const usage = "*/newshound* looks things up in what newshound has read:\n" +
	"• `/newshound search <query> [days:N] [watch:NAME]` — stored articles matching a query, newest first\n" +
	"• `/newshound latest [watch] [count]` — the most recent alerts\n" +
	"• `/newshound quotes <speaker> [days:N] [about:<query>]` — what a person was quoted saying\n" +
	"• `/newshound summary <link>` — the summary and quotes of any article\n" +
	"• `/newshound why <link>` — which watches matched an article, and why\n" +
	"• `/newshound story <link>` — an article's story: its articles and who was quoted\n" +
	"• `/newshound watches`, `/newshound feeds` — the watches; each feed's health\n" +
	"• `/newshound watch add <name> <channel> <query>`, `watch remove|pause|resume <name>` — chat-managed watches (admins)"

// firstWord splits off the first word of s.
func firstWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// trailingOptions peels key:value options of keys off the end of s: the
// text before them (a query, a name) and the options. A query's own
// field:term syntax (title:, feed:, …) never uses these keys.
func trailingOptions(s string, keys ...string) (string, map[string]string) {
	opts := map[string]string{}
	s = strings.TrimSpace(s)
	for {
		i := strings.LastIndexFunc(s, unicode.IsSpace)
		last := s[i+1:]
		k, v, ok := strings.Cut(last, ":")
		if !ok || v == "" || !contains(keys, strings.ToLower(k)) {
			return s, opts
		}
		if _, dup := opts[strings.ToLower(k)]; dup {
			return s, opts
		}
		opts[strings.ToLower(k)] = v
		if i < 0 {
			return "", opts
		}
		s = strings.TrimSpace(s[:i])
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// days reads a days:N option (0 when absent).
func days(opts map[string]string) (int, *commands.Problem) {
	v, ok := opts["days"]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > commands.MaxDays {
		return 0, badInput(fmt.Sprintf("days must be a number from 1 to %d.", commands.MaxDays))
	}
	return n, nil
}

// link reads a link as Slack may send it: bare, or as <https://…> or
// <https://…|label> when the app asks Slack to format links.
func linkArg(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s, _, _ = strings.Cut(s[1:len(s)-1], "|")
	}
	return s
}

func badInput(msg string) *commands.Problem {
	return &commands.Problem{Kind: commands.BadInput, Msg: commands.Text{{Kind: commands.Plain, S: msg}}}
}
