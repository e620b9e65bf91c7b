// Package telegram is the Telegram adapter: it turns Bot API updates into
// bot.Message, asks the engine, and renders each bot.Reply as Telegram HTML
// with inline buttons. It long-polls, or serves a webhook on the main
// listener, and lives within Telegram's limits (message length, callback
// data, flood control) so that a reply is never lost to them.
//
// It sends through github.com/go-telegram/bot but fetches updates itself:
// the library's polling loop confirms updates to Telegram before they are
// handled, drops those still queued at shutdown and ignores retry_after,
// and its webhook handler answers 200 to a wrong secret.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/lru"
	"github.com/hotline-org/hotline/internal/retry"
)

// Defaults for Config.
const (
	DefaultAPIURL        = "https://api.telegram.org"
	DefaultWorkers       = 8
	DefaultPollTimeout   = 30 * time.Second
	DefaultShutdownGrace = 10 * time.Second
	DefaultChatRate      = rate.Limit(1) // messages a second to one chat
	DefaultChatBurst     = 3
	DefaultOverallRate   = rate.Limit(30) // messages a second to all chats together
	DefaultMaxResends    = 7              // 8 attempts: see Config.MaxResends
)

// Config is what the Telegram adapter needs. Token and Engine are required;
// every other zero value has the default documented beside it.
type Config struct {
	// Token is the bot token from BotFather (TELEGRAM_BOT_TOKEN).
	Token string
	// APIURL is the Bot API server (TELEGRAM_API_URL): a self-hosted Bot API
	// server, or a fake in tests. Default DefaultAPIURL.
	APIURL string
	// WebhookURL, when set, switches from long polling to a webhook
	// (TELEGRAM_WEBHOOK_URL): Run calls setWebhook with it, and Register
	// serves updates at its path on the main listener.
	WebhookURL string
	// WebhookSecret is the secret Telegram sends in
	// X-Telegram-Bot-Api-Secret-Token (TELEGRAM_WEBHOOK_SECRET): 1 to 256
	// of A-Z, a-z, 0-9, _ and -. Required with WebhookURL; requests without
	// it get 401.
	WebhookSecret string
	// OffsetFile is where long polling keeps the next update offset
	// (TELEGRAM_OFFSET_FILE), so that a restart neither repeats nor skips an
	// update. It holds one decimal number and is replaced atomically after
	// every batch. Default "": the offset lives in memory, and a clean
	// shutdown still confirms every handled update to Telegram; only a crash
	// between a batch and the next poll can then repeat that batch.
	OffsetFile string
	// Updates, when set, remembers the webhook updates taken across
	// replicas (*redisstore.Store), so that Telegram's redelivery to
	// another replica is not answered twice. Default: this replica's memory.
	Updates UpdateLog

	Engine bot.Answerer
	// Words are the command menu and the location button, in every
	// language. Default: Engine, when it is a bot.Wording (*bot.Engine is).
	Words bot.Wording
	// Forgetter erases a chat's session when its person blocks the bot.
	// Default: Engine, when it is a bot.Forgetter.
	Forgetter bot.Forgetter
	Logger    *slog.Logger // default: discard
	// HTTPClient makes every Bot API request. Default: a client without an
	// overall timeout (each request carries its own deadline).
	HTTPClient *http.Client

	Workers int // updates handled at once; default DefaultWorkers
	// PollTimeout is how long one getUpdates waits for news. Default
	// DefaultPollTimeout.
	PollTimeout time.Duration
	// ShutdownGrace is how long replies in flight may take once Run's
	// context is done. Default DefaultShutdownGrace.
	ShutdownGrace time.Duration
	// ChatRate and ChatBurst pace messages to one chat (Telegram allows about
	// one a second; groups get at most 20 a minute whatever ChatRate says).
	// Defaults DefaultChatRate, DefaultChatBurst.
	ChatRate  rate.Limit
	ChatBurst int
	// OverallRate paces messages to all chats together (Telegram allows about
	// 30 a second); the burst is the same number. Default DefaultOverallRate.
	OverallRate rate.Limit
	// MaxResends is how many times one message is sent again after a
	// failure that may pass: 429 Too Many Requests (after the retry_after
	// Telegram names), a 5xx answer or a network error (after a backoff
	// doubling from 250ms to 8s). Other refusals are final. Default
	// DefaultMaxResends: were one call in five to fail, independently, a
	// reply would be lost about once in 400,000 (0.2^8).
	MaxResends int
	// Observer, when set, counts failed Bot API calls and retries
	// (*metrics.Metrics is one).
	Observer retry.Observer
}

