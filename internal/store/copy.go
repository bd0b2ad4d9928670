package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Copying an installation from SQLite to PostgreSQL (newshound migrate).
//
// Each table is copied in batches of its SQLite rowids, in an order that
// keeps foreign keys whole; a batch and the progress it makes (the table
// copy_progress in the target) are written in one transaction, so an
// interrupted copy resumes after its last batch, copying nothing twice. The
// full-text index is rebuilt from the articles (SQLite's is contentless):
// an article gets an entry on PostgreSQL when it has one on SQLite or waits
// for one there (fts_queue). At the end every table's rows are counted on
// both sides.

// copyTable is a table copied row for row.
type copyTable struct {
	name string
	key  []string // the primary key: an upsert's conflict target; none: plain inserts
	// convert, when set, gives a column's value as PostgreSQL stores it.
	convert func(dst *Store, col string, v any) any
}

// copyTables are the tables copied, parents before children. A table of the
// SQLite database missing here stops the copy (copyCheckTables): a table
// added by a later migration must be added here, or its rows would be lost.
var copyTables = []copyTable{
	{name: "feeds", key: []string{"name"}},
	{name: "chat_watches", key: []string{"name"}},
	{name: "stories", key: []string{"id"}, convert: copyState},
	{name: "story_names", key: []string{"id"}, convert: copyState},
	{name: "articles", key: []string{"id"}},
	{name: "matches", key: []string{"article_id", "watch"}},
	{name: "quotes", key: []string{"article_id", "position"}},
	{name: "outbox", key: []string{"id"}},
	{name: "posts"},
	{name: "settings", key: []string{"key"}},
}

// copyState converts a state column (stories, story_names) for the target.
func copyState(dst *Store, col string, v any) any {
	if col != "state" {
		return v
	}
	// A binary state (a BLOB) goes in base64 (storedState); a JSON
	// state of before is read as it is (readState).
	var b []byte
	switch x := v.(type) {
	case []byte:
		b = x
	case string:
		b = []byte(x)
	default:
		return v
	}
	if len(b) > 0 && b[0] == '{' {
		return string(b)
	}
	return dst.storedState(b)
}

// copyNotCopied are SQLite tables whose content is rebuilt, not copied.
var copyNotCopied = []string{"fts_queue", "articles_fts"}

// ftsTable names the full-text index's progress and count.
const ftsTable = "articles_fts"

// CopyOptions are Copy's parameters.
type CopyOptions struct {
	// Index gives an article's full-text entry: its title and text folded
	// as the pipeline folds them.
	Index func(Article) IndexEntry
	// Batch is how many rows a transaction writes (0: 500).
	Batch int
	// Progress, when not nil, is told each batch written: the table and the
	// rows of it written so far by this run.
	Progress func(table string, copied int64)
}

// CopyCount is one table's rows in the source and in the target after Copy.
type CopyCount struct {
	Table          string
	Source, Target int64
	Copied         int64 // rows written by this run (0 for a resumed table already done)
}

// Copy copies the SQLite store src into the PostgreSQL store dst, resuming
// an interrupted copy, and returns each table's counts; it fails when a
// count differs after the copy. Nothing must write src meanwhile (Open
// holds its lock), and dst should hold no other installation's rows.
func Copy(ctx context.Context, src, dst *Store, o CopyOptions) ([]CopyCount, error) {
	if src.pg || !dst.pg {
		return nil, errors.New("store: copy: from SQLite to PostgreSQL only")
	}
	if o.Batch <= 0 {
		o.Batch = 500
	}
	progress := o.Progress
	if err := copyCheckTables(ctx, src); err != nil {
		return nil, err
	}
	if _, err := dst.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS copy_progress (tbl TEXT PRIMARY KEY, last_rowid BIGINT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("store: copy: %w", err)
	}
	if err := copyCheckEmpty(ctx, dst); err != nil {
		return nil, err
	}
	copied := map[string]int64{}
	for _, t := range copyTables {
		n, err := copyRows(ctx, src, dst, t, o.Batch, func(n int64) {
			if progress != nil {
				progress(t.name, n)
			}
		})
		copied[t.name] = n
		if err != nil {
			return nil, err
		}
	}
	n, err := copyIndex(ctx, src, dst, o.Index, o.Batch, func(n int64) {
		if progress != nil {
			progress(ftsTable, n)
		}
	})
	copied[ftsTable] = n
	if err != nil {
		return nil, err
	}
	// New rows' IDs continue after the copied ones.
	for _, t := range []string{"articles", "outbox"} {
		if _, err := dst.w.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM `+t+`), false)`); err != nil {
			return nil, fmt.Errorf("store: copy: %s ids: %w", t, err)
		}
	}
	if err := dst.Analyze(ctx); err != nil {
		return nil, err
	}
	counts, err := copyCounts(ctx, src, dst)
	for i := range counts {
		counts[i].Copied = copied[counts[i].Table]
	}
	if err != nil {
		return counts, err
	}
	var bad []string
	for _, c := range counts {
		if c.Source != c.Target {
			bad = append(bad, fmt.Sprintf("%s: %d in SQLite, %d in PostgreSQL", c.Table, c.Source, c.Target))
		}
	}
	if len(bad) > 0 {
		return counts, fmt.Errorf("store: copy: counts differ (%s): was the PostgreSQL database empty?", strings.Join(bad, "; "))
	}
	return counts, nil
}

// copyCheckTables refuses a source holding a table Copy does not know.
func copyCheckTables(ctx context.Context, src *Store) error {
	rows, err := src.r.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts_%'`)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		known := slices.Contains(copyNotCopied, name) || slices.ContainsFunc(copyTables, func(t copyTable) bool { return t.name == name })
		if !known {
			return fmt.Errorf("store: copy: the SQLite database has a table %q this newshound does not know how to copy", name)
		}
	}
	return rows.Err()
}

