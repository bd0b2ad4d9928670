package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/store"
)

// Slash commands. One table (commandTable) defines every command — its
// registration payload, whether it always defers, and its handler, which
// lives in the command's own file (cmd_<name>.go) — and the same table
// registers (one bulk overwrite) and dispatches. Interactions arrive over the
// gateway (INTERACTION_CREATE) or over the HTTP interactions endpoint
// (interactions_http.go); both go through handleInteraction.
//
// Rules: errors and admin answers are ephemeral; a command that has not
// answered within deferAfter is deferred (type 5, or 6 for a button) and its
// answer then edits the original response — whether the answer is public is
// decided by the deferral, since Discord takes the first answer after a
// deferral as the deferred message whatever its flags: commands whose every
// answer is private (/watch) defer ephemerally, the others publicly, and a
// late error of theirs is shown where the "thinking…" message was;
// every command is registered for guilds only (contexts [0]); text from articles and users is
// cleaned and escaped, and no answer can mention anyone (allowed_mentions
// parse: []).

// Commands configures slash commands (EnableCommands). Store and Pipeline
// are required.
type Commands struct {
	Store    *store.Store
	Pipeline commands.Pipeline
	// ArticleFetcher fetches pages for /summary. Build it on a client from
	// httpclient.New with AllowPrivate as below; nil: /summary is unavailable.
	ArticleFetcher *article.Fetcher
	// AllowPrivate lets /summary fetch loopback and private-network
	// addresses (http.allow_private_networks).
	AllowPrivate bool
	// GuildID registers the commands to one guild (instant); "" registers
	// them globally.
	GuildID string
	// Interactions configures the HTTP interactions endpoint.
	Interactions Interactions
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Interactions is the HTTP interactions endpoint's configuration.
type Interactions struct {
	Listen    string // address to listen on, e.g. ":8080"; "" for none
	PublicKey string // the application's Ed25519 public key, hex
}

// Discord's limits and our choices for interaction answers.
const (
	// maxQueryChars bounds a query typed in chat.
	maxQueryChars = commands.MaxQueryChars
	// maxCustomID is Discord's limit on a component's custom_id.
	maxCustomID = 100
	// recentSearches is how many long searches are remembered for paging.
	recentSearches = 256

	permManageGuild   = 1 << 5
	permAdministrator = 1 << 3
	flagEphemeral     = discordgo.MessageFlagsEphemeral
)

// reply is a command's answer.
type reply struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	ephemeral  bool
}

// errorReply is an ephemeral answer saying what went wrong; msg is our own
// text (callers escape anything from outside).
func errorReply(msg string) reply {
	return reply{content: chattext.TruncateEscaped(msg, maxContent), ephemeral: true}
}

// command is one slash command of the table.
type command struct {
	def *discordgo.ApplicationCommand
	// private commands answer only the invoker: a deferral is ephemeral too.
	private bool
	handle  func(ctx context.Context, b *Bot, in *discordgo.Interaction, opts options) reply
}

// commandTable is every command, in registration order.
func commandTable() []command {
	return []command{
		searchCommand(),
		latestCommand(),
		quotesCommand(),
		summaryCommand(),
		whyCommand(),
		storyCommand(),
		watchesCommand(),
		feedsCommand(),
		watchCommand(),
	}
}

// componentHandlers answer buttons, by the custom_id's prefix (up to ':').
func componentHandlers() map[string]func(ctx context.Context, b *Bot, in *discordgo.Interaction, id string) reply {
	return map[string]func(ctx context.Context, b *Bot, in *discordgo.Interaction, id string) reply{
		searchPrefix: handleSearchPage,
	}
}

// commandSet is the Bot's slash-command state.
type commandSet struct {
	cfg       Commands
	byName    map[string]command
	table     []command
	publicKey ed25519.PublicKey // nil: no HTTP endpoint
	now       func() time.Time
	searches  *commands.Searches
	look      *commands.Lookups
	// fetchTimeout bounds /summary's fetch (summaryTimeout); deferAfter is
	// how long a command may run before it is deferred (the constant).
	fetchTimeout, deferAfter time.Duration
}

