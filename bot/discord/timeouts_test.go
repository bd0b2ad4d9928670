package discord

import (
	"testing"

	"github.com/newshound/newshound/watchers"
)

// A delivery request that may still land after the outbox has looked for it
// would be posted twice: the outbox waits watchers.SettleTime after an
// attempt with an unknown outcome, so a request must end before that.
func TestRESTTimeoutBelowSettle(t *testing.T) {
	if restTimeout >= watchers.SettleTime {
		t.Fatalf("restTimeout %v is not below watchers.SettleTime %v", restTimeout, watchers.SettleTime)
	}
	if deferAfter >= firstAnswerWait {
		t.Fatalf("deferAfter %v must come before firstAnswerWait %v", deferAfter, firstAnswerWait)
	}
}
