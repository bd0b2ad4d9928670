package watchers

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/store"
)

// Several instances on one PostgreSQL database share the work through the
// store's leases (store.Leases): each instance holds a share of the feeds
// and of the channels, renewed by one heartbeat, and polls only its feeds,
// delivers only its channels' outbox rows, processes only its feeds'
// pending articles. Every instance runs the whole schedule; a poll job of a
// feed it does not hold returns at once, and one of a feed it holds first
// advances the lease's slot (one database round trip), so that a feed is
// polled once per schedule slot whoever holds it. An instance that stops
// renewing (dead, or cut off from the database) holds nothing once its row
// expires (leaseTTL), and the others claim its share at their next
// rebalance (leaseEvery). Once-per-slot jobs (pruning, digests) run on the
// first instance that advances their slot. Without leases (SQLite, one
// process) none of this runs.

// Lease timing: an instance renews every leaseEvery and is taken for dead
// leaseTTL after its last renewal, so its work moves within leaseTTL +
// leaseEvery (40 s). It stops acting on its leases leaseMargin before the
// database could consider them expired.
const (
	leaseEvery  = 10 * time.Second
	leaseTTL    = 30 * time.Second
	leaseMargin = 3 * time.Second
)

// slotMargin is how long before its slot's end a poll must fetch the feed.
const slotMargin = 250 * time.Millisecond

// cluster is a Watcher's share of the work among instances.
type cluster struct {
	leases *store.Leases

	mu         sync.Mutex
	feeds      map[string]bool // feed leases held
	channels   map[string]bool // channel leases held ("" is standard output)
	validUntil time.Time       // the leases are trusted until then (local clock)
	lastBeat   time.Time       // the last successful heartbeat began then
	live       int             // instances alive at the last heartbeat
	polling    map[string]int  // polls running, by feed: not released meanwhile
	ensured    bool            // the configuration's lease rows exist
}

// reconfigured makes the next rebalance create the rows of a new
// configuration's feeds and channels.
func (c *cluster) reconfigured() {
	c.mu.Lock()
	c.ensured = false
	c.mu.Unlock()
}

func newCluster(l *store.Leases) *cluster {
	return &cluster{leases: l, feeds: map[string]bool{}, channels: map[string]bool{}, polling: map[string]int{}}
}

// valid reports whether the leases can be trusted now.
func (c *cluster) valid(now time.Time) bool {
	return now.Before(c.validUntil)
}

// holdsFeed reports whether this instance polls the named feed.
func (c *cluster) holdsFeed(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.feeds[name] && c.valid(time.Now())
}

// holdsChannel reports whether this instance delivers the named channel.
func (c *cluster) holdsChannel(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.channels[name] && c.valid(time.Now())
}

// heldChannels lists the channels this instance delivers (none while its
// leases cannot be trusted).
func (c *cluster) heldChannels() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid(time.Now()) {
		return nil
	}
	out := make([]string, 0, len(c.channels))
	for ch := range c.channels {
		out = append(out, ch)
	}
	slices.Sort(out)
	return out
}

