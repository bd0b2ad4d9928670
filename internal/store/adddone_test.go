package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestRecordPollIDs: the IDs RecordPoll returns for processed articles are
// those of their rows — in full statements of 16, 4 and 1 rows, and in
// statements that skip rows (an identity stored already, one repeated in the
// record), where SQLite's IDs are read back rather than counted.
func TestRecordPollIDs(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s, _ := e.open(t)
		now := time.Unix(1_700_000_000, 0)
		done := func(ids ...string) []Completion {
			var cs []Completion
			for _, id := range ids {
				cs = append(cs, Completion{Article: Article{Identity: id, URL: id, Feed: "F", Title: "title of " + id, SeenAt: now, FeedText: "text", Status: StatusDone}})
			}
			return cs
		}
		var first []string
		for i := range 21 { // 16 + 4 + 1
			first = append(first, fmt.Sprintf("https://e.org/a%d", i))
		}
		// Stored already: a1 (by the first record), b3 (added before).
		if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/b3", Feed: "G", SeenAt: now, Status: StatusRecorded}}); err != nil {
			t.Fatal(err)
		}
		second := []string{"https://e.org/b0", "https://e.org/a1", "https://e.org/b2", "https://e.org/b3",
			"https://e.org/b4", "https://e.org/b4", "https://e.org/b6", "https://e.org/b7",
			"https://e.org/b8", "https://e.org/b9", "https://e.org/b10", "https://e.org/b11",
			"https://e.org/b12", "https://e.org/b13", "https://e.org/b14", "https://e.org/b15",
			"https://e.org/a2"} // 16 with three skipped, then 1 skipped
		for round, ids := range [][]string{first, second} {
			out, err := s.RecordPoll(ctx, PollRecord{Feed: FeedState{Name: "F", URL: "https://e.org/f", LastPoll: now}, Done: done(ids...)}, now)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int][]string{0: first, 1: {"https://e.org/b0", "https://e.org/b2", "https://e.org/b4", "https://e.org/b6", "https://e.org/b7",
				"https://e.org/b8", "https://e.org/b9", "https://e.org/b10", "https://e.org/b11", "https://e.org/b12", "https://e.org/b13",
				"https://e.org/b14", "https://e.org/b15"}}[round]
			if len(out.Done) != len(want) {
				t.Fatalf("round %d: %d articles recorded, want %d", round, len(out.Done), len(want))
			}
			for i, c := range out.Done {
				if c.Article.Identity != want[i] {
					t.Fatalf("round %d: article %d is %s, want %s", round, i, c.Article.Identity, want[i])
				}
				a, err := s.ArticleByID(ctx, c.Article.ID)
				if err != nil {
					t.Fatal(err)
				}
				if a == nil || a.Identity != c.Article.Identity {
					t.Errorf("round %d: %s recorded as ID %d, which is %s", round, c.Article.Identity, c.Article.ID, a.Identity)
				}
			}
		}
	})
}
