// Package alert holds what the pipeline and the chat side share: the alert
// (whose JSON form is a public contract: fields are added, never renamed),
// the delivery of one message to one channel, and the Notifier interface
// through which the pipeline delivers and which each chat platform
// satisfies, with the errors that tell the outbox what to do next.
package alert

import (
	"context"
	"errors"
	"time"
)

// Alert is one (article, watch) match ready to be delivered. Its JSON form is
// the line newshound writes to standard output for watches without channels:
// a public contract documented in the README. Fields may be added; none are
// renamed or removed.
type Alert struct {
	Watch     string     `json:"watch"`
	Feed      string     `json:"feed"`
	Title     string     `json:"title"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"` // RFC 3339; null when the item carries no date
	Summary   string     `json:"summary"`
	Quotes    []Quote    `json:"quotes"`
	Matched   []string   `json:"matched"` // the matching terms as they appear in the article
	Why       []Why      `json:"why"`     // where each term matched, with a snippet
	Image     string     `json:"image,omitempty"`
	Byline    string     `json:"byline,omitempty"`
	Story     int64      `json:"story,omitempty"` // the story the article reports (package story); absent when unknown
}

// Update is the standard-output line for an article of a story that already
// alerted its watch: the story alerts once, and each later article that
// matches the watch adds this line instead of a second alert.
type Update struct {
	Kind      string     `json:"kind"` // always "update"; alert lines have no kind
	Watch     string     `json:"watch"`
	Story     int64      `json:"story"` // the story of the alert this adds to
	Feed      string     `json:"feed"`
	Title     string     `json:"title"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

// Quote is a direct quote carried by an alert.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"` // empty when the article does not say who
}

// Why explains one hit of a watch's query.
type Why struct {
	Term    string `json:"term"`    // the query term as written in the watch
	Field   string `json:"field"`   // title, body, feed, author or lang
	Snippet string `json:"snippet"` // the text around the hit
}

// Kinds of Delivery.
const (
	KindAlert  = "alert"  // one alert: Alert
	KindDigest = "digest" // several alerts in one message: Title, Digest
	KindNotice = "notice" // an operations notice: Title, Text
)

// Delivery is one message for one configured channel, built from the outbox.
type Delivery struct {
	ID      int64  // outbox row (the first, for a digest); stable across retries and restarts
	Channel string // the channel's name in the config
	Nonce   string // unique per message, stable across retries: lets Discord drop a repeated post
	Attempt int    // 1 on the first try
	Kind    string // KindAlert, KindDigest or KindNotice ("" is KindAlert)
	Alert   Alert  // KindAlert
	Digest  []Alert
	Title   string // KindDigest and KindNotice
	Text    string // KindNotice
	// SentAt is when an earlier attempt to post this message began; zero
	// when none can have reached the channel. When set, the Notifier looks
	// for the message (by the reference derived from Nonce that every
	// message carries) before posting it again, where it can.
	SentAt time.Time
}

// Receipt is what a Notifier reports of a delivered message.
type Receipt struct {
	MessageID string // Discord's ID of the message ("" when not known)
	// Found: an earlier attempt had posted the message, which was found in
	// the channel; nothing was posted now.
	Found bool
}

// Notice is an operations message for the ops channel.
type Notice struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Notifier delivers alerts to chat channels. bot.Bot satisfies it.
//
// Deliver returns nil once the channel has the alert. An error wrapped by
// Permanent means retrying cannot help (unknown channel, missing permission,
// a refused payload); an AuthError (Unauthorized) means the destination's
// credentials were refused: the outbox pauses that destination and keeps
// its messages; any other error is retried with backoff. An error that
// implements RetryAfter() time.Duration sets the earliest retry, one that
// implements Cause() string names its cause (for announcing a refusal once
// per channel and cause), and one whose NotPosted() reports true says that
// Discord answered and stored nothing (the retry need not look for it).
type Notifier interface {
	Deliver(ctx context.Context, d Delivery) (Receipt, error)
}

// AuthError is a delivery refused because Discord refused the credentials
// used: the bot token, or a webhook's token. Retrying cannot help until the
// credentials are fixed, and the message is not at fault.
type AuthError struct {
	// Destination names the credentials ("bot token", "webhook 1234…"); it
	// never holds a secret. Channels sharing it fail and recover together.
	Destination string
	Err         error
}

func (e *AuthError) Error() string { return e.Err.Error() }
func (e *AuthError) Unwrap() error { return e.Err }

// Unauthorized wraps err as an AuthError of destination.
func Unauthorized(destination string, err error) error {
	return &AuthError{Destination: destination, Err: err}
}

// PermanentError marks a delivery failure that retrying cannot fix.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps err so the outbox records it and stops retrying.
func Permanent(err error) error { return &PermanentError{Err: err} }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
