package discordfake

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// PostInteraction delivers an interaction to an HTTP interactions endpoint
// the way Discord does: it registers the interaction, signs
// timestamp+body with key (Ed25519; X-Signature-Ed25519,
// X-Signature-Timestamp), POSTs it to endpoint, and takes a 200 answer's
// body as the interaction's callback (as if POSTed to
// /interactions/{id}/{token}/callback). It returns the completed
// interaction and the endpoint's HTTP status; err reports a failed request
// or a callback the fake refused (with Discord's error body).
//
// Until that callback is applied, edits of the original response wait for
// it (briefly), since the bot may send them as soon as it has answered.
func (s *Server) PostInteraction(ctx context.Context, endpoint string, key ed25519.PrivateKey, in Interaction) (Interaction, int, error) {
	in = s.RegisterInteraction(in)
	s.mu.Lock()
	ack := make(chan struct{})
	s.interactions[in.ID].acked = ack
	s.mu.Unlock()
	defer close(ack)

	body, err := json.Marshal(in)
	if err != nil {
		return in, 0, fmt.Errorf("discordfake: encode interaction: %w", err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return in, 0, fmt.Errorf("discordfake: post interaction: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return in, 0, fmt.Errorf("discordfake: post interaction: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return in, resp.StatusCode, fmt.Errorf("discordfake: read interaction answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return in, resp.StatusCode, nil
	}
	cb := httptest.NewRequest(http.MethodPost, "/interactions/"+in.ID+"/"+in.Token+"/callback", bytes.NewReader(answer))
	cb.Header.Set("Content-Type", "application/json")
	cb.SetPathValue("id", in.ID)
	cb.SetPathValue("token", in.Token)
	rec := httptest.NewRecorder()
	s.handleCallback(rec, cb)
	if rec.Code != http.StatusNoContent {
		return in, resp.StatusCode, fmt.Errorf("discordfake: interaction answer refused: HTTP %d: %s", rec.Code, bytes.TrimSpace(rec.Body.Bytes()))
	}
	return in, resp.StatusCode, nil
}

// awaitAck waits (up to a second) until an interaction delivered by
// PostInteraction has its callback; the caller does not hold s.mu.
func (s *Server) awaitAck(token string) {
	s.mu.Lock()
	st, ok := s.interactionByToken(token)
	var ack chan struct{}
	if ok && len(st.Responses) == 0 {
		ack = st.acked
	}
	s.mu.Unlock()
	if ack == nil {
		return
	}
	select {
	case <-ack:
	case <-time.After(time.Second):
	}
}
