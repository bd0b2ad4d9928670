package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/newshound/newshound/bot/commands"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/store"
)

// The /newshound slash command. Slack apps register one command per verb
// or one command with arguments; newshound registers one, /newshound, whose
// first word is the subcommand (search, latest, quotes, summary, why,
// watches, feeds, watch), so the app has a single command to install and
// every lookup is one Request URL. Requests arrive over HTTP at
// slack.listen, slash commands and button clicks (interactivity) alike;
// each is checked against the app's signing secret (v0 HMAC-SHA256 of
// "v0:timestamp:body", timestamps more than 5 minutes away refused): 401
// otherwise.
//
// Slack waits 3 seconds for an answer. A command that has answered within
// ackAfter is answered in the HTTP response; a slower one is acknowledged
// with an empty 200 and its answer posted to the request's response_url.
// Errors, help and /newshound watch answer only the caller (ephemeral);
// lookups answer the channel. Search pages carry Previous/Next buttons whose
// value holds the whole search (a query is at most 1,000 characters, a
// button's value 2,000), so a click needs no state; the page replaces the
// message it was clicked in. The lookups and checks are bot/commands';
// this file parses and answers.

// Commands configures the /newshound command (EnableCommands). Store and
// Pipeline are required, and Listen with SigningSecret, or AppToken, or both.
type Commands struct {
	Store    *store.Store
	Pipeline commands.Pipeline
	// ArticleFetcher fetches pages for /newshound summary; nil: summary is
	// unavailable.
	ArticleFetcher *article.Fetcher
	// AllowPrivate lets summary fetch loopback and private addresses.
	AllowPrivate bool
	// SigningSecret is the app's signing secret (needed with Listen).
	SigningSecret string
	// Listen is where ServeCommands listens (e.g. ":8081").
	Listen string
	// AppToken is the app-level token (xapp-…) ServeSocket connects with:
	// Socket Mode, for a newshound that cannot be reached from Slack.
	AppToken string
	// Admins may change watches: user IDs (U…, W…) and user group IDs (S…).
	Admins []string
	// AckAfter is how long a command may take before it is acknowledged and
	// answered through response_url (default 2 s: Slack waits 3).
	AckAfter time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// commandTimeout bounds a command's work once acknowledged (a response_url
// stays valid for 30 minutes; a lookup should not take a fraction of it).
const commandTimeout = 2 * time.Minute

// fetchTimeout bounds /newshound summary's page fetch.
const fetchTimeout = 30 * time.Second

// commandSet is the Notifier's slash-command state.
type commandSet struct {
	cfg  Commands
	look *commands.Lookups
	wg   sync.WaitGroup // answers in flight
}

// EnableCommands prepares the /newshound command. It makes no network
// calls; ServeCommands (or Handler) receives the requests.
func (n *Notifier) EnableCommands(c *Commands) error {
	switch {
	case c == nil || c.Store == nil || c.Pipeline == nil:
		return errors.New("slack: commands need a store and the pipeline")
	case c.Listen == "" && c.AppToken == "":
		return errors.New("slack: commands need an address to listen on or an app-level token (Socket Mode)")
	case c.Listen != "" && strings.TrimSpace(c.SigningSecret) == "":
		return errors.New("slack: commands received over HTTP need the app's signing secret")
	}
	cfg := *c
	if cfg.AckAfter <= 0 {
		cfg.AckAfter = 2 * time.Second
	}
	n.secrets = append(n.secrets, cfg.SigningSecret, cfg.AppToken)
	n.cmds = &commandSet{cfg: cfg, look: &commands.Lookups{Store: c.Store, Pipeline: c.Pipeline, Now: c.Now, Log: n.log}}
	return nil
}

// ServeCommands receives slash commands and button clicks on the configured
// address until ctx ends, then waits for the answers in flight.
func (n *Notifier) ServeCommands(ctx context.Context) error {
	if n.cmds == nil {
		return errors.New("slack: commands are not enabled")
	}
	ln, err := net.Listen("tcp", n.cmds.cfg.Listen)
	if err != nil {
		return fmt.Errorf("slack.listen: %w", err)
	}
	// Slack's requests are small and answered within 3 s: a client that
	// takes longer to send one is not Slack.
	srv := &http.Server{Handler: n.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 20 * time.Second,
		WriteTimeout: 20 * time.Second, IdleTimeout: time.Minute}
	n.log.Info("slack: receiving /newshound", "address", ln.Addr().String())
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err = srv.Serve(ln)
	n.cmds.wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// maxRequestBody bounds a request from Slack (a slash command is a small
// form; an interaction payload carries the message's blocks).
const maxRequestBody = 1 << 20

// Handler answers Slack's requests: signed slash commands and block
// actions, on any path (the app's slash command and interactivity Request
// URLs may be the same).
func (n *Notifier) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.cmds == nil || n.cmds.cfg.SigningSecret == "" {
			http.Error(w, "commands are not enabled", http.StatusServiceUnavailable)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		if err != nil || len(body) > maxRequestBody {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		sv, err := slackgo.NewSecretsVerifier(r.Header, n.cmds.cfg.SigningSecret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			n.log.Warn("slack: request refused: bad or old signature", "error", err.Error(), "remote", r.RemoteAddr)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if payload := r.PostForm.Get("payload"); payload != "" {
			n.handleInteraction(w, r.Context(), payload)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		cmd, err := slackgo.SlashCommandParse(r)
		if err != nil || cmd.Command == "" {
			http.Error(w, "not a slash command", http.StatusBadRequest)
			return
		}
		n.handleSlash(w, r.Context(), cmd)
	})
}

// reply is an answer: a message for the caller only (ephemeral) or the
// channel, optionally replacing the message a button was clicked in.
type reply struct {
	Message
	ephemeral bool
	replace   bool
}

// responseBody is reply as Slack's response JSON.
func (rp reply) body() ([]byte, error) {
	typ := slackgo.ResponseTypeInChannel
	if rp.ephemeral {
		typ = slackgo.ResponseTypeEphemeral
	}
	m := map[string]any{"response_type": typ, "text": rp.Text, "replace_original": rp.replace}
	if len(rp.Blocks) > 0 {
		m["blocks"] = rp.Blocks
	}
	return json.Marshal(m)
}

// handleSlash runs one slash command received over HTTP: answered in the
// HTTP response when it is done within ackAfter, else acknowledged with an
// empty 200 and answered through response_url.
func (n *Notifier) handleSlash(w http.ResponseWriter, ctx context.Context, cmd slackgo.SlashCommand) {
	n.dispatchSlash(ctx, cmd, func(rp *reply) {
		if rp == nil {
			w.WriteHeader(http.StatusOK) // the answer follows through response_url
			return
		}
		body, err := rp.body()
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

// dispatchSlash runs a slash command and calls ack once, before it returns:
// with the answer when the command is done within ackAfter, else with nil —
// the answer is then posted to the command's response_url when ready.
func (n *Notifier) dispatchSlash(ctx context.Context, cmd slackgo.SlashCommand, ack func(*reply)) {
	var (
		mu     sync.Mutex
		answer *reply // set by the command when it is done first
		acked  bool   // set when the acknowledgement went out first
	)
	ready := make(chan struct{})
	cs := n.cmds
	cs.wg.Add(1)
	go func() {
		defer cs.wg.Done()
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commandTimeout)
		defer cancel()
		rp := n.runCommand(wctx, cmd)
		mu.Lock()
		late := acked
		if !late {
			answer = &rp
		}
		mu.Unlock()
		if !late {
			close(ready)
			return
		}
		if err := n.postResponse(wctx, cmd.ResponseURL, rp); err != nil {
			n.log.Error("slack: answering through response_url", "command", cmd.Command, "error", n.redact(err).Error())
		}
	}()
	timer := time.NewTimer(cs.cfg.AckAfter)
	defer timer.Stop()
	select {
	case <-ready:
	case <-timer.C:
	}
	mu.Lock()
	rp := answer
	acked = rp == nil
	mu.Unlock()
	ack(rp)
}

// postResponse posts rp to a response_url.
func (n *Notifier) postResponse(ctx context.Context, responseURL string, rp reply) error {
	if !strings.HasPrefix(responseURL, "https://") && !strings.HasPrefix(responseURL, "http://") {
		return errors.New("slack: no response_url to answer through")
	}
	body, err := rp.body()
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("slack: response_url answered HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(answer)))
	}
	return nil
}

// handleInteraction answers a button click received over HTTP:
// acknowledged at once (Slack ignores the body), the page posted through
// response_url.
func (n *Notifier) handleInteraction(w http.ResponseWriter, ctx context.Context, payload string) {
	var ic slackgo.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &ic); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	n.startAction(ctx, ic)
}

// startAction answers a block action through its response_url, in the
// background.
func (n *Notifier) startAction(ctx context.Context, ic slackgo.InteractionCallback) {
	if ic.Type != slackgo.InteractionTypeBlockActions || len(ic.ActionCallback.BlockActions) == 0 {
		return
	}
	act := ic.ActionCallback.BlockActions[0]
	cs := n.cmds
	cs.wg.Add(1)
	go func() {
		defer cs.wg.Done()
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commandTimeout)
		defer cancel()
		rp := n.handleAction(wctx, act.ActionID, act.Value)
		if err := n.postResponse(wctx, ic.ResponseURL, rp); err != nil {
			n.log.Error("slack: answering a button through response_url", "action", act.ActionID, "error", n.redact(err).Error())
		}
	}()
}

// isAdmin reports whether user may change watches: listed, or a member of
// a listed user group (asked of Slack: usergroups:read).
func (n *Notifier) isAdmin(ctx context.Context, user string) (bool, error) {
	admins := n.cmds.cfg.Admins
	if slices.Contains(admins, user) {
		return true, nil
	}
	var firstErr error
	for _, id := range admins {
		if !isUserGroupID(id) {
			continue
		}
		members, err := n.api.GetUserGroupMembersContext(ctx, id)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("slack: members of user group %s: %w", id, err)
			}
			continue
		}
		if slices.Contains(members, user) {
			return true, nil
		}
	}
	return false, firstErr
}