// heldFeeds lists the feeds this instance polls (none while its leases
// cannot be trusted).
func (c *cluster) heldFeeds() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid(time.Now()) {
		return []string{}
	}
	out := make([]string, 0, len(c.feeds))
	for f := range c.feeds {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

func (c *cluster) beginPoll(feed string) {
	c.mu.Lock()
	c.polling[feed]++
	c.mu.Unlock()
}

func (c *cluster) endPoll(feed string) {
	c.mu.Lock()
	if c.polling[feed]--; c.polling[feed] <= 0 {
		delete(c.polling, feed)
	}
	c.mu.Unlock()
}

// Clustered reports whether the Watcher shares its work with other
// instances (ShareWork).
func (w *Watcher) Clustered() bool { return w.cluster != nil }

// runCluster renews the instance's leases and rebalances the work every
// leaseEvery until ctx is cancelled; then it leaves, so that the others
// take its share at once. gained is called with the feeds it took.
func (w *Watcher) runCluster(ctx context.Context, gained func([]store.Claimed)) {
	c := w.cluster
	t := time.NewTicker(leaseEvery)
	defer t.Stop()
	for {
		w.rebalance(ctx, gained)
		select {
		case <-ctx.Done():
			lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			err := c.leases.Leave(lctx)
			w.metrics.LeaseOps.WithLabelValues("leave").Inc()
			if err != nil {
				w.log.Warn("leases: leaving", "error", err)
			}
			c.mu.Lock()
			c.feeds, c.channels, c.validUntil = map[string]bool{}, map[string]bool{}, time.Time{}
			c.mu.Unlock()
			return
		case <-t.C:
		}
	}
}

// rebalance renews the instance's liveness, then evens out the feeds and
// channels among the live instances: each holds about its share (the
// total over the instances alive, rounded up), releasing the excess and
// claiming free leases — never held, or held by an instance that died.
func (w *Watcher) rebalance(ctx context.Context, gained func([]store.Claimed)) {
	c := w.cluster
	start := time.Now()
	live, err := c.leases.Heartbeat(ctx, leaseTTL)
	w.metrics.LeaseOps.WithLabelValues("heartbeat").Inc()
	if err != nil {
		if ctx.Err() == nil {
			w.storeResult(ctx, "leases", true, err)
		}
		return
	}
	w.storeResult(ctx, "leases", true, nil)
	c.mu.Lock()
	lapsed := !c.lastBeat.IsZero() && start.Sub(c.lastBeat) >= leaseTTL-leaseMargin
	c.lastBeat, c.live = start, live
	ensured := c.ensured
	c.mu.Unlock()
	if lapsed || !ensured {
		// The database may have taken the instance for dead: what it
		// still holds is what the rows say.
		if !w.reloadHeld(ctx) {
			return
		}
	}
	c.mu.Lock()
	c.validUntil = start.Add(leaseTTL - leaseMargin)
	c.mu.Unlock()
	cfg := w.conf()
	feeds := make([]string, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		feeds = append(feeds, f.Name)
	}
	channels := []string{""}
	for name := range cfg.Channels {
		channels = append(channels, name)
	}
	slices.Sort(channels)
	if !ensured {
		err := c.leases.Ensure(ctx, store.LeaseFeed, feeds)
		if err == nil {
			err = c.leases.Ensure(ctx, store.LeaseChannel, channels)
		}
		w.metrics.LeaseOps.WithLabelValues("ensure").Add(2)
		if w.storeResult(ctx, "leases", true, err) != nil {
			return
		}
		c.mu.Lock()
		c.ensured = true
		c.mu.Unlock()
	}
	got := w.balance(ctx, store.LeaseFeed, feeds, live, c.feeds)
	w.balance(ctx, store.LeaseChannel, channels, live, c.channels)
	c.mu.Lock()
	nf, nc := len(c.feeds), len(c.channels)
	c.mu.Unlock()
	w.metrics.Leased.WithLabelValues(store.LeaseFeed).Set(float64(nf))
	w.metrics.Leased.WithLabelValues(store.LeaseChannel).Set(float64(nc))
	if len(feeds) > 0 {
		w.metrics.LeaseShare.Set(float64(nf) / float64(len(feeds)))
	}
	w.metrics.Instances.Set(float64(live))
	if len(got) > 0 && gained != nil {
		gained(got)
	}
}

// reloadHeld replaces the leases the instance believes it holds with those
// the database says it holds.
func (w *Watcher) reloadHeld(ctx context.Context) bool {
	c := w.cluster
	feeds, err := c.leases.Held(ctx, store.LeaseFeed)
	var channels []string
	if err == nil {
		channels, err = c.leases.Held(ctx, store.LeaseChannel)
	}
	w.metrics.LeaseOps.WithLabelValues("held").Add(2)
	if w.storeResult(ctx, "leases", false, err) != nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	lost := 0
	for f := range c.feeds {
		if !slices.Contains(feeds, f) {
			lost++
			w.feeds.forget(f)
		}
	}
	if lost > 0 {
		w.log.Warn("leases: feeds taken over by other instances while this one was cut off", "feeds", lost)
	}
	c.feeds, c.channels = setOf(feeds), setOf(channels)
	return true
}

func setOf(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// balance brings the leases of kind held (in held, updated) to this
// instance's share of names among live instances, and returns what it
// claimed.
func (w *Watcher) balance(ctx context.Context, kind string, names []string, live int, held map[string]bool) []store.Claimed {
	c := w.cluster
	share := int(math.Ceil(float64(len(names)) / float64(max(live, 1))))
	configured := setOf(names)
	c.mu.Lock()
	var release []string
	n := 0
	for name := range held {
		if !configured[name] && c.polling[name] == 0 {
			release = append(release, name) // no longer configured here
		} else {
			n++
		}
	}
	if n > share {
		var mine []string
		for name := range held {
			if configured[name] && c.polling[name] == 0 && !(kind == store.LeaseChannel && w.outbox.isBusy(name)) {
				mine = append(mine, name)
			}
		}
		slices.Sort(mine)
		excess := min(n-share, len(mine))
		release = append(release, mine[len(mine)-excess:]...)
	}
	for _, name := range release {
		delete(held, name)
		if kind == store.LeaseFeed {
			w.feeds.forget(name)
		}
	}
	c.mu.Unlock()
	if len(release) > 0 {
		err := c.leases.Release(ctx, kind, release)
		w.metrics.LeaseOps.WithLabelValues("release").Inc()
		if w.storeResult(ctx, "leases", true, err) == nil {
			w.log.Info("leases: released to other instances", "kind", kind, "released", len(release), "instances", live)
		}
	}
	if n >= share {
		return nil
	}
	got, err := c.leases.Claim(ctx, kind, names, share-n)
	w.metrics.LeaseOps.WithLabelValues("claim").Inc()
	if w.storeResult(ctx, "leases", true, err) != nil || len(got) == 0 {
		return nil
	}
	c.mu.Lock()
	for _, g := range got {
		held[g.Name] = true
		if kind == store.LeaseFeed {
			// Another instance may have polled it since this one last
			// did: its state is read again from the store.
			w.feeds.forget(g.Name)
		}
	}
	c.mu.Unlock()
	w.log.Info("leases: claimed", "kind", kind, "claimed", len(got), "held", n+len(got), "instances", live)
	return got
}

// advance asks the leases whether this instance may do slot of the named
// lease (a poll of a feed it holds, a job), recording that it does.
func (w *Watcher) advance(ctx context.Context, kind, name string, slot time.Time) bool {
	ok, err := w.cluster.leases.Advance(ctx, kind, name, slot.Unix())
	w.metrics.LeaseOps.WithLabelValues("advance").Inc()
	if err := w.storeResult(ctx, "leases", true, err); err != nil {
		return false
	}
	return ok
}

// slotOf is the slot of schedule s that now falls in: its latest
// activation at or before now (cron starts a job at its activation, or a
// little later). Zero when s has no activation before now.
func slotOf(s cron.Schedule, now time.Time) time.Time {
	back := time.Minute
	if n := s.Next(now); !n.IsZero() {
		if iv := s.Next(n).Sub(n); iv > 0 {
			back = iv
		}
	}
	// Far enough back that an activation lies between, then forward.
	a := s.Next(now.Add(-back))
	for i := 0; a.After(now) && i < 16; i++ {
		back *= 2
		a = s.Next(now.Add(-back))
	}
	if a.IsZero() || a.After(now) {
		return time.Time{}
	}
	for {
		b := s.Next(a)
		if b.IsZero() || b.After(now) {
			return a
		}
		a = b
	}
}

// pollSlot polls feed f, which this instance holds, in the slot of
// schedule s that it starts in — unless that slot was polled already (by
// this instance or the feed's previous holder) or the lease was lost. The
// slot is taken once the poll can start (within the bound of concurrent
// polls), so that a poll that waited for its turn does not land in the
// next slot beside that slot's own.
func (w *Watcher) pollSlot(ctx context.Context, f config.Feed, s cron.Schedule) {
	c := w.cluster
	c.beginPoll(f.Name)
	defer c.endPoll(f.Name)
	t, err := w.takeTurn(ctx)
	if err != nil {
		return
	}
	defer t.release()
	slot := slotOf(s, time.Now())
	if slot.IsZero() || !c.holdsFeed(f.Name) || !w.advance(ctx, store.LeaseFeed, f.Name, slot) {
		return
	}
	// The slot ends at the next activation: a poll slowed down to its last
	// moments (by the database, say) leaves the feed to that activation's
	// poll, rather than reach the site beside it.
	if _, err := w.pollFeed(ctx, f, false, s.Next(slot).Add(-slotMargin), t); err != nil && ctx.Err() == nil {
		w.log.Debug("poll ended with an error", "feed", f.Name, "error", err)
	}
}

// takeOver does what the previous holders of feeds just claimed left: the
// articles they recorded but did not process, and the poll of a slot
// that passed without one (the holder died before it).
func (w *Watcher) takeOver(ctx context.Context, got []store.Claimed) {
	names := make([]string, len(got))
	for i, g := range got {
		names[i] = g.Name
	}
	if _, _, err := w.processPendingOf(ctx, w.now(), names); err != nil && ctx.Err() == nil {
		w.log.Error("processing pending articles of feeds taken over", "error", err)
	}
	byName := map[string]config.Feed{}
	for _, f := range w.conf().Feeds {
		byName[f.Name] = f
	}
	w.jobsMu.Lock()
	schedules := w.schedules
	w.jobsMu.Unlock()
	now := time.Now()
	var wg sync.WaitGroup
	for _, g := range got {
		f, ok := byName[g.Name]
		s := schedules[g.Name]
		if !ok || s == nil {
			continue
		}
		if slot := slotOf(s, now); slot.IsZero() || slot.Unix() <= g.Slot {
			continue // its slot was polled
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.pollSlot(ctx, f, s)
		}()
	}
	wg.Wait()
}

// describe is the instance's share for /healthz.
func (c *cluster) describe(feeds int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("instance %s: polls %d of %d feeds, delivers %d channels; %d instances alive", c.leases.Holder(), len(c.feeds), feeds, len(c.channels), c.live)
}

// problem says why the instance does no work, when its leases lapsed.
func (c *cluster) problem() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lastBeat.IsZero() || c.valid(time.Now()) {
		return ""
	}
	return fmt.Sprintf("leases lapsed: the last heartbeat to the database succeeded at %s; this instance polls and delivers nothing until it renews them (the other instances take its share)",
		c.lastBeat.UTC().Format(time.RFC3339))
}

// ShareWork makes the Watcher share its work with the other instances on
// the same PostgreSQL database through leases (cluster.go). It must be
// called before Run.
func (w *Watcher) ShareWork(l *store.Leases) {
	if l != nil {
		w.cluster = newCluster(l)
	}
}
