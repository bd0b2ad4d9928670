package discord

import "time"

// The chat side's time limits, in one place. None is a setting: each follows
// from a limit of Discord's or from another part of newshound, as its comment
// says, and the ones tied to another package are checked by a test.
const (
	// gatewayHandshake bounds the gateway's websocket handshake.
	gatewayHandshake = 15 * time.Second
	// Connect backoff: the first wait after a failed attempt to open the
	// gateway or register the commands, doubling to connectMax.
	connectBase = 2 * time.Second
	connectMax  = 5 * time.Minute

	// restTimeout bounds one REST request of delivery (a post, a look for an
	// earlier post). It must stay below watchers.SettleTime, the wait before
	// an attempt with an unknown outcome is looked for (TestRESTTimeoutBelowSettle).
	restTimeout = 20 * time.Second
	// maxBucketWait is the longest rate-limit wait spent inside a request;
	// a longer one goes back to the outbox as a RateLimitError.
	maxBucketWait = 3 * time.Second
	// bucketPoll is how often a bucket held by another request is tried.
	bucketPoll = 10 * time.Millisecond

	// deferAfter is how long a command may take before it is deferred
	// (Discord allows 3 s for the first answer).
	deferAfter = 1500 * time.Millisecond
	// firstAnswerWait bounds the HTTP interactions endpoint's wait for the
	// first answer (handleInteraction defers after deferAfter; Discord waits 3 s).
	firstAnswerWait = 2500 * time.Millisecond
	// respondTimeout bounds sending one interaction response.
	respondTimeout = 10 * time.Second
	// workTimeout bounds one command's work (the token lasts 15 minutes).
	workTimeout = 2 * time.Minute
	// summaryTimeout bounds /summary's fetch of a page.
	summaryTimeout = 30 * time.Second

	// The HTTP interactions endpoint's server limits, and its shutdown wait.
	interactionsReadHeader = 10 * time.Second
	interactionsReadWrite  = 30 * time.Second
	interactionsShutdown   = 10 * time.Second
)
