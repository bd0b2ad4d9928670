package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// OutboxItem is one queued delivery.
type OutboxItem struct {
	ID          int64
	ArticleID   int64
	Watch       string
	Channel     string // "" is standard output
	Payload     []byte
	Nonce       string
	CreatedAt   time.Time
	Attempts    int
	NextAttempt time.Time
	LastError   string
}

// newNonce returns a 20-character random token (Discord accepts nonces of up
// to 25 characters).
func newNonce() string {
	var b [10]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// DueDeliveries returns undelivered, unrefused deliveries whose next attempt
// is due at now, oldest first.
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT id, article_id, watch, channel, payload, nonce, created_at, attempts, next_attempt, last_error
FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt <= ?
ORDER BY id LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: due deliveries: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		var it OutboxItem
		var payload string
		var created, next sql.NullInt64
		if err := rows.Scan(&it.ID, &it.ArticleID, &it.Watch, &it.Channel, &payload, &it.Nonce, &created, &it.Attempts, &next, &it.LastError); err != nil {
			return nil, fmt.Errorf("store: due deliveries: %w", err)
		}
		it.Payload, it.CreatedAt, it.NextAttempt = []byte(payload), fromUnix(created), fromUnix(next)
		out = append(out, it)
	}
	return out, rows.Err()
}

// MarkDelivered records that the deliveries ids reached their channels, in
// one transaction.
func (s *Store) MarkDelivered(ctx context.Context, now time.Time, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		stmt := tx.StmtContext(ctx, s.stmts.markDelivered)
		for _, id := range ids {
			if _, err := stmt.ExecContext(ctx, now.Unix(), id); err != nil {
				return fmt.Errorf("store: mark delivered %d: %w", id, err)
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
	return nil
}

// MarkRefused records a permanent refusal: the delivery is not retried.
func (s *Store) MarkRefused(ctx context.Context, id int64, msg string, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?`, msg, now.Unix(), id)
	if err != nil {
		return fmt.Errorf("store: mark refused %d: %w", id, err)
	}
	return nil
}

// OutboxStats summarises the outbox.
type OutboxStats struct {
	Pending   int
	Oldest    time.Time // creation time of the oldest pending delivery
	Delivered int
	Refused   int
}

// Outbox returns the outbox's counts.
func (s *Store) Outbox(ctx context.Context) (OutboxStats, error) {
	var st OutboxStats
	var oldest sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT
	COALESCE(SUM(delivered_at IS NULL AND failed_at IS NULL), 0),
	MIN(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN created_at END),
	COALESCE(SUM(delivered_at IS NOT NULL), 0),
	COALESCE(SUM(failed_at IS NOT NULL), 0)
FROM outbox`).Scan(&st.Pending, &oldest, &st.Delivered, &st.Refused)
	st.Oldest = fromUnix(oldest)
	if err != nil {
		return st, fmt.Errorf("store: outbox stats: %w", err)
	}
	return st, nil
}
