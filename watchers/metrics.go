package watchers

import (
	"context"
	"time"

	"github.com/newshound/newshound/internal/metrics"
	"github.com/newshound/newshound/internal/store"
)

// Metrics are the pipeline's Prometheus metrics. The outbox and backoff
// gauges are read from the store when scraped.
type Metrics struct {
	Polls        *metrics.CounterVec // by feed and outcome: ok, not_modified, error, skipped, store_error
	PollSeconds  *metrics.Histogram
	FetchSeconds *metrics.Histogram  // article pages
	ItemsSeen    *metrics.Counter    // new items recorded
	ArticlesRead *metrics.CounterVec // by text source: page, feed
	Matches      *metrics.CounterVec // by watch
	Deliveries   *metrics.CounterVec // by kind and outcome: delivered, retry, refused
	StoreErrors  *metrics.CounterVec // by operation: the database failed, not a feed
	Paused       *metrics.GaugeVec   // by destination: 1 while Discord refuses its credentials
	Repaired     *metrics.CounterVec // new articles whose mojibake was repaired, by source: feed (its item), page

	// Several instances on PostgreSQL (zero with SQLite).
	Leased     *metrics.GaugeVec   // leases this instance holds, by kind: feed, channel
	LeaseShare *metrics.Gauge      // the configured feeds this instance polls, as a fraction
	Instances  *metrics.Gauge      // instances alive at the last heartbeat
	LeaseOps   *metrics.CounterVec // lease round trips to the database, by operation
}

// NewMetrics creates the metrics and registers them with reg (nil: not registered).
func NewMetrics(reg *metrics.Registry) *Metrics {
	m := &Metrics{
		Polls: metrics.NewCounterVec(metrics.Opts{Name: "newshound_polls_total",
			Help: "Feed polls by feed and outcome (ok, not_modified, error, skipped, store_error)."}, []string{"feed", "outcome"}),
		PollSeconds: metrics.NewHistogram(metrics.HistogramOpts{Name: "newshound_poll_duration_seconds",
			Help: "Time to fetch and parse one feed.", Buckets: metrics.ExponentialBuckets(0.01, 2, 12)}),
		FetchSeconds: metrics.NewHistogram(metrics.HistogramOpts{Name: "newshound_article_fetch_duration_seconds",
			Help: "Time to fetch and extract one article page.", Buckets: metrics.ExponentialBuckets(0.01, 2, 12)}),
		ItemsSeen: metrics.NewCounter(metrics.Opts{Name: "newshound_items_seen_total",
			Help: "New feed items recorded."}),
		ArticlesRead: metrics.NewCounterVec(metrics.Opts{Name: "newshound_articles_read_total",
			Help: "Articles processed, by where their text came from (page or feed)."}, []string{"source"}),
		Matches: metrics.NewCounterVec(metrics.Opts{Name: "newshound_matches_total",
			Help: "Articles matched, by watch."}, []string{"watch"}),
		Deliveries: metrics.NewCounterVec(metrics.Opts{Name: "newshound_deliveries_total",
			Help: "Delivery attempts by kind (alert, digest, notice, stdout) and outcome (delivered, retry, refused)."}, []string{"kind", "outcome"}),
		StoreErrors: metrics.NewCounterVec(metrics.Opts{Name: "newshound_store_errors_total",
			Help: "Database errors in the poll path (not the feeds' fault), by operation."}, []string{"op"}),
		Paused: metrics.NewGaugeVec(metrics.Opts{Name: "newshound_delivery_paused",
			Help: "1 while Discord refuses a destination's credentials (the bot token, a webhook) and its alerts wait."}, []string{"destination"}),
		Repaired: metrics.NewCounterVec(metrics.Opts{Name: "newshound_mojibake_repaired_total",
			Help: "New articles whose text held mojibake (UTF-8 decoded as Windows-1252 and encoded again: \"Putinâ€™s\"), repaired, by source: feed (the item's title, text or author), page."}, []string{"source"}),
	}
	m.Leased = metrics.NewGaugeVec(metrics.Opts{Name: "newshound_leases_held",
		Help: "Leases this instance holds (several instances on PostgreSQL), by kind: feed, channel."}, []string{"kind"})
	m.LeaseShare = metrics.NewGauge(metrics.Opts{Name: "newshound_feeds_share",
		Help: "The fraction of the configured feeds this instance polls (1 alone; several instances on PostgreSQL share them)."})
	m.Instances = metrics.NewGauge(metrics.Opts{Name: "newshound_instances_alive",
		Help: "Instances sharing the PostgreSQL database, alive at this instance's last heartbeat (0 with SQLite)."})
	m.LeaseOps = metrics.NewCounterVec(metrics.Opts{Name: "newshound_lease_queries_total",
		Help: "Database round trips for leases, by operation (heartbeat, claim, release, advance, held, ensure, leave)."}, []string{"op"})
	if reg != nil {
		reg.MustRegister(m.Polls, m.PollSeconds, m.FetchSeconds, m.ItemsSeen, m.ArticlesRead, m.Matches, m.Deliveries, m.StoreErrors, m.Paused, m.Repaired,
			m.Leased, m.LeaseShare, m.Instances, m.LeaseOps)
	}
	return m
}

// NewStoreCollector returns a collector of the outbox depth and oldest age,
// the feeds in backoff, and each feed's last successful poll, read from the
// store at scrape time (a store error leaves its gauges out of that scrape).
func NewStoreCollector(st *store.Store) metrics.Collector {
	return storeCollector{st: st, now: time.Now}
}

type storeCollector struct {
	st  *store.Store
	now func() time.Time
}

func (c storeCollector) Collect(g *metrics.Gathering) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	now := c.now()
	if st, err := c.st.Outbox(ctx); err == nil {
		g.Add("newshound_outbox_depth", "Deliveries waiting in the outbox.", metrics.TypeGauge, metrics.Metric{Value: float64(st.Pending)})
		age := 0.0
		if !st.Oldest.IsZero() {
			age = now.Sub(st.Oldest).Seconds()
		}
		g.Add("newshound_outbox_oldest_age_seconds", "Age of the oldest waiting delivery.", metrics.TypeGauge, metrics.Metric{Value: age})
	}
	if feeds, err := c.st.Feeds(ctx); err == nil {
		n := 0
		for _, f := range feeds {
			if f.NextPoll.After(now) {
				n++
			}
			if !f.LastSuccess.IsZero() {
				g.Add("newshound_feed_last_success_timestamp_seconds", "When each feed was last polled successfully.", metrics.TypeGauge,
					metrics.Metric{LabelNames: []string{"feed"}, LabelValues: []string{f.Name}, Value: float64(f.LastSuccess.Unix())})
			}
		}
		g.Add("newshound_feeds_in_backoff", "Feeds whose next poll is delayed by failures.", metrics.TypeGauge, metrics.Metric{Value: float64(n)})
	}
}
