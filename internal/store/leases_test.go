package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/pgtest"
)

// leaseDB is a fresh PostgreSQL database with the leases table.
func leaseDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	url := pgtest.URL(t)
	st, err := OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.w, url
}

func names(cs []Claimed) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	slices.Sort(out)
	return out
}

func TestLeasesShareAndTakeOver(t *testing.T) {
	db, _ := leaseDB(t)
	ctx := context.Background()
	a, b := NewLeases(db, "a"), NewLeases(db, "b")
	feeds := make([]string, 10)
	for i := range feeds {
		feeds[i] = fmt.Sprintf("f%02d", i)
	}
	if err := a.Ensure(ctx, LeaseFeed, feeds); err != nil {
		t.Fatal(err)
	}
	if err := b.Ensure(ctx, LeaseFeed, feeds); err != nil { // the second instance's start
		t.Fatal(err)
	}
	if n, err := a.Heartbeat(ctx, 300*time.Millisecond); err != nil || n != 1 {
		t.Fatalf("a alone: %d alive, %v", n, err)
	}
	if n, err := b.Heartbeat(ctx, time.Minute); err != nil || n != 2 {
		t.Fatalf("a and b: %d alive, %v", n, err)
	}
	ca, err := a.Claim(ctx, LeaseFeed, feeds, 5)
	if err != nil || len(ca) != 5 {
		t.Fatalf("a claimed %v, %v", ca, err)
	}
	cb, err := b.Claim(ctx, LeaseFeed, feeds, 10)
	if err != nil || len(cb) != 5 {
		t.Fatalf("b claimed %v (want the other 5), %v", cb, err)
	}
	if slices.ContainsFunc(names(cb), func(n string) bool { return slices.Contains(names(ca), n) }) {
		t.Fatalf("a feed claimed twice: a %v, b %v", names(ca), names(cb))
	}
	mine := ca[0].Name
	// One slot, once; the other instance never.
	if ok, err := a.Advance(ctx, LeaseFeed, mine, 100); err != nil || !ok {
		t.Fatalf("a's first advance: %v %v", ok, err)
	}
	if ok, _ := a.Advance(ctx, LeaseFeed, mine, 100); ok {
		t.Fatal("slot 100 done twice by its holder")
	}
	if ok, _ := b.Advance(ctx, LeaseFeed, mine, 200); ok {
		t.Fatal("b polled a's feed")
	}
	// a stops renewing: once its row expires, b takes its feeds, and a can
	// no longer advance them (nor slot 100 again).
	time.Sleep(400 * time.Millisecond)
	if ok, _ := a.Advance(ctx, LeaseFeed, mine, 150); ok {
		t.Fatal("an expired instance advanced its lease")
	}
	if n, err := b.Heartbeat(ctx, time.Minute); err != nil || n != 1 {
		t.Fatalf("b alone after a expired: %d, %v", n, err)
	}
	taken, err := b.Claim(ctx, LeaseFeed, feeds, 10)
	if err != nil || !slices.Equal(names(taken), names(ca)) {
		t.Fatalf("b took %v, want a's %v (%v)", names(taken), names(ca), err)
	}
	for _, c := range taken {
		if c.Name == mine && c.Slot != 100 {
			t.Fatalf("the slot done is carried over: got %d, want 100", c.Slot)
		}
	}
	if ok, _ := b.Advance(ctx, LeaseFeed, mine, 100); ok {
		t.Fatal("slot 100 polled again after the takeover")
	}
	if ok, _ := b.Advance(ctx, LeaseFeed, mine, 200); !ok {
		t.Fatal("the new holder cannot poll the next slot")
	}
	held, err := b.Held(ctx, LeaseFeed)
	if err != nil || len(held) != 10 {
		t.Fatalf("b holds %v, %v", held, err)
	}
	// a comes back: it holds nothing any more.
	a.Heartbeat(ctx, time.Minute)
	if held, _ := a.Held(ctx, LeaseFeed); len(held) != 0 {
		t.Fatalf("a still holds %v", held)
	}
	// b leaves cleanly: its feeds are free at once.
	if err := b.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := a.Claim(ctx, LeaseFeed, feeds, 10); err != nil || len(got) != 10 {
		t.Fatalf("after b left, a claimed %d, %v", len(got), err)
	}
}

