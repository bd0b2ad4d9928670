package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// /quotes finds a speaker typed without diacritics ("Erdogan" for
// "Recep Tayyip Erdoğan"), as the matcher does, and a Chinese or Japanese
// speaker by the surname (written first, without a space: "岸田" for
// "岸田文雄"); both found nothing.
func TestQuotesByFoldedAndSurname(t *testing.T) { engines(t, testQuotesByFoldedAndSurname) }

func testQuotesByFoldedAndSurname(t *testing.T, e engine) {
	s, _ := e.open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	complete(t, s, Article{Identity: "tr", Feed: "F", Title: "Tr", Published: now}, []Quote{
		{Speaker: "Recep Tayyip Erdoğan", Text: "erdogan"}, {Speaker: "Pere Aragonès", Text: "aragones"},
		{Speaker: "岸田文雄", Text: "kishida"}, {Speaker: "泉健太", Text: "izumi"}, {Speaker: "Élisabeth Borne", Text: "borne"},
	}, now)
	for _, tc := range []struct{ name, want string }{
		{"Erdogan", "erdogan"},
		{"erdoğan", "erdogan"},
		{"Aragones", "aragones"},
		{"elisabeth borne", "borne"},
		{"岸田", "kishida"},
		{"岸田文雄", "kishida"},
		{"泉", "izumi"},
		{"Erdo", ""},
		{"文雄", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			if err := s.QuotesBy(ctx, tc.name, time.Time{}, func(q SpeakerQuote) (bool, error) {
				got = append(got, q.Text)
				return true, nil
			}); err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Fatalf("got %q, want %q", g, tc.want)
			}
		})
	}
}
