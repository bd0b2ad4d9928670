package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/httpclient"
)

var _ alert.Notifier = (*Bot)(nil)

// Options configures a Bot. Only Token and Channels are required (Token may
// be empty when every channel is a webhook).
type Options struct {
	Token    string // bot token, with or without the "Bot " prefix
	APIBase  string // "" = https://discord.com; REST under <APIBase>/api/v10/
	Channels map[string]Channel
	Styles   map[string]Style // by watch name
	Logger   *slog.Logger
	// HTTPClient is used for all REST calls (its Transport is wrapped, not
	// modified). Nil: a client with a 20 s timeout.
	HTTPClient *http.Client
}

// Channel is where a configured channel name posts: a channel ID (posted by
// the bot) or an incoming webhook URL. Exactly one is set.
type Channel struct {
	DiscordID  string
	WebhookURL string
}

// target is a resolved Channel.
type target struct {
	channelID string
	webhook   *webhookTarget
}

type webhookTarget struct {
	id, token string
	// url is where the webhook is executed: Discord's current API version
	// (apiVersion), without query.
	url string
}

// destination names a target's credentials, for pausing and announcing
// (alert.AuthError): no secret.
func (t target) destination() string {
	if t.webhook != nil {
		return "webhook " + t.webhook.id
	}
	return "bot token"
}

