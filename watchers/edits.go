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
	if w.notifierNow() == nil {
		return 0, nil
	}
	tg, err := w.store.EditTarget(ctx, targetID)
	if err != nil {
		return 0, w.storeFailed(err)
	}
	pending, attempt := pendingEdits(tg.Edits)
	if len(pending) == 0 {
		return 0, nil
	}
	drop := ""
	switch {
	case tg.Row.Refused:
		drop = "the story's alert was refused: there is no message to edit"
	case tg.Row.MessageID == "":
		drop = "the story's alert was delivered without a message ID: it cannot be edited"
	case tg.Shared > 1:
		return w.deliverDigestEdit(ctx, channel, tg)
	}
	if drop != "" {
		w.log.Info("edit dropped", "channel", channel, "delivery", pending[0], "edits", len(pending), "reason", drop)
		if err := w.store.MarkRefused(ctx, drop, w.now(), pending...); err != nil {
			return 0, w.storeFailed(err)
		}
		return 0, nil
	}
	if editShowsNothingNew(tg) {
		// Outlets the message names already (its own, or listed): the edit
		// would show the same, and use the message's edit of the minute.
		return w.skipEdits(ctx, channel, tg.LastEdit, tg.Row.DeliveredAt, pending)
	}
	if wait, err := w.editWaits(ctx, tg.LastEdit, pending); wait || err != nil {
		return 0, err
	}
	d := alert.Delivery{ID: pending[0], Channel: channel, Nonce: tg.Row.Nonce, Attempt: attempt, Kind: alert.KindEdit,
		Target: tg.Row.MessageID, Thread: tg.Row.ThreadID}
	if err := json.Unmarshal(tg.Row.Payload, &d.Alert); err != nil {
		return 0, w.refuseEdits(ctx, pending, "the story's alert is unreadable: "+err.Error())
	}
	d.Alert, d.Also = w.editedAlert(channel, d.Alert, tg.Edits)
	return w.sendEdit(ctx, d, tg.Row.Watch, pending, attempt)
}

// pendingEdits are the edits not delivered yet, and the attempt the next
// one is.
func pendingEdits(edits []store.OutboxItem) (pending []int64, attempt int) {
	attempt = 1
	for _, e := range edits {
		if e.DeliveredAt.IsZero() {
			pending = append(pending, e.ID)
			attempt = max(attempt, e.Attempts+1)
		}
	}
	return pending, attempt
}

// skipEdits records pending edits that would show nothing new as made when
// the message last changed (lastEdit, or its post at posted): the next
// edit's minute still counts from that change.
func (w *Watcher) skipEdits(ctx context.Context, channel string, lastEdit, posted time.Time, pending []int64) (int, error) {
	at := lastEdit
	if at.IsZero() {
		at = posted
	}
	w.log.Info("edit skipped: its outlets are listed already", "channel", channel, "delivery", pending[0], "edits", len(pending))
	if err := w.store.MarkEdited(ctx, at, pending...); err != nil {
		return 0, w.storeFailed(err)
	}
	return 0, nil
}

// editWaits defers pending edits of a message edited less than a minute
// ago to the next (together) and reports whether it did. The error is the
// store's.
func (w *Watcher) editWaits(ctx context.Context, lastEdit time.Time, pending []int64) (bool, error) {
	next := lastEdit.Add(EditInterval)
	if lastEdit.IsZero() || !w.now().Before(next) {
		return false, nil
	}
	if err := w.store.Defer(ctx, next, pending...); err != nil {
		return true, w.storeFailed(err)
	}
	return true, nil
}

