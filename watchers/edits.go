package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/match"
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
		if e.Op == store.OpCorrect {
			var a alert.Alert
			if err := json.Unmarshal(e.Payload, &a); err != nil {
				w.log.Error("stored correction is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
				continue
			}
			d.Alert = a
		}
	}
	// Outlets' titles are compared with the alert's first title: which of
	// them are listed by title does not change when the alert is corrected.
	var first alert.Alert
	_ = json.Unmarshal(tg.Row.Payload, &first) // read above
	d.Also, _ = storyAlso(first, tg.Edits, func(e store.OutboxItem, err error) {
		w.log.Error("stored outlet is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
	})
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

// editShowsNothingNew reports whether the pending edits of tg change
// nothing the message shows: no correction, and only outlets it names
// already with nothing new in their titles (storyAlso).
func editShowsNothingNew(tg store.EditTarget) bool {
	var a alert.Alert
	if err := json.Unmarshal(tg.Row.Payload, &a); err != nil {
		return false
	}
	for _, e := range tg.Edits {
		if e.DeliveredAt.IsZero() && e.Op != store.OpEdit {
			return false // a correction changes the message
		}
	}
	_, fresh := storyAlso(a, tg.Edits, nil)
	return !fresh
}

// storyAlso is the outlets an edit of a story's message lists under its
// alert a, from the message's OpEdit rows in order (a bad payload is
// passed to bad and left out), and whether one not yet delivered shows
// something the message did not. Chat renderers name each outlet once, by
// feed; a later article of an outlet named already (the alert's own, or
// one listed) is listed by its title (Outlet.ByTitle) when that title's
// words are mostly new to that outlet's titles shown — another event the
// story joined, or a new development — and otherwise, as a republished or
// updated copy, is a repeat that shows nothing.
func storyAlso(a alert.Alert, edits []store.OutboxItem, bad func(store.OutboxItem, error)) (also []alert.Outlet, fresh bool) {
	key := func(feed string) string { return strings.ToLower(strings.TrimSpace(feed)) }
	titles := map[string][]string{key(a.Feed): {a.Title}} // the titles shown, by outlet
	for _, e := range edits {
		if e.Op != store.OpEdit {
			continue
		}
		var o alert.Outlet
		if err := json.Unmarshal(e.Payload, &o); err != nil {
			if bad != nil {
				bad(e, err)
			}
			continue
		}
		k := key(o.Feed)
		shown, named := titles[k]
		switch {
		case !named:
			titles[k] = []string{o.Title}
		case newTitle(o.Title, shown):
			o.ByTitle = true
			titles[k] = append(shown, o.Title)
		default:
			also = append(also, o) // a repeat: renderers leave it out
			continue
		}
		also = append(also, o)
		if e.DeliveredAt.IsZero() {
			fresh = true
		}
	}
	return also, fresh
}

// newTitle reports whether title tells of something the titles did not:
// at least two of its content words (folded) are in none of them, and they
// are at least half its content words. An agency's "(updated)" copy or
// "…, dates set" adds one; another event shares little more than a name.
func newTitle(title string, titles []string) bool {
	seen := map[string]bool{}
	for _, t := range titles {
		for _, wd := range contentWords(match.Fold(t)) {
			seen[wd] = true
		}
	}
	total, fresh := 0, 0
	for _, wd := range contentWords(match.Fold(title)) {
		if !isContentWord(wd) {
			continue
		}
		total++
		if !seen[wd] {
			fresh++
		}
	}
	return fresh >= 2 && 2*fresh >= total
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
