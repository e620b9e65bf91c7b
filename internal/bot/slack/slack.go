// Package slack is the Slack adapter for NGO staff: case workers and hotline
// advocates who look up a referral while they help someone else. It answers
// the /hotline slash command privately, mentions in a thread and direct
// messages in the app's messages tab, and renders the engine's replies in
// Block Kit with the detail staff need: every contact, areas served,
// languages, eligibility and intake, and when each entry was last verified.
//
// It runs over Socket Mode when an app-level token is configured (no public
// URL needed), else it serves signed HTTP endpoints on the main listener.
// Slack wants an answer to every request within 3 seconds and retries
// events it did not get one for, so every request is acknowledged at once,
// answered from a bounded pool of workers, and events are deduplicated.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/lru"
	"github.com/hotline-org/hotline/internal/retry"
)

// Defaults for Config.
const (
	DefaultAPIURL        = "https://slack.com/api/"
	DefaultConcurrency   = 8
	DefaultReplyTimeout  = 30 * time.Second
	DefaultMaxRetries    = 7 // 8 attempts: see Config.MaxRetries
	DefaultMaxRetryWait  = 30 * time.Second
	DefaultShutdownGrace = 10 * time.Second
	DefaultMaxBody       = 1 << 20 // bytes of one request from Slack
	DefaultCommand       = "/hotline"
)

// Surface and Audience are what the adapter tells the engine about every
// message: it comes from Slack, from staff.
const (
	Surface  = "slack"
	Audience = catalog.AudienceStaff
)

// Config is what the Slack adapter needs. BotToken and Engine are required;
// SigningSecret is required unless AppToken is set.
type Config struct {
	// BotToken (env SLACK_BOT_TOKEN, xoxb-…) posts replies. It enables the adapter.
	BotToken string
	// AppToken (env SLACK_APP_TOKEN, xapp-…) switches to Socket Mode: the
	// adapter dials out to Slack and needs no public URL or signing secret.
	// Empty: HTTP mode on the main listener.
	AppToken string
	// SigningSecret (env SLACK_SIGNING_SECRET) verifies every HTTP request.
	// Required in HTTP mode; unused in Socket Mode.
	SigningSecret string
	// APIURL (env SLACK_API_URL) is the Web API base URL, for tests and
	// proxies. Default DefaultAPIURL; a trailing slash is added if missing.
	APIURL string

	Engine bot.Answerer // required; *bot.Engine is one
	// Words are the labels of cards and buttons, in the reply's language.
	// Default: Engine, when it is a bot.Wording (*bot.Engine is).
	Words bot.Wording
	// Catalog returns the catalog being served, for "/hotline stale". A func
	// so that a live reload is seen. Nil: "/hotline stale" says it cannot tell.
	Catalog func() *catalog.Catalog
	// Events, when set, is shared by replicas (Redis) so that an event
	// delivered to two of them is answered once. Default: this process.
	Events EventLog

	Logger     *slog.Logger // default: discard
	HTTPClient *http.Client // for the Web API and response_url; default: 15-second timeout

	// Command is the slash command's name as shown in help. Default DefaultCommand.
	Command string
	// Concurrency is how many replies are worked out at once. A request
	// that finds every worker busy for a second is refused (events are
	// then retried by Slack). Default DefaultConcurrency.
	Concurrency int
	// ReplyTimeout bounds the work for one reply, retries included.
	// Default DefaultReplyTimeout.
	ReplyTimeout time.Duration
	// MaxRetries is how many times a post is tried again after a failure
	// that may pass: 429 (after the Retry-After Slack names), a 5xx, a
	// network error, or an error Slack calls temporary (internal_error,
	// service_unavailable, request_timeout), after a backoff doubling from
	// 250ms to 8s. Other refusals are final. Default DefaultMaxRetries:
	// were one call in five to fail, independently, a reply would be lost
	// about once in 400,000 (0.2^8). Negative: never.
	MaxRetries int
	// MaxRetryWait: a Retry-After longer than this is not waited for; the
	// post fails and is logged. Default DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// MaxAge is how long a verification stays fresh; older entries are
	// flagged stale. Default catalog.DefaultMaxAge.
	MaxAge time.Duration
	// ShutdownGrace is how long replies in flight may take to finish once
	// Run's context is done. Default DefaultShutdownGrace.
	ShutdownGrace time.Duration
	// MaxBody is the largest request body accepted. Default DefaultMaxBody.
	MaxBody int64
	// Now is the clock for staleness; default time.Now. (Request signatures
	// are checked against the real clock by the Slack library.)
	Now func() time.Time
	// Observer, when set, counts failed Web API calls and retries
	// (*metrics.Metrics is one).
	Observer retry.Observer
}