// webhookPath matches …/api[/vN]/webhooks/<id>/<token>: every form Discord
// hands out (discord.com, discordapp.com, ptb. and canary., with or without
// the API version). Compiled on first use: its counted repetitions cost
// 160 KB before main of every command.
var webhookPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*)/api(?:/v\d+)?/webhooks/(\d{1,20})/([A-Za-z0-9_\-.]{1,200})/?$`)
})

// apiVersion is the Discord API version REST calls and webhooks use.
const apiVersion = "v10"

// noticeColor is the embed colour of operations notices (amber).
const noticeColor = 0xE67E22

// maxNonce is Discord's limit on a nonce's length.
const maxNonce = 25

// New validates opts and builds a Bot. It makes no network calls.
func New(opts Options) (*Bot, error) {
	token := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(opts.Token), "Bot "))
	base, err := parseAPIBase(opts.APIBase)
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{
		token:    token,
		channels: make(map[string]target, len(opts.Channels)),
		styles:   make(map[string]Style, len(opts.Styles)),
		log:      log,

		hookChannels: map[string]string{},
		channelTypes: map[string]int{},
		warned:       map[string]bool{},
	}
	if token != "" {
		b.secrets = append(b.secrets, token)
	}
	for watch, st := range opts.Styles {
		b.styles[watch] = st
	}
	for name, ch := range opts.Channels {
		t, err := resolveChannel(name, ch)
		if err != nil {
			return nil, err
		}
		if t.webhook != nil {
			b.secrets = append(b.secrets, t.webhook.token)
		} else if token == "" {
			return nil, fmt.Errorf("bot: channel %q posts as the bot, but no bot token is configured", name)
		}
		b.channels[name] = t
	}

	client := &http.Client{Timeout: restTimeout}
	if opts.HTTPClient != nil {
		c := *opts.HTTPClient
		client = &c
	}
	next := client.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	client.Transport = &rewriteTransport{base: base, next: next}
	// A redirect that would change a post into a GET, or send it on
	// without the bot token, is not followed (see classify).
	client.CheckRedirect = httpclient.APIRedirects(client.CheckRedirect)
	b.session = newSession(token, client)
	return b, nil
}

func resolveChannel(name string, ch Channel) (target, error) {
	switch {
	case ch.DiscordID != "" && ch.WebhookURL != "":
		return target{}, fmt.Errorf("bot: channel %q: set a channel ID or a webhook URL, not both", name)
	case ch.DiscordID != "":
		if !isSnowflake(ch.DiscordID) {
			return target{}, fmt.Errorf("bot: channel %q: %q is not a Discord channel ID", name, ch.DiscordID)
		}
		return target{channelID: ch.DiscordID}, nil
	case ch.WebhookURL != "":
		// The URL holds the webhook's token: errors describe it, never quote it.
		u, err := url.Parse(ch.WebhookURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return target{}, fmt.Errorf("bot: channel %q: webhook URL is not an http(s) URL", name)
		}
		m := webhookPath().FindStringSubmatch(u.Path)
		if m == nil {
			return target{}, fmt.Errorf("bot: channel %q: webhook URL is not of the form https://discord.com/api/webhooks/<id>/<token>", name)
		}
		// Discord's own hosts go to https://discord.com (and from there to
		// the API base); another host (a proxy, a fake) is kept with its
		// path prefix. Either way, on the current API version.
		root := "https://" + discordHost + "/"
		if !isDiscordHost(u.Host) {
			root = u.Scheme + "://" + u.Host + m[1] + "/"
		}
		return target{webhook: &webhookTarget{id: m[2], token: m[3],
			url: root + "api/" + apiVersion + "/webhooks/" + m[2] + "/" + m[3]}}, nil
	default:
		return target{}, fmt.Errorf("bot: channel %q: no channel ID or webhook URL", name)
	}
}

// createMessage is the body of POST /channels/{id}/messages: discordgo's
// MessageSend lacks nonce and enforce_nonce.
type createMessage struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// Deliver posts one alert to its channel, once. It returns the message's
// ID when the channel has the message; otherwise an error classified for
// the outbox (see the package comment).
//
// Every message carries a reference derived from the delivery's nonce (in
// its embed's footer). A delivery an earlier attempt may have posted
// (d.SentAt set: a lost response, a crash) is first looked for by that
// reference among the channel's messages since that attempt, through the
// bot's read access — for a webhook, in the channel the webhook posts to —
// and not posted again when found. Where no look is possible (no bot token,
// or the bot cannot read the channel) a webhook channel is at-least-once;
// a bot channel still has Discord's nonce, which drops a repeat within a
// few minutes.
func (b *Bot) Deliver(ctx context.Context, d alert.Delivery) (alert.Receipt, error) {
	var msg *discordgo.MessageSend
	switch d.Kind {
	case alert.KindEdit:
		return b.edit(ctx, d)
	case alert.KindFollowUp:
		return b.followUp(ctx, d)
	case alert.KindDigest:
		msg = DigestMessage(d.Title, d.Digest, b.styles)
	case alert.KindNotice:
		msg = NoticeMessage(d.Title, d.Text, noticeColor)
	default:
		msg = AlertMessage(d.Alert, b.styles[d.Alert.Watch])
	}
	n := nonce(d)
	ref := reference(n)
	if ref != "" {
		stamp(msg, ref)
	}
	if t, ok := b.channels[d.Channel]; ok && !d.SentAt.IsZero() && ref != "" {
		// An earlier attempt may have opened a forum post: a forum (its
		// type unknown after a restart) is looked in as a forum.
		b.channelType(ctx, t)
	}
	if b.knownForum(d.Channel) {
		return b.deliverForum(ctx, d, msg)
	}
	if !d.SentAt.IsZero() && ref != "" {
		id, err := b.find(ctx, d.Channel, ref, d.SentAt)
		if err != nil {
			return alert.Receipt{}, err
		}
		if id != "" {
			b.log.Info("bot: an earlier attempt had posted this message; not posting it again", "channel", d.Channel,
				"delivery", d.ID, "message", id)
			return alert.Receipt{MessageID: id, Found: true}, nil
		}
	}
	id, err := b.post(ctx, d.Channel, n, msg)
	if err != nil {
		if b.isForum(ctx, d.Channel, err) {
			return b.deliverForum(ctx, d, msg)
		}
		return alert.Receipt{}, err
	}
	b.log.Debug("bot: delivered", "channel", d.Channel, "watch", d.Alert.Watch, "article_url", d.Alert.URL,
		"delivery", d.ID, "attempt", d.Attempt, "message", id)
	return alert.Receipt{MessageID: id}, nil
}

// Post sends any message (an alert, a digest, an ops notice) to a configured
// channel, with Deliver's error classification. nonce, when not empty
// (at most 25 characters), is sent with enforce_nonce so that a repeat
// within minutes posts nothing; webhooks ignore it.
func (b *Bot) Post(ctx context.Context, channel, nonce string, msg *discordgo.MessageSend) error {
	_, err := b.post(ctx, channel, nonce, msg)
	return err
}

// post is Post, returning the message's ID.
func (b *Bot) post(ctx context.Context, channel, nonce string, msg *discordgo.MessageSend) (string, error) {
	t, ok := b.channels[channel]
	if !ok {
		return "", alert.Permanent(fmt.Errorf("bot: deliver to %s: no such channel configured", channel))
	}
	if msg == nil {
		return "", alert.Permanent(fmt.Errorf("bot: deliver to %s: empty message", channel))
	}
	if len(nonce) > maxNonce {
		return "", alert.Permanent(fmt.Errorf("bot: deliver to %s: nonce longer than %d characters", channel, maxNonce))
	}
	var resp []byte
	var err error
	if t.webhook != nil {
		// ?wait=true: Discord answers with the message once it is stored.
		resp, err = b.request(ctx, http.MethodPost, t.webhook.url+"?wait=true", webhookParams(msg), "webhook:"+t.webhook.id, false)
	} else {
		body := createMessage{MessageSend: msg, Nonce: nonce, EnforceNonce: nonce != ""}
		endpoint := discordgo.EndpointChannelMessages(t.channelID)
		resp, err = b.request(ctx, http.MethodPost, endpoint, body, endpoint, true)
	}
	if err != nil {
		return "", b.classify(err, channel, t)
	}
	var m struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp, &m) // an answer without an ID still means stored
	return m.ID, nil
}

// webhookParams is msg in the shape of a webhook execution. An incoming
// webhook (?wait=true) answers with the message, so success means stored.
func webhookParams(msg *discordgo.MessageSend) *discordgo.WebhookParams {
	return &discordgo.WebhookParams{
		Content:         msg.Content,
		Embeds:          msg.Embeds,
		AllowedMentions: msg.AllowedMentions,
		Components:      msg.Components,
	}
}

// withoutAuthorization drops the bot token from a request.
func withoutAuthorization(cfg *discordgo.RequestConfig) {
	cfg.Request.Header.Del("Authorization")
}

// nonce is the delivery's nonce within Discord's 25 characters: longer ones
// are replaced by a stable digest, so retries still carry the same nonce.
func nonce(d alert.Delivery) string {
	n := d.Nonce
	if n == "" && d.ID != 0 {
		n = fmt.Sprintf("newshound-%d", d.ID)
	}
	if len(n) <= maxNonce {
		return n
	}
	sum := sha256.Sum256([]byte(n))
	return hex.EncodeToString(sum[:])[:maxNonce]
}
