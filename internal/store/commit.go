package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
)

// Group commit. Polls write through one goroutine that takes every write
// waiting when it is free and applies them in one transaction: with many
// feeds polled at once, a commit (and its write-ahead-log write) serves
// dozens of polls instead of one. A caller of a write that returns a result
// waits for its commit, so what a call returns is on disk as before; writes
// whose loss a crash would not matter to (a feed's state after a 304 or a
// failure: the next poll does the same again) are queued without waiting.
// A crash loses at most the batch being committed and those queued.

// maxBatch bounds the writes of one transaction; queueLen how many writes
// wait for one.
const (
	maxBatch = 128
	queueLen = 1024
)

// commitLinger is how long the committer waits for more writes after the
// first of a batch, unless the batch fills first. Polls finishing one by one
// (their articles are matched and clustered one at a time) arrive a few
// milliseconds apart, each to an idle committer: without the wait each was a
// transaction of its own — its commit, and its write-ahead-log frames of
// the same index pages the next one writes again. A poll's write returns
// that much later, holding its poll's slot.
const commitLinger = 10 * time.Millisecond

// ErrClosed is returned for writes submitted after Close.
var ErrClosed = errors.New("store: closed")

// commitReq is one caller's writes: apply runs them in the batch's
// transaction. apply may run twice (alone, after a failed batch), so it
// must set its results afresh each time. done, when set, gets the outcome;
// else then is called with it, on the committer's goroutine.
type commitReq struct {
	apply func(tx *sql.Tx) error
	done  chan error
	then  func(error)
	// index are full-text entries staged by apply, pending once committed.
	index []IndexEntry
	// stories are the rows of the stories the request's articles were put
	// into, written before apply runs (see putStories): a story that several
	// articles of a batch joined is written once.
	stories []*Story
	// state or touch, when set, is all the request writes (apply writes it
	// alone): a batch writes the states of its feeds together.
	state *FeedState
	touch *feedTouch
	// rows, when set, are the rows of the processed articles of a poll's
	// record that apply inserts as they are (see RecordPoll): the batch
	// inserts those of consecutive such requests together (insertDone).
	rows *doneInsert
}

// doneInsert is the rows of processed articles a request inserts, and their
// IDs once inserted by its batch.
type doneInsert struct {
	args     []any   // doneColumns values a row (doneArgs)
	ids      []int64 // the rows' IDs, 0 for a row not inserted
	inserted bool    // set by insertDone in the current transaction
}

// feedTouch is a successful poll that changed nothing but its time.
type feedTouch struct {
	name string
	at   time.Time
}

func (r *commitReq) finish(err error) {
	if r.done != nil {
		r.done <- err
	} else if r.then != nil {
		r.then(err)
	}
}

// committer owns the batched writes.
type committer struct {
	reqs   chan *commitReq
	mu     sync.RWMutex // held to send; Close takes it to stop senders
	closed bool
	wg     sync.WaitGroup
	linger time.Duration // commitLinger (tests set it)
	// batches counts the batches committed (or tried), for the tests.
	batches atomic.Int64
	// full, when set, ends the linger early (SetBatchFull).
	full atomic.Pointer[func(waiting int) bool]
}

// SetBatchFull lets the group commit end its linger (commitLinger) as soon
// as the batch gathered can grow no more: full is called, on the
// committer's goroutine, with the number of requests of the batch that
// wait for their commit each time one joins it; when it returns true the
// batch is committed at once. The watchers set it to whether every poll
// in flight is waiting so — otherwise the committer sat out the rest of its
// linger while every poll waited for it, and the cores sat idle. A nil full
// restores the timed linger.
func (s *Store) SetBatchFull(full func(waiting int) bool) {
	if s == nil || s.commit == nil { // read-only
		return
	}
	if full == nil {
		s.commit.full.Store(nil)
		return
	}
	s.commit.full.Store(&full)
}

func (s *Store) startCommitter() {
	s.commit = &committer{reqs: make(chan *commitReq, queueLen), linger: commitLinger}
	s.commit.wg.Add(1)
	go s.commitLoop()
}