// editedAlert is the message a story's alert a reads as after its edits:
// the alert as last corrected, and the story's outlets (storyAlso).
func (w *Watcher) editedAlert(channel string, a alert.Alert, edits []store.OutboxItem) (alert.Alert, []alert.Outlet) {
	// Outlets' titles are compared with the alert's first title: which of
	// them are listed by title does not change when the alert is corrected.
	first := a
	for _, e := range edits {
		if e.Op == store.OpCorrect {
			var c alert.Alert
			if err := json.Unmarshal(e.Payload, &c); err != nil {
				w.log.Error("stored correction is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
				continue
			}
			a = c
		}
	}
	also, _ := storyAlso(first, edits, func(e store.OutboxItem, err error) {
		w.log.Error("stored outlet is unreadable; left out", "channel", channel, "delivery", e.ID, "error", err)
	})
	return a, also
}

// deliverDigestEdit makes the pending edits of a story alert that went out
// folded into a digest (the channel's hourly limit): the digest is edited
// whole — its alerts as corrected, each story's later articles among them,
// which the digest counts on the story's line ("+2 outlets") — with the
// reference it was posted with. The minute between edits is the message's.
func (w *Watcher) deliverDigestEdit(ctx context.Context, channel string, tg store.EditTarget) (int, error) {
	rows, err := w.store.MessageRows(ctx, channel, tg.Row.MessageID)
	if err != nil {
		return 0, w.storeFailed(err)
	}
	var posted []store.OutboxItem
	var pending []int64
	var last time.Time
	attempt, corrected := 1, false
	var now, before []alert.Alert // the digest with the pending edits, and without
	for _, r := range rows {
		var a alert.Alert
		if r.Row.Kind == store.KindNotice || json.Unmarshal(r.Row.Payload, &a) != nil {
			continue // not in the digest either
		}
		posted = append(posted, r.Row)
		p, at := pendingEdits(r.Edits)
		pending, attempt = append(pending, p...), max(attempt, at)
		var done []store.OutboxItem
		for _, e := range r.Edits {
			if !e.DeliveredAt.IsZero() {
				done = append(done, e)
			} else if e.Op == store.OpCorrect {
				corrected = true
			}
		}
		now = append(now, w.digestAlerts(channel, a, r.Edits)...)
		before = append(before, w.digestAlerts(channel, a, done)...)
		if r.LastEdit.After(last) {
			last = r.LastEdit
		}
	}
	if len(pending) == 0 {
		return 0, nil
	}
	if !corrected && sameDigestLines(now, before) {
		return w.skipEdits(ctx, channel, last, tg.Row.DeliveredAt, pending)
	}
	if wait, err := w.editWaits(ctx, last, pending); wait || err != nil {
		return 0, err
	}
	d := alert.Delivery{ID: pending[0], Channel: channel, Nonce: foldNonce(posted), Attempt: attempt, Kind: alert.KindEdit,
		Target: tg.Row.MessageID, Thread: tg.Row.ThreadID, Title: foldTitle(len(posted)), Digest: now}
	return w.sendEdit(ctx, d, tg.Row.Watch, pending, attempt)
}

// digestAlerts are a folded story alert a with its edits, as a digest
// lists them: the alert as corrected, then its story's later articles.
func (w *Watcher) digestAlerts(channel string, a alert.Alert, edits []store.OutboxItem) []alert.Alert {
	a, also := w.editedAlert(channel, a, edits)
	out := []alert.Alert{a}
	for _, o := range also {
		out = append(out, alert.Alert{Watch: a.Watch, Story: a.Story, Feed: o.Feed, Title: o.Title, URL: o.URL, Published: o.Published})
	}
	return out
}

// sameDigestLines reports whether two digests show the same lines.
func sameDigestLines(a, b []alert.Alert) bool {
	x, y := alert.DigestLines(a), alert.DigestLines(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].Alert.URL != y[i].Alert.URL || x[i].More() != y[i].More() {
			return false
		}
	}
	return true
}

// sendEdit delivers edit d, which makes the pending edit rows, and records
// the outcome.
func (w *Watcher) sendEdit(ctx context.Context, d alert.Delivery, watch string, pending []int64, attempt int) (int, error) {
	notifier := w.notifierNow()
	if notifier == nil {
		return 0, nil
	}
	_, err := notifier.Deliver(ctx, d)
	var auth *alert.AuthError
	switch {
	case err == nil:
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "delivered").Add(float64(len(pending)))
		w.log.Info("edited", "watch", watch, "channel", d.Channel, "delivery", d.ID, "message", d.Target,
			"edits", len(pending), "outlets", len(d.Also), "digest", len(d.Digest))
		if err := w.store.MarkEdited(context.WithoutCancel(ctx), w.now(), pending...); err != nil {
			return 0, w.storeFailed(err) // made again later: the same content, harmless
		}
		return len(pending), nil
	case ctx.Err() != nil:
		return 0, nil
	case errors.As(err, &auth):
		w.pause(ctx, d.Channel, auth)
		return 0, nil
	case alert.IsPermanent(err):
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "refused").Add(float64(len(pending)))
		w.log.Error("edit refused", "watch", watch, "channel", d.Channel, "delivery", d.ID, "message", d.Target, "error", err)
		return 0, w.refuseEdits(ctx, pending, err.Error())
	default:
		w.metrics.Deliveries.WithLabelValues(alert.KindEdit, "retry").Add(float64(len(pending)))
		wait := retryDelay(attempt)
		var ra interface{ RetryAfter() time.Duration }
		if errors.As(err, &ra) && ra.RetryAfter() > wait {
			wait = ra.RetryAfter()
		}
		w.log.Warn("edit failed, will retry", "watch", watch, "channel", d.Channel, "delivery", d.ID,
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
