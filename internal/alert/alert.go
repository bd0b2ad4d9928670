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
	// Paywalled: the article's page is for subscribers, so the summary and
	// quotes come from the part it shows (and the feed's text); absent when not.
	Paywalled bool `json:"paywalled,omitempty"`
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
	// KindEdit changes a message posted earlier (Target) to read as Alert
	// with the outlets Also: a story's alert gaining the story's later
	// articles, or an alert whose article was corrected. When Digest is set
	// the message is a digest (flood control) and reads as Title and
	// Digest: its alerts, each story's later articles among them. The delivery
	// states the whole message, not a difference, so an edit repeated
	// (a retry, a restart) leaves the message as one edit would.
	KindEdit = "edit"
	// KindFollowUp is a new message under a message posted earlier
	// (Target): Alert is the story's later article, its Summary and Quotes
	// only what that article adds to the story. It goes into the target's
	// thread when InThread is set (the thread is Thread, or is started
	// from Target when Thread is empty), else it replies to Target.
	KindFollowUp = "followup"
)

// Outlet is a further article of an alert's story, listed by an edit of
// the story's alert message ("Also: Reuters, BBC +3").
type Outlet struct {
	Feed      string     `json:"feed"`
	Title     string     `json:"title"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
	// ByTitle is set on a later article of an outlet the message names
	// already (the alert's own, or one listed before) whose title tells of
	// something that outlet's earlier titles did not: it is listed by its
	// title ("daily: Putin visits Rome…"), not left out as a repeat.
	ByTitle bool `json:"by_title,omitempty"`
}

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
	// Target is the platform's ID of the message a KindEdit changes or a
	// KindFollowUp follows (the Receipt.MessageID of its delivery).
	Target string
	// Thread is the platform's ID of the thread the target message started
	// or was posted in (the Receipt.ThreadID recorded with it), "" when
	// none is known yet.
	Thread string
	// InThread: a KindFollowUp goes into the target's thread (starting it
	// when Thread is empty); false: it replies to the target.
	InThread bool
	// Also is, for a KindEdit, the further articles of the alert's story,
	// oldest first; the message lists them under the alert.
	Also []Outlet
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
	// ThreadID is the thread the message started or was posted in, when
	// there is one: a forum post, a thread started for a follow-up. It is
	// recorded with the target message and handed back as Delivery.Thread.
	ThreadID string
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
//
// A KindEdit is delivered by changing the Target message to the state the
// delivery describes; done twice it changes nothing more. An edit whose
// target is gone (deleted by a person) is Permanent. A KindFollowUp is a
// post like an alert (looked for by its reference when SentAt is set).
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
	// Platform names who refused them in notices: "Slack"; "" is Discord.
	Platform string
}

// RefusedBy is the platform that refused the credentials.
func (e *AuthError) RefusedBy() string {
	if e.Platform == "" {
		return "Discord"
	}
	return e.Platform
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
