package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/slackfake"
)

// An incoming webhook or the Web API behind a redirect (a proxy, an
// http:// URL sent on to https://): a 301, 302 or 303 turns Go's POST into
// a GET without the message. The webhook's GET was refused (405) and the
// alert recorded as refused, never to go out; the API's GET carried no token
// (not_authed), which paused the bot token as if it had been revoked. Such a
// redirect is not followed: the destination is paused, its alerts kept, with
// an error naming the redirect and the channel and no secret. 307 and 308
// keep the POST, and are followed.
func TestRedirectNeverTurnsAPostIntoAGet(t *testing.T) {
	for _, code := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			fake := slackfake.New(slackfake.Options{Channels: []string{"C0NEWSROOM"}})
			defer fake.Close()
			hook := fake.AddWebhook("C0HOOKED01", "verysecret99")
			redir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, fake.URL()+r.URL.RequestURI(), code)
			}))
			defer redir.Close()
			n, err := New(Options{Token: fake.Token(), APIBase: redir.URL, Channels: map[string]Channel{
				"desk":     {ID: "C0NEWSROOM"},
				"partners": {WebhookURL: strings.Replace(hook, fake.URL(), redir.URL, 1)},
			}})
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range []string{"partners", "desk"} {
				d := alert.Delivery{ID: 1, Channel: ch, Nonce: "n1", Kind: alert.KindNotice, Title: "Putin speaks", Text: "x"}
				_, err := n.Deliver(context.Background(), d)
				posted := len(fake.Messages("C0HOOKED01"))
				if ch == "desk" {
					posted = len(fake.Messages("C0NEWSROOM"))
				}
				if code == 307 || code == 308 {
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
				msg := err.Error()
				t.Logf("%s: %s (destination %s)", ch, msg, auth.Destination)
				if posted != 0 {
					t.Errorf("%s: %d posted", ch, posted)
				}
				if !strings.Contains(msg, ch) || !strings.Contains(msg, fmt.Sprint(code)) || !strings.Contains(msg, "redirect") {
					t.Errorf("%s: the error does not name the channel, the status and the redirect: %q", ch, msg)
				}
				if strings.Contains(msg, "verysecret99") || strings.Contains(msg, fake.Token()) || strings.Contains(auth.Destination, "secret") {
					t.Errorf("%s: a secret in %q (destination %q)", ch, msg, auth.Destination)
				}
			}
		})
	}
}
