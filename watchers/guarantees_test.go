package watchers_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

const partnersWatch = `  - { name: russia, keywords: [Putin], channels: [partners] }`

// A webhook post whose response is lost (Discord stores the message, the
// answer never arrives) is found in the webhook's channel by its reference
// on the retry, after a restart too, and not posted again (issue 13.1).
func TestWebhookLostResponseDeliversOnce(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.DropResponseNext(hookID)
	h.setItems(1, "w")
	h.cycle() // stored by Discord, answer lost
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages after the lost response, want 1", n)
	}
	h.restart()
	h.advance(time.Minute)
	h.cycle()
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want exactly 1", n)
	}
	st, err := h.st.Outbox(context.Background())
	if err != nil || st.Pending != 0 || st.Delivered != 1 {
		t.Fatalf("outbox %+v %v", st, err)
	}
}

// Where the bot cannot read the webhook's channel, nothing can be checked:
// the retry posts again (a webhook channel is then at-least-once, as the
// README says) rather than losing the alert.
func TestWebhookUncheckableIsAtLeastOnce(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.ForbidChannel(hookChan) // the bot may not read it; the webhook still posts
	h.discord.DropResponseNext(hookID)
	h.setItems(1, "u")
	h.cycle()
	h.advance(time.Minute)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 2 {
		t.Fatalf("%d webhook messages, want 2 (posted again when no check is possible)", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 {
		t.Fatalf("outbox %+v", st)
	}
}

// A refused bot token pauses the bot's channels without refusing any alert;
// they go out, in order, once the token works again; the pause is in
// /healthz and the metrics (issue 13.2). The webhook channel, which does
// not use the token, is not held up and carries the ops notice... the ops
// channel here is a bot channel, so the notice waits with the rest.
func TestRevokedBotTokenKeepsAlerts(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom, partners] }`, "")
	h.prime()
	h.discord.SetToken("rotated")
	h.setItems(3, "t")
	h.cycle()
	h.advance(time.Second)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("%d bot messages with a refused token", n)
	}
	if n := len(h.discord.WebhookMessages(hookID)); n != 3 {
		t.Errorf("%d webhook messages, want 3: the webhook does not depend on the bot token", n)
	}
	st, _ := h.st.Outbox(context.Background())
	if st.Refused != 0 || st.Pending < 3 {
		t.Fatalf("outbox %+v: alerts refused or lost over a bad token", st)
	}
	problems := strings.Join(h.w.Problems(), "\n")
	if !strings.Contains(problems, "bot token") || strings.Contains(problems, "tok\"") {
		t.Errorf("/healthz problems %q", problems)
	}
	// Probes back off: no request per drain while paused.
	before := h.discord.Requests()
	for range 5 {
		h.advance(time.Second)
		h.cycle()
	}
	if n := h.discord.Requests() - before; n > 5+1 { // the feed server is separate; one probe at most
		t.Errorf("%d Discord requests in 5 drains while paused", n)
	}
	// The token works again: the next probe resumes delivery, oldest first.
	h.discord.SetToken("tok")
	h.advance(time.Minute)
	h.cycle()
	h.cycle()
	msgs := h.discord.Messages(newsroom)
	if len(msgs) != 3 {
		t.Fatalf("%d bot messages after the token works again, want 3", len(msgs))
	}
	hooks := h.discord.WebhookMessages(hookID)
	for i := range msgs {
		if msgs[i].Embeds[0].Title != hooks[i].Embeds[0].Title {
			t.Errorf("message %d: %q in the bot channel, %q through the webhook: order differs", i, msgs[i].Embeds[0].Title, hooks[i].Embeds[0].Title)
		}
	}
	if p := h.w.Problems(); len(p) != 0 {
		t.Errorf("problems after recovery: %v", p)
	}
}

// A revoked webhook token pauses that webhook only; the ops channel (a bot
// channel) hears of it once, and of the recovery (issue 13.2).
func TestRevokedWebhookTokenPausedAndAnnounced(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.SetWebhookToken(hookID, "rotated")
	h.setItems(2, "v")
	for range 3 {
		h.cycle()
		h.advance(time.Second)
	}
	notices := h.discord.Messages(ops)
	if len(notices) != 1 || !strings.Contains(notices[0].Embeds[0].Description, "webhook "+hookID) {
		t.Fatalf("ops notices %+v, want one naming the webhook", notices)
	}
	if strings.Contains(notices[0].Embeds[0].Description, hookTok) {
		t.Error("the notice holds the webhook token")
	}
	if v := h.gauge("newshound_delivery_paused", "webhook "+hookID); v != 1 {
		t.Errorf("newshound_delivery_paused = %v while paused, want 1", v)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Refused != 0 {
		t.Fatalf("outbox %+v", st)
	}
	h.discord.SetWebhookToken(hookID, hookTok)
	h.advance(time.Minute)
	h.cycle()
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 2 {
		t.Fatalf("%d webhook messages after recovery, want 2", n)
	}
	if n := len(h.discord.Messages(ops)); n != 2 {
		t.Errorf("%d ops notices, want the pause and the recovery", n)
	}
	if v := h.gauge("newshound_delivery_paused", "webhook "+hookID); v != 0 {
		t.Errorf("newshound_delivery_paused = %v after recovery, want 0", v)
	}
}

// After a failed post, newer alerts to the channel wait for the oldest:
// they never overtake it while it is retrying (issue 13.3).
func TestOrderKeptAcrossRetries(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [partners] }`, "")
	h.prime()
	h.discord.FailNext(hookID, 1, http.StatusInternalServerError)
	h.setItems(3, "o")
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 0 {
		t.Fatalf("%d messages after the failure", n)
	}
	h.cycle() // the head waits for its retry: so do the others
	if n := len(h.discord.WebhookMessages(hookID)); n != 0 {
		t.Fatalf("%d newer messages overtook the one being retried", n)
	}
	h.advance(11 * time.Second)
	h.cycle()
	msgs := h.discord.WebhookMessages(hookID)
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
}

