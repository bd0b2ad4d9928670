package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/watchers"
)

func TestRESTTimeoutBelowSettleTime(t *testing.T) {
	// A lost post must have landed or failed before the outbox looks for it.
	if restTimeout >= watchers.SettleTime {
		t.Fatalf("restTimeout %s is not below watchers.SettleTime %s", restTimeout, watchers.SettleTime)
	}
}

func newTestNotifier(t *testing.T, fake *slackfake.Server, channels map[string]Channel) *Notifier {
	t.Helper()
	n, err := New(Options{Token: fake.Token(), APIBase: fake.URL(), Channels: channels})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWebhookRefusalsClassified(t *testing.T) {
	fake := slackfake.New(slackfake.Options{})
	defer fake.Close()
	hook := fake.AddWebhook("C0HOOKED01", "verysecret99")
	n := newTestNotifier(t, fake, map[string]Channel{"partners": {WebhookURL: hook}, "gone": {WebhookURL: strings.Replace(hook, "verysecret99", "othersecret1", 1)}})
	ctx := context.Background()
	d := alert.Delivery{ID: 1, Channel: "partners", Nonce: "n1", Kind: alert.KindNotice, Title: "t", Text: "x"}
	if _, err := n.Deliver(ctx, d); err != nil {
		t.Fatal(err)
	}
	fake.RateLimitNext(hook, 1, 3*time.Second)
	var rl interface{ RetryAfter() time.Duration }
	if _, err := n.Deliver(ctx, d); !errors.As(err, &rl) || rl.RetryAfter() != 3*time.Second {
		t.Errorf("429: %v", err)
	}
	fake.Archive("C0HOOKED01")
	if _, err := n.Deliver(ctx, d); !alert.IsPermanent(err) || !strings.Contains(err.Error(), "channel_is_archived") {
		t.Errorf("archived: %v", err)
	}
	fake.RevokeWebhook(hook)
	var auth *alert.AuthError
	if _, err := n.Deliver(ctx, d); !errors.As(err, &auth) || auth.RefusedBy() != "Slack" || !strings.HasPrefix(auth.Destination, "Slack webhook B") {
		t.Errorf("revoked: %v", err)
	}
	d.Channel = "gone"
	_, err := n.Deliver(ctx, d)
	if !errors.As(err, &auth) {
		t.Errorf("unknown webhook: %v", err)
	}
	if strings.Contains(fmt.Sprint(err), "othersecret1") || strings.Contains(auth.Destination, "secret") {
		t.Errorf("an error shows the webhook's secret: %v", err)
	}
}

func TestNetworkErrorHidesWebhookSecret(t *testing.T) {
	fake := slackfake.New(slackfake.Options{})
	hook := fake.AddWebhook("C0HOOKED01", "verysecret99")
	fake.Close() // nothing listens any more
	n := newTestNotifier(t, fake, map[string]Channel{"partners": {WebhookURL: hook}})
	_, err := n.Deliver(context.Background(), alert.Delivery{ID: 1, Channel: "partners", Kind: alert.KindNotice, Title: "t"})
	if err == nil || alert.IsPermanent(err) || strings.Contains(err.Error(), "verysecret99") {
		t.Errorf("network error %v", err)
	}
}

func TestLookBeforeRepostReadsPages(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	n := newTestNotifier(t, fake, map[string]Channel{"desk": {ID: "C0NEWSROOM"}})
	ctx := context.Background()
	first := alert.Delivery{ID: 1, Channel: "desk", Nonce: "first-nonce", Kind: alert.KindNotice, Title: "first"}
	rc, err := n.Deliver(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	// 450 later messages push it past the first two pages of history.
	for i := range 450 {
		if _, err := n.Deliver(ctx, alert.Delivery{ID: int64(i + 2), Channel: "desk", Nonce: fmt.Sprint("n", i), Kind: alert.KindNotice, Title: "later"}); err != nil {
			t.Fatal(err)
		}
	}
	first.SentAt = time.Now().Add(-time.Minute)
	again, err := n.Deliver(ctx, first)
	if err != nil || !again.Found || again.MessageID != rc.MessageID {
		t.Fatalf("look: %+v %v (posted as %s)", again, err, rc.MessageID)
	}
	if got := len(fake.Messages("C0NEWSROOM")); got != 451 {
		t.Errorf("%d messages, want 451", got)
	}
}

func TestMissingHistoryScopeFallsBackToPosting(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	n := newTestNotifier(t, fake, map[string]Channel{"desk": {ID: "C0NEWSROOM"}})
	fake.RemoveBot("C0NEWSROOM")
	_, err := n.Deliver(context.Background(), alert.Delivery{ID: 1, Channel: "desk", Nonce: "x", Kind: alert.KindNotice, Title: "t", SentAt: time.Now()})
	// The look cannot read the channel; the post then says why it fails.
	if !alert.IsPermanent(err) || !strings.Contains(err.Error(), "not_in_channel") {
		t.Errorf("%v", err)
	}
}
