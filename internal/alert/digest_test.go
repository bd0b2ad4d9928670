package alert

import "testing"

func TestDigestLinesGroupByStory(t *testing.T) {
	alerts := []Alert{
		{Watch: "w", Story: 1, Feed: "Agency", Title: "a1"},
		{Watch: "w", Story: 2, Feed: "Daily", Title: "b1"},
		{Watch: "w", Story: 1, Feed: "Daily", Title: "a2"},
		{Watch: "w", Story: 1, Feed: "agency ", Title: "a3"}, // the line's own outlet
		{Watch: "w", Story: 1, Feed: "Herald", Title: "a4"},
		{Watch: "v", Story: 1, Feed: "Herald", Title: "a5"}, // another watch: its own line
		{Watch: "w", Feed: "Courier", Title: "c"},           // no story: alone
		{Watch: "w", Feed: "Courier", Title: "d"},
		{Watch: "w", Story: 2, Feed: "Daily", Title: "b2"},
	}
	got := DigestLines(alerts)
	want := []struct {
		title string
		more  string
	}{{"a1", "+2 outlets"}, {"b1", "+1 article"}, {"a5", ""}, {"c", ""}, {"d", ""}}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Alert.Title != w.title || got[i].More() != w.more {
			t.Errorf("line %d: %q %q, want %q %q", i, got[i].Alert.Title, got[i].More(), w.title, w.more)
		}
	}
}
