package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/pgtest"
	"github.com/newshound/newshound/watchers"
)

// clusterFeeds serves n feeds (/feed/N) to which new items are added while
// the test runs, answers conditional GETs with 304, and records every poll.
type clusterFeeds struct {
	mu    sync.Mutex
	items [][]int              // feed → its items' numbers, oldest first
	polls map[int][]time.Time  // feed → when it was polled
	added int                  // items added in all
	sent  map[string]bool      // items served at least once, by title
	first map[string]time.Time // item → when it was added
	srv   *httptest.Server
}

func newClusterFeeds(n int) *clusterFeeds {
	f := &clusterFeeds{items: make([][]int, n), polls: map[int][]time.Time{}, sent: map[string]bool{}, first: map[string]time.Time{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// clusterDesks are the watches' keywords and their channels: a feed's items
// name one of them (feed number modulo 3), so the alerts go to three
// channels (each under its hourly limit, and three channel leases).
var clusterDesks = [3]struct{ keyword, channel string }{
	{"Putin", "123456789012345678"}, {"Macron", "123456789012345679"}, {"Scholz", "123456789012345680"},
}

// clusterTitle is an item's title: distinct words make each item a story
// of its own (a story alerts a channel once; its later articles edit it).
func clusterTitle(feed, item int) string {
	words := distinctWords(item) // item numbers are unique across feeds
	return fmt.Sprintf("%s %s %s %s", clusterDesks[feed%3].keyword, words[0], words[1], words[2])
}

func (f *clusterFeeds) add(feed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.added++
	f.items[feed] = append(f.items[feed], f.added)
	f.first[clusterTitle(feed, f.added)] = time.Now()
}

func (f *clusterFeeds) serve(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
	if err != nil || n < 0 || n >= len(f.items) {
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	f.polls[n] = append(f.polls[n], time.Now())
	items := append([]int(nil), f.items[n]...)
	etag := fmt.Sprintf(`"v%d"`, len(items))
	if r.Header.Get("If-None-Match") == etag {
		f.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	for _, it := range items {
		f.sent[clusterTitle(n, it)] = true
	}
	f.mu.Unlock()
	w.Header().Set("ETag", etag)
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>Feed %d</title>`, n)
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		fmt.Fprintf(&b, `<item><title>%s</title><link>https://feeds.example/%d/%d</link><pubDate>%s</pubDate><description>%s: %s.</description></item>`,
			clusterTitle(n, it), n, it, time.Now().UTC().Format(time.RFC1123Z), clusterDesks[n%3].keyword, strings.Join(distinctWords(it), " "))
	}
	b.WriteString(`</channel></rss>`)
	io.WriteString(w, b.String())
}

// pgProxy forwards connections to a PostgreSQL server until cut: then it
// closes those it carries and every new one at once, as a network
// partition between one instance and the database would look to it.
type pgProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  map[net.Conn]bool
}

func newPGProxy(t *testing.T, target string) *pgProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.carry(c)
		}
	}()
	t.Cleanup(func() { ln.Close(); p.setCut(true) })
	return p
}

func (p *pgProxy) carry(c net.Conn) {
	p.mu.Lock()
	if p.cut {
		p.mu.Unlock()
		c.Close()
		return
	}
	p.mu.Unlock()
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[s] = true, true
	p.mu.Unlock()
	go func() { io.Copy(s, c); s.Close(); c.Close() }()
	io.Copy(c, s)
	c.Close()
	s.Close()
}

func (p *pgProxy) setCut(cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = cut
	if cut {
		for c := range p.conns {
			c.Close()
		}
		p.conns = map[net.Conn]bool{}
	}
}

// instance is one `newshound run` process of the cluster test.
type instance struct {
	name    string
	cmd     *exec.Cmd
	listen  string
	log     *os.File
	stopped bool
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// metric reads one sample of the instance's /metrics ("" when absent).
func (in *instance) metric(name string) string {
	resp, err := http.Get("http://" + in.listen + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return v
		}
	}
	return ""
}

