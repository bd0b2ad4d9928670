package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"slices"
	"time"
)

// Story is a story's row: the articles that report one event. State is
// opaque to the store (the clusterer's encoding, binary; see storedState);
// the other fields are kept beside it for queries.
type Story struct {
	ID          int64
	First, Last time.Time
	Articles    int
	State       []byte
}

// putStorySQL writes a story's row. Two articles of one story can be
// completed in either order: the row with more articles wins.
const putStorySQL = `INSERT INTO stories (id, first_seen, last_seen, articles, state) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen,
	articles = excluded.articles, state = excluded.state
WHERE excluded.articles >= stories.articles`

// putStories writes the story rows of reqs, in the transaction that
// records their articles, before them (the articles refer to their rows).
// A story several articles joined is written once, as it stands with the
// most of them: its state is written once per batch, not once per article.
func (s *Store) putStories(tx *sql.Tx, reqs []*commitReq) error {
	var latest map[int64]*Story
	var ids []int64
	for _, r := range reqs {
		for _, st := range r.stories {
			if latest == nil {
				latest = make(map[int64]*Story)
			}
			if had, ok := latest[st.ID]; !ok {
				ids = append(ids, st.ID)
			} else if had.Articles > st.Articles {
				continue
			}
			latest[st.ID] = st
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	put := tx.Stmt(s.stmts.putStory)
	for _, id := range ids {
		st := latest[id]
		if _, err := put.Exec(st.ID, st.First.Unix(), st.Last.Unix(), st.Articles, s.storedState(st.State)); err != nil {
			return fmt.Errorf("store: record story %d: %w", st.ID, err)
		}
	}
	return nil
}

// storedState is a story's state as the stories table keeps it: as it is on
// SQLite (a BLOB), in base64 on PostgreSQL, whose state column is TEXT.
func (s *Store) storedState(state []byte) any {
	if s.pg {
		return base64.StdEncoding.EncodeToString(state)
	}
	return state
}

// readState reads back what storedState wrote. A state written as JSON
// (before the binary encoding) is read as it is: '{' is not in base64's
// alphabet.
func (s *Store) readState(stored []byte) ([]byte, error) {
	if !s.pg || len(stored) > 0 && stored[0] == '{' {
		return stored, nil
	}
	state, err := base64.StdEncoding.AppendDecode(nil, stored)
	if err != nil {
		return nil, fmt.Errorf("state in base64: %w", err)
	}
	return state, nil
}

// story records that article id belongs to s (whose row putStories wrote).
func (st *completion) story(id int64, s *Story) error {
	if s == nil {
		return nil
	}
	if _, err := st.bind(&st.setStory, st.st.setStory).Exec(s.ID, id); err != nil {
		return fmt.Errorf("store: article %d in story %d: %w", id, s.ID, err)
	}
	return nil
}

// storyMatchedSQL asks whether a watch matched another article of a story:
// the story's articles, each looked up in matches by its key. (CROSS JOIN
// keeps SQLite to that order; it had read every match of the watch ever
// recorded, looking each one's article up — a cost growing with the
// watch's history, paid for every match.)
const storyMatchedSQL = `SELECT EXISTS (SELECT 1 FROM articles a CROSS JOIN matches m
WHERE a.story_id = ? AND m.article_id = a.id AND m.watch = ? AND a.id != ?)`

// storyAlerted says whether m's watch already matched another article of
// story s (then m's deliveries are updates, where they have one). It is
// asked inside the transaction that records m, so two articles of one story
// never both alert.
func (st *completion) storyAlerted(id int64, s *Story, m Match) (bool, error) {
	if s == nil || !slices.ContainsFunc(m.Deliveries, func(d Delivery) bool { return d.Update != nil || d.Edit != nil }) {
		return false, nil
	}
	var yes bool
	if err := st.bind(&st.storyMatched, st.st.storyMatched).QueryRow(s.ID, m.Watch, id).Scan(&yes); err != nil {
		return false, fmt.Errorf("store: earlier matches of story %d: %w", s.ID, err)
	}
	return yes, nil
}

// storyPostSQL finds the outbox row that posted (or will post) a story's
// alert of a watch to a channel: the first not refused, not held for a
// digest, posted alone.
const storyPostSQL = `SELECT id FROM outbox WHERE story_id = ? AND watch = ? AND channel = ? AND op = 'post'
AND held = 0 AND failed_at IS NULL ORDER BY id LIMIT 1`

// storyAlert returns the outbox row of story's alert of watch in channel,
// 0 when there is none. An alert delivered folded into a digest by flood
// control (its message holds other alerts) is not one: it cannot be edited.
func (st *completion) storyAlert(story int64, watch, channel string) (int64, error) {
	var id int64
	err := st.bind(&st.storyPost, st.st.storyPost).QueryRow(story, watch, channel).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: alert of story %d: %w", story, err)
	}
	return id, nil
}

// Stories returns the stories whose latest article is at or after since,
// oldest first, and the highest story id ever recorded (0 when none is).
func (s *Store) Stories(ctx context.Context, since time.Time) ([]Story, int64, error) {
	var maxID sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT MAX(id) FROM stories`).Scan(&maxID); err != nil {
		return nil, 0, fmt.Errorf("store: stories: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, first_seen, last_seen, articles, state FROM stories WHERE last_seen >= ? ORDER BY last_seen, id`, since.Unix())
	if err != nil {
		return nil, 0, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var out []Story
	for rows.Next() {
		var st Story
		var first, last int64
		if err := rows.Scan(&st.ID, &first, &last, &st.Articles, &st.State); err != nil {
			return nil, 0, fmt.Errorf("store: stories: %w", err)
		}
		if st.State, err = s.readState(st.State); err != nil {
			return nil, 0, fmt.Errorf("store: story %d: %w", st.ID, err)
		}
		st.First, st.Last = time.Unix(first, 0).UTC(), time.Unix(last, 0).UTC()
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: stories: %w", err)
	}
	return out, maxID.Int64, nil
}

// SaveStoryNames replaces the story clusterer's learned names (state,
// opaque to the store) with those of now.
func (s *Store) SaveStoryNames(ctx context.Context, state []byte, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO story_names (id, saved_at, state) VALUES (1, ?, ?)
ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state`, now.Unix(), s.storedState(state))
	if err != nil {
		return fmt.Errorf("store: save story names: %w", err)
	}
	s.wrote()
	return nil
}

// StoryNames returns the learned names SaveStoryNames saved last, nil when
// none were.
func (s *Store) StoryNames(ctx context.Context) ([]byte, error) {
	var state []byte
	err := s.r.QueryRowContext(ctx, `SELECT state FROM story_names WHERE id = 1`).Scan(&state)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err == nil {
		state, err = s.readState(state)
	}
	if err != nil {
		return nil, fmt.Errorf("store: story names: %w", err)
	}
	return state, nil
}

// ArticleStory returns the story of the article with the given identity, 0
// when it has none.
func (s *Store) ArticleStory(ctx context.Context, identity string) (int64, error) {
	var id sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE identity = ?`, identity).Scan(&id)
	if err != nil && err != sql.ErrNoRows {
		return 0, fmt.Errorf("store: story of %s: %w", identity, err)
	}
	return id.Int64, nil
}

