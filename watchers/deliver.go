package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/store"
)

// Delivery retry bounds.
const (
	retryBase = 10 * time.Second
	retryMax  = time.Hour
)

// DeliverDue drains the outbox once. Standard-output alerts are written as
// JSON lines; chat messages go to the Notifier, oldest first per channel,
// within each channel's hourly budget (max_per_hour): when more alerts are
// due than the budget has room for, the surplus folds into one digest
// message. It returns how many outbox rows were delivered.
func (w *Watcher) DeliverDue(ctx context.Context) (int, error) {
	w.deliverMu.Lock()
	defer w.deliverMu.Unlock()
	delivered := 0
	for {
		due, err := w.due(ctx)
		if err != nil {
			return delivered, err
		}
		printed, err := w.printAlerts(ctx, due)
		delivered += printed
		if err != nil {
			return delivered, err
		}
		byChannel := map[string][]store.OutboxItem{}
		var order []string
		for _, it := range due {
			if it.Channel == "" {
				continue
			}
			if _, ok := byChannel[it.Channel]; !ok {
				order = append(order, it.Channel)
			}
			byChannel[it.Channel] = append(byChannel[it.Channel], it)
		}
		chat := 0
		for _, ch := range order {
			n, err := w.deliverChannel(ctx, ch, byChannel[ch])
			chat += n
			if err != nil {
				return delivered + chat, err
			}
		}
		delivered += chat
		if len(due) < 500 || printed+chat == 0 || ctx.Err() != nil {
			return delivered, nil
		}
	}
}

// due returns the next deliveries to attempt. Without chat, chat deliveries
// wait in the outbox and must not crowd out the standard-output ones.
func (w *Watcher) due(ctx context.Context) ([]store.OutboxItem, error) {
	if w.notifierNow() == nil {
		return w.store.DueStdout(ctx, w.now(), 500)
	}
	return w.store.DueDeliveries(ctx, w.now(), 500)
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
	return len(ids), w.store.MarkDelivered(ctx, w.now(), "", ids...)
}

