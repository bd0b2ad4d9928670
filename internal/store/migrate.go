package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are applied in order; PRAGMA user_version counts those done.
// Never edit one that has shipped: append a new one, and its PostgreSQL
// counterpart of the same number to pgMigrations (postgres.go).
var migrations = []string{
	1: `
CREATE TABLE feeds (
	name           TEXT PRIMARY KEY,
	url            TEXT NOT NULL,
	etag           TEXT NOT NULL DEFAULT '',
	last_modified  TEXT NOT NULL DEFAULT '',
	last_poll      INTEGER,
	last_success   INTEGER,
	last_error     TEXT NOT NULL DEFAULT '',
	last_error_at  INTEGER,
	failures       INTEGER NOT NULL DEFAULT 0,
	next_poll      INTEGER,
	items_seen     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	identity    TEXT NOT NULL UNIQUE,
	url         TEXT NOT NULL DEFAULT '',
	guid        TEXT NOT NULL DEFAULT '',
	feed        TEXT NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	author      TEXT NOT NULL DEFAULT '',
	image       TEXT NOT NULL DEFAULT '',
	published   INTEGER,
	seen_at     INTEGER NOT NULL,
	feed_text   TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	text_source TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL CHECK (status IN ('pending', 'recorded', 'done'))
);
CREATE INDEX articles_pending ON articles(status) WHERE status = 'pending';
CREATE INDEX articles_seen ON articles(seen_at);
CREATE TABLE matches (
	article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	watch       TEXT NOT NULL,
	matched_at  INTEGER NOT NULL,
	explanation TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, watch)
);
CREATE INDEX matches_watch ON matches(watch, matched_at);
CREATE TABLE outbox (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL DEFAULT 'alert' CHECK (kind IN ('alert', 'notice')),
	article_id    INTEGER, -- NULL for notices; articles are never deleted
	watch         TEXT NOT NULL DEFAULT '',
	channel       TEXT NOT NULL,
	payload       TEXT NOT NULL,
	nonce         TEXT NOT NULL,
	held          INTEGER NOT NULL DEFAULT 0, -- 1: waits for its watch's digest
	created_at    INTEGER NOT NULL,
	attempts      INTEGER NOT NULL DEFAULT 0,
	next_attempt  INTEGER NOT NULL,
	delivered_at  INTEGER,
	failed_at     INTEGER,
	last_error    TEXT NOT NULL DEFAULT ''
	-- no UNIQUE (article_id, watch, channel): rows are only created with a
	-- new match, whose primary key already makes them unique
);
CREATE INDEX outbox_pending ON outbox(id) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_held ON outbox(watch) WHERE held = 1 AND delivered_at IS NULL AND failed_at IS NULL;
-- Every message posted to a chat channel, for flood control.
CREATE TABLE posts (
	channel   TEXT NOT NULL,
	posted_at INTEGER NOT NULL
);
CREATE INDEX posts_channel ON posts(channel, posted_at);
`,
	2: `
-- Direct quotes of every processed article, for /quotes.
CREATE TABLE quotes (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL, -- order in the article
	speaker    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
-- Full-text index of processed articles over text folded as the matcher
-- folds it (package match's Fold); rowid is the article's id. Contentless:
-- the text itself stays in articles.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
-- Watches managed from chat, beside the read-only ones of the YAML file.
CREATE TABLE chat_watches (
	name       TEXT PRIMARY KEY,
	query      TEXT NOT NULL,
	channel    TEXT NOT NULL,
	paused     INTEGER NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
`,
	3: `
-- sent_at: when the last attempt to post began; set and not delivered means
-- the message may be in the channel already (look before posting again).
-- message_id: Discord's ID of the delivered message.
ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
`,
	4: `
-- Processed articles whose full-text entry is not written yet. The index is
-- written in batches apart from the polls' transactions (see index.go); an
-- article's ID is queued here in the transaction that marks it done and
-- removed in the one that writes its entry, so a crash leaves the articles
-- to index here.
CREATE TABLE fts_queue (article_id INTEGER PRIMARY KEY);
`,
	5: `
-- Stories: the articles that report one event (package story). id is the
-- clusterer's story id; state is what it needs to carry on (JSON of
-- story.StoryState: times, article count, centroid terms, text signatures),
-- kept while the story is open and afterwards for the record.
CREATE TABLE stories (
	id         INTEGER PRIMARY KEY,
	first_seen INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	articles   INTEGER NOT NULL,
	state      TEXT NOT NULL
);
CREATE INDEX stories_last ON stories(last_seen);
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
CREATE INDEX articles_story ON articles(story_id) WHERE story_id IS NOT NULL;
`,
	6: `
-- Articles by date (published, or recorded when undated), newest first: the
-- order /search and preview read them in.
CREATE INDEX articles_date ON articles(COALESCE(published, seen_at), id);
`,
	7: `
-- Articles by GUID, with their feed: an item new by its identity whose GUID
-- names another feed's article is that article (RecordPoll, GUIDsElsewhere).
CREATE INDEX articles_guid ON articles(guid, feed);
`,
	8: `
-- Story alerts in chat (outbox.go): op says what a row does to the
-- channel — 'post' a new message, 'edit' the message of row target_id to
-- list one more outlet of its story (payload: alert.Outlet), 'correct' it
-- to read as a corrected alert (payload: alert.Alert), or post a
-- 'followup' under it (payload: alert.Alert). story_id is the story of the
-- row's article; thread_id the thread the delivered message started or
-- lives in (a forum post, a follow-up thread).
ALTER TABLE outbox ADD COLUMN op TEXT NOT NULL DEFAULT 'post';
ALTER TABLE outbox ADD COLUMN story_id INTEGER;
ALTER TABLE outbox ADD COLUMN target_id INTEGER;
ALTER TABLE outbox ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_story ON outbox(story_id, watch, channel) WHERE story_id IS NOT NULL;
CREATE INDEX outbox_target ON outbox(target_id) WHERE target_id IS NOT NULL;
`,
	9: `
-- Leases (PostgreSQL's migration 9, leases.go) divide the work of several
-- instances sharing one PostgreSQL database. One process writes a SQLite
-- database: nothing to divide, and no table.
`,
	10: `
-- item_sum: the hash (ItemSum) of the feed item's title and text as the
-- article was last read from its feed, so that a correction made while
-- newshound was stopped is seen at its next poll (watchers' corrections).
-- NULL for articles recorded before: compared from the first document read.
ALTER TABLE articles ADD COLUMN item_sum INTEGER;
`,
	11: `
-- The story clusterer's learned names: how often each word was seen
-- capitalised and in lower case (package story), one row, state opaque to
-- the store (the watcher's encoding), so that a restart does not learn
-- them again.
CREATE TABLE story_names (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	saved_at INTEGER NOT NULL,
	state    BLOB NOT NULL
);
`,
	12: `
-- Settings the store keeps about itself, by key. fts_fold: the matcher's
-- FoldVersion the full-text index was written with (QueueReindex).
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`,
	13: `
-- The outbox's counts and each watch's last delivery (newshound status)
-- from this index alone: the outbox keeps every delivery, payload and all,
-- until retention, and reading them all cost status more the longer it ran.
CREATE INDEX outbox_watch ON outbox(watch, kind, delivered_at, failed_at);
`,
	14: `
-- A row of fts_queue may stand for a run of consecutive IDs, article_id to
-- last (NULL: article_id alone): the articles a group commit inserts have
-- consecutive IDs, and one row for them costs less to add and remove than a
-- row each (queueEntries).
ALTER TABLE fts_queue ADD COLUMN last INTEGER;
CREATE INDEX fts_queue_runs ON fts_queue(last) WHERE last IS NOT NULL;
-- FTS5 merges a level's segments when 8 are there, not 4: each entry is
-- written again in a merge a third less often (the indexer's merges were
-- about a third of its cost); a search reads at most 7 segments a level.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
`,
	15: `
-- The full-text index moves to a file of its own beside the database
-- (IndexPath), written by a connection of its own (index.go), so that its
-- writes no longer hold the polls' commits. Its entries cannot be copied
-- (contentless: FTS5 keeps no text to read back): the IDs it holds are
-- queued, as runs, and the pipeline writes them again at start
-- (UnindexedArticles, Index). fts_file '0': the queue names every entry,
-- the file is to be made (openIndex).
INSERT INTO fts_queue (article_id, last)
SELECT first, NULLIF(last, first) FROM (
	SELECT MIN(rowid) AS first, MAX(rowid) AS last
	FROM (SELECT rowid, rowid - ROW_NUMBER() OVER (ORDER BY rowid) AS g FROM articles_fts) GROUP BY g) WHERE true
` + queueRunsConflict + `;
DROP TABLE articles_fts;
INSERT INTO settings (key, value) VALUES ('fts_file', '0') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`,
	16: `
-- articles_guid holds the articles that have a GUID only: one without is
-- never looked up by it (the queries by GUID ask for guid != ''), and its
-- entry cost every insert of such an article a write to the index for
-- nothing — the items of an RSS feed without <guid> all went to one key,
-- spread over its feeds.
DROP INDEX articles_guid;
CREATE INDEX articles_guid ON articles(guid, feed) WHERE guid != '';
`,
	17: `
-- articles.status's CHECK is written as equalities ORed rather than an IN
-- list: SQLite checked IN ('pending', 'recorded', 'done') by building a
-- temporary table of the three values for every row inserted, a tenth of
-- the cost of inserting a processed article. The two accept the same
-- values; the table's definition is edited in place (statusCheck), as
-- SQLite documents for constraints that leave the stored rows as they are.
`,
}

