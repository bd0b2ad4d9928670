package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/chattext"
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
			channel.Choices = append(channel.Choices, &discordgo.ApplicationCommandOptionChoice{Name: chattext.Truncate(c, 100), Value: c})
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
	done, p := b.cmds.look.ChangeWatch(ctx, commands.WatchChange{
		Action: sub, Name: so.str("name"), Query: so.str("query"), Channel: so.str("channel"), User: invoker(in),
	})
	if p != nil {
		return problemReply(p)
	}
	return reply{content: renderText(done), ephemeral: true}
}
