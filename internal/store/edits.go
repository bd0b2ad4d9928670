package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Edits of posted messages. A story's alert is posted once per watch and
// channel; each later article of the story queues an OpEdit row (and maybe
// an OpFollowUp) targeting that alert's row, and an alerted article whose
// title or text changes queues an OpCorrect. Edits are delivered apart from
// the channel's posts (DueEdits): they wait for their target's message, they
// never hold a channel's new posts back, and all the edits pending for one
// message go out as one (coalesced), stating the message's whole content,
// so an edit repeated after a crash changes nothing more.

// DueEdits returns, oldest first, the undelivered, unrefused edits
// (OpEdit, OpCorrect) due at now whose target's message is delivered or
// refused; edits of the channels in skip are left out.
func (s *Store) DueEdits(ctx context.Context, now time.Time, limit int, skip ...string) ([]OutboxItem, error) {
	args := []any{now.Unix()}
	notSkipped := ""
	if len(skip) > 0 {
		notSkipped = "AND channel NOT IN (?" + strings.Repeat(",?", len(skip)-1) + ")\n"
		for _, ch := range skip {
			args = append(args, ch)
		}
	}
	return s.outbox(ctx, `WHERE delivered_at IS NULL AND failed_at IS NULL AND op IN ('edit', 'correct') AND next_attempt <= ?
AND target_id IN (SELECT t.id FROM outbox t WHERE t.delivered_at IS NOT NULL OR t.failed_at IS NOT NULL)
`+notSkipped+`ORDER BY id LIMIT ?`, append(args, limit)...)
}

// DueEditsIn is DueEdits for one channel.
func (s *Store) DueEditsIn(ctx context.Context, channel string, now time.Time, limit int) ([]OutboxItem, error) {
	return s.outbox(ctx, `WHERE delivered_at IS NULL AND failed_at IS NULL AND op IN ('edit', 'correct') AND channel = ? AND next_attempt <= ?
AND target_id IN (SELECT t.id FROM outbox t WHERE t.delivered_at IS NOT NULL OR t.failed_at IS NOT NULL)
ORDER BY id LIMIT ?`, channel, now.Unix(), limit)
}

// EditTarget is a posted message and what its edits make of it.
type EditTarget struct {
	Row OutboxItem // the row that posted the message (Row.MessageID: "" when not delivered)
	// Shared is how many rows the message delivered: more than one when it
	// was a digest (flood control), which an edit states whole (MessageRows).
	Shared int
	// Edits are the target's OpEdit and OpCorrect rows not refused,
	// delivered or pending, oldest first; LastEdit is when the last one was
	// delivered (zero: never edited).
	Edits    []OutboxItem
	LastEdit time.Time
}

// EditTarget returns the message of outbox row id with its edits.
func (s *Store) EditTarget(ctx context.Context, id int64) (EditTarget, error) {
	var t EditTarget
	rows, err := s.outbox(ctx, `WHERE id = ?`, id)
	if err != nil {
		return t, err
	}
	if len(rows) == 0 {
		return t, fmt.Errorf("store: edit target %d: no such outbox row", id)
	}
	t.Row = rows[0]
	if t.Row.MessageID != "" {
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE channel = ? AND message_id = ?`, t.Row.Channel, t.Row.MessageID).Scan(&t.Shared); err != nil {
			return t, fmt.Errorf("store: edit target %d: %w", id, err)
		}
	}
	if t.Edits, err = s.outbox(ctx, `WHERE target_id = ? AND op IN ('edit', 'correct') AND failed_at IS NULL ORDER BY id`, id); err != nil {
		return t, err
	}
	for _, e := range t.Edits {
		if e.DeliveredAt.After(t.LastEdit) {
			t.LastEdit = e.DeliveredAt
		}
	}
	return t, nil
}

// MessageRows returns the rows delivered as one message of a channel (a
// digest holds several), oldest first, each with its edits as EditTarget
// gives them.
func (s *Store) MessageRows(ctx context.Context, channel, messageID string) ([]EditTarget, error) {
	rows, err := s.outbox(ctx, `WHERE channel = ? AND message_id = ? ORDER BY id`, channel, messageID)
	if err != nil {
		return nil, err
	}
	out := make([]EditTarget, len(rows))
	for i, r := range rows {
		out[i] = EditTarget{Row: r, Shared: len(rows)}
		if out[i].Edits, err = s.outbox(ctx, `WHERE target_id = ? AND op IN ('edit', 'correct') AND failed_at IS NULL ORDER BY id`, r.ID); err != nil {
			return nil, err
		}
		for _, e := range out[i].Edits {
			if e.DeliveredAt.After(out[i].LastEdit) {
				out[i].LastEdit = e.DeliveredAt
			}
		}
	}
	return out, nil
}

// MarkEdited records that edit rows ids are delivered (in one edit of their
// message); unlike MarkPosted it counts no post against the channel's
// hourly budget.
func (s *Store) MarkEdited(ctx context.Context, now time.Time, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?`, now.Unix(), id); err != nil {
				return fmt.Errorf("store: mark edited %d: %w", id, err)
			}
		}
		return nil
	})
}

