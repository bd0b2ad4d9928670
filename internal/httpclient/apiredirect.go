package httpclient

import (
	"fmt"
	"net/http"
)

// RedirectError is a redirect that an API client (the chat platforms' REST
// calls and webhooks) does not follow, because the request it would make is
// not the one asked for: a 301, 302 or 303 turns a POST or a PATCH into a GET
// without its body (a webhook's GET answers with the webhook, which reads
// like a stored message), and a redirect to another host drops the
// Authorization header (the bot token), so its answer would be a 401 that
// blames the token. It names the host it redirects to, never the path (a
// webhook's path holds its secret).
type RedirectError struct {
	Status int    // the redirect's HTTP status
	Method string // the method asked for
	Host   string // where it redirects
	// DropsAuth: the redirect goes to another host, which gets no credentials.
	DropsAuth bool
}

func (e *RedirectError) Error() string {
	why := fmt.Sprintf("it would make the %s a GET without its body, which delivers nothing", e.Method)
	if e.DropsAuth {
		why = "the credentials are not sent to another host"
	}
	return fmt.Sprintf("HTTP %d redirects to %s, not followed (%s): configure the address it redirects to", e.Status, e.Host, why)
}

// APIRedirects wraps a client's CheckRedirect (nil: Go's default, ten
// redirects) for API calls: a redirect is followed only when it keeps the
// method and the credentials — a 307 or 308 within the host, or of a request
// without an Authorization header (a webhook, whose secret is its URL).
// Otherwise the request fails with a *RedirectError (wrapped in the client's
// *url.Error).
func APIRedirects(next func(req *http.Request, via []*http.Request) error) func(req *http.Request, via []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		switch {
		case req.Method != first.Method:
			return &RedirectError{Status: status, Method: first.Method, Host: req.URL.Host}
		case first.Header.Get("Authorization") != "" && req.Header.Get("Authorization") == "":
			return &RedirectError{Status: status, Method: first.Method, Host: req.URL.Host, DropsAuth: true}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= MaxRedirects {
			return fmt.Errorf("%w (%d)", ErrTooManyRedirects, MaxRedirects)
		}
		return nil
	}
}
