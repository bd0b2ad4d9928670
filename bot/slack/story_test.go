package slack

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/slackfake"
	"github.com/newshound/newshound/internal/store"
)

func TestStoryEditsAndFollowUps(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	hook := fake.AddWebhook("C0PARTNERS", "hooksecret1")
	n, err := New(Options{Token: fake.Token(), APIBase: fake.URL(), Channels: map[string]Channel{"desk": {ID: "C0NEWSROOM"}, "partners": {WebhookURL: hook}},
		Styles: map[string]Style{"russia": {Mention: "S0DESK123"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := sampleAlert()
	first, err := n.Deliver(ctx, alert.Delivery{ID: 1, Channel: "desk", Nonce: "n1", Kind: alert.KindAlert, Alert: a})
	if err != nil {
		t.Fatal(err)
	}

	// Later outlets edit the first message: the whole message, so a
	// repeated edit leaves it as one edit would.
	var also []alert.Outlet
	for i := range 12 {
		also = append(also, alert.Outlet{Feed: fmt.Sprintf("Outlet %d <!here>", i), Title: "t", URL: fmt.Sprintf("https://o%d.example/a", i)})
	}
	// The alert's own outlet and a repeat are not listed.
	also = append(also, alert.Outlet{Feed: a.Feed, URL: "https://own.example/"}, alert.Outlet{Feed: "outlet 3 <!HERE>", URL: "https://again.example/"})
	edit := alert.Delivery{ID: 2, Channel: "desk", Kind: alert.KindEdit, Target: first.MessageID, Alert: a, Also: also}
	for range 2 {
		rc, err := n.Deliver(ctx, edit)
		if err != nil || rc.MessageID != first.MessageID {
			t.Fatalf("edit: %+v %v", rc, err)
		}
	}
	msgs := fake.Messages("C0NEWSROOM")
	if len(msgs) != 1 || !msgs[0].Edited {
		t.Fatalf("messages after the edits: %+v", msgs)
	}
	text := msgs[0].AllText()
	if !strings.Contains(text, "*Also:* <https://o0.example/a|Outlet 0 &lt;!here&gt;>, <https://o1.example/a|") || !strings.Contains(text, " +2") {
		t.Errorf("edited message:\n%s", text)
	}
	if strings.Join(msgs[0].Mentions, ",") != "subteam:S0DESK123" || msgs[0].Metadata == nil {
		t.Errorf("the edit changed the mentions %v or dropped the metadata", msgs[0].Mentions)
	}

	// A follow-up goes into the first message's thread, pinging nobody.
	fu := alert.Delivery{ID: 3, Channel: "desk", Nonce: "n3", Kind: alert.KindFollowUp, Target: first.MessageID, InThread: true, Alert: a}
	rc, err := n.Deliver(ctx, fu)
	if err != nil || rc.ThreadID != first.MessageID {
		t.Fatalf("follow-up: %+v %v", rc, err)
	}
	msgs = fake.Messages("C0NEWSROOM")
	if len(msgs) != 2 || msgs[1].ThreadTS != first.MessageID || len(msgs[1].Mentions) != 0 || !strings.Contains(msgs[1].AllText(), "New in this story") {
		t.Fatalf("follow-up message %+v", msgs[1])
	}

	// A follow-up whose answer was lost is found in the thread, not
	// posted again.
	fake.DropResponseNext("C0NEWSROOM")
	fu2 := alert.Delivery{ID: 4, Channel: "desk", Nonce: "n4", Kind: alert.KindFollowUp, Target: first.MessageID, Thread: first.MessageID, Alert: a}
	if _, err := n.Deliver(ctx, fu2); err == nil {
		t.Fatal("a lost response succeeded")
	}
	fu2.SentAt = time.Now()
	rc, err = n.Deliver(ctx, fu2)
	if err != nil || !rc.Found {
		t.Fatalf("retry of the lost follow-up: %+v %v", rc, err)
	}
	if got := len(fake.Messages("C0NEWSROOM")); got != 3 {
		t.Errorf("%d messages, want 3", got)
	}

	// An edit of a message that is gone, or of a webhook's, cannot succeed.
	for name, d := range map[string]alert.Delivery{
		"gone":    {ID: 5, Channel: "desk", Kind: alert.KindEdit, Target: "1.000001", Alert: a},
		"webhook": {ID: 6, Channel: "partners", Kind: alert.KindEdit, Target: "", Alert: a},
	} {
		if _, err := n.Deliver(ctx, d); !alert.IsPermanent(err) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A webhook channel's follow-up is a message of its own.
	if _, err := n.Deliver(ctx, alert.Delivery{ID: 7, Channel: "partners", Kind: alert.KindFollowUp, Alert: a}); err != nil {
		t.Fatal(err)
	}
	if m := fake.Messages("C0PARTNERS"); len(m) != 1 || m[0].ThreadTS != "" {
		t.Errorf("webhook follow-up %+v", m)
	}
}

func TestStoryMessageWithinLimits(t *testing.T) {
	var also []alert.Outlet
	for i := range 40 {
		also = append(also, alert.Outlet{Feed: fmt.Sprint(i, strings.Repeat(" Outlet", 20)), URL: fmt.Sprintf("https://o%d.example/%s", i, strings.Repeat("p", 1500))})
	}
	got := postToFake(t, StoryMessage(sampleAlert(), also, Style{}))
	last := got.Blocks[len(got.Blocks)-1].Texts()[0]
	var shown int
	shown = strings.Count(last, "<https://")
	if shown == 0 || !strings.HasSuffix(last, fmt.Sprintf(" +%d", 40-shown)) {
		t.Errorf("also line: %d shown, %q", shown, last[max(0, len(last)-20):])
	}
}

func TestStoryAnswer(t *testing.T) {
	pub := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var arts []store.Article
	for i := range 3 {
		arts = append(arts, store.Article{URL: fmt.Sprintf("https://o%d.example/a", i), Feed: fmt.Sprintf("Outlet %d", i), Title: fmt.Sprintf("Headline %d", i), Published: pub})
	}
	ans := commands.Story{ID: 7, Articles: arts, Total: 120, Speakers: []commands.SpeakerQuotes{
		{Speaker: "Dmitry Peskov", Quotes: []commands.StoryQuote{{Text: "“We will see,”", Article: arts[1]}}},
		{Speaker: "", Quotes: []commands.StoryQuote{{Text: "Nobody <!here> knows", Article: arts[2]}}},
	}}
	got := postToFake(t, storyMessage(ans))
	text := got.AllText()
	for _, want := range []string{"*Story:* <https://o0.example/a|Headline 0>", "• Outlet 1 · <!date^", "… and 117 articles more",
		"*Dmitry Peskov*\n> “We will see” — Outlet 1", "*Not attributed*\n> “Nobody &lt;!here&gt; knows” — Outlet 2", "120 articles"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if len(got.Mentions) != 0 {
		t.Errorf("mentions %v", got.Mentions)
	}
}

// A later article of an outlet named already is listed by its title when
// the pipeline marks it (ByTitle); a plain repeat is left out.
func TestStoryMessageListsAnOutletsOtherArticleByTitle(t *testing.T) {
	a := sampleAlert()
	also := []alert.Outlet{
		{Feed: a.Feed, Title: "Putin visits Rome for talks on grain", URL: "https://own.example/rome", ByTitle: true},
		{Feed: a.Feed, Title: "Same story (updated)", URL: "https://own.example/updated"},
		{Feed: "Herald", Title: "Herald's take", URL: "https://herald.example/x"},
	}
	got := postToFake(t, StoryMessage(a, also, Style{}))
	last := got.Blocks[len(got.Blocks)-1].Texts()[0]
	if !strings.Contains(last, "|"+a.Feed+": Putin visits Rome for talks on grain>") || strings.Contains(last, "updated") || !strings.Contains(last, "|Herald>") {
		t.Errorf("also line %q", last)
	}
}

// A digest (flood control) whose story grew is edited as a digest: the
// story's line counts its later outlet.
func TestDigestEditedWhole(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
	defer fake.Close()
	n, err := New(Options{Token: fake.Token(), APIBase: fake.URL(), Channels: map[string]Channel{"desk": {ID: "C0NEWSROOM"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, b := sampleAlert(), sampleAlert()
	a.Story, b.Story, b.Title, b.URL = 1, 2, "Another story", "https://wire.example/b"
	title := "2 more alerts (this channel's hourly limit is reached)"
	posted, err := n.Deliver(ctx, alert.Delivery{ID: 1, Channel: "desk", Nonce: "f1", Kind: alert.KindDigest, Title: title, Digest: []alert.Alert{a, b}})
	if err != nil {
		t.Fatal(err)
	}
	later := a
	later.Feed, later.URL = "Herald", "https://herald.example/a"
	edit := alert.Delivery{ID: 3, Channel: "desk", Kind: alert.KindEdit, Target: posted.MessageID, Title: title, Digest: []alert.Alert{a, later, b}}
	if _, err := n.Deliver(ctx, edit); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages("C0NEWSROOM")
	if len(msgs) != 1 || !msgs[0].Edited {
		t.Fatalf("messages after the edit: %+v", msgs)
	}
	if text := msgs[0].AllText(); !strings.Contains(text, "— Wire +1 outlet") || !strings.Contains(text, "Another story") || strings.Contains(text, "herald.example") {
		t.Errorf("edited digest:\n%s", text)
	}
}
