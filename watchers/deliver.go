package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newshound/newshound/internal/store"
)

// Delivery retry bounds.
const (
	retryBase = 10 * time.Second
	retryMax  = time.Hour
)

// DeliverDue drains the outbox once: every due delivery is attempted, in
// order. Standard-output alerts are written as JSON lines; chat alerts go to
// the Notifier. It returns how many were delivered.
func (w *Watcher) DeliverDue(ctx context.Context) (int, error) {
	w.deliverMu.Lock()
	defer w.deliverMu.Unlock()
	delivered := 0
	blocked := map[string]bool{} // channels that asked us to wait: skip the rest of their queue this round
	for {
		due, err := w.store.DueDeliveries(ctx, w.now(), 200)
		if err != nil {
			return delivered, err
		}
		progress := false
		printed, err := w.printAlerts(ctx, due)
		delivered += printed
		if err != nil {
			return delivered, err
		}
		progress = printed > 0
		for _, it := range due {
			if it.Channel == "" {
				continue
			}
			if ctx.Err() != nil {
				return delivered, ctx.Err()
			}
			if blocked[it.Channel] {
				continue
			}
			ok, err := w.deliverOne(ctx, it)
			if err != nil {
				return delivered, err
			}
			if ok {
				delivered++
				progress = true
			} else {
				blocked[it.Channel] = true
			}
		}
		if !progress || len(due) < 200 {
			return delivered, nil
		}
	}
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
		return 0, fmt.Errorf("write alerts to standard output: %w", err)
	}
	return len(ids), w.store.MarkDelivered(ctx, w.now(), ids...)
}

// deliverOne attempts one delivery and records the outcome. It reports
// whether the alert was delivered; the error is the store's.
func (w *Watcher) deliverOne(ctx context.Context, it store.OutboxItem) (bool, error) {
	now := w.now()
	if w.notifier == nil {
		// Kept in the outbox: it is delivered once chat delivery is configured.
		return false, nil
	}
	var alert Alert
	if err := json.Unmarshal(it.Payload, &alert); err != nil {
		return false, w.store.MarkRefused(ctx, it.ID, "stored alert is unreadable: "+err.Error(), now)
	}
	err := w.notifier.Deliver(ctx, Delivery{ID: it.ID, Channel: it.Channel, Nonce: it.Nonce, Attempt: it.Attempts + 1, Alert: alert})
	switch {
	case err == nil:
		w.log.Info("alert delivered", "watch", it.Watch, "channel", it.Channel, "delivery", it.ID)
		return true, w.store.MarkDelivered(ctx, w.now(), it.ID)
	case ctx.Err() != nil:
		return false, nil // shutting down: the delivery stays due
	case IsPermanent(err):
		w.log.Error("alert refused", "watch", it.Watch, "channel", it.Channel, "delivery", it.ID, "error", err)
		return false, w.store.MarkRefused(ctx, it.ID, err.Error(), w.now())
	default:
		wait := retryDelay(it.Attempts + 1)
		var ra interface{ RetryAfter() time.Duration }
		if errors.As(err, &ra) && ra.RetryAfter() > wait {
			wait = ra.RetryAfter()
		}
		w.log.Warn("alert delivery failed, will retry", "watch", it.Watch, "channel", it.Channel, "delivery", it.ID,
			"attempt", it.Attempts+1, "retry_in", wait.Round(time.Second), "error", err)
		return false, w.store.MarkRetry(ctx, it.ID, err.Error(), w.now().Add(wait))
	}
}

// retryDelay is the wait after the n-th failed attempt: 10 s doubling to an hour.
func retryDelay(n int) time.Duration {
	d := retryBase
	for i := 1; i < n && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}