// Adapter connects Slack to the engine.
type Adapter struct {
	cfg    Config
	log    *slog.Logger
	api    *slackapi.Client
	hasher chatHasher // the engine's chat hash, if it has one
	obs    retry.Observer
	timing retry.Backoff // waits between attempts at one post; tests shorten them

	workers   chan struct{} // a slot per reply being worked out
	admitWait time.Duration // how long a request waits for a slot; tests shorten it
	inflight  sync.WaitGroup
	life      context.Context // cancelled when Run gives up waiting for replies in flight
	stop      context.CancelFunc

	seenMu sync.Mutex
	seen   *lru.Cache[struct{}] // event ids and message timestamps already answered

	selfID    atomic.Pointer[string] // the bot's own user id, from auth.test
	selfKnown chan struct{}          // closed once selfID is set
	selfOnce  sync.Once

	standIn *url.URL // a Web API stand-in (proxy, test) that also serves response URLs; nil for Slack
}

// chatHasher is the engine's keyed hash of chat keys, the only chat
// identifier logs may carry.
type chatHasher interface {
	ChatHash(chatKey string) string
}

// EventLog remembers which platform events were seen, across replicas.
// *redisstore.Store is one.
type EventLog interface {
	FirstSeen(ctx context.Context, id string, ttl time.Duration) (bool, error)
}

// Name is the platform's name, for logs and /readyz.
func (a *Adapter) Name() string { return "slack" }

// Ready reports whether Slack accepted the bot token (auth.test answered).
func (a *Adapter) Ready() bool { return a.selfID.Load() != nil }

