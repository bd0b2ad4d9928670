package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ChatWatch is a watch managed from chat (/watch add), stored beside the
// read-only watches of the configuration file.
type ChatWatch struct {
	Name      string
	Query     string
	Channel   string // a channel name of the configuration
	Paused    bool
	CreatedBy string // the chat user who added it
	CreatedAt time.Time
}

// ErrWatchExists and ErrNoWatch are returned by the chat-watch methods.
var (
	ErrWatchExists = errors.New("a watch with that name already exists")
	ErrNoWatch     = errors.New("no chat-managed watch has that name")
)

// ChatWatches returns every chat-managed watch, by name.
func (s *Store) ChatWatches(ctx context.Context) ([]ChatWatch, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, query, channel, paused, created_by, created_at FROM chat_watches ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: chat watches: %w", err)
	}
	defer rows.Close()
	var out []ChatWatch
	for rows.Next() {
		var w ChatWatch
		var created sql.NullInt64
		if err := rows.Scan(&w.Name, &w.Query, &w.Channel, &w.Paused, &w.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("store: chat watches: %w", err)
		}
		w.CreatedAt = fromUnix(created)
		out = append(out, w)
	}
	return out, rows.Err()
}

// AddChatWatch stores a new chat-managed watch; ErrWatchExists if the name is taken.
func (s *Store) AddChatWatch(ctx context.Context, w ChatWatch) error {
	return s.changeChatWatch(ctx, ErrWatchExists, `INSERT INTO chat_watches (name, query, channel, paused, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		w.Name, w.Query, w.Channel, w.Paused, w.CreatedBy, w.CreatedAt.Unix())
}

// RemoveChatWatch deletes a chat-managed watch; ErrNoWatch if there is none.
func (s *Store) RemoveChatWatch(ctx context.Context, name string) error {
	return s.changeChatWatch(ctx, ErrNoWatch, `DELETE FROM chat_watches WHERE name = ?`, name)
}

// PauseChatWatch pauses or resumes a chat-managed watch; ErrNoWatch if there is none.
func (s *Store) PauseChatWatch(ctx context.Context, name string, paused bool) error {
	return s.changeChatWatch(ctx, ErrNoWatch, `UPDATE chat_watches SET paused = ? WHERE name = ?`, paused, name)
}

// changeChatWatch runs one change of the chat-managed watches; unchanged
// (no row affected) is the error none. On PostgreSQL the other instances
// are told (NotifyWatches) when the change commits.
func (s *Store) changeChatWatch(ctx context.Context, none error, query string, args ...any) error {
	changed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("store: chat watch: %w", err)
		}
		n, _ := res.RowsAffected()
		changed = n > 0
		if changed && s.pg {
			if err := notify(ctx, tx, NotifyWatches); err != nil {
				return fmt.Errorf("store: chat watch: tell the other instances: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !changed {
		return none
	}
	return nil
}
