package slack

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"

	slackapi "github.com/slack-go/slack"

	"github.com/hotline-org/hotline/internal/retry"
)

// postMessage posts a reply with chat.postMessage, in a thread when one is given.
func (a *Adapter) postMessage(ctx context.Context, key, channel, thread string, blocks []slackapi.Block, fallback string) {
	opts := []slackapi.MsgOption{
		slackapi.MsgOptionText(fallback, true),
		slackapi.MsgOptionBlocks(blocks...),
		// Link previews would bury the contacts under pictures of websites.
		slackapi.MsgOptionDisableLinkUnfurl(),
		slackapi.MsgOptionDisableMediaUnfurl(),
	}
	if thread != "" {
		opts = append(opts, slackapi.MsgOptionTS(thread))
	}
	a.deliver(ctx, key, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// respond answers through a request's response_url: privately
// (ephemeral) or for the whole channel (in_channel), never replacing the
// message the button was on.
func (a *Adapter) respond(ctx context.Context, key, responseURL, responseType string, blocks []slackapi.Block, fallback string) {
	if !a.hookAllowed(responseURL) {
		a.log.Error("slack: reply not delivered", "method", "response_url", "chat", a.hash(key), "err", "response_url missing or not a Slack URL")
		return
	}
	a.deliver(ctx, key, "response_url", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "",
			slackapi.MsgOptionResponseURL(responseURL, responseType),
			slackapi.MsgOptionText(fallback, true),
			slackapi.MsgOptionBlocks(blocks...),
		)
		return err
	})
}

// hookAllowed reports whether a response_url points at Slack (or at the
// Web API stand-in configured instead), so that a request can never make
// the bot post its answer somewhere else.
func (a *Adapter) hookAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch {
	case u.Scheme == "https" && (u.Host == "hooks.slack.com" || u.Host == "hooks.slack-gov.com"):
		return true
	case a.standIn != nil && u.Scheme == a.standIn.Scheme && u.Host == a.standIn.Host:
		return true
	}
	return false
}

// deliver sends, and sends again after a failure that may pass, up to
// MaxRetries times: after 429 it waits the Retry-After Slack names (unless
// that is longer than MaxRetryWait), after a 5xx, a network error or an
// error Slack calls temporary it backs off. A failure is logged with the
// method and the chat's hash, never the text.
//
// Neither chat.postMessage nor a response_url takes an idempotency key, so
// a post whose answer was lost on the way back goes twice. That is the
// price of never losing one: a referral shown twice does less harm than
// one that never arrives.
func (a *Adapter) deliver(ctx context.Context, key, method string, send func(context.Context) error) {
	backoff := a.timing.Min
	for attempt := 1; ; attempt++ {
		err := send(ctx)
		if err == nil {
			return
		}
		if a.life.Err() != nil { // shutting down: not a failure of Slack's
			a.log.Error("slack: reply not delivered", "method", method, "chat", a.hash(key), "attempts", attempt, "err", "shutting down")
			return
		}
		kind, transient := classify(err)
		a.obs.PlatformError(Surface, kind)
		wait := retry.Jitter(backoff)
		rl, limited := errors.AsType[*slackapi.RateLimitedError](err)
		if limited {
			transient = transient && rl.RetryAfter <= a.cfg.MaxRetryWait
			// Slack counts Retry-After in whole seconds.
			wait = a.timing.Seconds(rl.RetryAfter.Seconds())
		}
		if !transient || attempt > a.cfg.MaxRetries || ctx.Err() != nil {
			a.log.Error("slack: reply not delivered", "method", method, "chat", a.hash(key), "attempts", attempt, "kind", kind, "err", safeErr(err))
			return
		}
		if limited {
			a.log.Info("slack: rate limited; waiting to post again", "method", method, "chat", a.hash(key), "retry_after", rl.RetryAfter, "attempt", attempt)
		} else {
			a.log.Warn("slack: post failed; trying again", "method", method, "chat", a.hash(key), "kind", kind, "wait", wait, "attempt", attempt)
			backoff = a.timing.Next(backoff)
		}
		if err := retry.Sleep(ctx, wait); err != nil {
			a.log.Error("slack: reply not delivered", "method", method, "chat", a.hash(key), "attempts", attempt, "err", safeErr(err))
			return
		}
		a.obs.Retry(Surface)
	}
}

// classify names a failed call's kind, and says whether the same request
// may succeed if made again.
func classify(err error) (kind string, transient bool) {
	if _, ok := errors.AsType[*slackapi.RateLimitedError](err); ok {
		return retry.RateLimited, true
	}
	if sc, ok := errors.AsType[slackapi.StatusCodeError](err); ok {
		switch {
		case sc.Code == http.StatusTooManyRequests: // without a Retry-After
			return retry.RateLimited, true
		case sc.Code >= 500:
			return retry.Server, true
		}
		return retry.Client, false
	}
	if se, ok := errors.AsType[slackapi.SlackErrorResponse](err); ok {
		switch se.Err {
		case "ratelimited":
			return retry.RateLimited, true
		case "internal_error", "service_unavailable", "request_timeout":
			return retry.Server, true
		}
		return retry.Client, false // channel_not_found, invalid_blocks, expired_url, …
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return retry.Network, true // url.Error is one: every failure of the request itself
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return retry.Network, true
	}
	// An answer that could not be read: the post may have been made.
	return retry.Server, false
}

func (a *Adapter) hash(key string) string {
	if a.hasher == nil {
		return ""
	}
	return a.hasher.ChatHash(key)
}

// safeErr says what went wrong without the request's URL: a response_url
// is a credential for half an hour, and must not reach the logs.
func safeErr(err error) string {
	if err == nil {
		return ""
	}
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Op + ": " + safeErr(ue.Err)
	}
	return cut(err.Error(), 200)
}
