package watchers

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/store"
)

// PollResult is what one poll of one feed did.
type PollResult struct {
	Skipped     bool // in backoff: not fetched
	NotModified bool
	Items       int // items in the feed document
	New         int // items not seen before, recorded
	Processed   int // articles read and matched
	Queued      int // deliveries queued
}

// Backoff bounds for a failing feed.
const (
	backoffBase = time.Minute
	backoffMax  = 6 * time.Hour
)

// PollFeed polls one feed: fetch, record new items, process them. Its error
// is a *FeedError naming the feed and its URL; when the database failed, not
// the feed, it wraps a *StoreError. Unless force is set a feed in backoff is
// skipped.
//
// Everything the poll learnt — the feed's new state and its new articles —
// is written in one transaction, shared with the polls of other feeds
// (store.RecordPoll's group commit). Articles whose page is not read are
// matched before that write and recorded done with their matches and
// alerts; the others are recorded pending, then read, matched and completed
// (CompleteArticles). A crash before the write loses nothing: the feed's
// validators were not saved either, so the next poll fetches the same items.
func (w *Watcher) PollFeed(ctx context.Context, f config.Feed, force bool) (PollResult, error) {
	t, err := w.takeTurn(ctx)
	if err != nil {
		return PollResult{}, &FeedError{Feed: f.Name, URL: f.URL, Err: err}
	}
	defer t.release()
	return w.pollFeed(ctx, f, force, time.Time{}, t)
}

// turn is a poll's place among the concurrent polls: a slot of w.sem, taken
// before the poll starts, lent to another poll while the poll's write waits
// for its group commit (recordPoll), and taken back only when the poll has
// articles' pages left to read.
type turn struct {
	w    *Watcher
	held bool
}

