package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/httpclient"
)

var _ alert.Notifier = (*Notifier)(nil)

// Time limits of the Slack side.
const (
	// restTimeout bounds one Web API call or webhook post, retries of
	// slack-go's own none (they are off: the outbox retries). It stays
	// below watchers.SettleTime, so that a lost post has landed or failed
	// before the next attempt looks for it (a test holds it there).
	restTimeout = 20 * time.Second
	// findPages bounds the history pages read looking for an earlier
	// attempt's message; findSlack is how far before the attempt (by
	// Slack's clock as far as ours agrees) the look goes.
	findPages = 5
	findPage  = 200
	findSlack = 10 * time.Minute
)

// eventType is the metadata event type newshound's messages carry.
const eventType = "newshound_delivery"

// Options configures a Notifier. Token is needed for channels posted by
// the app's bot; webhook channels need none.
type Options struct {
	Token    string // bot token, xoxb-…
	APIBase  string // "" = https://slack.com; the Web API under <APIBase>/api/
	Channels map[string]Channel
	Styles   map[string]Style // by watch name
	Logger   *slog.Logger
	// HTTPClient is used for every request. Nil: a client with restTimeout.
	HTTPClient *http.Client
}

// Channel is where a configured channel name posts: a channel ID (posted
// by the bot) or an incoming webhook URL. Exactly one is set.
type Channel struct {
	ID         string
	WebhookURL string
}

// Notifier delivers alerts, digests and notices to Slack.
type Notifier struct {
	api      *slackgo.Client
	client   *http.Client
	apiBase  string // root URL; the Web API under apiBase/api/
	token    string
	channels map[string]Channel
	styles   map[string]Style
	log      *slog.Logger
	secrets  []string

	warnMu sync.Mutex
	warned map[string]bool

	cmds     *commandSet        // nil until EnableCommands
	searches *commands.Searches // searches too long for a button's value
}

// hookRE is the path of an incoming webhook URL: …/services/T…/B…/<secret>.
var hookRE = regexp.MustCompile(`/services/([A-Z0-9]+)/([A-Z0-9]+)/([A-Za-z0-9]+)/?$`)

