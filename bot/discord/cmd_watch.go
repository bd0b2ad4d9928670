package discord

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// /watch add name query channel · /watch remove name · /watch pause name ·
// /watch resume name — watches managed from chat, stored beside the
// configuration file's (which are read-only from chat). Only members with
// Manage Server may use them: default_member_permissions says so to Discord,
// and every call checks the member's permissions again, since a server can
// override the default. Every answer is ephemeral; a change takes effect at
// once (Pipeline.ReloadWatches).

func watchCommand() command {
	perm := int64(permManageGuild)
	return command{
		def: &discordgo.ApplicationCommand{
			Name:                     "watch",
			Description:              "Add, remove, pause or resume a chat-managed watch",
			DefaultMemberPermissions: &perm,
			Options:                  watchOptions(nil),
		},
		private: true,
		handle:  handleWatch,
	}
}

// watchOptions are /watch's subcommands; the configured channels are the
// choices of add's channel (when there are at most 25).
func watchOptions(channels []string) []*discordgo.ApplicationCommandOption {
	name := func() *discordgo.ApplicationCommandOption {
		return strOption("name", "The watch's name", true, commands.MaxWatchName)
	}
	channel := strOption("channel", "A channel name from the configuration", true, 100)
	if len(channels) <= 25 {
		for _, c := range channels {
			channel.Choices = append(channel.Choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(c, 100), Value: c})
		}
	}
	sub := func(n, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: n, Description: desc, Options: opts}
	}
	return []*discordgo.ApplicationCommandOption{
		sub("add", "Add a watch", name(), strOption("query", `The query, e.g. putin AND "election interference"`, true, maxQueryChars), channel),
		sub("remove", "Remove a chat-managed watch", name()),
		sub("pause", "Pause a chat-managed watch", name()),
		sub("resume", "Resume a paused chat-managed watch", name()),
	}
}

func handleWatch(ctx context.Context, b *Bot, in *discordgo.Interaction, o options) reply {
	if !canManage(in) {
		return errorReply("Only members with the Manage Server permission can change watches.")
	}
	sub, so := o.sub()
	name := strings.TrimSpace(so.str("name"))
	if msg := commands.CheckWatchName(name); msg != "" {
		return errorReply(msg)
	}
	w := b.cmds.cfg.Pipeline
	for _, info := range w.Watches() {
		if info.Name == name && !info.FromChat {
			return errorReply("The watch " + inlineText(name) + " is defined in the configuration file and is read-only from chat.")
		}
	}
	st := b.cmds.cfg.Store
	var err error
	var done string
	switch sub {
	case "add":
		query := so.str("query")
		if r, bad := checkQueryText(query); bad {
			return r
		}
		if _, err := w.CheckQuery(query); err != nil {
			return queryErrorReply(err)
		}
		channel := strings.TrimSpace(so.str("channel"))
		if channels := b.cmds.look.ChannelNames(); !slices.Contains(channels, channel) {
			return errorReply("There is no channel named " + inlineText(channel) + " in the configuration. Channels: " +
				escapeMarkdown(truncate(strings.Join(channels, ", "), 500)) + ".")
		}
		err = st.AddChatWatch(ctx, store.ChatWatch{Name: name, Query: query, Channel: channel, CreatedBy: invoker(in), CreatedAt: b.cmds.now()})
		done = fmt.Sprintf("Watch %s added: its alerts go to %s from the next articles on.", inlineText(name), inlineText(channel))
	case "remove":
		err = st.RemoveChatWatch(ctx, name)
		done = "Watch " + inlineText(name) + " removed."
	case "pause", "resume":
		err = st.PauseChatWatch(ctx, name, sub == "pause")
		done = "Watch " + inlineText(name) + " " + map[string]string{"pause": "paused", "resume": "resumed"}[sub] + "."
	default:
		return errorReply("Unknown /watch subcommand.")
	}
	switch {
	case errors.Is(err, store.ErrWatchExists):
		return errorReply("A chat-managed watch named " + inlineText(name) + " already exists.")
	case errors.Is(err, store.ErrNoWatch):
		return errorReply("There is no chat-managed watch named " + inlineText(name) + ".")
	case err != nil:
		b.log.Error("bot: watch "+sub, "watch", name, "error", err.Error())
		return errorReply("Changing the watch failed; it has been logged.")
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := w.ReloadWatches(rctx); err != nil {
		b.log.Error("bot: reload watches", "watch", name, "error", err.Error())
		if sub == "add" {
			_ = st.RemoveChatWatch(rctx, name)
			var we *match.WatchError
			if errors.As(err, &we) && errors.Is(err, match.ErrTooLarge) {
				return errorReply("The watch was not added: " + escapeMarkdown(we.Err.Error()) + ".")
			}
			return errorReply("The watch could not be activated, so it was not added; it has been logged.")
		}
		return errorReply("Saved, but reloading the watches failed; it takes effect on the next restart. It has been logged.")
	}
	b.log.Info("bot: chat watch changed", "watch", name, "action", sub, "user", invoker(in))
	return reply{content: done, ephemeral: true}
}
