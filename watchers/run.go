package watchers

import (
	"context"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
)

// deliveryInterval is how often the daemon drains the outbox;
// retryPendingInterval how often it retries articles whose processing failed;
// checkpointInterval how often it folds the WAL back into the database and
// truncates it.
const (
	deliveryInterval     = 2 * time.Second
	maxDrains            = 4 // outbox drains running at once
	retryPendingInterval = 10 * time.Minute
	checkpointInterval   = time.Hour
)

// Run is the daemon: it processes what a previous run left pending, then
// polls each feed on its schedule and drains the outbox continuously, until
// ctx is cancelled. It then waits for running polls (at most grace) and
// drains the outbox one last time.
func (w *Watcher) Run(ctx context.Context, grace time.Duration) error {
	if err := w.ReloadWatches(ctx); err != nil {
		return err
	}
	if _, _, err := w.ProcessPending(ctx, w.now()); err != nil && ctx.Err() == nil {
		w.log.Error("processing pending articles", "error", err)
	}
	w.rebuildIndex(ctx)
	pollCtx, cancelPolls := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelPolls()
	c := cron.New(cron.WithChain(cron.Recover(cronLogger{w}), cron.SkipIfStillRunning(cronLogger{w})))
	entries := w.addJobs(pollCtx, c)
	if w.cluster != nil {
		// The share of the work: claimed now and at each rebalance; given
		// up when polls and drains have stopped.
		leaseCtx, stopLeases := context.WithCancel(context.WithoutCancel(ctx))
		leasesDone := make(chan struct{})
		go func() {
			defer close(leasesDone)
			w.runCluster(leaseCtx, func(got []store.Claimed) { w.takeOver(pollCtx, got) })
		}()
		defer func() {
			stopLeases()
			<-leasesDone
		}()
	}
	defer w.setJobs(nil, nil)
	if keep := w.conf().Storage.Retention.D(); keep > 0 && w.cluster == nil {
		w.prune(ctx, keep) // (several instances: on the daily job only, by one of them)
	}
	c.Start()
	w.running.Store(true)
	defer w.running.Store(false)
	ticker := time.NewTicker(deliveryInterval)
	defer ticker.Stop()
	retryPending := time.NewTicker(retryPendingInterval)
	defer retryPending.Stop()
	checkpoint := time.NewTicker(checkpointInterval)
	defer checkpoint.Stop()
	names := time.NewTicker(namesInterval)
	defer names.Stop()
	// After a failed write (a full disk, say) the articles it left pending
	// are retried soon, not only at the next restart: first after
	// storeRetryBase, doubling while writes keep failing.
	var storeRetry <-chan time.Time
	storeDelay := w.storeRetryBase
	// Drains run beside the loop, a few at a time: a channel that is slow
	// (or rate-limited) keeps its own drain busy while the next drains
	// deliver the other channels.
	var drains sync.WaitGroup
	running := make(chan struct{}, maxDrains)
	// The drains' context outlives ctx by at most grace: a post on its way
	// at shutdown finishes and is recorded (cancelled, its outcome would be
	// unknown, and a webhook the bot cannot read would post it again).
	drainCtx, cancelDrains := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelDrains()
	drain := func() {
		select {
		case running <- struct{}{}:
		default:
			return // enough drains running
		}
		drains.Add(1)
		go func() {
			defer drains.Done()
			defer func() { <-running }()
			if _, err := w.DeliverDue(drainCtx); err != nil && drainCtx.Err() == nil {
				w.log.Error("delivering alerts", "error", err)
			}
		}()
	}
	for {
		drain()
		select {
		case <-ctx.Done():
			// Posts on their way and running polls finish, together at
			// most grace.
			deadline := time.Now().Add(grace)
			stopDrains := time.AfterFunc(grace, cancelDrains)
			stopped := c.Stop()
			drains.Wait()
			stopDrains.Stop()
			select {
			case <-stopped.Done():
			case <-time.After(time.Until(deadline)):
				w.log.Warn("shutdown: cancelling polls still running", "grace", grace)
				cancelPolls()
				<-stopped.Done()
			}
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
			defer cancel()
			w.saveStoryNames(final, true)
			if _, err := w.DeliverDue(final); err != nil {
				w.log.Error("delivering alerts at shutdown", "error", err)
			}
			return nil
		case <-ticker.C:
		case <-w.storeHealth.trouble:
			if storeRetry == nil {
				storeRetry = time.After(storeDelay)
			}
		case <-storeRetry:
			storeRetry = nil
			failed := w.lastWriteFailure()
			if failed.IsZero() {
				storeDelay = w.storeRetryBase
				break
			}
			if w.retryAfterWriteFailure(ctx, failed) {
				storeDelay = w.storeRetryBase
			} else if ctx.Err() == nil {
				storeDelay = min(2*storeDelay, storeRetryMax)
				storeRetry = time.After(storeDelay)
			}
		case <-names.C:
			w.saveStoryNames(ctx, true)
		case <-checkpoint.C:
			if err := w.store.Checkpoint(ctx); err != nil && ctx.Err() == nil {
				w.log.Warn("checkpointing the database's WAL", "error", err)
			}
		case <-retryPending.C:
			// Articles whose processing failed (a store error, say) are
			// retried; recent ones may still be in a running poll's hands.
			if _, _, err := w.ProcessPending(ctx, w.now().Add(-retryPendingInterval)); err != nil && ctx.Err() == nil {
				w.log.Error("processing pending articles", "error", err)
			}
		case <-w.reloaded:
			// A new configuration: new feeds polled, removed ones stopped.
			// Jobs running now finish; the next runs follow the new schedule.
			for _, id := range entries {
				c.Remove(id)
			}
			entries = w.addJobs(pollCtx, c)
			w.log.Info("schedule updated", "feeds", len(w.conf().Feeds), "watches", len(w.Watches()))
		}
	}
}

