package server

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/coverage"
	"github.com/krakensim/krakensim/sim/journal"
)

// MetricsPath serves the Prometheus metrics.
const MetricsPath = "/metrics"

// metrics are the server's Prometheus collectors, in a registry of their own so that
// several servers in one process (tests) do not collide.
type metrics struct {
	requests   *prometheus.CounterVec
	operations *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	// byEndpoint caches the latency histogram of each known endpoint.
	byEndpoint map[string]prometheus.Observer
	// counters caches the request and operation counters of each label set seen;
	// readers load the map without locking, writers (a new label set) copy it under mu.
	counters   atomic.Pointer[map[counterKey]prometheus.Counter]
	mu         sync.Mutex
	deprecated *prometheus.CounterVec
	handler    http.Handler
}

func newMetrics(s *sim.Simulator) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "krakensim_requests_total",
			Help: "Requests answered, by endpoint (/v1/graphql/, /graphql/ or rest) and outcome (data, the first error code, or the HTTP status).",
		}, []string{"endpoint", "outcome"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "krakensim_operations_total",
			Help: "Root fields run and REST routes called, by endpoint, operation (root field or METHOD route) and outcome (data, an error code, error, or the HTTP status).",
		}, []string{"endpoint", "operation", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "krakensim_request_duration_seconds",
			Help:    "Time to answer a request, scripted delays included, by endpoint.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"endpoint"}),
		deprecated: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "krakensim_deprecated_selections_total",
			Help: "Requests that selected a deprecated field or argument, by schema coordinate.",
		}, []string{"coordinate"}),
	}
	reg.MustRegister(m.requests, m.operations, m.latency, m.deprecated,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if s != nil {
		reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "krakensim_sessions", Help: "Live sessions."},
				func() float64 { return float64(s.LiveSessions()) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "krakensim_journal_entries", Help: "Requests held by the journals of the live sessions."},
				func() float64 { return float64(s.JournalEntries()) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "krakensim_journal_size", Help: "Requests each session's journal keeps (--journal-size; 0 is off)."},
				func() float64 { return float64(s.JournalSize()) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "krakensim_scenario_reloads_total", Help: "Scenario sets applied by a reload."},
				func() float64 { ok, _ := s.ScenarioReloads(); return float64(ok) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "krakensim_scenario_reload_failures_total", Help: "Scenario reloads rejected; the last good set kept serving."},
				func() float64 { _, failed := s.ScenarioReloads(); return float64(failed) }),
		)
		s.OnRecord(m.observe)
	}
	m.byEndpoint = map[string]prometheus.Observer{}
	for _, ep := range []string{sim.APIPath, sim.AuthPath, journal.EndpointREST} {
		m.byEndpoint[ep] = m.latency.WithLabelValues(ep)
	}
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: nil})
	return m
}

// observe counts one committed journal entry.
func (m *metrics) observe(e *journal.Entry) {
	endpoint := e.Endpoint
	if endpoint == "" { // refused before it reached an endpoint
		endpoint = e.Path
		if endpoint != sim.APIPath && endpoint != sim.AuthPath && endpoint != sim.BackendPath {
			endpoint = journal.EndpointREST // a URL is no label: its series would be unbounded
		}
	}
	if o, ok := m.byEndpoint[endpoint]; ok {
		o.Observe(float64(e.Latency) / 1e9)
	} else {
		m.latency.WithLabelValues(endpoint).Observe(float64(e.Latency) / 1e9)
	}
	for _, d := range e.Deprecations {
		m.deprecated.WithLabelValues(d.Coordinate).Inc()
	}
	if endpoint == journal.EndpointREST {
		status := statusLabel(e.Outcome.Status)
		m.count(m.requests, endpoint, "", status)
		if route := e.Resolver; route != "" { // "METHOD pattern" of the route that answered
			m.count(m.operations, endpoint, route, status)
		}
		return
	}
	outcome := statusLabel(e.Outcome.Status)
	if len(e.Outcome.ErrorCodes) > 0 {
		outcome = e.Outcome.ErrorCodes[0]
	} else if e.Outcome.Data {
		outcome = coverage.OutcomeData
	}
	m.count(m.requests, endpoint, "", outcome)
	for i := range e.Fields {
		f := &e.Fields[i]
		outcome := coverage.OutcomeData
		switch {
		case len(f.ErrorCodes) > 0:
			outcome = f.ErrorCodes[0]
		case !e.Outcome.Data:
			outcome = "error"
		}
		m.count(m.operations, e.Endpoint, f.Name, outcome)
	}
}

// statusLabels are the label values of the HTTP statuses, made once.
var statusLabels = func() []string {
	out := make([]string, 600)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}()

func statusLabel(status int) string {
	if status >= 0 && status < len(statusLabels) {
		return statusLabels[status]
	}
	return strconv.Itoa(status)
}

type counterKey struct {
	vec                          *prometheus.CounterVec
	endpoint, operation, outcome string
}

// count increments vec's counter of a label set (operation "" for m.requests, which
// has no such label), caching it, since the label sets are few (bounded by the
// contract) and looking one up in the vector costs more.
func (m *metrics) count(vec *prometheus.CounterVec, endpoint, operation, outcome string) {
	k := counterKey{vec, endpoint, operation, outcome}
	if cs := m.counters.Load(); cs != nil {
		if c, ok := (*cs)[k]; ok {
			c.Inc()
			return
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	cs := map[counterKey]prometheus.Counter{}
	if old := m.counters.Load(); old != nil {
		if c, ok := (*old)[k]; ok {
			c.Inc()
			return
		}
		for ok, oc := range *old {
			cs[ok] = oc
		}
	}
	var c prometheus.Counter
	if vec == m.requests {
		c = vec.WithLabelValues(endpoint, outcome)
	} else {
		c = vec.WithLabelValues(endpoint, operation, outcome)
	}
	cs[k] = c
	m.counters.Store(&cs)
	c.Inc()
}
