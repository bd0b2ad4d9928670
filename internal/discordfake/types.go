package discordfake

import (
	"encoding/json"
	"time"
)

// Message is a message as the fake recorded it: what the client sent, decoded
// into the fake's own types, plus what Discord would derive from it (who the
// content pings).
type Message struct {
	ID        string
	ChannelID string // empty for webhook messages
	WebhookID string // set for webhook and interaction messages
	Content   string
	Embeds    []Embed
	// AllowedMentions is nil when the client sent none (Discord then parses
	// every mention in the content).
	AllowedMentions *AllowedMentions
	Nonce           string
	EnforceNonce    bool
	Components      []Component
	Flags           int
	Username        string // webhook override
	AvatarURL       string // webhook override
	Timestamp       time.Time
	Edited          *time.Time
	// ReferenceID is the message this one replies to (message_reference).
	ReferenceID string
	// ThreadID is the thread started from this message ("" when none).
	ThreadID string

	// Derived from Content and AllowedMentions as Discord does: only these
	// would notify anyone.
	MentionEveryone bool
	MentionUsers    []string
	MentionRoles    []string
}

// Embed is a rich embed.
type Embed struct {
	Title       string       `json:"title,omitempty"`
	Type        string       `json:"type,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Color       int          `json:"color,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Image       *EmbedMedia  `json:"image,omitempty"`
	Thumbnail   *EmbedMedia  `json:"thumbnail,omitempty"`
	Author      *EmbedAuthor `json:"author,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Provider    *EmbedAuthor `json:"provider,omitempty"`
	Video       *EmbedMedia  `json:"video,omitempty"`
}

// EmbedFooter is an embed's footer.
type EmbedFooter struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedMedia is an embed's image, thumbnail or video.
type EmbedMedia struct {
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

// EmbedAuthor is an embed's author (or provider) line.
type EmbedAuthor struct {
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedField is one name/value field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// AllowedMentions says which mentions in the content may notify.
type AllowedMentions struct {
	Parse       []string `json:"parse"`
	Roles       []string `json:"roles,omitempty"`
	Users       []string `json:"users,omitempty"`
	RepliedUser bool     `json:"replied_user,omitempty"`
}

// Component is a message component: an action row (type 1) holding buttons
// (type 2), select menus (types 3, 5–8) or text inputs (type 4).
type Component struct {
	Type        int            `json:"type"`
	CustomID    string         `json:"custom_id,omitempty"`
	Label       string         `json:"label,omitempty"`
	Style       int            `json:"style,omitempty"`
	URL         string         `json:"url,omitempty"`
	Disabled    bool           `json:"disabled,omitempty"`
	Placeholder string         `json:"placeholder,omitempty"`
	Value       string         `json:"value,omitempty"`
	Options     []SelectOption `json:"options,omitempty"`
	Components  []Component    `json:"components,omitempty"`
}

// SelectOption is one choice of a string select menu.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Default     bool   `json:"default,omitempty"`
}

// User is a Discord user as the fake reports it.
type User struct {
	ID            string `json:"id"`
	Username      string `json:"username"`
	Discriminator string `json:"discriminator"`
	GlobalName    string `json:"global_name,omitempty"`
	Bot           bool   `json:"bot,omitempty"`
}

// Member is a guild member, as carried by guild interactions.
type Member struct {
	User        User     `json:"user"`
	Nick        string   `json:"nick,omitempty"`
	Roles       []string `json:"roles"`
	Permissions string   `json:"permissions"` // decimal bit set, as Discord sends it
	JoinedAt    string   `json:"joined_at"`
}

// Command is an application command as registered by a bulk overwrite.
type Command struct {
	ID                       string          `json:"id"`
	ApplicationID            string          `json:"application_id"`
	GuildID                  string          `json:"guild_id,omitempty"` // empty for global commands
	Type                     int             `json:"type,omitempty"`
	Name                     string          `json:"name"`
	Description              string          `json:"description"`
	Options                  []CommandOption `json:"options,omitempty"`
	DefaultMemberPermissions *string         `json:"default_member_permissions,omitempty"`
	DMPermission             *bool           `json:"dm_permission,omitempty"` // deprecated by Discord: Contexts
	Contexts                 []int           `json:"contexts,omitempty"`      // 0 guild, 1 bot DM, 2 private channel
	NSFW                     bool            `json:"nsfw,omitempty"`
	Version                  string          `json:"version"`
}

// CommandOption is an option (or subcommand) of a Command.
type CommandOption struct {
	Type         int             `json:"type"`
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Required     bool            `json:"required,omitempty"`
	Choices      []CommandChoice `json:"choices,omitempty"`
	Options      []CommandOption `json:"options,omitempty"`
	MinValue     *float64        `json:"min_value,omitempty"`
	MaxValue     *float64        `json:"max_value,omitempty"`
	MinLength    *int            `json:"min_length,omitempty"`
	MaxLength    *int            `json:"max_length,omitempty"`
	Autocomplete bool            `json:"autocomplete,omitempty"`
	ChannelTypes []int           `json:"channel_types,omitempty"`
}

// CommandChoice is a fixed choice of a command option, or an autocomplete result.
type CommandChoice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Interaction types.
const (
	InteractionPing               = 1
	InteractionApplicationCommand = 2
	InteractionMessageComponent   = 3
	InteractionAutocomplete       = 4
	InteractionModalSubmit        = 5
)

// Interaction is what InjectInteraction dispatches as INTERACTION_CREATE.
// ID, Token, ApplicationID and Version are filled in when empty.
type Interaction struct {
	ID             string           `json:"id"`
	ApplicationID  string           `json:"application_id"`
	Type           int              `json:"type"`
	Data           *InteractionData `json:"data,omitempty"`
	GuildID        string           `json:"guild_id,omitempty"`
	ChannelID      string           `json:"channel_id,omitempty"`
	Member         *Member          `json:"member,omitempty"`
	User           *User            `json:"user,omitempty"`
	Token          string           `json:"token"`
	Version        int              `json:"version"`
	Message        json.RawMessage  `json:"message,omitempty"` // the message a component belongs to
	AppPermissions string           `json:"app_permissions,omitempty"`
	Locale         string           `json:"locale,omitempty"`
	GuildLocale    string           `json:"guild_locale,omitempty"`
}

// InteractionData is the payload of a command, component or modal interaction.
type InteractionData struct {
	ID            string              `json:"id,omitempty"`
	Name          string              `json:"name,omitempty"`
	Type          int                 `json:"type,omitempty"`
	Options       []InteractionOption `json:"options,omitempty"`
	GuildID       string              `json:"guild_id,omitempty"`
	TargetID      string              `json:"target_id,omitempty"`
	CustomID      string              `json:"custom_id,omitempty"`
	ComponentType int                 `json:"component_type,omitempty"`
	Values        []string            `json:"values,omitempty"`
	Components    []Component         `json:"components,omitempty"` // modal submit
}

// InteractionOption is one filled-in command option.
type InteractionOption struct {
	Name    string              `json:"name"`
	Type    int                 `json:"type"`
	Value   any                 `json:"value,omitempty"`
	Options []InteractionOption `json:"options,omitempty"`
	Focused bool                `json:"focused,omitempty"`
}

// InteractionResponse is one callback the bot sent for an interaction.
type InteractionResponse struct {
	Type int
	Data *ResponseData
}

// ResponseData is the data of an interaction callback.
type ResponseData struct {
	Content         string           `json:"content,omitempty"`
	Embeds          []Embed          `json:"embeds,omitempty"`
	AllowedMentions *AllowedMentions `json:"allowed_mentions,omitempty"`
	Flags           int              `json:"flags,omitempty"`
	Components      []Component      `json:"components,omitempty"`
	Choices         []CommandChoice  `json:"choices,omitempty"`
	CustomID        string           `json:"custom_id,omitempty"`
	Title           string           `json:"title,omitempty"`
}

// InteractionState is everything the bot did in answer to one interaction.
type InteractionState struct {
	Interaction Interaction
	Responses   []InteractionResponse // callbacks, in order (Discord accepts one)
	Original    *Message              // the original response after callbacks and edits; nil before
	Followups   []Message
	Deleted     bool // the original response was deleted

	acked chan struct{} // PostInteraction: closed once its answer is applied
}