func newCommandSet(c *Commands) (*commandSet, error) {
	if c.Store == nil || c.Pipeline == nil {
		return nil, errors.New("bot: commands need a store and a pipeline")
	}
	cs := &commandSet{cfg: *c, byName: map[string]command{}, now: c.Now, searches: commands.NewSearches(recentSearches),
		look:         &commands.Lookups{Store: c.Store, Pipeline: c.Pipeline},
		fetchTimeout: summaryTimeout, deferAfter: deferAfter}
	if cs.now == nil {
		cs.now = time.Now
	}
	cs.look.Now = cs.now
	if c.GuildID != "" && !isSnowflake(c.GuildID) {
		return nil, fmt.Errorf("bot: guild ID %q is not a Discord ID", c.GuildID)
	}
	if c.Interactions.PublicKey != "" || c.Interactions.Listen != "" {
		key, err := hex.DecodeString(strings.TrimSpace(c.Interactions.PublicKey))
		if err != nil || len(key) != ed25519.PublicKeySize {
			return nil, errors.New("bot: interactions public key must be the application's 64 hex digits Ed25519 key")
		}
		cs.publicKey = ed25519.PublicKey(key)
	}
	cs.table = commandTable()
	for _, cmd := range cs.table {
		cs.byName[cmd.def.Name] = cmd
	}
	return cs, nil
}

// EnableCommands turns on slash commands — the one way to: the Bot is built
// before the Watcher (which takes it as its Notifier), the commands need the
// Watcher. Call it once, before Open and ServeInteractions.
func (b *Bot) EnableCommands(c *Commands) error {
	if b.cmds != nil {
		return errors.New("bot: commands already enabled")
	}
	cs, err := newCommandSet(c)
	if err != nil {
		return err
	}
	cs.look.Log = b.log
	b.cmds = cs
	b.session.AddHandler(b.onInteractionCreate)
	return nil
}

// CommandDefinitions returns the registration payload of every command.
// They depend on the configuration in force (the channels /watch add
// offers): after a reload, RegisterCommands again.
func (b *Bot) CommandDefinitions() []*discordgo.ApplicationCommand {
	if b.cmds == nil {
		return nil
	}
	out := make([]*discordgo.ApplicationCommand, 0, len(b.cmds.table))
	for _, c := range b.cmds.table {
		def := *c.def
		def.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		if def.Name == "watch" {
			def.Options = watchOptions(b.cmds.look.ChannelNames())
		}
		out = append(out, &def)
	}
	return out
}

// RegisterCommands registers every command with one bulk overwrite: to the
// configured guild (effective at once) or globally. It needs the bot token,
// not the gateway.
func (b *Bot) RegisterCommands(ctx context.Context) error {
	if b.cmds == nil {
		return errors.New("bot: register commands: no commands configured")
	}
	appID, err := b.applicationID(ctx)
	if err != nil {
		return err
	}
	_, err = b.session.ApplicationCommandBulkOverwrite(appID, b.cmds.cfg.GuildID, b.CommandDefinitions(), discordgo.WithContext(ctx))
	if err != nil {
		return b.redact(fmt.Errorf("bot: register commands: %w", err))
	}
	b.log.Info("bot: slash commands registered", "guild", b.cmds.cfg.GuildID, "commands", len(b.cmds.table))
	return nil
}

func (b *Bot) applicationID(ctx context.Context) (string, error) {
	if b.token == "" {
		return "", errors.New("bot: register commands: no bot token configured")
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("bot: register commands: %w", err)
	}
	app, err := b.session.Application("@me") // discordgo takes no context here; the client's timeout bounds it
	if err != nil {
		return "", b.redact(fmt.Errorf("bot: register commands: read application: %w", err))
	}
	return app.ID, nil
}

