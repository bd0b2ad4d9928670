// Package metrics is newshound's Prometheus instrumentation: counters,
// gauges, histograms and their label vectors, a registry, and a /metrics
// handler writing the text exposition format 0.0.4. It replaces the
// Prometheus Go client, whose protobuf descriptors, expvar and procfs
// packages cost every command about 4 MB of RSS at start-up (issue 16),
// though only `newshound run` serves metrics.
package metrics

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Metric types, as written on the exposition's # TYPE lines.
const (
	TypeCounter   = "counter"
	TypeGauge     = "gauge"
	TypeHistogram = "histogram"
	TypeSummary   = "summary"
)

// Family is the samples of one metric name.
type Family struct {
	Name, Help, Type string
	Metrics          []Metric
}

// Metric is one sample of a family: a value (counter, gauge), cumulative
// buckets (histogram) or quantiles (summary) with their sum and count.
type Metric struct {
	LabelNames, LabelValues []string
	Value                   float64
	Bounds                  []float64 // histogram: upper bounds, +Inf implied
	Cumulative              []uint64  // histogram: observations <= each bound
	Quantiles, QValues      []float64 // summary
	Sum                     float64
	Count                   uint64
}

// Collector adds its families' samples to a gathering when scraped.
type Collector interface {
	Collect(g *Gathering)
}

// Gathering is what the collectors of a registry report for one scrape.
type Gathering struct {
	families map[string]*Family
	err      error
}

// Add records m under the family name (created with help and typ on first
// use; a second use with another type or help is an error of the scrape).
func (g *Gathering) Add(name, help, typ string, m Metric) {
	if len(m.LabelNames) != len(m.LabelValues) {
		g.fail(fmt.Errorf("metric %s: %d label names, %d values", name, len(m.LabelNames), len(m.LabelValues)))
		return
	}
	f := g.families[name]
	if f == nil {
		if g.families == nil {
			g.families = map[string]*Family{}
		}
		f = &Family{Name: name, Help: help, Type: typ}
		g.families[name] = f
	} else if f.Type != typ || f.Help != help {
		g.fail(fmt.Errorf("metric %s reported as %s %q and as %s %q", name, f.Type, f.Help, typ, help))
		return
	}
	f.Metrics = append(f.Metrics, m)
}

