package watchers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A made-up event reported as one wire copy by several outlets.
const wireCopy = `Moscow said on Monday that President Vladimir Putin would travel to the port city of Valmora next
week for talks on a grain corridor across the Sella estuary, the first such visit in eleven years. The
Kremlin spokesman told reporters the two sides would sign an agreement on shipping tariffs and on the
inspection of cargo, and that a separate meeting on energy prices was planned for the second day. Officials
in Valmora confirmed the dates but declined to say whether the opposition would be invited to the dinner.`

func TestStoriesAcrossFeedsAndRestart(t *testing.T) {
	fs := newFeedServer(t)
	h := newHarness(t, fmt.Sprintf(`
max_age: 48h
articles: { fetch: false }
feeds:
  - { name: World, url: "%[1]s/world.rss" }
  - { name: Politics, url: "%[1]s/politics.rss" }
  - { name: Wire, url: "%[1]s/wire.rss" }
watches:
  - name: russia-watch
    keywords: ["Putin"]
`, fs.URL))
	fs.set("/world.rss", rss())
	fs.set("/politics.rss", rss())
	fs.set("/wire.rss", rss())
	h.poll()

	now := time.Now()
	fs.set("/world.rss", rss(
		item{"Putin to visit Valmora for grain talks", "https://world.example/putin-valmora", wireCopy, now.Add(-2 * time.Hour)},
		item{"Putin opens new rail bridge over the Volga", "https://world.example/bridge",
			"Vladimir Putin opened a rail bridge across the Volga on Monday, saying freight trains would cross it from spring.", now.Add(-time.Hour)},
	))
	fs.set("/politics.rss", rss(
		item{"Kremlin confirms trip", "https://politics.example/kremlin-trip",
			"MOSCOW (Agency) - " + strings.Replace(wireCopy, "next\nweek", "on Tuesday next week", 1), now.Add(-90 * time.Minute)},
	))
	_, alerts := h.poll()
	if len(alerts) != 3 {
		t.Fatalf("%d alerts, want 3: %+v", len(alerts), alerts)
	}
	byURL := map[string]int64{}
	for _, a := range alerts {
		if a.Story <= 0 {
			t.Errorf("alert %q has no story", a.Title)
		}
		byURL[a.URL] = a.Story
	}
	wire := byURL["https://world.example/putin-valmora"]
	if byURL["https://politics.example/kremlin-trip"] != wire {
		t.Errorf("the two copies of the wire story are in stories %d and %d", wire, byURL["https://politics.example/kremlin-trip"])
	}
	if byURL["https://world.example/bridge"] == wire {
		t.Errorf("an unrelated article joined the wire story %d", wire)
	}
	if got, err := h.store.ArticleStory(context.Background(), "https://politics.example/kremlin-trip"); err != nil || got != wire {
		t.Errorf("stored story of the copy: %d, %v; want %d", got, err, wire)
	}

	// After a restart the story is still open: a third copy joins it, and a
	// new event gets an id no earlier story had.
	h.restart()
	fs.set("/wire.rss", rss(
		item{"Valmora visit set", "https://wire.example/valmora", wireCopy, now.Add(-30 * time.Minute)},
		item{"Putin names new envoy to Ostrava", "https://wire.example/envoy", "Putin named a career diplomat as envoy to Ostrava on Monday.", now.Add(-20 * time.Minute)},
	))
	_, alerts = h.poll()
	if len(alerts) != 2 {
		t.Fatalf("after the restart: %d alerts, want 2: %+v", len(alerts), alerts)
	}
	for _, a := range alerts {
		switch a.URL {
		case "https://wire.example/valmora":
			if a.Story != wire {
				t.Errorf("after a restart the third copy is in story %d, want %d", a.Story, wire)
			}
		case "https://wire.example/envoy":
			for _, old := range byURL {
				if a.Story == old || a.Story <= 0 {
					t.Errorf("the new event got story %d, already used or invalid", a.Story)
				}
			}
		}
	}
}