func TestLeasesConcurrentClaimsTakeEachOnce(t *testing.T) {
	db, _ := leaseDB(t)
	feeds := make([]string, 300)
	for i := range feeds {
		feeds[i] = fmt.Sprintf("feed-%03d", i)
	}
	claimConcurrently(t, db, feeds, "i", 6, 7, 10, false)
}

// claimConcurrently has n instances claim feeds (each batch at most batch,
// rounds times) at once and fails the test when a feed is taken twice or
// one is left. With startInside, each instance's first heartbeat is in its
// goroutine, as when instances start while others claim.
func claimConcurrently(t *testing.T, db *sql.DB, feeds []string, prefix string, n, batch, rounds int, startInside bool) {
	t.Helper()
	ctx := context.Background()
	if err := NewLeases(db, "x").Ensure(ctx, LeaseFeed, feeds); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	owner := map[string]string{}
	var wg sync.WaitGroup
	for i := range n {
		l := NewLeases(db, fmt.Sprintf("%s%d", prefix, i))
		if !startInside {
			if _, err := l.Heartbeat(ctx, time.Minute); err != nil {
				t.Fatal(err)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if startInside {
				if _, err := l.Heartbeat(ctx, time.Minute); err != nil {
					t.Error(err)
					return
				}
			}
			for range rounds {
				got, err := l.Claim(ctx, LeaseFeed, feeds, batch)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, c := range got {
					if prev, ok := owner[c.Name]; ok {
						t.Errorf("%s claimed by %s and %s", c.Name, prev, l.Holder())
					}
					owner[c.Name] = l.Holder()
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(owner) != len(feeds) {
		t.Errorf("%d of %d feeds claimed", len(owner), len(feeds))
	}
}

func TestLeasesJobOncePerSlot(t *testing.T) {
	db, _ := leaseDB(t)
	ctx := context.Background()
	var ran atomic.Int32
	var wg sync.WaitGroup
	for i := range 4 {
		l := NewLeases(db, fmt.Sprintf("i%d", i))
		l.Heartbeat(ctx, time.Minute)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for slot := int64(1); slot <= 20; slot++ {
				ok, err := l.Advance(ctx, LeaseJob, "prune", slot)
				if err != nil {
					t.Error(err)
				}
				if ok {
					ran.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	// Every instance tried every slot in order; each slot ran at most once
	// and the last always.
	if n := ran.Load(); n < 1 || n > 20 {
		t.Errorf("20 slots ran %d times", n)
	}
	var slot int64
	db.QueryRow(`SELECT slot FROM leases WHERE kind = 'job' AND name = 'prune'`).Scan(&slot)
	if slot != 20 {
		t.Errorf("last slot done %d, want 20", slot)
	}
	// A dead instance runs nothing.
	dead := NewLeases(db, "dead")
	if ok, _ := dead.Advance(ctx, LeaseJob, "prune", 21); ok {
		t.Error("an instance that is not alive ran a job")
	}
}

func TestLeasesCounter(t *testing.T) {
	db, _ := leaseDB(t)
	ctx := context.Background()
	seen := map[int64]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				n, err := NewLeases(db, "x").NextBlock(ctx, "story")
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if seen[n] {
					t.Errorf("block %d handed out twice", n)
				}
				seen[n] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 100 || !seen[1] || !seen[100] {
		t.Errorf("blocks handed out: %d", len(seen))
	}
}

func TestLeadOneAtATimeAndTakeOver(t *testing.T) {
	db, url := leaseDB(t)
	log := slog.New(slog.DiscardHandler)
	var leading atomic.Int32
	var most atomic.Int32
	started := make(chan string, 10)
	run := func(ctx context.Context, name string) {
		Lead(ctx, url, LeaderGateway, log, func(ctx context.Context) {
			n := leading.Add(1)
			if n > most.Load() {
				most.Store(n)
			}
			started <- name
			<-ctx.Done()
			leading.Add(-1)
		})
	}
	ctxA, stopA := context.WithCancel(context.Background())
	ctxB, stopB := context.WithCancel(context.Background())
	defer stopB()
	doneA := make(chan struct{})
	go func() { defer close(doneA); run(ctxA, "a") }()
	first := <-started
	if first != "a" {
		t.Fatalf("%s led first", first)
	}
	go run(ctxB, "b")
	select {
	case who := <-started:
		t.Fatalf("%s leads beside a", who)
	case <-time.After(2 * leaderRetry):
	}
	// a's connection is cut by the server: a stops leading, b takes over.
	if _, err := db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(current_schema() || ':' || $1, 0)`, LeaderGateway); err != nil {
		t.Fatal(err)
	}
	select {
	case who := <-started:
		if who == "a" {
			// a reconnected first and took the lock back: also a takeover
			// after a failure; then stop a and expect b.
			stopA()
			<-doneA
			who = <-started
		}
		if who != "b" {
			t.Fatalf("%s took over", who)
		}
	case <-time.After(4 * leaderRetry):
		t.Fatal("no instance took the lead over within 20 s")
	}
	stopA()
	<-doneA
	if most.Load() != 1 {
		t.Errorf("%d instances led at once", most.Load())
	}
}

func TestChatWatchChangesReachOtherInstances(t *testing.T) {
	_, url := leaseDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	changes := make(chan struct{}, 10)
	listening := make(chan struct{})
	go Listen(ctx, url, NotifyWatches, slog.New(slog.DiscardHandler), func() { changes <- struct{}{} })
	// Listen catches up after its first connection only after a
	// reconnection; wait until it listens by polling pg_stat_activity.
	go func() {
		defer close(listening)
		for ctx.Err() == nil {
			var m int
			a.w.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'newshound' AND query LIKE 'LISTEN%'`).Scan(&m)
			if m > 0 {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	<-listening
	// Another instance's store, another schema's change: only the first is heard.
	other, err := OpenPostgres(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.AddChatWatch(ctx, ChatWatch{Name: "elsewhere", Query: "x", Channel: "c", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := a.AddChatWatch(ctx, ChatWatch{Name: "w", Query: "x", Channel: "c", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("the change was not heard within 5 s")
	}
	select {
	case <-changes:
		t.Fatal("a change of another schema was heard")
	case <-time.After(300 * time.Millisecond):
	}
	// A change that changes nothing tells nobody.
	if err := a.RemoveChatWatch(ctx, "missing"); err != ErrNoWatch {
		t.Fatalf("removing a missing watch: %v", err)
	}
	if err := a.PauseChatWatch(ctx, "w", true); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("the pause was not heard within 5 s")
	}
}

// Instances that start while others are claiming: a claim whose statement
// began before another instance's first heartbeat must not take a row that
// instance has just claimed (it did at READ COMMITTED: the row was re-checked
// against the older snapshot, in which the new holder was not alive).
func TestLeasesClaimsOfStartingInstancesTakeEachOnce(t *testing.T) {
	db, _ := leaseDB(t)
	for round := range 30 {
		feeds := make([]string, 40)
		for i := range feeds {
			feeds[i] = fmt.Sprintf("r%02d-feed-%02d", round, i)
		}
		claimConcurrently(t, db, feeds, fmt.Sprintf("r%02d-i", round), 4, len(feeds), 3, true)
		if t.Failed() {
			return
		}
	}
}