func (g *Gathering) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// Families returns the families gathered, sorted by name, each one's
// metrics sorted by label values (as the Prometheus client did), without
// families that have no sample.
func (g *Gathering) Families() []Family {
	out := make([]Family, 0, len(g.families))
	for _, f := range g.families {
		if len(f.Metrics) == 0 {
			continue
		}
		slices.SortStableFunc(f.Metrics, func(a, b Metric) int { return slices.Compare(a.LabelValues, b.LabelValues) })
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b Family) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Registry holds the collectors a /metrics handler reports.
type Registry struct {
	mu         sync.Mutex
	collectors []Collector
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// MustRegister adds collectors.
func (r *Registry) MustRegister(cs ...Collector) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range cs {
		if c == nil {
			panic("metrics: nil collector")
		}
		r.collectors = append(r.collectors, c)
	}
}

// Gather runs every collector and returns the families (see
// Gathering.Families); an error names a metric reported inconsistently.
func (r *Registry) Gather() ([]Family, error) {
	r.mu.Lock()
	cs := slices.Clone(r.collectors)
	r.mu.Unlock()
	var g Gathering
	for _, c := range cs {
		c.Collect(&g)
	}
	return g.Families(), g.err
}

// Find returns the value of the counter or gauge name whose label values
// are labelValues, and whether it was reported.
func (r *Registry) Find(name string, labelValues ...string) (float64, bool) {
	fams, _ := r.Gather()
	for _, f := range fams {
		if f.Name != name {
			continue
		}
		for _, m := range f.Metrics {
			if slices.Equal(m.LabelValues, labelValues) {
				return m.Value, true
			}
		}
	}
	return 0, false
}

// atomicFloat is a float64 updated without a lock.
type atomicFloat struct{ bits atomic.Uint64 }

func (a *atomicFloat) Load() float64   { return math.Float64frombits(a.bits.Load()) }
func (a *atomicFloat) Store(v float64) { a.bits.Store(math.Float64bits(v)) }
func (a *atomicFloat) Add(v float64) {
	for {
		old := a.bits.Load()
		if a.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// Opts name a metric and describe it (the # HELP line).
type Opts struct {
	Name, Help string
}

// Counter only goes up.
type Counter struct {
	opts   Opts
	labels []string // the vector's label names, nil alone
	values []string
	v      atomicFloat
}

// NewCounter returns a counter at 0.
func NewCounter(o Opts) *Counter { return &Counter{opts: o} }

// Inc adds 1.
func (c *Counter) Inc() { c.v.Add(1) }

// Add adds v, which must not be negative.
func (c *Counter) Add(v float64) {
	if v < 0 {
		panic("metrics: counter " + c.opts.Name + " cannot decrease")
	}
	c.v.Add(v)
}

// Value is the counter's current value.
func (c *Counter) Value() float64 { return c.v.Load() }

// Collect reports the counter.
func (c *Counter) Collect(g *Gathering) {
	g.Add(c.opts.Name, c.opts.Help, TypeCounter, Metric{LabelNames: c.labels, LabelValues: c.values, Value: c.v.Load()})
}

// Gauge goes up and down.
type Gauge struct {
	opts   Opts
	labels []string
	values []string
	v      atomicFloat
}

// NewGauge returns a gauge at 0.
func NewGauge(o Opts) *Gauge { return &Gauge{opts: o} }

// Set sets the gauge to v.
func (g *Gauge) Set(v float64) { g.v.Store(v) }

// Add adds v (negative to subtract).
func (g *Gauge) Add(v float64) { g.v.Add(v) }

// Inc adds 1.
func (g *Gauge) Inc() { g.v.Add(1) }

// Dec subtracts 1.
func (g *Gauge) Dec() { g.v.Add(-1) }

// Value is the gauge's current value.
func (g *Gauge) Value() float64 { return g.v.Load() }

// Collect reports the gauge.
func (g *Gauge) Collect(ga *Gathering) {
	ga.Add(g.opts.Name, g.opts.Help, TypeGauge, Metric{LabelNames: g.labels, LabelValues: g.values, Value: g.v.Load()})
}

// Func is a counter or gauge read from fn at scrape time.
type Func struct {
	opts Opts
	typ  string
	fn   func() float64
}

// NewCounterFunc returns a counter whose value is fn's (which must not
// decrease).
func NewCounterFunc(o Opts, fn func() float64) *Func { return &Func{opts: o, typ: TypeCounter, fn: fn} }

// NewGaugeFunc returns a gauge whose value is fn's.
func NewGaugeFunc(o Opts, fn func() float64) *Func { return &Func{opts: o, typ: TypeGauge, fn: fn} }

// Collect reports fn's value.
func (f *Func) Collect(g *Gathering) { g.Add(f.opts.Name, f.opts.Help, f.typ, Metric{Value: f.fn()}) }

// HistogramOpts add the buckets' upper bounds (sorted, without +Inf).
type HistogramOpts struct {
	Name, Help string
	Buckets    []float64
}

// Histogram counts observations in buckets.
type Histogram struct {
	opts   HistogramOpts
	mu     sync.Mutex
	counts []uint64 // per bucket, the last for +Inf
	sum    float64
	count  uint64
}

// NewHistogram returns an empty histogram; its bounds must be increasing.
func NewHistogram(o HistogramOpts) *Histogram {
	for i := 1; i < len(o.Buckets); i++ {
		if !(o.Buckets[i] > o.Buckets[i-1]) {
			panic(fmt.Sprintf("metrics: histogram %s: buckets not increasing at %d", o.Name, i))
		}
	}
	return &Histogram{opts: o, counts: make([]uint64, len(o.Buckets)+1)}
}

// Observe records v.
func (h *Histogram) Observe(v float64) {
	i, _ := slices.BinarySearch(h.opts.Buckets, v) // first bound >= v
	h.mu.Lock()
	h.counts[i]++
	h.sum += v
	h.count++
	h.mu.Unlock()
}

// Collect reports the cumulative buckets, sum and count.
func (h *Histogram) Collect(g *Gathering) {
	h.mu.Lock()
	cum := make([]uint64, len(h.opts.Buckets))
	var n uint64
	for i := range cum {
		n += h.counts[i]
		cum[i] = n
	}
	m := Metric{Bounds: h.opts.Buckets, Cumulative: cum, Sum: h.sum, Count: h.count}
	h.mu.Unlock()
	g.Add(h.opts.Name, h.opts.Help, TypeHistogram, m)
}

// ExponentialBuckets returns n bounds, the first start, each factor times
// the one before.
func ExponentialBuckets(start, factor float64, n int) []float64 {
	if n < 1 || start <= 0 || factor <= 1 {
		panic("metrics: ExponentialBuckets needs n >= 1, start > 0, factor > 1")
	}
	b := make([]float64, n)
	for i := range b {
		b[i] = start
		start *= factor
	}
	return b
}

// vec is the children of a metric with labels, by label values.
type vec[T any] struct {
	opts     Opts
	labels   []string
	mu       sync.Mutex
	children map[string]*T
	order    []*T
	make     func(values []string) *T
}

func (v *vec[T]) with(values []string) *T {
	if len(values) != len(v.labels) {
		panic(fmt.Sprintf("metrics: %s has labels %v, got %d values", v.opts.Name, v.labels, len(values)))
	}
	key := strings.Join(values, "\xff")
	v.mu.Lock()
	defer v.mu.Unlock()
	c := v.children[key]
	if c == nil {
		c = v.make(slices.Clone(values))
		v.children[key] = c
		v.order = append(v.order, c)
	}
	return c
}

func (v *vec[T]) snapshot() []*T {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.order)
}

// CounterVec is counters by label values.
type CounterVec struct{ v vec[Counter] }

// NewCounterVec returns a counter vector with the given label names.
func NewCounterVec(o Opts, labels []string) *CounterVec {
	cv := &CounterVec{vec[Counter]{opts: o, labels: labels, children: map[string]*Counter{}}}
	cv.v.make = func(values []string) *Counter { return &Counter{opts: o, labels: labels, values: values} }
	return cv
}

// WithLabelValues returns the counter for these label values (in the
// order of the label names), created at 0 on first use.
func (c *CounterVec) WithLabelValues(values ...string) *Counter { return c.v.with(values) }

// Collect reports every counter used.
func (c *CounterVec) Collect(g *Gathering) {
	for _, x := range c.v.snapshot() {
		x.Collect(g)
	}
}

// GaugeVec is gauges by label values.
type GaugeVec struct{ v vec[Gauge] }

// NewGaugeVec returns a gauge vector with the given label names.
func NewGaugeVec(o Opts, labels []string) *GaugeVec {
	gv := &GaugeVec{vec[Gauge]{opts: o, labels: labels, children: map[string]*Gauge{}}}
	gv.v.make = func(values []string) *Gauge { return &Gauge{opts: o, labels: labels, values: values} }
	return gv
}

// WithLabelValues returns the gauge for these label values, created at 0
// on first use.
func (g *GaugeVec) WithLabelValues(values ...string) *Gauge { return g.v.with(values) }

// Collect reports every gauge used.
func (g *GaugeVec) Collect(ga *Gathering) {
	for _, x := range g.v.snapshot() {
		x.Collect(ga)
	}
}

// CollectorFunc is a collector written as a function (gauges read at
// scrape time).
type CollectorFunc func(g *Gathering)

// Collect calls f.
func (f CollectorFunc) Collect(g *Gathering) { f(g) }
