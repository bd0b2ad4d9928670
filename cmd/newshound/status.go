package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/newshound/newshound/config"

	"github.com/newshound/newshound/internal/store"
)

func cmdStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "status", "--config FILE", `
Print newshound's state at a glance, from the store: each feed's last success,
consecutive failures, next poll and last error (or a flag when its polls
succeed but it has given no item since the first); the outbox; each watch's
matches and last alert. Under the outbox, what waits for each channel, with
its oldest delivery's last error, and channels the configuration no longer
names. It reads only; it works while the daemon runs.`)
	path := configFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	st, err := openStoreReadOnly(ctx, cfg.Storage)
	if err != nil {
		return err
	}
	defer st.Close()
	// One write at the end, not one a table cell: a line a feed and watch.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush() // what was printed before an error
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	states := make(map[string]*store.FeedState, len(feeds))
	for i := range feeds {
		states[feeds[i].Name] = &feeds[i]
	}
	now := time.Now()
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "FEED\tLAST SUCCESS\tFAILURES\tNEXT POLL\tLAST ERROR\n")
	var long []string // last errors cut short in the table, printed whole below it
	for _, f := range cfg.Feeds {
		var s store.FeedState // never polled: the zero state
		if p := states[f.Name]; p != nil {
			s = *p
		}
		next := "on schedule"
		if s.NextPoll.After(now) {
			next = "backoff until " + ago(s.NextPoll, now)
		}
		lastErr := "—"
		switch {
		case s.Failures > 0:
			lastErr = truncateRunes(s.LastError, 80)
			if lastErr != s.LastError {
				long = append(long, f.Name+": "+s.LastError)
			}
		case !s.LastSuccess.IsZero() && s.ItemsSeen == 0:
			lastErr = noItems // polls succeed, yet nothing ever came of them
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", f.Name, ago(s.LastSuccess, now), s.Failures, next, lastErr)
	}
	tw.Flush()
	if len(long) > 0 {
		fmt.Fprintf(out, "\nLast errors in full:\n")
		for _, l := range long {
			fmt.Fprintf(out, "  %s\n", l)
		}
	}
	ob, err := st.Outbox(ctx)
	if err != nil {
		return err
	}
	alerts, held, err := st.AlertStats(ctx)
	if err != nil {
		return err
	}
	// Alerts held for a digest wait for its schedule, not for delivery.
	fmt.Fprintf(out, "\nOutbox: %d waiting", ob.Pending-held)
	if !ob.Oldest.IsZero() && ob.Pending > held {
		fmt.Fprintf(out, " (oldest %s)", ago(ob.Oldest, now))
	}
	if held > 0 {
		fmt.Fprintf(out, ", %d held for digests", held)
	}
	fmt.Fprintf(out, ", %d delivered, %d refused\n", ob.Delivered, ob.Refused)
	if err := printWaiting(ctx, out, st, cfg, now); err != nil {
		return err
	}
	fmt.Fprintln(out)
	stats, err := st.WatchStats(ctx)
	if err != nil {
		return err
	}
	tw = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	// LAST ALERT is the last one delivered, not the last match: a match whose
	// alert is held, waiting or refused has not alerted anyone.
	fmt.Fprintf(tw, "WATCH\tMATCHES\tLAST ALERT\n")
	printWatch := func(name, key string) {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", name, stats[key].Matches, ago(alerts[key].LastDelivered, now))
	}
	for _, w := range cfg.Watches {
		printWatch(w.Name, w.Name)
	}
	chat, err := st.ChatWatches(ctx)
	if err != nil {
		return err
	}
	for _, w := range chat {
		printWatch(w.Name+" (chat)", w.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return out.Flush()
}

// printWaiting lists what waits for each channel, with the oldest
// delivery's last error: the outbox's total does not say which destination
// is stuck, or that alerts wait for a channel the configuration no longer
// names (they go out if a reload brings it back, and never otherwise).
func printWaiting(ctx context.Context, out io.Writer, st *store.Store, cfg *config.Config, now time.Time) error {
	waiting, err := st.WaitingByChannel(ctx)
	if err != nil || len(waiting) == 0 {
		return err
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  CHANNEL\tWAITING\tOLDEST\tLAST ERROR\n")
	for _, c := range waiting {
		name, lastErr := c.Channel, c.LastError
		switch _, ok := cfg.Channels[name]; {
		case name == "":
			name = "(standard output)"
		case !ok:
			lastErr = "not configured: waits for a configuration that names this channel again"
		}
		if lastErr == "" {
			lastErr = "-"
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", name, c.Waiting, ago(c.Oldest, now), cutLine(lastErr, 120))
	}
	return tw.Flush()
}

// cutLine is s on one line (oneLine), cut to max runes.
func cutLine(s string, max int) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// noItems flags a feed whose polls succeed but whose documents have not
// returned one item since its first poll (items another feed recorded
// first count: a site's RSS and Atom feeds share them): an address that
// answers with an empty or wrong document looks healthy otherwise.
const noItems = "0 items since the first poll: check the URL is the feed itself"

// ago renders t for humans: "never", or the time and how long ago it was.
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	rel := "in " + (-d).Round(time.Second).String()
	if d >= 0 {
		rel = d.Round(time.Second).String() + " ago"
	}
	return t.Local().Format("2006-01-02 15:04") + " (" + rel + ")"
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
