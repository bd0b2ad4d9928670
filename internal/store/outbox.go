package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Outbox kinds.
const (
	KindAlert  = "alert"  // an alert of a watch about an article
	KindNotice = "notice" // an operations notice (feed failing, delivery refused)
)

// Outbox ops: what a row does to its channel (migration 8).
const (
	OpPost     = "post"     // post a new message (an alert, a notice)
	OpEdit     = "edit"     // edit the message of Target to list one more outlet of its story (payload: alert.Outlet)
	OpCorrect  = "correct"  // edit the message of Target to read as a corrected alert (payload: alert.Alert)
	OpFollowUp = "followup" // post a message under the message of Target, in its thread or as a reply (payload: alert.Alert)
)

// OutboxItem is one queued delivery.
type OutboxItem struct {
	ID          int64
	Kind        string
	Op          string // OpPost, OpEdit, OpCorrect or OpFollowUp
	StoryID     int64  // the story of the article, 0 when none
	TargetID    int64  // the row whose message an edit changes or a follow-up follows
	ThreadID    string // the thread the delivered message started or lives in
	MessageID   string // the chat message's ID, once delivered
	DeliveredAt time.Time
	Refused     bool  // failed_at is set: refused for good
	ArticleID   int64 // 0 for notices
	Watch       string
	Channel     string // "" is standard output
	Payload     []byte
	Nonce       string
	CreatedAt   time.Time
	Attempts    int
	NextAttempt time.Time
	LastError   string
	// SentAt is when the last attempt to post began; set on an undelivered
	// item, the message may have reached the channel (a crash or a lost
	// response after the post).
	SentAt time.Time
}

// newNonce returns a 20-character random token (Discord accepts nonces of up
// to 25 characters).
func newNonce() string {
	var b [10]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// DueDeliveries returns undelivered, unrefused posts (OpPost, OpFollowUp)
// whose next attempt is due at now, oldest first; alerts held for a digest
// are not among them, nor edits (DueEdits), which never hold a channel's
// posts back.
// A channel whose oldest waiting delivery is not due (it is being retried,
// or the channel is over its hourly budget) gives none: a channel's
// messages go out in order, so its head blocks it. The channels in skip
// (being delivered, or paused) give none either, so that their backlog does
// not fill the limit and keep the other channels' deliveries from being read.
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, limit int, skip ...string) ([]OutboxItem, error) {
	return s.DueDeliveriesOf(ctx, now, limit, nil, skip...)
}

// DueDeliveriesOf is DueDeliveries of the given channels only (nil: of
// every channel; "" is standard output): those an instance delivers when
// several share the outbox.
func (s *Store) DueDeliveriesOf(ctx context.Context, now time.Time, limit int, channels []string, skip ...string) ([]OutboxItem, error) {
	if channels != nil && len(channels) == 0 {
		return nil, nil
	}
	args := []any{now.Unix(), now.Unix()}
	notSkipped := ""
	if channels != nil {
		notSkipped = "AND channel IN (?" + strings.Repeat(",?", len(channels)-1) + ")\n"
		for _, ch := range channels {
			args = append(args, ch)
		}
	}
	if len(skip) > 0 {
		notSkipped += "AND channel NOT IN (?" + strings.Repeat(",?", len(skip)-1) + ")\n"
		for _, ch := range skip {
			args = append(args, ch)
		}
	}
	return s.outbox(ctx, `WHERE delivered_at IS NULL AND failed_at IS NULL AND held = 0 AND op IN ('post', 'followup') AND next_attempt <= ?
AND channel NOT IN (
	SELECT o.channel FROM outbox o JOIN (
		SELECT MIN(id) AS head FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND held = 0 AND op IN ('post', 'followup') GROUP BY channel
	) h ON o.id = h.head
	WHERE o.next_attempt > ?)
`+notSkipped+`ORDER BY id LIMIT ?`, append(args, limit)...)
}

// DueStdout is DueDeliveries for standard output only: what can be delivered
// when no chat is configured, however many chat deliveries wait before it.
func (s *Store) DueStdout(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	return s.outbox(ctx, `WHERE delivered_at IS NULL AND failed_at IS NULL AND held = 0 AND channel = '' AND next_attempt <= ? ORDER BY id LIMIT ?`, now.Unix(), limit)
}

