package watchers

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newshound/newshound/internal/store"
)

// Metrics are the pipeline's Prometheus metrics. The outbox and backoff
// gauges are read from the store when scraped.
type Metrics struct {
	Polls        *prometheus.CounterVec // by feed and outcome: ok, not_modified, error, skipped, store_error
	PollSeconds  prometheus.Histogram
	FetchSeconds prometheus.Histogram   // article pages
	ItemsSeen    prometheus.Counter     // new items recorded
	ArticlesRead *prometheus.CounterVec // by text source: page, feed
	Matches      *prometheus.CounterVec // by watch
	Deliveries   *prometheus.CounterVec // by kind and outcome: delivered, retry, refused
	StoreErrors  *prometheus.CounterVec // by operation: the database failed, not a feed
	Paused       *prometheus.GaugeVec   // by destination: 1 while Discord refuses its credentials

	// Several instances on PostgreSQL (zero with SQLite).
	Leased     *prometheus.GaugeVec   // leases this instance holds, by kind: feed, channel
	LeaseShare prometheus.Gauge       // the configured feeds this instance polls, as a fraction
	Instances  prometheus.Gauge       // instances alive at the last heartbeat
	LeaseOps   *prometheus.CounterVec // lease round trips to the database, by operation
}

// NewMetrics creates the metrics and registers them with reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Polls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_polls_total",
			Help: "Feed polls by feed and outcome (ok, not_modified, error, skipped, store_error)."}, []string{"feed", "outcome"}),
		PollSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "newshound_poll_duration_seconds",
			Help: "Time to fetch and parse one feed.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 12)}),
		FetchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "newshound_article_fetch_duration_seconds",
			Help: "Time to fetch and extract one article page.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 12)}),
		ItemsSeen: prometheus.NewCounter(prometheus.CounterOpts{Name: "newshound_items_seen_total",
			Help: "New feed items recorded."}),
		ArticlesRead: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_articles_read_total",
			Help: "Articles processed, by where their text came from (page or feed)."}, []string{"source"}),
		Matches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_matches_total",
			Help: "Articles matched, by watch."}, []string{"watch"}),
		Deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_deliveries_total",
			Help: "Delivery attempts by kind (alert, digest, notice, stdout) and outcome (delivered, retry, refused)."}, []string{"kind", "outcome"}),
		StoreErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_store_errors_total",
			Help: "Database errors in the poll path (not the feeds' fault), by operation."}, []string{"op"}),
		Paused: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newshound_delivery_paused",
			Help: "1 while Discord refuses a destination's credentials (the bot token, a webhook) and its alerts wait."}, []string{"destination"}),
	}
	m.Leased = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newshound_leases_held",
		Help: "Leases this instance holds (several instances on PostgreSQL), by kind: feed, channel."}, []string{"kind"})
	m.LeaseShare = prometheus.NewGauge(prometheus.GaugeOpts{Name: "newshound_feeds_share",
		Help: "The fraction of the configured feeds this instance polls (1 alone; several instances on PostgreSQL share them)."})
	m.Instances = prometheus.NewGauge(prometheus.GaugeOpts{Name: "newshound_instances_alive",
		Help: "Instances sharing the PostgreSQL database, alive at this instance's last heartbeat (0 with SQLite)."})
	m.LeaseOps = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newshound_lease_queries_total",
		Help: "Database round trips for leases, by operation (heartbeat, claim, release, advance, held, ensure, leave)."}, []string{"op"})
	if reg != nil {
		reg.MustRegister(m.Polls, m.PollSeconds, m.FetchSeconds, m.ItemsSeen, m.ArticlesRead, m.Matches, m.Deliveries, m.StoreErrors, m.Paused,
			m.Leased, m.LeaseShare, m.Instances, m.LeaseOps)
	}
	return m
}

// storeCollector reports the outbox and feed gauges from the store at scrape time.
type storeCollector struct {
	st          *store.Store
	now         func() time.Time
	depth       *prometheus.Desc
	oldest      *prometheus.Desc
	backoff     *prometheus.Desc
	lastSuccess *prometheus.Desc
}

// NewStoreCollector returns a collector of the outbox depth and oldest age,
// the feeds in backoff, and each feed's last successful poll.
func NewStoreCollector(st *store.Store) prometheus.Collector {
	return &storeCollector{
		st:          st,
		now:         time.Now,
		depth:       prometheus.NewDesc("newshound_outbox_depth", "Deliveries waiting in the outbox.", nil, nil),
		oldest:      prometheus.NewDesc("newshound_outbox_oldest_age_seconds", "Age of the oldest waiting delivery.", nil, nil),
		backoff:     prometheus.NewDesc("newshound_feeds_in_backoff", "Feeds whose next poll is delayed by failures.", nil, nil),
		lastSuccess: prometheus.NewDesc("newshound_feed_last_success_timestamp_seconds", "When each feed was last polled successfully.", []string{"feed"}, nil),
	}
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.depth
	ch <- c.oldest
	ch <- c.backoff
	ch <- c.lastSuccess
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	now := c.now()
	if st, err := c.st.Outbox(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, float64(st.Pending))
		age := 0.0
		if !st.Oldest.IsZero() {
			age = now.Sub(st.Oldest).Seconds()
		}
		ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age)
	}
	if feeds, err := c.st.Feeds(ctx); err == nil {
		n := 0
		for _, f := range feeds {
			if f.NextPoll.After(now) {
				n++
			}
			if !f.LastSuccess.IsZero() {
				ch <- prometheus.MustNewConstMetric(c.lastSuccess, prometheus.GaugeValue, float64(f.LastSuccess.Unix()), f.Name)
			}
		}
		ch <- prometheus.MustNewConstMetric(c.backoff, prometheus.GaugeValue, float64(n))
	}
}
