package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// streamArticles makes a day and a half of made-up news as the poll cycle sees it: n articles of
// events that several outlets report, some as wire copies of one text lightly edited, the others in
// their own words with the event's names and numbers, among words common to all news.
func streamArticles(n int) []Article {
	r := rand.New(rand.NewPCG(7, 11))
	common := rand.NewZipf(r, 1.2, 2, 4000)
	syllables := []string{"ka", "lor", "ven", "dra", "mi", "tos", "bel", "quen", "sar", "ud", "rho", "nim", "pal", "ex", "gor"}
	name := func() string {
		var b strings.Builder
		for k := 0; k < 2+r.IntN(2); k++ {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	word := func() string { return fmt.Sprintf("w%dx", common.Uint64()) }
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	type event struct {
		names []string
		num   int
		text  string
	}
	var events []event
	var out []Article
	at := t0
	for len(out) < n {
		if len(events) == 0 || r.IntN(4) == 0 {
			e := event{names: []string{name(), name(), name()}, num: 10 + r.IntN(990)}
			e.text = fmt.Sprintf("%s said on Tuesday that %s %s in %s, %d %s. %s. %s.", e.names[0], words(6), e.names[1], e.names[2], e.num, words(8), words(40), words(40))
			events = append(events, e)
		}
		e := events[len(events)-1-min(len(events)-1, int(common.Uint64()%20))] // recent events most
		at = at.Add(time.Duration(3+r.IntN(10)) * time.Second)
		a := Article{Lang: "en", Time: at, Outlet: fmt.Sprintf("outlet%d.example", r.IntN(300))}
		if r.IntN(3) == 0 { // a wire copy under another headline
			a.Title = fmt.Sprintf("%s %s %s", e.names[1], words(4), e.names[2])
			a.Text = strings.Replace(e.text, "on Tuesday", "on Tuesday evening", 1)
			a.Lead = a.Text[:strings.IndexByte(a.Text, '.')+1]
		} else {
			a.Title = fmt.Sprintf("%s %s %s %d", e.names[r.IntN(3)], words(5), e.names[r.IntN(3)], e.num)
			a.Lead = fmt.Sprintf("%s %s %s, %s.", words(6), e.names[r.IntN(3)], words(10), words(8))
			a.Text = a.Lead + " " + words(120)
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkAssignStream measures assigning a stream of news (streamArticles) from an empty
// clusterer, as a poll cycle does: "assign" all of it (Assign), "serial" only what is done one
// article at a time (AssignPrepared, the articles prepared before the clock starts).
func BenchmarkAssignStream(b *testing.B) {
	arts := streamArticles(20_000)
	for _, mode := range []string{"assign", "serial"} {
		b.Run(mode, func(b *testing.B) {
			var prepared []*Prepared
			if mode == "serial" {
				for _, a := range arts {
					prepared = append(prepared, Prepare(a))
				}
			}
			c := New(Config{})
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%len(arts) == 0 && i > 0 {
					c = New(Config{}) // the stream again, from the start
				}
				if mode == "serial" {
					c.AssignPrepared(prepared[i%len(arts)])
				} else {
					c.Assign(arts[i%len(arts)])
				}
			}
			b.StopTimer()
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(c.Open()), "open-stories")
		})
	}
}

// pollArticles makes the articles of cycles poll cycles of watchers' BenchmarkPollCycle, poll by
// poll: feeds feeds of 20 items each, all of one outlet, that differ in the feed's name and in
// two numbers (the cycle's and the item's) among the same words.
func pollArticles(cycles, feeds int) [][]Article {
	var polls [][]Article
	at := t0
	for gen := range cycles {
		at = at.Add(time.Minute)
		for f := range feeds {
			as := make([]Article, 0, 20)
			for i := range 20 {
				lead := fmt.Sprintf("Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed f%04d.", i, f)
				as = append(as, Article{Title: fmt.Sprintf("Story f%04d-%d-%d about the economy and the weather", f, gen, i), Lead: lead, Text: lead, Time: at, Outlet: "bench.example"})
			}
			polls = append(polls, as)
		}
	}
	return polls
}

// BenchmarkAssignPollCycle measures what watchers' BenchmarkPollCycle asks of the clusterer (its
// items, pollArticles): four cycles of 1,000 feeds from an empty clusterer, each article prepared
// and assigned, and its story's row read. "once" encodes each story's state once per poll, after
// the last of the poll's articles that joined it, as watchers does; "each" encodes it after every
// article, as watchers did. One op is the four cycles.
func BenchmarkAssignPollCycle(b *testing.B) {
	polls := pollArticles(4, 1000)
	for _, mode := range []string{"once", "each"} {
		b.Run(mode, func(b *testing.B) {
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			b.ResetTimer()
			var c *Clusterer
			ids := make([]int64, 0, 20)
			for range b.N {
				c = New(Config{})
				for _, as := range polls {
					ids = ids[:0]
					for _, a := range as {
						p := Prepare(a)
						if mode == "each" {
							c.EncodeStory(c.AssignPrepared(p).Story, nil)
							continue
						}
						if c.MayClose(p) {
							b.Fatal("a story closes in the bench")
						}
						id := c.AssignPrepared(p).Story
						c.StoryRow(id)
						ids = append(ids, id)
					}
					for i, id := range ids {
						if !slices.Contains(ids[i+1:], id) {
							c.EncodeStory(id, nil)
						}
					}
				}
			}
			b.StopTimer()
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(c.Open()), "open-stories")
		})
	}
}
