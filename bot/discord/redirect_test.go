package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/discordfake"
)

// A webhook URL or an API base behind a redirect (a proxy, an http:// URL
// sent on to https://). Go's client turns a POST redirected with 301, 302 or
// 303 into a GET: a webhook's GET answers with the webhook itself, which
// looked like a stored message — the alert was marked delivered, and nothing
// was posted. Such a redirect is not followed: the destination is paused
// (its alerts kept) with an error naming the redirect and the channel, no
// secret. 307 and 308 keep the method and the body, and are followed —
// but not when they would send a bot call on without its token (Go drops
// it for another host: a 401 that blamed the token).
func TestRedirectNeverTurnsAPostIntoAGet(t *testing.T) {
	const hookChannel = "223456789012345678"
	for _, code := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv := discordfake.New(discordfake.Options{Token: "bot-SECRET-token", Channels: []string{newsroom}})
			defer srv.Close()
			srv.AddChannelWebhook(hookID, hookToken, hookChannel)
			redir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, srv.URL()+r.URL.RequestURI(), code)
			}))
			defer redir.Close()
			b, err := New(Options{
				Token:   srv.Token(),
				APIBase: redir.URL, // the bot's REST calls are redirected too
				Channels: map[string]Channel{
					"newsroom": {DiscordID: newsroom},
					"partners": {WebhookURL: redir.URL + "/api/webhooks/" + hookID + "/" + hookToken},
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range []string{"partners", "newsroom"} {
				_, err := b.Deliver(context.Background(), delivery(1, ch))
				posted := len(srv.WebhookMessages(hookID))
				if ch == "newsroom" {
					posted = len(srv.Messages(newsroom))
				}
				// A bot call's 307 goes to another host than discord.com,
				// which would not get the bot token: not followed either.
				if (code == 307 || code == 308) && ch == "partners" {
					if err != nil || posted != 1 {
						t.Errorf("%s: %d keeps the method: want it followed and posted once; err %v, %d posted", ch, code, err, posted)
					}
					continue
				}
				var auth *alert.AuthError
				if !errors.As(err, &auth) {
					t.Errorf("%s: a %d of a POST: want the destination paused (AuthError), got %v (%d posted)", ch, code, err, posted)
					continue
				}
				if posted != 0 {
					t.Errorf("%s: %d posted", ch, posted)
				}
				msg := err.Error()
				t.Logf("%s: %s", ch, msg)
				if !strings.Contains(msg, ch) || !strings.Contains(msg, fmt.Sprint(code)) || !strings.Contains(msg, "redirect") {
					t.Errorf("%s: the error does not name the channel, the status and the redirect: %q", ch, msg)
				}
				if strings.Contains(msg, hookToken) || strings.Contains(msg, srv.Token()) || strings.Contains(auth.Destination, hookToken) {
					t.Errorf("%s: a secret in %q (destination %q)", ch, msg, auth.Destination)
				}
			}
		})
	}
}