// New validates opts and builds a Notifier. It makes no network calls.
func New(opts Options) (*Notifier, error) {
	base := strings.TrimRight(opts.APIBase, "/")
	if base == "" {
		base = "https://slack.com"
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("slack: api_base %q is not an http(s) URL", opts.APIBase)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	client := &http.Client{Timeout: restTimeout}
	if opts.HTTPClient != nil {
		c := *opts.HTTPClient
		client = &c
	}
	// A redirect that would change a post into a GET, or send it on
	// without the token, is not followed (see classify).
	client.CheckRedirect = httpclient.APIRedirects(client.CheckRedirect)
	n := &Notifier{
		client:   client,
		apiBase:  base,
		token:    strings.TrimSpace(opts.Token),
		channels: map[string]Channel{},
		styles:   map[string]Style{},
		log:      log,
		warned:   map[string]bool{},
		searches: commands.NewSearches(256),
	}
	if n.token != "" {
		n.secrets = append(n.secrets, n.token)
	}
	for name, ch := range opts.Channels {
		switch {
		case ch.ID != "" && ch.WebhookURL != "":
			return nil, fmt.Errorf("slack: channel %q: set a channel ID or a webhook URL, not both", name)
		case ch.ID != "":
			if !isChannelID(ch.ID) {
				return nil, fmt.Errorf("slack: channel %q: %q is not a Slack channel ID", name, ch.ID)
			}
			if n.token == "" {
				return nil, fmt.Errorf("slack: channel %q posts as the app's bot, but no bot token is configured", name)
			}
		case ch.WebhookURL != "":
			m := hookRE.FindStringSubmatch(ch.WebhookURL)
			if m == nil {
				return nil, fmt.Errorf("slack: channel %q: the webhook URL is not of the form https://hooks.slack.com/services/T…/B…/…", name)
			}
			n.secrets = append(n.secrets, m[3])
		default:
			return nil, fmt.Errorf("slack: channel %q: no channel ID or webhook URL", name)
		}
		n.channels[name] = ch
	}
	for watch, st := range opts.Styles {
		n.styles[watch] = st
	}
	n.api = slackgo.New(n.token, slackgo.OptionAPIURL(base+"/api/"), slackgo.OptionHTTPClient(client))
	return n, nil
}

// hookDestination names a webhook's credentials (its bot ID, no secret).
func hookDestination(rawURL string) string {
	if m := hookRE.FindStringSubmatch(rawURL); m != nil {
		return "Slack webhook " + m[2]
	}
	return "Slack webhook"
}

const botDestination = "Slack bot token"

// Deliver posts one delivery to its channel, once. It returns the message's
// ts (Slack's message ID within the channel) when the channel has the
// message; otherwise an error classified for the outbox (errors.go).
//
// Every message the bot posts carries metadata with the delivery's
// reference. A delivery an earlier attempt may have posted (d.SentAt set:
// a lost response, a crash) is first looked for by that reference in the
// channel's history, and not posted again when found. A webhook channel
// cannot be looked in: it is at-least-once.
func (n *Notifier) Deliver(ctx context.Context, d alert.Delivery) (alert.Receipt, error) {
	ch, ok := n.channels[d.Channel]
	if !ok {
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("slack: deliver to %s: no such Slack channel configured", d.Channel))
	}
	var msg Message
	switch d.Kind {
	case alert.KindDigest:
		msg = DigestMessage(d.Title, d.Digest)
	case alert.KindNotice:
		msg = NoticeMessage(d.Title, d.Text)
	case alert.KindEdit:
		return n.edit(ctx, d, ch)
	case alert.KindFollowUp:
		msg = FollowUpMessage(d.Alert)
	default:
		msg = AlertMessage(d.Alert, n.styles[d.Alert.Watch])
	}
	thread := ""
	if d.Kind == alert.KindFollowUp {
		// Slack has no reply apart from a thread: both forms go into the
		// target's thread. A target whose ts is not known (a webhook's
		// message) gets the follow-up as a message of its own.
		thread = d.Thread
		if thread == "" {
			thread = d.Target
		}
	}
	if ch.WebhookURL != "" {
		if !d.SentAt.IsZero() {
			n.warnOnce("webhook-repost:"+d.Channel, "slack: an earlier attempt may have posted this message through the webhook, which cannot be checked; posting it again (webhook channels are at-least-once)",
				"channel", d.Channel, "delivery", d.ID)
		}
		if err := n.postWebhook(ctx, d.Channel, ch.WebhookURL, msg, thread); err != nil {
			return alert.Receipt{}, err
		}
		return alert.Receipt{ThreadID: thread}, nil
	}
	ref := reference(d)
	if !d.SentAt.IsZero() {
		ts, err := n.find(ctx, d.Channel, ch.ID, thread, ref, d.SentAt)
		if err != nil {
			return alert.Receipt{}, err
		}
		if ts != "" {
			n.log.Info("slack: an earlier attempt had posted this message; not posting it again", "channel", d.Channel,
				"delivery", d.ID, "message", ts)
			return alert.Receipt{MessageID: ts, Found: true, ThreadID: thread}, nil
		}
	}
	opts := n.options(msg, ref)
	if thread != "" {
		opts = append(opts, slackgo.MsgOptionTS(thread))
	}
	_, ts, err := n.api.PostMessageContext(ctx, ch.ID, opts...)
	if err != nil {
		return alert.Receipt{}, n.classify(err, d.Channel, "chat.postMessage", botDestination)
	}
	n.log.Debug("slack: delivered", "channel", d.Channel, "watch", d.Alert.Watch, "article_url", d.Alert.URL,
		"delivery", d.ID, "attempt", d.Attempt, "message", ts)
	return alert.Receipt{MessageID: ts, ThreadID: thread}, nil
}