// onInteractionCreate receives gateway interactions.
func (b *Bot) onInteractionCreate(_ *discordgo.Session, ev *discordgo.InteractionCreate) {
	if ev == nil || ev.Interaction == nil {
		return
	}
	in := ev.Interaction
	go b.handleInteraction(in, func(resp *discordgo.InteractionResponse) error {
		ctx, cancel := context.WithTimeout(context.Background(), respondTimeout)
		defer cancel()
		return b.session.InteractionRespond(in, resp, discordgo.WithContext(ctx))
	})
}

// handleInteraction answers one interaction: respond sends the first
// answer (over REST for the gateway, as the HTTP response for the
// endpoint); later edits go over REST.
func (b *Bot) handleInteraction(in *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	defer func() {
		// A malformed interaction (data of the wrong shape) must not take the
		// process down.
		if p := recover(); p != nil {
			b.log.Error("bot: malformed interaction", "error", fmt.Sprint(p))
			_ = respond(immediate(errorReply("That interaction could not be read."), false))
		}
	}()
	if in.Type == discordgo.InteractionPing {
		_ = respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), workTimeout)
	defer cancel()
	private, isComponent := false, in.Type == discordgo.InteractionMessageComponent
	name := ""
	var work func(context.Context) reply
	switch {
	case b.cmds == nil:
		work = func(context.Context) reply { return errorReply("Slash commands are not enabled.") }
	case in.Type == discordgo.InteractionApplicationCommand:
		data := in.ApplicationCommandData()
		cmd, ok := b.cmds.byName[data.Name]
		if !ok {
			work = func(context.Context) reply { return errorReply("Unknown command.") }
			break
		}
		private, name = cmd.private, data.Name
		opts := newOptions(data.Options)
		work = func(ctx context.Context) reply { return cmd.handle(ctx, b, in, opts) }
	case isComponent:
		id := in.MessageComponentData().CustomID
		prefix, _, _ := strings.Cut(id, ":")
		name = "button " + prefix
		h, ok := componentHandlers()[prefix]
		if !ok {
			work = func(context.Context) reply { return errorReply("This button is no longer supported.") }
			break
		}
		work = func(ctx context.Context) reply { return h(ctx, b, in, id) }
	default:
		work = func(context.Context) reply { return errorReply("This kind of interaction is not supported.") }
	}

	start := time.Now()
	defer func() {
		b.log.Debug("bot: interaction", "command", name, "user", invoker(in), "took", time.Since(start).Round(time.Millisecond))
	}()
	done := make(chan reply, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("bot: command panicked", "error", fmt.Sprint(p))
				done <- errorReply("Something went wrong answering this command; it has been logged.")
			}
		}()
		done <- work(ctx)
	}()

	wait := deferAfter
	if b.cmds != nil {
		wait = b.cmds.deferAfter
	}
	if wait > 0 {
		timer := time.NewTimer(wait)
		select {
		case r := <-done:
			timer.Stop()
			if err := respond(immediate(r, isComponent)); err != nil {
				b.log.Warn("bot: answer interaction", "command", name, "error", b.redact(err, in.Token).Error())
			}
			return
		case <-timer.C:
		}
	}
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	switch {
	case isComponent:
		deferred.Type = discordgo.InteractionResponseDeferredMessageUpdate
	case private:
		deferred.Data = &discordgo.InteractionResponseData{Flags: flagEphemeral}
	}
	if err := respond(deferred); err != nil {
		b.log.Warn("bot: defer interaction", "command", name, "error", b.redact(err, in.Token).Error())
		return
	}
	b.finish(ctx, in, <-done, private)
}

