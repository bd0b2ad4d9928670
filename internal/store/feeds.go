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
	// ItemsSeen is the most items one document of the feed has returned
	// (whether or not another feed recorded them first); a write never
	// lowers it, so 0 means no poll of the feed ever returned an item.
	// (Databases written before counted the new items recorded instead:
	// also 0 only when nothing ever came.)
	ItemsSeen int
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
