package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The HTTP interactions endpoint: Discord POSTs each interaction, signed
// with the application's Ed25519 key over timestamp+body
// (X-Signature-Ed25519, X-Signature-Timestamp), and takes the response body
// as the first answer. Requests that are not signed by the configured key,
// or whose timestamp is more than maxSkew away, get 401 and are not read
// further. PING is answered with PONG; everything else goes through the same
// handler as the gateway's INTERACTION_CREATE, and deferred answers are
// completed over REST as there.

const (
	maxInteractionBody = 1 << 20
	maxSkew            = 5 * time.Minute
)

// InteractionsHandler is the HTTP interactions endpoint. It fails closed:
// without a configured public key every request is refused.
func (b *Bot) InteractionsHandler() http.Handler {
	return http.HandlerFunc(b.serveInteraction)
}

// ServeInteractions serves the endpoint on Commands.Interactions.Listen
// until ctx is cancelled, then shuts down gracefully.
func (b *Bot) ServeInteractions(ctx context.Context) error {
	if b.cmds == nil || b.cmds.cfg.Interactions.Listen == "" {
		return errors.New("bot: interactions endpoint: no listen address configured")
	}
	ln, err := net.Listen("tcp", b.cmds.cfg.Interactions.Listen)
	if err != nil {
		return fmt.Errorf("bot: interactions endpoint: %w", err)
	}
	srv := &http.Server{
		Handler:           b.InteractionsHandler(),
		ReadHeaderTimeout: interactionsReadHeader,
		ReadTimeout:       interactionsReadWrite,
		WriteTimeout:      interactionsReadWrite,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	b.log.Info("bot: interactions endpoint listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("bot: interactions endpoint: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), interactionsShutdown)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

func (b *Bot) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return
	}
	var key ed25519.PublicKey
	var now time.Time
	if b.cmds != nil {
		key, now = b.cmds.publicKey, b.cmds.now()
	}
	if !verifyInteraction(key, r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body, now) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, "invalid interaction", http.StatusBadRequest)
		return
	}
	first := make(chan *discordgo.InteractionResponse, 1)
	written := make(chan struct{})
	go b.handleInteraction(&in, func(resp *discordgo.InteractionResponse) error {
		select {
		case first <- resp:
		default:
			return errors.New("bot: interaction already answered")
		}
		// Edits must not reach Discord before the answer they edit.
		select {
		case <-written:
			return nil
		case <-time.After(firstAnswerWait + time.Second):
			return errors.New("bot: interactions endpoint: answer not delivered")
		}
	})
	defer close(written) // also releases a late answer, which then fails on its own
	select {
	case resp := <-first:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	case <-time.After(firstAnswerWait):
		http.Error(w, "no answer in time", http.StatusServiceUnavailable)
	case <-r.Context().Done():
	}
}

// verifyInteraction checks Discord's signature: Ed25519 over
// timestamp+body, with a timestamp (Unix seconds) within maxSkew of now.
func verifyInteraction(key ed25519.PublicKey, sigHex, timestamp string, body []byte, now time.Time) bool {
	if len(key) != ed25519.PublicKeySize || sigHex == "" || timestamp == "" {
		return false
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	if d := now.Sub(time.Unix(ts, 0)); d > maxSkew || d < -maxSkew {
		return false
	}
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	return ed25519.Verify(key, msg, sig)
}
