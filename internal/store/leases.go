package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Leases is the work several instances share on one PostgreSQL database:
// which instance polls a feed, which delivers a channel's messages, which
// runs a once-per-slot job (pruning, a digest). Every instance is one
// holder; SQLite has none of this (one process writes a SQLite database,
// the lock file says which).
//
// The rules, all in the leases table (migration 9):
//   - An instance is alive while its row (kind instance) has not expired;
//     it renews it every few seconds (Heartbeat). Time is the database's
//     clock, never the instances' own, so their clocks may disagree.
//   - A feed or channel lease is held by the instance named in its row for as
//     long as that instance is alive: one renewal per instance, not one per
//     lease. When an instance dies, all its leases are free once its row
//     expires; another instance claims them (Claim, FOR UPDATE SKIP LOCKED,
//     so two claimers never take the same row).
//   - A lease's slot is the last schedule slot done under it: a poll first
//     advances it (Advance), and only if the slot is later than the recorded
//     one and the caller still holds the lease and is alive — so a feed is
//     polled at most once per slot whoever holds it, and a holder that lost
//     its lease (or the database lost it) does not poll.
//   - Once-per-slot jobs have no holder to keep: the first instance whose
//     Advance succeeds runs the slot.
type Leases struct {
	db     *sql.DB
	holder string
}

// Lease kinds.
const (
	LeaseInstance = "instance" // one per running instance: its liveness
	LeaseFeed     = "feed"     // polling a feed
	LeaseChannel  = "channel"  // delivering a channel's outbox ("" is standard output)
	LeaseJob      = "job"      // a once-per-slot job: prune, a digest
	leaseCounter  = "counter"  // a number handed out in blocks (story ids)
)

