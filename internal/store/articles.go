package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
)

// Article statuses.
const (
	StatusPending  = "pending"  // recorded, to be read and matched
	StatusRecorded = "recorded" // recorded only (too old on a first poll): never alerts
	StatusDone     = "done"     // read and matched
)

// Article is one stored article.
type Article struct {
	ID         int64
	Identity   string
	URL        string
	GUID       string
	Feed       string // the feed that carried it first
	Title      string
	Author     string
	Image      string
	Published  time.Time
	SeenAt     time.Time
	FeedText   string // the feed's own text for it
	Text       string // the extracted page text, or the feed text when the page could not be used
	TextSource string // "page" (or "page (paywalled: …)"), or "feed: <why the page was not used>"
	Lang       string
	Status     string
	StoryID    int64 // the story it was put in (read only: written with the completion's Story); 0 when none
	// ItemSum is the hash of the feed item's title and text it was read
	// from (ItemSum); 0 when not known: a new article's is then that of
	// its Title and FeedText. Written with the article and CorrectArticle;
	// read by KnownItems.
	ItemSum int64
}

// ItemSum is the hash of a feed item's title and text (xxHash64, the same
// in every process: it is stored), by which a later document's item is
// known to have changed. Never 0.
func ItemSum(title, text string) int64 {
	var h xxhash.Digest
	h.Reset()
	h.WriteString(title)
	h.WriteString("\x00")
	h.WriteString(text)
	if s := int64(h.Sum64()); s != 0 {
		return s
	}
	return 1
}

// itemSum is a's ItemSum, or that of its title and feed text when not set.
func (a Article) itemSum() int64 {
	if a.ItemSum != 0 {
		return a.ItemSum
	}
	return ItemSum(a.Title, a.FeedText)
}

const articleColumns = `id, identity, url, guid, feed, title, author, image, published, seen_at, feed_text, text, text_source, lang, status, story_id`

// FromPage reports whether an article's text was read from its page, by its
// TextSource: "page", or "page (paywalled: …)" for a page that shows
// subscribers' text only in part.
func FromPage(source string) bool { return strings.HasPrefix(source, "page") }

// storedText is the text column of a: empty when the text is the feed's
// own (the page was not used), which the row holds already as feed_text —
// half the bytes of most rows. scanArticle gives it back.
func storedText(a Article) string {
	if !FromPage(a.TextSource) && a.Text == a.FeedText {
		return ""
	}
	return a.Text
}

func scanArticle(row interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var published, seen, story sql.NullInt64
	err := row.Scan(&a.ID, &a.Identity, &a.URL, &a.GUID, &a.Feed, &a.Title, &a.Author, &a.Image, &published, &seen,
		&a.FeedText, &a.Text, &a.TextSource, &a.Lang, &a.Status, &story)
	a.Published, a.SeenAt, a.StoryID = fromUnix(published), fromUnix(seen), story.Int64
	if a.Text == "" {
		// stored once (storedText); a page's text is never empty (too little
		// text is article.ErrTooShort), and rows written before FromPage kept
		// a paywalled page's text so when it was the feed's
		a.Text = a.FeedText
	}
	return a, err
}