// edit changes a message the bot posted (d.Target, its ts) to read as
// d.Alert with the story's further outlets (chat.update). The delivery
// states the whole message, so a repeated edit changes nothing more; the
// message keeps its metadata. A webhook's message cannot be edited (its ts
// is not known, and chat.update refuses a webhook's message).
func (n *Notifier) edit(ctx context.Context, d alert.Delivery, ch Channel) (alert.Receipt, error) {
	switch {
	case ch.WebhookURL != "":
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("slack: edit in %s: a message posted through an incoming webhook cannot be edited", d.Channel))
	case d.Target == "":
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("slack: edit in %s: the message to edit is not known", d.Channel))
	}
	msg := StoryMessage(d.Alert, d.Also, n.styles[d.Alert.Watch])
	if len(d.Digest) > 0 { // a digest (flood control) one of whose stories grew
		msg = DigestMessage(d.Title, d.Digest)
	}
	_, _, _, err := n.api.UpdateMessageContext(ctx, ch.ID, d.Target, slackgo.MsgOptionText(msg.Text, false), slackgo.MsgOptionBlocks(msg.Blocks...))
	if err != nil {
		return alert.Receipt{}, n.classify(err, d.Channel, "chat.update", botDestination)
	}
	return alert.Receipt{MessageID: d.Target, ThreadID: d.Thread}, nil
}

// options are chat.postMessage's arguments for msg: the fallback text, the
// blocks, the reference as metadata, and no unfurling (the message shows
// the article itself; an unfurl would repeat it).
func (n *Notifier) options(msg Message, ref string) []slackgo.MsgOption {
	opts := []slackgo.MsgOption{
		slackgo.MsgOptionText(msg.Text, false),
		slackgo.MsgOptionBlocks(msg.Blocks...),
		slackgo.MsgOptionDisableLinkUnfurl(),
		slackgo.MsgOptionDisableMediaUnfurl(),
	}
	if ref != "" {
		opts = append(opts, slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: eventType, EventPayload: map[string]any{"ref": ref}}))
	}
	return opts
}

// reference is the delivery's reference carried in the message's metadata:
// its nonce (unique per message, stable across retries), or its outbox row.
func reference(d alert.Delivery) string {
	if d.Nonce != "" {
		return d.Nonce
	}
	if d.ID != 0 {
		return "newshound-" + strconv.FormatInt(d.ID, 10)
	}
	return ""
}

// errCannotLook: the bot may not read the channel's history.
var errCannotLook = errors.New("cannot read the channel's history")

// find looks for the message carrying ref in the channel, among those
// posted since shortly before since, newest first. It returns the
// message's ts, or "" when it is not there or cannot be looked for (the bot
// lacks channels:history: then posting again is the only way to deliver,
// at-least-once, and it is logged once). An error is a failure to look
// that may pass (5xx, 429, the network): the outbox retries, still
// looking first.
func (n *Notifier) find(ctx context.Context, channel, channelID, thread, ref string, since time.Time) (string, error) {
	if ref == "" {
		return "", nil
	}
	if thread != "" {
		return n.findInThread(ctx, channel, channelID, thread, ref)
	}
	cursor := ""
	for range findPages {
		h, err := n.api.GetConversationHistoryContext(ctx, &slackgo.GetConversationHistoryParameters{
			ChannelID: channelID, Cursor: cursor, Limit: findPage, IncludeAllMetadata: true})
		if err != nil {
			var se slackgo.SlackErrorResponse
			if errors.As(err, &se) && (se.Err == "missing_scope" || se.Err == "not_in_channel" || se.Err == "channel_not_found") {
				// The post will say more of a channel that is gone.
				n.warnOnce("cannot-look:"+channel, "slack: cannot check whether an earlier attempt posted a message; posting it again (this channel is at-least-once until the app has channels:history and is in the channel)",
					"channel", channel, "why", fmt.Errorf("%w: %s", errCannotLook, se.Err).Error())
				return "", nil
			}
			return "", &lookFailed{n.classify(err, channel, "conversations.history", botDestination)}
		}
		for _, m := range h.Messages {
			if m.Metadata.EventType == eventType && fmt.Sprint(m.Metadata.EventPayload["ref"]) == ref {
				return m.Timestamp, nil
			}
		}
		if !h.HasMore || h.ResponseMetaData.NextCursor == "" || len(h.Messages) == 0 {
			return "", nil
		}
		if oldest := tsTime(h.Messages[len(h.Messages)-1].Timestamp); oldest.Before(since.Add(-findSlack)) {
			return "", nil
		}
		cursor = h.ResponseMetaData.NextCursor
	}
	return "", nil
}

