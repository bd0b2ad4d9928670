package watchers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
)

// TestScheduleSpreadsEveryFeeds: four feeds on "@every 8s" are polled at
// start-up, one every 2 s, then each every 8 s — not all together, 8 s after
// start (cron's own "@every" cancels any offset).
func TestScheduleSpreadsEveryFeeds(t *testing.T) {
	var feeds strings.Builder
	for i := range 4 {
		fmt.Fprintf(&feeds, "  - { name: f%d, url: \"https://e.example/%d\" }\n", i, i)
	}
	cfg, err := config.Parse("n.yaml", []byte("schedule: \"@every 8s\"\nfeeds:\n"+feeds.String()), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &Watcher{}
	w.live.Store(&settings{cfg: cfg})
	start := time.Date(2026, 1, 1, 0, 0, 30, 123e6, time.UTC)
	for _, s := range w.schedule(start) {
		i := int(s.feed.Name[1] - '0')
		first := s.schedule.Next(start)
		if want := start.Add(time.Duration(i) * 2 * time.Second); !first.Equal(want) {
			t.Errorf("%s first polled at +%v, want +%v", s.feed.Name, first.Sub(start), want.Sub(start))
		}
		second := s.schedule.Next(first)
		third := s.schedule.Next(second.Add(3 * time.Second)) // a late tick keeps the phase
		if second.Sub(first) != 8*time.Second || third.Sub(second) != 8*time.Second {
			t.Errorf("%s: then at +%v and +%v, want every 8s", s.feed.Name, second.Sub(start), third.Sub(start))
		}
	}
}

// TestRunPollsAtStartAndReportsNextPoll: with "@every 1h", Run polls the
// first feed at once and the others spread over the hour, and NextPoll says
// when — what /feeds shows.
func TestRunPollsAtStartAndReportsNextPoll(t *testing.T) {
	fs := newFeedServer(t)
	var feeds strings.Builder
	for i := range 4 {
		fs.set(fmt.Sprintf("/%d.rss", i), rss())
		fmt.Fprintf(&feeds, "  - { name: f%d, url: \"%s/%d.rss\" }\n", i, fs.URL, i)
	}
	h := newHarness(t, "schedule: \"@every 1h\"\narticles: { fetch: false }\nfeeds:\n"+feeds.String()+"watches:\n  - { name: w, keywords: [Putin] }\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	done := make(chan error)
	go func() { done <- h.w.Run(ctx, 5*time.Second) }()
	waitFor(t, func() bool { st, _ := h.store.Feed(ctx, "f0"); return !st.LastSuccess.IsZero() })
	for i := range 4 {
		name := fmt.Sprintf("f%d", i)
		next := h.w.NextPoll(name, time.Time{})
		want := start.Add(time.Duration(i) * 15 * time.Minute)
		if i == 0 {
			want = want.Add(time.Hour)
		}
		if d := next.Sub(want); d < -5*time.Second || d > 5*time.Second {
			t.Errorf("%s: next poll in %v, want %v", name, next.Sub(start).Round(time.Second), want.Sub(start))
		}
		if i > 0 {
			if st, _ := h.store.Feed(ctx, name); !st.LastSuccess.IsZero() {
				t.Errorf("%s polled at start-up, want it %v later", name, want.Sub(start))
			}
		}
	}
	// In backoff until 20 minutes from now, f0 is next polled at its first
	// run after that.
	if next := h.w.NextPoll("f0", start.Add(20*time.Minute)); next.Sub(start) < 59*time.Minute || next.Sub(start) > 61*time.Minute {
		t.Errorf("f0 after backoff: next poll in %v, want an hour", next.Sub(start))
	}
	if next := h.w.NextPoll("f1", start.Add(20*time.Minute)); next.Sub(start) < 74*time.Minute || next.Sub(start) > 76*time.Minute {
		t.Errorf("f1 after backoff: next poll in %v, want 1h15m", next.Sub(start))
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
