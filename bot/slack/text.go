package slack

import (
	"fmt"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/chattext"
)

// Slack's limits, in characters.
const (
	maxBlocks      = 50
	maxSectionText = 3000
	maxHeaderText  = 150
	maxMessageText = 40000
	maxContextText = 3000
	maxAltText     = 2000
	maxButtonText  = 75
	maxButtonValue = 2000
)

// escape makes cleaned text render literally in Slack's mrkdwn: &, < and >
// become &amp; &lt; &gt;, which is all Slack reads control sequences from —
// so feed text can make no link (<url|label>), no mention (<@U…>,
// <!subteam^…>) and no <!channel>, <!here> or <!everyone>. Emphasis
// characters (*, _, ~, `) are left: they can only change how the text
// looks, and Slack has no way to escape them.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// fit cleans s to one line, escapes it and cuts it to max characters
// counted on the escaped text.
func fit(s string, max int) string {
	return chattext.Fit(chattext.Line(s), max, escape)
}

// safeURL is chattext.SafeURL without '|', which ends the URL of a
// mrkdwn link (<url|label>).
func safeURL(raw string) string {
	if strings.Contains(raw, "|") {
		return ""
	}
	return chattext.SafeURL(raw)
}

// link is mrkdwn <url|label> around an escaped label (label is already
// escaped); just the label when the URL is not safe.
func link(rawURL, label string) string {
	u := safeURL(rawURL)
	if u == "" {
		return label
	}
	return "<" + escape(u) + "|" + label + ">"
}

// date is Slack's <!date^…> token: the reader's local date and time, with a
// UTC fallback for clients that cannot localise.
func date(t time.Time) string {
	return fmt.Sprintf("<!date^%d^{date_short_pretty} {time}|%s>", t.Unix(), t.UTC().Format("2 Jan 2006 15:04 UTC"))
}

// isUserGroupID reports whether s looks like a Slack user group ID
// (S0123ABCD): the only kind of mention newshound sends.
func isUserGroupID(s string) bool {
	if len(s) < 3 || len(s) > 24 || s[0] != 'S' {
		return false
	}
	for _, r := range s[1:] {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// isChannelID reports whether s looks like a Slack conversation ID (C…, G…
// for private channels created before 2021, D… for a direct message).
func isChannelID(s string) bool {
	if len(s) < 9 || len(s) > 24 || !strings.ContainsRune("CGD", rune(s[0])) {
		return false
	}
	for _, r := range s[1:] {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// plain cleans s for a plain_text object (a header, a button): one line,
// cut to max. Slack shows plain_text as it is: no escaping.
func plain(s string, max int) string {
	return chattext.Truncate(chattext.Line(s), max)
}
