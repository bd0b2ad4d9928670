package discord

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
	"github.com/newshound/newshound/internal/httpclient"
)

// APIError is an error answer from Discord: the HTTP status, Discord's JSON
// error code (10003 Unknown Channel, 50013 Missing Permissions, 50035
// Invalid Form Body, …) and message, and for form errors the first few
// offending fields.
type APIError struct {
	Status  int
	Code    int
	Message string
	Fields  []string // "embeds.0.title: Must be 256 or fewer in length."
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("discord: HTTP %d", e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Code != 0 {
		msg += fmt.Sprintf(" (code %d)", e.Code)
	}
	if len(e.Fields) > 0 {
		msg += ": " + strings.Join(e.Fields, "; ")
	}
	return msg
}

// Cause is the kind of refusal, for announcing it once per channel: the
// status and Discord's code.
func (e *APIError) Cause() string {
	return fmt.Sprintf("HTTP %d code %d", e.Status, e.Code)
}

// NotPosted reports whether Discord's answer means nothing was stored: any
// 4xx, and 5xx from Discord itself; a 502 or 504 comes from a gateway in
// front of Discord, which may have stored the message.
func (e *APIError) NotPosted() bool {
	return e.Status >= 400 && e.Status != http.StatusBadGateway && e.Status != http.StatusGatewayTimeout
}

// RateLimitError is a 429, or a rate-limit bucket known to be spent before
// asking: retry no sooner than After. It satisfies the
// outbox's RetryAfter convention.
type RateLimitError struct {
	Channel string
	After   time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("bot: deliver to %s: rate limited, retry after %s", e.Channel, e.After)
}

// RetryAfter is the earliest moment to retry, from Discord's retry_after.
func (e *RateLimitError) RetryAfter() time.Duration { return e.After }

// NotPosted is true: a rate-limited request stores nothing.
func (e *RateLimitError) NotPosted() bool { return true }

// codeUnknownWebhook is Discord's error code for a webhook that was deleted
// (or never was).
const codeUnknownWebhook = 10015

// maxFieldErrors bounds the form errors quoted in an APIError.
const maxFieldErrors = 5

// parseAPIError reads Discord's error body: {"code","message","errors"}.
func parseAPIError(status int, body []byte) *APIError {
	e := &APIError{Status: status}
	var b struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Errors  json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &b) != nil {
		return e
	}
	e.Code, e.Message = b.Code, b.Message
	if len(b.Errors) > 0 {
		var tree map[string]any
		if json.Unmarshal(b.Errors, &tree) == nil {
			flattenFormErrors(tree, "", &e.Fields)
			sort.Strings(e.Fields)
			if len(e.Fields) > maxFieldErrors {
				e.Fields = append(e.Fields[:maxFieldErrors], fmt.Sprintf("and %d more", len(e.Fields)-maxFieldErrors))
			}
		}
	}
	return e
}

func flattenFormErrors(node map[string]any, path string, out *[]string) {
	for k, v := range node {
		if k == "_errors" {
			list, _ := v.([]any)
			for _, item := range list {
				m, _ := item.(map[string]any)
				msg, _ := m["message"].(string)
				*out = append(*out, strings.TrimPrefix(path, ".")+": "+msg)
			}
			continue
		}
		if child, ok := v.(map[string]any); ok {
			flattenFormErrors(child, path+"."+k, out)
		}
	}
}

// classify turns a discordgo error into the outbox's terms: 4xx other than
// 429 is permanent; 429 carries retry_after; 5xx and network errors are
// retryable; refused credentials (401, a deleted webhook) and a redirect
// not followed (httpclient.APIRedirects) pause the destination. The result never holds the bot or webhook token.
func (b *Bot) classify(err error, channel string, t target) error {
	var own *RateLimitError
	if errors.As(err, &own) {
		return &RateLimitError{Channel: channel, After: own.After}
	}
	var redirect *httpclient.RedirectError
	if errors.As(err, &redirect) {
		// The address, not the message: like a deleted webhook, the
		// destination is paused, its alerts kept until it is fixed.
		return alert.Unauthorized(t.destination(), b.redact(fmt.Errorf("bot: deliver to %s: %w", channel, redirect)))
	}
	var rest *discordgo.RESTError
	if errors.As(err, &rest) {
		status := 0
		if rest.Response != nil {
			status = rest.Response.StatusCode
		}
		apiErr := parseAPIError(status, rest.ResponseBody)
		wrapped := fmt.Errorf("bot: deliver to %s: %w", channel, apiErr)
		if status == http.StatusUnauthorized || (t.webhook != nil && apiErr.Code == codeUnknownWebhook) {
			// The credentials, not the message: the outbox pauses them.
			// A deleted webhook is a revoked credential too (Slack's
			// no_service likewise): its alerts wait for the new URL.
			return alert.Unauthorized(t.destination(), wrapped)
		}
		if status >= 400 && status < 500 && status != 429 {
			return alert.Permanent(wrapped)
		}
		return wrapped
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return &RateLimitError{Channel: channel, After: rl.RetryAfter}
	}
	if status, ok := badGateway(err); ok {
		// discordgo's error for a 502 (which it would retry itself, were
		// MaxRestRetries not 0) holds the whole answer: Cloudflare's page.
		// A plain error: the post may have gone through the gateway.
		return fmt.Errorf("bot: deliver to %s: discord: HTTP %s", channel, status)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// The URL of a webhook holds its token: name the host only.
		host := "?"
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
		return b.redact(fmt.Errorf("bot: deliver to %s: %s %s: %w", channel, ue.Op, host, ue.Err))
	}
	return b.redact(fmt.Errorf("bot: deliver to %s: %w", channel, err))
}

// badGateway reads discordgo's error for a 502 ("Exceeded Max retries HTTP
// 502 Bad Gateway, <body>"): the status, without the body.
func badGateway(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "Exceeded Max retries HTTP ")
	if !ok {
		return "", false
	}
	status, _, _ := strings.Cut(rest, ",")
	return chattext.Truncate(status, 40), true
}

// minSecret is the shortest secret worth redacting: replacing a one- or
// two-letter test token everywhere would garble messages and hide nothing.
const minSecret = 6

// redact replaces any secret in err's text — the Bot's, and more (an
// interaction's token, which is in the URLs of its answers). An error that
// held one is replaced by plain text, so unwrapping cannot reach the secret
// either.
func (b *Bot) redact(err error, more ...string) error {
	msg := err.Error()
	clean := msg
	for _, s := range append(more, b.secrets...) {
		if len(s) >= minSecret {
			clean = strings.ReplaceAll(clean, s, "[redacted]")
		}
	}
	if clean == msg {
		return err
	}
	return errors.New(clean)
}
