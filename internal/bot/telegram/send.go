package telegram

import (
	"github.com/hotline-org/hotline/internal/retry"

	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/lru"
)

// groupRate is Telegram's limit for one group: 20 messages a minute.
const groupRate = rate.Limit(20.0 / 60)

// errBlocked means the person blocked the bot (or removed it from the
// group): nothing more can be sent there.
var errBlocked = errors.New("the bot was blocked in this chat")

// pacer spaces messages so that Telegram's flood control never has to: per
// chat, overall, and everyone at once after a 429.
type pacer struct {
	chatRate  rate.Limit
	chatBurst int
	overall   *rate.Limiter
	chats     *lru.Cache[*rate.Limiter]

	mu    sync.Mutex
	until time.Time // no message before this, after a 429
}

func newPacer(chatRate rate.Limit, chatBurst int, overall rate.Limit) *pacer {
	return &pacer{
		chatRate: chatRate, chatBurst: chatBurst,
		overall: rate.NewLimiter(overall, max(1, int(overall))),
		chats:   lru.New[*rate.Limiter](100_000, 10*time.Minute, nil),
	}
}

// wait blocks until a message may go to chat.
func (p *pacer) wait(ctx context.Context, chat chatRef) error {
	p.mu.Lock()
	pause := time.Until(p.until)
	p.mu.Unlock()
	if pause > 0 && retry.Sleep(ctx, pause) != nil {
		return ctx.Err()
	}
	l := p.chats.GetOrAdd(chat.key(), func() *rate.Limiter {
		r := p.chatRate
		if !chat.private {
			r = min(r, groupRate)
		}
		return rate.NewLimiter(r, p.chatBurst)
	})
	if err := l.Wait(ctx); err != nil {
		return err
	}
	return p.overall.Wait(ctx)
}

// holdAll stops every message for d: a 429 means the bot as a whole is
// going too fast, not just the one message that got it.
func (p *pacer) holdAll(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := time.Now().Add(d); t.After(p.until) {
		p.until = t
	}
}

// deliver sends a reply as one or more messages, its buttons on the last.
func (a *Adapter) deliver(ctx context.Context, chat chatRef, r bot.Reply) {
	parts := renderHTML(r, messageLimit)
	for _, act := range r.Actions {
		if len(act.ID) > maxCallbackBytes {
			// Action ids come from the engine and the catalog, not from people.
			a.log.Warn("telegram: a button was left out: its action id is longer than Telegram's 64 bytes of callback data", "action", act.ID)
		}
	}
	var markup models.ReplyMarkup
	if kb := keyboard(r.Actions); kb != nil {
		markup = kb
	} else if chat.private && asksForPlace(r) {
		markup = locationKeyboard(a.cfg.Words, r.Language)
	}
	for i, text := range parts {
		p := &tgbot.SendMessageParams{
			ChatID: chat.id, MessageThreadID: chat.thread,
			Text: text, ParseMode: models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		}
		if i == 0 && chat.replyTo != 0 {
			p.ReplyParameters = &models.ReplyParameters{MessageID: chat.replyTo, AllowSendingWithoutReply: true}
		}
		if i == len(parts)-1 && markup != nil {
			p.ReplyMarkup = markup
		}
		if err := a.send(ctx, chat, p); err != nil {
			if !errors.Is(err, errBlocked) {
				a.log.Warn("telegram: a reply was not delivered", "chat", a.chatHash(chat.key()),
					"part", i+1, "parts", len(parts), "kind", errKind(err))
			}
			return
		}
	}
}

// send sends one message, paced. After a failure that may pass it sends
// again, up to MaxResends times: after 429 it waits as long as Telegram
// asks (and holds every other message as long); after a 5xx or a network
// error it backs off. When the person blocked the bot it forgets the chat
// and stops. Should Telegram refuse the HTML, the same words go again as
// plain text: a hotline number must get through.
//
// Telegram takes no idempotency key, so a message whose answer was lost
// on the way back (a timeout, a proxy's 502 after Telegram had sent it)
// goes twice. That is the price of never losing one: a hotline number sent
// twice does less harm than one that never arrives.
func (a *Adapter) send(ctx context.Context, chat chatRef, p *tgbot.SendMessageParams) error {
	backoff := a.timing.Min
	for attempt := 1; ; attempt++ {
		if err := a.pace.wait(ctx, chat); err != nil {
			return err
		}
		sctx, cancel := context.WithTimeout(ctx, requestTimeout)
		_, err := a.tg.SendMessage(sctx, p)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err() // shutting down, not a failure of Telegram's
		}
		_, transient := a.failed(ctx, err)
		switch {
		case errors.Is(err, tgbot.ErrorForbidden):
			a.forgetChat(ctx, chat.key(), "blocked")
			return errBlocked
		case errors.Is(err, tgbot.ErrorBadRequest) && p.ParseMode == models.ParseModeHTML:
			a.log.Warn("telegram: message refused as HTML; sending it as plain text", "chat", a.chatHash(chat.key()))
			p.Text, p.ParseMode = plainText(p.Text), ""
		case !transient || attempt > a.cfg.MaxResends:
			return err
		case a.retryAfter(err) > 0:
			wait := a.retryAfter(err)
			a.log.Warn("telegram: too many requests; waiting as asked", "chat", a.chatHash(chat.key()), "retry_after", wait, "attempt", attempt)
			a.pace.holdAll(wait) // the next pace.wait waits it out
		default:
			wait := retry.Jitter(backoff)
			a.log.Warn("telegram: sending failed; trying again", "chat", a.chatHash(chat.key()), "kind", errKind(err), "wait", wait, "attempt", attempt)
			if retry.Sleep(ctx, wait) != nil {
				return ctx.Err()
			}
			backoff = a.timing.Next(backoff)
		}
		a.obs.Retry(Surface)
	}
}

