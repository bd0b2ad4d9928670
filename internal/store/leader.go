package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Leadership of several instances on one PostgreSQL database: work that one
// instance at a time must do (the Discord gateway connection) is done by the
// holder of a session-level advisory lock, held on a connection of its own.
// The lock lives as long as that connection: a holder that dies, or whose
// connection the server finds dead (the connection's TCP keepalives, set
// below, find a vanished peer in about 25 s), loses it, and another instance
// takes it at its next try.

// Leadership names. The advisory lock's key is a hash of the name and the
// database schema (advisory locks are per database; installations in
// different schemas of one database do not share a leader).
const (
	// LeaderGateway is the Discord gateway connection's.
	LeaderGateway = "gateway"
)

// Leader timing: how often a follower tries the lock and the holder checks
// its connection.
const (
	leaderRetry  = 5 * time.Second
	leaderCheck  = 5 * time.Second
	checkTimeout = 5 * time.Second // a query on a dedicated connection
)

// Lead runs lead while this process holds the advisory lock named name of the
// PostgreSQL database at url, until ctx is cancelled. lead's context is
// cancelled when the lock is lost (its connection failed): lead must return
// then, and is run again when the lock is taken again. Lead returns when
// ctx is cancelled, after lead has returned; the lock is given up.
func Lead(ctx context.Context, url, name string, log *slog.Logger, lead func(context.Context)) {
	for ctx.Err() == nil {
		err := leadOnce(ctx, url, name, log, lead)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			log.Warn("leadership: connection failed; trying again", "lock", name, "retry_in", leaderRetry, "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(leaderRetry):
		}
	}
}

// leadOnce connects, waits for the lock and leads until the connection
// fails or ctx is cancelled.
func leadOnce(ctx context.Context, url, name string, log *slog.Logger, lead func(context.Context)) error {
	conn, err := connectDedicated(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var key int64
	if err := queryTimeout(ctx, conn, `SELECT hashtextextended(current_schema() || ':' || $1, 0)`, name).Scan(&key); err != nil {
		return fmt.Errorf("lock key: %w", err)
	}
	for {
		var got bool
		if err := queryTimeout(ctx, conn, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
			return fmt.Errorf("try lock: %w", err)
		}
		if got {
			break
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(leaderRetry):
		}
	}
	// A holder whose connection the server ended may not know yet: it
	// finds out at its next check (leaderCheck, plus the check's own
	// timeout when the network is gone — the server's keepalives take
	// longer than that to end a connection). Lead once that has passed.
	select {
	case <-ctx.Done():
		return nil
	case <-time.After(leaderCheck + checkTimeout):
	}
	log.Info("leadership taken", "lock", name)
	leadCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		lead(leadCtx)
	}()
	defer func() {
		cancel()
		<-done
	}()
	tick := time.NewTicker(leaderCheck)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-done:
			// lead returned by itself: keep the lock (another instance
			// would only do the same), until ctx ends.
			<-ctx.Done()
			return nil
		case <-tick.C:
			var held bool
			err := queryTimeout(ctx, conn, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
AND ((classid::bigint << 32) | objid::bigint) = $1)`, key).Scan(&held)
			if err == nil && !held {
				err = errors.New("the lock is no longer held")
			}
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				log.Warn("leadership lost", "lock", name, "error", err)
				return err
			}
		}
	}
}

// LockOnce is the lock `newshound once` holds while it runs on PostgreSQL:
// it polls and delivers whatever the leases, so two must not run at once.
const LockOnce = "once"

// TryLock takes the advisory lock named name (keyed as Lead's) on a
// connection of its own, without waiting: held is false when another
// session holds it. release gives it up (closing the connection); the lock
// also ends with the process.
func TryLock(ctx context.Context, url, name string) (release func(), held bool, err error) {
	conn, err := connectDedicated(ctx, url)
	if err != nil {
		return nil, false, err
	}
	closeConn := func() { conn.Close(context.WithoutCancel(ctx)) }
	var key int64
	if err := queryTimeout(ctx, conn, `SELECT hashtextextended(current_schema() || ':' || $1, 0)`, name).Scan(&key); err != nil {
		closeConn()
		return nil, false, fmt.Errorf("store: lock key: %w", err)
	}
	if err := queryTimeout(ctx, conn, `SELECT pg_try_advisory_lock($1)`, key).Scan(&held); err != nil {
		closeConn()
		return nil, false, fmt.Errorf("store: try lock %s: %w", name, err)
	}
	if !held {
		closeConn()
		return nil, false, nil
	}
	return closeConn, true, nil
}

// connectDedicated opens a connection of its own (not from a pool) whose
// server side notices a vanished client within about 25 s.
func connectDedicated(ctx context.Context, url string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["tcp_keepalives_idle"] = "10"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "5"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	cfg.RuntimeParams["application_name"] = "newshound"
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(cctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	return conn, nil
}

// queryTimeout is one query on conn that gives up after checkTimeout.
func queryTimeout(ctx context.Context, conn *pgx.Conn, sql string, args ...any) pgx.Row {
	qctx, cancel := context.WithTimeout(ctx, checkTimeout)
	return cancelRow{conn.QueryRow(qctx, sql, args...), cancel}
}

type cancelRow struct {
	pgx.Row
	cancel context.CancelFunc
}

func (r cancelRow) Scan(dest ...any) error {
	defer r.cancel()
	return r.Row.Scan(dest...)
}
