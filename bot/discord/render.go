package discord

import (
	"strings"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
)

// Rendering of the commands' neutral answers (bot/commands) for Discord:
// values from outside escaped for Discord's markdown, quoted and cut; a
// parser's message in a code block.

// renderText lays a commands.Text out as Discord message text.
func renderText(t commands.Text) string {
	var b strings.Builder
	for _, s := range t {
		switch s.Kind {
		case commands.Value:
			b.WriteString(inlineText(s.S))
		case commands.Escaped:
			v := s.S
			if s.Max > 0 {
				v = chattext.Truncate(v, s.Max)
			}
			b.WriteString(escapeMarkdown(v))
		case commands.Code:
			b.WriteString(codeBlock(s.S))
		default:
			b.WriteString(s.S)
		}
	}
	return b.String()
}

// problemReply is an ephemeral answer saying what went wrong.
func problemReply(p *commands.Problem) reply { return errorReply(renderText(p.Msg)) }
