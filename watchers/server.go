package watchers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/newshound/newshound/internal/metrics"
)

// Handler serves /healthz — 200 when the scheduler runs, the store answers,
// no database operation is failing and no other problem is reported
// (SetProblem, paused deliveries), 503 with the reasons otherwise — and
// /metrics from reg in Prometheus's text format.
func (w *Watcher) Handler(reg *metrics.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if problem := w.health(r.Context()); problem != "" {
			rw.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(rw, problem)
			return
		}
		fmt.Fprintln(rw, "ok")
		if w.cluster != nil {
			fmt.Fprintln(rw, w.cluster.describe(len(w.conf().Feeds)))
		}
	})
	mux.Handle("GET /metrics", reg.Handler())
	return mux
}

func (w *Watcher) health(ctx context.Context) string {
	if !w.running.Load() {
		return "scheduler not running"
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := w.store.Ping(ctx); err != nil {
		return "store not answering: " + err.Error()
	}
	problems := w.Problems()
	if w.cluster != nil {
		if p := w.cluster.problem(); p != "" {
			problems = append(problems, p)
		}
	}
	if sp := w.storeProblems(); sp != "" {
		problems = append([]string{sp}, problems...)
	}
	return strings.Join(problems, "\n")
}
