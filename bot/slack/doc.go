// Package slack is newshound's Slack side: alerts, digests and operations
// notices rendered as Block Kit (render.go: every Slack limit kept, feed
// text escaped so it cannot link or mention, only a watch's configured user
// group pinged), and the Notifier that posts them through the Web API with
// the app's bot token or through incoming webhooks (notifier.go).
//
// Exactly once across crashes: Slack has no nonce, so every message the
// bot posts carries message metadata (event type newshound_delivery, the
// delivery's reference in its payload); a delivery an earlier attempt may
// have posted is first looked for in the channel's history
// (conversations.history with include_all_metadata) and not posted again
// when found. Incoming webhooks cannot be looked up that way (a webhook's
// post answers "ok" and nothing else, and carries no metadata): a webhook
// channel is at-least-once.
package slack