// TestClusterSharesWorkExactlyOnce runs three `newshound run` processes on
// one PostgreSQL database over 300 local feeds to which new items keep
// arriving, SIGKILLs one at a random moment and starts another, and cuts a
// third's database connections for longer than its leases last, then
// restores them. Every item must reach the fake Discord exactly once, no
// feed may be polled twice in one schedule slot, the feeds of the instance
// cut off must be polled by the others meanwhile (its leases moved), and
// at most one instance may hold the Discord gateway at any moment.
//
// The default run is sized for CI (about 90 s); NEWSHOUND_CLUSTER_BIG=1
// runs longer with more items and kills.
func TestClusterSharesWorkExactlyOnce(t *testing.T) {
	base := pgtest.URL(t)
	big := os.Getenv("NEWSHOUND_CLUSTER_BIG") != ""
	const nFeeds = 300
	const spec = "@every 3s"
	kills, cutAt, cutFor, generate := 1, 12*time.Second, 50*time.Second, 62*time.Second
	if big {
		kills, generate = 4, 150*time.Second
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newshound")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var channels []string
	var watchLines, channelLines strings.Builder
	for i, d := range clusterDesks {
		channels = append(channels, d.channel)
		fmt.Fprintf(&watchLines, "  - { name: desk%d, keywords: [%s], channels: [desk%d] }\n", i, d.keyword, i)
		fmt.Fprintf(&channelLines, "  desk%d: { discord: \"%s\", max_per_hour: 1000 }\n", i, d.channel)
	}
	discord := discordfake.New(discordfake.Options{Token: "tok", Channels: channels, NonceWindow: time.Hour})
	messages := func() []discordfake.Message {
		var all []discordfake.Message
		for _, ch := range channels {
			all = append(all, discord.Messages(ch)...)
		}
		return all
	}
	defer discord.Close()
	feeds := newClusterFeeds(nFeeds)
	defer feeds.srv.Close()
	for i := range nFeeds {
		feeds.add(i)
	}

	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newPGProxy(t, u.Host)
	proxied := *u
	proxied.Host = proxy.ln.Addr().String()

	var feedLines strings.Builder
	for i := range nFeeds {
		fmt.Fprintf(&feedLines, "  - { name: feed%03d, url: \"%s/feed/%d\" }\n", i, feeds.srv.URL, i)
	}
	start := func(name, db string) *instance {
		in := &instance{name: name, listen: freeAddr(t)}
		cfg := filepath.Join(dir, name+".yaml")
		os.WriteFile(cfg, []byte(fmt.Sprintf(`
storage: { postgres: "%s" }
schedule: "%s"
articles: { fetch: false }
server: { listen: "%s" }
feeds:
%swatches:
%schannels:
%sdiscord: { token: tok, api_base: "%s" }
`, db, spec, in.listen, feedLines.String(), watchLines.String(), channelLines.String(), discord.URL())), 0o644)
		in.log, err = os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		in.cmd = exec.Command(bin, "run", "--config", cfg, "--log-level", "info")
		in.cmd.Stderr = in.log
		if err := in.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return in
	}
	var instances []*instance
	defer func() {
		for _, in := range instances {
			if !in.stopped {
				in.cmd.Process.Signal(syscall.SIGKILL)
				in.cmd.Wait()
			}
			in.log.Close()
			if t.Failed() {
				b, _ := os.ReadFile(in.log.Name())
				lines := strings.Split(strings.TrimSpace(string(b)), "\n")
				if len(lines) > 40 {
					lines = lines[len(lines)-40:]
				}
				t.Logf("%s's last log lines:\n%s", in.name, strings.Join(lines, "\n"))
			}
		}
	}()
	for i := range 3 {
		db := base
		if i == 2 {
			db = proxied.String() // the one whose connection is cut
		}
		instances = append(instances, start(fmt.Sprintf("i%d", i), db))
	}
	for _, in := range instances {
		waitHealthy(t, in)
	}

	// New items arrive: one every 150 ms to a random feed, for generate.
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	t0 := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for time.Since(t0) < generate && ctx.Err() == nil {
			feeds.add(rng.IntN(nFeeds))
			time.Sleep(150 * time.Millisecond)
		}
	}()
	// At most one gateway session at a time, sampled.
	var gwMu sync.Mutex
	gwMost, gwSeen := 0, 0
	go func() {
		for ctx.Err() == nil {
			n := discord.Sessions()
			gwMu.Lock()
			gwMost = max(gwMost, n)
			if n > 0 {
				gwSeen++
			}
			gwMu.Unlock()
			time.Sleep(100 * time.Millisecond)
		}
	}()

	// Kills at random moments (one in CI, before the cut), each instance
	// replaced by a new one.
	next := 3
	killAt := []time.Duration{time.Duration(3000+rng.IntN(7000)) * time.Millisecond}
	for k := 1; k < kills; k++ {
		killAt = append(killAt, cutAt+cutFor+time.Duration(rng.IntN(int(generate-cutAt-cutFor)/int(time.Millisecond)))*time.Millisecond)
	}
	slices.Sort(killAt)
	cutDone := false
	var cutStart time.Time
	for _, at := range killAt {
		if !cutDone && at > cutAt {
			cutStart = cutInstance(t, proxy, t0, cutAt, cutFor, instances[2])
			cutDone = true
		}
		time.Sleep(time.Until(t0.Add(at)))
		victim := rng.IntN(len(instances))
		for instances[victim].stopped || victim == 2 {
			victim = rng.IntN(len(instances))
		}
		v := instances[victim]
		v.cmd.Process.Signal(syscall.SIGKILL)
		v.cmd.Wait()
		v.stopped = true
		t.Logf("%.1fs: %s killed, i%d started; %d messages so far", time.Since(t0).Seconds(), v.name, next, len(messages()))
		instances = append(instances, start(fmt.Sprintf("i%d", next), base))
		next++
	}
	if !cutDone {
		cutStart = cutInstance(t, proxy, t0, cutAt, cutFor, instances[2])
	}

	// Everything generated is delivered, then nothing more comes.
	time.Sleep(time.Until(t0.Add(generate)))
	deadline := time.Now().Add(90 * time.Second)
	want := func() int { feeds.mu.Lock(); defer feeds.mu.Unlock(); return feeds.added }
	for time.Now().Before(deadline) && len(messages()) < want() {
		time.Sleep(250 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)
	// The instance cut off rejoins: every instance running takes its share
	// again (a third of the feeds each) within a few rebalances.
	balanced := false
	for deadline := time.Now().Add(45 * time.Second); !balanced && time.Now().Before(deadline); time.Sleep(time.Second) {
		balanced = true
		for _, in := range instances {
			if !in.stopped && in.metric(`newshound_leases_held{kind="feed"}`) != "100" {
				balanced = false
			}
		}
	}
	for _, in := range instances {
		if !in.stopped {
			t.Logf("%.1fs: %s: newshound_leases_held{kind=\"feed\"} %s, newshound_instances_alive %s", time.Since(t0).Seconds(), in.name,
				in.metric(`newshound_leases_held{kind="feed"}`), in.metric("newshound_instances_alive"))
		}
	}
	if !balanced {
		t.Error("the three instances running did not come to hold 100 feeds each within 45 s")
	}
	cancel()
	for _, in := range instances {
		if !in.stopped {
			in.cmd.Process.Signal(syscall.SIGTERM)
			if err := in.cmd.Wait(); err != nil {
				t.Errorf("%s: clean shutdown: %v", in.name, err)
			}
			in.stopped = true
		}
	}

	// Exactly once.
	seen := map[string]int{}
	for _, m := range messages() {
		if len(m.Embeds) == 0 {
			t.Errorf("a message without an embed: %q", m.Content)
			continue
		}
		seen[m.Embeds[0].Title]++
	}
	feeds.mu.Lock()
	defer feeds.mu.Unlock()
	dups, lost := 0, 0
	for title, n := range seen {
		if n > 1 {
			dups += n - 1
			t.Errorf("%q delivered %d times", title, n)
		}
	}
	for title := range feeds.first {
		if seen[title] == 0 {
			lost++
			if lost <= 10 {
				t.Errorf("%q (added %.1fs, served: %v) never delivered", title, feeds.first[title].Sub(t0).Seconds(), feeds.sent[title])
			}
		}
	}
	// Once per slot; and while i2 was cut off, all the feeds were polled.
	twice, polls := 0, 0
	polledDuringCut := 0
	for i := range nFeeds {
		slots := map[time.Time]int{}
		at1 := map[time.Time]time.Time{}
		during := false
		for _, at := range feeds.polls[i] {
			polls++
			s, err := watchers.SharedSlot(spec, fmt.Sprintf("feed%03d", i), at)
			if err != nil {
				t.Fatal(err)
			}
			if slots[s]++; slots[s] == 2 {
				twice++
				if twice <= 10 {
					t.Errorf("feed%03d polled twice in the slot of %s (%.1fs after t0): at +%dms and +%dms", i, s.Format("15:04:05"),
						s.Sub(t0).Seconds(), at1[s].Sub(s).Milliseconds(), at.Sub(s).Milliseconds())
				}
			}
			at1[s] = at
			if at.After(cutStart.Add(leasesMoved)) && at.Before(cutStart.Add(cutFor)) {
				during = true
			}
		}
		if during {
			polledDuringCut++
		}
	}
	t.Logf("%d items added, %d messages, %d distinct, %d duplicates, %d lost; %d polls, %d twice in a slot; %d of %d feeds polled while i2 was cut off (from %s into the cut)",
		feeds.added, len(messages()), len(seen), dups, lost, polls, twice, polledDuringCut, nFeeds, leasesMoved)
	if polledDuringCut != nFeeds {
		t.Errorf("%d of %d feeds polled late in the cut: the cut-off instance's leases did not all move", polledDuringCut, nFeeds)
	}
	gwMu.Lock()
	t.Logf("gateway: at most %d sessions at once; a session in %d samples", gwMost, gwSeen)
	if gwMost > 1 {
		t.Errorf("%d instances held the gateway at once", gwMost)
	}
	if gwSeen == 0 {
		t.Error("no instance ever connected to the gateway")
	}
	gwMu.Unlock()
}

// waitHealthy waits until the instance serves /healthz (it runs), or fails
// the test.
func waitHealthy(t *testing.T, in *instance) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get("http://" + in.listen + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
	}
	t.Fatalf("%s does not answer on %s", in.name, in.listen)
}

// leasesMoved is when, at the latest, a cut-off instance's feeds are
// polled by the others: its last heartbeat (up to 10 s before the cut)
// expires 30 s later, and the others claim at their next rebalance (10 s).
const leasesMoved = 42 * time.Second

// cutInstance cuts the proxied instance's database connections at cutAt
// (after t0) for cutFor, in the background; it returns when the cut begins.
func cutInstance(t *testing.T, p *pgProxy, t0 time.Time, cutAt, cutFor time.Duration, in *instance) time.Time {
	time.Sleep(time.Until(t0.Add(cutAt)))
	p.setCut(true)
	start := time.Now()
	t.Logf("%.1fs: %s's database connections cut (for %s)", time.Since(t0).Seconds(), in.name, cutFor)
	time.AfterFunc(cutFor, func() { p.setCut(false) })
	return start
}
