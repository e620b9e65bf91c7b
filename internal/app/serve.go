package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/hotline-org/hotline/internal/bot/web"
)

// ServeConfig is what Serve needs beyond the App.
type ServeConfig struct {
	Addr    string       // host:port of the main listener
	Logger  *slog.Logger // default: discard
	ExitURL string       // the web chat's quick exit target; default web.DefaultExitURL

	// ShutdownGrace is how long replies in flight may take to finish after
	// ctx is done. Default 10 seconds.
	ShutdownGrace time.Duration

	// Ready, if set, is called with the listener's address once it accepts
	// connections (tests listen on port 0).
	Ready func(addr net.Addr)

	// MetricsAddr is the host:port of a second listener for /metrics,
	// kept off the public one. Empty: no metrics are served.
	MetricsAddr string
	// MetricsReady is Ready for the metrics listener.
	MetricsReady func(addr net.Addr)

	// Adapters are the messaging platforms to run beside the web chat.
	Adapters []Adapter

	// ClientRate is how many API requests a second one client address may
	// send; negative turns the limit off. Zero means web.Config's default.
	ClientRate float64

	// TrustedProxies are the reverse proxies in front of hotline, whose
	// X-Forwarded-For names the client (see web.Config).
	TrustedProxies []net.IPNet
}

// Adapter connects one messaging platform to the engine.
type Adapter interface {
	// Name is the platform's name, for logs and /readyz.
	Name() string
	// Run serves the platform until ctx is done.
	Run(ctx context.Context) error
	// Register mounts the adapter's HTTP endpoints (webhooks) on the main
	// listener; adapters without any do nothing.
	Register(mux *http.ServeMux)
	// Ready reports whether the adapter is connected to its platform.
	Ready() bool
}

// ready answers /readyz: 200 when the catalog is loaded and every adapter
// is connected, 503 otherwise, with what is and is not ready.
func (a *App) ready(adapters []Adapter) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status := map[string]any{"catalog_resources": len(a.Catalog().Resources)}
		code := http.StatusOK
		for _, ad := range adapters {
			ok := ad.Ready()
			status[ad.Name()] = ok
			if !ok {
				code = http.StatusServiceUnavailable
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(status)
	}
}

// Serve runs the web chat and its API on cfg.Addr until ctx is done, then
// stops taking new requests and lets those in flight finish.
func (a *App) Serve(ctx context.Context, cfg ServeConfig) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	wc := web.Config{Engine: a.Engine, Logger: cfg.Logger, ExitURL: cfg.ExitURL, TrustedProxies: cfg.TrustedProxies}
	switch {
	case cfg.ClientRate < 0:
		wc.RatePerClient = rate.Inf
	case cfg.ClientRate > 0:
		wc.RatePerClient, wc.RateBurst = rate.Limit(cfg.ClientRate), max(1, int(4*cfg.ClientRate))
	}
	chat, err := web.New(wc)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/", chat)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", a.ready(cfg.Adapters))
	for _, ad := range cfg.Adapters {
		ad.Register(mux)
	}

	var mln net.Listener
	if cfg.MetricsAddr != "" {
		mln, err = net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s for metrics: %w", cfg.MetricsAddr, err)
		}
		defer mln.Close()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	var wg sync.WaitGroup
	var metricsErr error
	if mln != nil {
		mmux := http.NewServeMux()
		mmux.Handle("GET /metrics", a.Metrics.Handler())
		wg.Go(func() { metricsErr = serveHTTP(ctx, mln, mmux, cfg.Logger, cfg.ShutdownGrace) })
		if cfg.MetricsReady != nil {
			cfg.MetricsReady(mln.Addr())
		}
	}
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr())
	}
	// Adapters run until ctx is done; the listener serves their webhooks.
	for _, ad := range cfg.Adapters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ad.Run(ctx); err != nil {
				cfg.Logger.Error("adapter stopped", "adapter", ad.Name(), "err", err)
			}
		}()
	}
	err = serveHTTP(ctx, ln, mux, cfg.Logger, cfg.ShutdownGrace)
	wg.Wait()
	if metricsErr != nil {
		metricsErr = fmt.Errorf("metrics: %w", metricsErr)
	}
	return errors.Join(err, metricsErr)
}

// serveHTTP serves h on ln until ctx is done, then stops accepting and
// gives requests in flight up to grace to finish. It returns nil after a
// clean drain, and an error when it had to close connections with
// requests still in flight.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		// Requests keep running when ctx is cancelled: shutdown waits
		// for them rather than cutting replies off.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing replies in flight", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	drainErr := srv.Shutdown(sctx)
	if drainErr != nil {
		// A slow or stuck client does not hold the process past the
		// grace period: cut what is left.
		log.Warn("shutting down: requests still in flight after the grace period are cut off", "grace", grace)
		srv.Close()
		drainErr = fmt.Errorf("shutdown: requests still in flight after %v were cut off: %w", grace, drainErr)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return errors.Join(err, drainErr)
	}
	return drainErr
}