// When Discord accepted a post but recording it fails (the database is
// locked), the post is remembered and recorded later, never sent again
// (issue 13.4).
func TestPostedButNotRecordedIsNotResent(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	// Another connection takes the write lock as soon as Discord stores the
	// message, until the test releases it.
	locker, err := sql.Open("sqlite", "file:"+h.dbPath+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	conn, err := locker.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var once sync.Once
	h.mu.Lock()
	h.onMessage = func(discordfake.Message) {
		once.Do(func() {
			if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
				t.Error(err)
			}
		})
	}
	h.mu.Unlock()
	h.setItems(1, "s")
	h.w.PollAll(context.Background(), true)
	if _, err := h.w.DeliverDue(context.Background()); err == nil {
		t.Fatal("recording under a held lock did not fail")
	}
	// Drains while the store fails back off; none posts again.
	h.advance(time.Second)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		t.Fatalf("a drain during the backoff touched the store: %v", err)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	h.advance(time.Minute)
	n, err := h.w.DeliverDue(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("after the lock: %d recorded, %v", n, err)
	}
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want 1", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 || st.Delivered != 1 {
		t.Fatalf("outbox %+v", st)
	}
}

// Refusals are announced once per channel and cause, in good English
// (issue 15.4).
func TestRefusalsAnnouncedOncePerChannel(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [gone] }`, "")
	h.prime()
	h.setItems(3, "g")
	for range 4 {
		h.cycle()
		h.advance(time.Minute)
	}
	notices := h.discord.Messages(ops)
	if len(notices) != 1 {
		t.Fatalf("%d ops notices for 3 refused alerts, want 1", len(notices))
	}
	if d := notices[0].Embeds[0].Description; !strings.HasPrefix(d, "An alert") {
		t.Errorf("notice %q", d)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Refused != 3 {
		t.Errorf("outbox %+v", st)
	}
}

// A channel whose rate-limit bucket is spent for long does not hold the
// drain: it returns at once (retrying later), and other channels go on
// (issue 15.5).
func TestSpentRateLimitDoesNotHoldDelivery(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom, partners] }`, "")
	h.prime()
	h.discord.RateLimitNext(newsroom, 1, 30*time.Second)
	h.setItems(1, "l")
	h.cycle() // newsroom: 429, bucket spent for 30 s; partners delivered
	h.setItems(2, "l")
	h.w.PollAll(context.Background(), true)
	h.advance(31 * time.Second) // due again by the outbox's clock; the bucket is still spent
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := h.w.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the drain waited %s for a spent bucket", took.Round(time.Second))
	}
	if n := len(h.discord.WebhookMessages(hookID)); n != 2 {
		t.Errorf("%d webhook messages, want 2: the other channel must not wait", n)
	}
}

