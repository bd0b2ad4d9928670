package watchers

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newshound/newshound/config"
)

// deliveryInterval is how often the daemon drains the outbox.
const deliveryInterval = 2 * time.Second

// Run is the daemon: it processes what a previous run left pending, then
// polls each feed on its schedule and drains the outbox continuously, until
// ctx is cancelled. It then waits for running polls (at most grace) and
// drains the outbox one last time.
func (w *Watcher) Run(ctx context.Context, grace time.Duration) error {
	if err := w.ReloadWatches(ctx); err != nil {
		return err
	}
	if _, _, err := w.ProcessPending(ctx); err != nil && ctx.Err() == nil {
		w.log.Error("processing pending articles", "error", err)
	}
	pollCtx, cancelPolls := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelPolls()
	c := cron.New(cron.WithChain(cron.Recover(cronLogger{w}), cron.SkipIfStillRunning(cronLogger{w})))
	for _, e := range w.schedule(time.Now()) {
		f := e.feed
		c.Schedule(e.schedule, cron.FuncJob(func() {
			if _, err := w.PollFeed(pollCtx, f, false); err != nil && pollCtx.Err() == nil {
				w.log.Debug("poll ended with an error", "feed", f.Name, "error", err)
			}
		}))
	}
	for spec, watches := range w.digests() {
		s, err := config.ParseSchedule(spec)
		if err != nil {
			continue // validated at load
		}
		c.Schedule(s, cron.FuncJob(func() {
			if _, err := w.DeliverDigests(pollCtx, watches); err != nil && pollCtx.Err() == nil {
				w.log.Error("delivering digest", "watch", strings.Join(watches, ","), "error", err)
			}
		}))
	}
	c.Start()
	ticker := time.NewTicker(deliveryInterval)
	defer ticker.Stop()
	for {
		if _, err := w.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("delivering alerts", "error", err)
		}
		select {
		case <-ctx.Done():
			stopped := c.Stop()
			select {
			case <-stopped.Done():
			case <-time.After(grace):
				w.log.Warn("shutdown: cancelling polls still running", "grace", grace)
				cancelPolls()
				<-stopped.Done()
			}
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
			defer cancel()
			if _, err := w.DeliverDue(final); err != nil {
				w.log.Error("delivering alerts at shutdown", "error", err)
			}
			return nil
		case <-ticker.C:
		}
	}
}

// digests groups the digest watches by schedule.
func (w *Watcher) digests() map[string][]string {
	out := map[string][]string{}
	for _, wc := range w.cfg.Watches {
		if wc.Digest != "" {
			out[wc.Digest] = append(out[wc.Digest], wc.Name)
		}
	}
	return out
}

type scheduled struct {
	feed     config.Feed
	schedule cron.Schedule
}

// schedule gives each feed its cron schedule, offset so that feeds sharing a
// spec are spread evenly over its interval instead of firing in the same
// second. The offsets are stable across restarts (feeds ordered by name).
func (w *Watcher) schedule(now time.Time) []scheduled {
	groups := map[string][]config.Feed{}
	for _, f := range w.cfg.Feeds {
		spec := w.cfg.FeedSchedule(f)
		groups[spec] = append(groups[spec], f)
	}
	var out []scheduled
	for spec, feeds := range groups {
		s, err := config.ParseSchedule(spec)
		if err != nil {
			continue // validated at load
		}
		sort.Slice(feeds, func(i, j int) bool { return feeds[i].Name < feeds[j].Name })
		interval := config.Interval(s, now)
		for i, f := range feeds {
			offset := time.Duration(0)
			if len(feeds) > 1 && interval > 0 {
				offset = (interval * time.Duration(i) / time.Duration(len(feeds))).Truncate(time.Second)
			}
			out = append(out, scheduled{feed: f, schedule: offsetSchedule{s, offset}})
		}
	}
	return out
}

// offsetSchedule fires offset after each activation of its inner schedule.
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