// HeldDeliveries returns the alerts of the given watches waiting for their
// digest, oldest first.
func (s *Store) HeldDeliveries(ctx context.Context, watches []string) ([]OutboxItem, error) {
	if len(watches) == 0 {
		return nil, nil
	}
	args := make([]any, len(watches))
	for i, w := range watches {
		args[i] = w
	}
	return s.outbox(ctx, `WHERE held = 1 AND op = 'post' AND delivered_at IS NULL AND failed_at IS NULL AND watch IN (?`+strings.Repeat(",?", len(watches)-1)+`) ORDER BY id`, args...)
}

func (s *Store) outbox(ctx context.Context, where string, args ...any) ([]OutboxItem, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT id, kind, op, COALESCE(story_id, 0), COALESCE(target_id, 0), thread_id, message_id, delivered_at, failed_at IS NOT NULL,
	COALESCE(article_id, 0), watch, channel, payload, nonce, created_at, attempts, next_attempt, last_error, sent_at
FROM outbox `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		var it OutboxItem
		var payload string
		var created, next, sent, delivered sql.NullInt64
		if err := rows.Scan(&it.ID, &it.Kind, &it.Op, &it.StoryID, &it.TargetID, &it.ThreadID, &it.MessageID, &delivered, &it.Refused, &it.ArticleID, &it.Watch, &it.Channel, &payload, &it.Nonce, &created, &it.Attempts, &next, &it.LastError, &sent); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		it.Payload, it.CreatedAt, it.NextAttempt, it.SentAt = []byte(payload), fromUnix(created), fromUnix(next), fromUnix(sent)
		it.DeliveredAt = fromUnix(delivered)
		out = append(out, it)
	}
	return out, rows.Err()
}

// QueueNotice queues an operations notice for channel.
func (s *Store) QueueNotice(ctx context.Context, channel string, payload []byte, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO outbox (kind, channel, payload, nonce, created_at, next_attempt) VALUES ('notice', ?, ?, ?, ?, ?)`,
		channel, string(payload), newNonce(), now.Unix(), now.Unix())
	if err != nil {
		return fmt.Errorf("store: queue notice: %w", err)
	}
	s.wrote()
	return nil
}

// PostsSince returns how many messages were posted to channel since the
// given time, and when the earliest of them was posted.
func (s *Store) PostsSince(ctx context.Context, channel string, since time.Time) (int, time.Time, error) {
	var n int
	var first sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*), MIN(posted_at) FROM posts WHERE channel = ? AND posted_at >= ?`, channel, since.Unix()).Scan(&n, &first)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: posts of %s: %w", channel, err)
	}
	return n, fromUnix(first), nil
}

// Defer moves the next attempt of deliveries ids to next without counting an
// attempt (flood control).
func (s *Store) Defer(ctx context.Context, next time.Time, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt = ? WHERE id = ?`, next.Unix(), id); err != nil {
				return fmt.Errorf("store: defer %d: %w", id, err)
			}
		}
		return nil
	})
}

// MarkSending records that an attempt to post deliveries ids begins now: until
// they are marked delivered, a crash or a lost response leaves them marked
// as possibly posted (OutboxItem.SentAt).
func (s *Store) MarkSending(ctx context.Context, now time.Time, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ? WHERE id = ?`, now.Unix(), id); err != nil {
				return fmt.Errorf("store: mark sending %d: %w", id, err)
			}
		}
		return nil
	})
}

// ClearSending removes MarkSending's mark: the attempt is known not to have
// posted anything (Discord answered with an error).
func (s *Store) ClearSending(ctx context.Context, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = NULL WHERE id = ?`, id); err != nil {
				return fmt.Errorf("store: clear sending %d: %w", id, err)
			}
		}
		return nil
	})
}

// MarkDelivered records that the deliveries ids reached channel in one
// message ("" is standard output, where nothing is counted), in one
// transaction.
func (s *Store) MarkDelivered(ctx context.Context, now time.Time, channel string, ids ...int64) error {
	return s.MarkPosted(ctx, now, channel, "", ids...)
}

