package discord

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/alert"
)

func digestAlert(watch, title, url, feed string) alert.Alert {
	return alert.Alert{Watch: watch, Title: title, URL: url, Feed: feed}
}

func TestDigestMessage(t *testing.T) {
	alerts := []alert.Alert{
		digestAlert("russia-watch", "Kremlin denies claims", "https://a.example/1", "Example Times"),
		digestAlert("climate", "Heatwave **record** (again)", "https://b.example/wiki/Heat_(2026)", "Daily [News]"),
		digestAlert("russia-watch", "@everyone Sanctions widen", "javascript:alert(1)", ""),
	}
	msg := DigestMessage("Morning digest", alerts, map[string]Style{"russia-watch": {Color: 0x123456, Mention: roleID}})
	checkMessage(t, msg)
	if msg.Content != "" || len(msg.AllowedMentions.Roles) != 0 {
		t.Errorf("a digest pings: %q %+v", msg.Content, msg.AllowedMentions)
	}
	e := msg.Embeds[0]
	if e.Title != "Morning digest" || e.Color != 0x123456 || e.Footer.Text != "3 alerts · 2 watches" || len(e.Fields) != 2 {
		t.Fatalf("embed %+v", e)
	}
	want := []struct{ name, value string }{
		{"russia-watch", "• [Kremlin denies claims](https://a.example/1) — Example Times\n• @\u200beveryone Sanctions widen"},
		{"climate", `• [Heatwave \*\*record\*\* (again)](https://b.example/wiki/Heat_%282026%29) — Daily \[News\]`},
	}
	for i, w := range want {
		if e.Fields[i].Name != w.name || e.Fields[i].Value != w.value {
			t.Errorf("field %d = %q: %q\nwant %q: %q", i, e.Fields[i].Name, e.Fields[i].Value, w.name, w.value)
		}
	}
}

var moreCount = regexp.MustCompile(`…and (\d+) more`)

func TestDigestOverflowAccountsForEveryAlert(t *testing.T) {
	for _, n := range []int{0, 1, 40, 400, 3000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var alerts []alert.Alert
			for i := range n {
				alerts = append(alerts, digestAlert(fmt.Sprintf("watch-%d", i%37),
					strings.Repeat("長い見出し 🇺🇦 ", 1+i%20), fmt.Sprintf("https://news.example/%d/%s", i, strings.Repeat("x", i%90)), "Outlet"))
			}
			msg := DigestMessage("Digest", alerts, nil)
			checkMessage(t, msg)
			e := msg.Embeds[0]
			total := 0
			for _, f := range e.Fields {
				for _, line := range strings.Split(f.Value, "\n") {
					if m := moreCount.FindStringSubmatch(line); m != nil {
						k, _ := strconv.Atoi(m[1])
						total += k
					} else {
						total++
					}
				}
			}
			if m := moreCount.FindStringSubmatch(e.Description); m != nil {
				k, _ := strconv.Atoi(m[1])
				total += k
			}
			if total != n {
				t.Fatalf("digest accounts for %d alerts, want %d", total, n)
			}
		})
	}
}

func TestPostDigestAndNotice(t *testing.T) {
	f := newFixture(t)
	var alerts []alert.Alert
	for i := range 300 {
		alerts = append(alerts, digestAlert("w"+strconv.Itoa(i%30), strings.Repeat("Ж", 100), "https://x.example/"+strconv.Itoa(i), "F"))
	}
	ctx := context.Background()
	if err := f.bot.Post(ctx, "newsroom", "digest-1", DigestMessage("Digest", alerts, nil)); err != nil {
		t.Fatalf("the fake refused the digest: %v", err)
	}
	if err := f.bot.Post(ctx, "partners", "", NoticeMessage("Feed failing: <@1>", "5 failures in a row\n\n**timeout** @here", 0xf39c12)); err != nil {
		t.Fatalf("the fake refused the notice: %v", err)
	}
	n := f.srv.WebhookMessages(hookID)
	if len(f.srv.Messages(newsroom)) != 1 || len(n) != 1 {
		t.Fatalf("messages: %d in channel, %d via webhook", len(f.srv.Messages(newsroom)), len(n))
	}
	if d := n[0].Embeds[0]; d.Title != `Feed failing: \<@1>` || d.Description != "5 failures in a row\n\n\\*\\*timeout\\*\\* @\u200bhere" || n[0].MentionEveryone {
		t.Errorf("notice %+v", d)
	}
	if err := f.bot.Post(ctx, "newsroom", strings.Repeat("n", 26), NoticeMessage("x", "y", 0)); !alert.IsPermanent(err) {
		t.Errorf("over-long nonce: %v", err)
	}
}

func FuzzDigestMessage(f *testing.F) {
	f.Add("Digest", "watch", "Headline **x** <@1>", "https://x.example/a_(b)", "Feed @everyone", 3)
	f.Add("", "", "", "", "", 0)
	f.Fuzz(func(t *testing.T, title, watch, headline, url, feed string, n int) {
		n = min(max(n, 0), 200)
		var alerts []alert.Alert
		for i := range n {
			alerts = append(alerts, digestAlert(watch+strconv.Itoa(i%7), headline, url, feed))
		}
		checkMessage(t, DigestMessage(title, alerts, nil))
	})
}

func TestCountsInGoodEnglish(t *testing.T) {
	msg := DigestMessage("Digest", []alert.Alert{{Watch: "w", Title: "T", URL: "https://e.example/1"}}, nil)
	if f := msg.Embeds[0].Footer.Text; f != "1 alert · 1 watch" {
		t.Errorf("digest footer %q", f)
	}
}
