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

// OutboxSummary is what Outbox and AlertStats return. The outbox keeps
// every delivery, with its payload, until retention prunes it: its counts
// and each watch's last delivery are read from the index outbox_watch
// alone (migration 13), in its order, not from the rows; only when
// something waits are those rows read (through outbox_pending), for the
// oldest one and the alerts held for digests.
func (s *Store) OutboxSummary(ctx context.Context) (stats OutboxStats, alerts map[string]AlertStat, held int, err error) {
	alerts = map[string]AlertStat{}
	err = s.eachRow(ctx, outboxCountsSQL, func(rows *sql.Rows) error {
		var watch string
		var alert bool
		var pending, delivered, refused int
		var last sql.NullInt64
		if err := rows.Scan(&watch, &alert, &pending, &delivered, &refused, &last); err != nil {
			return err
		}
		stats.Pending += pending
		stats.Delivered += delivered
		stats.Refused += refused
		if alert {
			alerts[watch] = AlertStat{LastDelivered: fromUnix(last)}
		}
		return nil
	})
	if err != nil || stats.Pending == 0 {
		return stats, alerts, 0, err
	}
	err = s.eachRow(ctx, outboxWaitingSQL, func(rows *sql.Rows) error {
		var watch string
		var oldest sql.NullInt64
		var heldHere int
		if err := rows.Scan(&watch, &oldest, &heldHere); err != nil {
			return err
		}
		if t := fromUnix(oldest); !t.IsZero() && (stats.Oldest.IsZero() || t.Before(stats.Oldest)) {
			stats.Oldest = t
		}
		if heldHere > 0 {
			a := alerts[watch]
			a.Held = heldHere
			alerts[watch] = a
			held += heldHere
		}
		return nil
	})
	return stats, alerts, held, err
}

const (
	// outboxCountsSQL is every delivery's state, by watch and kind.
	outboxCountsSQL = `SELECT watch, kind = 'alert',
	SUM(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END),
	MAX(delivered_at)
FROM outbox GROUP BY watch, kind`
	// outboxWaitingSQL is what waits, by watch: since when, and how many
	// alerts for a digest.
	outboxWaitingSQL = `SELECT watch, MIN(created_at), SUM(CASE WHEN held = 1 AND kind = 'alert' THEN 1 ELSE 0 END)
FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL GROUP BY watch`
)

// eachRow runs a query of the outbox summary and calls fn on each row.
func (s *Store) eachRow(ctx context.Context, query string, fn func(*sql.Rows) error) error {
	rows, err := s.r.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("store: outbox summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("store: outbox summary: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: outbox summary: %w", err)
	}
	return nil
}