// New checks cfg and returns an Adapter. It does not contact Slack; Run does.
func New(cfg Config) (*Adapter, error) {
	if cfg.BotToken == "" {
		return nil, errors.New("slack: Config.BotToken (SLACK_BOT_TOKEN) is required")
	}
	if cfg.Engine == nil {
		return nil, errors.New("slack: Config.Engine is required")
	}
	var ok bool
	if cfg.Words, ok = bot.WordingOf(cfg.Words, cfg.Engine); !ok {
		return nil, errors.New("slack: Config.Words is required when Engine does not supply the bot's words")
	}
	if cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-") {
		return nil, errors.New("slack: SLACK_APP_TOKEN must be an app-level token (xapp-…); leave it empty for HTTP mode")
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return nil, errors.New("slack: HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/" // the library joins method names straight onto it
	}
	api, err := url.Parse(cfg.APIURL)
	if err != nil || (api.Scheme != "https" && api.Scheme != "http") || api.Host == "" {
		return nil, fmt.Errorf("slack: SLACK_API_URL %q is not an http(s) URL", cfg.APIURL)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Command == "" {
		cfg.Command = DefaultCommand
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.ReplyTimeout <= 0 {
		cfg.ReplyTimeout = DefaultReplyTimeout
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = catalog.DefaultMaxAge
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Observer == nil {
		cfg.Observer = retry.NoObserver{}
	}

	opts := []slackapi.Option{
		slackapi.OptionAPIURL(cfg.APIURL),
		slackapi.OptionHTTPClient(cfg.HTTPClient),
		// The library only logs in debug mode, which stays off: its debug
		// output includes message payloads.
		slackapi.OptionLog(slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelDebug)),
	}
	if cfg.AppToken != "" {
		opts = append(opts, slackapi.OptionAppLevelToken(cfg.AppToken))
	}
	life, stop := context.WithCancel(context.Background())
	a := &Adapter{
		cfg:       cfg,
		log:       cfg.Logger,
		api:       slackapi.New(cfg.BotToken, opts...),
		workers:   make(chan struct{}, cfg.Concurrency),
		admitWait: admitWait,
		obs:       cfg.Observer,
		timing:    retry.DefaultBackoff(),
		life:      life,
		stop:      stop,
		seen:      lru.New[struct{}](20_000, time.Hour, nil),
		selfKnown: make(chan struct{}),
	}
	if cfg.APIURL != DefaultAPIURL {
		a.standIn = api
	}
	a.hasher, _ = cfg.Engine.(chatHasher)
	return a, nil
}

// SocketMode reports whether the adapter runs over Socket Mode.
func (a *Adapter) SocketMode() bool { return a.cfg.AppToken != "" }

// Register mounts the HTTP endpoints Slack calls: /slack/events,
// /slack/commands and /slack/interactions. In Socket Mode there are none.
func (a *Adapter) Register(mux *http.ServeMux) {
	if a.SocketMode() {
		return
	}
	mux.Handle("POST /slack/events", a.verified(http.HandlerFunc(a.serveEvents)))
	mux.Handle("POST /slack/commands", a.verified(http.HandlerFunc(a.serveCommand)))
	mux.Handle("POST /slack/interactions", a.verified(http.HandlerFunc(a.serveInteraction)))
}

// Run learns who the bot is (auth.test), then in Socket Mode holds the
// connection to Slack, until ctx is done. It then waits up to
// ShutdownGrace for replies in flight and returns nil. It fails when
// Slack refuses the tokens.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.stop()
	err := a.learnIdentity(ctx)
	if err == nil && a.SocketMode() {
		err = a.runSocketMode(ctx)
	}
	if err == nil {
		<-ctx.Done()
	}
	a.drain()
	if ctx.Err() != nil && (err == nil || errors.Is(err, context.Canceled)) {
		return nil
	}
	return err
}

// drain waits for replies in flight, then cancels what is left.
func (a *Adapter) drain() {
	done := make(chan struct{})
	go func() { a.inflight.Wait(); close(done) }()
	t := time.NewTimer(a.cfg.ShutdownGrace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		a.log.Warn("slack: replies still in flight at shutdown were cancelled")
	}
}

// learnIdentity asks Slack who the bot is, retrying while Slack cannot be
// reached. A refused token is an error: the adapter could never post.
func (a *Adapter) learnIdentity(ctx context.Context) error {
	wait := time.Second
	for {
		res, err := a.api.AuthTestContext(ctx)
		if err == nil {
			a.setSelf(res.UserID)
			a.log.Info("slack: connected", "team", res.TeamID, "mode", a.mode())
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		kind, _ := classify(err)
		a.obs.PlatformError(Surface, kind)
		var se slackapi.SlackErrorResponse
		if errors.As(err, &se) {
			return fmt.Errorf("slack: auth.test refused SLACK_BOT_TOKEN: %w", err)
		}
		if rl, ok := errors.AsType[*slackapi.RateLimitedError](err); ok {
			wait = max(wait, rl.RetryAfter)
		}
		a.log.Warn("slack: cannot reach the Web API; trying again", "err", safeErr(err), "in", wait)
		if err := retry.Sleep(ctx, wait); err != nil {
			return err
		}
		a.obs.Retry(Surface)
		wait = min(2*wait, time.Minute)
	}
}

func (a *Adapter) setSelf(userID string) {
	a.selfID.Store(&userID)
	a.selfOnce.Do(func() { close(a.selfKnown) })
}

func (a *Adapter) mode() string {
	if a.SocketMode() {
		return "socket"
	}
	return "http"
}