// addJobs schedules a poll job per feed and a digest job per digest
// schedule of the configuration in force, and returns their entries.
func (w *Watcher) addJobs(ctx context.Context, c *cron.Cron) []cron.EntryID {
	var ids []cron.EntryID
	jobs := map[string]cron.EntryID{}
	schedules := map[string]cron.Schedule{}
	for _, e := range w.schedule(time.Now()) {
		f, sched := e.feed, e.schedule
		id := c.Schedule(sched, cron.FuncJob(func() {
			if w.cluster != nil {
				// Only the instance holding the feed polls it, once in
				// the slot.
				if w.cluster.holdsFeed(f.Name) {
					w.pollSlot(ctx, f, sched)
				}
				return
			}
			if _, err := w.PollFeed(ctx, f, false); err != nil && ctx.Err() == nil {
				w.log.Debug("poll ended with an error", "feed", f.Name, "error", err)
			}
		}))
		ids = append(ids, id)
		jobs[f.Name] = id
		schedules[f.Name] = sched
	}
	w.setJobs(c, jobs)
	w.jobsMu.Lock()
	w.schedules = schedules
	w.jobsMu.Unlock()
	if keep := w.conf().Storage.Retention.D(); keep > 0 {
		sched := offsetSchedule{mustSchedule("@daily"), 3*time.Hour + 17*time.Minute}
		ids = append(ids, c.Schedule(sched, cron.FuncJob(func() {
			if w.cluster != nil && !w.advance(ctx, store.LeaseJob, "prune", slotOf(sched, time.Now())) {
				return // another instance prunes this time
			}
			w.prune(ctx, keep)
		})))
	}
	for spec, watches := range w.digests() {
		s, err := config.ParseSchedule(spec)
		if err != nil {
			continue // validated at load
		}
		ids = append(ids, c.Schedule(s, cron.FuncJob(func() {
			if w.cluster != nil && !w.advance(ctx, store.LeaseJob, "digest "+spec, slotOf(s, time.Now())) {
				return // another instance delivers this digest
			}
			if _, err := w.DeliverDigests(ctx, watches); err != nil && ctx.Err() == nil {
				w.log.Error("delivering digest", "watch", strings.Join(watches, ","), "error", err)
			}
		})))
	}
	return ids
}