// retryAfter is how long a 429 asks to wait, or 0 for any other error.
func (a *Adapter) retryAfter(err error) time.Duration {
	return a.timing.Seconds(float64(retryAfterSeconds(err)))
}

// retryAfterSeconds is the retry_after of a 429, at least 1 (Telegram's
// least), or 0 for any other error.
func retryAfterSeconds(err error) int {
	if tooMany, ok := errors.AsType[*tgbot.TooManyRequestsError](err); ok {
		return max(tooMany.RetryAfter, 1)
	}
	if api, ok := errors.AsType[*apiError](err); ok && api.Code == http.StatusTooManyRequests {
		return max(api.RetryAfter, 1)
	}
	return 0
}

// failed reports a failed Bot API call to the Observer, unless ctx is done
// (shutdown is no failure of Telegram's), and returns its kind and whether
// the same request may succeed if made again.
func (a *Adapter) failed(ctx context.Context, err error) (kind string, transient bool) {
	kind, transient = classify(err)
	if ctx.Err() == nil {
		a.obs.PlatformError(Surface, kind)
	}
	return kind, transient
}

// classify names a failed Bot API call's kind, and says whether the same
// request may succeed if made again: after 429, a 5xx or a network error it
// may; after any other refusal it will not.
func classify(err error) (kind string, transient bool) {
	switch {
	case retryAfterSeconds(err) > 0:
		return retry.RateLimited, true
	case errors.Is(err, tgbot.ErrorForbidden), errors.Is(err, tgbot.ErrorBadRequest),
		errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound),
		errors.Is(err, tgbot.ErrorConflict):
		return retry.Client, false
	}
	if _, ok := errors.AsType[*tgbot.MigrateError](err); ok {
		return retry.Client, false
	}
	if api, ok := errors.AsType[*apiError](err); ok {
		if api.Code >= 500 {
			return retry.Server, true
		}
		return retry.Client, false
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return retry.Network, true // url.Error is one: every failure of the request itself
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return retry.Network, true
	}
	// An answer that could not be read: the message may have been sent,
	// and Telegram will not say it went wrong in the same way again.
	return retry.Server, false
}

// serverErrors is the HTTP client the library sends with. It turns a 5xx,
// from the Bot API or a proxy in front of it, into an *apiError: the
// library reports one only as text, or, when the body is an HTML error
// page, as JSON it could not decode, and send must tell a server that
// failed, which deserves another try, from one that refused.
type serverErrors struct{ tgbot.HttpClient }

func (c serverErrors) Do(req *http.Request) (*http.Response, error) {
	res, err := c.HttpClient.Do(req)
	if err != nil || res.StatusCode < 500 {
		return res, err
	}
	defer res.Body.Close()
	var body struct {
		Description string `json:"description"`
	}
	data, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	json.Unmarshal(data, &body) // an HTML page has none
	return nil, &apiError{Method: path.Base(req.URL.Path), Code: res.StatusCode, Description: body.Description}
}

// errKind names an error for logs. Errors from the Bot API may quote the
// request or the answer, which hold message text, so logs get only this.
func errKind(err error) string {
	var api *apiError
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case retryAfterSeconds(err) > 0:
		return "too_many_requests"
	case errors.Is(err, tgbot.ErrorForbidden):
		return "forbidden"
	case errors.Is(err, tgbot.ErrorBadRequest):
		return "bad_request"
	case errors.Is(err, tgbot.ErrorUnauthorized):
		return "unauthorized"
	case errors.Is(err, tgbot.ErrorNotFound):
		return "not_found"
	case errors.Is(err, tgbot.ErrorConflict):
		return "conflict"
	case errors.As(err, &api):
		return api.kind()
	case errors.As(err, &netErr):
		return "network"
	}
	return "other"
}