// stopCommitter refuses new writes and returns once those queued are
// committed.
func (s *Store) stopCommitter() {
	c := s.commit
	if c == nil {
		return
	}
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.reqs)
	}
	c.mu.Unlock()
	c.wg.Wait()
}

func (s *Store) commitLoop() {
	c := s.commit
	defer c.wg.Done()
	batch := make([]*commitReq, 0, maxBatch)
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for r := range c.reqs {
		batch = append(batch[:0], r)
		waiting := 0
		if r.done != nil {
			waiting++
		}
		full := c.full.Load()
		if full == nil || !(*full)(waiting) {
			linger.Reset(c.linger)
		more:
			for len(batch) < maxBatch {
				select {
				case r, ok := <-c.reqs:
					if !ok {
						break more // closing: commit what is here at once
					}
					batch = append(batch, r)
					if r.done != nil {
						waiting++
						if full != nil && (*full)(waiting) {
							break more
						}
					}
				case <-linger.C:
					break more
				}
			}
			linger.Stop()
		}
		c.batches.Add(1)
		s.commitBatch(batch)
	}
}

// commitBatch applies the batch in one transaction; if that fails, each
// request is applied in a transaction of its own, so that one bad write
// fails alone.
func (s *Store) commitBatch(batch []*commitReq) {
	ctx := context.Background()
	err := s.batchTx(ctx, func(tx *sql.Tx, conn *sql.Conn) error {
		// Feeds' states first, in statements of many rows (a feed's
		// later state wins); a request that writes articles is sent only
		// once the same feed's earlier writes are committed, so none of
		// these is newer than one of those.
		var states []FeedState
		last := map[string]int{}
		touches := map[string]time.Time{}
		for _, r := range batch {
			switch {
			case r.state != nil:
				delete(touches, r.state.Name)
				if i, ok := last[r.state.Name]; ok {
					states[i] = *r.state
					continue
				}
				last[r.state.Name] = len(states)
				states = append(states, *r.state)
			case r.touch != nil:
				if i, ok := last[r.touch.name]; ok {
					states[i].LastPoll, states[i].LastSuccess = r.touch.at, r.touch.at
					continue
				}
				touches[r.touch.name] = r.touch.at
			}
		}
		if err := s.putFeeds(tx, states); err != nil {
			return err
		}
		if err := touchFeeds(tx, touches); err != nil {
			return err
		}
		if err := s.putStories(tx, batch); err != nil {
			return err
		}
		for _, r := range batch {
			if r.rows != nil {
				r.rows.inserted = false
			}
		}
		for i, r := range batch {
			r.index = r.index[:0]
			if r.state != nil || r.touch != nil {
				continue
			}
			if r.rows != nil && !r.rows.inserted {
				if err := s.insertDone(tx, conn, batch[i:]); err != nil {
					return err
				}
			}
			if err := r.apply(tx); err != nil {
				return err
			}
		}
		return s.queueEntries(tx, batch)
	})
	if err == nil || len(batch) == 1 {
		if err == nil {
			s.fts.staged(batch)
		}
		for _, r := range batch {
			r.finish(err)
		}
		return
	}
	for _, r := range batch {
		r.index = r.index[:0]
		err := s.applyAlone(ctx, r)
		if err == nil {
			s.fts.staged([]*commitReq{r})
		}
		r.finish(err)
	}
}

// applyAlone applies r in a transaction of its own.
func (s *Store) applyAlone(ctx context.Context, r *commitReq) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if r.rows != nil {
			r.rows.inserted = false // apply inserts them
		}
		if err := s.putStories(tx, []*commitReq{r}); err != nil {
			return err
		}
		if err := r.apply(tx); err != nil {
			return err
		}
		return s.queueEntries(tx, []*commitReq{r})
	})
}

