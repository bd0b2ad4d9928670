package article

import (
	"context"
	"sync"
	"time"
)

// hostGates limits the fetches to each host: at most perHost at once, and
// the starts of two requests at least delay apart.
type hostGates struct {
	perHost int
	delay   time.Duration

	mu    sync.Mutex
	hosts map[string]*hostGate
}

type hostGate struct {
	slots chan struct{}
	users int       // callers holding or waiting for a slot
	next  time.Time // earliest start of the next request
}

// pruneAt is the number of known hosts above which idle ones are forgotten.
const pruneAt = 256

func newHostGates(perHost int, delay time.Duration) *hostGates {
	return &hostGates{perHost: perHost, delay: delay, hosts: make(map[string]*hostGate)}
}

// acquire waits for a slot for host and for the host's delay to pass, or
// for ctx to end. On success the caller must call release when its request
// is over.
func (g *hostGates) acquire(ctx context.Context, host string) (release func(), err error) {
	g.mu.Lock()
	h := g.hosts[host]
	if h == nil {
		if len(g.hosts) >= pruneAt {
			g.pruneLocked(time.Now())
		}
		h = &hostGate{slots: make(chan struct{}, g.perHost)}
		g.hosts[host] = h
	}
	h.users++
	g.mu.Unlock()

	done := func() {
		g.mu.Lock()
		h.users--
		g.mu.Unlock()
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
	release = func() {
		<-h.slots
		done()
	}

	g.mu.Lock()
	now := time.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(g.delay)
	g.mu.Unlock()
	if wait := start.Sub(now); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}

// pruneLocked forgets hosts nobody is using whose delay has passed.
func (g *hostGates) pruneLocked(now time.Time) {
	for host, h := range g.hosts {
		if h.users == 0 && !h.next.After(now) {
			delete(g.hosts, host)
		}
	}
}
