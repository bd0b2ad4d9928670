package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"schedule", "feeds", "watches", "url", "name", "newsroom", "desk"}
	for _, tc := range []struct{ in, want string }{
		{"shedule", "schedule"},
		{"Schedul", "schedule"},
		{"watchs", "watches"},
		{"newsrom", "newsroom"},
		{"ur", "url"},   // one edit in a short name
		{"xyz", ""},     // three edits from everything
		{"dsk", "desk"}, // one
		{"nme", "name"},
		{"feedsandmore", ""},
		{"", ""},
	} {
		if got := Closest(tc.in, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("Distance = %d", d)
	}
	if d := Distance("Erdoğan", "Erdogan"); d != 1 {
		t.Errorf("Distance counts bytes, not runes: %d", d)
	}
}