// Reload replaces the configuration and the notifier built from it: the
// watches are recompiled (with the chat-managed ones) and, when Run is
// running, the schedule is rebuilt — new feeds are polled, removed ones are
// not. An error leaves everything as it was. Settings read once at start
// (storage, http, the articles limits, story_window, the chat commands'
// credentials and endpoints) keep their old values until a restart; a
// changed one is named in a warning.
func (w *Watcher) Reload(ctx context.Context, cfg *config.Config, notifier alert.Notifier) error {
	if r, win := cfg.Storage.Retention, w.start.StoryWindow; r != 0 && r < win {
		// config refuses this within one file; here the window is the
		// running one, kept from start.
		return config.Errors{cfg.Errorf("storage.retention", "storage.retention: %s is shorter than the running story_window (%s, read at start): pruning would forget an open story's earlier alert and its next article would alert again; restart to change story_window, or keep retention at least %s", config.FormatDuration(r.D()), config.FormatDuration(win.D()), config.FormatDuration(win.D()))}
	}
	chat, err := w.store.ChatWatches(ctx)
	if err != nil {
		return err
	}
	aliases := match.NewAliases(cfg.Aliases)
	set, err := compileSet(cfg, aliases, chat)
	if err != nil {
		return err
	}
	if keys := readAtStart(w.start, cfg); len(keys) > 0 {
		w.log.Warn("reload: these settings are read at start and keep their running values until the next restart", "settings", strings.Join(keys, ", "))
	}
	w.live.Store(&settings{cfg: cfg, aliases: aliases, notifier: notifier})
	if w.cluster != nil {
		w.cluster.reconfigured() // lease rows for new feeds and channels
	}
	w.probeNow() // the new configuration may bring working credentials
	w.set.Store(set)
	w.warnUnconfigured(ctx, cfg)
	select {
	case w.reloaded <- struct{}{}:
	default: // a reschedule is already pending, or Run is not running
	}
	return nil
}

// warnUnconfigured names, in a warning, the channels that deliveries wait
// for but cfg no longer names: they are kept (a reload that names the
// channel again sends them) and would otherwise wait without a word.
func (w *Watcher) warnUnconfigured(ctx context.Context, cfg *config.Config) {
	waiting, err := w.store.WaitingByChannel(ctx)
	if err != nil {
		w.log.Warn("reload: cannot read the outbox's channels", "error", err)
		return
	}
	for _, c := range waiting {
		if _, ok := cfg.Channels[c.Channel]; c.Channel != "" && !ok {
			w.log.Warn("reload: deliveries wait for a channel the configuration no longer names; they are kept and go out if a configuration names it again",
				"channel", c.Channel, "waiting", c.Waiting)
		}
	}
}

// readAtStart names the settings read once at start (by New, or by the
// story clusterer) whose value in cfg differs from the running one, start's.
func readAtStart(start, cfg *config.Config) []string {
	var keys []string
	for _, k := range []struct {
		key     string
		changed bool
	}{
		{"storage.path", cfg.Storage.Path != start.Storage.Path},
		{"storage.postgres", cfg.Storage.Postgres != start.Storage.Postgres},
		{"http", cfg.HTTP != start.HTTP},
		{"articles.concurrency", cfg.Articles.Concurrency != start.Articles.Concurrency},
		{"articles.per_host", cfg.Articles.PerHost != start.Articles.PerHost},
		{"articles.host_delay", cfg.Articles.HostDelay != start.Articles.HostDelay},
		{"articles.min_text", cfg.Articles.MinText != start.Articles.MinText},
		{"story_window", cfg.StoryWindow != start.StoryWindow},
		// The chat commands' side is set up at start (cmd/newshound): the
		// Discord gateway and both platforms' slash commands keep these;
		// deliveries take a reload's tokens at once (Reload's notifier).
		{"discord.token (the gateway and slash commands; deliveries use the new one now)", cfg.Discord.Token != start.Discord.Token},
		{"discord.guild_id", cfg.Discord.GuildID != start.Discord.GuildID},
		{"discord.interactions", cfg.Discord.Interactions != start.Discord.Interactions},
		{"slack.token (slash commands; deliveries use the new one now)", cfg.Slack.Token != start.Slack.Token},
		{"slack.app_token", cfg.Slack.AppToken != start.Slack.AppToken},
		{"slack.listen", cfg.Slack.Listen != start.Slack.Listen},
		{"slack.signing_secret", cfg.Slack.SigningSecret != start.Slack.SigningSecret},
		{"slack.admins", !slices.Equal(cfg.Slack.Admins, start.Slack.Admins)},
	} {
		if k.changed {
			keys = append(keys, k.key)
		}
	}
	return keys
}

