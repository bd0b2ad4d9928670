package main

import (
	"fmt"
	"strings"

	"github.com/newshound/newshound/internal/discordfake"
)

// formatMessage renders a received message as a readable text block.
func formatMessage(m discordfake.Message) string {
	var b strings.Builder
	where := "#" + m.ChannelID
	if m.WebhookID != "" && m.ChannelID == "" {
		where = "webhook " + m.WebhookID
	}
	verb := "message"
	if m.Edited != nil {
		verb = "edited"
	}
	fmt.Fprintf(&b, "━━ %s · %s %s · %s", where, verb, m.ID, m.Timestamp.Format("15:04:05"))
	if m.Nonce != "" {
		fmt.Fprintf(&b, " · nonce %s", m.Nonce)
	}
	if m.ReferenceID != "" {
		fmt.Fprintf(&b, " · reply to %s", m.ReferenceID)
	}
	b.WriteString(" ━━\n")
	if m.Content != "" {
		b.WriteString(m.Content)
		b.WriteString("\n")
	}
	for _, e := range m.Embeds {
		bar := func(s string) {
			for _, line := range strings.Split(s, "\n") {
				b.WriteString("┃ ")
				b.WriteString(line)
				b.WriteString("\n")
			}
		}
		if e.Author != nil {
			bar(e.Author.Name + link(e.Author.URL))
		}
		if e.Title != "" {
			bar("【" + e.Title + "】" + link(e.URL))
		}
		if e.Description != "" {
			bar(e.Description)
		}
		for _, f := range e.Fields {
			bar("▸ " + f.Name)
			bar("  " + strings.ReplaceAll(f.Value, "\n", "\n  "))
		}
		var foot []string
		if e.Footer != nil {
			foot = append(foot, e.Footer.Text)
		}
		if e.Timestamp != "" {
			foot = append(foot, e.Timestamp)
		}
		if len(foot) > 0 {
			bar(strings.Join(foot, " · "))
		}
		var meta []string
		if e.Color != 0 {
			meta = append(meta, fmt.Sprintf("colour #%06x", e.Color))
		}
		if e.Thumbnail != nil {
			meta = append(meta, "thumbnail "+e.Thumbnail.URL)
		}
		if len(meta) > 0 {
			bar(strings.Join(meta, " · "))
		}
	}
	for _, row := range m.Components {
		var labels []string
		for _, c := range row.Components {
			labels = append(labels, "["+c.Label+"]")
		}
		b.WriteString(strings.Join(labels, " ") + "\n")
	}
	pings := "pings: none"
	if m.MentionEveryone || len(m.MentionUsers) > 0 || len(m.MentionRoles) > 0 {
		var p []string
		if m.MentionEveryone {
			p = append(p, "@everyone")
		}
		for _, u := range m.MentionUsers {
			p = append(p, "user "+u)
		}
		for _, r := range m.MentionRoles {
			p = append(p, "role "+r)
		}
		pings = "pings: " + strings.Join(p, ", ")
	}
	b.WriteString(pings + "\n\n")
	return b.String()
}

func link(u string) string {
	if u == "" {
		return ""
	}
	return " <" + u + ">"
}
