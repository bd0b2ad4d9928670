package slack

import (
	"context"
	"encoding/json"
	"errors"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// ServeSocket receives the /newshound command and its buttons over Socket
// Mode until ctx ends: the app opens a websocket to Slack with its
// app-level token (apps.connections.open), so newshound needs no public
// endpoint — many newsrooms cannot expose one. The answers are the same as
// over HTTP: a command done within ackAfter is answered in its
// acknowledgement, a slower one through response_url. slack-go reconnects
// with backoff; problem is told of a connection that fails (and of its
// recovery, with ""), for /healthz. It returns an error when Slack refuses
// the app-level token.
func (n *Notifier) ServeSocket(ctx context.Context, problem func(string)) error {
	if n.cmds == nil || n.cmds.cfg.AppToken == "" {
		return errors.New("slack: Socket Mode is not configured (slack.app_token)")
	}
	if problem == nil {
		problem = func(string) {}
	}
	api := slackgo.New(n.token, slackgo.OptionAppLevelToken(n.cmds.cfg.AppToken), slackgo.OptionAPIURL(n.apiBase+"/api/"),
		slackgo.OptionHTTPClient(n.client))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- sm.RunContext(ctx) }()
	defer n.cmds.wg.Wait()
	for {
		select {
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			err = n.redact(err)
			problem("Slack Socket Mode stopped: " + err.Error())
			return err
		case evt := <-sm.Events:
			n.socketEvent(ctx, sm, evt, problem)
		}
	}
}

func (n *Notifier) socketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event, problem func(string)) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		n.log.Info("slack: Socket Mode connected")
		problem("")
	case socketmode.EventTypeConnectionError:
		msg := "cannot connect"
		if ce, ok := evt.Data.(*slackgo.ConnectionErrorEvent); ok && ce.ErrorObj != nil {
			msg = n.redact(ce.ErrorObj).Error()
		}
		n.log.Warn("slack: Socket Mode connection failed; retrying", "error", msg)
		problem("Slack Socket Mode is not connected: " + msg)
	case socketmode.EventTypeInvalidAuth:
		problem("Slack refused the app-level token (slack.app_token)")
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slackgo.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		req := *evt.Request
		go n.dispatchSlash(ctx, cmd, func(rp *reply) {
			var err error
			if rp == nil {
				err = sm.AckCtx(ctx, req.EnvelopeID, nil)
			} else if body, merr := rp.body(); merr != nil {
				err = merr
			} else {
				err = sm.AckCtx(ctx, req.EnvelopeID, json.RawMessage(body))
			}
			if err != nil {
				n.log.Error("slack: acknowledging a command over Socket Mode", "command", cmd.Command, "error", err.Error())
			}
		})
	case socketmode.EventTypeInteractive:
		ic, ok := evt.Data.(slackgo.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		if err := sm.AckCtx(ctx, evt.Request.EnvelopeID, nil); err != nil {
			n.log.Error("slack: acknowledging a button over Socket Mode", "error", err.Error())
			return
		}
		n.startAction(ctx, ic)
	}
}