func mustSchedule(spec string) cron.Schedule {
	s, err := config.ParseSchedule(spec)
	if err != nil {
		panic(err)
	}
	return s
}

// prune applies the retention period: the text of older articles, their
// matches, quotes and delivered outbox rows go; their identities stay, so
// nothing re-alerts.
func (w *Watcher) prune(ctx context.Context, keep time.Duration) {
	n, err := w.store.Prune(ctx, w.now().Add(-keep))
	if err != nil {
		w.log.Error("pruning old articles", "error", err)
		return
	}
	w.log.Info("pruned old articles", "articles", n, "retention", keep)
}

// digests groups the digest watches by schedule.
func (w *Watcher) digests() map[string][]string {
	out := map[string][]string{}
	for _, wc := range w.conf().Watches {
		if wc.Digest != "" {
			out[wc.Digest] = append(out[wc.Digest], wc.Name)
		}
	}
	return out
}

func (w *Watcher) setJobs(c *cron.Cron, jobs map[string]cron.EntryID) {
	w.jobsMu.Lock()
	defer w.jobsMu.Unlock()
	w.cron, w.jobs = c, jobs
}

// NextPoll is when the named feed is polled next: its job's next run in
// the running scheduler (or, when Run is not running, the first run it
// would have if started now), unless the feed's backoff or Retry-After
// (notBefore) holds it until a later run. Zero: no such feed.
func (w *Watcher) NextPoll(feedName string, notBefore time.Time) time.Time {
	var s cron.Schedule
	var next time.Time
	w.jobsMu.Lock()
	if id, ok := w.jobs[feedName]; ok && w.cron != nil {
		e := w.cron.Entry(id)
		s, next = e.Schedule, e.Next
	}
	w.jobsMu.Unlock()
	if s == nil || next.IsZero() {
		now := w.now()
		for _, e := range w.schedule(now) {
			if e.feed.Name == feedName {
				s, next = e.schedule, e.schedule.Next(now)
			}
		}
		if s == nil {
			return time.Time{}
		}
	}
	if notBefore.After(next) {
		// The first run at or after the backoff's end.
		next = s.Next(notBefore.Add(-time.Nanosecond))
	}
	return next
}

type scheduled struct {
	feed     config.Feed
	schedule cron.Schedule
}

// schedule gives each feed its schedule, spread so that feeds sharing a
// spec do not poll in the same second: the i-th of n feeds (ordered by name,
// so the spread is stable) is offset by i/n of the interval. A feed on
// "@every D" is polled first its offset after the scheduler starts — each
// feed once at start-up, spread over the first interval — then every D
// (cron's own "@every" would poll them all D after start, together); a feed
// on a cron
// spec is polled its offset after each of the spec's times.
func (w *Watcher) schedule(now time.Time) []scheduled {
	groups := map[string][]config.Feed{}
	for _, f := range w.conf().Feeds {
		spec := w.conf().FeedSchedule(f)
		groups[spec] = append(groups[spec], f)
	}
	var out []scheduled
	for spec, feeds := range groups {
		s, err := config.ParseSchedule(spec)
		if err != nil {
			continue // validated at load
		}
		sort.Slice(feeds, func(i, j int) bool { return feeds[i].Name < feeds[j].Name })
		every, constant := s.(cron.ConstantDelaySchedule)
		interval := config.Interval(s, now)
		if constant {
			interval = every.Delay
		}
		for i, f := range feeds {
			offset := time.Duration(0)
			if len(feeds) > 1 && interval > 0 {
				offset = interval * time.Duration(i) / time.Duration(len(feeds))
			}
			if w.cluster != nil {
				out = append(out, scheduled{feed: f, schedule: sharedSchedule(s, f.Name, now)})
				continue
			}
			if constant {
				out = append(out, scheduled{feed: f, schedule: &everySchedule{offset: offset, every: every.Delay}})
				continue
			}
			out = append(out, scheduled{feed: f, schedule: offsetSchedule{s, offset.Truncate(time.Second)}})
		}
	}
	return out
}

