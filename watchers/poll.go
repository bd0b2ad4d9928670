package watchers

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
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
func (w *Watcher) PollFeed(ctx context.Context, f config.Feed, force bool) (PollResult, error) {
	select {
	case w.sem <- struct{}{}:
		defer func() { <-w.sem }()
	case <-ctx.Done():
		return PollResult{}, &FeedError{Feed: f.Name, URL: f.URL, Err: ctx.Err()}
	}
	var res PollResult
	fail := func(err error) (PollResult, error) {
		return res, &FeedError{Feed: f.Name, URL: f.URL, Err: err}
	}
	st, err := w.store.Feed(ctx, f.Name)
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
	fr, err := w.feeds.Fetch(ctx, f.URL, v)
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
		failures, serr := w.store.PollFailure(ctx, f.Name, f.URL, err.Error(), now, next)
		serr = w.storeResult(ctx, "record_poll", true, serr)
		w.log.Warn("feed poll failed", "feed", f.Name, "feed_url", f.URL, "error", err,
			"failures", failures, "next_poll", next.Format(time.RFC3339))
		if failures == w.conf().FeedFailures {
			w.notify(ctx, "Feed failing: "+f.Name, fmt.Sprintf("%s (%s) has failed %d times in a row; the last error: %v. newshound keeps retrying with backoff (next attempt %s).",
				f.Name, f.URL, failures, err, next.UTC().Format(time.RFC1123)))
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
	var added []store.Article
	if !fr.NotModified {
		added, err = w.record(ctx, f, fr.Items, st.LastSuccess.IsZero(), now)
		if err != nil {
			w.metrics.Polls.WithLabelValues(f.Name, "store_error").Inc()
			return fail(err)
		}
		res.New = len(added)
		w.metrics.ItemsSeen.Add(float64(len(added)))
	}
	err = w.store.PollSuccess(ctx, f.Name, f.URL, fr.Validators.ETag, fr.Validators.LastModified, res.New, now)
	if err := w.storeResult(ctx, "record_poll", true, err); err != nil {
		return fail(err)
	}
	if st.Failures >= w.conf().FeedFailures {
		w.notify(ctx, "Feed recovered: "+f.Name, fmt.Sprintf("%s (%s) answers again after %d failed polls.", f.Name, f.URL, st.Failures))
	}
	w.log.Debug("feed polled", "feed", f.Name, "feed_url", f.URL, "not_modified", fr.NotModified,
		"items", res.Items, "new", res.New, "duration", time.Since(start).Round(time.Millisecond))
	n, q := w.processAll(ctx, added, w.conf().FetchArticles(f))
	res.Processed, res.Queued = n, q
	return res, nil
}

// record stores the items not seen before. Items older than max_age, and on
// a first poll undated ones, are recorded without alerting.
func (w *Watcher) record(ctx context.Context, f config.Feed, items []feed.Item, firstPoll bool, now time.Time) ([]store.Article, error) {
	if len(items) == 0 {
		return nil, nil
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Identity
	}
	known, err := w.store.KnownIdentities(ctx, ids)
	if err := w.storeResult(ctx, "record_items", false, err); err != nil {
		return nil, err
	}
	cutoff := now.Add(-w.conf().MaxAge.D())
	var fresh []store.Article
	for _, it := range items {
		if known[it.Identity] {
			continue
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
			FeedText: it.Text, Status: status,
		})
	}
	if len(fresh) == 0 {
		return nil, nil
	}
	added, err := w.store.AddArticles(ctx, fresh)
	return added, w.storeResult(ctx, "record_items", true, err)
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
