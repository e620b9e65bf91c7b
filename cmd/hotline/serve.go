package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/realclientip/realclientip-go"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot/slack"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/hsds"
	"github.com/hotline-org/hotline/internal/redisstore"
)

func runServe(ctx context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	country := countryFlag(fs)
	addr := fs.String("addr", envOr("HOTLINE_ADDR", "127.0.0.1:8080"), "listen on this `host:port` (env HOTLINE_ADDR)")
	logFormat := fs.String("log-format", envOr("HOTLINE_LOG_FORMAT", "text"), "log as text or json (env HOTLINE_LOG_FORMAT)")
	logLevel := fs.String("log-level", envOr("HOTLINE_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env HOTLINE_LOG_LEVEL)")
	exitURL := fs.String("exit-url", envOr("HOTLINE_EXIT_URL", ""), "where the web chat's quick exit goes (env HOTLINE_EXIT_URL)")
	watch := fs.Bool("watch", envOr("HOTLINE_WATCH", "") == "1", "reload the catalog when files in --resources or the --hsds directory change (env HOTLINE_WATCH=1)")
	clientRate := fs.Float64("client-rate", envFloat("HOTLINE_CLIENT_RATE", 5), "web API requests a second one client address may send; 0 turns the limit off (env HOTLINE_CLIENT_RATE)")
	proxies := fs.String("trusted-proxies", os.Getenv("HOTLINE_TRUSTED_PROXIES"), "comma-separated `addresses` or CIDR ranges of reverse proxies in front of hotline: their X-Forwarded-For names the client (env HOTLINE_TRUSTED_PROXIES)")
	indexDir := fs.String("index-dir", os.Getenv("HOTLINE_INDEX_DIR"), "keep the checked catalog and its index in this `folder`, so a restart with unchanged files is fast (env HOTLINE_INDEX_DIR)")
	hsdsPath := fs.String("hsds", os.Getenv("HOTLINE_HSDS"), "serve an Open Referral HSDS directory (data package folder or JSON) instead of catalog files; SIGHUP, or a change with --watch, imports it again (env HOTLINE_HSDS)")
	metricsAddr := fs.String("metrics-addr", os.Getenv("HOTLINE_METRICS_ADDR"), "serve Prometheus /metrics on this `host:port`, a listener apart from --addr; none by default (env HOTLINE_METRICS_ADDR)")
	redisURL := fs.String("redis", os.Getenv("REDIS_URL"), "keep sessions, rate limits and seen events in this Redis, shared by replicas (env REDIS_URL)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: hotline serve [flags]\n\nRuns the web chat and its JSON API, and every configured adapter.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *hsdsPath != "" && cat.dir != "" {
		fmt.Fprintln(env.stderr, "hotline serve: use --resources or --hsds, not both")
		return 2
	}
	if *watch && cat.dir == "" && *hsdsPath == "" {
		fmt.Fprintln(env.stderr, "hotline serve: --watch needs --resources DIR or --hsds PATH (the built-in catalog cannot change)")
		return 2
	}
	logger, err := newLogger(env, *logFormat, *logLevel)
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline serve:", err)
		return 2
	}
	// With --log-format json, standard error carries only JSON lines: the
	// libraries' logs (see installLogger) and serve's own words too.
	jsonLogs := strings.EqualFold(*logFormat, "json")
	report := func(err error) {
		if jsonLogs {
			logger.Error("hotline serve", "err", err)
			return
		}
		fmt.Fprintln(env.stderr, "hotline serve:", err)
	}
	if env.installLogger != nil {
		defer env.installLogger(logger)()
	}
	trusted, err := trustedProxies(*proxies)
	if err != nil {
		report(err)
		return 2
	}
	code, err := countryCode(*country)
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline serve:", err)
		return 2
	}
	fsys, err := cat.fs()
	if err != nil {
		report(err)
		return 2
	}
	opts := app.Options{Logger: logger, IndexDir: *indexDir, Country: code}
	var events slack.EventLog // nil: each replica remembers Slack events alone
	if *redisURL != "" {
		// Replicas must hash chat ids alike: the secret is shared config.
		secret := os.Getenv("HOTLINE_SECRET")
		if len(secret) < 16 {
			report(errors.New("with Redis, set HOTLINE_SECRET (16 characters or more, the same on every replica)"))
			return 2
		}
		store, err := redisstore.Open(ctx, *redisURL, redisstore.Options{Secret: []byte(secret), Logger: logger})
		if err != nil {
			report(err)
			return 1
		}
		defer store.Close()
		opts.Sessions = store
		opts.Limiter = redisstore.Limiter{Store: store, Limit: 20, Window: 10 * time.Second}
		opts.HashKey = []byte(secret)
		events = store
		logger.Info("sessions and rate limits are shared in Redis")
	}
	if *hsdsPath != "" {
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(importMemoryLimit)
		}
		opts.Catalog = func() (*catalog.Catalog, error) {
			c, rep, err := importHSDS(*hsdsPath, hsds.Options{})
			if err != nil {
				return nil, err
			}
			logger.Info("HSDS directory imported", "services", rep.Services, "imported", rep.Imported, "issues", len(rep.Issues))
			return c, nil
		}
		opts.Source, _ = hsdsLocation(*hsdsPath)
	}
	a, err := app.Load(fsys, opts)
	if err != nil {
		report(err)
		return 1
	}
	defer a.Close()

	adapters, err := adaptersFromEnv(a, logger, events)
	if err != nil {
		report(err)
		return 2
	}
	onReloadError := notifyMaintainers(ctx, adapters, os.Getenv("SLACK_MAINTAINERS_CHANNEL"))

	// Reloads, the file watcher and the SIGHUP handler run beside the
	// server and are waited for before the catalog is closed.
	ctx, cancel := context.WithCancel(ctx)
	var background sync.WaitGroup
	defer func() {
		cancel()
		background.Wait()
	}()

	source := "built-in catalog"
	var reload func(context.Context) // nil: the built-in catalog cannot change
	switch {
	case *hsdsPath != "":
		source = "HSDS directory " + *hsdsPath
		reload = func(ctx context.Context) {
			c, _, err := importHSDS(*hsdsPath, hsds.Options{})
			if err == nil {
				err = a.Swap(ctx, c)
			}
			if ctx.Err() != nil {
				return // shutting down
			}
			if err != nil {
				logger.Warn("HSDS import failed; still serving the previous catalog", "err", err)
				if onReloadError != nil {
					onReloadError(err)
				}
				return
			}
			logger.Info("HSDS directory imported again", "resources", len(c.Resources))
		}
	case cat.dir != "":
		source = cat.dir
		reload = func(ctx context.Context) { a.ReloadAndReport(ctx, os.DirFS(cat.dir), onReloadError) }
	}
	if reload != nil {
		// One goroutine performs every reload, whoever asks for it.
		reloads := app.NewReloader(reload)
		background.Go(func() { reloads.Run(ctx) })
		if *watch {
			path := cmp.Or(*hsdsPath, cat.dir)
			if w, err := a.NewWatcher(path); err != nil {
				logger.Error("cannot watch the catalog for changes; SIGHUP still reloads it", "err", err)
			} else {
				background.Go(func() {
					if err := w.Run(ctx, reloads.Request); err != nil {
						logger.Error("stopped watching the catalog for changes; SIGHUP still reloads it", "err", err)
					}
				})
			}
		}
		// SIGHUP reloads without --watch, as daemons do.
		background.Go(func() { reloadOnHUP(ctx, reloads.Request) })
	}
	app.TuneGC(logger)
	err = a.Serve(ctx, app.ServeConfig{Addr: *addr, MetricsAddr: *metricsAddr, Logger: logger, ExitURL: *exitURL, Adapters: adapters, ClientRate: rateFlag(*clientRate), TrustedProxies: trusted, MetricsReady: func(ln net.Addr) {
		if jsonLogs {
			logger.Info("metrics listening", "url", "http://"+ln.String()+"/metrics")
			return
		}
		fmt.Fprintf(env.stderr, "hotline: metrics at http://%s/metrics\n", ln)
	}, Ready: func(ln net.Addr) {
		if jsonLogs {
			logger.Info("web chat listening", "url", "http://"+ln.String()+"/", "resources", len(a.Catalog().Resources), "source", source)
			for _, ad := range adapters {
				logger.Info("adapter on", "adapter", ad.Name())
			}
			return
		}
		fmt.Fprintf(env.stderr, "hotline: web chat at http://%s/ (%d resources from the %s). Press Ctrl+C to stop.\n",
			ln, len(a.Catalog().Resources), source)
		for _, ad := range adapters {
			fmt.Fprintf(env.stderr, "hotline: %s is on.\n", ad.Name())
		}
	}})
	if err != nil {
		report(err)
		return 1
	}
	return 0
}

func newLogger(env *cmdEnv, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: use debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(env.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(env.stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: use text or json", format)
}

// reloadOnHUP calls reload on every SIGHUP until ctx is done.
func reloadOnHUP(ctx context.Context, reload func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			reload()
		}
	}
}

// trustedProxies parses --trusted-proxies: "10.0.0.0/8, 192.0.2.7".
func trustedProxies(list string) ([]net.IPNet, error) {
	var items []string
	for item := range strings.SplitSeq(list, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	nets, err := realclientip.AddressesAndRangesToIPNets(items...)
	if err != nil {
		return nil, fmt.Errorf("--trusted-proxies %q: give addresses or CIDR ranges, separated by commas: %w", list, err)
	}
	return nets, nil
}

// rateFlag maps the flag's 0 ("off") to ServeConfig's negative.
func rateFlag(r float64) float64 {
	if r <= 0 {
		return -1
	}
	return r
}

func envFloat(key string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(key), 64); err == nil {
		return v
	}
	return def
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