// immediate is the first (and only) answer of a command that finished in time.
func immediate(r reply, isComponent bool) *discordgo.InteractionResponse {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if isComponent && !r.ephemeral {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	data := &discordgo.InteractionResponseData{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		AllowedMentions: noMentions(),
	}
	if r.ephemeral {
		data.Flags = flagEphemeral
	}
	if data.Components == nil && isComponent {
		data.Components = []discordgo.MessageComponent{}
	}
	return &discordgo.InteractionResponse{Type: typ, Data: data}
}

// finish delivers a deferred command's answer as an edit of the original
// response: after a deferral Discord shows the first answer in the deferred
// message's place with the deferral's visibility, so an ephemeral answer to
// a public deferral is shown publicly rather than pretended private. Only a
// button's deferral (type 6) leaves room for a separate ephemeral followup.
func (b *Bot) finish(ctx context.Context, in *discordgo.Interaction, r reply, deferredPrivately bool) {
	opt := discordgo.WithContext(ctx)
	if r.ephemeral && !deferredPrivately && in.Type == discordgo.InteractionMessageComponent {
		_, err := b.session.FollowupMessageCreate(in, true, &discordgo.WebhookParams{
			Content: r.content, Embeds: r.embeds, Components: r.components,
			Flags: flagEphemeral, AllowedMentions: noMentions(),
		}, opt)
		if err != nil {
			b.log.Warn("bot: answer deferred interaction", "error", b.redact(err, in.Token).Error())
		}
		return
	}
	embeds, components := r.embeds, r.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	content := r.content
	_, err := b.session.InteractionResponseEdit(in, &discordgo.WebhookEdit{
		Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions(),
	}, opt)
	if err != nil {
		b.log.Warn("bot: edit deferred answer", "error", b.redact(err, in.Token).Error())
	}
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// options reads a command's filled-in options defensively: a value of the
// wrong JSON type reads as absent, never panics.
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func newOptions(list []*discordgo.ApplicationCommandInteractionDataOption) options {
	o := options{}
	for _, opt := range list {
		if opt != nil {
			o[opt.Name] = opt
		}
	}
	return o
}

// sub returns the chosen subcommand's name and options.
func (o options) sub() (string, options) {
	for name, opt := range o {
		if opt.Type == discordgo.ApplicationCommandOptionSubCommand {
			return name, newOptions(opt.Options)
		}
	}
	return "", options{}
}

func (o options) str(name string) string {
	if opt, ok := o[name]; ok {
		if s, ok := opt.Value.(string); ok {
			return s
		}
	}
	return ""
}

func (o options) num(name string, def int) int {
	if opt, ok := o[name]; ok {
		switch v := opt.Value.(type) {
		case float64:
			return int(v)
		case int64:
			return int(v)
		case int:
			return v
		}
	}
	return def
}

// canManage reports whether the member invoking in has Manage Server (or
// Administrator), as Discord computed their permissions in that channel.
func canManage(in *discordgo.Interaction) bool {
	if in.Member == nil {
		return false
	}
	return in.Member.Permissions&(permManageGuild|permAdministrator) != 0
}

// invoker names who sent an interaction, for records.
func invoker(in *discordgo.Interaction) string {
	switch {
	case in.Member != nil && in.Member.User != nil:
		return in.Member.User.ID
	case in.User != nil:
		return in.User.ID
	}
	return ""
}

// option builders for the definitions.
func strOption(name, desc string, required bool, maxLen int) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required}
	if maxLen > 0 {
		o.MaxLength = maxLen
	}
	return o
}

func intOption(name, desc string, minV, maxV float64) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: name, Description: desc,
		MinValue: &minV, MaxValue: maxV}
}

// footerReserve is room kept in an embed's total for a footer added last.
const footerReserve = 300

// addField appends a field if the embed stays within Discord's limits
// (25 fields, 6000 characters with room for a footer); it reports whether it
// did.
func addField(e *discordgo.MessageEmbed, name, value string) bool {
	if len(e.Fields) == maxFields || embedLength(e)+chattext.Runes(name)+chattext.Runes(value) > maxEmbedTotal-footerReserve {
		return false
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
	return true
}