// findInThread looks for the message carrying ref among a thread's replies
// (conversations.replies; a reply is not in the channel's history).
func (n *Notifier) findInThread(ctx context.Context, channel, channelID, thread, ref string) (string, error) {
	cursor := ""
	for range findPages {
		msgs, more, next, err := n.api.GetConversationRepliesContext(ctx, &slackgo.GetConversationRepliesParameters{
			ChannelID: channelID, Timestamp: thread, Cursor: cursor, Limit: findPage, IncludeAllMetadata: true})
		if err != nil {
			var se slackgo.SlackErrorResponse
			if errors.As(err, &se) && (se.Err == "missing_scope" || se.Err == "not_in_channel" || se.Err == "channel_not_found" || se.Err == "thread_not_found") {
				n.warnOnce("cannot-look:"+channel, "slack: cannot check whether an earlier attempt posted a message; posting it again (this channel is at-least-once until the app has channels:history and is in the channel)",
					"channel", channel, "why", fmt.Errorf("%w: %s", errCannotLook, se.Err).Error())
				return "", nil
			}
			return "", &lookFailed{n.classify(err, channel, "conversations.replies", botDestination)}
		}
		for _, m := range msgs {
			if m.Metadata.EventType == eventType && fmt.Sprint(m.Metadata.EventPayload["ref"]) == ref {
				return m.Timestamp, nil
			}
		}
		if !more || next == "" {
			return "", nil
		}
		cursor = next
	}
	return "", nil
}

// tsTime reads a message ts (Unix seconds with a sequence after the dot).
func tsTime(ts string) time.Time {
	sec, _, _ := strings.Cut(ts, ".")
	v, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(v, 0)
}

// lookFailed is a failure to read the channel for an earlier attempt's
// message. Whatever Slack answered to the read, that attempt may have
// posted: NotPosted is false, so the outbox keeps the delivery marked as
// possibly sent and looks again before posting.
type lookFailed struct{ err error }

func (e *lookFailed) Error() string   { return e.err.Error() }
func (e *lookFailed) Unwrap() error   { return e.err }
func (e *lookFailed) NotPosted() bool { return false }

// webhookBody is an incoming webhook's JSON: slack-go's WebhookMessage
// with blocks and no unfurling.
func webhookBody(msg Message, thread string) *slackgo.WebhookMessage {
	no := false
	return &slackgo.WebhookMessage{Text: msg.Text, Blocks: &slackgo.Blocks{BlockSet: msg.Blocks}, UnfurlLinks: &no, UnfurlMedia: &no,
		ThreadTimestamp: thread}
}

// postWebhook posts msg through an incoming webhook. slack-go's own
// webhook call drops the body of an error answer, where Slack names the
// problem (invalid_token, channel_not_found, …): this reads it.
func (n *Notifier) postWebhook(ctx context.Context, channel, hookURL string, msg Message, thread string) error {
	dest := hookDestination(hookURL)
	body, err := json.Marshal(webhookBody(msg, thread))
	if err != nil {
		return alert.Permanent(fmt.Errorf("slack: deliver to %s: %w", channel, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hookURL, bytes.NewReader(body))
	if err != nil {
		return alert.Permanent(n.redact(fmt.Errorf("slack: deliver to %s: %w", channel, err)))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := n.client.Do(req)
	if err != nil {
		return n.classify(err, channel, "webhook", dest)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		after, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return &RateLimitError{Channel: channel, After: time.Duration(max(after, 1)) * time.Second}
	}
	code := ""
	if t := strings.TrimSpace(string(answer)); resp.StatusCode < 500 && len(t) <= 64 && !strings.ContainsAny(t, " <>{}") {
		code = t // Slack's answers are single words such as invalid_token
	}
	return n.classify(&APIError{Method: "webhook", Status: resp.StatusCode, Code: code}, channel, "webhook", dest)
}

// warnOnce logs a warning once per key.
func (n *Notifier) warnOnce(key, msg string, args ...any) {
	n.warnMu.Lock()
	seen := n.warned[key]
	n.warned[key] = true
	n.warnMu.Unlock()
	if !seen {
		n.log.Warn(msg, args...)
	}
}
