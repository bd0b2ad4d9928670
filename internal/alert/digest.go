package alert

import (
	"fmt"
	"strings"
)

// DigestLine is one line of a digest: a story's first alert in it (or an
// alert of no story), with the count of the story's further alerts of the
// same watch in the digest and, of those, the outlets other than the
// line's own.
type DigestLine struct {
	Alert    Alert
	Articles int // further alerts of the story
	Outlets  int // their distinct feeds, the line's own left out
}

// DigestLines groups a digest's alerts by watch and story, in order of
// first appearance: one line per story, as a story alerts a channel once.
func DigestLines(alerts []Alert) []DigestLine {
	type key struct {
		watch string
		story int64
	}
	var lines []DigestLine
	at := map[key]int{}
	feeds := map[int]map[string]bool{}
	for _, a := range alerts {
		k := key{a.Watch, a.Story}
		i, ok := at[k]
		if !ok || a.Story == 0 {
			at[k] = len(lines)
			lines = append(lines, DigestLine{Alert: a})
			continue
		}
		lines[i].Articles++
		if feeds[i] == nil {
			feeds[i] = map[string]bool{feedKey(lines[i].Alert.Feed): true}
		}
		if f := feedKey(a.Feed); !feeds[i][f] {
			feeds[i][f] = true
			lines[i].Outlets++
		}
	}
	return lines
}

// More is what a line adds after its alert: "+3 outlets", or "+1 article"
// when the further alerts are all of the line's own outlet; "" when none.
func (l DigestLine) More() string {
	switch {
	case l.Outlets > 0:
		return fmt.Sprintf("+%d %s", l.Outlets, noun(l.Outlets, "outlet"))
	case l.Articles > 0:
		return fmt.Sprintf("+%d %s", l.Articles, noun(l.Articles, "article"))
	}
	return ""
}

func noun(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

func feedKey(feed string) string { return strings.ToLower(strings.TrimSpace(feed)) }
