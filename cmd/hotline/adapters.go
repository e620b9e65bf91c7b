package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot/slack"
	"github.com/hotline-org/hotline/internal/bot/telegram"
	"github.com/hotline-org/hotline/internal/catalog"
)

// adaptersFromEnv turns on every platform whose settings are in the
// environment. The environment variables are the contract in the README.
func adaptersFromEnv(a *app.App, logger *slog.Logger, events slack.EventLog) ([]app.Adapter, error) {
	var out []app.Adapter
	// Redis, when there is one, remembers Telegram's updates too.
	updates, _ := events.(telegram.UpdateLog)
	if token := os.Getenv("TELEGRAM_BOT_TOKEN"); token != "" {
		tg, err := telegram.New(telegram.Config{
			Token:         token,
			APIURL:        os.Getenv("TELEGRAM_API_URL"),
			WebhookURL:    os.Getenv("TELEGRAM_WEBHOOK_URL"),
			WebhookSecret: os.Getenv("TELEGRAM_WEBHOOK_SECRET"),
			OffsetFile:    os.Getenv("TELEGRAM_OFFSET_FILE"),
			Updates:       updates,
			Engine:        a.Engine,
			Observer:      a.Metrics,
			Logger:        logger.With("adapter", "telegram"),
		})
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		out = append(out, tg)
	}
	if token := os.Getenv("SLACK_BOT_TOKEN"); token != "" {
		sl, err := slack.New(slack.Config{
			BotToken:      token,
			AppToken:      os.Getenv("SLACK_APP_TOKEN"),
			SigningSecret: os.Getenv("SLACK_SIGNING_SECRET"),
			APIURL:        os.Getenv("SLACK_API_URL"),
			Engine:        a.Engine,
			Catalog:       a.Catalog,
			Events:        events,
			Observer:      a.Metrics,
			Logger:        logger.With("adapter", "slack"),
		})
		if err != nil {
			return nil, fmt.Errorf("slack: %w", err)
		}
		out = append(out, sl)
	}
	return out, nil
}

// notifyMaintainers returns the hook that posts a rejected catalog edit to
// the maintainers' Slack channel, or nil when Slack or the channel is not
// configured.
func notifyMaintainers(ctx context.Context, adapters []app.Adapter, channel string) func(error) {
	if channel == "" {
		return nil
	}
	for _, ad := range adapters {
		if sl, ok := ad.(*slack.Adapter); ok {
			return func(err error) {
				var b strings.Builder
				b.WriteString(":warning: A catalog edit was rejected; the previous catalog is still serving.\n```\n")
				var cerr *catalog.Error
				if errors.As(err, &cerr) {
					for i, d := range cerr.Diagnostics {
						if i == 20 {
							fmt.Fprintf(&b, "… and %d more (run hotline lint)\n", len(cerr.Diagnostics)-20)
							break
						}
						b.WriteString(d.String() + "\n")
					}
				} else {
					b.WriteString(err.Error() + "\n")
				}
				b.WriteString("```")
				sl.Notify(ctx, channel, b.String())
			}
		}
	}
	return nil
}