// Drains running side by side (as Run starts them) never post one
// delivery twice: a drain never claims a channel with rows it read before
// another drain delivered them.
func TestConcurrentDrainsPostOnce(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.SetLatency(hookID, 5*time.Millisecond, 15*time.Millisecond)
	h.setItems(20, "c")
	h.w.PollAll(context.Background(), true)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 30 {
				if _, err := h.w.DeliverDue(context.Background()); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]int{}
	for _, m := range h.discord.WebhookMessages(hookID) {
		seen[m.Embeds[0].Title]++
	}
	for title, n := range seen {
		if n != 1 {
			t.Errorf("%q posted %d times", title, n)
		}
	}
	if len(seen) != 20 {
		t.Errorf("%d distinct alerts, want 20", len(seen))
	}
}

// A reload with the fixed token (SIGHUP) resumes a paused destination at
// once, without waiting for the next probe (issue 13.2).
func TestReloadWithFixedTokenResumes(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.discord.SetToken("rotated")
	h.setItems(2, "h")
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("%d messages with a refused token", n)
	}
	h.reload(h.cfg, "rotated")
	h.advance(time.Second) // well before the next probe
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.discord.Messages(newsroom)); n != 2 {
		t.Fatalf("%d messages after the reload with the new token, want 2", n)
	}
	if p := h.w.Problems(); len(p) != 0 {
		t.Errorf("problems after the reload: %v", p)
	}
}

