package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The read queries behind the chat commands (/search, /latest, /quotes,
// /why).

// articleDate is the SQL expression of an article's date — published, or
// seen when it carries no date — for ordering and for the days filter.
const articleDate = `COALESCE(a.published, a.seen_at)`

// ArticleSearch selects stored, processed articles.
type ArticleSearch struct {
	// Match is an FTS5 MATCH expression over the full-text index (title
	// and body folded with match.Fold; match.Query.FTS builds one); "" selects every
	// processed article.
	Match string
	// Since keeps articles dated at or after it; zero keeps all.
	Since time.Time
	// Watch keeps articles that watch matched; "" keeps all.
	Watch string
}

// SearchArticles calls fn with the articles q selects, newest first by
// publication time (the time newshound recorded an undated one), until fn
// returns false or an error (which SearchArticles returns).
//
// A caller that stops early reads little, whichever way the full-text
// expression goes: when it selects few articles (up to sortedSearchMax)
// their IDs are sorted by date, then the articles read a batch at a time;
// when it selects many, the articles are read in date order from the date
// index, each checked against the full-text hits, so the first page comes
// after a few of them.
func (s *Store) SearchArticles(ctx context.Context, q ArticleSearch, fn func(Article) (bool, error)) error {
	var where []string
	var args []any
	if q.Match != "" {
		m, ok, err := s.ftsArg(q.Match)
		if err != nil || !ok {
			return err
		}
		q.Match = m
		// Entries waiting to be written first: the search sees every
		// processed article.
		if err := s.FlushIndex(ctx); err != nil {
			return err
		}
		if s.pg {
			// PostgreSQL plans each page of the walk below with the
			// expression's estimated hits: a few are read from the GIN
			// index and sorted, many found walking the date index.
			// Counting the hits first costs more than that plan when a
			// phrase's words are common (every candidate's positions
			// are checked).
			where = append(where, `a.id IN (SELECT rowid FROM articles_fts WHERE `+s.ftsMatch()+`)`)
			args = append(args, q.Match)
			return s.searchWalk(ctx, q, where, args, fn)
		}
		var n int
		err = s.idx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE `+s.ftsMatch()+` LIMIT ?) hits`,
			q.Match, s.sortedSearchLimit()+1).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: search: %w", err)
		}
		if n == 0 {
			return nil
		}
		if n <= s.sortedSearchLimit() {
			return s.searchSorted(ctx, q, fn)
		}
		// The hits are gathered once (a row-by-row MATCH costs more for
		// anything but a single word), then the date index walked.
		where = append(where, `a.id IN (SELECT rowid FROM articles_fts WHERE `+s.ftsMatch()+`)`)
		args = append(args, q.Match)
	}
	return s.searchWalk(ctx, q, where, args, fn)
}

// searchWalk is SearchArticles reading the articles in date order.
func (s *Store) searchWalk(ctx context.Context, q ArticleSearch, where []string, args []any, fn func(Article) (bool, error)) error {
	where, args = searchFilters(q, where, args)
	cols := "a." + strings.ReplaceAll(articleColumns, ", ", ", a.")
	query := `SELECT ` + cols + ` FROM articles a ` + s.pick(`INDEXED BY articles_date `, ``) + `WHERE ` + strings.Join(where, " AND ")
	order := ` ORDER BY ` + articleDate + ` DESC, a.id DESC`
	if !s.pg {
		_, _, err := s.walk(ctx, query+order, args, fn)
		return err
	}
	// PostgreSQL sorts every row of a query without a limit before it
	// returns the first: the walk goes a page at a time, each after the
	// last article read, which PostgreSQL reads from the date index.
	var after []any
	for {
		q, a := query, args
		if after != nil {
			q += ` AND (` + articleDate + `, a.id) < (?, ?)`
			a = append(slices.Clip(a), after...)
		}
		n, last, err := s.walk(ctx, q+order+` LIMIT ?`, append(slices.Clip(a), walkPage), fn)
		if err != nil || n < walkPage {
			return err
		}
		date := last.Published
		if date.IsZero() {
			date = last.SeenAt
		}
		after = []any{date.Unix(), last.ID}
	}
}

// walkPage is how many articles a query of SearchArticles's walk reads on
// PostgreSQL.
const walkPage = 100

// walk calls fn with the articles query selects until fn returns false or
// an error; it returns how many it read (0 when fn stopped it) and the last.
func (s *Store) walk(ctx context.Context, query string, args []any, fn func(Article) (bool, error)) (int, Article, error) {
	rows, err := s.idx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, Article{}, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	n := 0
	var a Article
	for rows.Next() {
		if a, err = scanArticle(rows); err != nil {
			return n, a, fmt.Errorf("store: search: %w", err)
		}
		n++
		more, err := fn(a)
		if err != nil || !more {
			return 0, a, err
		}
	}
	if err := rows.Err(); err != nil {
		return n, a, fmt.Errorf("store: search: %w", err)
	}
	return n, a, nil
}

// ftsMatch is the condition on articles_fts's rows that a full-text
// expression (the argument ftsArg gives) selects.
func (s *Store) ftsMatch() string {
	return s.pick(`articles_fts MATCH ?`, `doc @@ ?::tsquery`)
}

// ftsArg is the argument of ftsMatch for an FTS5 expression: the expression
// itself on SQLite, its tsquery on PostgreSQL; ok is false when it selects
// nothing.
func (s *Store) ftsArg(expr string) (arg string, ok bool, err error) {
	if !s.pg {
		return expr, true, nil
	}
	arg, ok, err = ftsToTSQuery(expr)
	if err != nil {
		return "", false, fmt.Errorf("store: search: %w", err)
	}
	return arg, ok, nil
}

// sortedSearchMax is the most full-text hits SearchArticles sorts by date
// rather than walking the date index: sorting costs what the hits are,
// walking what precedes the page asked for.
const sortedSearchMax = 2000

func (s *Store) sortedSearchLimit() int {
	if s.sortedSearch != 0 {
		return max(s.sortedSearch, 0)
	}
	return sortedSearchMax
}

func searchFilters(q ArticleSearch, where []string, args []any) ([]string, []any) {
	where = append(where, `a.status = 'done'`)
	if !q.Since.IsZero() {
		where = append(where, articleDate+` >= ?`)
		args = append(args, q.Since.Unix())
	}
	if q.Watch != "" {
		where = append(where, `a.id IN (SELECT article_id FROM matches WHERE watch = ?)`)
		args = append(args, q.Watch)
	}
	return where, args
}

// searchSorted is SearchArticles for an expression with few hits: their IDs
// sorted by date, then the articles read a batch at a time.
func (s *Store) searchSorted(ctx context.Context, q ArticleSearch, fn func(Article) (bool, error)) error {
	where, args := searchFilters(q, []string{s.ftsMatch()}, []any{q.Match})
	rows, err := s.idx.QueryContext(ctx, `SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE `+strings.Join(where, " AND ")+
		` ORDER BY `+articleDate+` DESC, a.id DESC`, args...)
	if err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("store: search: %w", err)
		}
		ids = append(ids, id)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	for len(ids) > 0 {
		batch := ids[:min(len(ids), searchBatch)]
		ids = ids[len(batch):]
		in := make([]any, len(batch))
		for i, id := range batch {
			in[i] = id
		}
		as, err := s.articles(ctx, `WHERE id IN (?`+strings.Repeat(",?", len(batch)-1)+`)`, in...)
		if err != nil {
			return fmt.Errorf("store: search: %w", err)
		}
		byID := make(map[int64]Article, len(as))
		for _, a := range as {
			byID[a.ID] = a
		}
		for _, id := range batch {
			a, ok := byID[id]
			if !ok {
				continue // pruned meanwhile
			}
			more, err := fn(a)
			if err != nil || !more {
				return err
			}
		}
	}
	return nil
}

// CountArticles counts the processed articles dated (published, or
// recorded when undated) at or after since.
func (s *Store) CountArticles(ctx context.Context, since time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a WHERE a.status = 'done' AND `+articleDate+` >= ?`, since.Unix()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// searchBatch is how many articles SearchArticles reads at a time.
const searchBatch = 50

// ArticleByID returns the article with that ID, or nil.
func (s *Store) ArticleByID(ctx context.Context, id int64) (*Article, error) {
	as, err := s.articles(ctx, `WHERE id = ?`, id)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	return &as[0], nil
}

// MatchRecord is one recorded match of a watch with an article.
type MatchRecord struct {
	ArticleID   int64
	Watch       string
	MatchedAt   time.Time
	Explanation string // JSON: the alert's "why" entries
}

// ArticleMatches returns the watches that matched an article, in the order
// they matched.
func (s *Store) ArticleMatches(ctx context.Context, articleID int64) ([]MatchRecord, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT article_id, watch, matched_at, explanation FROM matches WHERE article_id = ? ORDER BY matched_at, watch`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: article matches: %w", err)
	}
	defer rows.Close()
	var out []MatchRecord
	for rows.Next() {
		var m MatchRecord
		var at sql.NullInt64
		if err := rows.Scan(&m.ArticleID, &m.Watch, &at, &m.Explanation); err != nil {
			return nil, fmt.Errorf("store: article matches: %w", err)
		}
		m.MatchedAt = fromUnix(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// RecentMatch is a recorded match with its article (without its text).
type RecentMatch struct {
	MatchRecord
	Article Article
}

// LatestMatches returns the most recent matches — the alerts — of one watch
// or ("") of all, at most limit, newest first by the article's publication
// time (the time it was recorded when undated).
func (s *Store) LatestMatches(ctx context.Context, watch string, limit int) ([]RecentMatch, error) {
	q := `SELECT m.article_id, m.watch, m.matched_at, m.explanation,
	a.identity, a.url, a.feed, a.title, a.author, a.published, a.seen_at
FROM matches m JOIN articles a ON a.id = m.article_id`
	var args []any
	if watch != "" {
		q += ` WHERE m.watch = ?`
		args = append(args, watch)
	}
	q += ` ORDER BY ` + articleDate + ` DESC, m.article_id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: latest matches: %w", err)
	}
	defer rows.Close()
	var out []RecentMatch
	for rows.Next() {
		var m RecentMatch
		var at, published, seen sql.NullInt64
		if err := rows.Scan(&m.ArticleID, &m.Watch, &at, &m.Explanation, &m.Article.Identity, &m.Article.URL, &m.Article.Feed,
			&m.Article.Title, &m.Article.Author, &published, &seen); err != nil {
			return nil, fmt.Errorf("store: latest matches: %w", err)
		}
		m.MatchedAt, m.Article.Published, m.Article.SeenAt = fromUnix(at), fromUnix(published), fromUnix(seen)
		m.Article.ID = m.ArticleID
		out = append(out, m)
	}
	return out, rows.Err()
}

// SpeakerQuote is a stored quote with the article it is from (without the
// article's text).
type SpeakerQuote struct {
	Speaker string
	Text    string
	Article Article
}

// QuotesBy calls fn with the quotes attributed to a person, newest article
// first, until fn returns false or an error (which QuotesBy returns). The
// name matches a speaker as a whole or as the speaker's last words, ignoring
// case and diacritics: "Peskov" and "dmitry peskov" find "Dmitry Peskov",
// "Erdogan" finds "Recep Tayyip Erdoğan"; a Chinese, Japanese or Korean
// name, written surname first without a space, is found by its surname too
// ("岸田" finds "岸田文雄").
func (s *Store) QuotesBy(ctx context.Context, name string, since time.Time, fn func(SpeakerQuote) (bool, error)) error {
	want := strings.Fields(name)
	if len(want) == 0 {
		return nil
	}
	if last := want[len(want)-1]; isASCII(last) {
		// LIKE ignores ASCII case only (PostgreSQL's ILIKE all case): a
		// prefilter, checked again by SpeakerMatches. It cannot see
		// "Erdoğan" in "Erdogan": when it finds nothing, every speaker is
		// read.
		found := false
		err := s.quotesBy(ctx, name, want, since, "%"+likeEscape(last), func(q SpeakerQuote) (bool, error) {
			found = true
			return fn(q)
		})
		if err != nil || found {
			return err
		}
	}
	return s.quotesBy(ctx, name, want, since, "", fn)
}

// quotesBy is QuotesBy with a LIKE pattern the speaker must match ("": none).
func (s *Store) quotesBy(ctx context.Context, name string, want []string, since time.Time, like string, fn func(SpeakerQuote) (bool, error)) error {
	q := `SELECT q.speaker, q.text, a.id, a.identity, a.url, a.feed, a.title, a.published, a.seen_at
FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker != ''`
	var args []any
	if like != "" {
		q += ` AND q.speaker ` + s.pick(`LIKE`, `ILIKE`) + ` ? ESCAPE '\'`
		args = append(args, like)
	}
	if !since.IsZero() {
		q += ` AND ` + articleDate + ` >= ?`
		args = append(args, since.Unix())
	}
	q += ` ORDER BY ` + articleDate + ` DESC, a.id DESC, q.position`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: quotes by %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sq SpeakerQuote
		var published, seen sql.NullInt64
		if err := rows.Scan(&sq.Speaker, &sq.Text, &sq.Article.ID, &sq.Article.Identity, &sq.Article.URL, &sq.Article.Feed,
			&sq.Article.Title, &published, &seen); err != nil {
			return fmt.Errorf("store: quotes by %s: %w", name, err)
		}
		if !SpeakerMatches(sq.Speaker, want) {
			continue
		}
		sq.Article.Published, sq.Article.SeenAt = fromUnix(published), fromUnix(seen)
		more, err := fn(sq)
		if err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

// SpeakerMatches reports whether the name's words are the speaker's whole
// name or its last words, ignoring case and diacritics; or, for a speaker
// written in Chinese, Japanese or Korean as one word, whether the name is
// its beginning (the surname).
func SpeakerMatches(speaker string, name []string) bool {
	have := strings.FieldsFunc(speaker, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if len(name) == 0 || len(name) > len(have) {
		return false
	}
	if len(name) == 1 && len(have) == 1 && eastAsian(have[0]) && strings.HasPrefix(have[0], name[0]) {
		return true
	}
	have = have[len(have)-len(name):]
	for i := range name {
		if !strings.EqualFold(have[i], name[i]) && foldName(have[i]) != foldName(name[i]) {
			return false
		}
	}
	return true
}

// eastAsian reports whether w begins with a Han, kana or Hangul character.
func eastAsian(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// foldName is a name's word lower-cased without its diacritics
// ("Erdoğan" → "erdogan", "Łukasz" → "lukasz").
func foldName(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ł' || r == 'Ł':
			b.WriteRune('l')
		case r == 'ø' || r == 'Ø':
			b.WriteRune('o')
		case r == 'đ' || r == 'Đ':
			b.WriteRune('d')
		case r == 'ı':
			b.WriteRune('i')
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// AlertStat is what became of one watch's alerts in the outbox.
type AlertStat struct {
	Held          int       // waiting for the watch's digest
	LastDelivered time.Time // the last one delivered: alone, in a digest, or folded by flood control
}

// AlertStats returns each watch's AlertStat by watch name, and how many
// alerts in all are held for digests (which wait for their schedule, not for
// delivery).
func (s *Store) AlertStats(ctx context.Context) (map[string]AlertStat, int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT watch,
	COALESCE(SUM(CASE WHEN held = 1 AND delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
	MAX(delivered_at)
FROM outbox WHERE kind = 'alert' GROUP BY watch`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: alert stats: %w", err)
	}
	defer rows.Close()
	out := map[string]AlertStat{}
	held := 0
	for rows.Next() {
		var w string
		var st AlertStat
		var last sql.NullInt64
		if err := rows.Scan(&w, &st.Held, &last); err != nil {
			return nil, 0, fmt.Errorf("store: alert stats: %w", err)
		}
		st.LastDelivered = fromUnix(last)
		out[w] = st
		held += st.Held
	}
	return out, held, rows.Err()
}
