package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/store"
)

// EditInterval is the least time between two edits of one message: a
// story's alert gains its outlets at most once a minute; what arrives
// meanwhile joins the pending edit.
const EditInterval = time.Minute

// deliverEditsIn delivers the due edits of one chat channel.
func (w *Watcher) deliverEditsIn(ctx context.Context, channel string) (int, error) {
	if w.notifierNow() == nil || (w.cluster != nil && !w.cluster.holdsChannel(channel)) {
		return 0, nil // (several instances: the channel's holder edits)
	}
	due, err := w.store.DueEditsIn(ctx, channel, w.now(), 500)
	if err != nil {
		return 0, w.storeFailed(err)
	}
	return w.deliverEdits(ctx, channel, due)
}

// deliverEdits delivers the due edits of one channel: per message, every
// edit pending for it in one (coalesced), stating the message's whole
// content — the alert as last corrected and every outlet of its story so
// far — so that an edit made twice (a retry, a restart) changes nothing
// more. Edits never hold the channel's posts back, and a failed edit only
// waits itself.
func (w *Watcher) deliverEdits(ctx context.Context, channel string, due []store.OutboxItem) (int, error) {
	var order []int64
	seen := map[int64]bool{}
	for _, it := range due {
		if !seen[it.TargetID] {
			seen[it.TargetID] = true
			order = append(order, it.TargetID)
		}
	}
	done := 0
	for _, target := range order {
		if ctx.Err() != nil {
			return done, nil
		}
		n, err := w.deliverEdit(ctx, channel, target)
		done += n
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// deliverEdit makes the pending edits of one message; it returns how many
// edit rows it delivered. The error is the store's.
func (w *Watcher) deliverEdit(ctx context.Context, channel string, targetID int64) (int, error) {
	notifier := w.notifierNow()
	if notifier == nil {
		return 0, nil
	}
	tg, err := w.store.EditTarget(ctx, targetID)
	if err != nil {
		return 0, w.storeFailed(err)
	}
	var pending []int64
	attempt := 1
	for _, e := range tg.Edits {
		if e.DeliveredAt.IsZero() {
			pending = append(pending, e.ID)
			attempt = max(attempt, e.Attempts+1)
		}
	}
	if len(pending) == 0 {
		return 0, nil
	}
	now := w.now()
	drop := ""
	switch {
	case tg.Row.Refused:
		drop = "the story's alert was refused: there is no message to edit"
	case tg.Row.MessageID == "":
		drop = "the story's alert was delivered without a message ID: it cannot be edited"
	case tg.Shared > 1:
		drop = "the story's alert went out in a digest (the channel's hourly limit): a digest is not edited"
	}
	if drop != "" {
		w.log.Info("edit dropped", "channel", channel, "delivery", pending[0], "edits", len(pending), "reason", drop)
		if err := w.store.MarkRefused(ctx, drop, now, pending...); err != nil {
			return 0, w.storeFailed(err)
		}
		return 0, nil
	}
	if editShowsNothingNew(tg) {
		// Outlets the message names already (its own, or listed): the edit
		// would show the same, and use the message's edit of the minute.
		// Recorded as made when the message last changed: the next edit's
		// minute still counts from that change.
		at := tg.LastEdit
		if at.IsZero() {
			at = tg.Row.DeliveredAt
		}
		w.log.Info("edit skipped: its outlets are listed already", "channel", channel, "delivery", pending[0], "edits", len(pending))
		if err := w.store.MarkEdited(ctx, at, pending...); err != nil {
			return 0, w.storeFailed(err)
		}
		return 0, nil
	}
	if next := tg.LastEdit.Add(EditInterval); !tg.LastEdit.IsZero() && now.Before(next) {
		// Edited less than a minute ago: these wait, together, for the next.
		if err := w.store.Defer(ctx, next, pending...); err != nil {
			return 0, w.storeFailed(err)
		}
		return 0, nil
	}
	d := alert.Delivery{ID: pending[0], Channel: channel, Nonce: tg.Row.Nonce, Attempt: attempt, Kind: alert.KindEdit,
		Target: tg.Row.MessageID, Thread: tg.Row.ThreadID}
	if err := json.Unmarshal(tg.Row.Payload, &d.Alert); err != nil {
		return 0, w.refuseEdits(ctx, pending, "the story's alert is unreadable: "+err.Error())
	}
	for _, e := range tg.Edits {
		switch e.Op {
		case store.OpCorrect:
			var a alert.Alert
			if err := json.Unmarshal(e.Payload, &a); err != nil {
				w.log.Error("stored correction is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
				continue
			}
			d.Alert = a
		case store.OpEdit:
			var o alert.Outlet
			if err := json.Unmarshal(e.Payload, &o); err != nil {
				w.log.Error("stored outlet is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
				continue
			}
			d.Also = append(d.Also, o)
		}
	}
	_, err = notifier.Deliver(ctx, d)
	var auth *alert.AuthError
	switch {
	case err == nil:
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "delivered").Add(float64(len(pending)))
		w.log.Info("edited", "watch", tg.Row.Watch, "channel", channel, "delivery", d.ID, "message", d.Target,
			"edits", len(pending), "outlets", len(d.Also))
		if err := w.store.MarkEdited(context.WithoutCancel(ctx), w.now(), pending...); err != nil {
			return 0, w.storeFailed(err) // made again later: the same content, harmless
		}
		return len(pending), nil
	case ctx.Err() != nil:
		return 0, nil
	case errors.As(err, &auth):
		w.pause(ctx, channel, auth)
		return 0, nil
	case alert.IsPermanent(err):
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "refused").Add(float64(len(pending)))
		w.log.Error("edit refused", "watch", tg.Row.Watch, "channel", channel, "delivery", d.ID, "message", d.Target, "error", err)
		return 0, w.refuseEdits(ctx, pending, err.Error())
	default:
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "retry").Add(float64(len(pending)))
		wait := retryDelay(attempt)
		var ra interface{ RetryAfter() time.Duration }
		if errors.As(err, &ra) && ra.RetryAfter() > wait {
			wait = ra.RetryAfter()
		}
		w.log.Warn("edit failed, will retry", "watch", tg.Row.Watch, "channel", channel, "delivery", d.ID,
			"attempt", attempt, "retry_in", wait.Round(time.Second), "error", err)
		next := w.now().Add(wait)
		for _, id := range pending {
			if err := w.store.MarkRetry(ctx, id, err.Error(), next); err != nil {
				return 0, w.storeFailed(err)
			}
		}
		return 0, nil
	}
}

// editShowsNothingNew reports whether the pending edits of tg are only
// outlets whose feed the message shows already: the alert's own, or one an
// edit made before listed (chat renderers name each outlet once, by feed).
func editShowsNothingNew(tg store.EditTarget) bool {
	var a alert.Alert
	if err := json.Unmarshal(tg.Row.Payload, &a); err != nil {
		return false
	}
	key := func(feed string) string { return strings.ToLower(strings.TrimSpace(feed)) }
	listed := map[string]bool{key(a.Feed): true}
	for _, e := range tg.Edits {
		if e.Op == store.OpEdit && !e.DeliveredAt.IsZero() {
			var o alert.Outlet
			if json.Unmarshal(e.Payload, &o) == nil {
				listed[key(o.Feed)] = true
			}
		}
	}
	for _, e := range tg.Edits {
		if !e.DeliveredAt.IsZero() {
			continue
		}
		if e.Op != store.OpEdit {
			return false // a correction changes the message
		}
		var o alert.Outlet
		if json.Unmarshal(e.Payload, &o) != nil || !listed[key(o.Feed)] {
			return false
		}
	}
	return true
}

func (w *Watcher) refuseEdits(ctx context.Context, ids []int64, why string) error {
	if err := w.store.MarkRefused(ctx, why, w.now(), ids...); err != nil {
		return w.storeFailed(err)
	}
	return nil
}

// followUpDelivery fills d, a follow-up of row it, with its target message:
// its ID and thread, and whether it goes into a thread (the watch's or the
// channel's thread setting). A target refused, or gone out in a digest,
// leaves the follow-up to be posted alone.
func (w *Watcher) followUpDelivery(ctx context.Context, it store.OutboxItem, d *alert.Delivery) error {
	d.Kind = alert.KindFollowUp
	if it.TargetID == 0 {
		return nil
	}
	tg, err := w.store.EditTarget(ctx, it.TargetID)
	if err != nil {
		return w.storeFailed(err)
	}
	if tg.Row.Refused || tg.Row.MessageID == "" || tg.Shared > 1 {
		return nil
	}
	d.Target, d.Thread = tg.Row.MessageID, tg.Row.ThreadID
	cfg := w.conf()
	d.InThread = cfg.Channels[it.Channel].Thread
	for _, wc := range cfg.Watches {
		if wc.Name == it.Watch && wc.Thread {
			d.InThread = true
		}
	}
	return nil
}

// recordThread records the thread a delivered message started or went
// into: a forum post's on its own row, a follow-up's on its target's (so
// that the story's later follow-ups go into the same thread).
func (w *Watcher) recordThread(ctx context.Context, d alert.Delivery, rows []store.OutboxItem, thread string) error {
	if thread == "" || len(rows) != 1 {
		return nil
	}
	row := rows[0].ID
	if d.Kind == alert.KindFollowUp {
		if rows[0].TargetID == 0 || d.Thread == thread {
			return nil
		}
		row = rows[0].TargetID
	}
	if err := w.store.SetThread(context.WithoutCancel(ctx), row, thread); err != nil {
		return w.storeFailed(fmt.Errorf("record thread: %w", err))
	}
	return nil
}