// An outage of 500s and dropped connections on one channel: afterwards its
// alerts arrive in the same order as in a channel without faults, each
// once (the probe: 242 of 435 pairs were out of order).
func TestOutageKeepsOrder(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [ops, partners] }`, "")
	h.prime()
	h.discord.FailNext(hookID, 6, http.StatusInternalServerError)
	h.setItems(8, "x")
	h.cycle()
	for i := range 4 {
		if i%2 == 0 {
			h.discord.DropResponseNext(hookID)
		} else {
			h.discord.FailNext(hookID, 2, http.StatusServiceUnavailable)
		}
		h.setItems(8+3*(i+1), "x")
		h.advance(30 * time.Second)
		h.cycle()
	}
	for range 60 {
		h.advance(5 * time.Minute)
		h.cycle()
	}
	titles := func(msgs []discordfake.Message) []string {
		var out []string
		for _, m := range msgs {
			if strings.Contains(m.Embeds[0].Title, "Putin story") {
				out = append(out, m.Embeds[0].Title)
			}
		}
		return out
	}
	ref, got := titles(h.discord.Messages(ops)), titles(h.discord.WebhookMessages(hookID))
	if len(ref) != 20 || len(got) != 20 {
		t.Fatalf("%d reference and %d webhook alerts, want 20 each", len(ref), len(got))
	}
	for i := range ref {
		if ref[i] != got[i] {
			t.Fatalf("alert %d: %q in the channel without faults, %q after the outage", i, ref[i], got[i])
		}
	}
}

// A flood-control digest whose response was lost is retried as the same
// digest, found, and not posted again with the alerts that arrived since.
func TestLostFoldedDigestNotRepostedWithNewAlerts(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "") // 3 an hour
	h.prime()
	h.setItems(2, "f")
	h.cycle()
	h.discord.DropResponseNext(newsroom)
	h.setItems(5, "f")
	h.cycle() // the third message of the hour: a digest of 3, stored, answer lost
	if n := len(h.discord.Messages(newsroom)); n != 3 {
		t.Fatalf("%d messages, want 3", n)
	}
	h.setItems(7, "f")
	h.advance(30 * time.Second)
	h.cycle()
	h.advance(30 * time.Second)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 3 {
		t.Fatalf("%d messages: the lost digest was posted again", n)
	}
	st, _ := h.st.Outbox(context.Background())
	if st.Delivered != 5 || st.Pending != 2 {
		t.Errorf("outbox %+v: want the 5 delivered, the 2 new ones waiting for the next hour", st)
	}
}

// A look for an earlier attempt that fails (Discord's 5xx or a rate limit
// on reading the channel) tells nothing about whether that attempt posted:
// the retry must look again, not post blind (issue 13.1).
func TestFailedLookKeepsTheSendingMark(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.DropResponseNext(hookID)
	h.setItems(1, "l")
	h.cycle() // stored by Discord, answer lost
	h.discord.FailReadsNext(hookChan, 1, http.StatusInternalServerError)
	h.advance(time.Minute)
	h.cycle() // settled: the look fails
	h.advance(time.Hour)
	h.cycle()
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want exactly 1 (posted again after a failed look)", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 || st.Delivered != 1 {
		t.Fatalf("outbox %+v", st)
	}
}

// A reload that removes chat delivery (no notifier) while a channel is
// being delivered leaves its remaining alerts in the outbox; it used to
// call the missing notifier and crash the process.
func TestReloadWithoutChatDuringDelivery(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	var once sync.Once
	h.mu.Lock()
	h.onMessage = func(discordfake.Message) {
		once.Do(func() {
			if err := h.w.Reload(context.Background(), h.cfg, nil); err != nil {
				t.Error(err)
			}
		})
	}
	h.mu.Unlock()
	h.setItems(2, "r")
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want 1 (the one posted before the reload)", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 1 {
		t.Fatalf("outbox %+v, want the second alert kept", st)
	}
}

// A folded digest whose answer was lost is retried as that digest even
// when the hourly budget has room again by then (a restart an hour later):
// posting its alerts one by one looked for their own references, not the
// digest's, and posted them a second time.
func TestLostFoldedDigestRetriedAsDigestWhenRoomReturns(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "") // 3 an hour
	h.prime()
	h.setItems(2, "g")
	h.cycle()
	h.discord.DropResponseNext(newsroom)
	h.setItems(5, "g")
	h.cycle() // the third message of the hour: a digest of 3, stored, answer lost
	if n := len(h.discord.Messages(newsroom)); n != 3 {
		t.Fatalf("%d messages, want 3", n)
	}
	h.restart()
	h.advance(2 * time.Hour) // the budget has room for 3 again
	h.cycle()
	h.advance(time.Minute)
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 3 {
		t.Fatalf("%d messages: the lost digest's alerts were posted again", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Delivered != 5 || st.Pending != 0 {
		t.Errorf("outbox %+v: want the 5 delivered", st)
	}
}

// A paused channel's kept alerts do not hold up the others: with more of
// them waiting than one read of the outbox takes (500), a webhook alert
// and standard output queued after them were never read, so never sent,
// for as long as the bot token stayed refused.
func TestPausedBacklogDoesNotStarveOtherChannels(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }
  - { name: berlin, keywords: [Merkel], channels: [partners] }`, "")
	h.prime()
	h.discord.SetToken("rotated")
	doc := func(putin, merkel int) string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
		for i := range putin {
			fmt.Fprintf(&b, `<item><title>Putin story %d %s</title><link>https://wire.example/p/%d</link><pubDate>%s</pubDate><description>Putin: %s.</description></item>`,
				i, ownTitle("p", i), i, time.Now().Format(time.RFC1123Z), ownEvent("p", i))
		}
		for i := range merkel {
			fmt.Fprintf(&b, `<item><title>Merkel story %d</title><link>https://wire.example/m/%d</link><pubDate>%s</pubDate><description>Merkel spoke.</description></item>`,
				i, i, time.Now().Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	h.mu.Lock()
	h.feedDoc = func() string { return doc(510, 0) }
	h.mu.Unlock()
	h.cycle() // the token is refused: newsroom paused, its 510 alerts kept
	h.mu.Lock()
	h.feedDoc = func() string { return doc(510, 1) }
	h.mu.Unlock()
	h.advance(time.Second)
	h.cycle()
	h.advance(time.Second)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want 1: the paused channel's backlog held it", n)
	}
	if n := len(h.discord.Messages(newsroom)); n != 0 {
		t.Fatalf("%d newsroom messages with a refused token", n)
	}
}

// A refused token (401) says the attempt it refused posted nothing, not
// that an earlier attempt of unknown outcome did not: that one's mark is
// kept, and the retry once the token works looks for it before posting.
func TestRefusedTokenKeepsAnEarlierAttemptsMark(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.DropResponseNext(hookID)
	h.setItems(1, "k")
	h.cycle() // stored by Discord, answer lost
	h.discord.SetWebhookToken(hookID, "revoked-for-a-while")
	h.advance(time.Minute)
	h.cycle() // the look and the post are refused: paused
	h.discord.SetWebhookToken(hookID, hookTok)
	h.advance(time.Hour)
	h.cycle()
	h.advance(time.Hour)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages, want exactly 1 (posted again after the refusal)", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 { // the alert, and the ops notices of the pause
		t.Fatalf("outbox %+v", st)
	}
}