// SetThread records the thread that the message of outbox row id started
// or lives in.
func (s *Store) SetThread(ctx context.Context, id int64, thread string) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE outbox SET thread_id = ? WHERE id = ?`, thread, id); err != nil {
		return fmt.Errorf("store: thread of %d: %w", id, err)
	}
	s.wrote()
	return nil
}

// CorrectArticle records a processed article whose title or text changed
// after it was recorded (a correction, a live story): its new fields and
// quotes, its matches' explanations, and for each of its alerts posted (or
// to be posted) alone in a chat channel an OpCorrect edit of that message
// to read as the new alert (the delivery of c's match for that channel).
// Matches new to the article are not alerted (it was read before), and
// its full-text entry keeps the text it had. It returns the edits queued.
func (s *Store) CorrectArticle(ctx context.Context, c Completion, now time.Time) (int, error) {
	queued := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		queued = 0
		a := c.Article
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET title = ?, feed_text = ?, text = ?, text_source = ?, lang = ?, image = ?, author = ?, item_sum = ? WHERE id = ?`,
			a.Title, a.FeedText, storedText(a), a.TextSource, a.Lang, a.Image, a.Author, a.itemSum(), a.ID); err != nil {
			return fmt.Errorf("store: correct article %d: %w", a.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM quotes WHERE article_id = ?`, a.ID); err != nil {
			return fmt.Errorf("store: correct article %d: %w", a.ID, err)
		}
		for i, q := range c.Quotes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO quotes (article_id, position, speaker, text) VALUES (?, ?, ?, ?)`, a.ID, i, q.Speaker, q.Text); err != nil {
				return fmt.Errorf("store: correct article %d: %w", a.ID, err)
			}
		}
		for _, m := range c.Matches {
			res, err := tx.ExecContext(ctx, `UPDATE matches SET explanation = ? WHERE article_id = ? AND watch = ?`, m.Explanation, a.ID, m.Watch)
			if err != nil {
				return fmt.Errorf("store: correct match %s: %w", m.Watch, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // not matched before: not alerted
			}
			for _, d := range m.Deliveries {
				if d.Channel == "" || d.Held {
					continue
				}
				var target int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM outbox WHERE article_id = ? AND watch = ? AND channel = ? AND op = 'post'
AND kind = 'alert' AND held = 0 AND failed_at IS NULL ORDER BY id LIMIT 1`, a.ID, m.Watch, d.Channel).Scan(&target)
				if err == sql.ErrNoRows {
					continue // its story's alert is another article's: this one is an outlet in it
				}
				if err != nil {
					return fmt.Errorf("store: alert of article %d: %w", a.ID, err)
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (article_id, watch, channel, payload, nonce, held, created_at, next_attempt, op, story_id, target_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, m.Watch, d.Channel, string(d.Payload), newNonce(), false, now.Unix(), now.Unix(), OpCorrect, nullID(a.StoryID), target); err != nil {
					return fmt.Errorf("store: queue correction: %w", err)
				}
				queued++
			}
		}
		return nil
	})
	return queued, err
}

// nullID is id, or NULL when 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
