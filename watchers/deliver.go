package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/store"
)

// Delivery retry bounds.
const (
	retryBase = 10 * time.Second
	retryMax  = time.Hour
)

// SettleTime is how long after an attempt whose outcome is unknown (a
// crash, a lost response) the next one waits, so that the first can no
// longer arrive after it has been looked for: more than a notifier's
// request timeout (bot/discord's restTimeout, 20 s, checked by a test
// there), to the second the store keeps.
const SettleTime = 22 * time.Second

// maxChannelsAtOnce bounds the channels delivered to concurrently.
const maxChannelsAtOnce = 8

// DeliverDue drains the outbox once. Standard-output alerts are written as
// JSON lines; chat messages go to the Notifier, oldest first per channel,
// within each channel's hourly budget (max_per_hour): when more alerts are
// due than the budget has room for, the surplus folds into one digest
// message. Channels are delivered to concurrently, each by one goroutine at
// a time: a channel being delivered by an earlier call (slow, rate-limited)
// is skipped, not waited for, and so are channels whose credentials are
// refused (paused; see pause.go). It returns how many outbox rows were
// delivered.
func (w *Watcher) DeliverDue(ctx context.Context) (int, error) {
	if w.outbox.backingOff(w.now()) {
		return 0, nil
	}
	delivered := 0
	for {
		w.deliverMu.Lock()
		due, err := w.due(ctx)
		if err != nil {
			w.deliverMu.Unlock()
			return delivered, w.storeFailed(err)
		}
		edits, err := w.dueEdits(ctx)
		if err != nil {
			w.deliverMu.Unlock()
			return delivered, w.storeFailed(err)
		}
		byChannel := map[string][]store.OutboxItem{}
		editsOf := map[string]bool{} // channels with edits due
		var order []string
		for _, it := range due {
			if _, ok := byChannel[it.Channel]; !ok {
				order = append(order, it.Channel)
			}
			byChannel[it.Channel] = append(byChannel[it.Channel], it)
		}
		for _, it := range edits {
			if _, ok := byChannel[it.Channel]; !ok && !editsOf[it.Channel] {
				order = append(order, it.Channel)
			}
			editsOf[it.Channel] = true
		}
		var mine []string // channels this call delivers
		now := w.now()
		for _, ch := range order {
			if ch != "" && (w.notifierNow() == nil || w.paused(ch, now)) {
				continue // kept until chat delivery is configured, or the credentials work
			}
			if w.outbox.claim(ch) {
				mine = append(mine, ch)
			}
		}
		w.deliverMu.Unlock()

		var mu sync.Mutex
		var firstErr error
		done, sem := 0, make(chan struct{}, maxChannelsAtOnce)
		var wg sync.WaitGroup
		for _, ch := range mine {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				defer w.releaseChannel(ch)
				var n int
				var err error
				if ch == "" {
					n, err = w.printAlerts(ctx, byChannel[ch])
				} else {
					if len(byChannel[ch]) > 0 {
						n, err = w.deliverChannel(ctx, ch, byChannel[ch])
					}
					if err == nil {
						// Read again: the posts just made may be what
						// edits waited for.
						var e int
						e, err = w.deliverEditsIn(ctx, ch)
						n += e
					}
				}
				mu.Lock()
				done += n
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		delivered += done
		if firstErr != nil {
			return delivered, firstErr
		}
		w.storeOK() // read and recorded without a store error: an earlier failure is over
		if (len(due) < 500 && len(edits) < 500) || done == 0 || ctx.Err() != nil {
			return delivered, nil
		}
	}
}

// releaseChannel ends a drain's hold on channel. It takes deliverMu so that
// it never falls between another drain's reading of the due deliveries and
// its claim: a drain must not claim a channel with rows read before the
// last holder delivered them.
func (w *Watcher) releaseChannel(channel string) {
	w.deliverMu.Lock()
	defer w.deliverMu.Unlock()
	w.outbox.release(channel)
}

// due returns the next deliveries to attempt. Without chat, chat deliveries
// wait in the outbox and must not crowd out the standard-output ones.
func (w *Watcher) due(ctx context.Context) ([]store.OutboxItem, error) {
	// The configured channels (and standard output): the rows of a channel
	// a reload removed wait, in case it comes back, instead of being
	// refused by a notifier that no longer knows it.
	mine := w.configuredChannels()
	if w.cluster != nil {
		// Several instances: the channels this one holds.
		mine = w.cluster.heldChannels()
		if len(mine) == 0 {
			return nil, nil
		}
	}
	if w.notifierNow() == nil {
		if mine != nil && !slices.Contains(mine, "") {
			return nil, nil
		}
		return w.store.DueStdout(ctx, w.now(), 500)
	}
	now := w.now()
	return w.store.DueDeliveriesOf(ctx, now, 500, mine, w.outbox.unavailable(now)...)
}

// dueEdits returns the next edits to attempt (none without chat).
func (w *Watcher) dueEdits(ctx context.Context) ([]store.OutboxItem, error) {
	if w.notifierNow() == nil {
		return nil, nil
	}
	now := w.now()
	edits, err := w.store.DueEdits(ctx, now, 500, w.outbox.unavailable(now)...)
	if err != nil {
		return edits, err
	}
	// Several instances: the edits of the channels this one holds; one:
	// of the configured channels (see due).
	channels := w.conf().Channels
	keep := func(ch string) bool { _, ok := channels[ch]; return ok }
	if w.cluster != nil {
		keep = w.cluster.holdsChannel
	}
	mine := edits[:0]
	for _, e := range edits {
		if keep(e.Channel) {
			mine = append(mine, e)
		}
	}
	return mine, nil
}

// configuredChannels lists the chat channels of the running configuration
// and "" (standard output).
func (w *Watcher) configuredChannels() []string {
	channels := []string{""}
	for name := range w.conf().Channels {
		channels = append(channels, name)
	}
	slices.Sort(channels)
	return channels
}

// printAlerts writes the standard-output alerts among due as JSON lines and
// marks them delivered together. Standard output is at-least-once: a crash
// between writing and marking prints those lines again on the next start.
func (w *Watcher) printAlerts(ctx context.Context, due []store.OutboxItem) (int, error) {
	var ids []int64
	var buf []byte
	for _, it := range due {
		if it.Channel == "" {
			ids = append(ids, it.ID)
			buf = append(append(buf, it.Payload...), '\n')
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	w.outMu.Lock()
	_, err := w.stdout.Write(buf)
	w.outMu.Unlock()
	if err != nil {
		w.metrics.Deliveries.WithLabelValues("stdout", "retry").Add(float64(len(ids)))
		return 0, fmt.Errorf("write alerts to standard output: %w", err)
	}
	w.metrics.Deliveries.WithLabelValues("stdout", "delivered").Add(float64(len(ids)))
	if err := w.store.MarkDelivered(context.WithoutCancel(ctx), w.now(), "", ids...); err != nil {
		return len(ids), w.storeFailed(err)
	}
	return len(ids), nil
}

// deliverChannel delivers the due items of one chat channel within its
// hourly budget. It stops at the first failure: later messages wait, so the
// channel keeps its order.
func (w *Watcher) deliverChannel(ctx context.Context, channel string, items []store.OutboxItem) (int, error) {
	if w.notifierNow() == nil {
		return 0, nil // kept in the outbox until chat delivery is configured
	}
	// Messages Discord accepted whose recording failed are recorded first,
	// never posted again.
	items, recorded, err := w.recordSent(ctx, channel, items)
	if err != nil || len(items) == 0 {
		return recorded, err
	}
	now := w.now()
	budget := w.conf().Channels[channel].MaxPerHour
	if budget <= 0 {
		budget = 30
	}
	posted, first, err := w.store.PostsSince(ctx, channel, now.Add(-time.Hour))
	if err != nil {
		return 0, w.storeFailed(err)
	}
	room := budget - posted
	if room <= 0 {
		// Over budget: wait until the oldest post of the hour ages out.
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		if err := w.store.Defer(ctx, first.Add(time.Hour+time.Second), ids...); err != nil {
			return 0, w.storeFailed(err)
		}
		return 0, nil
	}
	if !items[0].SentAt.IsZero() && len(sameFold(items)) > 1 {
		// The head went out, maybe, in a folded message (an attempt of
		// unknown outcome): it is retried as that message whatever room
		// the budget has now, so that its reference is looked for.
		return w.deliverFolded(ctx, channel, items)
	}
	delivered := 0
	for i, it := range items {
		if room == 1 && len(items)-i > 1 {
			// One message left this hour and several waiting: one digest.
			n, err := w.deliverFolded(ctx, channel, items[i:])
			return delivered + n, err
		}
		ok, err := w.deliverOne(ctx, it)
		if err != nil || !ok {
			return delivered, err
		}
		delivered++
		room--
	}
	return delivered, nil
}

// deliverOne attempts one delivery and records the outcome. It reports
// whether the message was delivered; the error is the store's.
func (w *Watcher) deliverOne(ctx context.Context, it store.OutboxItem) (bool, error) {
	d := alert.Delivery{ID: it.ID, Channel: it.Channel, Nonce: it.Nonce, Attempt: it.Attempts + 1, Kind: alert.KindAlert, SentAt: it.SentAt}
	var err error
	if it.Kind == store.KindNotice {
		var n alert.Notice
		err = json.Unmarshal(it.Payload, &n)
		d.Kind, d.Title, d.Text = alert.KindNotice, n.Title, n.Text
	} else {
		err = json.Unmarshal(it.Payload, &d.Alert)
	}
	if err != nil {
		return false, w.store.MarkRefused(ctx, "stored message is unreadable: "+err.Error(), w.now(), it.ID)
	}
	if it.Op == store.OpFollowUp {
		if err := w.followUpDelivery(ctx, it, &d); err != nil {
			return false, err
		}
	}
	return w.send(ctx, d, it.Watch, []store.OutboxItem{it})
}

// deliverFolded posts items as one digest message (flood control).
func (w *Watcher) deliverFolded(ctx context.Context, channel string, items []store.OutboxItem) (int, error) {
	items = sameFold(items)
	d := alert.Delivery{ID: items[0].ID, Channel: channel, Attempt: items[0].Attempts + 1, Kind: alert.KindDigest}
	var alerts []store.OutboxItem
	for _, it := range items {
		if it.Kind == store.KindNotice {
			continue // notices are not folded: they wait for room
		}
		var a alert.Alert
		if err := json.Unmarshal(it.Payload, &a); err != nil {
			if err := w.store.MarkRefused(ctx, "stored message is unreadable: "+err.Error(), w.now(), it.ID); err != nil {
				return 0, err
			}
			continue
		}
		d.Digest = append(d.Digest, a)
		alerts = append(alerts, it)
	}
	if len(alerts) == 0 {
		return 0, nil
	}
	if len(alerts) == 1 {
		ok, err := w.deliverOne(ctx, alerts[0])
		if ok {
			return 1, err
		}
		return 0, err
	}
	d.Title = foldTitle(len(alerts)) // len(alerts) > 1
	d.Nonce = foldNonce(alerts)
	ok, err := w.send(ctx, d, "", alerts)
	if ok {
		return len(alerts), err
	}
	return 0, err
}

// sameFold is items, or — when the first may have been posted in a folded
// message (an attempt of unknown outcome) — the items of that attempt only
// (marked in the same second), so that the retry folds the same message,
// with the same reference, and finds it instead of posting the alerts again
// with the ones that arrived since.
func sameFold(items []store.OutboxItem) []store.OutboxItem {
	if len(items) == 0 || items[0].SentAt.IsZero() {
		return items
	}
	var same []store.OutboxItem
	for _, it := range items {
		if it.SentAt.Equal(items[0].SentAt) {
			same = append(same, it)
		}
	}
	return same
}

// foldTitle is the title of a digest folding n alerts (flood control): the
// same when the digest is edited.
func foldTitle(n int) string {
	return fmt.Sprintf("%d more alerts (this channel's hourly limit is reached)", n)
}

// foldNonce is a stable nonce for a folded message: the same rows folded
// again after a lost response give the same nonce. The first row's own
// (random) nonce makes it unique beyond this database.
func foldNonce(items []store.OutboxItem) string {
	return fmt.Sprintf("f%s-%d-%d-%d", items[0].Nonce, items[0].ID, items[len(items)-1].ID, len(items))
}

// send calls the Notifier and records the outcome for rows: delivered
// together, retried with backoff, paused (refused credentials: see
// pause.go), or refused (and announced to the ops channel, once per channel
// and cause). It reports whether the message was delivered; the error is
// the store's.
//
// Before the post, the rows are marked as being sent: after a crash or a
// lost response the next attempt knows the message may be in the channel
// already, and the Notifier looks for it before posting again.
func (w *Watcher) send(ctx context.Context, d alert.Delivery, watch string, rows []store.OutboxItem) (bool, error) {
	notifier := w.notifierNow() // read once: a reload may remove chat meanwhile
	if notifier == nil {
		return false, nil // kept in the outbox until chat delivery is configured
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
		if r.SentAt.After(d.SentAt) {
			d.SentAt = r.SentAt
		}
	}
	earlier := d.SentAt // an earlier attempt of unknown outcome began then (zero: none)
	if !d.SentAt.IsZero() {
		// An earlier attempt may still be on its way: Discord can store a
		// message well after its sender died. Look for it only once that
		// attempt has settled, not while it may still land.
		if settled := d.SentAt.Add(SettleTime); w.now().Before(settled) {
			if err := w.store.Defer(ctx, settled, ids...); err != nil {
				return false, w.storeFailed(err)
			}
			return false, nil
		}
	}
	if w.cluster != nil && !w.cluster.holdsChannel(d.Channel) {
		// The channel's lease lapsed (this instance is cut off from the
		// database, or gave it up): its new holder delivers.
		return false, nil
	}
	if err := w.store.MarkSending(ctx, w.now(), ids...); err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, w.storeFailed(err) // nothing is posted that could not be marked
	}
	rc, err := notifier.Deliver(ctx, d)
	var auth *alert.AuthError
	switch {
	case err == nil:
		w.metrics.Deliveries.WithLabelValues(d.Kind, "delivered").Inc()
		w.log.Info("delivered", "kind", d.Kind, "watch", watch, "channel", d.Channel, "delivery", d.ID, "alerts", len(rows),
			"message", rc.MessageID, "found_from_earlier_attempt", rc.Found)
		w.recovered(ctx, d.Channel)
		// Discord has it: from here on it is never posted again, even if
		// recording fails (it is remembered, and recorded later).
		w.outbox.remember(ids, rc.MessageID)
		if err := w.recordPosted(ctx, d.Channel, rc.MessageID, ids); err != nil {
			return true, err
		}
		return true, w.recordThread(ctx, d, rows, rc.ThreadID)
	case ctx.Err() != nil:
		return false, nil // shutting down: the delivery stays due
	case errors.As(err, &auth):
		w.pause(ctx, d.Channel, auth)
		// Refused credentials post nothing: nothing of this attempt to look
		// for later (an earlier attempt's mark stays).
		if err := w.unmarkSending(ctx, earlier, ids); err != nil {
			return false, w.storeFailed(err)
		}
		// Why they wait, for `status` (the pause itself is in memory).
		why := fmt.Sprintf("paused (%s refused the %s): %v", auth.RefusedBy(), auth.Destination, auth.Err)
		if err := w.store.NoteError(ctx, why, ids...); err != nil {
			return false, w.storeFailed(err)
		}
		return false, nil
	case alert.IsPermanent(err):
		w.metrics.Deliveries.WithLabelValues(d.Kind, "refused").Inc()
		w.log.Error("delivery refused", "kind", d.Kind, "watch", watch, "channel", d.Channel, "delivery", d.ID, "error", err)
		if err := w.store.MarkRefused(ctx, err.Error(), w.now(), ids...); err != nil {
			return false, w.storeFailed(err)
		}
		if d.Kind != alert.KindNotice && d.Channel != w.conf().OpsChannel && w.outbox.firstRefusal(d.Channel, causeOf(err)) {
			w.notify(ctx, "Delivery refused", fmt.Sprintf("%s for watch %q to channel %q was refused and will not be retried: %v. "+
				"Further refusals in this channel for the same reason are not announced until a delivery there succeeds.",
				withArticle(d.Kind), watch, d.Channel, err))
		}
		return false, nil
	default:
		w.metrics.Deliveries.WithLabelValues(d.Kind, "retry").Inc()
		wait := retryDelay(d.Attempt)
		var ra interface{ RetryAfter() time.Duration }
		if errors.As(err, &ra) && ra.RetryAfter() > wait {
			wait = ra.RetryAfter()
		}
		w.log.Warn("delivery failed, will retry", "kind", d.Kind, "watch", watch, "channel", d.Channel, "delivery", d.ID,
			"attempt", d.Attempt, "retry_in", wait.Round(time.Second), "error", err)
		next := w.now().Add(wait)
		for _, id := range ids {
			if err := w.store.MarkRetry(ctx, id, err.Error(), next); err != nil {
				return false, w.storeFailed(err)
			}
		}
		var np interface{ NotPosted() bool }
		if errors.As(err, &np) && np.NotPosted() {
			// Discord answered: nothing of this attempt to look for before
			// the retry (an earlier attempt's mark stays).
			if err := w.unmarkSending(ctx, earlier, ids); err != nil {
				return false, w.storeFailed(err)
			}
		}
		return false, nil
	}
}

// unmarkSending undoes the mark of an attempt Discord answered with an
// error (it posted nothing): the rows go back to the mark of the earlier
// attempt of unknown outcome, if any — that one may still have posted, and
// the retry must look for it (a refusal or a failed look says nothing
// about it) — or to none.
func (w *Watcher) unmarkSending(ctx context.Context, earlier time.Time, ids []int64) error {
	if earlier.IsZero() {
		return w.store.ClearSending(ctx, ids...)
	}
	return w.store.MarkSending(ctx, earlier, ids...)
}

// withArticle is "An alert", "A digest", "A notice".
func withArticle(kind string) string {
	if kind == "" {
		kind = alert.KindAlert
	}
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "An " + kind
	}
	return "A " + strings.ToLower(kind)
}

// causeOf names an error's cause for announcing refusals once: its Cause()
// when it has one (Discord's status and code), else its text.
func causeOf(err error) string {
	var c interface{ Cause() string }
	if errors.As(err, &c) {
		return c.Cause()
	}
	return err.Error()
}

// recordPosted records a delivered message; on failure it stays remembered
// (outbox.sent) and the outbox backs off.
func (w *Watcher) recordPosted(ctx context.Context, channel, messageID string, ids []int64) error {
	if err := w.store.MarkPosted(context.WithoutCancel(ctx), w.now(), channel, messageID, ids...); err != nil {
		return w.storeFailed(err)
	}
	w.outbox.forget(ids)
	w.storeOK()
	return nil
}

// recordSent records the items Discord accepted before but which could not
// be recorded then (one message may hold several: a folded digest), and
// returns the others and how many it recorded.
func (w *Watcher) recordSent(ctx context.Context, channel string, items []store.OutboxItem) ([]store.OutboxItem, int, error) {
	sent, rest := w.outbox.split(items)
	recorded := 0
	for _, g := range sent {
		if err := w.recordPosted(ctx, channel, g.messageID, g.ids); err != nil {
			return nil, recorded, err
		}
		recorded += len(g.ids)
		w.log.Info("recorded a delivery made before the store failed", "channel", channel, "message", g.messageID, "alerts", len(g.ids))
	}
	return rest, recorded, nil
}

// notify queues an operations notice for the ops channel; without one it is
// only logged (by the caller).
func (w *Watcher) notify(ctx context.Context, title, text string) {
	if w.conf().OpsChannel == "" {
		return
	}
	payload, _ := json.Marshal(alert.Notice{Title: title, Text: text})
	if err := w.store.QueueNotice(context.WithoutCancel(ctx), w.conf().OpsChannel, payload, w.now()); err != nil {
		w.log.Error("queueing ops notice", "error", err)
	}
}

// DeliverDigests posts the held alerts of the given digest watches: one
// message per channel, grouped by watch. A failed digest is retried at the
// next run of the schedule; a refused one is recorded.
func (w *Watcher) DeliverDigests(ctx context.Context, watches []string) (int, error) {
	if w.notifierNow() == nil {
		return 0, nil
	}
	held, err := w.store.HeldDeliveries(ctx, watches)
	if err != nil {
		return 0, err
	}
	byChannel := map[string][]store.OutboxItem{}
	var order []string
	for _, it := range held {
		if _, ok := byChannel[it.Channel]; !ok {
			order = append(order, it.Channel)
		}
		byChannel[it.Channel] = append(byChannel[it.Channel], it)
	}
	delivered := 0
	for _, ch := range order {
		if _, ok := w.conf().Channels[ch]; !ok || w.paused(ch, w.now()) {
			continue // kept for the next run of the schedule (or the channel's return)
		}
		// One goroutine at a time per channel: wait for a running drain.
		for !w.outbox.claim(ch) {
			select {
			case <-ctx.Done():
				return delivered, nil
			case <-time.After(50 * time.Millisecond):
			}
		}
		n, err := w.deliverDigest(ctx, ch, watches, byChannel[ch])
		w.releaseChannel(ch)
		delivered += n
		if err != nil {
			return delivered, err
		}
	}
	return delivered, nil
}

// deliverDigest posts one channel's held alerts as one digest.
func (w *Watcher) deliverDigest(ctx context.Context, ch string, watches []string, items []store.OutboxItem) (int, error) {
	items, recorded, err := w.recordSent(ctx, ch, items)
	if err != nil || len(items) == 0 {
		return recorded, err
	}
	items = sameFold(items)
	d := alert.Delivery{Channel: ch, Attempt: 1, Kind: alert.KindDigest, Title: "Digest: " + strings.Join(watches, ", ")}
	var rows []store.OutboxItem
	for _, it := range items {
		var a alert.Alert
		if err := json.Unmarshal(it.Payload, &a); err != nil {
			if err := w.store.MarkRefused(ctx, "stored message is unreadable: "+err.Error(), w.now(), it.ID); err != nil {
				return 0, w.storeFailed(err)
			}
			continue
		}
		d.Digest = append(d.Digest, a)
		rows = append(rows, it)
	}
	if len(rows) == 0 {
		return 0, nil
	}
	// Named by the rows it holds, as a retry will find them (refused ones
	// are no longer held then).
	d.ID, d.Nonce = rows[0].ID, foldNonce(rows)
	ok, err := w.send(ctx, d, strings.Join(watches, ","), rows)
	if ok {
		return len(rows), err
	}
	return 0, err
}

// retryDelay is the wait after the n-th failed attempt: 10 s doubling to an hour.
func retryDelay(n int) time.Duration {
	d := retryBase
	for i := 1; i < n && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}
