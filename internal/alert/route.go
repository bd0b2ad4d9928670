package alert

import (
	"context"
	"fmt"
)

// Router is a Notifier for a configuration that posts to more than one chat
// platform: each delivery goes to the Notifier of its channel (by the
// channel's name in the config). Its Notifiers' errors pass through as
// they are, so the outbox treats them as each platform classified them;
// their AuthError destinations must name the platform, since channels
// sharing a destination are paused together.
type Router map[string]Notifier

var _ Notifier = Router(nil)

// Deliver hands d to its channel's Notifier. A channel none serves is a
// permanent failure (the configuration and the notifiers disagree).
func (r Router) Deliver(ctx context.Context, d Delivery) (Receipt, error) {
	n, ok := r[d.Channel]
	if !ok || n == nil {
		return Receipt{}, Permanent(fmt.Errorf("deliver to %s: no chat platform serves this channel", d.Channel))
	}
	return n.Deliver(ctx, d)
}
