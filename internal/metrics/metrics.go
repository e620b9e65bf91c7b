// Package metrics exposes what hotline does as Prometheus metrics: counts,
// intents, timings and sizes, never content.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds hotline's collectors in a registry of its own, so that two
// servers in one process (tests) do not collide.
type Metrics struct {
	registry *prometheus.Registry

	messages      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	catalogSize   prometheus.Gauge
	reloads       *prometheus.CounterVec
	platformError *prometheus.CounterVec
	retries       *prometheus.CounterVec
}

// New returns a Metrics with the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hotline_messages_total",
			Help: "Messages answered, by surface, intent and whether they were urgent.",
		}, []string{"surface", "intent", "urgent"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hotline_reply_seconds",
			Help:    "Time to build a reply in the engine, by surface.",
			Buckets: []float64{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1},
		}, []string{"surface"}),
		catalogSize: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hotline_catalog_resources",
			Help: "Resources in the catalog being served.",
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hotline_catalog_reloads_total",
			Help: "Catalog reloads, by result (ok or failed).",
		}, []string{"result"}),
		platformError: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hotline_platform_errors_total",
			Help: "Failed calls to a messaging platform's API, by platform and kind (rate_limited, server, client, network).",
		}, []string{"platform", "kind"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hotline_platform_retries_total",
			Help: "Calls to a messaging platform's API that were retried, by platform.",
		}, []string{"platform"}),
	}
	m.registry.MustRegister(m.messages, m.latency, m.catalogSize, m.reloads, m.platformError, m.retries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// Observe records one answered message. It is the engine's bot.Observer.
func (m *Metrics) Observe(surface, intent string, urgent bool, d time.Duration) {
	if surface == "" {
		surface = "unknown"
	}
	m.messages.WithLabelValues(surface, intent, strconv.FormatBool(urgent)).Inc()
	m.latency.WithLabelValues(surface).Observe(d.Seconds())
}

// CatalogLoaded records the size of a catalog now served and, for a reload,
// whether it worked.
func (m *Metrics) CatalogLoaded(resources int) { m.catalogSize.Set(float64(resources)) }

// Reload records the result of a catalog reload.
func (m *Metrics) Reload(ok bool) {
	result := "ok"
	if !ok {
		result = "failed"
	}
	m.reloads.WithLabelValues(result).Inc()
}

// PlatformError records a failed platform API call. kind is one of
// rate_limited, server, client, network.
func (m *Metrics) PlatformError(platform, kind string) {
	m.platformError.WithLabelValues(platform, kind).Inc()
}

// Retry records a retried platform API call.
func (m *Metrics) Retry(platform string) { m.retries.WithLabelValues(platform).Inc() }