// deliverChannel delivers the due items of one chat channel within its
// hourly budget. It stops at the first failure: later messages wait, so the
// channel keeps its order.
func (w *Watcher) deliverChannel(ctx context.Context, channel string, items []store.OutboxItem) (int, error) {
	if w.notifierNow() == nil {
		return 0, nil // kept in the outbox until chat delivery is configured
	}
	now := w.now()
	budget := w.conf().Channels[channel].MaxPerHour
	if budget <= 0 {
		budget = 30
	}
	posted, first, err := w.store.PostsSince(ctx, channel, now.Add(-time.Hour))
	if err != nil {
		return 0, err
	}
	room := budget - posted
	if room <= 0 {
		// Over budget: wait until the oldest post of the hour ages out.
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		return 0, w.store.Defer(ctx, first.Add(time.Hour+time.Second), ids...)
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
	d := Delivery{ID: it.ID, Channel: it.Channel, Nonce: it.Nonce, Attempt: it.Attempts + 1, Kind: KindAlert}
	var err error
	if it.Kind == store.KindNotice {
		var n Notice
		err = json.Unmarshal(it.Payload, &n)
		d.Kind, d.Title, d.Text = KindNotice, n.Title, n.Text
	} else {
		err = json.Unmarshal(it.Payload, &d.Alert)
	}
	if err != nil {
		return false, w.store.MarkRefused(ctx, "stored message is unreadable: "+err.Error(), w.now(), it.ID)
	}
	return w.send(ctx, d, it.Watch, []store.OutboxItem{it})
}

// deliverFolded posts items as one digest message (flood control).
func (w *Watcher) deliverFolded(ctx context.Context, channel string, items []store.OutboxItem) (int, error) {
	d := Delivery{ID: items[0].ID, Channel: channel, Attempt: items[0].Attempts + 1, Kind: KindDigest}
	var alerts []store.OutboxItem
	for _, it := range items {
		if it.Kind == store.KindNotice {
			continue // notices are not folded: they wait for room
		}
		var a Alert
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
	d.Title = fmt.Sprintf("%d more alerts (this channel's hourly limit is reached)", len(alerts))
	d.Nonce = foldNonce(alerts)
	ok, err := w.send(ctx, d, "", alerts)
	if ok {
		return len(alerts), err
	}
	return 0, err
}

// foldNonce is a stable nonce for a folded message: the same rows folded
// again after a lost response give the same nonce.
func foldNonce(items []store.OutboxItem) string {
	return fmt.Sprintf("f%d-%d-%d", items[0].ID, items[len(items)-1].ID, len(items))
}

// send calls the Notifier and records the outcome for rows: delivered
// together, retried with backoff, or refused (and announced to the ops
// channel). It reports whether the message was delivered.
func (w *Watcher) send(ctx context.Context, d Delivery, watch string, rows []store.OutboxItem) (bool, error) {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	err := w.notifierNow().Deliver(ctx, d)
	switch {
	case err == nil:
		w.metrics.Deliveries.WithLabelValues(d.Kind, "delivered").Inc()
		w.log.Info("delivered", "kind", d.Kind, "watch", watch, "channel", d.Channel, "delivery", d.ID, "alerts", len(rows))
		return true, w.store.MarkDelivered(ctx, w.now(), d.Channel, ids...)
	case ctx.Err() != nil:
		return false, nil // shutting down: the delivery stays due
	case IsPermanent(err):
		w.metrics.Deliveries.WithLabelValues(d.Kind, "refused").Inc()
		w.log.Error("delivery refused", "kind", d.Kind, "watch", watch, "channel", d.Channel, "delivery", d.ID, "error", err)
		if err := w.store.MarkRefused(ctx, err.Error(), w.now(), ids...); err != nil {
			return false, err
		}
		if d.Kind != KindNotice && d.Channel != w.conf().OpsChannel {
			w.notify(ctx, "Delivery refused", fmt.Sprintf("A %s for watch %q to channel %q was refused and will not be retried: %v",
				d.Kind, watch, d.Channel, err))
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
				return false, err
			}
		}
		return false, nil
	}
}

// notify queues an operations notice for the ops channel; without one it is
// only logged (by the caller).
func (w *Watcher) notify(ctx context.Context, title, text string) {
	if w.conf().OpsChannel == "" {
		return
	}
	payload, _ := json.Marshal(Notice{Title: title, Text: text})
	if err := w.store.QueueNotice(context.WithoutCancel(ctx), w.conf().OpsChannel, payload, w.now()); err != nil {
		w.log.Error("queueing ops notice", "error", err)
	}
}

// DeliverDigests posts the held alerts of the given digest watches: one
// message per channel, grouped by watch. A failed digest is retried at the
// next run of the schedule; a refused one is recorded.
func (w *Watcher) DeliverDigests(ctx context.Context, watches []string) (int, error) {
	w.deliverMu.Lock()
	defer w.deliverMu.Unlock()
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
		items := byChannel[ch]
		d := Delivery{ID: items[0].ID, Channel: ch, Nonce: foldNonce(items), Attempt: 1, Kind: KindDigest,
			Title: "Digest: " + strings.Join(watches, ", ")}
		var rows []store.OutboxItem
		for _, it := range items {
			var a Alert
			if err := json.Unmarshal(it.Payload, &a); err != nil {
				continue
			}
			d.Digest = append(d.Digest, a)
			rows = append(rows, it)
		}
		if len(rows) == 0 {
			continue
		}
		ok, err := w.send(ctx, d, strings.Join(watches, ","), rows)
		if err != nil {
			return delivered, err
		}
		if ok {
			delivered += len(rows)
		}
	}
	return delivered, nil
}

// retryDelay is the wait after the n-th failed attempt: 10 s doubling to an hour.
func retryDelay(n int) time.Duration {
	d := retryBase
	for i := 1; i < n && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}