// migrationSteps are the parts of SQLite migrations that SQL alone cannot
// do, run after the migration's SQL in its transaction.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	17: statusCheck,
}

// The CHECK of articles.status before and after migration 17.
const (
	statusCheckIn = `CHECK (status IN ('pending', 'recorded', 'done'))`
	statusCheckOr = `CHECK (status = 'pending' OR status = 'recorded' OR status = 'done')`
)

// statusCheck replaces the CHECK of articles.status by statusCheckOr in the
// table's definition, by SQLite's procedure for a change that does not touch
// the stored rows (https://sqlite.org/lang_altertable.html, "making other
// kinds of table schema changes"): the definition's text is updated in
// sqlite_schema and the schema version incremented, in the migration's
// transaction. The rows need no check: the two constraints accept the same
// values. The new definition is then read back and tried: a row of another
// status is refused.
func statusCheck(ctx context.Context, tx *sql.Tx) error {
	var def string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'articles'`).Scan(&def); err != nil {
		return fmt.Errorf("read the articles table's definition: %w", err)
	}
	if strings.Count(def, statusCheckOr) == 1 && !strings.Contains(def, statusCheckIn) {
		return nil // edited already (a schema version set back by hand)
	}
	if n := strings.Count(def, statusCheckIn); n != 1 {
		return fmt.Errorf("the articles table's definition has %d times %s, want once", n, statusCheckIn)
	}
	var version int64
	if err := tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("read the schema's version: %w", err)
	}
	for _, q := range []string{
		`PRAGMA writable_schema = ON`,
		`UPDATE sqlite_schema SET sql = ` + quoteSQL(strings.Replace(def, statusCheckIn, statusCheckOr, 1)) + ` WHERE type = 'table' AND name = 'articles'`,
		fmt.Sprintf(`PRAGMA schema_version = %d`, version+1),
		`PRAGMA writable_schema = OFF`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tx.ExecContext(ctx, `PRAGMA writable_schema = OFF`)
			return fmt.Errorf("edit the articles table's definition: %w", err)
		}
	}
	// The edited schema is read again by the next statement: an article of
	// a status not allowed must be refused (and nothing written).
	_, err := tx.ExecContext(ctx, `INSERT INTO articles (identity, feed, seen_at, status) VALUES ('newshound migration 17', '', 0, 'unknown')`)
	if err == nil || !strings.Contains(err.Error(), "CHECK constraint failed") {
		return fmt.Errorf("the articles table's edited definition accepted a status not allowed (%v)", err)
	}
	return nil
}

// quoteSQL is s as an SQL string literal.
func quoteSQL(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func (s *Store) migrate(ctx context.Context) error {
	if s.pg {
		return s.pgMigrate(ctx)
	}
	var version int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations)-1 {
		return fmt.Errorf("database schema version %d is newer than this newshound understands (%d): upgrade newshound", version, len(migrations)-1)
	}
	for v := version + 1; v < len(migrations); v++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			if step := migrationSteps[v]; step != nil {
				if err := step(ctx, tx); err != nil {
					return fmt.Errorf("migration %d: %w", v, err)
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkVersion refuses a database whose schema this newshound does not know
// (read-only opens do not migrate: a writer does that).
func (s *Store) checkVersion(ctx context.Context) error {
	var version int
	var err error
	if s.pg {
		version, err = pgSchemaVersion(ctx, s.r)
	} else {
		err = s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	}
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version != len(migrations)-1 {
		return fmt.Errorf("database schema version %d, this newshound reads %d: open it once with 'newshound once' or 'run' of this version", version, len(migrations)-1)
	}
	return nil
}
