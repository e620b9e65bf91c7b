package telegram

import (
	"context"
	"errors"
	"net"
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
	if pause > 0 && !sleep(ctx, pause) {
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
		markup = locationKeyboard(r.Language)
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

// send sends one message, paced; after 429 it waits as long as Telegram
// asks and sends again; when the person blocked the bot it forgets the
// chat and stops. Should Telegram refuse the HTML, the same words go again
// as plain text: a hotline number must get through.
func (a *Adapter) send(ctx context.Context, chat chatRef, p *tgbot.SendMessageParams) error {
	resends := 0
	for {
		if err := a.pace.wait(ctx, chat); err != nil {
			return err
		}
		sctx, cancel := context.WithTimeout(ctx, requestTimeout)
		_, err := a.tg.SendMessage(sctx, p)
		cancel()
		switch {
		case err == nil:
			return nil
		case errors.Is(err, tgbot.ErrorForbidden):
			a.forgetChat(ctx, chat.key(), "blocked")
			return errBlocked
		case retryAfter(err) > 0 && resends < a.cfg.MaxResends:
			wait := retryAfter(err)
			a.log.Warn("telegram: too many requests; waiting as asked", "chat", a.chatHash(chat.key()), "retry_after", wait)
			a.pace.holdAll(wait)
			resends++
		case errors.Is(err, tgbot.ErrorBadRequest) && p.ParseMode == models.ParseModeHTML:
			a.log.Warn("telegram: message refused as HTML; sending it as plain text", "chat", a.chatHash(chat.key()))
			p.Text, p.ParseMode = plainText(p.Text), ""
		default:
			return err
		}
	}
}

// retryAfter is how long a 429 asks to wait, or 0 for any other error.
func retryAfter(err error) time.Duration {
	var tooMany *tgbot.TooManyRequestsError
	if !errors.As(err, &tooMany) {
		var api *apiError
		if !errors.As(err, &api) || api.Code != 429 {
			return 0
		}
		return max(time.Duration(api.RetryAfter)*time.Second, time.Second)
	}
	return max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second)
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
	case retryAfter(err) > 0:
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