// StoryArticles returns the articles of a story, oldest first (by
// publication, else by when they were recorded), at most limit; the article
// with ID except (0: none) is left out.
func (s *Store) StoryArticles(ctx context.Context, story, except int64, limit int) ([]Article, error) {
	return s.articles(ctx, `WHERE story_id = ? AND id != ? ORDER BY COALESCE(published, seen_at), id LIMIT ?`, story, except, limit)
}

// StoryQuote is a quote of a story's article.
type StoryQuote struct {
	ArticleID int64
	Speaker   string
	Text      string
}

// StoryQuotes returns the quotes of a story's articles, in article and
// quote order, at most limit.
func (s *Store) StoryQuotes(ctx context.Context, story int64, limit int) ([]StoryQuote, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT q.article_id, q.speaker, q.text FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE a.story_id = ? ORDER BY COALESCE(a.published, a.seen_at), a.id, q.position LIMIT ?`, story, limit)
	if err != nil {
		return nil, fmt.Errorf("store: quotes of story %d: %w", story, err)
	}
	defer rows.Close()
	var out []StoryQuote
	for rows.Next() {
		var q StoryQuote
		if err := rows.Scan(&q.ArticleID, &q.Speaker, &q.Text); err != nil {
			return nil, fmt.Errorf("store: quotes of story %d: %w", story, err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// StorySize returns how many stored articles a story has.
func (s *Store) StorySize(ctx context.Context, story int64) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE story_id = ?`, story).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: size of story %d: %w", story, err)
	}
	return n, nil
}
