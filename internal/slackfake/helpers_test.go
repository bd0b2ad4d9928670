package slackfake

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/slack-go/slack"
)

func newTestServer(f http.HandlerFunc) *httptest.Server { return httptest.NewServer(f) }

// withVerifier feeds the request's body to the verifier as it is read.
func withVerifier(r *http.Request, sv *slack.SecretsVerifier) *http.Request {
	body, _ := io.ReadAll(r.Body)
	sv.Write(body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	return r
}
