// Package watchers is newshound's pipeline and its schedule. One poll of a
// feed runs these steps, in this order:
//
//  1. fetch the feed (conditional GET; a 304 ends the poll);
//  2. find the items whose identity the store has not seen (once a feed has
//     been polled, its previous document says which items are known). On a
//     feed's first successful poll, and on any poll for items older than
//     max_age, items are recorded without alerting; undated items on a first
//     poll likewise. Items whose page is not read go through steps 4–5 at
//     once and are recorded done; the others are recorded pending before
//     their page is read. Either way they are recorded in the transaction
//     that saves the feed's new validators, so a crash before it loses
//     nothing: the next poll fetches them again;
//  3. read each new item's page (unless the feed says not to), falling back
//     to the feed's own text when the page cannot be used;
//  4. match every watch over title, feed text and page text in one pass;
//  5. for each matching watch build the alert (summary and quotes chosen with
//     the watch's terms in mind) and record match and outbox rows in one
//     transaction;
//  6. the delivery loop drains the outbox to the Notifier (chat) or to
//     standard output, retrying with backoff, recording refusals.
//
// A failing feed backs off exponentially (the state is kept in memory and
// recorded in the store, so a restart does not hammer it) and never stops
// the others.
package watchers

import (
	"github.com/robfig/cron/v3"

	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/feed"
	"github.com/newshound/newshound/internal/httpclient"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/internal/story"
)

// ArticleOptions are the article reader's settings of a configuration —
// the one way to build them, for the pipeline and for /summary alike.
func ArticleOptions(cfg *config.Config) article.Options {
	return article.Options{
		MaxBody:       int64(cfg.HTTP.MaxBody),
		UserAgent:     cfg.HTTP.UserAgent,
		MaxConcurrent: cfg.Articles.Concurrency,
		PerHost:       cfg.Articles.PerHost,
		HostDelay:     cfg.Articles.HostDelay.D(),
		MinText:       cfg.Articles.MinText,
	}
}

// Options are a Watcher's dependencies.
type Options struct {
	Config        *config.Config
	Store         *store.Store
	Logger        *slog.Logger
	FeedClient    *http.Client   // for the configured feeds
	ArticleClient *http.Client   // for links found in feeds (refuses private networks unless allowed)
	Notifier      alert.Notifier // chat delivery; nil when no chat channel is configured
	Stdout        io.Writer      // alerts of watches without channels, as JSON lines
	Now           func() time.Time
	Metrics       *Metrics // nil: counted but not exported
}

// settings is what Reload replaces: the configuration and the chat side
// built from it.
type settings struct {
	cfg      *config.Config
	aliases  *match.Aliases // cfg's, read once for all the queries compiled with it
	notifier alert.Notifier
}

// conf is the configuration in force.
func (w *Watcher) conf() *config.Config { return w.live.Load().cfg }

// Config is the configuration in force (it changes with Reload). Callers must
// not modify it.
func (w *Watcher) Config() *config.Config { return w.conf() }

// notifierNow is the Notifier in force (nil without chat channels).
func (w *Watcher) notifierNow() alert.Notifier { return w.live.Load().notifier }

// Watcher polls feeds, processes new articles and delivers alerts.
type Watcher struct {
	live        atomic.Pointer[settings] // replaced whole by Reload
	start       *config.Config           // the configuration at New: what is read once comes from it
	store       *store.Store
	log         *slog.Logger
	feedFetcher *feed.Fetcher
	feeds       *feedMemory // the feeds' polling state
	articles    *article.Fetcher
	set         atomic.Pointer[watchSet]
	now         func() time.Time
	metrics     *Metrics

	outMu  sync.Mutex
	stdout io.Writer

	deliverMu sync.Mutex  // one outbox selection at a time
	outbox    outboxState // busy channels, pauses, unrecorded posts

	problemsMu sync.Mutex
	problems   map[string]string // SetProblem

	running  atomic.Bool   // the scheduler is running
	reloaded chan struct{} // Reload asks Run to rebuild the schedule
	sem      chan struct{} // bounds concurrent feed polls
	// commits bounds the polls that lent their slot of sem to another
	// poll while their write waits for its group commit (recordPoll).
	commits chan struct{}
	// writers counts the polls in flight whose record is not written yet:
	// when all of them wait for their group commit, the commit starts at
	// once (store.SetBatchFull) — nothing else can join its batch.
	writers atomic.Int64

	storeHealth    *storeHealth
	storeRetryBase time.Duration // first wait before pending articles are retried after a failed write

	sums itemSums // the last documents' items' content, for corrections

	storiesMu  sync.Mutex
	stories    *story.Clusterer // nil until first used (storyClusterer)
	storyIDs   map[string]int64 // recently assigned articles' stories, by identity
	storyOrder []string         // the identities in storyIDs, oldest first from storyNext on (a ring once recentStories long)
	storyNext  int              // the index of the oldest in storyOrder once it is full
	namesSaved time.Time        // when the learned names were last saved (saveStoryNames)

	jobsMu    sync.Mutex
	cron      *cron.Cron               // Run's scheduler; nil when not running
	jobs      map[string]cron.EntryID  // feed name → its poll job in cron
	schedules map[string]cron.Schedule // feed name → its schedule

	cluster *cluster // nil: this instance does all the work (SQLite); see ShareWork
}

