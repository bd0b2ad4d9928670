package discordfake

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPostInteraction(t *testing.T) {
	s := New(Options{Channels: []string{"1"}})
	defer s.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	var edited chan error
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts := r.Header.Get("X-Signature-Timestamp")
		sig, _ := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		n, _ := strconv.ParseInt(ts, 10, 64)
		if !ed25519.Verify(pub, append([]byte(ts), body...), sig) || time.Since(time.Unix(n, 0)) > time.Minute {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var in Interaction
		_ = json.Unmarshal(body, &in)
		if in.Type == InteractionPing {
			_ = json.NewEncoder(w).Encode(map[string]any{"type": CallbackPong})
			return
		}
		// Defer, then edit at once: the edit must wait for the answer.
		go func() {
			req, _ := http.NewRequest(http.MethodPatch, s.URL()+"/api/v9/webhooks/"+in.ApplicationID+"/"+in.Token+"/messages/@original",
				strings.NewReader(`{"content":"done","allowed_mentions":{"parse":[]}}`))
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err == nil && resp.StatusCode != 200 {
				b, _ := io.ReadAll(resp.Body)
				err = &httpError{resp.StatusCode, string(b)}
			}
			edited <- err
		}()
		_ = json.NewEncoder(w).Encode(map[string]any{"type": CallbackDeferredChannelMessage})
	}))
	defer endpoint.Close()

	in, status, err := s.PostInteraction(context.Background(), endpoint.URL, priv, Interaction{Type: InteractionPing})
	if err != nil || status != 200 {
		t.Fatalf("ping: %d %v", status, err)
	}
	if st, _ := s.InteractionState(in.ID); len(st.Responses) != 1 || st.Responses[0].Type != CallbackPong {
		t.Fatalf("ping state %+v", st)
	}
	edited = make(chan error, 1)
	in, status, err = s.PostInteraction(context.Background(), endpoint.URL, priv, Interaction{Type: InteractionApplicationCommand,
		ChannelID: "1", Data: &InteractionData{Name: "x"}})
	if err != nil || status != 200 {
		t.Fatalf("command: %d %v", status, err)
	}
	if err := <-edited; err != nil {
		t.Fatalf("edit right after the answer: %v", err)
	}
	st, _ := s.InteractionState(in.ID)
	if st.Responses[0].Type != CallbackDeferredChannelMessage || st.Original == nil || st.Original.Content != "done" {
		t.Fatalf("state %+v", st)
	}
	_, otherKey, _ := ed25519.GenerateKey(nil)
	if _, status, _ := s.PostInteraction(context.Background(), endpoint.URL, otherKey, Interaction{Type: InteractionPing}); status != 401 {
		t.Fatalf("wrong key: HTTP %d", status)
	}
}

type httpError struct {
	status int
	body   string
}

func (e *httpError) Error() string { return strconv.Itoa(e.status) + ": " + e.body }
