package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/chattext"
)

// Rate limits. discordgo's own wait (LockBucket) sleeps without a context
// while holding the bucket, so a spent bucket or global limit would hold
// the caller, and shutdown, for as long as Discord says. request takes the
// bucket itself instead: it waits for a short reset with the context, and
// hands a longer one back to the outbox as a RateLimitError.

// request sends one REST request on bucketID's rate-limit bucket, without
// discordgo's retries and without sleeping beyond ctx. auth: send the bot
// token (never to a webhook URL).
func (b *Bot) request(ctx context.Context, method, url string, data any, bucketID string, auth bool) ([]byte, error) {
	var body []byte
	if data != nil {
		var err error
		if body, err = json.Marshal(data); err != nil {
			return nil, fmt.Errorf("bot: encode request: %w", err)
		}
	}
	bucket, err := b.acquire(ctx, bucketID)
	if err != nil {
		return nil, err
	}
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx)}
	if !auth {
		opts = append(opts, withoutAuthorization)
	}
	return b.session.RequestWithLockedBucket(method, url, "application/json", body, bucket, 0, opts...)
}

// acquire locks the rate-limit bucket bucketID for one request. A bucket
// held by another request is waited for (up to ctx); a spent one (or the
// global limit) is waited out when it resets within maxBucketWait, and is
// otherwise reported as a RateLimitError without waiting.
func (b *Bot) acquire(ctx context.Context, bucketID string) (*discordgo.Bucket, error) {
	rl := b.session.Ratelimiter
	bucket := rl.GetBucket(bucketID)
	for {
		for !bucket.TryLock() {
			if err := sleep(ctx, bucketPoll); err != nil {
				return nil, err
			}
		}
		wait := rl.GetWaitTime(bucket, 1)
		if wait <= 0 {
			bucket.Remaining--
			return bucket, nil
		}
		bucket.Unlock()
		if wait > maxBucketWait {
			return nil, &RateLimitError{Channel: bucketID, After: wait}
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Finding an earlier post. Discord keeps no idempotency key for webhooks
// (and keeps a bot message's nonce only minutes), so each message carries a
// short reference in its footer, and a retry of a delivery that may have
// been posted reads the channel's messages since that attempt first.
const (
	// refLen is the reference's length: 12 hex digits of the nonce's hash.
	refLen = 12
	// refPrefix introduces it in the footer.
	refPrefix = "ref "
	// findPages bounds the messages read (100 a page) when looking.
	findPages = 10
	// findSlack is how far before the earlier attempt the look goes
	// (clock differences between this host and Discord).
	findSlack = 10 * time.Minute
)

// reference is the marker of the message with the given nonce.
func reference(nonce string) string {
	if nonce == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("newshound-ref:" + nonce))
	return hex.EncodeToString(sum[:])[:refLen]
}

// stamp writes the reference into the message's (first) embed footer,
// keeping Discord's limits: the footer's cap, and the embed's total at the
// description's expense.
func stamp(msg *discordgo.MessageSend, ref string) {
	tag := refPrefix + ref
	if len(msg.Embeds) == 0 {
		msg.Embeds = []*discordgo.MessageEmbed{{Type: discordgo.EmbedTypeRich, Description: escapeMarkdown(msg.Content)}}
		msg.Content = ""
	}
	e := msg.Embeds[0]
	if e.Footer == nil || e.Footer.Text == "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: tag}
	} else {
		e.Footer.Text = chattext.Truncate(e.Footer.Text, footerCap-chattext.Runes(tag)-3) + " · " + tag
	}
	if over := embedLength(e) - maxEmbedTotal; over > 0 {
		e.Description = chattext.TruncateEscaped(e.Description, chattext.Runes(e.Description)-over)
	}
}

// hasReference reports whether a message (as Discord sends it) carries ref.
func hasReference(m *discordgo.Message, ref string) bool {
	tag := refPrefix + ref
	for _, e := range m.Embeds {
		if e.Footer != nil && strings.Contains(e.Footer.Text, tag) {
			return true
		}
	}
	return strings.Contains(m.Content, tag)
}

// errCannotLook: there is no way to read the channel (no bot token, no
// access, a webhook whose channel is unknown).
var errCannotLook = errors.New("cannot read the channel")

// find looks for the message carrying ref in a configured channel, among
// those posted since shortly before since. It returns the message's ID, or
// "" when it is not there or cannot be looked for (then posting again is
// the only way to deliver: at-least-once). An error is a failure to look
// that may pass (5xx, network): the outbox retries.
func (b *Bot) find(ctx context.Context, channel, ref string, since time.Time) (string, error) {
	t, ok := b.channels[channel]
	if !ok {
		return "", nil // post reports it
	}
	id, err := b.findIn(ctx, t, ref, since)
	switch {
	case err == nil:
		return id, nil
	case errors.Is(err, errCannotLook):
		b.warnOnce("cannot-look:"+channel, "bot: cannot check whether an earlier attempt posted a message; posting it again (this channel is at-least-once)",
			"channel", channel, "why", err.Error())
		return "", nil
	default:
		return "", b.lookFailure(err, channel, t)
	}
}

// lookFailure is the lookFailed of a look in channel (target t) that
// failed with err. A 401 to the bot's read is the bot token's, not a
// webhook's: the bot token is paused. Posting again unchecked could repeat
// the message; the look is made again once the token works.
func (b *Bot) lookFailure(err error, channel string, t target) error {
	var refused *botRefused
	if errors.As(err, &refused) {
		t = target{}
	}
	return &lookFailed{b.classify(err, channel, t)}
}

// botRefused is a 401 to the bot's read of a channel: its token is refused
// (revoked, reset).
type botRefused struct{ err error }

func (e *botRefused) Error() string { return e.err.Error() }
func (e *botRefused) Unwrap() error { return e.err }

// lookFailed is a failure to read the channel for an earlier attempt's
// message (a 5xx, a rate limit, the network). Whatever Discord answered to
// the read, that attempt may have posted: NotPosted is false, so the outbox
// keeps the delivery marked as possibly sent and looks again before posting.
type lookFailed struct{ err error }

func (e *lookFailed) Error() string   { return e.err.Error() }
func (e *lookFailed) Unwrap() error   { return e.err }
func (e *lookFailed) NotPosted() bool { return false }

func (b *Bot) findIn(ctx context.Context, t target, ref string, since time.Time) (string, error) {
	if b.token == "" {
		return "", fmt.Errorf("%w: no bot token to read it with", errCannotLook)
	}
	channelID := t.channelID
	if t.webhook != nil {
		var err error
		if channelID, err = b.webhookChannel(ctx, t.webhook); err != nil {
			return "", err
		}
	}
	// Newest first, back to shortly before the earlier attempt by Discord's
	// clock as far as ours agrees: the first page (the last 100 messages)
	// is always read, whatever the clocks say.
	endpoint := discordgo.EndpointChannelMessages(channelID)
	before := ""
	for range findPages {
		url := endpoint + "?limit=100"
		if before != "" {
			url += "&before=" + before
		}
		resp, err := b.request(ctx, http.MethodGet, url, nil, endpoint+":get", true)
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
			return "", &botRefused{err}
		}
		if err != nil {
			return "", lookError(err)
		}
		var page []*discordgo.Message
		if err := json.Unmarshal(resp, &page); err != nil {
			return "", fmt.Errorf("bot: read channel messages: %w", err)
		}
		for _, m := range page {
			if hasReference(m, ref) {
				return m.ID, nil
			}
		}
		if len(page) < 100 {
			return "", nil
		}
		oldest := page[len(page)-1]
		if oldest.Timestamp.Before(since.Add(-findSlack)) {
			return "", nil
		}
		before = oldest.ID
	}
	return "", nil
}