// everySchedule fires offset after the first time it is asked (when the
// scheduler starts, or when the job is added to a running one), then every
// interval after that.
type everySchedule struct {
	offset, every time.Duration

	mu    sync.Mutex
	first time.Time
}

func (e *everySchedule) Next(t time.Time) time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.first.IsZero() {
		e.first = t.Add(e.offset)
		return e.first
	}
	if t.Before(e.first) {
		return e.first
	}
	return e.first.Add((t.Sub(e.first)/e.every + 1) * e.every)
}

// epochSchedule fires every interval, offset after the multiples of
// interval since the Unix epoch: the same times in every instance.
type epochSchedule struct {
	offset, every time.Duration
}

func (e epochSchedule) Next(t time.Time) time.Time {
	if e.every <= 0 {
		return time.Time{}
	}
	since := t.Sub(time.Unix(0, 0).Add(e.offset))
	n := since / e.every
	if since < 0 {
		n--
	}
	return time.Unix(0, 0).Add(e.offset + (n+1)*e.every)
}

// sharedSchedule is a feed's schedule when several instances share the
// work: every one must give a feed the same slots, whatever its start time
// or the other feeds of its configuration — the offset comes from the
// feed's name, and "@every" counts from the Unix epoch.
func sharedSchedule(s cron.Schedule, feed string, now time.Time) cron.Schedule {
	if every, ok := s.(cron.ConstantDelaySchedule); ok {
		return epochSchedule{offset: nameOffset(feed, every.Delay), every: every.Delay}
	}
	return offsetSchedule{s, nameOffset(feed, shortestGap(s))}
}

// shortestGap is the shortest time between two of the first activations
// of s after a fixed moment: the same in every instance, whenever asked.
func shortestGap(s cron.Schedule) time.Duration {
	a := s.Next(time.Date(2000, 1, 3, 0, 0, 0, 0, time.UTC)) // a Monday
	gap := time.Duration(0)
	for range 24 {
		b := s.Next(a)
		if b.IsZero() {
			break
		}
		if d := b.Sub(a); gap == 0 || d < gap {
			gap = d
		}
		a = b
	}
	return gap
}

// SharedSlot is the schedule slot that a poll of feed at t belongs to when
// several instances share the work, the feed being on schedule spec (a
// feed is polled at most once per slot).
func SharedSlot(spec, feed string, t time.Time) (time.Time, error) {
	s, err := parseShared(spec, feed, t)
	if err != nil {
		return time.Time{}, err
	}
	return slotOf(s, t), nil
}

func parseShared(spec, feed string, now time.Time) (cron.Schedule, error) {
	s, err := config.ParseSchedule(spec)
	if err != nil {
		return nil, err
	}
	return sharedSchedule(s, feed, now), nil
}

// nameOffset spreads feeds over interval by their names (whole seconds).
func nameOffset(name string, interval time.Duration) time.Duration {
	if interval < time.Second {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return time.Duration(h.Sum64()%uint64(interval/time.Second)) * time.Second
}

// offsetSchedule fires offset after each activation of its inner schedule.
// (Not for "@every": its activations are relative to t, so the offset
// would cancel out.)
type offsetSchedule struct {
	inner  cron.Schedule
	offset time.Duration
}

func (o offsetSchedule) Next(t time.Time) time.Time {
	return o.inner.Next(t.Add(-o.offset)).Add(o.offset)
}

// cronLogger routes cron's messages (recovered panics, skipped runs) to slog.
type cronLogger struct{ w *Watcher }

func (l cronLogger) Info(msg string, kv ...any) { l.w.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.w.log.Error("cron: "+msg, append(kv, "error", err)...)
}
