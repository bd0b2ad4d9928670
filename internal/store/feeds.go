package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedState is what the store remembers about polling one feed.
type FeedState struct {
	Name         string
	URL          string
	ETag         string
	LastModified string
	LastPoll     time.Time
	LastSuccess  time.Time // zero: never polled successfully (the next success is the first poll)
	LastError    string
	LastErrorAt  time.Time
	Failures     int       // consecutive failed polls
	NextPoll     time.Time // not before this (backoff, Retry-After); zero: whenever scheduled
	ItemsSeen    int
}

const feedColumns = `name, url, etag, last_modified, last_poll, last_success, last_error, last_error_at, failures, next_poll, items_seen`

func scanFeed(row interface{ Scan(...any) error }) (FeedState, error) {
	var f FeedState
	var lastPoll, lastSuccess, lastErrorAt, nextPoll sql.NullInt64
	err := row.Scan(&f.Name, &f.URL, &f.ETag, &f.LastModified, &lastPoll, &lastSuccess, &f.LastError, &lastErrorAt, &f.Failures, &nextPoll, &f.ItemsSeen)
	f.LastPoll, f.LastSuccess, f.LastErrorAt, f.NextPoll = fromUnix(lastPoll), fromUnix(lastSuccess), fromUnix(lastErrorAt), fromUnix(nextPoll)
	return f, err
}

// Feed returns the state of the named feed; a feed never polled has a zero
// state with only Name set.
func (s *Store) Feed(ctx context.Context, name string) (FeedState, error) {
	f, err := scanFeed(s.r.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedState{Name: name}, nil
	}
	if err != nil {
		return FeedState{}, fmt.Errorf("store: feed %s: %w", name, err)
	}
	return f, nil
}

// Feeds returns every feed's state, by name.
func (s *Store) Feeds(ctx context.Context) ([]FeedState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []FeedState
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: feeds: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// PollSuccess records a successful poll (including a 304) with the
// validators to send next time.
func (s *Store) PollSuccess(ctx context.Context, name, url, etag, lastModified string, itemsSeen int, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `
INSERT INTO feeds (name, url, etag, last_modified, last_poll, last_success, failures, next_poll, items_seen)
VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?)
ON CONFLICT (name) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
	last_poll = excluded.last_poll, last_success = excluded.last_success, failures = 0, next_poll = NULL,
	items_seen = items_seen + excluded.items_seen`,
		name, url, etag, lastModified, now.Unix(), now.Unix(), itemsSeen)
	if err != nil {
		return fmt.Errorf("store: record poll of %s: %w", name, err)
	}
	return nil
}

// PollFailure records a failed poll and returns the number of consecutive
// failures, this one included. next is the earliest next attempt.
func (s *Store) PollFailure(ctx context.Context, name, url, msg string, now, next time.Time) (int, error) {
	var failures int
	err := s.w.QueryRowContext(ctx, `
INSERT INTO feeds (name, url, last_poll, last_error, last_error_at, failures, next_poll)
VALUES (?, ?, ?, ?, ?, 1, ?)
ON CONFLICT (name) DO UPDATE SET url = excluded.url, last_poll = excluded.last_poll, last_error = excluded.last_error,
	last_error_at = excluded.last_error_at, failures = failures + 1, next_poll = excluded.next_poll
RETURNING failures`,
		name, url, now.Unix(), msg, now.Unix(), unix(next)).Scan(&failures)
	if err != nil {
		return 0, fmt.Errorf("store: record failure of %s: %w", name, err)
	}
	return failures, nil
}