// webhookChannel is the channel a webhook posts to (GET /webhooks/{id}/{token},
// which needs no bot token), remembered once known.
func (b *Bot) webhookChannel(ctx context.Context, w *webhookTarget) (string, error) {
	b.lookMu.Lock()
	id, ok := b.hookChannels[w.id]
	b.lookMu.Unlock()
	if ok {
		return id, nil
	}
	resp, err := b.request(ctx, http.MethodGet, w.url, nil, "webhook:"+w.id, false)
	if err != nil {
		return "", lookError(err)
	}
	var hook struct {
		ChannelID string `json:"channel_id"`
	}
	if json.Unmarshal(resp, &hook) != nil || !isSnowflake(hook.ChannelID) {
		return "", fmt.Errorf("%w: Discord does not say which channel the webhook posts to", errCannotLook)
	}
	b.lookMu.Lock()
	b.hookChannels[w.id] = hook.ChannelID
	b.lookMu.Unlock()
	return hook.ChannelID, nil
}

// lookError sorts a failed read: refusals (4xx) mean it cannot be read;
// anything else may pass.
func lookError(err error) error {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode >= 400 && rest.Response.StatusCode < 500 &&
		rest.Response.StatusCode != http.StatusTooManyRequests {
		return fmt.Errorf("%w: HTTP %d", errCannotLook, rest.Response.StatusCode)
	}
	return err
}

// warnOnce logs a warning the first time key is seen.
func (b *Bot) warnOnce(key, msg string, args ...any) {
	b.lookMu.Lock()
	seen := b.warned[key]
	b.warned[key] = true
	b.lookMu.Unlock()
	if !seen {
		b.log.Warn(msg, args...)
	}
}