// A held alert whose stored payload cannot be read is refused with the
// reason (as the other delivery paths do), not skipped at every digest
// and kept held for ever without a word.
func TestUnreadableHeldAlertRefused(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom], digest: "0 8 * * *" }`, "")
	h.prime()
	h.setItems(2, "u")
	h.cycle()
	db, err := sql.Open("sqlite", "file:"+h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE outbox SET payload = '{not json' WHERE id = (SELECT MIN(id) FROM outbox WHERE held = 1)`); err != nil {
		t.Fatal(err)
	}
	if n, err := h.w.DeliverDigests(context.Background(), []string{"russia"}); err != nil || n != 1 {
		t.Fatalf("digest delivered %d, %v; want the readable alert", n, err)
	}
	st, err := h.st.Outbox(context.Background())
	if err != nil || st.Pending != 0 || st.Refused != 1 {
		t.Fatalf("outbox %+v %v: want the unreadable alert refused, nothing held", st, err)
	}
}

// SIGTERM while a post is on its way lets it finish (within the grace
// period, as run --help says): cancelling it left an attempt of unknown
// outcome — the message in the channel, the alert still waiting — which a
// webhook the bot cannot read posts a second time after the restart.
func TestShutdownLetsAPostInFlightFinish(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.setItems(1, "s")
	h.w.PollAll(context.Background(), true) // queued, not delivered yet
	stored := make(chan struct{})
	var once sync.Once
	h.mu.Lock()
	h.onMessage = func(discordfake.Message) {
		once.Do(func() { close(stored) })
		time.Sleep(300 * time.Millisecond) // Discord has it; its answer takes a while
	}
	h.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- h.w.Run(ctx, 5*time.Second) }()
	select {
	case <-stored:
	case <-time.After(10 * time.Second):
		t.Fatal("nothing posted")
	}
	cancel() // SIGTERM
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 || st.Delivered != 1 {
		t.Fatalf("outbox %+v: want the post that was on its way recorded", st)
	}
}

// A webhook deleted in Discord (404 Unknown Webhook) is a revoked
// credential, not a refusal of the message: its alerts are kept, the pause
// is announced, and a reload with the new webhook's URL delivers them.
func TestDeletedWebhookKeepsAlertsUntilReplaced(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.DeleteWebhook(hookID)
	h.setItems(2, "d")
	for range 3 {
		h.cycle()
		h.advance(time.Second)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Refused != 0 {
		t.Fatalf("alerts to a deleted webhook refused for good: outbox %+v", st)
	}
	notices := h.discord.Messages(ops)
	if len(notices) != 1 || !strings.Contains(notices[0].Embeds[0].Description, "webhook "+hookID) {
		t.Fatalf("ops notices %+v, want one naming the webhook", notices)
	}
	if v := h.gauge("newshound_delivery_paused", "webhook "+hookID); v != 1 {
		t.Errorf("newshound_delivery_paused = %v while the webhook is gone, want 1", v)
	}
	const newID, newTok = "456789012345678999", "new-hook-token"
	url := h.discord.AddChannelWebhook(newID, newTok, hookChan)
	cfg := *h.cfg
	cfg.Channels = maps.Clone(h.cfg.Channels)
	ch := cfg.Channels["partners"]
	ch.Webhook = url
	cfg.Channels["partners"] = ch
	h.reload(&cfg, "tok")
	h.advance(time.Second)
	if _, err := h.w.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.discord.WebhookMessages(newID)); n != 2 {
		t.Fatalf("%d messages through the new webhook after the reload, want the 2 kept", n)
	}
}