// MarkPosted is MarkDelivered recording the chat message's ID as well.
func (s *Store) MarkPosted(ctx context.Context, now time.Time, channel, messageID string, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if channel != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO posts (channel, posted_at) VALUES (?, ?)`, channel, now.Unix()); err != nil {
				return fmt.Errorf("store: record post: %w", err)
			}
		}
		stmt := tx.StmtContext(ctx, s.stmts.markDelivered)
		for _, id := range ids {
			if _, err := stmt.ExecContext(ctx, now.Unix(), id); err != nil {
				return fmt.Errorf("store: mark delivered %d: %w", id, err)
			}
			if messageID != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET message_id = ? WHERE id = ?`, messageID, id); err != nil {
					return fmt.Errorf("store: mark delivered %d: %w", id, err)
				}
			}
		}
		return nil
	})
}

// MarkRetry records a failed attempt to be retried at next.
func (s *Store) MarkRetry(ctx context.Context, id int64, msg string, next time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?`, msg, next.Unix(), id)
	if err != nil {
		return fmt.Errorf("store: mark retry %d: %w", id, err)
	}
	s.wrote()
	return nil
}

// NoteError records why deliveries ids wait without counting an attempt or
// moving their next one (a paused destination: the message is not at
// fault), for `status` to show.
func (s *Store) NoteError(ctx context.Context, msg string, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET last_error = ? WHERE id = ?`, msg, id); err != nil {
				return fmt.Errorf("store: note error %d: %w", id, err)
			}
		}
		return nil
	})
}

// MarkRefused records a permanent refusal of deliveries ids: they are not
// retried.
func (s *Store) MarkRefused(ctx context.Context, msg string, now time.Time, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?`, msg, now.Unix(), id); err != nil {
				return fmt.Errorf("store: mark refused %d: %w", id, err)
			}
		}
		return nil
	})
}

// OutboxStats summarises the outbox.
type OutboxStats struct {
	Pending   int
	Oldest    time.Time // creation time of the oldest pending delivery
	Delivered int
	Refused   int
}

// ChannelWaiting is what waits in the outbox for one channel ("" is
// standard output): deliveries neither delivered nor refused, alerts held
// for a digest left out.
type ChannelWaiting struct {
	Channel   string
	Waiting   int
	Oldest    time.Time // creation time of the oldest
	LastError string    // the oldest's last failed attempt; "" when none failed
}

// WaitingByChannel returns what waits for each channel, by channel name.
func (s *Store) WaitingByChannel(ctx context.Context) ([]ChannelWaiting, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT o.channel, o.n, o.oldest, COALESCE(h.last_error, '')
FROM (SELECT channel, COUNT(*) AS n, MIN(created_at) AS oldest, MIN(id) AS head FROM outbox
	WHERE delivered_at IS NULL AND failed_at IS NULL AND held = 0 GROUP BY channel) o
JOIN outbox h ON h.id = o.head
ORDER BY o.channel`)
	if err != nil {
		return nil, fmt.Errorf("store: outbox by channel: %w", err)
	}
	defer rows.Close()
	var out []ChannelWaiting
	for rows.Next() {
		var c ChannelWaiting
		var oldest sql.NullInt64
		if err := rows.Scan(&c.Channel, &c.Waiting, &oldest, &c.LastError); err != nil {
			return nil, fmt.Errorf("store: outbox by channel: %w", err)
		}
		c.Oldest = fromUnix(oldest)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outbox by channel: %w", err)
	}
	return out, nil
}

// Outbox returns the outbox's counts.
func (s *Store) Outbox(ctx context.Context) (OutboxStats, error) {
	var st OutboxStats
	var oldest sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT
	COALESCE(SUM(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
	MIN(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN created_at END),
	COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0)
FROM outbox`).Scan(&st.Pending, &oldest, &st.Delivered, &st.Refused)
	st.Oldest = fromUnix(oldest)
	if err != nil {
		return st, fmt.Errorf("store: outbox stats: %w", err)
	}
	return st, nil
}