// takeTurn waits for a slot of w.sem.
func (w *Watcher) takeTurn(ctx context.Context) (*turn, error) {
	select {
	case w.sem <- struct{}{}:
		return &turn{w: w, held: true}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// release gives the slot up, if held.
func (t *turn) release() {
	if t.held {
		<-t.w.sem
		t.held = false
	}
}

// retake takes a slot again, if given up.
func (t *turn) retake() {
	if !t.held {
		t.w.sem <- struct{}{}
		t.held = true
	}
}

// pollFeed is PollFeed within the bound of concurrent polls (the caller
// holds t). A poll that could not fetch the feed before fetchBy (when set:
// its schedule slot's end) skips it, and leaves it to the next slot.
func (w *Watcher) pollFeed(ctx context.Context, f config.Feed, force bool, fetchBy time.Time, t *turn) (PollResult, error) {
	var res PollResult
	w.writers.Add(1)
	wrote := false // the poll's record written (recordPoll), or none to come
	defer func() {
		if !wrote {
			w.writers.Add(-1)
		}
	}()
	fail := func(err error) (PollResult, error) {
		return res, &FeedError{Feed: f.Name, URL: f.URL, Err: err}
	}
	st, lastIDs, err := w.feeds.state(ctx, f.Name)
	if err := w.storeResult(ctx, "feed_state", false, err); err != nil {
		w.metrics.Polls.WithLabelValues(f.Name, "store_error").Inc()
		return fail(err)
	}
	now := w.now()
	if !force && now.Before(st.NextPoll) {
		w.metrics.Polls.WithLabelValues(f.Name, "skipped").Inc()
		res.Skipped = true
		return res, nil
	}
	var v feed.Validators
	if st.URL == f.URL { // validators of another URL mean nothing here
		v = feed.Validators{ETag: st.ETag, LastModified: st.LastModified}
	}
	start := time.Now()
	if !fetchBy.IsZero() && !start.Before(fetchBy) {
		w.metrics.Polls.WithLabelValues(f.Name, "skipped").Inc()
		res.Skipped = true
		return res, nil
	}
	fr, err := w.feedFetcher.Fetch(ctx, f.URL, v)
	w.metrics.PollSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		w.metrics.Polls.WithLabelValues(f.Name, "error").Inc()
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		next := now.Add(backoff(st.Failures+1, f.Name))
		var se *feed.StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 && now.Add(se.RetryAfter).After(next) {
			next = now.Add(se.RetryAfter)
		}
		failed := st
		failed.URL, failed.LastPoll, failed.LastError, failed.LastErrorAt = f.URL, now, err.Error(), now
		failed.Failures, failed.NextPoll = st.Failures+1, next
		w.feeds.put(failed, nil) // the backoff holds even if the store cannot record it
		serr := w.recordState(ctx, failed)
		w.log.Warn("feed poll failed", "feed", f.Name, "feed_url", redactURL(f.URL), "error", err,
			"failures", failed.Failures, "next_poll", next.Format(time.RFC3339))
		if failed.Failures == w.conf().FeedFailures {
			w.notify(ctx, "Feed failing: "+f.Name, fmt.Sprintf("%s (%s) has failed %d times in a row; the last error: %v. newshound keeps retrying with backoff (next attempt %s).",
				f.Name, redactURL(f.URL), failed.Failures, err, next.UTC().Format(time.RFC1123)))
		}
		return fail(errors.Join(err, serr))
	}
	res.NotModified = fr.NotModified
	if fr.NotModified {
		w.metrics.Polls.WithLabelValues(f.Name, "not_modified").Inc()
	} else {
		w.metrics.Polls.WithLabelValues(f.Name, "ok").Inc()
	}
	res.Items = len(fr.Items)
	if fr.Unread > 0 || fr.Empty > 0 {
		// Items the document holds but that cannot become articles: say
		// so, rather than look healthy while losing them.
		w.log.Warn("feed items skipped", "feed", f.Name, "feed_url", redactURL(f.URL), "unreadable", fr.Unread, "empty", fr.Empty,
			"hint", "unreadable: the feed's XML is malformed around them; empty: no link, id, title or text")
	}
	if fr.CharsetUnsure {
		// A guess the text did not confirm: its non-ASCII text may be
		// garbled, and nothing else would show it.
		w.log.Warn("feed charset guessed", "feed", f.Name, "feed_url", redactURL(f.URL), "charset", fr.Charset,
			"hint", "the feed declares no encoding and its text is too short or too mixed to tell its script: non-ASCII text may be garbled; the publisher should declare it (XML declaration or Content-Type charset)")
	}
	ok := st
	ok.URL, ok.ETag, ok.LastModified = f.URL, fr.Validators.ETag, fr.Validators.LastModified
	ok.LastPoll, ok.LastSuccess, ok.Failures, ok.NextPoll = now, now, 0, time.Time{}
	ok.ItemsSeen = max(st.ItemsSeen, len(fr.Items)) // the items returned, new or not (a 304 returns none)
	rec := store.PollRecord{Feed: ok}
	fetchPages := w.conf().FetchArticles(f)
	var ids []uint64
	if !fr.NotModified {
		var fresh []store.Article
		fresh, ids, rec.SharedGUIDs, err = w.fresh(ctx, f, fr.Items, lastIDs, st.LastSuccess.IsZero(), now)
		if err != nil {
			w.metrics.Polls.WithLabelValues(f.Name, "store_error").Inc()
			return fail(err)
		}
		if fr.Repaired > 0 {
			w.countRepaired(f.Name, fr.Items, fresh)
		}
		w.correctChanged(ctx, f.Name, fr.Items, fetchPages)
		// Articles whose page is not read are processed here: read and
		// matched one by one, put into their stories together (one turn
		// of the clusterer's lock for the poll), then given their alerts.
		var ps []*processing
		if fetchPages {
			rec.Added = fresh // every article is recorded, its page read after
		} else {
			n := 0
			for _, a := range fresh {
				if a.Status == store.StatusPending {
					n++
				}
			}
			procs := make([]processing, n) // the poll's processings, one allocation
			ps = make([]*processing, 0, n)
			rec.Done = make([]store.Completion, 0, n)
			for _, a := range fresh {
				if a.Status != store.StatusPending {
					rec.Added = append(rec.Added, a)
					continue
				}
				p := &procs[len(ps)]
				if err := w.begin(ctx, p, a, false); err != nil {
					return fail(err) // cancelled: nothing is recorded, the next poll redoes it
				}
				ps = append(ps, p)
			}
		}
		w.assignStories(ctx, ps)
		for _, p := range ps {
			c, err := w.complete(ctx, p)
			if err != nil {
				return fail(err)
			}
			rec.Done = append(rec.Done, c)
		}
	}
	if len(rec.Added) == 0 && len(rec.Done) == 0 {
		// Nothing new: only the feed's state to record — or, when only
		// the poll's time changed, that time.
		w.feeds.put(ok, ids)
		touched := ok
		touched.LastPoll, touched.LastSuccess = st.LastPoll, st.LastSuccess
		var err error
		if touched == st && !st.LastSuccess.IsZero() {
			err = w.store.TouchFeed(ctx, f.Name, now, w.recordedLater)
		} else {
			err = w.store.RecordFeedState(ctx, ok, w.recordedLater)
		}
		if err := w.storeResult(ctx, "record_poll", true, err); err != nil {
			return fail(err)
		}
		w.afterSuccess(ctx, f, st, res, fr.Repeated, start)
		return res, nil
	}
	// The outbox delivers in the order rows are written: alerts in
	// publication order, oldest first; items published at the same time in
	// reverse feed order (a feed lists the newest first).
	slices.Reverse(rec.Done)
	sortByPublication(rec.Done)
	out, err := w.recordPoll(ctx, rec, now, &wrote, t)
	if err := w.storeResult(ctx, "record_poll", true, err); err != nil {
		w.metrics.Polls.WithLabelValues(f.Name, "store_error").Inc()
		return fail(err)
	}
	w.feeds.put(ok, ids)
	res.New = len(out.Added) + len(out.Done)
	res.Processed, res.Queued = len(out.Done), out.Queued
	w.metrics.ItemsSeen.Add(float64(res.New))
	w.logMatches(out.Done)
	w.afterSuccess(ctx, f, st, res, fr.Repeated, start)
	if !anyPending(out.Added) {
		return res, nil
	}
	t.retake() // the pages are read within the bound of concurrent polls
	n, q := w.processAll(ctx, out.Added, fetchPages)
	res.Processed, res.Queued = res.Processed+n, res.Queued+q
	return res, nil
}

// countRepaired counts the new articles of a feed whose item's mojibake
// the feed package repaired (feed.Item.Unrepaired), and logs them at debug.
func (w *Watcher) countRepaired(feedName string, items []feed.Item, fresh []store.Article) {
	repaired := map[string]bool{}
	for _, it := range items {
		if it.Unrepaired != nil {
			repaired[it.Identity] = true
		}
	}
	for _, a := range fresh {
		if repaired[a.Identity] {
			w.metrics.Repaired.WithLabelValues("feed").Inc()
			w.log.Debug("mojibake repaired", "feed", feedName, "article_url", a.URL, "source", "feed")
		}
	}
}

// anyPending reports whether an article of as is pending: to be read and
// matched.
func anyPending(as []store.Article) bool {
	for _, a := range as {
		if a.Status == store.StatusPending {
			return true
		}
	}
	return false
}

// commitWaiters is how many polls may wait for their group commit with
// their slot lent to another poll, for a bound of concurrent polls: twice
// the bound — the batch being committed and the next, gathered while the
// polls holding the slots go on fetching and matching. With only one batch
// waiting (the bound once), a commit longer than the polls' work (one that
// writes the full-text index, say) left every slot holding a poll that
// waited for it, and the cores idle: in a cycle of 1,000 changed feeds, the
// share of the time a core idled for want of work fell from 3.0–4.7% to
// 2.8–3.4% (traces at a load of 17–25), for 1 MB more of `once`'s peak RSS.
func commitWaiters(concurrency int) int { return 2 * max(concurrency, 1) }

// recordPoll writes a poll's record (store.RecordPoll). The caller holds a
// slot of w.sem (t); while the write waits for its group commit the slot is
// lent to another poll — the commit, tens of milliseconds when a batch of
// many polls is written, would otherwise keep the slot idle, and with it a
// share of the fetching and matching. It is not taken back here: what is
// left of a poll once written needs none, unless pages are to be read
// (turn.retake). Taken back here, a written poll of one batch waited for a
// slot held by a poll waiting for the next batch's commit, keeping its
// place among the lent ones all the while, and the polls behind it waited
// holding their slots: the whole pipeline waited for the writer. At most
// cap(w.commits) polls wait so; beyond them a poll waits holding its slot,
// which bounds the records held in memory. Once written, the poll no
// longer counts among w.writers, and *wrote is set.
func (w *Watcher) recordPoll(ctx context.Context, rec store.PollRecord, now time.Time, wrote *bool, t *turn) (store.PollOutcome, error) {
	written := func() {
		w.writers.Add(-1)
		*wrote = true
	}
	select {
	case w.commits <- struct{}{}:
	default:
		out, err := w.store.RecordPoll(ctx, rec, now) // enough polls wait: keep the slot
		written()
		return out, err
	}
	t.release()
	out, err := w.store.RecordPoll(ctx, rec, now)
	written()
	<-w.commits
	return out, err
}

// afterSuccess announces a recovery and logs the poll.
func (w *Watcher) afterSuccess(ctx context.Context, f config.Feed, before store.FeedState, res PollResult, repeated int, start time.Time) {
	if before.Failures >= w.conf().FeedFailures {
		w.notify(ctx, "Feed recovered: "+f.Name, fmt.Sprintf("%s (%s) answers again after %d failed polls.", f.Name, redactURL(f.URL), before.Failures))
	}
	if w.log.Enabled(ctx, slog.LevelDebug) { // its URL redacted and its arguments boxed only when logged
		w.log.Debug("feed polled", "feed", f.Name, "feed_url", redactURL(f.URL), "not_modified", res.NotModified,
			"items", res.Items, "repeated", repeated, "new", res.New, "duration", time.Since(start).Round(time.Millisecond))
	}
}

// recordState queues the write of a feed's state after a poll that found
// nothing new or failed, without waiting for it (the memory holds it; a
// crash that loses it makes the next poll fetch the feed once more). A
// failure of the write is counted and logged when it happens.
func (w *Watcher) recordState(ctx context.Context, st store.FeedState) error {
	err := w.store.RecordFeedState(ctx, st, w.recordedLater)
	return w.storeResult(ctx, "record_poll", true, err)
}

// recordedLater takes the outcome of a feed state's write queued earlier.
func (w *Watcher) recordedLater(err error) {
	w.storeResult(context.Background(), "record_poll", true, err)
}

// fresh returns the items not stored yet, as articles to record, the
// hashes of every item's identity, and the GUIDs by which an item is an
// article another feed recorded (store.PollRecord.SharedGUIDs). Items older
// than max_age, and on a first poll undated ones, are to be recorded
// without alerting.
//
// An item new by its identity whose GUID is shared (feed.SharedGUID) and
// names another feed's article (the one article stored with that GUID,
// recorded from another feed) is that article: one post offered
// by a site under two links (Atom linking elsewhere, JSON Feed linking to
// its permalink). A GUID two items of the document carry is not used, nor one
// that two stored articles or one of this feed's carry: a feed that reuses
// one id for different links keeps them all. The store
// checks again when it writes, for the other feed's poll committed since.
//
// Once the feed has been polled in this process, its previous document
// (lastIDs) tells what is new without asking the store: an item not in it is
// new, but for one that another feed carried first or that came back after
// leaving the document, which the store's write skips (its identity is
// stored). Without a previous document the store is asked.
func (w *Watcher) fresh(ctx context.Context, f config.Feed, items []feed.Item, lastIDs []uint64, firstPoll bool, now time.Time) ([]store.Article, []uint64, map[string]bool, error) {
	if len(items) == 0 {
		return nil, []uint64{}, nil, nil
	}
	hashes := make([]uint64, len(items))
	for i, it := range items {
		hashes[i] = w.feeds.hash(it.Identity)
	}
	var stored map[string]store.KnownItem
	if lastIDs == nil {
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = it.Identity
		}
		var err error
		stored, err = w.store.KnownItems(ctx, ids)
		if err := w.storeResult(ctx, "known_items", false, err); err != nil {
			return nil, nil, nil, err
		}
		w.sums.restore(f.Name, items, stored) // corrections compare with what was read before
	}
	var news []int
	for i, it := range items {
		if _, ok := stored[it.Identity]; !known(lastIDs, hashes[i]) && !ok {
			news = append(news, i)
		}
	}
	shared, elsewhere, err := w.sharedGUIDs(ctx, f, items, news)
	if err != nil {
		return nil, nil, nil, err
	}
	cutoff := now.Add(-w.conf().MaxAge.D())
	fresh := make([]store.Article, 0, len(news))
	for _, i := range news {
		it := items[i]
		if elsewhere[it.GUID] {
			continue
		}
		if it.BadDate != "" {
			// An undated item to the rest of the pipeline: say why, once,
			// as it is first seen — its alert will have no date.
			w.log.Warn("feed item date unreadable", "feed", f.Name, "feed_url", redactURL(f.URL), "article_url", it.URL, "date", it.BadDate,
				"hint", "the item is kept without a date; the publisher should give an RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed) date, not in the future")
		}
		if it.TextCut {
			w.log.Warn("feed item text cut", "feed", f.Name, "feed_url", redactURL(f.URL), "article_url", it.URL, "bytes", len(it.Text),
				"hint", "the item's text is longer than newshound reads from a feed: words past the cut reach no watch unless the article's page is read")
		}
		status := store.StatusPending
		switch {
		case !it.Published.IsZero() && it.Published.Before(cutoff):
			status = store.StatusRecorded
		case it.Published.IsZero() && firstPoll:
			status = store.StatusRecorded
		}
		fresh = append(fresh, store.Article{
			Identity: it.Identity, URL: it.URL, GUID: it.GUID, Feed: f.Name, Title: it.Title,
			Author: it.Author, Image: it.Image, Published: it.Published, SeenAt: now,
			FeedText: it.Text, Lang: it.Lang, Status: status,
		})
	}
	return fresh, hashes, shared, nil
}