// A reload that removes a channel while alerts for it wait keeps them: they
// are not refused as undeliverable (nothing serves the channel now), and go
// out when a later reload brings the channel back — as with several
// instances, where no one holds the lease of a channel no longer
// configured.
func TestRemovedChannelKeepsItsAlerts(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom, partners] }`, "")
	h.prime()
	h.discord.FailNext(hookID, 1, http.StatusInternalServerError)
	h.setItems(2, "r")
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 0 {
		t.Fatalf("%d webhook messages while it fails", n)
	}
	full := h.cfg
	cut := *full
	cut.Channels = maps.Clone(full.Channels)
	delete(cut.Channels, "partners")
	cut.Watches = slices.Clone(full.Watches)
	cut.Watches[0].Channels = []string{"newsroom"}
	h.reload(&cut, "tok")
	if logs := h.logs.String(); !strings.Contains(logs, "no longer names") || !strings.Contains(logs, "channel=partners waiting=2") {
		t.Errorf("the reload did not say that 2 alerts wait for partners:\n%s", logs)
	}
	for range 3 {
		h.advance(time.Minute)
		h.cycle()
	}
	if st, _ := h.st.Outbox(context.Background()); st.Refused != 0 {
		t.Fatalf("alerts of a channel removed by a reload refused: outbox %+v", st)
	}
	if n := len(h.discord.Messages(ops)); n != 0 {
		t.Errorf("%d ops notices, want none", n)
	}
	h.reload(full, "tok")
	h.advance(time.Minute)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 2 {
		t.Fatalf("%d webhook messages after the channel came back, want the 2 kept", n)
	}
}

// A webhook post whose answer was lost is looked for through the bot's
// read access; when the bot's token is refused meanwhile (revoked, reset),
// the look cannot be made: the bot token is paused and the alert waits,
// rather than being posted a second time unchecked, and once the token
// works again the look finds the first post.
func TestWebhookLookWithRefusedBotTokenWaits(t *testing.T) {
	h := newChatHarness(t, partnersWatch, "")
	h.prime()
	h.discord.DropResponseNext(hookID)
	h.setItems(1, "k")
	h.cycle() // stored by Discord, answer lost
	h.discord.SetToken("rotated")
	for range 3 {
		h.advance(time.Minute)
		h.cycle()
	}
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages while the bot cannot look, want the 1 first posted", n)
	}
	if v := h.gauge("newshound_delivery_paused", "bot token"); v != 1 {
		t.Errorf("newshound_delivery_paused{bot token} = %v, want 1", v)
	}
	h.reload(h.cfg, "rotated")
	h.advance(time.Minute)
	h.cycle()
	if n := len(h.discord.WebhookMessages(hookID)); n != 1 {
		t.Fatalf("%d webhook messages after the token works again, want exactly 1", n)
	}
	h.cycle() // the ops notices of the pause and its end
	if n := len(h.discord.Messages(ops)); n != 2 {
		t.Errorf("%d ops notices, want the pause and its end", n)
	}
	if st, _ := h.st.Outbox(context.Background()); st.Pending != 0 || st.Refused != 0 {
		t.Fatalf("outbox %+v", st)
	}
}

// A paused destination's waiting alerts say why they wait where `status`
// reads it (the oldest waiting delivery's last error): the pause lived only
// in the daemon's memory, and `status` showed "-" for a channel whose token
// had been revoked. The attempts are not counted (a pause is no failure of
// the message), and the note goes with the delivery once it works again.
func TestPausedChannelSaysWhyInTheOutbox(t *testing.T) {
	h := newChatHarness(t, `  - { name: russia, keywords: [Putin], channels: [newsroom] }`, "")
	h.prime()
	h.discord.SetToken("rotated")
	h.setItems(2, "t")
	h.cycle()
	ctx := context.Background()
	waiting, err := h.st.WaitingByChannel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, c := range waiting {
		if c.Channel == "newsroom" {
			got = c.LastError
		}
	}
	if !strings.Contains(got, "paused") || !strings.Contains(got, "bot token") || !strings.Contains(got, "401") {
		t.Errorf("newsroom waits with last error %q; want the pause: refused bot token, HTTP 401", got)
	}
	items, _ := h.st.DueDeliveries(ctx, time.Now().AddDate(100, 0, 0), 10)
	for _, it := range items {
		if it.Attempts != 0 {
			t.Errorf("delivery %d: %d attempts counted for a pause", it.ID, it.Attempts)
		}
	}
	h.discord.SetToken("tok")
	h.advance(time.Minute)
	h.cycle()
	h.cycle()
	if n := len(h.discord.Messages(newsroom)); n != 2 {
		t.Fatalf("%d messages after the token works again, want 2", n)
	}
}