// Adapter connects one Telegram bot to the engine.
type Adapter struct {
	cfg         Config
	log         *slog.Logger
	tg          *tgbot.Bot
	forget      bot.Forgetter
	obs         retry.Observer
	pace        *pacer
	timing      retry.Backoff
	webhookPath string // "" when long polling

	me     atomic.Pointer[identity]   // set by Run from getMe
	active atomic.Pointer[dispatcher] // set while a webhook Run takes updates
	seen   *lru.Cache[struct{}]       // webhook update ids, to drop redeliveries
}

// identity is who this bot is, as getMe says: groups address it by name.
type identity struct {
	id       int64
	username string
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	// The webhook path becomes a ServeMux pattern: no wildcards, no spaces.
	pathPattern = regexp.MustCompile(`^/[A-Za-z0-9/_.~-]*$`)
)

// UpdateLog remembers which updates were taken, across replicas.
type UpdateLog interface {
	// FirstSeen marks id for ttl and reports whether this call was first.
	FirstSeen(ctx context.Context, id string, ttl time.Duration) (bool, error)
	// Unsee forgets id: it was taken but not handed on.
	Unsee(ctx context.Context, id string) error
}

// New checks cfg and returns an Adapter. It does not contact Telegram; Run
// does.
func New(cfg Config) (*Adapter, error) {
	if cfg.Engine == nil {
		return nil, errors.New("telegram: Config.Engine is required")
	}
	var ok bool
	if cfg.Words, ok = bot.WordingOf(cfg.Words, cfg.Engine); !ok {
		return nil, errors.New("telegram: Config.Words is required when Engine does not supply the bot's words")
	}
	if !tokenPattern.MatchString(cfg.Token) {
		return nil, errors.New("telegram: the bot token must look like 123456:ABC-xyz (from BotFather)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if u, err := url.Parse(cfg.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("telegram: API URL %q must be an http or https URL", cfg.APIURL)
	}
	var path string
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("telegram: webhook URL %q must be an https URL", cfg.WebhookURL)
		}
		path = u.EscapedPath()
		if path == "" {
			path = "/"
		}
		if !pathPattern.MatchString(path) {
			return nil, fmt.Errorf("telegram: webhook URL path %q may hold only letters, digits and / _ . ~ -", path)
		}
		if !secretPattern.MatchString(cfg.WebhookSecret) {
			return nil, errors.New("telegram: a webhook needs a secret of 1 to 256 letters, digits, _ or - (TELEGRAM_WEBHOOK_SECRET)")
		}
	}
	if err := checkOffsetFile(cfg.OffsetFile); err != nil {
		return nil, err
	}
	if cfg.Forgetter == nil {
		cfg.Forgetter, _ = cfg.Engine.(bot.Forgetter)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = DefaultPollTimeout
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	if cfg.ChatRate <= 0 {
		cfg.ChatRate = DefaultChatRate
	}
	if cfg.ChatBurst <= 0 {
		cfg.ChatBurst = DefaultChatBurst
	}
	if cfg.OverallRate <= 0 {
		cfg.OverallRate = DefaultOverallRate
	}
	if cfg.MaxResends <= 0 {
		cfg.MaxResends = DefaultMaxResends
	}
	if cfg.Observer == nil {
		cfg.Observer = retry.NoObserver{}
	}

	a := &Adapter{
		cfg: cfg, log: cfg.Logger, forget: cfg.Forgetter, obs: cfg.Observer, webhookPath: path,
		pace:   newPacer(cfg.ChatRate, cfg.ChatBurst, cfg.OverallRate),
		timing: retry.DefaultBackoff(),
		seen:   lru.New[struct{}](10_000, time.Hour, nil),
	}
	tg, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithHTTPClient(cfg.PollTimeout, serverErrors{cfg.HTTPClient}),
		tgbot.WithSkipGetMe(), // Run asks getMe itself, with ctx and retries
		// Handlers run in the worker that took the update, so that Run knows
		// when a reply is done.
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithMiddlewares(a.recoverPanics),
		// The library's default handler logs whole updates, text included.
		tgbot.WithDefaultHandler(a.handle),
		tgbot.WithErrorsHandler(func(err error) {
			a.log.Warn("telegram client error", "kind", errKind(err))
		}),
		tgbot.WithDebugHandler(func(string, ...any) {}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	a.tg = tg
	return a, nil
}

// Run identifies the bot, registers its commands and takes updates, by
// webhook or long polling, until ctx is done. Then it stops taking updates,
// lets replies in flight finish (within ShutdownGrace) and returns nil.
// It returns an error only when Telegram refuses the token or the webhook
// URL: failures that waiting will not mend.
func (a *Adapter) Run(ctx context.Context) error {
	// Replies in flight outlive ctx by the grace period, not longer.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	stopGrace := context.AfterFunc(ctx, func() { time.AfterFunc(a.cfg.ShutdownGrace, stopWork) })
	defer stopGrace()

	me, err := a.identify(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.me.Store(me)
	a.registerCommands(ctx)

	d := newDispatcher(a.cfg.Workers, a.process(work))
	if a.webhookPath != "" {
		return a.runWebhook(ctx, d)
	}
	return a.poll(ctx, d)
}

// process is what the workers do with an update: handle it to the end,
// replies included, within work.
func (a *Adapter) process(work context.Context) func(*models.Update) bool {
	return func(u *models.Update) bool {
		a.tg.ProcessUpdate(work, u)
		// Cut short by the end of the grace period: not done, so long
		// polling offers it again after a restart.
		return work.Err() == nil
	}
}

// identify asks getMe who this bot is, retrying until Telegram answers.
func (a *Adapter) identify(ctx context.Context) (*identity, error) {
	var me *models.User
	err := a.retry(ctx, "getMe", func(ctx context.Context) error {
		var err error
		me, err = a.tg.GetMe(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.log.Info("telegram bot ready", "username", me.Username, "mode", a.mode())
	return &identity{id: me.ID, username: me.Username}, nil
}

func (a *Adapter) mode() string {
	if a.webhookPath != "" {
		return "webhook"
	}
	return "long polling"
}

// registerCommands sets the command menu in English for everyone, and in
// each other language the bot speaks for Telegram users of that language.
// A failure leaves the menu as it was; the commands work anyway.
func (a *Adapter) registerCommands(ctx context.Context) {
	for i, lang := range a.cfg.Words.Codes() {
		menuFor := lang
		if i == 0 {
			menuFor = "" // English, the first: for everyone else too
		}
		ctx, cancel := context.WithTimeout(ctx, requestTimeout)
		_, err := a.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
			Commands:     commands(a.cfg.Words, lang),
			LanguageCode: menuFor,
		})
		cancel()
		if err != nil {
			a.failed(ctx, err)
			a.log.Warn("telegram: could not register the command menu", "lang", lang, "kind", errKind(err))
		}
	}
}

// retry calls f until it succeeds, backing off on failures Telegram or the
// network may recover from, and waiting retry_after on 429. A refused token
// or a request Telegram calls bad (a webhook URL it will not take) is final.
func (a *Adapter) retry(ctx context.Context, method string, f func(context.Context) error) error {
	backoff := 500 * time.Millisecond
	for {
		rctx, cancel := context.WithTimeout(ctx, requestTimeout)
		err := f(rctx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a.failed(ctx, err)
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
			return fmt.Errorf("telegram: %s: the bot token was refused: %w", method, err)
		}
		if errors.Is(err, tgbot.ErrorBadRequest) {
			return fmt.Errorf("telegram: %s: %w", method, err)
		}
		wait := backoff
		if ra := a.retryAfter(err); ra > 0 {
			wait = ra
		}
		a.obs.Retry(Surface)
		a.log.Warn("telegram request failed; retrying", "method", method, "kind", errKind(err), "wait", wait)
		if retry.Sleep(ctx, wait) != nil {
			return ctx.Err()
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

// requestTimeout bounds one Bot API request other than a long poll.
const requestTimeout = 30 * time.Second

// Name is the platform's name, for logs and /readyz.
func (a *Adapter) Name() string { return "telegram" }

// Ready reports whether the adapter has reached the Bot API: Run has learned
// the bot's name and is taking updates.
func (a *Adapter) Ready() bool { return a.me.Load() != nil }