// AddArticles records the articles whose identity is not yet stored, all in
// one transaction, and returns those it added with their IDs. Articles with
// Status StatusRecorded are stored but never processed.
func (s *Store) AddArticles(ctx context.Context, as []Article) ([]Article, error) {
	var added []Article
	err := s.tx(ctx, func(tx *sql.Tx) error {
		added = nil
		stmt := tx.StmtContext(ctx, s.stmts.addArticle)
		for _, a := range as {
			id, err := insertedID(stmt.QueryRowContext(ctx, a.Identity, a.URL, a.GUID, a.Feed, a.Title, a.Author, a.Image,
				unix(a.Published), a.SeenAt.Unix(), a.FeedText, a.Text, a.Status, a.itemSum()))
			if err != nil {
				return fmt.Errorf("store: add article %s: %w", a.Identity, err)
			}
			if id != 0 {
				a.ID = id
				added = append(added, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// insertedID is the ID an INSERT … ON CONFLICT DO NOTHING RETURNING id
// gave, 0 when the row was there already.
func insertedID(row *sql.Row) (int64, error) {
	var id int64
	err := row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// KnownItems returns, of the identities ids, those stored, each with its
// item's hash (ItemSum) as last read from its feed — 0 when not known (an
// article recorded before the hashes were) — and its feed.
func (s *Store) KnownItems(ctx context.Context, ids []string) (map[string]KnownItem, error) {
	known := make(map[string]KnownItem)
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.r.QueryContext(ctx, `SELECT identity, feed, item_sum FROM articles WHERE identity IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: known items: %w", err)
		}
		for rows.Next() {
			var id string
			var k KnownItem
			var sum sql.NullInt64
			if err := rows.Scan(&id, &k.Feed, &sum); err != nil {
				rows.Close()
				return nil, err
			}
			k.Sum = sum.Int64
			known[id] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

// KnownItem is what KnownItems tells of a stored article.
type KnownItem struct {
	Feed string // the feed that carried it first
	Sum  int64  // its item's hash (ItemSum); 0: not known
}

// guidElsewhereSQL tells whether a GUID (?1) names an article of a feed
// other than ?2: one article carries it, recorded from another feed. An
// empty GUID names none, and saying so lets the partial index articles_guid,
// which holds no empty GUID, answer.
const guidElsewhereSQL = `SELECT COUNT(*) = 1 AND COALESCE(SUM(CASE WHEN feed = ?2 THEN 1 ELSE 0 END), 0) = 0 FROM articles WHERE guid = ?1 AND guid != ''`

// guidsElsewhereSQL is GUIDsElsewhere's query of n GUIDs, the feed's name
// after them.
func guidsElsewhereSQL(n int) string {
	return `SELECT guid FROM articles WHERE guid IN (?` + strings.Repeat(",?", n-1) + `) AND guid != ''
GROUP BY guid HAVING COUNT(*) = 1 AND SUM(CASE WHEN feed = ? THEN 1 ELSE 0 END) = 0`
}

// GUIDsElsewhere returns which of guids name an article of a feed other
// than feedName: the one article stored with the GUID, recorded from
// another feed. A GUID carried by several articles (a feed that reused it)
// or by one of feedName's names none.
func (s *Store) GUIDsElsewhere(ctx context.Context, feedName string, guids []string) (map[string]bool, error) {
	found := make(map[string]bool)
	for start := 0; start < len(guids); start += 500 {
		chunk := guids[start:min(start+500, len(guids))]
		args := make([]any, 0, len(chunk)+1)
		for _, g := range chunk {
			args = append(args, g)
		}
		args = append(args, feedName)
		rows, err := s.r.QueryContext(ctx, guidsElsewhereSQL(len(chunk)), args...)
		if err != nil {
			return nil, fmt.Errorf("store: articles by guid: %w", err)
		}
		for rows.Next() {
			var g string
			if err := rows.Scan(&g); err != nil {
				rows.Close()
				return nil, err
			}
			found[g] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// PendingArticles returns articles recorded before the given time but not
// yet processed, oldest first: on start-up these are the ones a crash
// interrupted; later, the ones whose processing failed.
func (s *Store) PendingArticles(ctx context.Context, before time.Time, limit int) ([]Article, error) {
	return s.articles(ctx, `WHERE status = 'pending' AND seen_at <= ? ORDER BY id LIMIT ?`, before.Unix(), limit)
}

// PendingArticlesOf is PendingArticles of the named feeds only (nil: of
// every feed).
func (s *Store) PendingArticlesOf(ctx context.Context, before time.Time, limit int, feeds []string) ([]Article, error) {
	if feeds == nil {
		return s.PendingArticles(ctx, before, limit)
	}
	if len(feeds) == 0 {
		return nil, nil
	}
	args := []any{before.Unix()}
	for _, f := range feeds {
		args = append(args, f)
	}
	return s.articles(ctx, `WHERE status = 'pending' AND seen_at <= ? AND feed IN (?`+strings.Repeat(",?", len(feeds)-1)+`) ORDER BY id LIMIT ?`, append(args, limit)...)
}

// ArticleByIdentity returns the article with that identity, or nil.
func (s *Store) ArticleByIdentity(ctx context.Context, identity string) (*Article, error) {
	as, err := s.articles(ctx, `WHERE identity = ?`, identity)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	return &as[0], nil
}

func (s *Store) articles(ctx context.Context, where string, args ...any) ([]Article, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: articles: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Match is one watch matching one article, with the alerts it sends.
type Match struct {
	Watch       string
	Explanation string // JSON
	Deliveries  []Delivery
}

// Delivery is an alert to queue for one channel ("" is standard output).
type Delivery struct {
	Channel string
	Payload []byte // the alert, JSON
	Held    bool   // kept for the watch's digest instead of posted alone
	// Update, when set, is queued instead of Payload if the watch already
	// matched another article of the article's story: the story alerts a
	// watch once, later articles update it (standard output).
	Update []byte
	// Edit, when set, is queued instead of Payload if the story's alert of
	// this watch is in this channel's outbox already (not refused): an
	// OpEdit of that message adding this article's outlet (alert.Outlet).
	// FollowUp, when set too, is queued beside it: an OpFollowUp posted
	// under that message (the article adds something new to the story).
	Edit, FollowUp []byte
}

// Completion is what processing learnt about one article — its text,
// language, image, title — and the matches it made, with their alerts.
type Completion struct {
	Article Article
	Matches []Match
	Quotes  []Quote
	// FoldedTitle and FoldedBody are the title and the matched text folded
	// as the matcher folds them, for the full-text index.
	FoldedTitle, FoldedBody string
	// Story is the story the article was put into, as it stands with the
	// article; nil when it was not assigned one.
	Story *Story
}

// Quote is a direct quote of an article.
type Quote struct {
	Speaker string
	Text    string
}

// CompleteArticles records completions in one transaction (the next group
// commit): each article is marked done with what processing learnt, its
// matches are recorded and their deliveries queued. A watch that already
// matched an article is skipped, with its deliveries: nothing alerts twice.
// It returns how many deliveries were queued.
func (s *Store) CompleteArticles(ctx context.Context, cs []Completion, now time.Time) (int, error) {
	if len(cs) == 0 {
		return 0, nil
	}
	queued := 0
	var stories []*Story
	for _, c := range cs {
		if c.Story != nil {
			stories = append(stories, c.Story)
		}
	}
	err := s.submit(ctx, stories, func(tx *sql.Tx, r *commitReq) error {
		queued = 0
		st := completionStmts(tx, &s.stmts)
		for _, c := range cs {
			q, err := st.complete(c, now, true, r)
			if err != nil {
				return err
			}
			queued += q
		}
		return nil
	})
	return queued, err
}

// completion holds the statements that record a completion, each bound to
// the transaction when first used: most completions use none (their article
// was inserted with its story, and matched no watch).
type completion struct {
	tx                                                                                *sql.Tx
	st                                                                                *statements
	update, insertMatch, insertOutbox, insertQuote, setStory, storyMatched, storyPost *sql.Stmt
	index                                                                             *sql.Stmt // PostgreSQL: writes the entry now
}

func completionStmts(tx *sql.Tx, st *statements) *completion {
	return &completion{tx: tx, st: st}
}

// bind returns stmt bound to the transaction, *bound once bound.
func (st *completion) bind(bound **sql.Stmt, stmt *sql.Stmt) *sql.Stmt {
	if *bound == nil {
		*bound = st.tx.Stmt(stmt)
	}
	return *bound
}

// complete records c: the article's new fields and its story (when update
// is set; an article inserted done has them already), its quotes, matches and their
// deliveries, and stages its full-text entry on r (queued by queueEntries,
// written by the indexer). It returns the deliveries queued.
func (st *completion) complete(c Completion, now time.Time, update bool, r *commitReq) (int, error) {
	a := c.Article
	if update {
		if _, err := st.bind(&st.update, st.st.completeArticle).Exec(storedText(a), a.TextSource, a.Lang, a.Image, a.Title, a.Author, a.ID); err != nil {
			return 0, fmt.Errorf("store: complete article %d: %w", a.ID, err)
		}
		if err := st.story(a.ID, c.Story); err != nil {
			return 0, err
		}
	}
	if (c.FoldedTitle != "" || c.FoldedBody != "") && st.st.pg {
		// PostgreSQL: a GIN index takes entries one by one cheaply (its
		// pending list), and several instances search it; no queue.
		if _, err := st.bind(&st.index, st.st.indexArticle).Exec(a.ID, tsvector(c.FoldedTitle, c.FoldedBody)); err != nil {
			return 0, fmt.Errorf("store: index article %d: %w", a.ID, err)
		}
	} else if c.FoldedTitle != "" || c.FoldedBody != "" {
		// Queued in fts_queue with the batch's others (queueEntries).
		r.index = append(r.index, IndexEntry{ID: a.ID, Title: c.FoldedTitle, Body: c.FoldedBody})
	}
	for i, q := range c.Quotes {
		if _, err := st.bind(&st.insertQuote, st.st.insertQuote).Exec(a.ID, i, q.Speaker, q.Text); err != nil {
			return 0, fmt.Errorf("store: record quote: %w", err)
		}
	}
	queued := 0
	for _, m := range c.Matches {
		res, err := st.bind(&st.insertMatch, st.st.insertMatch).Exec(a.ID, m.Watch, now.Unix(), m.Explanation)
		if err != nil {
			return 0, fmt.Errorf("store: record match %s: %w", m.Watch, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		alerted, err := st.storyAlerted(a.ID, c.Story, m)
		if err != nil {
			return 0, err
		}
		var storyID any
		if c.Story != nil {
			storyID = c.Story.ID
		}
		for _, d := range m.Deliveries {
			payload, op, target := d.Payload, OpPost, any(nil)
			if alerted && d.Update != nil {
				payload = d.Update
			}
			if d.Edit != nil && c.Story != nil {
				id, err := st.storyAlert(c.Story.ID, m.Watch, d.Channel)
				if err != nil {
					return 0, err
				}
				if id != 0 {
					payload, op, target = d.Edit, OpEdit, id
					if d.FollowUp != nil {
						if _, err := st.bind(&st.insertOutbox, st.st.insertOutbox).Exec(a.ID, m.Watch, d.Channel, string(d.FollowUp), newNonce(), false, now.Unix(), now.Unix(), OpFollowUp, storyID, id); err != nil {
							return 0, fmt.Errorf("store: queue follow-up: %w", err)
						}
						queued++
					}
				}
			}
			if _, err := st.bind(&st.insertOutbox, st.st.insertOutbox).Exec(a.ID, m.Watch, d.Channel, string(payload), newNonce(), d.Held, now.Unix(), now.Unix(), op, storyID, target); err != nil {
				return 0, fmt.Errorf("store: queue delivery: %w", err)
			}
			queued++
		}
	}
	return queued, nil
}

// prunedStory selects the stories Prune deletes (?1 is the cutoff). Clearing
// the story of articles seen before the cutoff does not change the selection.
const prunedStory = `last_seen < ?1 AND id < (SELECT MAX(id) FROM stories)
	AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = stories.id AND a.seen_at >= ?1)`

// Prune removes what is older than cutoff and no longer needed: the text of
// articles seen before it, their quotes and full-text entries, their matches,
// finished outbox rows (but those of a story seen since: its alert's message
// is still edited) and posts, and the stories last seen before it that no
// article seen since belongs to (their articles' story_id is cleared). Article
// identities stay, so nothing re-alerts. It returns how many articles it
// emptied.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int, error) {
	var emptied int64
	// The full-text entries: on SQLite in the index file (indexfile.go),
	// before the texts are emptied — a crash between them leaves entries
	// of articles that are pruned anyway, and the next Prune deletes
	// them (it deletes those of every article before the cutoff).
	ftsPrune := `DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE seen_at < ? AND status != 'pending')`
	if s.fw != nil {
		if _, err := s.fw.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM m.articles WHERE seen_at < ? AND status != 'pending')`, cutoff.Unix()); err != nil {
			return 0, fmt.Errorf("store: prune: full-text entries: %w", err)
		}
		ftsPrune = ""
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c := cutoff.Unix()
		for _, q := range []string{
			ftsPrune,
			`DELETE FROM quotes WHERE article_id IN (SELECT id FROM articles WHERE seen_at < ?)`,
			// A story seen since the cutoff keeps its rows: its alert
			// message is edited with every outlet its edits listed.
			`DELETE FROM outbox WHERE created_at < ?1 AND (delivered_at IS NOT NULL OR failed_at IS NOT NULL)
	AND (story_id IS NULL OR story_id NOT IN (SELECT id FROM stories WHERE last_seen >= ?1))`,
			`DELETE FROM matches WHERE matched_at < ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.article_id = matches.article_id AND o.watch = matches.watch)`,
			`DELETE FROM posts WHERE posted_at < ?`,
			// Stories last seen before the cutoff, unless an article seen
			// since belongs to one: their articles' story is cleared first
			// (the foreign key), then the rows go. The highest id stays, as
			// the next story's id is counted from it.
			`UPDATE articles SET story_id = NULL WHERE story_id IN (SELECT id FROM stories WHERE ` + prunedStory + `)`,
			`DELETE FROM stories WHERE ` + prunedStory,
		} {
			if q == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, q, c); err != nil {
				return fmt.Errorf("store: prune: %w", err)
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE articles SET text = '', feed_text = '' WHERE seen_at < ? AND status != 'pending' AND (text != '' OR feed_text != '')`, c)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		emptied, _ = res.RowsAffected()
		return nil
	})
	return int(emptied), err
}

// WatchStat is how often a watch matched and when it last did.
type WatchStat struct {
	Watch   string
	Matches int
	Last    time.Time
}

// WatchStats returns each watch's match count and last match, by watch name.
func (s *Store) WatchStats(ctx context.Context) (map[string]WatchStat, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT watch, COUNT(*), MAX(matched_at) FROM matches GROUP BY watch`)
	if err != nil {
		return nil, fmt.Errorf("store: watch stats: %w", err)
	}
	defer rows.Close()
	out := map[string]WatchStat{}
	for rows.Next() {
		var st WatchStat
		var last sql.NullInt64
		if err := rows.Scan(&st.Watch, &st.Matches, &last); err != nil {
			return nil, fmt.Errorf("store: watch stats: %w", err)
		}
		st.Last = fromUnix(last)
		out[st.Watch] = st
	}
	return out, rows.Err()
}
