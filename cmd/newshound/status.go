package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

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
names. It reads only; it works while the daemon runs. Of the configuration
it reads the names and where the store is ('check' validates the rest).`)
	path := configFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadNames(*path)
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
	// The store's states in the configuration's order, without a copy of
	// every column of every feed (status reads what it prints).
	index := make(map[string]int, len(cfg.Feeds))
	for i, f := range cfg.Feeds {
		index[f.Name] = i
	}
	states := make([]store.FeedStatus, len(cfg.Feeds)) // never polled: the zero state
	err = st.EachFeedStatus(ctx, func(f store.FeedStatus) error {
		if i, ok := index[f.Name]; ok {
			states[i] = f
		}
		return nil
	})
	if err != nil {
		return err
	}
	now := time.Now()
	tw := newTable(5, len(cfg.Feeds)+1)
	tw.row("FEED", "LAST SUCCESS", "FAILURES", "NEXT POLL", "LAST ERROR")
	var long []string // last errors cut short in the table, printed whole below it
	for i, f := range cfg.Feeds {
		s := &states[i]
		next := "on schedule"
		if s.NextPoll.After(now) {
			next = "backoff until " + ago(s.NextPoll, now)
		}
		lastErr := "—"
		switch {
		case s.Failures > 0:
			lastErr = cutLine(s.LastError, 80)
			if lastErr != s.LastError {
				long = append(long, f.Name+": "+s.LastError)
			}
		case !s.LastSuccess.IsZero() && s.ItemsSeen == 0:
			lastErr = noItems // polls succeed, yet nothing ever came of them
		}
		tw.row(f.Name, ago(s.LastSuccess, now), strconv.Itoa(s.Failures), next, lastErr)
	}
	tw.writeTo(out)
	if len(long) > 0 {
		fmt.Fprintf(out, "\nLast errors in full:\n")
		for _, l := range long {
			fmt.Fprintf(out, "  %s\n", l)
		}
	}
	ob, alerts, held, err := st.OutboxSummary(ctx)
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
	chat, err := st.ChatWatches(ctx)
	if err != nil {
		return err
	}
	tw = newTable(3, len(cfg.Watches)+len(chat)+1)
	// LAST ALERT is the last one delivered, not the last match: a match whose
	// alert is held, waiting or refused has not alerted anyone.
	tw.row("WATCH", "MATCHES", "LAST ALERT")
	printWatch := func(name, key string) {
		tw.row(name, strconv.Itoa(stats[key].Matches), ago(alerts[key].LastDelivered, now))
	}
	for _, w := range cfg.Watches {
		printWatch(w.Name, w.Name)
	}
	for _, w := range chat {
		printWatch(w.Name+" (chat)", w.Name)
	}
	tw.writeTo(out)
	return out.Flush()
}

// loadNames reads the configuration as status needs it: the names of its
// feeds, watches and channels and where the store is. It is decoded as
// strictly as by loadConfig (an unknown key or an ill-typed value is an
// error), but not validated and its queries not compiled: status shows the
// store's state, and check says what is wrong with a configuration.
func loadNames(path string) (*config.Config, error) {
	cfg, err := config.Load(path, config.Options{Version: version, NamesOnly: true})
	if err != nil {
		return nil, configError(err)
	}
	return cfg, nil
}

// printWaiting lists what waits for each channel, with the oldest
// delivery's last error: the outbox's total does not say which destination
// is stuck, or that alerts wait for a channel the configuration no longer
// names (they go out if a reload brings it back, and never otherwise).
func printWaiting(ctx context.Context, out *bufio.Writer, st *store.Store, cfg *config.Config, now time.Time) error {
	waiting, err := st.WaitingByChannel(ctx)
	if err != nil || len(waiting) == 0 {
		return err
	}
	tw := newTable(4, len(waiting)+1)
	tw.row("  CHANNEL", "WAITING", "OLDEST", "LAST ERROR")
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
		tw.row("  "+name, strconv.Itoa(c.Waiting), ago(c.Oldest, now), cutLine(lastErr, 120))
	}
	tw.writeTo(out)
	return nil
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

// table lays cells out in columns as text/tabwriter does with a minimum
// width of 2, a padding of 2 and blanks (each cell but a line's last is
// padded to its column's widest cell, counted in runes, plus two), from one
// buffer: tabwriter keeps a structure for every cell and grows its buffer
// by copying, 0.4 MB for the lines of 1,000 feeds in a command that has
// 20 MB for everything.
type table struct {
	cols  int
	text  []byte  // the cells' text, one after the other
	ends  []int32 // where each cell ends in text, row by row
	width []int   // each column's widest cell, in runes
}

func newTable(cols, rows int) *table {
	return &table{cols: cols, text: make([]byte, 0, rows*cols*16), ends: make([]int32, 0, rows*cols), width: make([]int, cols)}
}

// row adds a line of t.cols cells.
func (t *table) row(cells ...string) {
	for i, c := range cells {
		t.text = append(t.text, c...)
		t.ends = append(t.ends, int32(len(t.text)))
		if n := utf8.RuneCountInString(c); n > t.width[i] {
			t.width[i] = n
		}
	}
}

// writeTo writes the lines to w.
func (t *table) writeTo(w *bufio.Writer) {
	start := 0
	for i, end := range t.ends {
		cell := t.text[start:end]
		start = int(end)
		w.Write(cell)
		col := i % t.cols
		if col == t.cols-1 {
			w.WriteByte('\n')
			continue
		}
		for pad := t.width[col] + 2 - utf8.RuneCount(cell); pad > 0; pad-- {
			w.WriteByte(' ')
		}
	}
}
