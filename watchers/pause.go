package watchers

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/store"
)

// The outbox's memory between drains: which channels are being delivered,
// what Discord accepted but the store could not record, which refusals were
// announced, which credentials are refused, and how long to leave a failing
// store alone. None of it needs to survive a restart: the store's sent_at
// mark covers what a crash forgets (see send).
type outboxState struct {
	mu       sync.Mutex
	busy     map[string]bool   // channels being delivered ("" is standard output)
	sent     map[int64]string  // outbox row → message ID, accepted but not recorded
	refused  map[string]bool   // channel + "\x00" + cause, announced
	paused   map[string]*pause // by destination (AuthError.Destination)
	dest     map[string]string // channel → destination, learned from AuthErrors
	storeErr int               // store failures in a row
	retryAt  time.Time         // no drain before, after store failures
}

// pause is a destination whose credentials the chat platform refused.
type pause struct {
	by        string // the platform that refused them (AuthError.RefusedBy)
	reason    string
	since     time.Time
	wait      time.Duration // before the next probe
	nextProbe time.Time
}

// Pauses and store backoff.
const (
	probeBase  = 15 * time.Second // first wait before probing refused credentials
	probeMax   = 10 * time.Minute
	storeBase  = 2 * time.Second // first wait after a store failure
	storeMaxBk = 2 * time.Minute
)

func (o *outboxState) init() {
	o.busy = map[string]bool{}
	o.sent = map[int64]string{}
	o.refused = map[string]bool{}
	o.paused = map[string]*pause{}
	o.dest = map[string]string{}
}

// claim marks channel as being delivered; false when it already is.
func (o *outboxState) claim(channel string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.busy[channel] {
		return false
	}
	o.busy[channel] = true
	return true
}

// isBusy reports whether a drain is delivering channel now.
func (o *outboxState) isBusy(channel string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.busy[channel]
}

func (o *outboxState) release(channel string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.busy, channel)
}

// unavailable lists the channels a drain cannot deliver now: being
// delivered by another drain, or paused with no probe due. Their rows are
// not read, so that a long backlog of theirs does not crowd out the others.
func (o *outboxState) unavailable(now time.Time) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for ch := range o.busy {
		out = append(out, ch)
	}
	for ch, dest := range o.dest {
		if p := o.paused[dest]; p != nil && now.Before(p.nextProbe) && !o.busy[ch] {
			out = append(out, ch)
		}
	}
	return out
}

// remember notes that Discord accepted rows ids as messageID.
func (o *outboxState) remember(ids []int64, messageID string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, id := range ids {
		o.sent[id] = messageID
	}
}

func (o *outboxState) forget(ids []int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, id := range ids {
		delete(o.sent, id)
	}
}

// sentGroup is rows accepted in one message.
type sentGroup struct {
	messageID string
	ids       []int64
}

// split separates the items Discord accepted (grouped by message, in order
// of first appearance) from the others.
func (o *outboxState) split(items []store.OutboxItem) ([]sentGroup, []store.OutboxItem) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.sent) == 0 {
		return nil, items
	}
	var groups []sentGroup
	var rest []store.OutboxItem
	for _, it := range items {
		mid, ok := o.sent[it.ID]
		if !ok {
			rest = append(rest, it)
			continue
		}
		i := slices.IndexFunc(groups, func(g sentGroup) bool { return g.messageID == mid && mid != "" })
		if i < 0 {
			groups = append(groups, sentGroup{messageID: mid})
			i = len(groups) - 1
		}
		groups[i].ids = append(groups[i].ids, it.ID)
	}
	return groups, rest
}

// firstRefusal reports whether a refusal of this cause in channel is the
// first since the channel last accepted a delivery.
func (o *outboxState) firstRefusal(channel, cause string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	key := channel + "\x00" + cause
	if o.refused[key] {
		return false
	}
	o.refused[key] = true
	return true
}

// backingOff reports whether drains wait for the store to recover.
func (o *outboxState) backingOff(now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return now.Before(o.retryAt)
}

// storeFailed records a store failure during delivery and returns err: the
// outbox waits (2 s doubling to 2 min) before draining again, instead of
// retrying every tick.
func (w *Watcher) storeFailed(err error) error {
	o := &w.outbox
	o.mu.Lock()
	o.storeErr++
	wait := storeBase
	for i := 1; i < o.storeErr && wait < storeMaxBk; i++ {
		wait *= 2
	}
	wait = min(wait, storeMaxBk)
	o.retryAt = w.now().Add(wait)
	o.mu.Unlock()
	_ = w.storeResult(context.Background(), "deliver", false, err) // logged, counted, in /healthz
	return fmt.Errorf("%w (delivery waits %s)", err, wait)
}

// storeOK ends a store backoff.
func (w *Watcher) storeOK() {
	o := &w.outbox
	o.mu.Lock()
	failing := o.storeErr > 0
	o.storeErr, o.retryAt = 0, time.Time{}
	o.mu.Unlock()
	if failing {
		_ = w.storeResult(context.Background(), "deliver", false, nil)
	}
}

