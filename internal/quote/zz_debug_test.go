package quote_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/evaluate/quotes"
	"github.com/newshound/newshound/internal/quote"
)

func TestZZArticle(t *testing.T) {
	name := os.Getenv("ART")
	if name == "" {
		t.Skip()
	}
	split := "train"
	if os.Getenv("SPLIT") != "" {
		split = os.Getenv("SPLIT")
	}
	arts, _ := quotes.LoadSplit("/work/shared/data/quotes/polnear", split)
	for _, a := range arts {
		if !strings.HasPrefix(a.Name, name) {
			continue
		}
		for _, q := range quote.Extract(a.Text) {
			fmt.Printf("%q [%s] %.70s\n", q.Speaker, q.Cue, q.Text)
		}
	}
}
