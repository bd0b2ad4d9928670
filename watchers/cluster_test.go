package watchers

import (
	"testing"
	"time"
)

func TestSharedSlots(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for _, spec := range []string{"@every 3s", "@every 5m", "*/15 * * * *", "0 9,17 * * *"} {
		t.Run(spec, func(t *testing.T) {
			// Every instance gives a feed the same slots, whenever it asks.
			a, err := SharedSlot(spec, "Reuters World", now)
			if err != nil {
				t.Fatal(err)
			}
			if a.After(now) || a.IsZero() {
				t.Fatalf("slot %s of a poll at %s", a, now)
			}
			later := a.Add(time.Millisecond)
			b, _ := SharedSlot(spec, "Reuters World", later)
			if !a.Equal(b) {
				t.Errorf("a poll at its slot's start and one just after are in different slots: %s, %s", a, b)
			}
			// The next slot begins at the next activation.
			s, _ := parseShared(spec, "Reuters World", now)
			next := s.Next(a)
			if c, _ := SharedSlot(spec, "Reuters World", next.Add(-time.Millisecond)); !c.Equal(a) {
				t.Errorf("just before the next activation: slot %s, want %s", c, a)
			}
			if c, _ := SharedSlot(spec, "Reuters World", next); !c.Equal(next) {
				t.Errorf("at the next activation: slot %s, want %s", c, next)
			}
			// Feeds are spread: not every feed on the same second.
			offsets := map[time.Time]bool{}
			for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
				s, _ := SharedSlot(spec, name, now)
				offsets[s] = true
			}
			if len(offsets) < 3 {
				t.Errorf("8 feeds fall in %d distinct slots", len(offsets))
			}
		})
	}
}
