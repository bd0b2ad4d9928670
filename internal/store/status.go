package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The reads of `newshound status`, a command that must start and finish in
// a few milliseconds and megabytes (issue 16): each reads only the columns
// status prints, hands rows over one at a time instead of building a slice
// of them, and reads a table once.

// FeedStatus is what status shows of one feed's polling.
type FeedStatus struct {
	Name        string
	LastSuccess time.Time // zero: never polled successfully
	Failures    int       // consecutive failed polls
	NextPoll    time.Time // not before this; zero: whenever scheduled
	LastError   string    // the last poll's error while Failures > 0, else ""
	ItemsSeen   int       // as FeedState.ItemsSeen: 0 means no poll ever returned an item
}

// EachFeedStatus calls fn with the status of every feed the store has a
// state for, in no particular order, and stops at fn's first error.
func (s *Store) EachFeedStatus(ctx context.Context, fn func(FeedStatus) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT name, last_success, failures, next_poll,
	CASE WHEN failures > 0 THEN last_error ELSE '' END, items_seen FROM feeds`)
	if err != nil {
		return fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f FeedStatus
		var lastSuccess, nextPoll sql.NullInt64
		if err := rows.Scan(&f.Name, &lastSuccess, &f.Failures, &nextPoll, &f.LastError, &f.ItemsSeen); err != nil {
			return fmt.Errorf("store: feeds: %w", err)
		}
		f.LastSuccess, f.NextPoll = fromUnix(lastSuccess), fromUnix(nextPoll)
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: feeds: %w", err)
	}
	return nil
}

// OutboxSummary is what Outbox and AlertStats return, from one read of the
// outbox instead of two (both read every row: it keeps what was delivered
// until retention prunes it).
func (s *Store) OutboxSummary(ctx context.Context) (stats OutboxStats, alerts map[string]AlertStat, held int, err error) {
	rows, err := s.r.QueryContext(ctx, `SELECT watch, CASE WHEN kind = 'alert' THEN 1 ELSE 0 END,
	COALESCE(SUM(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
	MIN(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN created_at END),
	COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN held = 1 AND delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
	MAX(delivered_at)
FROM outbox GROUP BY watch, CASE WHEN kind = 'alert' THEN 1 ELSE 0 END`)
	if err != nil {
		return stats, nil, 0, fmt.Errorf("store: outbox summary: %w", err)
	}
	defer rows.Close()
	alerts = map[string]AlertStat{}
	for rows.Next() {
		var watch string
		var alert bool
		var pending, delivered, refused, heldHere int
		var oldest, last sql.NullInt64
		if err := rows.Scan(&watch, &alert, &pending, &oldest, &delivered, &refused, &heldHere, &last); err != nil {
			return stats, nil, 0, fmt.Errorf("store: outbox summary: %w", err)
		}
		stats.Pending += pending
		stats.Delivered += delivered
		stats.Refused += refused
		if t := fromUnix(oldest); !t.IsZero() && (stats.Oldest.IsZero() || t.Before(stats.Oldest)) {
			stats.Oldest = t
		}
		if alert {
			alerts[watch] = AlertStat{Held: heldHere, LastDelivered: fromUnix(last)}
			held += heldHere
		}
	}
	if err := rows.Err(); err != nil {
		return stats, nil, 0, fmt.Errorf("store: outbox summary: %w", err)
	}
	return stats, alerts, held, nil
}