// paused reports whether channel's credentials are refused and not due for
// a probe. When a probe is due, the first channel asking makes it: the
// others wait for its outcome.
func (w *Watcher) paused(channel string, now time.Time) bool {
	o := &w.outbox
	o.mu.Lock()
	defer o.mu.Unlock()
	p := o.paused[o.dest[channel]]
	if p == nil {
		return false
	}
	if now.Before(p.nextProbe) {
		return true
	}
	p.nextProbe = now.Add(p.wait) // this channel probes; a failure sets the next
	return false
}

// pause stops deliveries through the credentials Discord refused: their
// messages stay in the outbox (no attempt is counted) and are probed with
// backoff, and at once after a reload. The first refusal is announced: an
// ERROR log, /healthz, the newshound_delivery_paused metric, and a notice
// to the ops channel unless it goes through the same credentials.
func (w *Watcher) pause(ctx context.Context, channel string, e *alert.AuthError) {
	now := w.now()
	o := &w.outbox
	o.mu.Lock()
	probe := o.dest[channel] == e.Destination // a known channel of the destination: it probed
	o.dest[channel] = e.Destination
	p := o.paused[e.Destination]
	first := p == nil
	switch {
	case first:
		p = &pause{by: e.RefusedBy(), reason: e.Err.Error(), since: now, wait: probeBase}
		o.paused[e.Destination] = p
		p.nextProbe = now.Add(p.wait)
	case probe:
		p.wait = min(2*p.wait, probeMax)
		p.nextProbe = now.Add(p.wait)
	}
	opsSame := o.dest[w.conf().OpsChannel] == e.Destination
	wait := p.wait // p is shared: read under the lock
	o.mu.Unlock()
	if !first {
		w.log.Debug("delivery still paused: credentials refused", "destination", e.Destination, "channel", channel,
			"next_probe_in", wait)
		return
	}
	w.metrics.Paused.WithLabelValues(e.Destination).Set(1)
	w.log.Error("delivery paused: "+e.RefusedBy()+" refused the credentials; alerts are kept and go out when they work again "+
		"(fix them and send SIGHUP, or wait for the next probe)", "destination", e.Destination, "channel", channel,
		"next_probe_in", wait, "error", e.Err)
	if ops := w.conf().OpsChannel; ops != "" && ops != channel && !opsSame {
		w.notify(ctx, "Delivery paused", fmt.Sprintf("%s refused the %s (channel %q): %v. "+
			"Alerts through it are kept and will be delivered when it works again; fix it and reload the configuration (SIGHUP).",
			e.RefusedBy(), e.Destination, channel, e.Err))
	}
}

// recovered is called after a delivery to channel succeeded: its refusals
// may be announced again, and its credentials, if paused, work again.
func (w *Watcher) recovered(ctx context.Context, channel string) {
	o := &w.outbox
	o.mu.Lock()
	for key := range o.refused {
		if strings.HasPrefix(key, channel+"\x00") {
			delete(o.refused, key)
		}
	}
	dest := o.dest[channel]
	p := o.paused[dest]
	if p != nil {
		delete(o.paused, dest)
	}
	o.mu.Unlock()
	if p == nil {
		return
	}
	w.metrics.Paused.WithLabelValues(dest).Set(0)
	w.log.Info("delivery resumed: the credentials work again", "destination", dest, "channel", channel,
		"paused_for", w.now().Sub(p.since).Round(time.Second))
	if ops := w.conf().OpsChannel; ops != "" && ops != channel {
		w.notify(ctx, "Delivery resumed", fmt.Sprintf("The %s works again (paused since %s); the kept alerts are being delivered.",
			dest, p.since.UTC().Format(time.RFC3339)))
	}
}

// probeNow makes every paused destination due for a probe (new
// credentials may have come with a reload).
func (w *Watcher) probeNow() {
	o := &w.outbox
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, p := range o.paused {
		p.nextProbe = time.Time{}
	}
}

// pauseProblems describes the paused destinations for /healthz.
func (w *Watcher) pauseProblems() []string {
	o := &w.outbox
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for dest, p := range o.paused {
		out = append(out, fmt.Sprintf("delivery paused since %s: %s refused the %s: %s",
			p.since.UTC().Format(time.RFC3339), p.by, dest, p.reason))
	}
	sort.Strings(out)
	return out
}

// SetProblem reports (or, with an empty problem, clears) a condition that
// makes /healthz answer 503 with its text, such as a gateway that cannot
// connect. key identifies the condition.
func (w *Watcher) SetProblem(key, problem string) {
	w.problemsMu.Lock()
	defer w.problemsMu.Unlock()
	if problem == "" {
		delete(w.problems, key)
		return
	}
	w.problems[key] = problem
}

// Problems lists the conditions /healthz reports, sorted.
func (w *Watcher) Problems() []string {
	w.problemsMu.Lock()
	out := make([]string, 0, len(w.problems))
	for _, p := range w.problems {
		out = append(out, p)
	}
	w.problemsMu.Unlock()
	sort.Strings(out)
	return append(out, w.pauseProblems()...)
}
