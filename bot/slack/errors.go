package slack

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/httpclient"
)

// APIError is Slack's refusal: the method (or "webhook"), the HTTP status,
// and Slack's error code (channel_not_found, not_in_channel, invalid_auth,
// invalid_blocks, …) with any details Slack gave.
type APIError struct {
	Method  string
	Status  int    // 200 for the Web API's {"ok":false}; the status of a webhook's or a server's error
	Code    string // "" when Slack said nothing (an HTML error page)
	Details []string
}

func (e *APIError) Error() string {
	msg := "slack: " + e.Method
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Status != http.StatusOK {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if len(e.Details) > 0 {
		msg += ": " + strings.Join(e.Details[:min(len(e.Details), 3)], "; ")
	}
	return msg
}

// Cause is the kind of refusal, for announcing it once per channel.
func (e *APIError) Cause() string { return fmt.Sprintf("slack %d %s", e.Status, e.Code) }

// NotPosted reports whether Slack's answer means nothing was stored: an
// error it answered with (ok:false, a webhook's 4xx). A 5xx does not say:
// Slack documents that part of an operation may have succeeded before an
// internal_error, so the retry looks for the message first.
func (e *APIError) NotPosted() bool { return e.Status < 500 }

// RateLimitError is a 429: retry no sooner than After. It satisfies the
// outbox's RetryAfter convention.
type RateLimitError struct {
	Channel string
	After   time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("slack: deliver to %s: rate limited, retry after %s", e.Channel, e.After)
}

// RetryAfter is the earliest moment to retry, from Slack's Retry-After.
func (e *RateLimitError) RetryAfter() time.Duration { return e.After }

// NotPosted is true: a rate-limited request stores nothing.
func (e *RateLimitError) NotPosted() bool { return true }

// Slack's error codes by what they mean for the outbox.
var (
	// authCodes: the credentials are refused; the outbox pauses them.
	authCodes = map[string]bool{"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
		"token_expired": true, "no_permission": true, "org_login_required": true, "team_access_not_granted": true,
		"invalid_token": true, "no_service": true}
	// retryCodes: Slack's trouble, not the message's.
	retryCodes = map[string]bool{"internal_error": true, "fatal_error": true, "service_unavailable": true,
		"request_timeout": true, "ratelimited": true, "rollup_error": true}
)

// classify turns a slack-go error (or a webhook's answer) into the
// outbox's terms: refused credentials are an AuthError of destination; 429
// carries Retry-After; Slack's own trouble (5xx, internal_error, the
// network) is retried; a redirect not followed (httpclient.APIRedirects)
// pauses the destination as refused credentials do; any other refusal (channel_not_found,
// not_in_channel, is_archived, invalid_blocks, missing_scope …) is
// permanent. The result never holds a secret.
func (n *Notifier) classify(err error, channel, method, destination string) error {
	var rl *slackgo.RateLimitedError
	if errors.As(err, &rl) {
		return &RateLimitError{Channel: channel, After: rl.RetryAfter}
	}
	var own *RateLimitError
	if errors.As(err, &own) {
		return &RateLimitError{Channel: channel, After: own.After}
	}
	var redirect *httpclient.RedirectError
	if errors.As(err, &redirect) {
		// The address, not the message: the destination is paused, its
		// alerts kept until it is fixed.
		return &alert.AuthError{Destination: destination, Err: n.redact(fmt.Errorf("slack: deliver to %s: %s: %w", channel, method, redirect)), Platform: "Slack"}
	}
	api := &APIError{Method: method, Status: http.StatusOK}
	var se slackgo.SlackErrorResponse
	var sc slackgo.StatusCodeError
	var mine *APIError
	switch {
	case errors.As(err, &se):
		api.Code = se.Err
		for _, d := range se.Errors {
			if d.Message != nil {
				api.Details = append(api.Details, *d.Message)
			}
		}
	case errors.As(err, &sc):
		api.Status = sc.Code
	case errors.As(err, &mine):
		api = mine
	default:
		var ue *url.Error
		if errors.As(err, &ue) {
			// A webhook's URL holds its secret: name the host only.
			host := "?"
			if u, perr := url.Parse(ue.URL); perr == nil {
				host = u.Host
			}
			return n.redact(fmt.Errorf("slack: deliver to %s: %s %s %s: %w", channel, method, ue.Op, host, ue.Err))
		}
		return n.redact(fmt.Errorf("slack: deliver to %s: %s: %w", channel, method, err))
	}
	wrapped := n.redact(fmt.Errorf("slack: deliver to %s: %w", channel, api))
	switch {
	case authCodes[api.Code] || api.Status == http.StatusUnauthorized:
		return &alert.AuthError{Destination: destination, Err: wrapped, Platform: "Slack"}
	case api.Status == http.StatusTooManyRequests:
		return &RateLimitError{Channel: channel, After: time.Minute}
	case api.Status >= 500 || retryCodes[api.Code]:
		return wrapped
	default:
		return alert.Permanent(wrapped)
	}
}

// minSecret is the shortest secret worth redacting.
const minSecret = 6

// redact replaces any secret in err's text. An error that held one is
// replaced by plain text, so unwrapping cannot reach the secret either;
// the outbox's classifying wrappers are kept around it.
func (n *Notifier) redact(err error) error {
	msg := err.Error()
	clean := msg
	for _, s := range n.secrets {
		if len(s) >= minSecret {
			clean = strings.ReplaceAll(clean, s, "[redacted]")
		}
	}
	if clean == msg {
		return err
	}
	var api *APIError
	if errors.As(err, &api) {
		return &redacted{msg: clean, api: api}
	}
	return errors.New(clean)
}

// redacted is an error whose text had a secret, keeping the APIError
// (which holds none) for classification.
type redacted struct {
	msg string
	api *APIError
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.api }
