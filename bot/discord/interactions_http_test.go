package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

// signed builds a request to the endpoint signed with key at ts.
func signed(t *testing.T, url string, key ed25519.PrivateKey, ts time.Time, body []byte) *http.Request {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	return req
}

func do(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestInteractionsEndpointSignatures(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	ping := []byte(`{"id":"1","application_id":"` + h.srv.ApplicationID() + `","type":1,"token":"tok","version":1}`)
	_, otherKey, _ := ed25519.GenerateKey(nil)

	t.Run("ping", func(t *testing.T) {
		status, body := do(t, signed(t, h.endpoint.URL, h.key, h.now, ping))
		var resp struct{ Type int }
		if status != 200 || json.Unmarshal(body, &resp) != nil || resp.Type != discordfake.CallbackPong {
			t.Fatalf("PING: HTTP %d %s, want 200 {\"type\":1}", status, body)
		}
	})
	refused := []struct {
		name string
		req  func() *http.Request
	}{
		{"tampered body", func() *http.Request {
			r := signed(t, h.endpoint.URL, h.key, h.now, ping)
			r.Body = io.NopCloser(bytes.NewReader(bytes.Replace(ping, []byte(`"type":1`), []byte(`"type":2`), 1)))
			return r
		}},
		{"tampered timestamp", func() *http.Request {
			r := signed(t, h.endpoint.URL, h.key, h.now, ping)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(h.now.Unix()+1, 10))
			return r
		}},
		{"stale", func() *http.Request { return signed(t, h.endpoint.URL, h.key, h.now.Add(-6*time.Minute), ping) }},
		{"from the future", func() *http.Request { return signed(t, h.endpoint.URL, h.key, h.now.Add(6*time.Minute), ping) }},
		{"other key", func() *http.Request { return signed(t, h.endpoint.URL, otherKey, h.now, ping) }},
		{"unsigned", func() *http.Request {
			r := signed(t, h.endpoint.URL, h.key, h.now, ping)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}},
		{"signature not hex", func() *http.Request {
			r := signed(t, h.endpoint.URL, h.key, h.now, ping)
			r.Header.Set("X-Signature-Ed25519", "zz")
			return r
		}},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			if status, body := do(t, c.req()); status != http.StatusUnauthorized {
				t.Fatalf("HTTP %d %s, want 401", status, body)
			}
		})
	}
	t.Run("stale command is not run", func(t *testing.T) {
		in := h.srv.RegisterInteraction(slash("watches", manageNo))
		body, _ := json.Marshal(in)
		if status, _ := do(t, signed(t, h.endpoint.URL, h.key, h.now.Add(-10*time.Minute), body)); status != http.StatusUnauthorized {
			t.Fatalf("HTTP %d, want 401", status)
		}
		time.Sleep(50 * time.Millisecond)
		if st, _ := h.srv.InteractionState(in.ID); len(st.Responses) != 0 || st.Original != nil {
			t.Fatalf("a refused request was answered: %+v", st)
		}
	})
	t.Run("GET", func(t *testing.T) {
		resp, err := http.Get(h.endpoint.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("GET: HTTP %d", resp.StatusCode)
		}
	})
}

func TestInteractionsEndpointWithoutKeyRefusesAll(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	h.bot.cmds.publicKey = nil
	ping := []byte(`{"id":"1","type":1,"token":"tok","version":1}`)
	if status, _ := do(t, signed(t, h.endpoint.URL, h.key, h.now, ping)); status != http.StatusUnauthorized {
		t.Fatalf("HTTP %d, want 401 without a configured key", status)
	}
}

func TestServeInteractions(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{noGateway: true})
	h.bot.cmds.cfg.Interactions.Listen = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.bot.ServeInteractions(ctx) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ServeInteractions did not stop with its context")
	}
}