// nowMS is the database's clock in Unix milliseconds.
const nowMS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`

// leasesPG is migration 9 on PostgreSQL.
const leasesPG = `
-- Leases: the work several instances share (leases.go). kind instance: one
-- row per running instance, alive until expires_at (the database's clock,
-- Unix ms); feed and channel: held by holder while holder's instance row
-- lives; slot: the last schedule slot done under the lease (Unix seconds);
-- job: once-per-slot jobs; counter: numbers handed out in blocks.
CREATE TABLE leases (
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	holder     TEXT NOT NULL DEFAULT '',
	expires_at BIGINT NOT NULL DEFAULT 0,
	slot       BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (kind, name)
);
CREATE INDEX leases_holder ON leases(holder, kind);
`

// NewLeases returns the leases of holder (an instance's unique name) in the
// PostgreSQL database db.
func NewLeases(db *sql.DB, holder string) *Leases {
	return &Leases{db: db, holder: holder}
}

// Holder is the instance's name in the leases.
func (l *Leases) Holder() string { return l.holder }

// Heartbeat renews the instance's liveness for ttl and returns how many
// instances are alive, itself included.
func (l *Leases) Heartbeat(ctx context.Context, ttl time.Duration) (int, error) {
	var others int
	err := l.db.QueryRowContext(ctx, `WITH me AS (
	INSERT INTO leases (kind, name, holder, expires_at) VALUES ('instance', $1, $1, `+nowMS+` + $2)
	ON CONFLICT (kind, name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
)
SELECT count(*) FROM leases WHERE kind = 'instance' AND name <> $1 AND expires_at > `+nowMS,
		l.holder, ttl.Milliseconds()).Scan(&others)
	if err != nil {
		return 0, fmt.Errorf("store: leases: heartbeat: %w", err)
	}
	return others + 1, nil
}

// Ensure makes sure every name has a lease row of kind (a new feed or
// channel); existing rows are left as they are.
func (l *Leases) Ensure(ctx context.Context, kind string, names []string) error {
	if len(names) == 0 {
		return nil
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO leases (kind, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, kind, names)
	if err != nil {
		return fmt.Errorf("store: leases: ensure %s: %w", kind, err)
	}
	return nil
}

// Claimed is a lease taken by Claim, with the last slot done under it.
type Claimed struct {
	Name string
	Slot int64
}

// Claim takes up to n free leases of kind among names — never held, or
// held by an instance no longer alive — and returns them. Concurrent
// claimers skip each other's rows rather than wait or take them twice.
//
// Two statements in one transaction. The first locks the candidates (FOR
// UPDATE SKIP LOCKED). Its liveness check reads the statement's snapshot:
// meeting a row another instance claimed after that snapshot was taken, it
// re-checks the row's new holder against it, and an instance whose first
// heartbeat is newer than the snapshot looks dead there (seen under load:
// two instances holding one feed). So the second statement, with a fresh
// snapshot, takes only the locked rows that are still free: nobody can
// change them in between, and everything committed before the locks were
// taken — that holder's heartbeat included — is visible to it.
func (l *Leases) Claim(ctx context.Context, kind string, names []string, n int) ([]Claimed, error) {
	if n <= 0 || len(names) == 0 {
		return nil, nil
	}
	out, err := l.claim(ctx, kind, names, n)
	if err != nil {
		return nil, fmt.Errorf("store: leases: claim %s: %w", kind, err)
	}
	return out, nil
}

// leaseFree is the condition of a lease row f that Claim may take: not the
// claimer's, and its holder (if any) not alive.
const leaseFree = `f.kind = $2 AND f.holder <> $1 AND NOT EXISTS (
	SELECT 1 FROM leases i WHERE i.kind = 'instance' AND i.name = f.holder AND i.expires_at > ` + nowMS + `)`

func (l *Leases) claim(ctx context.Context, kind string, names []string, n int) ([]Claimed, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT f.name FROM leases f JOIN unnest($3::text[]) AS c(name) ON c.name = f.name
WHERE `+leaseFree+`
ORDER BY f.name
LIMIT $4
FOR UPDATE OF f SKIP LOCKED`, l.holder, kind, names, n)
	if err != nil {
		return nil, err
	}
	var locked []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		locked = append(locked, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(locked) == 0 {
		return nil, tx.Commit()
	}
	rows, err = tx.QueryContext(ctx, `UPDATE leases f SET holder = $1
WHERE f.name = ANY($3::text[]) AND `+leaseFree+`
RETURNING f.name, f.slot`, l.holder, kind, locked)
	if err != nil {
		return nil, err
	}
	var out []Claimed
	for rows.Next() {
		var c Claimed
		if err := rows.Scan(&c.Name, &c.Slot); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Claimed) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Release gives up the named leases of kind that the instance holds.
func (l *Leases) Release(ctx context.Context, kind string, names []string) error {
	if len(names) == 0 {
		return nil
	}
	_, err := l.db.ExecContext(ctx, `UPDATE leases SET holder = '' WHERE kind = $1 AND holder = $2 AND name = ANY($3::text[])`, kind, l.holder, names)
	if err != nil {
		return fmt.Errorf("store: leases: release %s: %w", kind, err)
	}
	return nil
}

// Held returns the names of the leases of kind the instance holds.
func (l *Leases) Held(ctx context.Context, kind string) ([]string, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT name FROM leases WHERE holder = $1 AND kind = $2 ORDER BY name`, l.holder, kind)
	if err != nil {
		return nil, fmt.Errorf("store: leases: held %s: %w", kind, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("store: leases: held %s: %w", kind, err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// Advance records that slot (Unix seconds) of the named lease is being
// done by this instance, and reports whether it may do it: it holds the
// lease, is alive in the database's eyes, and the slot is later than the
// last one done. For a job (LeaseJob) any alive instance may advance it,
// and the row is created as needed.
func (l *Leases) Advance(ctx context.Context, kind, name string, slot int64) (bool, error) {
	var res sql.Result
	var err error
	if kind == LeaseJob {
		res, err = l.db.ExecContext(ctx, `INSERT INTO leases (kind, name, holder, slot)
SELECT 'job', $1, $2, $3 WHERE EXISTS (SELECT 1 FROM leases i WHERE i.kind = 'instance' AND i.name = $2 AND i.expires_at > `+nowMS+`)
ON CONFLICT (kind, name) DO UPDATE SET holder = excluded.holder, slot = excluded.slot WHERE leases.slot < excluded.slot`,
			name, l.holder, slot)
	} else {
		res, err = l.db.ExecContext(ctx, `UPDATE leases SET slot = $4 WHERE kind = $1 AND name = $2 AND holder = $3 AND slot < $4
AND EXISTS (SELECT 1 FROM leases i WHERE i.kind = 'instance' AND i.name = $3 AND i.expires_at > `+nowMS+`)`,
			kind, name, l.holder, slot)
	}
	if err != nil {
		return false, fmt.Errorf("store: leases: advance %s %q: %w", kind, name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: leases: advance %s %q: %w", kind, name, err)
	}
	return n == 1, nil
}

// Leave ends the instance: its leases are free at once for the others
// (a clean shutdown does not make them wait for the expiry).
func (l *Leases) Leave(ctx context.Context) error {
	_, err := l.db.ExecContext(ctx, `WITH gone AS (DELETE FROM leases WHERE kind = 'instance' AND name = $1)
UPDATE leases SET holder = '' WHERE holder = $1 AND kind IN ('feed', 'channel')`, l.holder)
	if err != nil {
		return fmt.Errorf("store: leases: leave: %w", err)
	}
	return nil
}

// NextBlock hands out the next number of the named counter (1, 2, …), each
// to one caller only.
func (l *Leases) NextBlock(ctx context.Context, name string) (int64, error) {
	var n int64
	err := l.db.QueryRowContext(ctx, `INSERT INTO leases (kind, name, slot) VALUES ('counter', $1, 1)
ON CONFLICT (kind, name) DO UPDATE SET slot = leases.slot + 1 RETURNING slot`, name).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: leases: counter %s: %w", name, err)
	}
	return n, nil
}

// LiveInstances names the instances alive on the database (their heartbeat
// not expired, by the database's clock), sorted; none on SQLite.
func (s *Store) LiveInstances(ctx context.Context) ([]string, error) {
	if !s.pg {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM leases WHERE kind = 'instance' AND expires_at > `+nowMS+` ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: leases: live instances: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("store: leases: live instances: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: leases: live instances: %w", err)
	}
	return names, nil
}

// ErrNoLeases is returned where leases are asked of a SQLite store.
var ErrNoLeases = errors.New("store: leases need PostgreSQL (one process writes a SQLite database)")

// Leases returns the leases of the instance named holder (unique among the
// instances sharing the database). Only a PostgreSQL store has them.
func (s *Store) Leases(holder string) (*Leases, error) {
	if !s.pg {
		return nil, ErrNoLeases
	}
	return NewLeases(s.w, holder), nil
}