// queueEntries records in fts_queue the articles whose full-text entries the
// batch's requests staged, in one statement: the indexer writes the entries
// once committed, and a crash before that leaves their IDs here
// (UnindexedArticles). A row stands for a run of consecutive IDs: the
// articles a batch inserts have consecutive IDs, mostly one run — a row
// each was a twelfth of the group commit's CPU, with its removal.
func (s *Store) queueEntries(tx *sql.Tx, batch []*commitReq) error {
	var ids []int64
	for _, r := range batch {
		for _, e := range r.index {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := tx.Stmt(s.stmts.queueIndex).Exec(idRuns(runsOf(ids))); err != nil {
		return fmt.Errorf("store: queue %d full-text entries: %w", len(ids), err)
	}
	return nil
}

// submit runs apply in the next group commit and waits for the commit. A
// cancelled ctx stops the wait for a turn in the queue, not a commit.
// stories are the rows of the stories the writes put articles into.
func (s *Store) submit(ctx context.Context, stories []*Story, apply func(tx *sql.Tx, r *commitReq) error) error {
	return s.submitReq(ctx, &commitReq{stories: stories}, apply)
}

// submitReq is submit of a request r, which sets what apply does not.
func (s *Store) submitReq(ctx context.Context, r *commitReq, apply func(tx *sql.Tx, r *commitReq) error) error {
	r.done = make(chan error, 1)
	r.apply = func(tx *sql.Tx) error { return apply(tx, r) }
	if err := s.enqueue(ctx, r); err != nil {
		return err
	}
	return <-r.done
}

// enqueue queues r for the next group commit.
func (s *Store) enqueue(ctx context.Context, r *commitReq) error {
	c := s.commit
	if c == nil { // read-only: let the database refuse
		err := s.applyAlone(ctx, r)
		r.finish(err)
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return ErrClosed
	}
	select {
	case c.reqs <- r:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Sync returns once every write queued before it is committed.
func (s *Store) Sync(ctx context.Context) error {
	return s.submit(ctx, nil, func(*sql.Tx, *commitReq) error { return nil })
}

// PollRecord is what one poll of one feed writes, all in one transaction:
// the feed's state after the poll and the articles it found.
type PollRecord struct {
	// Feed is the feed's whole state after the poll, written as it is,
	// except ItemsSeen, which only grows (see FeedState).
	Feed FeedState
	// Added are articles to record without processing them now: status
	// pending (their page is read next) or recorded (never processed).
	Added []Article
	// Done are articles processed within the poll (their page is not read):
	// each is recorded done with its text, matches, quotes, full-text entry
	// and deliveries.
	Done []Completion
	// SharedGUIDs are the GUIDs by which an article of this record is
	// another feed's: an article whose GUID is one of them is skipped when
	// the one article stored with that GUID was recorded from another feed
	// than its own (checked in the transaction, so two feeds' polls
	// committed together record the post once). A GUID carried by several
	// stored articles, or by one of the article's own feed, merges nothing.
	SharedGUIDs map[string]bool
}

// PollOutcome is what RecordPoll changed.
type PollOutcome struct {
	Added  []Article    // the Added articles new to the store, with their IDs
	Done   []Completion // the Done articles new to the store, with their IDs
	Queued int          // deliveries queued for them
}

// RecordPoll writes a poll's record in the next group commit and returns
// once it is committed. Articles whose identity is already stored, or whose
// GUID is one of rec.SharedGUIDs and names another feed's article, are
// skipped, with their matches and deliveries: nothing is recorded
// or alerted twice, whichever feed carried it first.
func (s *Store) RecordPoll(ctx context.Context, rec PollRecord, now time.Time) (PollOutcome, error) {
	var stories []*Story
	for _, c := range rec.Done {
		if c.Story != nil {
			stories = append(stories, c.Story)
		}
	}
	// What the transaction writes is prepared here, in the poll's
	// goroutine, and what it returns is gathered here once committed: the
	// group commit, which every poll waiting for it waits for, only
	// executes. The articles' rows are built again there only when one
	// is left out for its GUID. On SQLite, the rows of a record that
	// checks no GUID and adds no article to read are inserted by the batch,
	// with those of the records before and after it (insertDone).
	args := doneArgs(rec.Done)
	addedIDs := make([]int64, len(rec.Added)) // 0: not inserted
	doneIDs := make([]int64, len(rec.Done))
	queued := 0
	req := &commitReq{stories: stories}
	if !s.pg && len(rec.Done) > 0 && len(rec.Added) == 0 && len(rec.SharedGUIDs) == 0 {
		req.rows = &doneInsert{args: args}
	}
	err := s.submitReq(ctx, req, func(tx *sql.Tx, r *commitReq) error {
		clear(addedIDs)
		clear(doneIDs)
		queued = 0
		if cap(r.index) < len(rec.Done) {
			r.index = make([]IndexEntry, 0, len(rec.Done))
		}
		add := tx.Stmt(s.stmts.addArticle)
		var elsewhere *sql.Stmt
		recordedElsewhere := func(a Article) (bool, error) {
			if !rec.SharedGUIDs[a.GUID] || a.GUID == "" {
				return false, nil
			}
			if elsewhere == nil {
				elsewhere = tx.Stmt(s.stmts.guidElsewhere)
			}
			if s.pg {
				// PostgreSQL: another instance may be recording an
				// article with this GUID now. The lock, held to the
				// commit, makes the second wait and then see the first.
				if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, "guid "+a.GUID); err != nil {
					return false, fmt.Errorf("store: lock guid %s: %w", a.GUID, err)
				}
			}
			var dup bool
			if err := elsewhere.QueryRow(a.GUID, a.Feed).Scan(&dup); err != nil {
				return false, fmt.Errorf("store: article by guid %s: %w", a.GUID, err)
			}
			return dup, nil
		}
		for i, a := range rec.Added {
			if dup, err := recordedElsewhere(a); err != nil || dup {
				if err != nil {
					return err
				}
				continue
			}
			id, err := insertedID(add.QueryRow(a.Identity, a.URL, a.GUID, a.Feed, a.Title, a.Author, a.Image,
				unix(a.Published), a.SeenAt.Unix(), a.FeedText, a.Text, a.Status, a.itemSum()))
			if err != nil {
				return fmt.Errorf("store: add article %s: %w", a.Identity, err)
			}
			addedIDs[i] = id
		}
		if len(rec.Done) > 0 {
			// Skipped as the store skips an identity already stored: the
			// story's row counted it all the same. kept[i] is the index
			// in rec.Done of done[i].
			done, args, kept := rec.Done, args, []int(nil)
			if len(rec.SharedGUIDs) > 0 {
				done = make([]Completion, 0, len(rec.Done))
				for i, c := range rec.Done {
					if dup, err := recordedElsewhere(c.Article); err != nil || dup {
						if err != nil {
							return err
						}
						continue
					}
					done = append(done, c)
					kept = append(kept, i)
				}
				if len(done) < len(rec.Done) {
					args = doneArgs(done)
				}
			}
			// The articles first, several a statement, then what each
			// brings, in the same order.
			var ids []int64
			if r.rows != nil && r.rows.inserted {
				ids = r.rows.ids
			} else {
				var err error
				if ids, err = s.addDone(tx, args); err != nil {
					return err
				}
			}
			cs := completionStmts(tx, &s.stmts)
			for i, c := range done {
				if ids[i] == 0 {
					continue
				}
				c.Article.ID = ids[i]
				q, err := cs.complete(c, now, false, r)
				if err != nil {
					return err
				}
				if kept != nil {
					doneIDs[kept[i]] = ids[i]
				} else {
					doneIDs[i] = ids[i]
				}
				queued += q
			}
		}
		return s.putFeed(tx, rec.Feed)
	})
	if err != nil {
		return PollOutcome{}, err
	}
	out := PollOutcome{Queued: queued}
	for i, id := range addedIDs {
		if id != 0 {
			if out.Added == nil {
				out.Added = make([]Article, 0, len(rec.Added))
			}
			a := rec.Added[i]
			a.ID = id
			out.Added = append(out.Added, a)
		}
	}
	for i, id := range doneIDs {
		if id != 0 {
			if out.Done == nil {
				out.Done = make([]Completion, 0, len(rec.Done))
			}
			c := rec.Done[i]
			c.Article.ID = id
			out.Done = append(out.Done, c)
		}
	}
	return out, nil
}

// RecordFeedState queues a write of a feed's state, after a poll that found
// nothing new (a 304) or failed, and returns without waiting for it: a
// crash that loses it changes nothing but the next poll's validators. then,
// when not nil, is called with the outcome.
func (s *Store) RecordFeedState(ctx context.Context, st FeedState, then func(error)) error {
	r := &commitReq{then: then, state: &st}
	r.apply = func(tx *sql.Tx) error { return s.putFeed(tx, st) }
	return s.enqueue(ctx, r)
}

// TouchFeed queues the record of a successful poll of a feed that changed
// nothing but the poll's time (a 304 with the same validators, no failures
// before), without waiting for it, as RecordFeedState. The feed's row must
// exist (written by an earlier poll, or queued before this).
func (s *Store) TouchFeed(ctx context.Context, name string, at time.Time, then func(error)) error {
	r := &commitReq{then: then, touch: &feedTouch{name: name, at: at}}
	r.apply = func(tx *sql.Tx) error { return touchFeeds(tx, map[string]time.Time{name: at}) }
	return s.enqueue(ctx, r)
}

// touchFeeds sets the last poll and success of feeds, one statement for up
// to touchRows feeds polled in the same second.
func touchFeeds(tx *sql.Tx, touches map[string]time.Time) error {
	bySecond := map[int64][]any{}
	for name, at := range touches {
		bySecond[at.Unix()] = append(bySecond[at.Unix()], name)
	}
	for at, names := range bySecond {
		for len(names) > 0 {
			n := min(len(names), touchRows)
			q := `UPDATE feeds SET last_poll = ?1, last_success = ?1 WHERE name IN (?` + strings.Repeat(", ?", n-1) + `)`
			if _, err := tx.Exec(q, append([]any{at}, names[:n]...)...); err != nil {
				return fmt.Errorf("store: record polls of %d feeds: %w", n, err)
			}
			names = names[n:]
		}
	}
	return nil
}

const touchRows = 500

// feedRows is how many feeds' states one statement writes.
const feedRows = 64

// putFeeds writes feeds' states, feedRows a statement.
func (s *Store) putFeeds(tx *sql.Tx, states []FeedState) error {
	for len(states) > 0 {
		n := min(len(states), feedRows)
		args := make([]any, 0, n*11)
		for _, f := range states[:n] {
			args = append(args, f.Name, f.URL, f.ETag, f.LastModified, unix(f.LastPoll), unix(f.LastSuccess),
				f.LastError, unix(f.LastErrorAt), f.Failures, unix(f.NextPoll), f.ItemsSeen)
		}
		q := putFeedsSQL(n)
		if _, err := tx.Exec(q, args...); err != nil {
			return fmt.Errorf("store: record polls of %d feeds: %w", n, err)
		}
		states = states[n:]
	}
	return nil
}

var putFeedsFull = sync.OnceValue(func() string { return buildPutFeeds(feedRows) })

func putFeedsSQL(n int) string {
	if n == feedRows {
		return putFeedsFull()
	}
	return buildPutFeeds(n)
}

func buildPutFeeds(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO feeds (name, url, etag, last_modified, last_poll, last_success, last_error, last_error_at, failures, next_poll, items_seen) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(upsertFeed)
	return b.String()
}

// putFeed writes a feed's state.
func (s *Store) putFeed(tx *sql.Tx, f FeedState) error {
	_, err := tx.Stmt(s.stmts.putFeed).Exec(f.Name, f.URL, f.ETag, f.LastModified, unix(f.LastPoll), unix(f.LastSuccess),
		f.LastError, unix(f.LastErrorAt), f.Failures, unix(f.NextPoll), f.ItemsSeen)
	if err != nil {
		return fmt.Errorf("store: record poll of %s: %w", f.Name, err)
	}
	return nil
}

// addDone inserts processed articles, args their rows' values (doneArgs),
// and returns their IDs in order: 0 for an article whose identity is stored
// already, or is an earlier one's of args. The story's row is written
// already (the article refers to it): the article is inserted in it, without
// a second write to set its story. Several articles go in one statement
// (doneSizes): the fixed cost of a statement — its cursors on the table and
// its five indexes, its journal — was most of a single row's.
//
// On SQLite the statement returns nothing: RETURNING made it gather its rows
// in a temporary table, to be read back with their identities (a third of
// the statement's cost, measured on 16 rows). SQLite gives an inserted row
// the largest ID plus one, and inserts a statement's rows in their order, so
// the k rows one statement inserted have the IDs up to its last insert's,
// consecutive: all n of them when k is n; otherwise which k is read back by
// those IDs. (Past 2^63-1 SQLite would pick IDs at random; no database gets
// there.) PostgreSQL, whose IDs come from a sequence other instances share,
// returns them.
func (s *Store) addDone(tx *sql.Tx, args []any) ([]int64, error) {
	n := len(args) / doneColumns
	ids := make([]int64, n)
	for start := 0; start < n; {
		k := s.doneStatement(n - start)
		rows, rowIDs := args[start*doneColumns:(start+k)*doneColumns], ids[start:start+k]
		var err error
		if s.pg {
			err = s.addDoneReturning(tx, rows, rowIDs)
		} else {
			err = s.addDoneSQLite(tx, nil, rows, rowIDs)
		}
		if err != nil {
			return nil, err
		}
		start += k
	}
	return ids, nil
}

// insertDone inserts the rows of processed articles of reqs[0] and of the
// requests that follow it with such rows (RecordPoll's plain records; those
// that write only a feed's state are passed over), up to the first other
// request, as if each request inserted its own in turn: in statements of up
// to doneSizes[0] rows, which may hold several requests' rows, where each
// poll's alone was cut to several — a poll of 20 items made a statement of
// 16 and one of 4 (SQLite). IDs come out the same: the requests' other
// writes (completions, feed states) insert no article. conn is tx's
// connection (batchTx): the statements run on its driver connection
// itself (execDone).
func (s *Store) insertDone(tx *sql.Tx, conn *sql.Conn, reqs []*commitReq) error {
	var run []*commitReq
	rows := 0
	for _, r := range reqs {
		if r.state != nil || r.touch != nil {
			continue
		}
		if r.rows == nil {
			break
		}
		run = append(run, r)
		rows += len(r.rows.args) / doneColumns
	}
	// take returns the values of the next k rows: a request's own, or
	// copied when they are several requests'.
	var cur, buf []any
	next := 0
	take := func(k int) []any {
		want := k * doneColumns
		for len(cur) == 0 {
			cur, next = run[next].rows.args, next+1
		}
		if len(cur) >= want {
			out := cur[:want]
			cur = cur[want:]
			return out
		}
		buf = buf[:0]
		for len(buf) < want {
			for len(cur) == 0 {
				cur, next = run[next].rows.args, next+1
			}
			m := min(len(cur), want-len(buf))
			buf, cur = append(buf, cur[:m]...), cur[m:]
		}
		return buf
	}
	ids := make([]int64, rows)
	for start := 0; start < rows; {
		k := s.doneStatement(rows - start)
		if err := s.addDoneSQLite(tx, conn, take(k), ids[start:start+k]); err != nil {
			return err
		}
		start += k
	}
	for _, r := range run {
		n := len(r.rows.args) / doneColumns
		r.rows.ids, ids = ids[:n:n], ids[n:]
		r.rows.inserted = true
	}
	return nil
}

// doneStatement is how many of n rows of processed articles to insert in
// the next statement: the most a statement takes (doneSizes), at most n.
func (s *Store) doneStatement(n int) int {
	sizes := doneSizes
	if !s.pg {
		sizes = sqliteDoneSizes
	}
	for _, size := range sizes {
		if n >= size {
			return size
		}
	}
	return 1
}

// doneArgs are the values of the rows of processed articles cs, doneColumns
// a row in the order of addDoneSQL's columns. The GUID, author, image and
// text, often empty (the text always, for an article of the feed's text
// alone: storedText), are NULL when empty, which the statement stores as the
// empty string (doneRowSQL).
func doneArgs(cs []Completion) []any {
	args := make([]any, 0, len(cs)*doneColumns)
	for _, c := range cs {
		a := c.Article
		var story any
		if c.Story != nil {
			story = c.Story.ID
		}
		args = append(args, a.Identity, a.URL, nullIfEmpty(a.GUID), a.Feed, a.Title, nullIfEmpty(a.Author), nullIfEmpty(a.Image),
			unix(a.Published), a.SeenAt.Unix(), a.FeedText, nullIfEmpty(storedText(a)), a.TextSource, a.Lang, story, a.itemSum())
	}
	return args
}

// addDoneSQLite inserts the rows of args (doneArgs) and sets their ids (see
// addDone): on conn, tx's connection, by execDone when conn is set.
func (s *Store) addDoneSQLite(tx *sql.Tx, conn *sql.Conn, args []any, ids []int64) error {
	n := len(ids)
	var res driver.Result
	var err error
	if conn != nil {
		res, err = execDone(conn, n, args)
	} else {
		res, err = tx.Stmt(s.stmts.addDoneMany[n]).Exec(args...)
	}
	var k, last int64
	if err == nil {
		k, err = res.RowsAffected()
	}
	if err == nil && k > 0 {
		last, err = res.LastInsertId()
	}
	if err != nil {
		return fmt.Errorf("store: add %d articles: %w", n, err)
	}
	switch {
	case k == 0:
		return nil
	case k == int64(n):
		for i := range ids {
			ids[i] = last - int64(n) + 1 + int64(i)
		}
		return nil
	}
	rows, err := tx.Query(`SELECT id, identity FROM articles WHERE id BETWEEN ? AND ?`, last-k+1, last)
	if err != nil {
		return fmt.Errorf("store: add %d articles: %w", n, err)
	}
	inserted, err := scanInserted(rows, int(k))
	if err != nil {
		return fmt.Errorf("store: add %d articles: %w", n, err)
	}
	if int64(len(inserted)) != k {
		return fmt.Errorf("store: add %d articles: %d inserted, %d found by their IDs %d to %d", n, k, len(inserted), last-k+1, last)
	}
	setInserted(args, inserted, ids)
	return nil
}

// scanInserted reads rows of (id, identity) of inserted articles, and
// closes them.
func scanInserted(rows *sql.Rows, size int) (map[string]int64, error) {
	defer rows.Close()
	inserted := make(map[string]int64, size)
	for rows.Next() {
		var id int64
		var identity string
		if err := rows.Scan(&id, &identity); err != nil {
			return nil, err
		}
		inserted[identity] = id
	}
	return inserted, rows.Err()
}

// addDoneReturning inserts the rows of args (doneArgs) and sets their ids
// from what the statement returns (PostgreSQL).
func (s *Store) addDoneReturning(tx *sql.Tx, args []any, ids []int64) error {
	n := len(ids)
	if n == 1 {
		id, err := insertedID(tx.Stmt(s.stmts.addDone).QueryRow(args...))
		if err != nil {
			return fmt.Errorf("store: add article %s: %w", args[0], err)
		}
		ids[0] = id
		return nil
	}
	rows, err := tx.Stmt(s.stmts.addDoneMany[n]).Query(args...)
	if err != nil {
		return fmt.Errorf("store: add %d articles: %w", n, err)
	}
	inserted, err := scanInserted(rows, n)
	if err != nil {
		return fmt.Errorf("store: add %d articles: %w", n, err)
	}
	setInserted(args, inserted, ids)
	return nil
}

// setInserted sets ids from the IDs of the identities inserted, the rows'
// of args (doneArgs): the first of several rows with one identity is the one
// inserted.
func setInserted(args []any, inserted map[string]int64, ids []int64) {
	for i := range ids {
		identity := args[i*doneColumns].(string)
		if id, ok := inserted[identity]; ok {
			ids[i] = id
			delete(inserted, identity)
		}
	}
}

// doneSizes are the numbers of rows of the statements that insert several
// processed articles (addDoneMany) on PostgreSQL, largest first, and
// sqliteDoneSizes on SQLite; doneColumns the values of a row. On SQLite a
// statement's own cost is some 10–15 µs of CPU: 20,000 rows into a table of
// 80,000 took 121 ms in statements of 64 rows, 135 ms of 16, 170 ms of 4.
var (
	doneSizes       = []int{16, 8, 4, 2}
	sqliteDoneSizes = []int{64, 32, 16, 8, 4, 2, 1}
)

const doneColumns = 15

// doneRowSQL is the values of a row of addDoneSQL, bound to doneArgs. A
// NULL for an empty string is bound without copying anything: modernc's
// driver copies every text argument into C memory, binds it, unbinds it
// after the statement and frees it, for an empty one as for any, and
// binding was about a third of the statement's CPU (four empty columns of
// fifteen: 5–6% less CPU for 20,000 articles, 7 interleaved pairs of 8).
const doneRowSQL = `(?, ?, COALESCE(?, ''), ?, ?, COALESCE(?, ''), COALESCE(?, ''), ?, ?, ?, COALESCE(?, ''), ?, ?, ?, 'done', ?)`

// nullIfEmpty is v, or NULL when v is empty (doneRowSQL).
func nullIfEmpty(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// addDoneSQL inserts n processed articles, returning the ID and identity of
// each inserted when returning is set.
func addDoneSQL(n int, returning bool) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO articles (identity, url, guid, feed, title, author, image, published, seen_at, feed_text, text, text_source, lang, story_id, status, item_sum) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(doneRowSQL)
	}
	b.WriteString(` ON CONFLICT (identity) DO NOTHING`)
	if returning {
		b.WriteString(` RETURNING id, identity`)
	}
	return b.String()
}

// batchTx runs fn in a transaction, as tx, on a connection of the writer's
// that fn may use beside the transaction (execDone); conn is nil on
// PostgreSQL.
func (s *Store) batchTx(ctx context.Context, fn func(tx *sql.Tx, conn *sql.Conn) error) error {
	if s.pg || s.readonly {
		return s.tx(ctx, func(tx *sql.Tx) error { return fn(tx, nil) })
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	return s.runTx(tx, err, func(tx *sql.Tx) error { return fn(tx, conn) })
}

// writerConn is the writer's driver connection, SQLite's, with the
// statements that insert processed articles (addDoneSQL) prepared on it
// and run by the committer without database/sql (execDone), finalized when
// it closes: database/sql's Exec copied each of a statement's 960 values
// into a slice of its own, checking each, before the driver bound them
// (95 MB of garbage over a profile of BenchmarkPollCycle/changed; the
// statements 2–5% less CPU in BenchmarkInsertDone).
type writerConn struct {
	driver.Conn
	done map[int]driver.Stmt // by rows
	args []driver.NamedValue
}

// writerConnector opens the writer's connections (writerConn).
type writerConnector struct{ dsn string }

func (w writerConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := (&sqlite.Driver{}).Open(w.dsn)
	if err != nil {
		return nil, err
	}
	return &writerConn{Conn: c}, nil
}

func (w writerConnector) Driver() driver.Driver { return &sqlite.Driver{} }

// The interfaces database/sql uses of SQLite's connection, passed on.
var (
	_ driver.ConnBeginTx        = (*writerConn)(nil)
	_ driver.ConnPrepareContext = (*writerConn)(nil)
	_ driver.ExecerContext      = (*writerConn)(nil)
	_ driver.QueryerContext     = (*writerConn)(nil)
	_ driver.Pinger             = (*writerConn)(nil)
	_ driver.SessionResetter    = (*writerConn)(nil)
	_ driver.Validator          = (*writerConn)(nil)
)

func (c *writerConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *writerConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *writerConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *writerConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *writerConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *writerConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *writerConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

// Close finalizes the statements prepared on the connection, then closes
// it (SQLite keeps a connection with statements not finalized open).
func (c *writerConn) Close() error {
	var errs []error
	for _, st := range c.done {
		errs = append(errs, st.Close())
	}
	c.done = nil
	return errors.Join(append(errs, c.Conn.Close())...)
}

// execDone runs addDoneSQL of n rows with the values args on conn, the
// writer's connection of the transaction being built.
func execDone(conn *sql.Conn, n int, args []any) (driver.Result, error) {
	var res driver.Result
	err := conn.Raw(func(dc any) error {
		c := dc.(*writerConn)
		st := c.done[n]
		if st == nil {
			var err error
			if st, err = c.Conn.Prepare(addDoneSQL(n, false)); err != nil {
				return err
			}
			if c.done == nil {
				c.done = map[int]driver.Stmt{}
			}
			c.done[n] = st
		}
		nv := c.args[:0]
		for i, v := range args {
			nv = append(nv, driver.NamedValue{Ordinal: i + 1, Value: v})
		}
		var err error
		res, err = st.(driver.StmtExecContext).ExecContext(context.Background(), nv)
		clear(nv) // keeps none of the values
		c.args = nv[:0]
		return err
	})
	return res, err
}
