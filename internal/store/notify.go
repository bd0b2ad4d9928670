package store

import (
	"context"
	"database/sql"
	"log/slog"
	"time"
)

// Notification channels (PostgreSQL LISTEN/NOTIFY) between instances.
const (
	// NotifyWatches: the chat-managed watches changed.
	NotifyWatches = "newshound_watches"
)

// Listen calls changed whenever a notification arrives on channel of the
// PostgreSQL database at url, until ctx is cancelled. It listens on a
// connection of its own, reconnecting after a failure; changed is also
// called after each (re)connection, since notifications sent while no
// connection listened are lost.
func Listen(ctx context.Context, url, channel string, log *slog.Logger, changed func()) {
	first := true
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, channel, !first, changed)
		first = false
		if ctx.Err() != nil {
			return
		}
		log.Warn("listening for changes from other instances failed; reconnecting", "notify", channel, "retry_in", leaderRetry, "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(leaderRetry):
		}
	}
}

func listenOnce(ctx context.Context, url, channel string, catchUp bool, changed func()) error {
	conn, err := connectDedicated(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	// Notifications are per database: those of another schema's
	// installation (the payload names it) are not for this one.
	var schema string
	if err := queryTimeout(ctx, conn, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+quoteIdent(channel)); err != nil {
		return err
	}
	if catchUp {
		changed()
	}
	for {
		// Wake up now and then to find a dead connection.
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			if n.Payload == schema {
				changed()
			}
		case ctx.Err() != nil:
			return nil
		case wctx.Err() != nil:
			pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// notify tells the other instances (Listen) of a change: sent within tx, it
// is delivered when tx commits, and not at all if it does not.
func notify(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, channel string) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_notify($1, current_schema())`, channel)
	return err
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, s[i])
	}
	return string(append(out, '"'))
}