// copyCheckEmpty refuses to begin a copy into a database that already holds
// rows of an installation: merged with them, rows whose keys both sides use
// would be skipped and the target would hold neither installation whole. A
// copy with progress recorded is resumed, whatever the target holds.
func copyCheckEmpty(ctx context.Context, dst *Store) error {
	var begun bool
	if err := dst.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM copy_progress)`).Scan(&begun); err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	if begun {
		return nil
	}
	var held []string
	for _, t := range copyTables {
		var n int64
		if err := dst.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.name).Scan(&n); err != nil {
			return fmt.Errorf("store: copy: %s: %w", t.name, err)
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%s: %d rows", t.name, n))
		}
	}
	if len(held) > 0 {
		return fmt.Errorf("store: copy: the PostgreSQL database already holds an installation (%s) and no copy to resume: copy into an empty database", strings.Join(held, ", "))
	}
	return nil
}

// copyDone is where the copy of table stopped (0: not begun).
func copyDone(ctx context.Context, dst *Store, table string) (int64, error) {
	var last int64
	err := dst.r.QueryRowContext(ctx, `SELECT last_rowid FROM copy_progress WHERE tbl = ?`, table).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return last, err
}

// copyRows copies t's rows after those already copied, and returns how many
// it wrote.
func copyRows(ctx context.Context, src, dst *Store, t copyTable, batchSize int, progress func(int64)) (int64, error) {
	cols, err := sqliteColumns(ctx, src, t.name)
	if err != nil {
		return 0, err
	}
	last, err := copyDone(ctx, dst, t.name)
	if err != nil {
		return 0, fmt.Errorf("store: copy %s: %w", t.name, err)
	}
	var total int64
	for {
		rows, err := src.r.QueryContext(ctx, `SELECT rowid, `+strings.Join(cols, ", ")+` FROM `+t.name+` WHERE rowid > ? ORDER BY rowid LIMIT ?`, last, batchSize)
		if err != nil {
			return total, fmt.Errorf("store: copy %s: %w", t.name, err)
		}
		var batch [][]any
		for rows.Next() {
			vals := make([]any, len(cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return total, fmt.Errorf("store: copy %s: %w", t.name, err)
			}
			batch = append(batch, vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("store: copy %s: %w", t.name, err)
		}
		if len(batch) == 0 {
			return total, nil
		}
		end := batch[len(batch)-1][0].(int64)
		err = dst.tx(ctx, func(tx *sql.Tx) error {
			var args []any
			var b strings.Builder
			b.WriteString(`INSERT INTO ` + t.name + ` (` + strings.Join(cols, ", ") + `) VALUES `)
			row := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
			for i, vals := range batch {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(row)
				for i, v := range vals[1:] {
					if t.convert != nil {
						v = t.convert(dst, cols[i], v)
					}
					if bs, ok := v.([]byte); ok { // TEXT columns only: a stray blob is its bytes as text
						v = string(bs)
					}
					args = append(args, v)
				}
			}
			if len(t.key) > 0 {
				b.WriteString(` ON CONFLICT (` + strings.Join(t.key, ", ") + `) DO UPDATE SET `)
				var sets []string
				for _, c := range cols {
					if !slices.Contains(t.key, c) {
						sets = append(sets, c+" = excluded."+c)
					}
				}
				b.WriteString(strings.Join(sets, ", "))
			}
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
			return copyMark(ctx, tx, t.name, end)
		})
		if err != nil {
			return total, fmt.Errorf("store: copy %s (rows after rowid %d): %w", t.name, last, err)
		}
		last = end
		total += int64(len(batch))
		progress(total)
	}
}

// copyMark records in tx that table is copied up to rowid last.
func copyMark(ctx context.Context, tx *sql.Tx, table string, last int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO copy_progress (tbl, last_rowid) VALUES (?, ?)
ON CONFLICT (tbl) DO UPDATE SET last_rowid = excluded.last_rowid`, table, last)
	return err
}