// sharedGUIDs returns the GUIDs of the new items (indexes into items) that
// may join them to another feed's article — shared (feed.SharedGUID) and
// carried by no other item of the document — and those of them that name
// another feed's article (store.GUIDsElsewhere).
func (w *Watcher) sharedGUIDs(ctx context.Context, f config.Feed, items []feed.Item, news []int) (shared, elsewhere map[string]bool, err error) {
	var guids []string
	for _, i := range news {
		if g := items[i].GUID; feed.SharedGUID(g) {
			guids = append(guids, g)
		}
	}
	if len(guids) == 0 {
		return nil, nil, nil
	}
	count := make(map[string]int, len(guids))
	for _, g := range guids {
		count[g] = 0
	}
	for _, it := range items {
		if _, ok := count[it.GUID]; ok {
			count[it.GUID]++
		}
	}
	shared = make(map[string]bool, len(guids))
	guids = guids[:0]
	for g, n := range count {
		if n == 1 {
			shared[g] = true
			guids = append(guids, g)
		}
	}
	if len(guids) == 0 {
		return nil, nil, nil
	}
	elsewhere, err = w.store.GUIDsElsewhere(ctx, f.Name, guids)
	if err := w.storeResult(ctx, "known_items", false, err); err != nil {
		return nil, nil, err
	}
	return shared, elsewhere, nil
}

// backoff is the wait after the n-th consecutive failure: a minute doubling
// up to six hours, spread by up to a tenth per feed so that feeds failing
// together do not retry together.
func backoff(n int, feedName string) time.Duration {
	d := backoffBase
	for i := 1; i < n && d < backoffMax; i++ {
		d *= 2
	}
	d = min(d, backoffMax)
	h := fnv.New32a()
	h.Write([]byte(feedName))
	return d + time.Duration(h.Sum32()%1000)*d/10000
}
