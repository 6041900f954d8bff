package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
)

// Metrics is the server's collectors.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	events   *prometheus.CounterVec
}

// Pools reports the statistics of the database connection pools by name,
// such as store.Store.PoolStats.
type Pools func() map[string]sql.DBStats

// New registers the collectors. The store is read when Prometheus scrapes,
// at most once per refresh interval; pools may be nil.
func New(s *store.Store, pools Pools) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "liuyan_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "liuyan_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "liuyan_lifecycle_events_total",
			Help: "Lifecycle events written by this process, by action.",
		}, []string{"action"}),
	}
	for _, a := range lifecycle.Actions {
		m.events.WithLabelValues(string(a)) // every action shows, at 0 until it happens
	}
	m.reg.MustRegister(m.requests, m.latency, m.events,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&storeCollector{s: s, pools: pools})
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Event counts a lifecycle event; the workflow calls it for each event it
// writes.
func (m *Metrics) Event(a lifecycle.Action) {
	m.events.WithLabelValues(string(a)).Inc()
}

// Middleware counts and times every request by the pattern the mux routed
// it to ("GET /api/v1/messages/{id}"), so one series stands for a route,
// not for each message. Requests no pattern matched count as "unmatched".
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Inc()
		m.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status  int
	written bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.written {
		s.status, s.written = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.written = true
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer's Flush and
// deadlines through the recorder.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// refresh is how long the store's figures are reused between scrapes:
// counting ten million messages by state is cheap on the status index,
// but not free.
const refresh = 15 * time.Second

// storeCollector reads the store's figures when scraped.
type storeCollector struct {
	s     *store.Store
	pools Pools

	mu     sync.Mutex
	at     time.Time
	cached []prometheus.Metric
}

var (
	messagesDesc   = prometheus.NewDesc("liuyan_messages", "Messages by lifecycle state.", []string{"state"}, nil)
	unassignedDesc = prometheus.NewDesc("liuyan_queue_unassigned", "Messages published and not yet assigned to a unit.", nil, nil)
	overdueDesc    = prometheus.NewDesc("liuyan_queue_overdue", "Open messages past their deadline.", nil, nil)
	importDesc     = prometheus.NewDesc("liuyan_import_rows_total", "Rows of imported files, by outcome.", []string{"outcome"}, nil)
	upDesc         = prometheus.NewDesc("liuyan_store_up", "1 when the store answered the last scrape's queries.", nil, nil)
	replicaDesc    = prometheus.NewDesc("liuyan_read_replica_used", "1 while public reads go to the read replica; 0 without one, or while it lags past its bound or does not answer.", nil, nil)
	poolOpen       = prometheus.NewDesc("liuyan_db_connections_open", "Open database connections.", []string{"pool"}, nil)
	poolInUse      = prometheus.NewDesc("liuyan_db_connections_in_use", "Database connections in use.", []string{"pool"}, nil)
	poolIdle       = prometheus.NewDesc("liuyan_db_connections_idle", "Idle database connections.", []string{"pool"}, nil)
	poolMax        = prometheus.NewDesc("liuyan_db_connections_max", "Most database connections the pool opens.", []string{"pool"}, nil)
	poolWaits      = prometheus.NewDesc("liuyan_db_waits_total", "Times a query waited for a free connection.", []string{"pool"}, nil)
	poolWaited     = prometheus.NewDesc("liuyan_db_wait_seconds_total", "Time spent waiting for a free connection.", []string{"pool"}, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{messagesDesc, unassignedDesc, overdueDesc, importDesc, upDesc, replicaDesc,
		poolOpen, poolInUse, poolIdle, poolMax, poolWaits, poolWaited} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	for _, m := range c.figures() {
		ch <- m
	}
	used := 0.0
	if c.s.ReplicaUsable() {
		used = 1
	}
	ch <- prometheus.MustNewConstMetric(replicaDesc, prometheus.GaugeValue, used)
	if c.pools == nil {
		return
	}
	for name, st := range c.pools() {
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, name)
		}
		gauge(poolOpen, float64(st.OpenConnections))
		gauge(poolInUse, float64(st.InUse))
		gauge(poolIdle, float64(st.Idle))
		gauge(poolMax, float64(st.MaxOpenConnections))
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(st.WaitCount), name)
		ch <- prometheus.MustNewConstMetric(poolWaited, prometheus.CounterValue, st.WaitDuration.Seconds(), name)
	}
}

// figures returns the store's figures, read again when older than refresh.
func (c *storeCollector) figures() []prometheus.Metric {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached != nil && time.Since(c.at) < refresh {
		return c.cached
	}
	ms, err := c.read()
	up := 1.0
	if err != nil {
		// Say the store did not answer rather than show stale figures as new.
		ms, up = nil, 0
	}
	ms = append(ms, prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, up))
	c.cached, c.at = ms, time.Now()
	return ms
}

func (c *storeCollector) read() ([]prometheus.Metric, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	byState, err := c.s.CountBy(ctx, store.ByStatus)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	overdue, err := c.s.CountOverdue(ctx, now)
	if err != nil {
		return nil, err
	}
	added, skipped, rejected, err := c.s.ImportTotals(ctx)
	if err != nil {
		return nil, err
	}
	var ms []prometheus.Metric
	for _, st := range lifecycle.States {
		ms = append(ms, prometheus.MustNewConstMetric(messagesDesc, prometheus.GaugeValue, float64(byState[string(st)]), string(st)))
	}
	ms = append(ms,
		prometheus.MustNewConstMetric(unassignedDesc, prometheus.GaugeValue, float64(byState[string(lifecycle.Published)])),
		prometheus.MustNewConstMetric(overdueDesc, prometheus.GaugeValue, float64(overdue)),
		prometheus.MustNewConstMetric(importDesc, prometheus.CounterValue, float64(added), "added"),
		prometheus.MustNewConstMetric(importDesc, prometheus.CounterValue, float64(skipped), "skipped"),
		prometheus.MustNewConstMetric(importDesc, prometheus.CounterValue, float64(rejected), "rejected"),
	)
	return ms, nil
}