// sqliteColumns lists a SQLite table's columns, in order.
func sqliteColumns(ctx context.Context, src *Store, table string) ([]string, error) {
	rows, err := src.r.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, fmt.Errorf("store: copy %s: %w", table, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("store: copy: no table %s in the SQLite database", table)
	}
	return cols, rows.Err()
}

// ftsIDs selects the articles with a full-text entry on SQLite, or one
// waiting to be written (a queue row stands for article_id to last).
const ftsIDs = `SELECT rowid AS id FROM articles_fts UNION
SELECT a.id FROM fts_queue q JOIN articles a ON a.id BETWEEN q.article_id AND COALESCE(q.last, q.article_id)`

// copyIndex writes the full-text entries of the articles that have one on
// SQLite, after those already written.
func copyIndex(ctx context.Context, src, dst *Store, index func(Article) IndexEntry, batchSize int, progress func(int64)) (int64, error) {
	last, err := copyDone(ctx, dst, ftsTable)
	if err != nil {
		return 0, fmt.Errorf("store: copy index: %w", err)
	}
	var total int64
	for {
		as, err := src.indexedArticles(ctx, last, batchSize)
		if err != nil {
			return total, fmt.Errorf("store: copy index: %w", err)
		}
		if len(as) == 0 {
			return total, nil
		}
		end := as[len(as)-1].ID
		err = dst.tx(ctx, func(tx *sql.Tx) error {
			stmt := tx.StmtContext(ctx, dst.stmts.indexArticle)
			for _, a := range as {
				e := index(a)
				if _, err := stmt.ExecContext(ctx, a.ID, tsvector(e.Title, e.Body)); err != nil {
					return fmt.Errorf("article %d: %w", a.ID, err)
				}
			}
			return copyMark(ctx, tx, ftsTable, end)
		})
		if err != nil {
			return total, fmt.Errorf("store: copy index: %w", err)
		}
		last = end
		total += int64(len(as))
		progress(total)
	}
}

// copyCounts counts every copied table's rows on both sides.
func copyCounts(ctx context.Context, src, dst *Store) ([]CopyCount, error) {
	var out []CopyCount
	count := func(s *Store, q string) (int64, error) {
		var n int64
		err := s.r.QueryRowContext(ctx, q).Scan(&n)
		return n, err
	}
	for _, t := range copyTables {
		c := CopyCount{Table: t.name}
		var err error
		if c.Source, err = count(src, `SELECT COUNT(*) FROM `+t.name); err == nil {
			c.Target, err = count(dst, `SELECT COUNT(*) FROM `+t.name)
		}
		if err != nil {
			return out, fmt.Errorf("store: copy: count %s: %w", t.name, err)
		}
		out = append(out, c)
	}
	c := CopyCount{Table: ftsTable}
	var err error
	if err = src.idx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+ftsIDs+`) x`).Scan(&c.Source); err == nil {
		c.Target, err = count(dst, `SELECT COUNT(*) FROM articles_fts`)
	}
	if err != nil {
		return out, fmt.Errorf("store: copy: count %s: %w", ftsTable, err)
	}
	return append(out, c), nil
}

// indexedArticles returns the articles after ID after that have a full-text
// entry on SQLite, or one queued, at most limit, by ID: their IDs read
// where the index is (Store.idx), then the articles.
func (s *Store) indexedArticles(ctx context.Context, after int64, limit int) ([]Article, error) {
	rows, err := s.idx.QueryContext(ctx, `SELECT id FROM (`+ftsIDs+`) x WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	return s.articles(ctx, `WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, idArray(ids))
}