// New builds a Watcher; it compiles the watches.
func New(opts Options) (*Watcher, error) {
	aliases := match.NewAliases(opts.Config.Aliases)
	set, err := compileSet(opts.Config, aliases, nil)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		store:       opts.Store,
		log:         opts.Logger,
		feedFetcher: feed.NewFetcher(opts.FeedClient, opts.Config.HTTP.UserAgent, int64(opts.Config.HTTP.MaxBody)),
		feeds:       newFeedMemory(opts.Store),
		metrics:     opts.Metrics,
		now:         opts.Now,
		stdout:      opts.Stdout,
		sem:         make(chan struct{}, opts.Config.HTTP.Concurrency),
		commits:     make(chan struct{}, commitWaiters(opts.Config.HTTP.Concurrency)),
		reloaded:    make(chan struct{}, 1),

		storeHealth:    newStoreHealth(),
		storeRetryBase: storeRetryMin,
		problems:       map[string]string{},
	}
	w.outbox.init()
	opts.Store.SetBatchFull(func(waiting int) bool { return int64(waiting) >= w.writers.Load() })
	w.articles = article.NewFetcher(opts.ArticleClient, ArticleOptions(opts.Config))
	if w.now == nil {
		w.now = time.Now
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if w.stdout == nil {
		w.stdout = io.Discard
	}
	w.set.Store(set)
	w.start = opts.Config
	w.live.Store(&settings{cfg: opts.Config, aliases: aliases, notifier: opts.Notifier})
	if w.metrics == nil {
		w.metrics = NewMetrics(nil)
	}
	// The store writes the full-text index in the background: its failures
	// are store errors like the others (logged, counted, in /healthz).
	opts.Store.OnIndexResult(func(err error) { w.storeResult(context.Background(), "index", false, err) })
	return w, nil
}

// FeedError is a failed poll of one feed.
type FeedError struct {
	Feed string
	URL  string
	Err  error
}

func (e *FeedError) Error() string {
	return fmt.Sprintf("feed %q (%s): %v", e.Feed, redactURL(e.URL), e.Err)
}

// redactURL is a feed's address for logs, errors and notices: a password in
// it (user:password@, as private feeds are often given) and secret-looking
// query values (?api_key=…) are masked, as in every fetch error.
func redactURL(raw string) string { return httpclient.RedactURL(raw) }

func (e *FeedError) Unwrap() error { return e.Err }

// Report counts what one round of polling did.
type Report struct {
	Polled   int // feeds fetched successfully (a 304 counts)
	Skipped  int // feeds in backoff
	Failed   []*FeedError
	New      int // new items recorded
	Alerted  int // deliveries queued
	Articles int // articles processed
}

func (r *Report) add(o PollResult, err error) {
	switch {
	case err != nil:
		if fe, ok := err.(*FeedError); ok {
			r.Failed = append(r.Failed, fe)
		}
	case o.Skipped:
		r.Skipped++
	default:
		r.Polled++
	}
	r.New += o.New
	r.Alerted += o.Queued
	r.Articles += o.Processed
}

// PollAll polls every configured feed once, concurrently within the
// configured bound, processes what is new, and returns what happened. Feeds
// in backoff are skipped unless force is set. Articles left pending by an
// earlier crash are processed first.
func (w *Watcher) PollAll(ctx context.Context, force bool) Report {
	var rep Report
	if err := w.ReloadWatches(ctx); err != nil {
		w.log.Error("loading chat-managed watches", "error", err)
	}
	if n, q, err := w.ProcessPending(ctx, w.now()); err != nil {
		w.log.Error("processing pending articles", "error", err)
	} else {
		rep.Articles += n
		rep.Alerted += q
	}
	w.rebuildIndex(ctx)
	var mu sync.Mutex
	var wg sync.WaitGroup
	// No more polls started than can run (PollFeed waits for w.sem) or
	// wait for their commit (recordPoll): a goroutine for every feed at
	// once, each waiting with a stack the runtime sizes by the average
	// poll's, held megabytes for nothing.
	started := make(chan struct{}, cap(w.sem)+cap(w.commits))
	for _, f := range w.conf().Feeds {
		started <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-started; wg.Done() }()
			res, err := w.PollFeed(ctx, f, force)
			mu.Lock()
			rep.add(res, err)
			mu.Unlock()
		}()
	}
	wg.Wait()
	// The feeds' states are written without waiting: all written now.
	w.storeResult(ctx, "record_poll", true, w.store.Sync(ctx))
	w.saveStoryNames(ctx, false)
	return rep
}
