package slack

import (
	"context"
	"errors"
	"net/url"
	"time"

	slackapi "github.com/slack-go/slack"
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

// deliver sends, waiting out Slack's rate limit (429 with Retry-After) a
// bounded number of times. A failure is logged with the method and the
// chat's hash, never the text.
func (a *Adapter) deliver(ctx context.Context, key, method string, send func(context.Context) error) {
	for attempt := 1; ; attempt++ {
		err := send(ctx)
		if err == nil {
			return
		}
		rl, limited := errors.AsType[*slackapi.RateLimitedError](err)
		if limited && attempt <= a.cfg.MaxRetries && rl.RetryAfter <= a.cfg.MaxRetryWait {
			a.log.Info("slack: rate limited; waiting to post again", "method", method, "chat", a.hash(key), "retry_after", rl.RetryAfter, "attempt", attempt)
			if sleep(ctx, rl.RetryAfter) == nil {
				continue
			}
			err = ctx.Err()
		}
		a.log.Error("slack: reply not delivered", "method", method, "chat", a.hash(key), "attempts", attempt, "err", safeErr(err))
		return
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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
